package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/pipeline"
)

// reportingYearLog is a case log of two full financial years, 2023/24
// and 2024/25, and a few cases logged in April 2025, which make 2025/26
// the latest year in the data; stage 2 complaints were made only in
// 2023/24, so stage 2 rates are undefined (n/a) in the later years.
func reportingYearLog() string {
	var b strings.Builder
	b.WriteString("Reference,Stage,Service,Received,Responded,Due,Outcome\n")
	n := 0
	row := func(stage, received, responded, outcome string) {
		n++
		fmt.Fprintf(&b, "R%03d,%s,Housing,%s,%s,,%s\n", n, stage, received, responded, outcome)
	}
	for _, y := range []int{2023, 2024} {
		for _, m := range []string{fmt.Sprintf("%d-04-10", y), fmt.Sprintf("%d-09-12", y), fmt.Sprintf("%d-03-11", y+1)} {
			row("Stage 1", m, m, "Upheld")
			row("Stage 1", m, m, "Not upheld")
		}
	}
	row("Stage 2", "2023-06-12", "2023-06-13", "Not upheld")
	row("Stage 1", "2025-04-14", "", "")
	return b.String()
}

const reportingYearLetter = `council: Kingsbridge City Council
years:
  "2024/25":
    decided: 40
    investigations: 20
    upheld: 12
    recommendations_due: 10
    recommendations_complied: 9
`

// writeReportingYearPaper writes a paper over reportingYearLog with the
// given data: keys (after complaints) and body blocks, and returns its
// path.
func writeReportingYearPaper(t *testing.T, data, blocks string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{"complaints.csv": reportingYearLog(), "ombudsman.yaml": reportingYearLetter} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	src := `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2025-07-14
title: Complaints annual report
author: Colm Fairweather
purpose: To report the complaints received.
recommendations:
  items:
    - Note the report.
data:
  complaints: complaints.csv
  ombudsman: ombudsman.yaml
` + data + `sections:
  - heading: Performance
    blocks:
` + blocks
	p := filepath.Join(dir, "report.yaml")
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReportingYearWarnings runs paper check on papers whose reporting
// year is a part year, or whose figures print n/a: each is a warning at
// the key or block it is about (exit 0), never silence.
func TestReportingYearWarnings(t *testing.T) {
	for _, tc := range []struct {
		name, data, blocks string
		want               []string // warnings, in order, after the file name
		out                string
	}{
		{"latest is a part year", "", "      - text: In {{ latest }} the council received complaints.\n",
			[]string{`:11:15: warning: data.complaints: complaints.csv: the latest year in the data, 2025/26, has cases from April 2025 only (1 of 12 months), so the reporting year and every figure cited as "latest" cover a part year; set data.year: 2024/25 to report on the last full year, or leave out the newer cases`},
			"OK, with 1 warning"},
		{"latest given as data.year is a part year", "  year: latest\n", "      - text: In {{ latest }} the council received complaints.\n",
			[]string{`:13:9: warning: data.year: complaints.csv: the latest year in the data, 2025/26, has cases from April 2025 only (1 of 12 months)`},
			"OK, with 1 warning"},
		{"the part year named as data.year", "  year: 2025/26\n", "      - text: In {{ latest }} the council received complaints.\n",
			[]string{`:13:9: warning: data.year: the reporting year, 2025/26, has cases in complaints.csv from April 2025 only (1 of 12 months), so its figures cover a part year`},
			"OK, with 1 warning"},
		{"a full year as data.year", "  year: 2024/25\n", "      - text: In {{ latest }} the council received complaints.\n",
			nil, "OK"},
		{"n/a in a table", "  year: 2024/25\n", "      - metrics_table: {kind: year-by-stage, caption: Complaints by stage}\n",
			[]string{`:17:24: warning: sections[0].blocks[0].metrics_table: year-by-stage table "Complaints by stage": prints n/a for 10 undefined figures (a rate with nothing to divide by, or a figure not given): Stage 2 complaints: Answered on time, 2024/25; Stage 2 complaints: Average working days to respond, 2024/25; Stage 2 complaints: Upheld or partly upheld, 2024/25 and 7 more`},
			"OK, with 1 warning"},
		{"no figure in a chart", "  year: 2024/25\n", "      - chart: {kind: trend, stage: stage2, measure: mean_working_days, rate: none}\n",
			[]string{`:17:16: warning: sections[0].blocks[0].chart: trend chart: shows "no figure" for 1 undefined figure (a rate with nothing to divide by, or a figure not given): 2024/25, Mean working days to respond`},
			"OK, with 1 warning"},
		{"n/a in text", "  year: 2024/25\n", "      - text: \"{{ metric \\\"stage2.on_time_rate\\\" \\\"latest\\\" | percent }} of stage 2 complaints were answered on time.\"\n",
			[]string{`:17:15: warning: sections[0].blocks[0].text: metric stage2.on_time_rate for 2024/25 has no figure (a rate with nothing to divide by, or a figure not given), so the text prints n/a`},
			"OK, with 1 warning"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := writeReportingYearPaper(t, tc.data, tc.blocks)
			code, stdout, stderr := runCLI(t, "check", p)
			if code != 0 {
				t.Fatalf("paper check: exit %d, want 0; stderr:\n%s", code, stderr)
			}
			lines := strings.Split(strings.TrimSpace(stderr), "\n")
			if stderr == "" {
				lines = nil
			}
			if len(lines) != len(tc.want) {
				t.Fatalf("paper check printed %d lines, want %d:\n%s", len(lines), len(tc.want), stderr)
			}
			for i, w := range tc.want {
				if !strings.HasPrefix(lines[i], p+w) {
					t.Errorf("line %d:\n%s\nwant it to start:\n%s", i+1, lines[i], p+w)
				}
			}
			if want := p + ": " + tc.out + "\n"; stdout != want {
				t.Errorf("stdout %q, want %q", stdout, want)
			}
		})
	}
}

// TestLatestMeansTheReportingYear builds a paper whose data.year is the
// year before the case log's latest: text, case-log tables and the
// letter table (which names no year) all show that year.
func TestLatestMeansTheReportingYear(t *testing.T) {
	p := writeReportingYearPaper(t, "  year: previous\n", `      - text: "Reporting on {{ latest }}: {{ metric \"stage1.received\" \"latest\" }} stage 1 complaints, upheld rate {{ metric \"letter.upheld_rate\" \"latest\" | percent }}."
      - metrics_table: {kind: letter, caption: The letter}
      - metrics_table: {kind: by-service, caption: By service}
`)
	out := t.TempDir()
	code, _, stderr := runCLI(t, "build", p, "-o", out)
	if code != 0 {
		t.Fatalf("paper build: exit %d; stderr:\n%s", code, stderr)
	}
	paper, errs := pipeline.Prepare(p, pipeline.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	text := doc.Outline(paper.Doc)
	doc.Walk(paper.Doc.Blocks, func(b doc.Block) bool {
		if t, ok := b.(*doc.Table); ok && t.Caption != "" {
			text += t.Description + "\n"
		}
		return true
	})
	for _, want := range []string{"Reporting on 2024/25: 6 stage 1 complaints, upheld rate 60%.", "The Ombudsman's annual letter for 2024/25", "Stage 1 complaints in 2024/25 by service"} {
		if !strings.Contains(text, want) {
			t.Errorf("the paper lacks %q", want)
		}
	}
	if strings.Contains(text, "2025/26") {
		t.Errorf("the paper cites 2025/26, the year after data.year: previous")
	}
}
