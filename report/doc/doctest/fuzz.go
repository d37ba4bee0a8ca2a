package doctest

import (
	"github.com/paperhq/paper/report/doc"
)

// FromBytes builds an arbitrary document tree from fuzz input, so that
// writers can be fuzzed with trees no layout would build: deep nesting,
// empty everything, odd spans, hostile text. The same input always gives
// the same tree.
func FromBytes(data []byte) *doc.Document {
	g := &gen{data: data}
	d := &doc.Document{Style: doc.DefaultStyle()}
	d.Meta.Title = g.text()
	d.Meta.Author = g.text()
	d.Page.Marking = g.text()
	d.Page.RunningTitle = g.text()
	if g.byte()%2 == 0 {
		d.Page.Draft = "DRAFT"
	}
	if g.byte()%3 == 0 {
		d.Page.Stamp = g.text()
	}
	d.Page.Number = []string{"", "Page {page} of {pages}", "{page}", g.text()}[g.byte()%4]
	d.Page.FirstNumber = int(g.byte())
	for len(g.data) > 0 && len(d.Blocks) < 200 {
		d.Blocks = append(d.Blocks, g.block(0))
	}
	return d
}

type gen struct{ data []byte }

func (g *gen) byte() byte {
	if len(g.data) == 0 {
		return 0
	}
	b := g.data[0]
	g.data = g.data[1:]
	return b
}

// text takes a length byte and that many bytes, as a (possibly invalid
// UTF-8) string.
func (g *gen) text() string {
	n := int(g.byte())
	if n > len(g.data) {
		n = len(g.data)
	}
	s := string(g.data[:n])
	g.data = g.data[n:]
	return s
}

func (g *gen) runs() []doc.Inline {
	n := int(g.byte() % 6)
	var rs []doc.Inline
	for i := 0; i < n; i++ {
		b := g.byte()
		r := doc.Inline{Text: g.text(), Bold: b&1 != 0, Italic: b&2 != 0, Break: b&4 != 0}
		if b&8 != 0 {
			r.Link = "https://example.org/" + g.text()
		}
		rs = append(rs, r)
	}
	return rs
}

func (g *gen) block(depth int) doc.Block {
	k := g.byte() % 10
	if depth > 4 && (k == 3 || k == 4) {
		k = 2
	}
	switch k {
	case 0:
		return &doc.Title{Kicker: g.text(), Text: g.text()}
	case 1:
		return &doc.Heading{Level: int(g.byte()%3) + 1, Number: g.text(), Text: g.text(), ID: g.text()}
	case 2:
		return &doc.Paragraph{Style: doc.ParaStyle(g.byte() % 4), Content: g.runs()}
	case 3:
		np := &doc.NumberedParagraph{Label: g.text()}
		for i := 0; i < int(g.byte()%3); i++ {
			np.Blocks = append(np.Blocks, g.block(depth+1))
		}
		return np
	case 4:
		l := &doc.List{Ordered: g.byte()%2 == 0, Start: int(g.byte()) - 5}
		for i := 0; i < int(g.byte()%4); i++ {
			var it doc.ListItem
			for j := 0; j < int(g.byte()%3); j++ {
				it.Blocks = append(it.Blocks, g.block(depth+1))
			}
			l.Items = append(l.Items, it)
		}
		return l
	case 5, 6:
		return g.table()
	case 7:
		f := &doc.Table{Kind: doc.KeyValue, Columns: []doc.Column{{Width: 35}, {Width: 65}}}
		for i := 0; i < int(g.byte()%4); i++ {
			f.Rows = append(f.Rows, []doc.Cell{{Content: doc.Bold(g.text())}, {Content: g.runs()}})
		}
		return f
	case 8:
		fig := &doc.Figure{Label: g.text(), Caption: g.text(), Alt: "alt " + g.text(), Width: float64(g.byte()), Graphic: BarGraphic()}
		if b := g.byte(); b%2 == 0 {
			fig.Graphic = Scribble([]byte(g.text()))
		}
		if g.byte()%2 == 0 {
			fig.Data = g.table()
		}
		return fig
	}
	return &doc.PageBreak{}
}

// table builds a table whose rows always cover the columns exactly (the
// tree's invariant), with random spans.
func (g *gen) table() *doc.Table {
	t := &doc.Table{Kind: doc.TableKind(g.byte() % 2), Label: g.text(), Caption: g.text()}
	cols := int(g.byte()%6) + 1
	for i := 0; i < cols; i++ {
		t.Columns = append(t.Columns, doc.Column{Width: float64(g.byte() % 5), Align: doc.Align(g.byte() % 3)})
	}
	row := func() []doc.Cell {
		var r []doc.Cell
		for left := cols; left > 0; {
			span := int(g.byte())%left + 1
			r = append(r, doc.Cell{Content: g.runs(), Span: span, Align: doc.Align(g.byte() % 3), AlignSet: g.byte()%2 == 0})
			left -= span
		}
		return r
	}
	for i := 0; i < int(g.byte()%3); i++ {
		t.Header = append(t.Header, row())
	}
	for i := 0; i < int(g.byte()%8); i++ {
		t.Rows = append(t.Rows, row())
	}
	return t
}
