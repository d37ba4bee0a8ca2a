package pipeline

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
)

// dataReport writes a report whose text cites the data, with the given
// data section and files, into a temporary folder and returns its path.
func dataReport(t *testing.T, data string, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	src := `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2021-09-27
title: Complaints
author: A
purpose: Stage 1 on time {{ metric "stage1.on_time_rate" "2020/21" | percent }}.
recommendations:
  items: [Note the report.]
` + data
	files["report.yaml"] = src
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, "report.yaml")
}

const smallLog = `Reference,Stage,Service,Received,Responded,Outcome
A1,1,Housing,2020-06-01,2020-06-05,Upheld
A2,1,Housing,2020-06-01,2020-06-30,Not upheld
`

func TestDataBindsIntoText(t *testing.T) {
	tests := []struct {
		name, data string
		files      map[string]string
		want       string
	}{
		{"defaults: 10 working days at stage 1", "data: {complaints: complaints.csv}\n",
			map[string]string{"complaints.csv": smallLog}, "Stage 1 on time 50%."},
		{"a target set by the report", "data: {complaints: complaints.csv, targets: {stage1: 25}}\n",
			map[string]string{"complaints.csv": smallLog}, "Stage 1 on time 100%."},
		// 2020-06-01 + 10 working days is 15 June; a closure day on 3 June
		// moves it to 16 June, so a reply on 16 June is on time.
		{"holidays added by the report", "data: {complaints: complaints.csv, holidays: [2020-06-03]}\n",
			map[string]string{"complaints.csv": "Reference,Stage,Service,Received,Responded\nA1,1,Housing,2020-06-01,2020-06-16\n"},
			"Stage 1 on time 100%."},
		{"columns mapped to an export's headers", "data:\n  complaints: export.csv\n  columns: {Reference: Case Ref, received: Date Received}\n",
			map[string]string{"export.csv": "Case Ref,Stage,Service,Date Received,Responded\nA1,1,Housing,01/06/2020,05/06/2020\n"},
			"Stage 1 on time 100%."},
		// The late informal row is left out, so the formal one is all of
		// stage 1.
		{"values mapped and ignored", "data:\n  complaints: export.csv\n  values: {Stage: {Formal: stage1, Informal: ignore}, Outcome: {Resolved: upheld}}\n",
			map[string]string{"export.csv": "Reference,Stage,Service,Received,Responded,Outcome\nA1,Formal,Housing,2020-06-01,2020-06-05,Resolved\nA2,informal,Housing,2020-06-01,2020-07-30,\n"},
			"Stage 1 on time 100%."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := dataReport(t, tt.data, tt.files)
			p, errs := Prepare(path, Options{})
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			var purpose string
			for i, b := range p.Doc.Blocks {
				if h, ok := b.(*doc.Heading); ok && h.Text == "Purpose of Report" {
					purpose = doc.Text(p.Doc.Blocks[i+1].(*doc.Paragraph).Content)
				}
			}
			if purpose != tt.want {
				t.Errorf("purpose = %q, want %q", purpose, tt.want)
			}
		})
	}
}

