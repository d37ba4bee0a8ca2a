package caselog

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

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
		{"UTF-16 with a BOM, utf-8 said", utf16LE("Reference\tStage\n", true), UTF8, `complaints.csv: is UTF-16 text (it starts with a UTF-16 byte order mark, as Excel's "Unicode Text" does), not utf-8 as the report's data: encoding: says; write encoding: utf-16, or leave it out`},
		{"UTF-16 said, not found", utf, UTF16, `complaints.csv: is not UTF-16, as the report's data: encoding: says (it has no zero bytes, which UTF-16 text of Latin letters is full of); leave encoding out, or write utf-8 or windows-1252`},
		{"UTF-16 cut short", utf16LE("Reference\tStage\n", true)[:9], "", `complaints.csv:1: is not valid UTF-16: it ends in the middle of a character (an odd number of bytes), so it was cut short or is not UTF-16`},
		{"UTF-16 lone surrogate", utf16LE("Reference\tStage\n", true) + "\x00\xD8A\x00", "", `complaints.csv:2: is not valid UTF-16: half of a character pair (a lone surrogate) stands alone on this line`},
		{"semicolons and commas", "Reference;Stage;Service, area;Received\nC1;1;Housing;2021-02-01\n", "", `complaints.csv:1: no columns found; the header holds semicolons as well as commas ("Reference;Stage;Service,area;Received"), so it was read as separated by commas; if ";" separates the fields, as Excel writes CSV in European locales, put the line sep=; first in the file, or save it as "CSV UTF-8 (Comma delimited)" or as .xlsx`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := both(t, c.src, Options{Encoding: c.enc})
			if got := diag.As(err).Error(); !strings.HasPrefix(got, c.want) {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}
}

// utf16LE encodes text as UTF-16 little-endian, as Excel's "Unicode
// Text" does, with its byte order mark when bom is set.
func utf16LE(text string, bom bool) string {
	var b strings.Builder
	if bom {
		b.WriteString("\xFF\xFE")
	}
	for _, u := range utf16.Encode([]rune(text)) {
		b.WriteByte(byte(u))
		b.WriteByte(byte(u >> 8))
	}
	return b.String()
}

// utf16BE encodes text as UTF-16 big-endian with a byte order mark.
func utf16BE(text string) string {
	var b strings.Builder
	b.WriteString("\xFE\xFF")
	for _, u := range utf16.Encode([]rune(text)) {
		b.WriteByte(byte(u >> 8))
		b.WriteByte(byte(u))
	}
	return b.String()
}

// TestUnicodeTextAndSeparators: Excel's "Unicode Text" (UTF-16 with a
// byte order mark, tabs between fields), UTF-16 without a mark when the
// report says utf-16, a semicolon-separated CSV (Excel in European
// locales), one with Excel's sep=; line, and a tab-separated UTF-8 file
// all give the rows of the same comma-separated CSV, with a warning
// naming the file when paper decided without being told.
func TestUnicodeTextAndSeparators(t *testing.T) {
	rows := [][]string{
		{"Reference", "Stage", "Service", "Received", "Outcome"},
		{"C1", "1", "Children’s Services", "2021-02-01", "Upheld"},
		{"C2", "Stage 2", "Housing; Repairs", "01/02/2021", ""},
		{"C3", "1", "𝐇ousing", "2021-02-03", "Not upheld"}, // outside the BMP: a surrogate pair
		{"C4", "1", "Parks, \"Gardens\"", "2021-02-04", ""},
	}
	join := func(sep string) string {
		var b strings.Builder
		for _, r := range rows {
			for i, f := range r {
				if i > 0 {
					b.WriteString(sep)
				}
				if strings.ContainsAny(f, sep+"\"") {
					f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
				}
				b.WriteString(f)
			}
			b.WriteString("\r\n")
		}
		return b.String()
	}
	want, err := both(t, join(","), Options{})
	if err != nil {
		t.Fatal(err)
	}
	detected16 := `complaints.csv: warning: is UTF-16 text (it starts with a UTF-16 byte order mark, as Excel's "Unicode Text" does), so it is read as UTF-16; say so with the report's data: encoding: utf-16`
	semicolons := `complaints.csv:1: warning: the header's fields are separated by semicolons, not commas, so the file is read so, as Excel writes CSV in European locales; check the figures, or save the export as "CSV UTF-8 (Comma delimited)"`
	tabs := `complaints.csv:1: warning: the header's fields are separated by tabs, not commas, so the file is read so; check the figures, or save the export as "CSV UTF-8 (Comma delimited)"`
	for _, c := range []struct {
		name, src, enc string
		warnings       []string
		line           int32 // of the first row
	}{
		{"Unicode Text", utf16LE(join("\t"), true), "", []string{detected16}, 2},
		{"Unicode Text, said", utf16LE(join("\t"), true), UTF16, nil, 2},
		{"UTF-16LE without a mark, said", utf16LE(join("\t"), false), UTF16, nil, 2},
		{"UTF-16BE", utf16BE(join("\t")), "", []string{detected16}, 2},
		{"UTF-16 with commas", utf16LE(join(","), true), UTF16, []string{strings.NewReplacer("tabs, not commas", "commas, not tabs").Replace(tabs)}, 2},
		{"semicolons", join(";"), "", []string{semicolons}, 2},
		{"semicolons with a BOM", "\uFEFF" + join(";"), "", []string{semicolons}, 2},
		{"sep=;", "sep=;\r\n" + join(";"), "", nil, 3},
		{"tabs in a .csv", join("\t"), "", []string{tabs}, 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			log, err := both(t, c.src, Options{Encoding: c.enc})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, w := range log.Warnings {
				got = append(got, w.String())
			}
			if !reflect.DeepEqual(got, c.warnings) {
				t.Errorf("warnings %q, want %q", got, c.warnings)
			}
			if !reflect.DeepEqual(log.Services, want.Services) {
				t.Errorf("services %q, want %q", log.Services, want.Services)
			}
			if len(log.Rows) != len(want.Rows) {
				t.Fatalf("%d rows, want %d", len(log.Rows), len(want.Rows))
			}
			for i, r := range log.Rows {
				w := want.Rows[i]
				w.Line += c.line - 2
				if r != w {
					t.Errorf("row %d: %+v, want %+v", i+1, r, w)
				}
			}
		})
	}
	// A .tsv or .txt file is expected to hold tabs: no warning.
	for _, name := range []string{"export.tsv", "export.txt"} {
		log, err := ReadCSV(name, []byte(join("\t")), Options{})
		if err != nil || len(log.Warnings) != 0 || len(log.Rows) != 4 {
			t.Errorf("%s: %v, warnings %v", name, err, log.Warnings)
		}
	}
	// Problems are reported at the file's own lines after a sep= line.
	_, err = both(t, "sep=;\nReference;Stage;Service;Received\nC1;1;Housing;31/02/2021\n", Options{})
	if got, want := diag.As(err).Error(), `complaints.csv:3: Received: "31/02/2021" is not a date`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}
