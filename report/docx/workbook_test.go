package docx

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// openWorkbook opens a chart workbook as Excel would, with excelize (a
// test dependency only), and returns the cell reader of Sheet1.
func openWorkbook(t *testing.T, data []byte) (*excelize.File, func(ref string) string) {
	t.Helper()
	wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("workbook does not open: %v", err)
	}
	t.Cleanup(func() { wb.Close() })
	if sheets := wb.GetSheetList(); len(sheets) != 1 || sheets[0] != chartSh {
		t.Fatalf("sheets %q, want [%s]", sheets, chartSh)
	}
	return wb, func(ref string) string {
		v, err := wb.GetCellValue(chartSh, ref)
		if err != nil {
			t.Fatalf("%s: %v", ref, err)
		}
		return v
	}
}

// cellFormat is the number format code of cell ref.
func cellFormat(t *testing.T, wb *excelize.File, ref string) string {
	t.Helper()
	id, err := wb.GetCellStyle(chartSh, ref)
	if err != nil {
		t.Fatal(err)
	}
	st, err := wb.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return "General"
}

// TestChartWorkbookCells checks what Edit Data shows: the text and
// figures in the cells the chart's formulas name, each series in its
// number format, missing and not-finite figures as empty cells, text
// with markup characters, edge spaces and characters XML cannot hold.
func TestChartWorkbookCells(t *testing.T) {
	d := &doc.ChartData{
		Kind: doc.ClusteredColumn, CategoryTitle: "Month",
		Categories: []string{"Apr", " May ", "Jun <&>", "Jul\x01"},
		Groups:     []doc.ChartGroup{{Label: "2024/25", From: 0, To: 2}, {Label: "2025/26", From: 2, To: 4}},
		Series: []doc.ChartSeries{
			{Name: "Received", Format: "#,##0", Values: []float64{1200, 36, 0, 7}, Missing: []bool{false, false, true, false}},
			{Name: "On time", Format: `[<0.1]0.0%;0%`, Values: []float64{1.0 / 3, math.NaN(), 0.5, math.Inf(1)}, Missing: make([]bool, 4)},
			{Name: "Closed", Format: "#,##0", Values: []float64{1, 2, 3, 4}, Missing: make([]bool, 4)},
			{Name: "Plain", Values: []float64{0.25, 0, 0, 0}, Missing: make([]bool, 4)},
		},
	}
	data, err := chartWorkbook(d, time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	wb, cell := openWorkbook(t, data)
	for ref, want := range map[string]string{
		"B1": "Month", "B2": "Apr", "B3": " May ", "B4": "Jun <&>", "B5": "Jul",
		"A2": "2024/25", "A3": "", "A4": "2025/26", "A5": "",
		"C1": "Received", "C2": "1200", "C3": "36", "C4": "", "C5": "7",
		"D1": "On time", "D2": strconv.FormatFloat(excel(1.0/3), 'g', -1, 64), "D3": "", "D4": "0.5", "D5": "",
		"E1": "Closed", "E5": "4",
		"F1": "Plain", "F2": "0.25", "F3": "0",
	} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
	}
	for ref, want := range map[string]string{"C2": "#,##0", "D2": `[<0.1]0.0%;0%`, "E2": "#,##0", "F2": "General"} {
		if got := cellFormat(t, wb, ref); got != want {
			t.Errorf("%s format %q, want %q", ref, got, want)
		}
	}
	rows, err := wb.GetRows(chartSh)
	if err != nil || len(rows) != 5 {
		t.Errorf("%d rows (%v), want the title row and 4 categories", len(rows), err)
	}
	// The series' formulas in the chart name these same cells.
	x := string(chartXML(d, "Arial", "en-GB"))
	for _, f := range []string{"Sheet1!$C$1", "Sheet1!$C$2:$C$5", "Sheet1!$D$2:$D$5", "Sheet1!$A$2:$B$5", "Sheet1!$F$1"} {
		if !strings.Contains(x, "<c:f>"+f+"</c:f>") {
			t.Errorf("chart has no formula %s", f)
		}
	}
}

