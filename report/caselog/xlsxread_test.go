package caselog

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/xuri/excelize/v2"
)

// zipParts builds an XLSX package from its parts, as other writers than
// excelize lay them out.
func zipParts(t testing.TB, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"} {
		src, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(src))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// prefixedParts is a workbook whose XML uses a namespace prefix (x:), as
// the .NET Open XML SDK writes it, with shared strings in rich-text runs
// and phonetic hints, entities, an inline string, a formula's cached
// value, the 1904 date system, a false <dimension> and cells without
// references.
var prefixedParts = map[string]string{
	"_rels/.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
	"xl/workbook.xml": `<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:workbookPr date1904="1"/><x:sheets><x:sheet name="Notes" sheetId="2" r:id="rB"/><x:sheet name="Cases" sheetId="1" r:id="rA"/></x:sheets></x:workbook>`,
	"xl/_rels/workbook.xml.rels": `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rA" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rB" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/>
<Relationship Id="rS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
	"xl/sharedStrings.xml": `<?xml version="1.0"?><x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">
<x:si><x:t>Reference</x:t></x:si><x:si><x:t>Stage</x:t></x:si><x:si><x:t>Service</x:t></x:si><x:si><x:t>Received</x:t></x:si>
<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Roads &amp; </x:t></x:r><x:r><x:t xml:space="preserve">Paths</x:t></x:r><x:rPh sb="0" eb="1"><x:t>ignored</x:t></x:rPh></x:si>
<x:si><x:t>Stage&#32;2</x:t></x:si></x:sst>`,
	"xl/worksheets/sheet1.xml": `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
<x:dimension ref="A1"/><x:sheetData>
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>
<x:row r="3"><x:c r="A3" t="inlineStr"><x:is><x:t>C&lt;1&gt;</x:t></x:is></x:c><x:c r="B3"><x:f>1+0</x:f><x:v>1</x:v></x:c><x:c r="C3" t="s"><x:v>4</x:v></x:c><x:c r="D3" s="1"><x:v>42793</x:v></x:c></x:row>
<x:row><x:c r="A4" t="str"><x:v>C2</x:v></x:c><x:c r="B4" t="s"><x:v>5</x:v></x:c><x:c r="C4" t="s"><x:v>4</x:v></x:c><x:c r="D4" t="inlineStr"><x:is><x:t>28/02/2021</x:t></x:is></x:c></x:row>
<x:row r="5"/><!-- <x:row r="6"><x:c><x:v>not a row</x:v></x:c></x:row> -->
</x:sheetData><x:rowBreaks count="1"><x:brk id="5"/></x:rowBreaks></x:worksheet>`,
	"xl/worksheets/sheet2.xml": `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>`,
}

func TestXLSXOtherWriters(t *testing.T) {
	data := zipParts(t, prefixedParts)
	log, err := ReadXLSX("cases.xlsx", bytes.NewReader(data), Options{Sheet: "cases"})
	if err != nil {
		t.Fatal(err)
	}
	// 42793 in the 1904 system is 2021-02-28.
	want := []Row{
		{Received: day("2021-02-28"), Responded: NoDate, Due: NoDate, Acknowledged: NoDate, Service: 0, Line: 3, Stage: Stage1},
		{Received: day("2021-02-28"), Responded: NoDate, Due: NoDate, Acknowledged: NoDate, Service: 0, Line: 4, Stage: Stage2},
	}
	if fmt.Sprint(log.Rows) != fmt.Sprint(want) || fmt.Sprint(log.Services) != "[Roads & Paths]" {
		t.Errorf("got %+v %q, want %+v [Roads & Paths]", log.Rows, log.Services, want)
	}
	// The first sheet is empty: with no sheet named, the first sheet with
	// the columns is read.
	log, err = ReadXLSX("cases.xlsx", bytes.NewReader(data), Options{})
	if err != nil || fmt.Sprint(log.Rows) != fmt.Sprint(want) {
		t.Errorf("empty first sheet: %v %+v", err, log)
	}
}

// TestXLSXFalseDimension: a sheet whose declared size (<dimension>) says
// one cell is read by its real cells, not reported empty.
func TestXLSXFalseDimension(t *testing.T) {
	data := workbook(t, false, [][]any{
		{"Reference", "Stage", "Service", "Received"},
		{"C1", 1, "Housing", "2021-02-28"},
		{"C2", 2, "Parks", "2021-03-01"},
	})
	data = rewritePart(t, data, "xl/worksheets/sheet1.xml", func(s string) string {
		i, j := strings.Index(s, "<dimension "), strings.Index(s, "<sheetViews")
		if i < 0 || j < i {
			t.Fatalf("no dimension in %s", s)
		}
		return s[:i] + `<dimension ref="A1"/>` + s[j:]
	})
	log, err := ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Rows) != 2 || fmt.Sprint(log.Services) != "[Housing Parks]" {
		t.Errorf("got %+v %q", log.Rows, log.Services)
	}
}

// rewritePart returns the zip data with one part's content changed.
func rewritePart(t testing.TB, data []byte, name string, edit func(string) string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		content := b.String()
		if f.Name == name {
			content = edit(content)
		}
		w, _ := zw.Create(f.Name)
		w.Write([]byte(content))
	}
	zw.Close()
	return buf.Bytes()
}

