package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// node is a parsed XML element: enough of a DOM for assertions.
type node struct {
	space, name string
	attr        map[string]string // by local name
	kids        []*node
	text        strings.Builder // character data directly inside
}

// decodeXML parses data token by token with encoding/xml, which rejects
// malformed XML and characters XML 1.0 does not allow.
func decodeXML(data []byte) (*node, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	root := &node{}
	stack := []*node{root}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			n := &node{space: tok.Name.Space, name: tok.Name.Local, attr: map[string]string{}}
			for _, a := range tok.Attr {
				n.attr[a.Name.Local] = a.Value
			}
			top := stack[len(stack)-1]
			top.kids = append(top.kids, n)
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			stack[len(stack)-1].text.Write(tok)
		}
	}
	if len(stack) != 1 || len(root.kids) != 1 {
		return nil, errors.New("not one root element")
	}
	return root.kids[0], nil
}

// all returns the descendants (and n itself) with local name local, in
// document order.
func (n *node) all(local string) []*node {
	var out []*node
	var walk func(*node)
	walk = func(m *node) {
		if m.name == local {
			out = append(out, m)
		}
		for _, k := range m.kids {
			walk(k)
		}
	}
	walk(n)
	return out
}

func (n *node) first(local string) *node {
	if all := n.all(local); len(all) > 0 {
		return all[0]
	}
	return nil
}

// has reports whether n has a descendant named local.
func (n *node) has(local string) bool { return n.first(local) != nil }

// plain returns the text of a paragraph (or any element) as Word shows
// it: w:t text, w:tab as a tab, w:br as a newline; field instructions are
// skipped.
func (n *node) plain() string {
	var sb strings.Builder
	var walk func(*node)
	walk = func(m *node) {
		switch m.name {
		case "t":
			sb.WriteString(m.text.String())
		case "tab":
			if m.space == nsW && len(m.attr) == 0 {
				sb.WriteByte('\t')
			}
		case "br":
			sb.WriteByte('\n')
		}
		for _, k := range m.kids {
			walk(k)
		}
	}
	walk(n)
	return sb.String()
}

// pkg is an unpacked DOCX.
type pkg struct {
	names []string
	parts map[string][]byte
	files []*zip.File
}

func unpack(t testing.TB, data []byte) pkg {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	p := pkg{parts: map[string][]byte{}, files: zr.File}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		p.names = append(p.names, f.Name)
		p.parts[f.Name] = b
	}
	return p
}

// xml parses a part, failing the test when it is missing or malformed.
func (p pkg) xml(t testing.TB, name string) *node {
	t.Helper()
	data, ok := p.parts[name]
	if !ok {
		t.Fatalf("no part %s (have %v)", name, p.names)
	}
	n, err := decodeXML(data)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return n
}

// write writes d and returns the bytes, failing the test on error.
func write(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, d); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// newDoc returns a document with the default style and the given blocks.
func newDoc(blocks ...doc.Block) *doc.Document {
	return &doc.Document{
		Meta:   doc.Meta{Title: "Test paper", Language: "en-GB", Date: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)},
		Page:   doc.Page{Marking: "OFFICIAL"},
		Style:  doc.DefaultStyle(),
		Blocks: blocks,
	}
}

func para(s string) *doc.Paragraph { return &doc.Paragraph{Content: doc.Plain(s)} }

// paragraphs returns the body's paragraphs with their style and text.
func paragraphs(body *node) []*node { return body.all("p") }

func pStyle(p *node) string {
	if s := p.first("pStyle"); s != nil {
		return s.attr["val"]
	}
	return ""
}

// findPara returns the first paragraph whose text contains s.
func findPara(t testing.TB, body *node, s string) *node {
	t.Helper()
	for _, p := range paragraphs(body) {
		if strings.Contains(p.plain(), s) {
			return p
		}
	}
	t.Fatalf("no paragraph containing %q", s)
	return nil
}

// Graphics that misbehave, for error paths.
type errGraphic struct{}

func (errGraphic) Draw(canvas.Canvas) error { return errors.New("no data") }
func (errGraphic) Size() (w, h float64)     { return 100, 50 }

type panicGraphic struct{}

func (panicGraphic) Draw(canvas.Canvas) error { panic("boom") }
func (panicGraphic) Size() (w, h float64)     { return 100, 50 }

// thinGraphic is a line a kilometre long and a millimetre high: no
// picture of it can be both wide enough and tall enough to see.
type thinGraphic struct{}

func (thinGraphic) Draw(canvas.Canvas) error { return nil }
func (thinGraphic) Size() (w, h float64)     { return 1e6, 1 }

// boxGraphic draws a filled rectangle with a border: a cheap graphic of
// any size (in millimetres).
type boxGraphic struct{ w, h float64 }

func (g boxGraphic) Size() (w, h float64) { return g.w, g.h }
func (g boxGraphic) Draw(c canvas.Canvas) error {
	p := &canvas.Path{}
	p.Rect(g.w/4, g.h/4, 3*g.w/4, 3*g.h/4)
	c.Fill(p, canvas.RGB(0, 0x72, 0xB2))
	c.Stroke(p, canvas.Pen{Color: canvas.RGB(0, 0, 0), Width: 0.3})
	return nil
}

// inkBox is the bounding box of the pixels that are not near-white.
func inkBox(img image.Image) image.Rectangle {
	b := img.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 < 240 || g>>8 < 240 || bl>>8 < 240 {
				box.Min.X, box.Min.Y = min(box.Min.X, x), min(box.Min.Y, y)
				box.Max.X, box.Max.Y = max(box.Max.X, x+1), max(box.Max.Y, y+1)
			}
		}
	}
	return box
}
