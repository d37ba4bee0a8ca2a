package pdf

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// brokenWords lays t out at the text width and returns every word of a
// cell that is not printed whole on one line, and the text size chosen.
func brokenWords(t *doc.Table) (broken []string, size float64, widths []float64) {
	w, _ := newWriter(&doc.Document{Style: doc.DefaultStyle()})
	width := w.right - w.left
	g := w.geometry(t, w.left, width)
	for i := 1; i < len(g.cols); i++ {
		widths = append(widths, g.cols[i]-g.cols[i-1])
	}
	check := func(row []doc.Cell, header bool) {
		rl := w.layoutRow(t, g, row, header)
		for i, c := range rl.cells {
			var printed []string
			for _, ln := range c.lines {
				var sb strings.Builder
				for _, s := range ln.spans {
					sb.WriteString(s.text)
				}
				printed = append(printed, strings.Fields(sb.String())...)
			}
			if want := strings.Fields(doc.Text(row[i].Content)); strings.Join(printed, " ") != strings.Join(want, " ") {
				broken = append(broken, fmt.Sprintf("%q printed as %q", strings.Join(want, " "), strings.Join(printed, " | ")))
			}
		}
	}
	for _, row := range t.Header {
		check(row, true)
	}
	for _, row := range t.Rows {
		check(row, false)
	}
	return broken, g.size, widths
}

func plainRow(cells ...string) []doc.Cell {
	var out []doc.Cell
	for _, c := range cells {
		out = append(out, doc.Cell{Content: doc.Plain(c)})
	}
	return out
}

// columns returns n columns: the first of relative width first, the rest
// 1, right-aligned, as the layout gives figure tables.
func columns(n int, first float64) []doc.Column {
	cols := []doc.Column{{Width: first}}
	for range n - 1 {
		cols = append(cols, doc.Column{Width: 1, Align: doc.Right})
	}
	return cols
}