func TestDataErrors(t *testing.T) {
	tests := []struct {
		name, data string
		files      map[string]string
		want       []string
	}{
		{"missing case log", "data: {complaints: complaints.csv}\n", map[string]string{},
			[]string{"report.yaml:9:20: data.complaints: complaints.csv: no such file"}},
		{"missing letter", "data:\n  ombudsman: letter.yaml\n", map[string]string{},
			[]string{"report.yaml:10:14: data.ombudsman: letter.yaml: no such file"}},
		{"unknown stage in targets", "data:\n  complaints: complaints.csv\n  targets: {stage3: 10, stage1: 0}\n",
			map[string]string{"complaints.csv": smallLog},
			[]string{
				"report.yaml:11:33: data.targets.stage1: a target is a number of working days from 1 to 260, found 0",
				"report.yaml:11:21: data.targets.stage3: unknown stage \"stage3\"; did you mean stage1?",
			}},
		{"unknown column in the mapping", "data:\n  complaints: complaints.csv\n  columns: {Recieved: Date Received}\n",
			map[string]string{"complaints.csv": smallLog},
			[]string{`data.columns.Recieved: "Recieved" is not a case log column; did you mean Received?`}},
		{"a bad row in the case log names the file and line", "data: {complaints: complaints.csv}\n",
			map[string]string{"complaints.csv": smallLog + "A3,1,Housing,31/02/2021,,\n"},
			[]string{`complaints.csv:4: Received: "31/02/2021" is not a date`}},
		{"inconsistent Ombudsman figures name their line", "data: {ombudsman: ombudsman.yaml}\n",
			map[string]string{"ombudsman.yaml": "council: K\nyears:\n  \"2020/21\":\n    investigations: 3\n    upheld: 4\n"},
			[]string{"ombudsman.yaml:5:13: years.2020/21.upheld: 4 upheld is more than the 3 investigations"}},
		{"a metric for a year the data lacks", "data: {complaints: complaints.csv}\n",
			map[string]string{"complaints.csv": strings.ReplaceAll(smallLog, "2020-06", "2019-06")},
			[]string{`report.yaml:6:29: purpose: metric: the case log has no complaints received in 2020/21 (it covers 2019/20)`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := dataReport(t, tt.data, tt.files)
			_, errs := Prepare(path, Options{})
			got := errs.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors\n%s\nlack %q", got, w)
				}
			}
			// Nothing is written when the data is bad.
			out := t.TempDir()
			if _, err := Build(path, Options{OutDir: out}); err == nil {
				t.Fatal("Build succeeded on bad data")
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("Build wrote %d files on bad data", len(entries))
			}
		})
	}
}

// TestHolidayCoverageWarning: cases dated where the embedded bank holidays
// stop are counted with weekends only, which the user is told, unless the
// report lists holidays for those years itself.
func TestHolidayCoverageWarning(t *testing.T) {
	const old = "B1,1,Housing,2008-12-22,2009-01-05,Upheld\nB2,1,Housing,2031-03-01,,\n"
	tests := []struct {
		name, data, log string
		want            string // "" for no warning
	}{
		{"inside the list", "data: {complaints: complaints.csv}\n", smallLog, ""},
		{"years outside, not contiguous", "data: {complaints: complaints.csv}\n", smallLog + old,
			"report.yaml:9:20: warning: data.complaints: complaints.csv: cases in 3 years between 2008 and 2031 fall outside the bank holidays paper knows (2010 to 2030), so working days there count every weekday; list those years' bank holidays under data.holidays"},
		{"one year outside", "data: {complaints: complaints.csv}\n", smallLog + "B1,1,Housing,2009-05-01,2009-05-06,Upheld\n",
			"cases in 2009 fall outside"},
		{"the report lists those years' holidays", "data: {complaints: complaints.csv, holidays: [2008-12-25, 2008-12-26, 2009-01-01, 2031-04-18]}\n",
			smallLog + old, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := dataReport(t, tt.data, map[string]string{"complaints.csv": tt.log})
			_, errs := Prepare(path, Options{})
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			var lines []string // the holiday warnings, not the part-year one
			for _, w := range errs.Warnings() {
				if strings.Contains(w.Msg, "bank holidays") {
					lines = append(lines, w.String())
				}
			}
			got := strings.Join(lines, "\n")
			if tt.want == "" && got != "" {
				t.Errorf("unexpected warning: %s", got)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("warnings\n%s\nlack %q", got, tt.want)
			}
		})
	}
}

