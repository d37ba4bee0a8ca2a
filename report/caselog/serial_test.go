package caselog

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// TestTextSerials: a date column holding Excel serial numbers as text (a
// CSV saved from a column formatted as numbers, or an XLSX text cell) is
// read as the dates they stand for, with one warning per column naming
// it and the first row; a number that cannot be a recent date stays an
// error, and number cells in an XLSX are read silently.
func TestTextSerials(t *testing.T) {
	const head = "Reference,Stage,Service,Received,Responded\n"
	t.Run("csv", func(t *testing.T) {
		src := head + "C1,1,Housing,2022-05-03,\n" + "C2,1,Housing,44685,2022-05-06\n" + "C3,1,Housing,44686.5,44690\n"
		log, err := both(t, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range log.Rows {
			got = append(got, fmt.Sprintf("%s %s", r.Received, r.Responded))
		}
		if want := "[2022-05-03 none 2022-05-04 2022-05-06 2022-05-05 2022-05-09]"; strings.ReplaceAll(fmt.Sprint(got), NoDate.String(), "none") != want {
			t.Errorf("rows %v, want %s", got, want)
		}
		w := fmt.Sprint(log.Warnings)
		for _, want := range []string{
			`complaints.csv:3: warning: Received: 2 fields hold numbers, not dates, read as Excel serial dates: "44685" is 4 May 2022 (the first, at this row)`,
			`complaints.csv:4: warning: Responded: 1 field holds a number, not a date, read as an Excel serial date: "44690" is 9 May 2022`,
		} {
			if !strings.Contains(w, want) {
				t.Errorf("warnings %s\nlack %s", w, want)
			}
		}
	})
	for _, v := range []string{"2021", "12", "99999"} {
		t.Run("not a date "+v, func(t *testing.T) {
			_, err := both(t, head+"C1,1,Housing,"+v+",\n", Options{})
			if want := fmt.Sprintf(`complaints.csv:2: Received: "%s" is not a date (write 2021-02-28 or 28/02/2021)`, v); err == nil || !strings.Contains(err.Error(), want) {
				t.Errorf("got %v, want %s", err, want)
			}
		})
	}
	t.Run("xlsx", func(t *testing.T) {
		data := workbook(t, false, [][]any{
			{"Reference", "Stage", "Service", "Received", "Responded"},
			{"C1", 1, "Housing", 44685, nil},
			{"C2", 1, "Housing", "44686", nil},
		})
		log, err := ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(log.Rows) != 2 || log.Rows[0].Received.String() != "2022-05-04" || log.Rows[1].Received.String() != "2022-05-05" {
			t.Errorf("rows %+v", log.Rows)
		}
		w := fmt.Sprint(log.Warnings)
		if want := `complaints.xlsx:3: warning: Received: 1 field holds a number, not a date, read as an Excel serial date: "44686" is 5 May 2022`; !strings.Contains(w, want) || strings.Count(w, "serial") != 1 {
			t.Errorf("warnings %s\nwant only %s", w, want)
		}
	})
}
