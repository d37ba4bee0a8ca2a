package docx

import (
	"bytes"
	"math"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
)

// fuzzReader turns fuzz bytes into tree-building decisions; past the end
// it reads zeros, so every input builds a tree.
type fuzzReader struct {
	b       []byte
	figures int // figures drawn so far: each costs ~25 ms, so at most two
}

func (r *fuzzReader) byte() byte {
	if len(r.b) == 0 {
		return 0
	}
	c := r.b[0]
	r.b = r.b[1:]
	return c
}

func (r *fuzzReader) bool() bool { return r.byte()&1 == 1 }

// str takes up to 15 raw bytes: invalid UTF-8, control characters and
// markup characters all reach the writer.
func (r *fuzzReader) str() string {
	n := min(int(r.byte()%16), len(r.b))
	s := string(r.b[:n])
	r.b = r.b[n:]
	return s
}

// num is a float that is sometimes NaN, infinite, zero or negative.
func (r *fuzzReader) num() float64 {
	switch c := r.byte(); c {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1)
	case 2:
		return -5
	default:
		return float64(c) / 4
	}
}

func (r *fuzzReader) inlines() []doc.Inline {
	var out []doc.Inline
	for range r.byte() % 5 {
		in := doc.Inline{Text: r.str(), Bold: r.bool(), Italic: r.bool(), Break: r.byte()%7 == 0}
		switch r.byte() % 4 {
		case 1:
			in.Link = "https://example.org/" + r.str()
		case 2:
			in.Link = r.str()
		case 3:
			in.Link = "#" + r.str()
		}
		out = append(out, in)
	}
	return out
}

func (r *fuzzReader) table() *doc.Table {
	t := &doc.Table{Kind: doc.TableKind(r.byte() % 3), Label: r.str(), Caption: r.str(), Description: r.str()}
	for range r.byte() % 4 {
		t.Columns = append(t.Columns, doc.Column{Width: r.num(), Align: doc.Align(r.byte() % 4)})
	}
	row := func() []doc.Cell {
		var cells []doc.Cell
		for range r.byte() % 4 {
			cells = append(cells, doc.Cell{Content: r.inlines(), Span: int(r.byte()%4) - 1, Align: doc.Align(r.byte() % 3), AlignSet: r.bool()})
		}
		return cells
	}
	for range r.byte() % 3 {
		t.Header = append(t.Header, row())
	}
	for range r.byte() % 4 {
		t.Rows = append(t.Rows, row())
	}
	return t
}

func (r *fuzzReader) blocks(depth int) []doc.Block {
	var out []doc.Block
	for range r.byte() % 6 {
		var b doc.Block
		switch r.byte() % 11 {
		case 0:
			b = &doc.Title{Kicker: r.str(), Text: r.str()}
		case 1:
			b = &doc.Heading{Level: int(r.byte() % 5), Number: r.str(), Text: r.str(), ID: r.str()}
		case 2:
			b = &doc.Paragraph{Style: doc.ParaStyle(r.byte() % 5), Content: r.inlines()}
		case 3:
			np := &doc.NumberedParagraph{Label: r.str()}
			if depth < 3 {
				np.Blocks = r.blocks(depth + 1)
			}
			b = np
		case 4:
			l := &doc.List{Ordered: r.bool(), Start: int(int8(r.byte()))}
			for range r.byte() % 4 {
				var it doc.ListItem
				if depth < 3 {
					it.Blocks = r.blocks(depth + 1)
				}
				l.Items = append(l.Items, it)
			}
			b = l
		case 5:
			b = r.table()
		case 6:
			f := &doc.Table{Kind: doc.KeyValue, Columns: []doc.Column{{Width: 35}, {Width: 65}}}
			for range r.byte() % 4 {
				f.Rows = append(f.Rows, []doc.Cell{{Content: doc.Bold(r.str())}, {Content: r.inlines()}})
			}
			b = f
		case 7:
			// Pictures are the slow part; most inputs draw none.
			if r.byte()%4 != 0 || r.figures == 2 {
				b = &doc.PageBreak{}
				break
			}
			r.figures++
			f := &doc.Figure{Label: r.str(), Caption: r.str(), Alt: r.str(), Width: r.num()}
			if w, h := int(r.byte()%64), int(r.byte()%64); w > 0 || r.bool() {
				f.Graphic = boxGraphic{float64(w), float64(h)}
			}
			if r.bool() {
				f.Data = r.table()
			}
			b = f
		case 8:
			b = &doc.PageBreak{}
		case 9:
			b = nil
		case 10:
			b = (*doc.Paragraph)(nil)
		}
		out = append(out, b)
	}
	return out
}

func treeFromBytes(data []byte) *doc.Document {
	r := &fuzzReader{b: data}
	d := &doc.Document{
		Meta: doc.Meta{Title: r.str(), Author: r.str(), Language: r.str(), Keywords: []string{r.str()}},
		Page: doc.Page{Marking: r.str(), RunningTitle: r.str(), Stamp: r.str(), Draft: r.str(),
			Number: r.str(), FirstNumber: int(int8(r.byte()))},
		Style: doc.Style{Font: r.str(), BodySize: r.num(), TitleSize: r.num(), SmallSize: r.num(),
			HeadingSize: [3]float64{r.num(), r.num(), r.num()}, Accent: r.str(), HeaderFill: r.str(),
			Margins: [4]float64{r.num(), r.num(), r.num(), r.num()}},
	}
	d.Blocks = r.blocks(0)
	return d
}

// FuzzWrite builds trees from fuzz bytes: Write either returns an error,
// writing nothing, or writes a package whose every XML part decodes.
func FuzzWrite(f *testing.F) {
	for _, seed := range []string{
		"",
		"\x05\x01\x02\x03\x04\x05\x00\x00\x03\x01\x02\x03",
		"\x04title\x00\x00\x00\x04mark\x00\x00\x01\x00\x05\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x05\x01\x01\x01\x311\x01x\x00",
		"\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x05\x05\x03\x0b\x04\x02\xff\xfe\x01\x03\x01\x02\x02",
		"\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x07\x00\x01F\x01C\x01A\x00\x20\x10\x01\x00",
		strings.Repeat("\x04\x03\x02\x01", 40),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := treeFromBytes(data)
		var buf bytes.Buffer
		if err := Write(&buf, d); err != nil {
			if buf.Len() != 0 {
				t.Fatalf("error %v after writing %d bytes", err, buf.Len())
			}
			return
		}
		p := unpack(t, buf.Bytes())
		for _, name := range p.names {
			if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
				if _, err := decodeXML(p.parts[name]); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
			}
		}
		for _, r := range p.xml(t, "word/_rels/document.xml.rels").all("Relationship") {
			if r.attr["TargetMode"] == "External" && strings.ContainsAny(r.attr["Target"], " \"<>\\^`{|}\t\n") {
				t.Fatalf("hyperlink target %q is not a URI", r.attr["Target"])
			}
		}
		if !p.xml(t, "word/document.xml").has("sectPr") {
			t.Fatal("document without section properties")
		}
	})
}
