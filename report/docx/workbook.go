package docx

import (
	"math"
	"strconv"
	"time"

	"github.com/paperhq/paper/report/doc"
)

// The embedded workbook of a native chart, written by hand as the
// document's parts are: one worksheet, Sheet1, holding the chart's
// figures where its series' formulas point, its text in a shared-string
// table, each series' cells in the series' number format. That is all
// Word's Edit Data (and LibreOffice's) reads; a general spreadsheet
// library costs the binary 2 to 3 ms of package initialisation on every
// run, and the workbook 2.5 ms to write.

const (
	nsSheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
	ctSheet = "application/vnd.openxmlformats-officedocument.spreadsheetml."
	// maxCellText is the most UTF-16 code units Excel holds in a cell;
	// it refuses a workbook with more.
	maxCellText = 32767
	// firstCustomFmt is the first number format id a workbook may define
	// (ids below it are built in).
	firstCustomFmt = 164
)

// Package parts of every chart workbook, which do not vary.
const (
	workbookTypes = xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="` + ctSheet + `sheet.main+xml"/>` +
		`<Override PartName="/xl/worksheets/sheet1.xml" ContentType="` + ctSheet + `worksheet+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="` + ctSheet + `styles+xml"/>` +
		`<Override PartName="/xl/sharedStrings.xml" ContentType="` + ctSheet + `sharedStrings+xml"/></Types>`
	workbookPackageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = xmlHeader + `<workbook xmlns="` + nsSheet + `" xmlns:r="` + nsR + `">` +
		`<bookViews><workbookView/></bookViews><sheets><sheet name="` + chartSh + `" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
		`<Relationship Id="rId1" Type="` + relBase + `worksheet" Target="worksheets/sheet1.xml"/>` +
		`<Relationship Id="rId2" Type="` + relBase + `styles" Target="styles.xml"/>` +
		`<Relationship Id="rId3" Type="` + relBase + `sharedStrings" Target="sharedStrings.xml"/></Relationships>`
)

// sheetBuilder collects a worksheet's cells row by row, in order, with
// its shared strings and number formats.
type sheetBuilder struct {
	rows    []sheetRow
	strings []string       // shared strings, in order of first use
	index   map[string]int // shared string -> its index
	uses    int            // cells that name a shared string
	formats []string       // custom number formats; cell style i+1 is formats[i]
}

// sheetRow is one row's cells, in column order.
type sheetRow []sheetCell

// sheetCell is a cell: text (a shared string) or a figure in a style.
type sheetCell struct {
	col   int // 0 is column A
	text  bool
	str   int     // the shared string, when text
	v     float64 // the figure, when not
	style int     // the cell style (0: General)
}

// set puts c in row r (1-based), keeping each row's cells in column order.
func (s *sheetBuilder) set(r int, c sheetCell) {
	for len(s.rows) < r {
		s.rows = append(s.rows, nil)
	}
	row := s.rows[r-1]
	i := len(row)
	for i > 0 && row[i-1].col >= c.col {
		i--
	}
	if i < len(row) && row[i].col == c.col {
		row[i] = c
		return
	}
	row = append(row, sheetCell{})
	copy(row[i+1:], row[i:])
	row[i] = c
	s.rows[r-1] = row
}

// text puts t, as Excel can hold it, in row r, column col.
func (s *sheetBuilder) text(r, col int, t string) {
	t = cellText(t)
	i, ok := s.index[t]
	if !ok {
		i = len(s.strings)
		s.strings = append(s.strings, t)
		s.index[t] = i
	}
	s.uses++
	s.set(r, sheetCell{col: col, text: true, str: i})
}

// style is the cell style of number format f: 0 (General) for none or
// "General", else one style per distinct format.
func (s *sheetBuilder) style(f string) int {
	f = clean(f)
	if f == "" || f == "General" {
		return 0
	}
	for i, g := range s.formats {
		if g == f {
			return i + 1
		}
	}
	s.formats = append(s.formats, f)
	return len(s.formats)
}

// cellText is t without what XML cannot hold, cut to the length Excel
// holds in a cell (counted in UTF-16 code units, as Excel counts).
func cellText(t string) string {
	t = clean(t)
	if len(t) <= maxCellText {
		return t
	}
	units := 0
	for i, r := range t {
		n := 1
		if r > 0xFFFF {
			n = 2
		}
		if units+n > maxCellText {
			return t[:i]
		}
		units += n
	}
	return t
}

// chartWorkbook writes d's figures as a workbook: the category title and
// series names in row 1, a category per row beneath, the group labels
// in column A beside the first category of each group when the chart
// has two levels, a missing (or not finite) figure as an empty cell.
// Every zip entry carries the time modified, so the same chart gives the
// same bytes.
func chartWorkbook(d *doc.ChartData, modified time.Time) ([]byte, error) {
	s := &sheetBuilder{index: map[string]int{}}
	cc := columnIndex(catColumn(d))
	s.text(1, cc, d.CategoryTitle)
	for r, c := range d.Categories {
		s.text(r+2, cc, c)
	}
	if levels(d) == 2 {
		for _, g := range d.Groups {
			s.text(g.From+2, 0, g.Label)
		}
	}
	for i, ser := range d.Series {
		col := levels(d) + i
		s.text(1, col, ser.Name)
		style := s.style(ser.Format)
		for r, v := range ser.Values {
			if r < len(ser.Missing) && ser.Missing[r] || math.IsNaN(v) || math.IsInf(v, 0) {
				continue
			}
			s.set(r+2, sheetCell{col: col, v: excel(v), style: style})
		}
	}
	parts := []part{
		{name: "[Content_Types].xml", data: []byte(workbookTypes)},
		{name: "_rels/.rels", data: []byte(workbookPackageRels)},
		{name: "xl/workbook.xml", data: []byte(workbookXML)},
		{name: "xl/_rels/workbook.xml.rels", data: []byte(workbookRels)},
		{name: "xl/worksheets/sheet1.xml", data: s.sheetXML()},
		{name: "xl/styles.xml", data: s.stylesXML()},
		{name: "xl/sharedStrings.xml", data: s.sharedStringsXML()},
	}
	return storeZip(parts, modified)
}

// sheetXML is the worksheet part: its extent, then its rows.
func (s *sheetBuilder) sheetXML() []byte {
	var b xb
	b.raw(xmlHeader + `<worksheet xmlns="` + nsSheet + `"><dimension ref="A1`)
	if last := s.lastCell(); last != "A1" {
		b.raw(":" + last)
	}
	b.raw(`"/><sheetData>`)
	for i, row := range s.rows {
		if len(row) == 0 {
			continue
		}
		r := strconv.Itoa(i + 1)
		b.raw(`<row r="` + r + `">`)
		for _, c := range row {
			b.raw(`<c r="` + columnName(c.col) + r + `"`)
			switch {
			case c.text:
				b.rawInts(` t="s"><v>`, c.str, `</v></c>`)
			case c.style != 0:
				b.rawInts(` s="`, c.style, `"><v>`)
				b.raw(num(c.v) + `</v></c>`)
			default:
				b.raw(`><v>` + num(c.v) + `</v></c>`)
			}
		}
		b.raw(`</row>`)
	}
	b.raw(`</sheetData></worksheet>`)
	return b.Bytes()
}

