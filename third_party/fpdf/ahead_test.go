package fpdf

import (
	"bytes"
	"errors"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// aheadSample is a document of several pages and three UTF-8 fonts, with
// a page-count alias replaced at the end.
func aheadSample(compress, tagged bool) *Fpdf {
	f := New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.SetCatalogSort(true)
	f.SetTagged(tagged)
	date := time.Date(2021, 9, 22, 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.AliasNbPages("")
	f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
	f.AddUTF8FontFromBytes("dejavu", "", dejavusans.TTF)
	f.SetAutoPageBreak(false, 0)
	for p := 1; p <= 7; p++ {
		f.AddPage()
		f.SetFont("sans", "B", 14)
		f.Text(20, 20, "Page {nb}: Café £1,250 – résumé")
		f.SetFont("sans", "", 11)
		for i := range 40 {
			f.Text(20, 30+float64(i)*6, strings.Repeat("The council upheld 12 complaints ", 1+(p+i)%3))
		}
		if p%2 == 0 {
			f.SetFont("dejavu", "", 11)
			f.Text(20, 280, "Ωμέγα ≤ ∑ → ✓")
		}
	}
	return f
}

// TestAheadSameBytes checks that preparing the streams on other
// goroutines gives exactly the bytes of preparing them in place (one
// goroutine, as upstream does), with compression on and off, tagged or
// not, and writing several documents at once.
func TestAheadSameBytes(t *testing.T) {
	for _, compress := range []bool{true, false} {
		for _, tagged := range []bool{false, true} {
			prev := runtime.GOMAXPROCS(1)
			want := output(t, aheadSample(compress, tagged))
			runtime.GOMAXPROCS(max(prev, 4))
			got := output(t, aheadSample(compress, tagged))
			parallel := make([][]byte, 4)
			done := make(chan int)
			for i := range parallel {
				go func() {
					var b bytes.Buffer
					if err := aheadSample(compress, tagged).Output(&b); err == nil {
						parallel[i] = b.Bytes()
					}
					done <- i
				}()
			}
			for range parallel {
				<-done
			}
			runtime.GOMAXPROCS(prev)
			if !bytes.Equal(got, want) {
				t.Errorf("compress %v, tagged %v: %d bytes in parallel, %d in place, not the same", compress, tagged, len(got), len(want))
			}
			for i, p := range parallel {
				if !bytes.Equal(p, want) {
					t.Errorf("compress %v, tagged %v: document %d of 4 written at once differs", compress, tagged, i)
				}
			}
			if content := decompressedPages(t, got); compress && (len(content) == 0 || bytes.Contains(content, []byte(utf8toutf16("{nb}", false)))) {
				t.Errorf("compress %v, tagged %v: the page-count alias was not replaced before compressing", compress, tagged)
			}
		}
	}
}

// decompressedPages returns every FlateDecode stream of pdf inflated, one
// after another.
func decompressedPages(t *testing.T, pdf []byte) []byte {
	t.Helper()
	var all []byte
	for rest := pdf; ; {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			return all
		}
		rest = rest[i+len("stream\n"):]
		end := bytes.Index(rest, []byte("\nendstream"))
		if end < 0 {
			return all
		}
		if mem, err := xmem.uncompress(rest[:end]); err == nil {
			all = append(all, mem.copy()...)
			mem.release()
		}
		rest = rest[end:]
	}
}

// TestAheadPanicOnWriter checks that a panic preparing a stream reaches
// the goroutine that waits for it, where a caller's recover (report/pdf's
// Write) turns it into an error, rather than ending the process.
func TestAheadPanicOnWriter(t *testing.T) {
	boom := errors.New("boom")
	a, run := job(func() int { panic(boom) })
	go run()
	defer func() {
		if r := recover(); r != boom {
			t.Errorf("recovered %v, want %v", r, boom)
		}
	}()
	a.get()
	t.Error("get returned after a panic")
}

// TestAheadDamagedFont checks that a font the subsetter cannot read is
// still the document's error when the subset is prepared ahead.
func TestAheadDamagedFont(t *testing.T) {
	prev := runtime.GOMAXPROCS(max(runtime.GOMAXPROCS(0), 2))
	defer runtime.GOMAXPROCS(prev)
	f := aheadSample(true, false)
	// Glyph offsets past the end of the file: the subset fails.
	def := f.fonts["sans"]
	loca := def.utf8File.tableDescriptions["loca"]
	if loca == nil {
		t.Fatal("no loca table")
	}
	file := *def.utf8File
	reader := *file.fileReader
	reader.array = bytes.Clone(reader.array)
	for i := range 64 {
		reader.array[loca.position+i] = 0xFF
	}
	file.fileReader = &reader
	def.utf8File = &file
	f.fonts["sans"] = def
	err := f.Output(&bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "font sans") {
		t.Errorf("Output: %v, want the damaged font sans reported", err)
	}
}