// TestTableColumnsHoldTheirWords lays out the example paper's figure
// tables, whose hinted widths are too narrow for their header words, and
// checks every word is printed whole, at the table's own text size, and
// that the first column, the widest by its hint, pays for it.
func TestTableColumnsHoldTheirWords(t *testing.T) {
	tests := []struct {
		name string
		t    *doc.Table
	}{
		{"comparison with similar councils", &doc.Table{
			Columns: []doc.Column{{Width: 3}, {Width: 1.2, Align: doc.Right}, {Width: 1.3, Align: doc.Right}, {Width: 1, Align: doc.Right}, {Width: 1, Align: doc.Right}, {Width: 1.4, Align: doc.Right}},
			Header:  [][]doc.Cell{plainRow("Council", "Population", "Investigations", "Upheld", "Upheld rate", "Upheld per 100,000 residents")},
			Rows: [][]doc.Cell{
				plainRow("Westbrook Borough Council", "198,300", "18", "12", "67%", "6.1"),
				{{Content: doc.Bold("Kingsbridge City Council")}, {Content: doc.Bold("264,700")}, {Content: doc.Bold("30")}, {Content: doc.Bold("25")}, {Content: doc.Bold("83%")}, {Content: doc.Bold("9.4")}},
				{{Content: []doc.Inline{{Text: "Average of similar authorities (unitary authorities)", Italic: true}}, Span: 4}, {Content: doc.Plain("67%")}, {}},
			}}},
		{"complaints by service", &doc.Table{
			Columns: append([]doc.Column{{Width: 3.4}}, append(columns(8, 1)[1:], doc.Column{Width: 1.4, Align: doc.Right})...),
			Header:  [][]doc.Cell{plainRow("Service", "Received", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Open", "On time", "Upheld rate")},
			Rows: [][]doc.Cell{
				plainRow("Registrars and Bereavement Services", "<5", "<5", "0", "<5", "0", "0", "*", "*"),
				{{Content: doc.Bold("Total")}, {Content: doc.Bold("3,104")}, {Content: doc.Bold("851")}, {Content: doc.Bold("423")}, {Content: doc.Bold("1,589")}, {Content: doc.Bold("238")}, {Content: doc.Bold("3")}, {Content: doc.Bold("86%")}, {Content: doc.Bold("44%")}},
			}}},
	}
	tableSize := doc.DefaultStyle().BodySize - 1
	for _, tt := range tests {
		broken, size, widths := brokenWords(tt.t)
		for _, b := range broken {
			t.Errorf("%s: word broken: %s", tt.name, b)
		}
		if size != tableSize {
			t.Errorf("%s: set at %v pt, want the table size %v pt: the words fit", tt.name, size, tableSize)
		}
		w, _ := newWriter(&doc.Document{Style: doc.DefaultStyle()})
		share := tt.t.Columns[0].Width / sumWidths(tt.t.Columns) * (w.right - w.left)
		if !(widths[0] < share) {
			t.Errorf("%s: first column %.1f mm, not narrower than its hinted %.1f mm", tt.name, widths[0], share)
		}
	}
}

func sumWidths(cols []doc.Column) float64 {
	s := 0.0
	for _, c := range cols {
		s += c.Width
	}
	return s
}

// TestTableSetSmallerOnlyToKeepWords checks the text size of a table
// with more columns than its words fit at the table size: it is set
// smaller when that lets every word fit, and keeps its size (breaking
// words) when even the smallest size would not.
func TestTableSetSmallerOnlyToKeepWords(t *testing.T) {
	st := doc.DefaultStyle()
	w, _ := newWriter(&doc.Document{Style: st})
	width := w.right - w.left
	big, small := st.BodySize-1, st.SmallSize
	need := func(n int, size float64) float64 {
		return float64(n) * (textWidth(nil, "Investigations", "B", size) + 2*cellPad + 0.01)
	}
	// The fewest columns of "Investigations" that do not fit at the
	// table size but fit at the small size, and the fewest that fit at
	// neither.
	shrink, never := 0, 0
	for n := 1; n < 20; n++ {
		if shrink == 0 && need(n, big) > width && need(n, small) <= width {
			shrink = n
		}
		if never == 0 && need(n, small) > width {
			never = n
		}
	}
	if shrink == 0 || never == 0 {
		t.Fatal("no column count to test with")
	}
	table := func(n int) *doc.Table {
		var header []string
		for range n {
			header = append(header, "Investigations")
		}
		return &doc.Table{Columns: columns(n, 1), Header: [][]doc.Cell{plainRow(header...)}}
	}
	broken, size, _ := brokenWords(table(shrink))
	if len(broken) > 0 || !(size < big && size >= small) {
		t.Errorf("%d columns: set at %v pt with broken words %v; want between %v and %v pt, no word broken", shrink, size, broken, small, big)
	}
	broken, size, _ = brokenWords(table(never))
	if len(broken) == 0 || size != big {
		t.Errorf("%d columns: set at %v pt with broken words %v; want %v pt with words broken", never, size, broken, big)
	}
}

// TestTableGroupHeadingKeptWithItsRows fills a page so that a group
// heading row ("Stage 2 complaints") lands at each possible place near
// its foot, and checks it is never the last row on a page: the first row
// of its group is on the same page, under the repeated header row. It
// also checks the last row is never alone on a page.
func TestTableGroupHeadingKeptWithItsRows(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	tab := &doc.Table{Columns: columns(4, 3), Header: [][]doc.Cell{plainRow("", "2018/19", "2019/20", "2020/21")}}
	for _, group := range []string{"Stage 1 complaints", "Stage 2 complaints", "Ombudsman enquiries"} {
		tab.Rows = append(tab.Rows, []doc.Cell{{Content: doc.Bold(group), Span: 4}})
		for _, r := range []string{"Received", "Answered on time", "Average working days"} {
			tab.Rows = append(tab.Rows, plainRow(r+" ("+strings.Fields(group)[0]+" "+strings.Fields(group)[1]+")", "1", "2", "3"))
		}
	}
	tab.Rows = append(tab.Rows, plainRow("Last row", "4", "5", "6"))
	for extra := 0; extra < 30; extra++ {
		d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Number: "Page {page} of {pages}"}}
		for i := 0; i < 10+extra; i++ {
			d.Blocks = append(d.Blocks, &doc.Paragraph{Content: doc.Plain(fmt.Sprintf("Line %d.", i))})
		}
		d.Blocks = append(d.Blocks, tab)
		path, _ := write(t, d)
		// One pdftotext run; pages end with a form feed.
		pages := strings.Split(string(tooltest.Run(t, "pdftotext", "-layout", path, "-")), "\f")
		for i, text := range pages {
			p := i + 1
			lines := nonEmptyLines(text)
			var rows []string
			for _, l := range lines {
				if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(f[0], "Line") && !strings.HasPrefix(f[0], "Page") && f[0] != "2018/19" {
					rows = append(rows, strings.TrimSpace(l))
				}
			}
			if len(rows) == 0 {
				continue
			}
			if strings.HasSuffix(rows[len(rows)-1], "complaints") || strings.HasSuffix(rows[len(rows)-1], "enquiries") {
				t.Errorf("extra=%d: page %d ends with the group heading %q", extra, p, rows[len(rows)-1])
			}
			if p > 1 && !strings.Contains(text, "2018/19") {
				t.Errorf("extra=%d: page %d continues the table without its header row", extra, p)
			}
			if strings.HasPrefix(rows[0], "Last row") {
				t.Errorf("extra=%d: the last row is alone on page %d", extra, p)
			}
		}
	}
}

// TestSampleTablesHoldTheirWords checks every table of the sample paper.
func TestSampleTablesHoldTheirWords(t *testing.T) {
	doc.Walk(doctest.Sample().Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Table:
			if broken, _, _ := brokenWords(b); len(broken) > 0 {
				t.Errorf("%s: %v", b.CaptionLine(), broken)
			}
		}
		return true
	})
}
