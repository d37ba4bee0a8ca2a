package layout

import (
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/style"
)

// The words and rules of the page furniture, decided here once for every
// writer: writers print them and never their own.
const (
	// DraftMark marks every page of a draft, in the header and as a
	// watermark.
	DraftMark = "DRAFT"
	// PageOfTotal is a paper's page number: "Page 3 of 9".
	PageOfTotal = "Page " + doc.PageField + " of " + doc.PagesField
	// SkipLink is a web page's first link, to its main content.
	SkipLink = "Skip to main content"
	// ShowData opens a chart's table of figures on a web page.
	ShowData = "Show the figures in this chart"
	// figureHeight is the largest share of the text height a chart takes,
	// so that its caption and the text around it fit beside it.
	figureHeight = 0.8
)

// paperStyle is the tree's house style for a paper in st (nil: the
// standard paper).
func paperStyle(st *style.Style) doc.Style {
	s := doc.DefaultStyle()
	if st != nil {
		s = st.Doc
	}
	s.FigureHeight = figureHeight
	return s
}

// fact is one row of a front sheet's facts: a label and its value.
type fact struct {
	label string
	value []doc.Inline
}

// factsTable lays out a front sheet's facts (date of meeting, title, lead
// member ...) as a two-column table, labels bold on the left (35:65),
// described for screen readers as description.
func factsTable(rows []fact, description string) *doc.Table {
	t := &doc.Table{Kind: doc.KeyValue, Description: description, Columns: []doc.Column{{Width: 35}, {Width: 65}}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []doc.Cell{{Content: doc.Bold(r.label)}, {Content: r.value}})
	}
	return t
}
