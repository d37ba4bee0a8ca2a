package docx

import (
	"archive/zip"
	"bytes"
	"io"
	"math/rand/v2"
	"testing"
	"time"
)

// growRecorder is a bytes.Buffer that notes what it was asked to grow by.
type growRecorder struct {
	bytes.Buffer
	grown []int
}

func (g *growRecorder) Grow(n int) {
	g.grown = append(g.grown, n)
	g.Buffer.Grow(n)
}

// TestWriteZip checks the DOCX's archive: every part read back intact
// by archive/zip, in order, deflated or stored as asked, with its sizes
// in the local header (no data descriptor), stamped with the time given,
// and the buffer written to grown once, by exactly the archive's length.
func TestWriteZip(t *testing.T) {
	at := time.Date(2026, 6, 1, 9, 30, 0, 0, time.UTC)
	noise := make([]byte, 200_000) // incompressible: deflate adds to it
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	tests := []struct {
		name  string
		parts []part
	}{
		{"none", nil},
		{"parts of every kind", []part{
			{name: "[Content_Types].xml", data: []byte(`<?xml version="1.0"?><Types/>`)},
			{name: "word/document.xml", data: bytes.Repeat([]byte(`<w:p><w:r><w:t>Complaints upheld</w:t></w:r></w:p>`), 4000)},
			{name: "word/empty.xml", data: nil},
			{name: "word/media/image1.png", data: noise[:5000], store: true},
			{name: "word/embeddings/noise.bin", data: noise},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out growRecorder
			if err := writeZip(&out, tt.parts, at); err != nil {
				t.Fatal(err)
			}
			if len(out.grown) != 1 || out.grown[0] != out.Len() {
				t.Errorf("grown by %v for an archive of %d bytes, want once by its length", out.grown, out.Len())
			}
			checkArchive(t, out.Bytes(), tt.parts, at)
		})
	}
}

// checkArchive reads data back with archive/zip and checks it holds
// parts, in order, each deflated or stored as the part asks, with its
// sizes in the local header (no data descriptor), modified at modified.
func checkArchive(t *testing.T, data []byte, parts []part, modified time.Time) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(parts) {
		t.Fatalf("%d entries, want %d", len(zr.File), len(parts))
	}
	for i, f := range zr.File {
		p := parts[i]
		method := zip.Deflate
		if p.store {
			method = zip.Store
		}
		if f.Name != p.name || f.Method != method || f.Flags&0x8 != 0 {
			t.Errorf("entry %d: %s, method %d, flags %#x; want %s, method %d, without a data descriptor", i, f.Name, f.Method, f.Flags, p.name, method)
		}
		if !f.Modified.Equal(modified) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, modified)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, p.data) {
			t.Errorf("%s: read %d bytes (%v), want %d", f.Name, len(got), err, len(p.data))
		}
	}
}
