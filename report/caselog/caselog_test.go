package caselog

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/workdays"
)

func day(s string) workdays.Day {
	d, err := workdays.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}

// both reads src with the fast parser (split into many small chunks) and
// with encoding/csv, and fails unless they agree.
func both(t testing.TB, src string, opt Options) (*Log, error) {
	t.Helper()
	old := minChunk
	minChunk = 1
	defer func() { minChunk = old }()
	fast := opt
	fast.Workers = 3
	l1, e1 := ReadCSV("complaints.csv", []byte(src), fast)
	slow := opt
	slow.Straightforward = true
	l2, e2 := ReadCSV("complaints.csv", []byte(src), slow)
	if !reflect.DeepEqual(l1, l2) || fmt.Sprint(e1) != fmt.Sprint(e2) {
		t.Fatalf("fast and straightforward readers disagree on %q:\nfast: %+v\n%v\nslow: %+v\n%v", src, l1, e1, l2, e2)
	}
	return l1, e1
}

func TestRead(t *testing.T) {
	src := "\uFEFFCase Ref , STAGE,Service,Received,Responded,Due,Outcome,Notes\r\n" +
		"C1,1,Housing,2021-02-28,2021-03-01,,Upheld,\r\n" +
		"C2,Stage 2,\"Waste, Recycling\",28/02/2021,,,,\"said \"\"hello\"\"\r\nsecond line\"\r\n" +
		"\r\n" +
		"C3,lgsco,Housing,1/3/2021 09:30,2021-03-05T10:00:00,2021-04-01,partially UPHELD\r\n" +
		",,,,,,,\r\n" +
		"C4,Housing Ombudsman,Parking,2021-03-31,2021-03-31,,Not upheld\r\n" +
		"C5,stage 1,Parking,2021-04-01,,,withdrawn,,\r\n"
	log, err := both(t, src, Options{Columns: map[string]string{"reference": "case ref"}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Received: day("2021-02-28"), Responded: day("2021-03-01"), Due: NoDate, Acknowledged: NoDate, Service: 0, Line: 2, Stage: Stage1, Outcome: Upheld},
		{Received: day("2021-02-28"), Responded: NoDate, Due: NoDate, Acknowledged: NoDate, Service: 2, Line: 3, Stage: Stage2},
		{Received: day("2021-03-01"), Responded: day("2021-03-05"), Due: day("2021-04-01"), Acknowledged: NoDate, Service: 0, Line: 6, Stage: Ombudsman, Outcome: PartiallyUpheld},
		{Received: day("2021-03-31"), Responded: day("2021-03-31"), Due: NoDate, Acknowledged: NoDate, Service: 1, Line: 8, Stage: Ombudsman, Outcome: NotUpheld},
		{Received: day("2021-04-01"), Responded: NoDate, Due: NoDate, Acknowledged: NoDate, Service: 1, Line: 9, Stage: Stage1, Outcome: Withdrawn},
	}
	if !reflect.DeepEqual(log.Rows, want) {
		t.Errorf("rows:\n got %+v\nwant %+v", log.Rows, want)
	}
	if !reflect.DeepEqual(log.Services, []string{"Housing", "Parking", "Waste, Recycling"}) {
		t.Errorf("services: %q", log.Services)
	}
	if !log.HasDue || !log.HasResponded || !log.HasOutcome {
		t.Error("optional columns not noticed")
	}
}

