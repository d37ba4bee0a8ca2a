package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// TestQuarterlyPaperFromUnicodeText builds a quarterly paper from an
// export saved by Excel as "Unicode Text" (UTF-16, tabs, as export.txt)
// and reads the PDF back: the prose cites the quarters, the year-by-stage
// table and the trend chart are headed and labelled "2024/25 Q1" and
// "2024/25 Q2", and the build warned that it read UTF-16.
func TestQuarterlyPaperFromUnicodeText(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	dir := t.TempDir()
	// 12 stage 1 complaints in Q1 (April to June 2024), 7 in Q2, each
	// answered the next day.
	var text strings.Builder
	text.WriteString("Case Ref\tComplaint Stage\tDirectorate\tDate Logged\tDate Responded\tOutcome\r\n")
	n := 0
	for _, q := range []struct{ month, count int }{{4, 4}, {5, 4}, {6, 4}, {7, 3}, {8, 2}, {9, 2}} {
		for i := range q.count {
			n++
			fmt.Fprintf(&text, "KCC-%03d\tStage One\tHousing\t%02d/%02d/2024\t%02d/%02d/2024\tUpheld\r\n", n, 2+i, q.month, 3+i, q.month)
		}
	}
	export := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text.String())) {
		export = append(export, byte(u), byte(u>>8))
	}
	report := `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2024-11-18
title: Complaints in the first half of 2024/25
author: Colm Fairweather
purpose: To report the complaints received from April to September 2024.
recommendations:
  items: [Note the report.]
data:
  complaints: export.txt
  columns: {Reference: Case Ref, Stage: Complaint Stage, Service: Directorate, Received: Date Logged, Responded: Date Responded}
sections:
  - heading: Performance
    blocks:
      - text: >-
          The council received {{ metric "stage1.received" "2024/25 Q1" }} stage 1
          complaints in the first quarter and {{ metric "stage1.received" "2024/25 q2" "housing" }}
          in the second, {{ metric "stage1.received" "2024/25 H1" }} in the half year.
      - metrics_table: {kind: year-by-stage, caption: Complaints by quarter, years: ["2024/25 Q1", "2024/25 Q2"]}
      - chart: {kind: trend, caption: Stage 1 complaints by quarter, years: ["2024/25 Q1", "2024/25 Q2"]}
`
	for name, data := range map[string][]byte{"export.txt": export, "report.yaml": []byte(report)} {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res := buildTo(t, filepath.Join(dir, "report.yaml"), dir, Options{Formats: []string{"pdf"}})
	if w := res.Warnings.Error(); !strings.Contains(w, `is UTF-16 text (it starts with a UTF-16 byte order mark, as Excel's "Unicode Text" does), so it is read as UTF-16`) {
		t.Errorf("no warning that the export was read as UTF-16:\n%s", w)
	}
	pdf := squash(strings.Join(tooltest.PDFPages(t, filepath.Join(dir, "report.pdf")), " "))
	for _, want := range []string{
		"The council received 12 stage 1 complaints in the first quarter and 7 in the second, 19 in the half year.",
		"2024/25 Q1 2024/25 Q2", // the table's header
		"Received 12 7",
	} {
		if !strings.Contains(pdf, want) {
			t.Errorf("the PDF lacks %q:\n%s", want, pdf)
		}
	}
	// The chart's category labels, apart from the table's header.
	if strings.Count(pdf, "2024/25 Q1") < 2 || strings.Count(pdf, "2024/25 Q2") < 2 {
		t.Errorf("the chart is not labelled by quarter:\n%s", pdf)
	}
}
