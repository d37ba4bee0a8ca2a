package caselog

import (
	"bytes"
	"testing"
	"time"
)

// FuzzReadXLSX checks that no workbook, however damaged, panics the XLSX
// reader or yields a log that breaks its own invariants: every error is a
// diagnostic naming the file, and a log's rows index its services.
func FuzzReadXLSX(f *testing.F) {
	d := time.Date(2021, 2, 28, 0, 0, 0, 0, time.UTC)
	f.Add(workbook(f, false, [][]any{
		{"Reference", "Stage", "Service", "Received", "Responded", "Due", "Outcome"},
		{"C1", "1", "Housing", d, d.AddDate(0, 0, 3), nil, "Upheld"},
		{"C2", "Stage 2", "Parks", "28/02/2021", "", "", ""},
	}))
	f.Add(workbook(f, true, [][]any{
		{"Reference", "Stage", "Service", "Received"},
		{"C1", "LGSCO", "Housing", 44255},
		{"C2", "9", "Housing", "31/02/2021"},
	}))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		log, err := ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{})
		if err != nil {
			if log != nil {
				t.Fatal("a log returned with an error")
			}
			if err.Error() == "" {
				t.Fatal("an empty error")
			}
			return
		}
		for _, r := range log.Rows {
			if int(r.Service) >= len(log.Services) || r.Stage >= NumStages {
				t.Fatalf("row %+v out of range of %d services", r, len(log.Services))
			}
			if r.Responded != NoDate && r.Responded < r.Received {
				t.Fatalf("row %+v responded before received", r)
			}
		}
	})
}
