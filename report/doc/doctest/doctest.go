// Package doctest provides document trees for testing writers: one sample
// that uses every node kind and the characters councils' papers contain.
package doctest

import (
	"fmt"
	"time"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// Sample returns a paper-shaped document exercising every node kind:
// title, facts, headings at all levels, numbered paragraphs with lists
// inside, nested lists, a table long enough to cross a page (so its header
// must repeat), a form table with spanned header cells, a figure, a page
// break, links, bold and italic runs, and non-ASCII text (£, –, ’, é, ŵ).
func Sample() *doc.Document {
	d := &doc.Document{
		Meta: doc.Meta{
			Title:    "Analysis of the Ombudsman’s Annual Review Letter 2025/26",
			Author:   "Morwenna Tregothnan (Complaints Manager)",
			Subject:  "Audit and Governance Committee, 14 December 2026",
			Keywords: []string{"complaints", "Ombudsman"},
			Language: "en-GB",
			Date:     time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC),
		},
		Page: doc.Page{
			Marking:      "OFFICIAL",
			RunningTitle: "Analysis of the Ombudsman’s Annual Review Letter 2025/26",
			Number:       "Page {page} of {pages}",
		},
		Style: doc.DefaultStyle(),
	}
	add := func(b ...doc.Block) { d.Blocks = append(d.Blocks, b...) }
	para := func(s string) *doc.Paragraph { return &doc.Paragraph{Content: doc.Plain(s)} }

	add(&doc.Title{Kicker: "Kingsbridge City Council", Text: "Audit and Governance Committee"})
	fact := func(label string, value []doc.Inline) []doc.Cell {
		return []doc.Cell{{Content: doc.Bold(label)}, {Content: value}}
	}
	add(&doc.Table{Kind: doc.KeyValue, Description: "Report details", Columns: []doc.Column{{Width: 35}, {Width: 65}}, Rows: [][]doc.Cell{
		fact("Date of meeting:", doc.Plain("14 December 2026")),
		fact("Title of Report:", doc.Plain("Analysis of the Ombudsman’s Annual Review Letter 2025/26")),
		fact("Lead Member:", doc.Plain("Councillor Gwenllian Ap Rhys (Cabinet Member for Customer Services)")),
		fact("Contact Email:", []doc.Inline{{Text: "complaints@kingsbridge.example", Link: "mailto:complaints@kingsbridge.example"}}),
		fact("Your Reference:", nil),
		fact("Key Decision:", doc.Plain("No")),
		fact("Confidentiality:", doc.Plain("Part I - Official")),
	}})
	add(&doc.Heading{Level: 1, Text: "Purpose of Report", ID: "purpose"})
	add(&doc.Paragraph{Content: []doc.Inline{
		{Text: "To share the analysis of the "},
		{Text: "Ombudsman’s", Bold: true},
		{Text: " letter, costing £1,250 – with café ŵ and "},
		{Text: "italic words", Italic: true},
		{Text: ", and a "},
		{Text: "link to the Ombudsman", Link: "https://www.lgo.org.uk/"},
		{Text: "."},
		{Break: true},
		{Text: "A second line after a break."},
	}})
	add(&doc.Heading{Level: 1, Text: "Recommendations and Reasons", ID: "recommendations"})
	add(&doc.List{Ordered: true, Items: []doc.ListItem{
		{Blocks: []doc.Block{para("Note the Ombudsman’s figures in section 2.")}},
		{Blocks: []doc.Block{para("Approve the improvement plan.")}},
		{Blocks: []doc.Block{para("Ask for a further report in twelve months.")}},
	}})
	add(&doc.Heading{Level: 1, Text: "Appendices", ID: "appendices"})
	add(&doc.Paragraph{Style: doc.Note, Content: doc.Plain("Tick the paragraph of Part 1 of Schedule 12A that makes the information exempt.")})
	add(formTable())
	add(&doc.PageBreak{})
	add(&doc.Heading{Level: 1, Number: "1", Text: "Executive Summary", ID: "summary"})
	add(&doc.NumberedParagraph{Label: "1.1", Blocks: []doc.Block{para("The Ombudsman investigates complaints about councils.")}})
	add(&doc.NumberedParagraph{Label: "1.2", Blocks: []doc.Block{
		para("This report covers:"),
		&doc.List{Items: []doc.ListItem{
			{Blocks: []doc.Block{para("complaints referred to the Ombudsman;")}},
			{Blocks: []doc.Block{
				para("the annual review letter, which covers:"),
				&doc.List{Ordered: true, Items: []doc.ListItem{
					{Blocks: []doc.Block{para("upheld decisions")}},
					{Blocks: []doc.Block{para("compliance with recommendations")}},
				}},
			}},
			{Blocks: []doc.Block{para("lessons learnt.")}},
		}},
	}})
	add(&doc.Heading{Level: 1, Number: "2", Text: "Details of the Report", ID: "details"})
	add(&doc.Heading{Level: 2, Text: "Number of Cases", ID: "cases"})
	add(&doc.NumberedParagraph{Label: "2.1", Blocks: []doc.Block{para("The table below shows Ombudsman enquiries and the share answered on time.")}})
	add(&doc.Table{
		Label: "Table 1", Caption: "Ombudsman enquiries answered on time",
		Description: "Enquiries per year: 2018/19 47 (34%), 2019/20 36 (53%), 2020/21 39 (69%)",
		Columns:     []doc.Column{{Width: 2}, {Width: 1, Align: doc.Right}, {Width: 1, Align: doc.Right}, {Width: 1, Align: doc.Right}},
		Header:      [][]doc.Cell{{cell("Measure"), cell("2018/19"), cell("2019/20"), cell("2020/21")}},
		Rows: [][]doc.Cell{
			{cell("Enquiries"), cell("47"), cell("36"), cell("39")},
			{cell("Answered on time"), cell("34%"), cell("53%"), cell("69%")},
		},
	})
	add(&doc.Heading{Level: 3, Text: "A minor heading", ID: "minor"})
	add(&doc.NumberedParagraph{Label: "2.2", Blocks: []doc.Block{para("Complaints by service over many months follow.")}})
	add(LongTable(80))
	add(&doc.Figure{
		Label: "Figure 1", Caption: "Ombudsman enquiries by year",
		Alt:     "Bar chart: Ombudsman enquiries 2018/19 47, 2019/20 36, 2020/21 39",
		Graphic: BarGraphic(),
	})
	for i := 3; i <= 30; i++ {
		add(&doc.NumberedParagraph{Label: fmt.Sprintf("2.%d", i), Blocks: []doc.Block{
			para("Filler paragraph that makes the body run over several pages, so that headers, footers, page numbers and the rule that a heading never sits alone at the foot of a page are all exercised."),
		}})
	}
	add(&doc.Heading{Level: 1, Number: "3", Text: "Equalities Implications", ID: "equalities"})
	add(&doc.NumberedParagraph{Label: "3.1", Blocks: []doc.Block{para("There are no equalities implications.")}})
	return d
}

