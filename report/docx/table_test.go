package docx

import (
	"strconv"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/tablelayout"
)

func textRow(cells ...string) []doc.Cell {
	var out []doc.Cell
	for _, c := range cells {
		out = append(out, doc.Cell{Content: doc.Plain(c)})
	}
	return out
}

// narrowTables are the example paper's figure tables, whose hinted column
// widths are too narrow for their header words.
func narrowTables() []*doc.Table {
	right := doc.Column{Width: 1, Align: doc.Right}
	return []*doc.Table{
		{Columns: []doc.Column{{Width: 3}, {Width: 1.2, Align: doc.Right}, {Width: 1.3, Align: doc.Right}, right, right, {Width: 1.4, Align: doc.Right}},
			Header: [][]doc.Cell{textRow("Council", "Population", "Investigations", "Upheld", "Upheld rate", "Upheld per 100,000 residents")},
			Rows:   [][]doc.Cell{textRow("Westbrook Borough Council", "198,300", "18", "12", "67%", "6.1")}},
		{Columns: []doc.Column{{Width: 3.4}, right, right, right, right, right, right, right, {Width: 1.4, Align: doc.Right}},
			Header: [][]doc.Cell{textRow("Service", "Received", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Open", "On time", "Upheld rate")},
			Rows:   [][]doc.Cell{textRow("Registrars and Bereavement Services", "<5", "<5", "0", "<5", "0", "0", "*", "*")}},
	}
}

// TestGridHoldsLongestWords checks each table's grid gives every column
// at least its longest header word in bold at the table's text size, plus
// the cell margins, and still fills the text width.
func TestGridHoldsLongestWords(t *testing.T) {
	d := newDoc()
	for _, tab := range narrowTables() {
		d.Blocks = append(d.Blocks, tab)
	}
	body := unpack(t, write(t, d)).xml(t, "word/document.xml")
	tables := body.all("tbl")
	if len(tables) != 2 {
		t.Fatalf("%d tables, want 2", len(tables))
	}
	size := doc.DefaultStyle().BodySize - 1
	textWidth := pageW - 2*twips(20)
	for i, tbl := range tables {
		header := narrowTables()[i].Header[0]
		sum := 0
		for j, g := range tbl.all("gridCol") {
			n, _ := strconv.Atoi(g.attr["w"])
			sum += n
			word := tablelayout.LongestWord(header[j].Content, true, size, tablelayout.Arial) * 20
			if float64(n) < word+2*cellMargin {
				t.Errorf("table %d column %d (%q): %d twips, narrower than its longest word and margins, %.0f", i, j, doc.Text(header[j].Content), n, word+2*cellMargin)
			}
		}
		if sum != textWidth {
			t.Errorf("table %d: grid %d twips, want the text width %d", i, sum, textWidth)
		}
	}
}

// TestGroupHeadingRowKeptWithNext checks a group heading row's paragraph
// keeps it with the row below, as does the last row's predecessor, and no
// other data row.
func TestGroupHeadingRowKeptWithNext(t *testing.T) {
	tab := &doc.Table{Columns: []doc.Column{{}, {}}, Header: [][]doc.Cell{textRow("", "2020/21")},
		Rows: [][]doc.Cell{{{Content: doc.Plain("Stage 2 complaints"), Span: 2}}, textRow("Received", "237"), textRow("On time", "80%"), textRow("Escalated", "16%")}}
	body := unpack(t, write(t, newDoc(tab))).xml(t, "word/document.xml")
	rows := body.first("tbl").all("tr")[1:]
	want := []bool{true, false, true, false}
	for i, tr := range rows {
		if got := tr.first("p").has("keepNext"); got != want[i] {
			t.Errorf("row %d: keepNext %v, want %v", i, got, want[i])
		}
	}
}

// widthsDoc holds the narrow tables alone, for LibreOffice to lay out.
func widthsDoc() *doc.Document {
	d := newDoc()
	for _, tab := range narrowTables() {
		d.Blocks = append(d.Blocks, tab)
	}
	return d
}

// checkWordsWhole checks LibreOffice printed every word of the narrow
// tables whole: each as often as the tables hold it.
func checkWordsWhole(t *testing.T, pdf string) {
	text := pdfText(t, pdf, 1, 0)
	count := map[string]int{}
	for _, tab := range narrowTables() {
		for _, row := range append(tab.Header, tab.Rows...) {
			for _, c := range row {
				for _, w := range strings.Fields(doc.Text(c.Content)) {
					count[w]++
				}
			}
		}
	}
	for w, n := range count {
		if got := countWord(text, w); got < n {
			t.Errorf("%q printed whole %d times, the tables hold it %d times:\n%s", w, got, n, text)
		}
	}
}

func countWord(text, w string) int {
	n := 0
	for _, f := range strings.Fields(text) {
		if f == w {
			n++
		}
	}
	return n
}

// TestFormTableWithoutHeaderHasHeaderRow: a form table with no header
// rows (the sign off) marks its first row as the header row, so Word's
// Accessibility Checker finds one, without shading it.
func TestFormTableWithoutHeaderHasHeaderRow(t *testing.T) {
	tbl := &doc.Table{Kind: doc.Form, Columns: []doc.Column{{}, {}},
		Rows: [][]doc.Cell{
			{{Content: doc.Bold("Fin")}, {Content: doc.Plain("FIN/26/0412")}},
			{{Content: doc.Bold("Leg")}, {Content: doc.Plain("LEG/26/0099")}},
		}}
	body := unpack(t, write(t, newDoc(tbl))).xml(t, "word/document.xml").first("body")
	rows := body.first("tbl").all("tr")
	if len(rows) != 2 || !rows[0].has("tblHeader") || rows[1].has("tblHeader") {
		t.Fatalf("header rows: first %v, second %v", rows[0].has("tblHeader"), len(rows) > 1 && rows[1].has("tblHeader"))
	}
	if rows[0].has("shd") {
		t.Error("the sign-off's first row is shaded like a header")
	}
}
