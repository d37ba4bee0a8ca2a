package pack

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/hostile"
	"github.com/paperhq/paper/report/internal/pdfgen"
	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pack/packtest"
)

// FuzzExternalPDF feeds arbitrary bytes to the path an appendix or PDF
// item takes: read and check it, then copy its pages into a pack. Either
// the file is refused with an error or it is copied: never a panic, and a
// copied file gives a pack whose every page is numbered.
func FuzzExternalPDF(f *testing.F) {
	dir := f.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1, AppendixPages: 1})
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"minutes.pdf", "paper01/appendix-a.pdf"} {
		data, err := os.ReadFile(filepath.Join(filepath.Dir(m.Agenda), name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
		f.Add(data[:len(data)/2])
	}
	// The hostile catalogue, but for the bombs, which are slow by design.
	for _, c := range hostile.Cases() {
		if c.Err == "" {
			f.Add(c.Build())
		}
	}
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[2 0 R]/Count 1>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF"))
	meeting := layout.Meeting{Council: "K", Committee: "C"}
	front := &part{bookmark: "Front sheet and agenda", start: 1,
		doc: layout.FrontSheet(meeting, []layout.AgendaEntry{{Title: "Fuzz", Page: 2}}, false, time.Time{})}
	if err := render([]*part{front}, nil); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "in.pdf")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		// A file that takes this long is a hang: fail, so the fuzzer
		// keeps the input.
		type result struct {
			out []byte
			err error
		}
		done := make(chan result, 1)
		go func() {
			src, err := readPDF(path)
			if err != nil {
				done <- result{nil, err}
				return
			}
			p := &part{item: 1, bookmark: "1. Fuzz", ext: src, ctx: src.ctx, pages: src.pages, start: 2}
			out, err := write(meeting, front, []*part{p}, false, time.Time{})
			if err == nil {
				// The second pack to copy a file reuses what the first
				// worked out (reuse.go): it must copy it alike.
				q := &part{item: 1, bookmark: "1. Fuzz", ext: src, ctx: src.ctx, pages: src.pages, start: 2}
				again, err2 := write(meeting, front, []*part{q}, false, time.Time{})
				if err2 != nil || !bytes.Equal(again, out) {
					err = fmt.Errorf("a second copy of the file differs from the first (%d and %d bytes, %v)", len(out), len(again), err2)
					done <- result{nil, err}
					return
				}
			}
			done <- result{out, err}
		}()
		var res result
		select {
		case res = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("reading and copying a %d-byte file takes over 10 seconds", len(data))
		}
		out, err := res.out, res.err
		if err != nil && strings.HasPrefix(err.Error(), "a second copy") {
			t.Fatal(err)
		}
		if err != nil {
			return
		}
		if !bytes.HasPrefix(out, []byte("%PDF-1.7")) || !bytes.HasSuffix(out, []byte("%%EOF\n")) {
			t.Fatalf("pack is not a PDF")
		}
		if _, err := readContext(out); err != nil {
			t.Fatalf("the pack of an accepted file does not read back: %v", err)
		}
		// Whatever the file's structure tree held, the pack's tree
		// gives every MCID one parent and agrees with the parent tree.
		tree, err := pdftags.ReadBytes(out)
		if err != nil {
			t.Fatalf("the pack's structure does not read back: %v", err)
		}
		for _, p := range tree.Problems {
			if strings.Contains(p, "structure parents") || strings.Contains(p, "parent tree") || strings.Contains(p, "the tree refers") {
				t.Errorf("pack structure: %s", p)
			}
		}
	})
}

// FuzzStructTree feeds arbitrary structure elements to the copier: a
// tagged page whose three paragraphs the fuzzer's elements (objects 4
// and 5, the root's kids) may claim, loop through, point elsewhere from
// or dress with any keys. The pack is made (the page's content is valid),
// and its structure tree gives every MCID one parent and agrees with its
// parent tree.
func FuzzStructTree(f *testing.F) {
	f.Add("<< /Type /StructElem /S /P /Pg 7 0 R /K [0 9 0 R] >>", "<< /Type /StructElem /S /H1 /Pg 7 0 R /K [1 2] /Alt (x) >>")
	f.Add("<< /S /Para /K [8 0 R 9 0 R 0] /Pg 7 0 R >>", "<< /S /Figure /K << /Type /MCR /MCID 2 /Pg 7 0 R >> /A [<< /O /Table /Headers [(a) (b)] >> 0] /ID (a) >>")
	f.Add("<< /S /Table /Pg 7 0 R /K [<< /S /TR /K [<< /S /TH /K 0 >> << /S /TD /K 1 /A << /O /Layout /BBox [1 2 3] >> >>] >>] >>", "<< /S /Link /K << /Type /OBJR /Obj 8 0 R >> /Pg 3 0 R >>")
	meeting := layout.Meeting{Council: "K", Committee: "C"}
	front := &part{bookmark: "Front sheet and agenda", start: 1,
		doc: layout.FrontSheet(meeting, []layout.AgendaEntry{{Title: "Fuzz", Page: 2}}, false, time.Time{})}
	if err := render([]*part{front}, nil); err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		g := &pdfgen.File{}
		root := g.Reserve() // 1: the StructTreeRoot
		g.AddPages(fmt.Sprintf("/MarkInfo << /Marked true >> /StructTreeRoot %s /RoleMap << /Para /P >>", pdfgen.Ref(root)), pdfgen.Page{
			Content: "/P <</MCID 0>> BDC\n" + pdfgen.Text(72, 760, 12, "one") + "EMC\n/P <</MCID 1>> BDC\n" +
				pdfgen.Text(72, 740, 12, "two") + "EMC\n/Span <</MCID 2>> BDC\n" + pdfgen.Text(72, 720, 12, "three") + "EMC\n",
		}) // 2 catalogue, 3 page tree, 4-5 fonts, 6 content, 7 the page: the elements are 8 and 9
		e1, e2 := g.Add(a), g.Add(b)
		g.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K [%s %s] /RoleMap << /Para /P >> >>", pdfgen.Ref(e1), pdfgen.Ref(e2)))
		path := filepath.Join(t.TempDir(), "in.pdf")
		if err := os.WriteFile(path, g.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		type result struct {
			out  []byte
			read bool
			err  error
		}
		done := make(chan result, 1)
		go func() {
			src, err := readPDF(path)
			if err != nil {
				done <- result{}
				return
			}
			p := &part{item: 1, bookmark: "1. Fuzz", ext: src, ctx: src.ctx, pages: src.pages, start: 2}
			out, err := write(meeting, front, []*part{p}, false, time.Time{})
			done <- result{out, true, err}
		}()
		var res result
		select {
		case res = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("reading and copying a one-page file takes over 10 seconds")
		}
		if !res.read {
			return // the fuzzer's text broke the file's syntax
		}
		out, err := res.out, res.err
		if err != nil {
			t.Fatalf("a readable file with a valid page and any structure tree was refused: %v", err)
		}
		tree, err := pdftags.ReadBytes(out)
		if err != nil {
			t.Fatalf("the pack's structure does not read back: %v", err)
		}
		for _, p := range tree.Problems {
			t.Errorf("pack structure: %s", p)
		}

	})
}
