package caselog

import (
	"reflect"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/diag"
)

// TestEncodings: a Windows-1252 CSV (Excel's "CSV (Comma delimited)") is
// read as such, with a warning at its first non-UTF-8 line unless the
// report says so; UTF-8 said but not found, UTF-16 and semicolon CSVs are
// errors that say what to do.
func TestEncodings(t *testing.T) {
	utf := "Reference,Stage,Service,Received\nC1,1,Housing,2021-02-01\nC2,1,Children’s Services,2021-02-01\n"
	cp := "Reference,Stage,Service,Received\nC1,1,Housing,2021-02-01\nC2,1,Children\x92s Services,2021-02-01\n"
	warn := `complaints.csv:3: warning: is not UTF-8 (this line is the first that is not), so it is read as Windows-1252, the encoding of Excel's "CSV (Comma delimited)"; check the accented letters and quotes in the paper, and say so with the report's data: encoding: windows-1252, or save the export as "CSV UTF-8"`
	for _, c := range []struct {
		name, src, enc string
		warnings       []string
	}{
		{"UTF-8", utf, "", nil},
		{"Windows-1252 found", cp, "", []string{warn}},
		{"Windows-1252 said", cp, Windows1252, nil},
		{"UTF-8 said", utf, UTF8, nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			log, err := both(t, c.src, Options{Encoding: c.enc})
			if err != nil {
				t.Fatal(err)
			}
			if want := []string{"Children’s Services", "Housing"}; !reflect.DeepEqual(log.Services, want) {
				t.Errorf("services %q, want %q", log.Services, want)
			}
			var got []string
			for _, w := range log.Warnings {
				got = append(got, w.String())
			}
			if !reflect.DeepEqual(got, c.warnings) {
				t.Errorf("warnings %q, want %q", got, c.warnings)
			}
		})
	}
	for _, c := range []struct{ name, src, enc, want string }{
		{"UTF-8 said, not found", cp, UTF8, `complaints.csv:3: is not UTF-8, as the report's data: encoding: says; if it came from Excel's "CSV (Comma delimited)", write encoding: windows-1252`},
		{"UTF-16", "\xFF\xFER\x00e\x00", "", `complaints.csv: is UTF-16 text (Excel's "Unicode Text", separated by tabs), which paper does not read`},
		{"semicolons", "Reference;Stage;Service;Received\nC1;1;Housing;2021-02-01\n", "", `complaints.csv:1: no columns found; the header is one field separated by semicolons ("Reference;Stage;Service;Received"): this CSV uses ";" between fields`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := both(t, c.src, Options{Encoding: c.enc})
			if got := diag.As(err).Error(); !strings.HasPrefix(got, c.want) {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}
