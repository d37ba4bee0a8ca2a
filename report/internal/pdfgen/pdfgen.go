// Package pdfgen writes PDF files object by object, for tests and fixtures
// that need PDFs no well-behaved writer makes: layers switched off, hidden
// annotations, text painted under a black box, streams that inflate far
// past their size. Every byte of an object is what the caller writes, so
// a fixture says exactly what it contains; pdfgen adds only the header,
// the cross-reference table and the trailer, and keeps them correct.
package pdfgen

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// File is a PDF under construction. Object numbers start at 1 in the
// order objects are added or reserved.
type File struct {
	objs []string
	// Root is the catalog's object number; Bytes writes it as the
	// trailer's /Root. NewPages sets it.
	Root int
	// Info, when not zero, is written as the trailer's /Info.
	Info int
	// Trailer holds extra trailer entries, written as they are.
	Trailer string
}

// Reserve allocates an object number to be set later with Set, so that
// objects can refer to each other.
func (f *File) Reserve() int {
	f.objs = append(f.objs, "")
	return len(f.objs)
}

// Set gives object n its body (a dictionary, array, number ... or a
// dictionary followed by a stream, as Stream writes it).
func (f *File) Set(n int, body string) { f.objs[n-1] = body }

// Add adds an object and returns its number.
func (f *File) Add(body string) int {
	n := f.Reserve()
	f.Set(n, body)
	return n
}

// Stream adds a stream object: dict holds the entries other than
// /Length (without the enclosing << >>), data the stream's bytes as
// stored.
func (f *File) Stream(dict string, data []byte) int {
	return f.Add(StreamBody(dict, data))
}

// FlateStream adds a stream whose data is compressed with zlib, with
// /Filter /FlateDecode added to dict.
func (f *File) FlateStream(dict string, data []byte) int {
	return f.Stream(strings.TrimSpace(dict+" /Filter /FlateDecode"), Deflate(data))
}

// StreamBody is the body of a stream object: the dictionary with its
// /Length, then the data.
func StreamBody(dict string, data []byte) string {
	return fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
}

// Deflate compresses data as /FlateDecode expects.
func Deflate(data []byte) []byte {
	var b bytes.Buffer
	w, _ := zlib.NewWriterLevel(&b, zlib.BestCompression)
	w.Write(data)
	w.Close()
	return b.Bytes()
}

// Ref is an indirect reference to object n: "n 0 R".
func Ref(n int) string { return fmt.Sprintf("%d 0 R", n) }

// Bytes writes the file: header, objects, cross-reference table and
// trailer.
func (f *File) Bytes() []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(f.objs))
	for i, body := range f.objs {
		offsets[i] = b.Len()
		if body == "" {
			body = "null"
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, body)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(f.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s", len(f.objs)+1, Ref(f.Root))
	if f.Info != 0 {
		fmt.Fprintf(&b, " /Info %s", Ref(f.Info))
	}
	if f.Trailer != "" {
		b.WriteString(" " + f.Trailer)
	}
	fmt.Fprintf(&b, " >>\nstartxref\n%d\n%%%%EOF\n", xref)
	return b.Bytes()
}

// Page is one page of a document made by NewPages.
type Page struct {
	// Content is the page's content stream, uncompressed. In it, /F1 is
	// Helvetica and /F2 Helvetica-Bold unless Resources says otherwise.
	Content string
	// Resources, when set, replaces the default resource dictionary
	// (<< /Font << /F1 .. /F2 .. >> >>); it may refer to the fonts with
	// %[1]s and %[2]s, which become references to Helvetica and
	// Helvetica-Bold.
	Resources string
	// Extra holds more page dictionary entries, e.g. "/Annots [5 0 R]".
	Extra string
	// MediaBox defaults to A4 portrait, [0 0 595 842].
	MediaBox string
}

// NewPages starts a file with a catalog, a page tree and the given
// pages (see AddPages). It returns the file, so the caller can add
// objects and refer to them, and each page's object number.
func NewPages(catalogExtra string, pages ...Page) (*File, []int) {
	f := &File{}
	return f, f.AddPages(catalogExtra, pages...)
}

// AddPages adds a catalog (made the file's Root), a page tree and the
// given pages, A4 unless a page says otherwise. catalogExtra holds more
// catalog entries (/OCProperties, /AcroForm ...), so objects they refer
// to can be added first. It returns each page's object number, so
// annotations can point back at their page.
func (f *File) AddPages(catalogExtra string, pages ...Page) []int {
	f.Root = f.Reserve()
	tree := f.Reserve()
	regular := f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
	bold := f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
	nums := make([]int, len(pages))
	kids := make([]string, len(pages))
	for i, p := range pages {
		content := f.Stream("", []byte(p.Content))
		res := p.Resources
		if res == "" {
			res = "<< /Font << /F1 %[1]s /F2 %[2]s >> >>"
		}
		res = fmt.Sprintf(res, Ref(regular), Ref(bold))
		box := p.MediaBox
		if box == "" {
			box = "[0 0 595 842]"
		}
		nums[i] = f.Add(fmt.Sprintf("<< /Type /Page /Parent %s /MediaBox %s /Resources %s /Contents %s %s >>",
			Ref(tree), box, res, Ref(content), p.Extra))
		kids[i] = Ref(nums[i])
	}
	f.Set(tree, fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)))
	f.Set(f.Root, fmt.Sprintf("<< /Type /Catalog /Pages %s %s >>", Ref(tree), catalogExtra))
	return nums
}

// Text is a content-stream fragment that shows s (ASCII, escaped here)
// at x, y in points with font /F1 at size pt.
func Text(x, y, pt float64, s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return fmt.Sprintf("BT /F1 %g Tf %g %g Td (%s) Tj ET\n", pt, x, y, r.Replace(s))
}