func cell(s string) doc.Cell { return doc.Cell{Content: doc.Plain(s)} }

// formTable returns the front sheet's appendices table: two header rows
// with a spanned explanatory cell above the paragraph numbers 1-7.
func formTable() *doc.Table {
	cols := []doc.Column{{Width: 1}, {Width: 6}}
	for i := 0; i < 7; i++ {
		cols = append(cols, doc.Column{Width: 0.6, Align: doc.Center})
	}
	h1 := []doc.Cell{cell("Ref."), cell("Title of Appendix"), {Content: doc.Plain("Exemption Paragraph Number (if applicable)"), Span: 7}}
	h2 := []doc.Cell{cell(""), cell("")}
	for i := 1; i <= 7; i++ {
		h2 = append(h2, cell(fmt.Sprint(i)))
	}
	row := func(ref, title string, ticks ...int) []doc.Cell {
		r := []doc.Cell{cell(ref), cell(title)}
		for i := 1; i <= 7; i++ {
			s := ""
			for _, t := range ticks {
				if t == i {
					s = "✓"
				}
			}
			r = append(r, cell(s))
		}
		return r
	}
	return &doc.Table{
		Kind: doc.Form, Description: "Appendices with exemption paragraphs", Columns: cols,
		Header: [][]doc.Cell{h1, h2},
		Rows: [][]doc.Cell{
			row("A", "Analysis of the annual review letter"),
			row("B", "Complainant case notes", 1, 2),
		},
	}
}

// LongTable returns a data table of n rows, long enough to cross pages.
func LongTable(n int) *doc.Table {
	t := &doc.Table{
		Label: "Table 2", Caption: "Complaints by month",
		Columns: []doc.Column{{Width: 2}, {Width: 1, Align: doc.Right}, {Width: 1, Align: doc.Right}},
		Header:  [][]doc.Cell{{cell("Month"), cell("Received"), cell("On time")}},
	}
	for i := 0; i < n; i++ {
		t.Rows = append(t.Rows, []doc.Cell{cell(fmt.Sprintf("Month %d", i+1)), cell(fmt.Sprint(100 + i)), cell(fmt.Sprintf("%d%%", 50+i%50))})
	}
	return t
}

// BarGraphic returns a small bar chart of three years, drawn on the
// canvas with a title, a baseline and each bar's year and value.
func BarGraphic() doc.Graphic { return barGraphic{} }

type barGraphic struct{ tf *canvas.Typeface }

func (barGraphic) Size() (w, h float64) { return 160, 90 }

func (g barGraphic) Draw(c canvas.Canvas) error {
	ink := canvas.RGB(0x1A, 0x1A, 0x1A)
	label := canvas.Font{Size: 9.5, Typeface: g.tf}
	c.Text("Ombudsman enquiries", canvas.Font{Size: 11, Bold: true, Typeface: g.tf}, 5, 10, ink)
	base := &canvas.Path{}
	base.Move(5, 75)
	base.Line(155, 75)
	c.Stroke(base, canvas.Pen{Color: ink, Width: 0.3})
	for i, b := range []struct {
		year  string
		value float64
	}{{"2018/19", 47}, {"2019/20", 36}, {"2020/21", 39}} {
		x := 20 + float64(i)*45
		bar := &canvas.Path{}
		bar.Rect(x, 75-b.value, x+30, 75)
		c.Fill(bar, canvas.RGB(0x00, 0x72, 0xB2))
		v := fmt.Sprint(b.value)
		c.Text(v, label, x+15-label.Width(v)/2, 73-b.value, ink)
		c.Text(b.year, label, x+15-label.Width(b.year)/2, 83, ink)
	}
	return nil
}