// TestChartWorkbookLongText checks that text longer than a cell holds
// is cut to Excel's 32,767 characters (UTF-16 units) rather than giving
// a workbook Excel refuses.
func TestChartWorkbookLongText(t *testing.T) {
	long := strings.Repeat("a", maxCellText-1) + "😀" + "tail"
	d := &doc.ChartData{Categories: []string{long, "b"}, CategoryTitle: strings.Repeat("x", 40000),
		Series: []doc.ChartSeries{{Name: "n", Values: []float64{1, 2}, Missing: make([]bool, 2)}}}
	data, err := chartWorkbook(d, zipTime(time.Time{}))
	if err != nil {
		t.Fatal(err)
	}
	_, cell := openWorkbook(t, data)
	if got := cell("A2"); got != strings.Repeat("a", maxCellText-1) {
		t.Errorf("A2 is %d bytes, want the %d a's before the character that does not fit", len(got), maxCellText-1)
	}
	if got := cell("A1"); len(got) != maxCellText {
		t.Errorf("A1 is %d characters, want %d", len(got), maxCellText)
	}
	if got := cell("A3"); got != "b" {
		t.Errorf("A3 = %q", got)
	}
}

func TestColumnName(t *testing.T) {
	for _, c := range []struct {
		i    int
		name string
	}{{0, "A"}, {1, "B"}, {25, "Z"}, {26, "AA"}, {27, "AB"}, {51, "AZ"}, {52, "BA"}, {701, "ZZ"}, {702, "AAA"}, {16383, "XFD"}} {
		if got := columnName(c.i); got != c.name {
			t.Errorf("columnName(%d) = %q, want %q", c.i, got, c.name)
		}
		if got := columnIndex(c.name); got != c.i {
			t.Errorf("columnIndex(%q) = %d, want %d", c.name, got, c.i)
		}
		if want, _ := excelize.ColumnNumberToName(c.i + 1); want != c.name {
			t.Errorf("excelize names column %d %q, we %q", c.i+1, want, c.name)
		}
	}
}

// TestLibreOfficeOpensTheWorkbook opens a DOCX chart's embedded workbook
// in LibreOffice Calc, as Edit Data opens it in a spreadsheet, and
// prints it: the figures are there, in the series' number formats.
func TestLibreOfficeOpensTheWorkbook(t *testing.T) {
	tooltest.Require(t, "soffice")
	p := unpack(t, write(t, newDoc(chartFigure(trendChart(), false))))
	data := p.parts["word/embeddings/Microsoft_Excel_Worksheet1.xlsx"]
	if data == nil {
		t.Fatal("the DOCX has no embedded workbook")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "chart.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	text := string(tooltest.Run(t, "pdftotext", "-layout", tooltest.ConvertToPDF(t, dir, path)[0], "-"))
	got := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{"Year", "2018/19 47 34%", "2019/20 36 53%", "2020/21 39 69%"} {
		if !strings.Contains(got, want) {
			t.Errorf("LibreOffice's printed workbook lacks %q:\n%s", want, text)
		}
	}
}

// TestStoreZip checks the workbook's archive: stored entries with their
// sizes in the local headers (no data descriptor), stamped with the
// time given to the even second, read back intact.
func TestStoreZip(t *testing.T) {
	at := time.Date(2024, 3, 15, 13, 45, 31, 0, time.UTC)
	parts := []part{{name: "a.xml", data: []byte("<a/>")}, {name: "xl/b.xml", data: bytes.Repeat([]byte("b"), 5000)}, {name: "empty", data: nil}}
	data, err := storeZip(parts, at)
	if err != nil {
		t.Fatal(err)
	}
	for i := range parts {
		parts[i].store = true
	}
	checkArchive(t, data, parts, at.Add(-time.Second))
}
