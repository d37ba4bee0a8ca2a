package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// halvesDefinition is a paper whose rates are exact halves at the printed
// precision: 138 of 400 stage 1 complaints answered on time is exactly
// 34.5%, and 29 of 400 escalated to stage 2 exactly 7.25%. Each is cited
// in prose, in a table, in a chart's labels, alternative text and data
// table.
const halvesDefinition = `council: Testshire Council
committee: Audit Committee
meeting_date: 2021-09-27
title: Rounding
author: A. Author
purpose: |
  On time: {{ metric "stage1.on_time_rate" "2020/21" | percent }}; escalated: {{ metric "stage2.escalation_rate" "2020/21" | percent }}.
  Asked for: {{ metric "stage1.on_time_rate" "2020/21" | percent 1 }} and {{ metric "stage2.escalation_rate" "2020/21" | percent 2 }}.
recommendations:
  items: [Note the figures.]
data:
  complaints: complaints.csv
sections:
  - heading: Figures
    blocks:
      - metrics_table:
          kind: year-by-stage
          caption: By stage
          years: ["2020/21"]
      - chart:
          kind: trend
          caption: On time
          years: ["2020/21"]
          stage: stage1
          data_table: true
      - chart:
          kind: funnel
          caption: Escalation
          year: "2020/21"
          data_table: true
`

// halvesCaseLog writes 400 stage 1 complaints in 2020/21, 138 answered on
// time, and 29 stage 2 complaints.
func halvesCaseLog(t *testing.T, path string) {
	var b strings.Builder
	b.WriteString("Reference,Stage,Service,Received,Responded,Outcome\n")
	day := func(i int) time.Time { return time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%360) }
	for i := 0; i < 400; i++ {
		late := 1
		if i >= 138 {
			late = 60 // far past 10 working days
		}
		fmt.Fprintf(&b, "S1-%d,Stage 1,Housing,%s,%s,Not upheld\n", i, day(i).Format("2006-01-02"), day(i).AddDate(0, 0, late).Format("2006-01-02"))
	}
	for i := 0; i < 29; i++ {
		fmt.Fprintf(&b, "S2-%d,Stage 2,Housing,%s,%s,Not upheld\n", i, day(12*i).Format("2006-01-02"), day(12*i).AddDate(0, 0, 1).Format("2006-01-02"))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRatesReadTheSameEverywhere builds a paper whose rates are exact
// halves and reads the PDF and the DOCX back: every place a rate is
// printed (prose, the year-by-stage table, the chart labels, alternative
// text and data tables) rounds it half up from the exact fraction, "35%"
// and "7.3%", and only the prose that asks for decimals prints "34.5%" and
// "7.25%". The DOCX's charts are pictures, so their labels are read from
// the PDF only.
func TestRatesReadTheSameEverywhere(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	tooltest.Require(t, "qpdf")
	tooltest.Require(t, "pandoc")
	dir := t.TempDir()
	def := filepath.Join(dir, "report.yaml")
	os.WriteFile(def, []byte(halvesDefinition), 0o644)
	halvesCaseLog(t, filepath.Join(dir, "complaints.csv"))
	buildTo(t, def, dir, Options{})
	pdf, docx := filepath.Join(dir, "report.pdf"), filepath.Join(dir, "report.docx")

	// Wrong roundings of 138/400 and 29/400: from the binary float, or
	// at a precision other than the paper's.
	wrong := regexp.MustCompile(`(^|[^.\d])(34|34\.5|7|7\.2|7\.25)%`)
	count := func(where, text, s string, min int) {
		t.Helper()
		if n := strings.Count(text, s); n < min {
			t.Errorf("%s: %q %d times, want at least %d:\n%s", where, s, n, min, text)
		}
	}

	// PDF: prose, the table's row, the trend chart's label over its bar
	// and its data table, the funnel's label and data table.
	text := squash(strings.Join(tooltest.PDFPages(t, pdf), "\n"))
	asked := "Asked for: 34.5% and 7.25%."
	if !strings.Contains(text, asked) {
		t.Errorf("PDF lacks the prose %q", asked)
	}
	rest := strings.Replace(text, asked, "", 1)
	if !strings.Contains(rest, "On time: 35%; escalated: 7.3%.") {
		t.Errorf("PDF prose does not round half up:\n%s", text)
	}
	count("PDF", rest, "35%", 4)  // prose, table, chart label, data table
	count("PDF", rest, "7.3%", 4) // prose, table, funnel label, data table
	if m := wrong.FindString(rest); m != "" {
		t.Errorf("PDF prints %q:\n%s", m, text)
	}
	qdf := filepath.Join(dir, "qdf.pdf")
	tooltest.Run(t, "qpdf", "--qdf", "--object-streams=disable", pdf, qdf)
	raw, _ := os.ReadFile(qdf)
	alts := strings.Join(regexp.MustCompile(`/Alt \(((?:[^)\\]|\\.)*)\)`).FindAllString(string(raw), -1), "\n")
	count("PDF alternative text", alts, "35%", 1)
	count("PDF alternative text", alts, "7.3%", 1)
	if m := wrong.FindString(alts); m != "" {
		t.Errorf("PDF alternative text prints %q:\n%s", m, alts)
	}

	// DOCX: prose and tables as pandoc reads them; the pictures'
	// alternative text from the document part.
	plain := squash(string(tooltest.Run(t, "pandoc", "-f", "docx", "-t", "plain", "--columns=200", docx)))
	if !strings.Contains(plain, asked) || !strings.Contains(plain, "On time: 35%; escalated: 7.3%.") {
		t.Errorf("DOCX prose:\n%s", plain)
	}
	rest = strings.Replace(plain, asked, "", 1)
	count("DOCX", rest, "35%", 3)
	count("DOCX", rest, "7.3%", 3)
	if m := wrong.FindString(rest); m != "" {
		t.Errorf("DOCX prints %q:\n%s", m, plain)
	}
	xml := string(tooltest.ZipFile(t, docx)["word/document.xml"])
	descr := strings.Join(regexp.MustCompile(`descr="[^"]*"`).FindAllString(xml, -1), "\n")
	count("DOCX alternative text", descr, "35%", 1)
	count("DOCX alternative text", descr, "7.3%", 1)
	if m := wrong.FindString(descr); m != "" {
		t.Errorf("DOCX alternative text prints %q:\n%s", m, descr)
	}
}
