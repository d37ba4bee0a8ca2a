package docx

import (
	"bytes"
	"math"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/paperhq/paper/report/doc"
)

// FuzzChartWorkbook writes workbooks of fuzzed charts (text with markup,
// control characters, invalid UTF-8 and edge spaces; NaN, infinite and
// extreme figures; groups in order or not; any number format) and opens
// each as Excel would: it must open, and every cell must hold what the
// chart's formulas promise, the text as the workbook can hold it and the
// figures at the 15 digits the cache holds.
func FuzzChartWorkbook(f *testing.F) {
	f.Add([]byte("\x03\x02abc\x01\x05hello\x07"))
	f.Add([]byte("\x01\x02\x03\x10<&\x00>\x02\xff\xfe\x01\x05 x \x00"))
	f.Add([]byte("\x05\x02\x04\x00\x00\x00\x00\x09\x01\x01\x80\x7f"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &fuzzReader{b: data}
		d := &doc.ChartData{CategoryTitle: r.str()}
		n := int(r.byte() % 7)
		for range n {
			d.Categories = append(d.Categories, r.str())
		}
		for range int(r.byte() % 3) {
			d.Groups = append(d.Groups, doc.ChartGroup{Label: r.str(), From: int(r.byte()%8) - 1, To: int(r.byte() % 8)})
		}
		for range int(r.byte()%4) + 1 {
			s := doc.ChartSeries{Name: r.str(), Format: r.str()}
			for range n {
				v := r.num()
				switch r.byte() % 8 {
				case 0:
					v = math.NaN()
				case 1:
					v = math.Inf(-1)
				case 2:
					v *= 1e300
				case 3:
					v *= 1e-300
				}
				s.Values = append(s.Values, v)
				s.Missing = append(s.Missing, r.bool())
			}
			d.Series = append(d.Series, s)
		}
		data, err := chartWorkbook(d, zipTime(time.Time{}))
		if err != nil {
			t.Fatal(err)
		}
		wb, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("workbook does not open: %v", err)
		}
		defer wb.Close()
		cell := func(col, row int) string {
			v, err := wb.GetCellValue(chartSh, columnName(col)+strconv.Itoa(row))
			if err != nil {
				t.Fatal(err)
			}
			return v
		}
		cc := columnIndex(catColumn(d))
		if got, want := cell(cc, 1), cellText(d.CategoryTitle); got != want {
			t.Errorf("category title %q, want %q", got, want)
		}
		for i, c := range d.Categories {
			if got, want := cell(cc, i+2), cellText(c); got != want {
				t.Errorf("category %d %q, want %q", i, got, want)
			}
		}
		if levels(d) == 2 {
			for _, g := range d.Groups { // levels rules their From out of order, so one each
				if got, want := cell(0, g.From+2), cellText(g.Label); got != want {
					t.Errorf("group at %d %q, want %q", g.From, got, want)
				}
			}
		}
		for i, s := range d.Series {
			col := levels(d) + i
			if got, want := cell(col, 1), cellText(s.Name); got != want {
				t.Errorf("series %d name %q, want %q", i, got, want)
			}
			for j, v := range s.Values {
				got := cell(col, j+2)
				if s.Missing[j] || math.IsNaN(v) || math.IsInf(v, 0) {
					if got != "" {
						t.Errorf("series %d row %d: %q for a figure not shown", i, j, got)
					}
					continue
				}
				if want := num(excel(v)); got != want {
					t.Errorf("series %d row %d: %q, want %q", i, j, got, want)
				}
			}
		}
	})
}