// TestServiceFoldsAndAliases: spellings of a service fold into one, an
// alias in data.services merges another name into it, and the paper's
// figure for the service counts every row; a data.services key that is
// no service warns at its line with a suggestion.
func TestServiceFoldsAndAliases(t *testing.T) {
	data := `data:
  complaints: complaints.csv
  services: {"Housing Srvcs": Housing, Parkng: Parking}
sections:
  - heading: Details
    blocks:
      - text: 'Housing received {{ metric "stage1.received" "2020/21" "Housing" }}.'
`
	log := "Reference,Stage,Service,Received\n" +
		"A1,1,Housing,2020-06-01\nA2,1,HOUSING ,2020-06-02\nA3,1,housing.,2020-06-03\n" +
		"A4,1,Housing Srvcs,2020-06-04\nA5,1,Parking,2020-06-05\n"
	path := dataReport(t, data, map[string]string{"complaints.csv": log})
	p, errs := Prepare(path, Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var text string
	for _, b := range p.Doc.Blocks {
		if np, ok := b.(*doc.NumberedParagraph); ok {
			if para, ok := np.Blocks[0].(*doc.Paragraph); ok && strings.HasPrefix(doc.Text(para.Content), "Housing received") {
				text = doc.Text(para.Content)
			}
		}
	}
	if text != "Housing received 4." {
		t.Errorf("text = %q, want %q", text, "Housing received 4.")
	}
	got := errs.Warnings().Error()
	for _, want := range []string{
		`complaints.csv:1: warning: Service: "HOUSING" (1 row), "Housing" (1 row), "Housing Srvcs" (1 row), "housing." (1 row) counted as one service, "Housing"`,
		`report.yaml:11:48: warning: data.services.Parkng: "Parkng" is not a service in complaints.csv; did you mean "Parking"?`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings\n%s\nlack %q", got, want)
		}
	}
}

// TestDataSheet: data.sheet with a CSV case log is an error at its line.
func TestDataSheet(t *testing.T) {
	path := dataReport(t, "data:\n  complaints: complaints.csv\n  sheet: Cases\n", map[string]string{"complaints.csv": smallLog})
	_, errs := Prepare(path, Options{})
	want := "report.yaml:11:10: data.sheet: picks a worksheet of an XLSX case log, and complaints.csv is not one: leave data.sheet out"
	if got := errs.Error(); !strings.HasSuffix(got, want) {
		t.Errorf("got %s\nwant it to end %s", got, want)
	}
}

// TestDataEncoding: data.encoding reads a Windows-1252 export without the
// warning; an unknown encoding is an error at its line.
func TestDataEncoding(t *testing.T) {
	log := "Reference,Stage,Service,Received,Responded\nA1,1,Children\x92s Services,2020-06-01,2020-06-05\n"
	path := dataReport(t, "data:\n  complaints: complaints.csv\n  encoding: Windows-1252\n", map[string]string{"complaints.csv": log})
	if _, errs := Prepare(path, Options{}); errs.HasErrors() || strings.Contains(errs.Error(), "UTF-8") {
		t.Errorf("with the encoding given: %v", errs)
	}
	path = dataReport(t, "data:\n  complaints: complaints.csv\n", map[string]string{"complaints.csv": log})
	if _, errs := Prepare(path, Options{}); errs.HasErrors() || !strings.Contains(errs.Warnings().Error(), "complaints.csv:2: warning: is not UTF-8") {
		t.Errorf("without it: %v", errs)
	}
	path = dataReport(t, "data:\n  complaints: complaints.csv\n  encoding: ebcdic\n", map[string]string{"complaints.csv": log})
	_, errs := Prepare(path, Options{})
	if want := `report.yaml:11:13: data.encoding: "ebcdic" is not an encoding paper reads; use utf-8, windows-1252 or utf-16`; !strings.HasSuffix(errs.Error(), want) {
		t.Errorf("got %v\nwant it to end %s", errs, want)
	}
}

// TestPartYearWarning: a latest year with cases in fewer than twelve
// months warns at data.complaints, naming the last full year when the
// case log has one (data.year would refuse a year it does not have).
func TestPartYearWarning(t *testing.T) {
	const prefix = `report.yaml:9:20: warning: data.complaints: complaints.csv: the latest year in the data, 2020/21, has cases from April to June 2020 only (3 of 12 months), so the reporting year and every figure cited as "latest" cover a part year`
	earlier := smallLog + "A0,1,Housing,2019-06-03,2019-06-05,Upheld\n"
	for _, tc := range []struct{ log, want string }{
		{smallLog, prefix + "\n"},
		{earlier, prefix + "; set data.year: 2019/20 to report on the last full year, or leave out the newer cases\n"},
	} {
		path := dataReport(t, "data: {complaints: complaints.csv}\n", map[string]string{"complaints.csv": tc.log})
		_, errs := Prepare(path, Options{})
		if got := errs.Warnings().Error() + "\n"; !strings.Contains(got, tc.want) {
			t.Errorf("warnings\n%s\nlack %s", got, tc.want)
		}
	}
}