// wideWorkbook writes, with excelize's stream writer, a header and rows
// with one value each in column XFD, the last column, and a value in the
// sheet's last cell, XFD1048576.
func wideWorkbook(t testing.TB, rows int) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"Reference", "Stage", "Service", "Received"})
	for i := 2; i <= rows; i++ {
		sw.SetRow(fmt.Sprintf("XFD%d", i), []any{i})
	}
	sw.SetRow("XFD1048576", []any{"x"})
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestXLSXColumnXFD: cells in the last column cost what they are, not
// 16,384 cells a row (a 103 KB file took 8.6 GB and 33 s). The bounds are
// generous; BenchmarkReadXLSXColumnXFD measures.
func TestXLSXColumnXFD(t *testing.T) {
	data := wideWorkbook(t, 30000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	_, err := ReadXLSX("wide.xlsx", bytes.NewReader(data), Options{})
	took := time.Since(start)
	runtime.ReadMemStats(&after)
	if took > 30*time.Second {
		t.Errorf("took %v", took)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 256<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
	l := diag.As(err)
	if len(l) != DefaultMaxErrors+1 {
		t.Fatalf("got %d problems:\n%v", len(l), l)
	}
	if got, want := l[0].String(), "wide.xlsx:2: cell XFD2 has a value, but the header row has no column XFD: every value must be under a heading"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
	if got, want := l[DefaultMaxErrors].String(), "wide.xlsx:22: 29980 more problems from this line on are not listed"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

// TestXLSXWritesNoTempFiles: reading a workbook, large or damaged,
// leaves nothing in the temporary folder.
func TestXLSXWritesNoTempFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	good := wideWorkbook(t, 20)
	big := zipParts(t, map[string]string{
		"xl/workbook.xml":            prefixedParts["xl/workbook.xml"],
		"xl/_rels/workbook.xml.rels": prefixedParts["xl/_rels/workbook.xml.rels"],
		"xl/sharedStrings.xml":       `<sst>` + strings.Repeat("<si><t>Housing</t></si>", 1<<20) + `</sst>`,
		"xl/worksheets/sheet1.xml":   `<worksheet><sheetData>` + strings.Repeat(`<row><c t="s"><v>0</v></c></row>`, 1<<19),
	})
	for _, data := range [][]byte{good, big, good[:len(good)*2/3], big[:len(big)-100]} {
		ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{Sheet: "Cases"})
		ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{})
	}
	entries, err := os.ReadDir(tmp)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		t.Errorf("left in the temporary folder: %s", filepath.Join(tmp, e.Name()))
	}
}

func TestXLSXDamaged(t *testing.T) {
	parts := func(sheet string) []byte {
		p := map[string]string{}
		for k, v := range prefixedParts {
			p[k] = v
		}
		p["xl/worksheets/sheet1.xml"] = `<worksheet><sheetData>` + sheet + `</sheetData></worksheet>`
		return zipParts(t, p)
	}
	for _, c := range []struct{ sheet, want string }{
		{`<row r="0"><c><v>1</v></c></row>`, `a row is numbered "0"`},
		{`<row r="1048577"><c><v>1</v></c></row>`, `a row is numbered "1048577"`},
		{`<row><c r="XFE1"><v>1</v></c></row>`, `a cell is named "XFE1"`},
		{`<row><c r="A1" t="s"><v>99</v></c></row>`, `row 1 refers to shared string "99", which it does not have`},
		{`<row><c r="1A"><v>1</v></c></row>`, `a cell is named "1A"`},
		{`<row><c r="A1" t="inlineStr"><is><t>x</t></is></c><c r="B1"><v>1`, `a row is unfinished: the worksheet is damaged`},
	} {
		_, err := ReadXLSX("bad.xlsx", bytes.NewReader(parts(c.sheet)), Options{Sheet: "Cases"})
		if want := "bad.xlsx: cannot read the worksheet: " + c.want; err == nil || err.Error() != want {
			t.Errorf("%s: got %v, want %s", c.sheet, err, want)
		}
	}
}

// TestXLSXCellsOutOfOrder: cells are read by their references, in
// whatever order the writer put them.
func TestXLSXCellsOutOfOrder(t *testing.T) {
	p := map[string]string{}
	for k, v := range prefixedParts {
		p[k] = v
	}
	p["xl/worksheets/sheet1.xml"] = `<worksheet><sheetData>
<row r="1"><c r="D1" t="inlineStr"><is><t>Received</t></is></c><c r="A1" t="inlineStr"><is><t>Reference</t></is></c><c r="C1" t="inlineStr"><is><t>Service</t></is></c><c r="B1" t="inlineStr"><is><t>Stage</t></is></c></row>
<row r="2"><c r="C2" t="inlineStr"><is><t>Housing</t></is></c><c r="A2" t="inlineStr"><is><t>C1</t></is></c><c r="D2" t="inlineStr"><is><t>2021-02-28</t></is></c><c r="B2"><v>2</v></c></row>
</sheetData></worksheet>`
	log, err := ReadXLSX("cases.xlsx", bytes.NewReader(zipParts(t, p)), Options{Sheet: "Cases"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{{Received: day("2021-02-28"), Responded: NoDate, Due: NoDate, Acknowledged: NoDate, Line: 2, Stage: Stage2}}
	if fmt.Sprint(log.Rows) != fmt.Sprint(want) || fmt.Sprint(log.Services) != "[Housing]" {
		t.Errorf("got %+v %q", log.Rows, log.Services)
	}
}

func TestColumn(t *testing.T) {
	for _, c := range []struct {
		ref  string
		col  int
		name string
	}{{"A1", 1, "A"}, {"z9", 26, "Z"}, {"AA10", 27, "AA"}, {"XFD1048576", 16384, "XFD"}} {
		col, ok := column([]byte(c.ref))
		if !ok || col != c.col || columnName(col) != c.name {
			t.Errorf("%s: column %d %v, name %s", c.ref, col, ok, columnName(col))
		}
	}
	for _, bad := range []string{"", "A", "1", "XFE1", "A1B", "AAAAAAAAAAAAAAAAAAAAA1"} {
		if _, ok := column([]byte(bad)); ok {
			t.Errorf("%q read as a cell", bad)
		}
	}
}
