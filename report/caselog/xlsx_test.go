package caselog

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/xuri/excelize/v2"
)

// workbook builds an XLSX in memory: rows of cells, with time.Time cells
// stored as dates shown in a US two-digit-year format.
func workbook(t testing.TB, date1904 bool, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	if date1904 {
		v := true
		if err := f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &v}); err != nil {
			t.Fatal(err)
		}
	}
	us := "mm/dd/yy"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &us})
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		for j, v := range row {
			cell, _ := excelize.CoordinatesToCellName(j+1, i+1)
			if err := f.SetCellValue("Sheet1", cell, v); err != nil {
				t.Fatal(err)
			}
			if _, ok := v.(time.Time); ok {
				f.SetCellStyle("Sheet1", cell, cell, style)
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX(t *testing.T) {
	feb28 := time.Date(2021, 2, 28, 0, 0, 0, 0, time.UTC)
	mar3 := time.Date(2021, 3, 3, 15, 30, 0, 0, time.UTC)
	for _, d1904 := range []bool{false, true} {
		data := workbook(t, d1904, [][]any{
			{"Reference", "Stage", "Service", "Received", "Responded", "Outcome"},
			{"C1", 1, "Housing", feb28, mar3, "Upheld"},
			{},
			{"C2", "Stage 2", "Parking", "28/02/2021", "2021-03-04", ""},
			{12345, "LGSCO", "Housing", feb28, nil, nil},
		})
		log, err := ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{})
		if err != nil {
			t.Fatalf("1904=%v: %v", d1904, err)
		}
		want := []Row{
			{Received: day("2021-02-28"), Responded: day("2021-03-03"), Due: NoDate, Acknowledged: NoDate, Service: 0, Line: 2, Stage: Stage1, Outcome: Upheld},
			{Received: day("2021-02-28"), Responded: day("2021-03-04"), Due: NoDate, Acknowledged: NoDate, Service: 1, Line: 4, Stage: Stage2},
			{Received: day("2021-02-28"), Responded: NoDate, Due: NoDate, Acknowledged: NoDate, Service: 0, Line: 5, Stage: Ombudsman},
		}
		if len(log.Rows) != len(want) {
			t.Fatalf("1904=%v: rows %+v", d1904, log.Rows)
		}
		for i := range want {
			if log.Rows[i] != want[i] {
				t.Errorf("1904=%v row %d: got %+v, want %+v", d1904, i, log.Rows[i], want[i])
			}
		}
	}
}

func TestXLSXErrors(t *testing.T) {
	data := workbook(t, false, [][]any{
		{},
		{"Case Reference", "Stage", "Service", "Date Received"},
		{"C1", 1, "Housing", "31/02/2021"},
		{"C2", 3, "Housing", time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC)},
	})
	_, err := ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{Columns: map[string]string{"Reference": "Case Reference", "Received": "Date Received"}})
	got := diag.As(err).Error()
	want := "complaints.xlsx:3: Date Received: \"31/02/2021\" is not a date\ncomplaints.xlsx:4: Stage: \"3\" is not a stage (1 row, first at line 4); use " + stageNames +
		", or map them in the report's data: values: {Stage: {\"3\": ignore}} (each to stage1, stage2, ombudsman or ignore, which leaves the rows out)"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	_, err = ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{Sheet: "Cases"})
	if err == nil || !strings.Contains(err.Error(), `no worksheet "Cases"; the workbook has: 1 "Sheet1"`) {
		t.Errorf("missing sheet: %v", err)
	}
	for _, bad := range [][]byte{nil, []byte("not a zip"), data[:len(data)/2]} {
		if _, err := ReadXLSX("complaints.xlsx", bytes.NewReader(bad), Options{}); err == nil || !strings.Contains(err.Error(), "complaints.xlsx: ") {
			t.Errorf("corrupt workbook: %v", err)
		}
	}
}