// lastCell is the bottom-right corner of the cells set.
func (s *sheetBuilder) lastCell() string {
	col := 0
	for _, row := range s.rows {
		if len(row) > 0 {
			col = max(col, row[len(row)-1].col)
		}
	}
	return columnName(col) + strconv.Itoa(max(len(s.rows), 1))
}

// stylesXML is the smallest style sheet Excel opens: one font, the two
// fills and the border it requires, and a cell style per number format.
func (s *sheetBuilder) stylesXML() []byte {
	var b xb
	b.raw(xmlHeader + `<styleSheet xmlns="` + nsSheet + `">`)
	if len(s.formats) > 0 {
		b.rawInts(`<numFmts count="`, len(s.formats), `">`)
		for i, f := range s.formats {
			b.rawInts(`<numFmt numFmtId="`, firstCustomFmt+i, `" formatCode="`)
			b.attr(f)
			b.raw(`"/>`)
		}
		b.raw(`</numFmts>`)
	}
	b.raw(`<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>` +
		`<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
		`<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
		`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>`)
	b.rawInts(`<cellXfs count="`, len(s.formats)+1, `"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`)
	for i := range s.formats {
		b.rawInts(`<xf numFmtId="`, firstCustomFmt+i, `" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>`)
	}
	b.raw(`</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`)
	return b.Bytes()
}

// sharedStringsXML is the shared-string table, spaces at either end of
// a string kept.
func (s *sheetBuilder) sharedStringsXML() []byte {
	var b xb
	b.rawInts(xmlHeader+`<sst xmlns="`+nsSheet+`" count="`, s.uses, `" uniqueCount="`, len(s.strings), `">`)
	for _, t := range s.strings {
		if t != "" && (edgeSpace(t[0]) || edgeSpace(t[len(t)-1])) {
			b.raw(`<si><t xml:space="preserve">`)
		} else {
			b.raw(`<si><t>`)
		}
		b.text(t)
		b.raw(`</t></si>`)
	}
	b.raw(`</sst>`)
	return b.Bytes()
}

// edgeSpace reports whether c, at either end of a string, would be lost
// to XML's whitespace handling without xml:space="preserve".
func edgeSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// columnName is the letters of column i (0 is A, 26 is AA).
func columnName(i int) string {
	var b [8]byte
	n := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		n--
		b[n] = byte('A' + (i-1)%26)
	}
	return string(b[n:])
}

// columnIndex is the index of column letters name (A is 0), the inverse
// of columnName.
func columnIndex(name string) int {
	i := 0
	for j := 0; j < len(name); j++ {
		i = i*26 + int(name[j]-'A') + 1
	}
	return i - 1
}
