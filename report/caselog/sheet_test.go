package caselog

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// coverWorkbook writes a workbook as exports come: a cover sheet with a
// title line, then the cases on a sheet named Cases.
func coverWorkbook(t *testing.T) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Cover")
	f.SetCellValue("Cover", "A1", "Complaints export, run 01/04/2025 by the case system")
	f.SetCellValue("Cover", "A3", "Filter: all stages")
	if _, err := f.NewSheet("Cases"); err != nil {
		t.Fatal(err)
	}
	for i, row := range [][]any{
		{"Case Ref", "Complaint Stage", "Directorate", "Date Logged"},
		{"C1", "Stage One", "Housing", "01/06/2024"},
		{"C2", "Stage Two", "housing", "02/06/2024"},
	} {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			f.SetCellValue("Cases", cell, v)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestSheetChoice: with no sheet named, the first sheet whose header has
// the columns is read, passing over a cover sheet; a sheet is named by
// name or by number from 1; a wrong one lists the sheets; a workbook with
// the columns on no sheet says so and how to name one.
func TestSheetChoice(t *testing.T) {
	data := coverWorkbook(t)
	cols := map[string]string{"Reference": "Case Ref", "Stage": "Complaint Stage", "Service": "Directorate", "Received": "Date Logged"}
	for _, sheet := range []string{"", "Cases", "cases", "2"} {
		log, err := ReadXLSX("export.xlsx", bytes.NewReader(data), Options{Columns: cols, Sheet: sheet})
		if err != nil || len(log.Rows) != 2 || len(log.Services) != 1 {
			t.Errorf("sheet %q: %v %+v", sheet, err, log)
		}
	}
	for _, c := range []struct{ sheet, want string }{
		{"Data", `export.xlsx: no worksheet "Data"; the workbook has: 1 "Cover", 2 "Cases"`},
		{"3", `export.xlsx: no worksheet "3"; the workbook has: 1 "Cover", 2 "Cases"`},
		{"1", `export.xlsx:1: missing columns "Case Ref" (mapped to Reference), "Complaint Stage" (mapped to Stage), "Directorate" (mapped to Service) and "Date Logged" (mapped to Received); the header has: Complaints export, run 01/04/2025 by the case system`},
	} {
		_, err := ReadXLSX("export.xlsx", bytes.NewReader(data), Options{Columns: cols, Sheet: c.sheet})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("sheet %q: %v\nwant %s", c.sheet, err, c.want)
		}
	}
	_, err := ReadXLSX("export.xlsx", bytes.NewReader(data), Options{})
	want := `export.xlsx: no worksheet has a header row with the columns; the workbook has: 1 "Cover", 2 "Cases"; name the sheet with the report's data: sheet: (a name or a number from 1)`
	if err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("no sheet with the columns: %v\nwant it to end %s", err, want)
	}
}