func TestErrors(t *testing.T) {
	const head = "Reference,Stage,Service,Received,Responded,Due,Outcome\n"
	for _, c := range []struct {
		name, src string
		want      []string
	}{
		{"impossible date", head + "C1,1,Housing,2021-02-01,,,\nC2,1,Housing,2021-02-01,,,\nC3,1,Housing,31/02/2021,,,\n",
			[]string{`complaints.csv:4: Received: "31/02/2021" is not a date`}},
		{"unknown format", head + "C1,1,Housing,Feb 3 2021,,,\n",
			[]string{`complaints.csv:2: Received: "Feb 3 2021" is not a date (write 2021-02-28 or 28/02/2021)`}},
		{"two-digit year", head + "C1,1,Housing,03/02/21,,,\n",
			[]string{`complaints.csv:2: Received: "03/02/21" is not a date (write 2021-02-28 or 28/02/2021)`}},
		{"responded before received", head + "C1,1,Housing,2021-02-05,2021-02-03,,Upheld\n",
			[]string{`complaints.csv:2: Responded: "2021-02-03" is before Received "2021-02-05"`}},
		{"due before received", head + "C1,1,Housing,2021-02-05,,04/02/2021,\n",
			[]string{`complaints.csv:2: Due: "04/02/2021" is before Received "2021-02-05"`}},
		{"bad stage", head + "C1,Stage 3,Housing,2021-02-05,,,\n",
			[]string{`complaints.csv:2: Stage: "Stage 3" is not a stage (1 row, first at line 2); use 1, Stage 1, 2, Stage 2, Ombudsman, LGSCO or Housing Ombudsman, or map them in the report's data: values: {Stage: {Stage 3: ignore}} (each to stage1, stage2, ombudsman or ignore, which leaves the rows out)`}},
		{"bad outcome", head + "C1,1,Housing,2021-02-05,2021-02-06,,Resolved\n",
			[]string{`complaints.csv:2: Outcome: "Resolved" is not an outcome (1 row, first at line 2); use Upheld, Partially upheld, Not upheld, Withdrawn or Refused (blank while open), or map them in the report's data: values: {Outcome: {Resolved: ignore}} (each to upheld, partially_upheld, not_upheld, withdrawn, refused or ignore, which leaves the rows out)`}},
		{"missing values", head + "  ,,,\n",
			nil},
		{"missing required", head + "C1,,,,\n",
			[]string{
				`complaints.csv:2: Stage: missing; use 1, Stage 1, 2, Stage 2, Ombudsman, LGSCO or Housing Ombudsman`,
				`complaints.csv:2: Service: missing: every row needs a service`,
				`complaints.csv:2: Received: missing: every row needs the date the complaint was received`,
			}},
		{"too many fields", head + "C1,1,Housing, Repairs,2021-02-05,2021-02-06,,Upheld\n",
			[]string{
				`complaints.csv:2: the row has 8 fields but the header has 7; put values that contain commas in double quotes`,
				`complaints.csv:2: Received: "Repairs" is not a date (write 2021-02-28 or 28/02/2021)`,
			}},
		{"missing column", "Reference,Stage,Date Received\n",
			[]string{
				`complaints.csv:1: missing columns "Service" and "Received"; the header has: Reference, Stage, Date Received; map them in the report's data: columns: {Service: HEADER, Received: Date Received} (HEADER: the heading of the column that holds it)`,
			}},
		{"missing columns guessed from the header", "Case Ref,Complaint Stage,Directorate,Date Loged,Date Responded\n",
			[]string{
				`complaints.csv:1: missing columns "Reference", "Stage", "Service" and "Received"; the header has: Case Ref, Complaint Stage, Directorate, Date Loged, Date Responded; map them in the report's data: columns: {Reference: Case Ref, Stage: Complaint Stage, Service: Directorate, Received: Date Loged}`,
			}},
		{"duplicate column", "Reference,Stage,Service,Received,stage\n",
			[]string{`complaints.csv:1: stage: the column appears twice (columns 2 and 5)`}},
		{"empty", "\n\r\n", []string{`complaints.csv: the file is empty; a case log needs a header row naming its columns (Reference, Stage, Service, Received, ...)`}},
		{"bare quote", head + "C1,1,5\" screens,2021-02-05,,,\n",
			[]string{`complaints.csv:2: a " in a value that is not in quotes (column 7); put the whole value in double quotes and double the " inside it`}},
		{"unclosed quote", head + "C1,1,\"Housing,2021-02-05,,,\n",
			[]string{`complaints.csv:2: a quoted value is not closed, or has text after its closing " (column 29)`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := both(t, c.src, Options{})
			var got []string
			for _, d := range diag.As(err) {
				got = append(got, d.String())
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestMapping(t *testing.T) {
	src := "Case Reference,Stage,Directorate,Date Received\nC1,1,Housing,2021-02-05\n"
	opt := Options{Columns: map[string]string{"Reference": "Case Reference", "Service": "Directorate", "received": "DATE RECEIVED"}}
	log, err := both(t, src, opt)
	if err != nil || len(log.Rows) != 1 || log.Services[0] != "Housing" {
		t.Fatalf("%v %+v", err, log)
	}
	_, err = both(t, src, Options{Columns: map[string]string{"Recieved": "Date Received", "Due": "Deadline"}})
	got := diag.As(err).Error()
	for _, want := range []string{
		`complaints.csv: columns: "Recieved" is not a case log column; the columns are Reference, Stage, Service, Received, Responded, Due, Outcome`,
		`complaints.csv:1: missing columns "Reference", "Service", "Received" and "Deadline" (mapped to Due); the header has: Case Reference, Stage, Directorate, Date Received; map them in the report's data: columns: {Reference: Case Reference, Service: Directorate, Received: Date Received, Due: HEADER}`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func TestErrorCap(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("Reference,Stage,Service,Received\n")
	for i := 0; i < 50; i++ {
		fmt.Fprintf(&sb, "C%d,1,Housing,32/01/2021\n", i)
	}
	_, err := both(t, sb.String(), Options{})
	l := diag.As(err)
	if len(l) != 21 || l[0].Line != 2 || l[19].Line != 21 || l[20].String() != "complaints.csv:22: 30 more problems from this line on are not listed" {
		t.Errorf("got %d diagnostics:\n%v", len(l), l)
	}
}

func TestDates(t *testing.T) {
	for _, c := range []struct {
		in     string
		want   string
		status dateStatus
	}{
		{"2021-02-28", "2021-02-28", dateOK},
		{"28/02/2021", "2021-02-28", dateOK},
		{"1/2/2021", "2021-02-01", dateOK},
		{"29/02/2020", "2020-02-29", dateOK},
		{"29/02/2021", "", dateInvalid},
		{"2021-13-01", "", dateInvalid},
		{"2021-00-10", "", dateInvalid},
		{"00/01/2021", "", dateInvalid},
		{"2021-02-28 14:30", "2021-02-28", dateOK},
		{"2021-02-28T14:30:00Z", "2021-02-28", dateOK},
		{"28/02/2021 14:30:05", "2021-02-28", dateOK},
		{"28/02/2021 lunchtime", "", dateFormat},
		{"2021/02/28", "", dateFormat},
		{"28-02-2021", "", dateFormat},
		{"28/02/21", "", dateFormat},
		{"28/02/20211", "", dateFormat},
		{"44255", "", dateNumber},
		{"44255.5", "", dateNumber},
		{"", "", dateFormat},
		{"/", "", dateFormat},
	} {
		d, st := parseDate([]byte(c.in))
		if st != c.status || (st == dateOK && d.String() != c.want) {
			t.Errorf("parseDate(%q) = %s, %d; want %s, %d", c.in, d, st, c.want, c.status)
		}
	}
	for _, c := range []struct {
		in   string
		d04  bool
		want string
	}{
		{"44255", false, "2021-02-28"},
		{"44255.75", false, "2021-02-28"},
		{"1", false, "1900-01-01"},
		{"59", false, "1900-02-28"},
		{"61", false, "1900-03-01"},
		{"25569", false, "1970-01-01"},
		{"42793", true, "2021-02-28"},
		{"0", true, "1904-01-01"},
	} {
		d, st := serialDate([]byte(c.in), c.d04)
		if c.in == "0" { // serial 0 is refused
			if st == dateOK {
				t.Errorf("serialDate(0) accepted")
			}
			continue
		}
		if st != dateOK || d.String() != c.want {
			t.Errorf("serialDate(%q, %v) = %s, %d; want %s", c.in, c.d04, d, st, c.want)
		}
	}
	if _, st := serialDate([]byte("60"), false); st != dateInvalid {
		t.Error("serial 60 (29 February 1900) accepted")
	}
}

// TestLineEndings reads the same log with LF, CRLF, no final newline and
// a final lone CR.
func TestLineEndings(t *testing.T) {
	base := "Reference,Stage,Service,Received\nC1,1,Housing,2021-02-05\nC2,2,\"Hou\nsing\",2021-02-06\nC3,1,Parking,2021-02-07"
	want, err := both(t, base+"\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{base, base + "\r", base + "\r\n", strings.ReplaceAll(base, "\n", "\r\n") + "\r\n"} {
		got, err := both(t, src, Options{})
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if !reflect.DeepEqual(got.Rows, want.Rows) || !reflect.DeepEqual(got.Services, want.Services) {
			t.Errorf("%q: got %+v %q, want %+v %q", src, got.Rows, got.Services, want.Rows, want.Services)
		}
	}
}

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "log.csv")
	os.WriteFile(p, []byte("Reference,Stage,Service,Received\nC1,1,Housing,2021-02-05\n"), 0o644)
	log, err := ReadFile(p, Options{Name: "log.csv"})
	if err != nil || len(log.Rows) != 1 || log.File != "log.csv" {
		t.Fatalf("%v %+v", err, log)
	}
	if _, err := ReadFile(filepath.Join(dir, "none.csv"), Options{}); err == nil || !strings.Contains(err.Error(), "cannot read the case log") {
		t.Errorf("missing file: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "log.ods"), Options{}); err == nil || !strings.Contains(err.Error(), "must be a .csv (or .tsv, .txt) or .xlsx") {
		t.Errorf("wrong extension: %v", err)
	}
}

// TestMessagesQuoteExcerpts: a message quotes at most an excerpt of the
// value, the header or the line it is about, however long that is.
func TestMessagesQuoteExcerpts(t *testing.T) {
	long := strings.Repeat("Housing and Neighbourhoods ", 4000)
	var wide strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&wide, "Column %d,", i)
	}
	for _, c := range []struct {
		name, csv, want string
	}{
		{"long stage", "Reference,Stage,Service,Received\nC1," + long + ",Housing,2021-04-01\n",
			`log.csv:2: Stage: "Housing and Neighbourhoods Housing and Neighbourhoods Housin…" is not a stage (1 row, first at line 2); use 1, Stage 1, 2, Stage 2, Ombudsman, LGSCO or Housing Ombudsman: is this the right column?`},
		{"long date", "Reference,Stage,Service,Received\nC1,1,Housing," + long + "\n",
			`log.csv:2: Received: "Housing and Neighbourhoods Housing and Neighbourhoods Housin…" is not a date`},
		{"wide header", wide.String() + "\n",
			`log.csv:1: missing columns "Reference", "Stage", "Service" and "Received"; the header has: Column 0, Column 1, Column 2, Column 3, Column 4, Column 5, Column 6, Column 7, Column 8, Column 9, Column 10, Column 11 and 4988 more; map them`},
		{"long header", "Reference,Stage,Service,Received " + long + "\n",
			`log.csv:1: missing column "Received"; the header has: Reference, Stage, Service, Received Housing and Neighbourhoods Housing and Neighbourhoo…; map it in the report's data: columns: {Received: "Received Housing and Neighbourhoods Housing and Neighbourhoo…"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := ReadCSV("log.csv", []byte(c.csv), Options{})
			if err == nil {
				t.Fatal("no error")
			}
			got := err.Error()
			if !strings.Contains(got, c.want) {
				t.Errorf("got  %.400s\nwant %s", got, c.want)
			}
			for _, line := range strings.Split(got, "\n") {
				if len(line) > 400 {
					t.Errorf("a %d-byte message: %.100s…", len(line), line)
				}
			}
		})
	}
}

// TestAcknowledgedAndRefused reads the Complaint Handling Codes'
// additions: an Acknowledged date through the same date parsing as the
// others (ISO, UK, an Excel serial in text), never before Received, and
// the outcome Refused in the spellings exports use.
func TestAcknowledgedAndRefused(t *testing.T) {
	src := "Reference,Stage,Service,Received,Acknowledged,Responded,Outcome\n" +
		"A,1,Housing,2024-04-02,03/04/2024,2024-04-12,Refused\n" +
		"B,1,Housing,2024-04-02,,2024-04-12,REFUSED\n" +
		"C,2,Housing,2024-04-02,45386,,\n"
	log, err := ReadCSV("c.csv", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !log.HasAcknowledged {
		t.Error("HasAcknowledged is false")
	}
	if got := []workdays.Day{log.Rows[0].Acknowledged, log.Rows[1].Acknowledged, log.Rows[2].Acknowledged}; got[0] != day("2024-04-03") || got[1] != NoDate || got[2] != day("2024-04-04") {
		t.Errorf("acknowledged %v", got)
	}
	if log.Rows[0].Outcome != Refused || log.Rows[1].Outcome != Refused {
		t.Errorf("outcomes %v %v, want Refused", log.Rows[0].Outcome, log.Rows[1].Outcome)
	}
	if w := log.Warnings.Error(); !strings.Contains(w, `c.csv:4: warning: Acknowledged: 1 field holds a number, not a date, read as an Excel serial date: "45386" is 4 April 2024`) {
		t.Errorf("warnings %q", w)
	}

	for _, tc := range []struct{ src, want string }{
		{"Reference,Stage,Service,Received,Acknowledged\nA,1,Housing,02/04/2024,01/04/2024\n",
			`c.csv:2: Acknowledged: "01/04/2024" is before Received "02/04/2024"`},
		{"Reference,Stage,Service,Received,Date Acknowledged\nA,1,Housing,02/04/2024,03/04/2024\n",
			`c.csv:1: warning: no Acknowledged column, so no case counts as acknowledged; if "Date Acknowledged" is that column, map it in the report's data: columns: {Acknowledged: Date Acknowledged} (paper metrics: --column Acknowledged='Date Acknowledged')`},
		{"Reference,Stage,Service,Received,Responded,Outcome\nA,1,Housing,02/04/2024,,Refused\nB,1,Housing,02/04/2024,,refused\n",
			`c.csv:2: warning: Outcome: 2 cases refused with no Responded date (this is the first): counted as open, like any case without one, and not in refused; give the date the refusal was sent as Responded`},
		{"Reference,Stage,Service,Received,Outcome\nA,1,Housing,02/04/2024,Not accepted under the code\n",
			`{Outcome: {Not accepted under the code: refused}}`},
	} {
		log, err := ReadCSV("c.csv", []byte(tc.src), Options{})
		got := ""
		if err != nil {
			got = err.Error()
		} else {
			got = log.Warnings.Error()
		}
		if !strings.Contains(got, tc.want) {
			t.Errorf("%q:\ngot  %s\nwant %s", tc.src, got, tc.want)
		}
	}
	v, probs := ParseValues(map[string]map[string]string{"Outcome": {"Out of scope": "refused"}})
	if len(probs) != 0 {
		t.Fatal(probs)
	}
	log, err = ReadCSV("c.csv", []byte("Reference,Stage,Service,Received,Outcome\nA,1,Housing,02/04/2024,Out of scope\n"), Options{Values: v})
	if err != nil || log.Rows[0].Outcome != Refused {
		t.Errorf("data.values to refused: %v %v", err, log)
	}
}
