package layout

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
)

var update = flag.Bool("update", false, "rewrite golden files")

func loadFixture(t *testing.T, path string) *definition.Report {
	t.Helper()
	r, errs := definition.Load(path)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if errs := definition.Check(r, nil); errs.HasErrors() {
		t.Fatal(errs)
	}
	return r
}

// TestGoldenOutline compares the whole document tree of the layout
// fixture with its golden outline: any change to the layout shows as a
// readable diff. Run with -update to accept a deliberate change.
func TestGoldenOutline(t *testing.T) {
	r := loadFixture(t, filepath.Join("..", "..", "fixtures", "layout", "report.yaml"))
	d, errs := Paper(Input{Report: r})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	got := doc.Outline(d)
	golden := filepath.Join("..", "..", "fixtures", "layout", "report.outline")
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test ./report/layout -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("outline differs from %s (run with -update if intended):\n%s", golden, diffLines(string(want), got))
	}
}

// diffLines shows the first differing lines.
func diffLines(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var sb strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			fmt.Fprintf(&sb, "line %d:\n- %s\n+ %s\n", i+1, a, b)
		}
	}
	return sb.String()
}

func TestRulesOfTheLayout(t *testing.T) {
	r := loadFixture(t, filepath.Join("..", "..", "fixtures", "layout", "report.yaml"))
	d, _ := Paper(Input{Report: r, Draft: true})
	out := doc.Outline(d)
	for _, want := range []string{
		`row "**Confidentiality:**" | "Part II - Official-Sensitive"`,
		`number="Page {page} of {pages}"`,
		`stamp="NOT FOR PUBLICATION by virtue of paragraphs 1 and 3 of Part 1 of Schedule 12A to the Local Government Act 1972"`,
		`draft="DRAFT"`,
		`h1 "" "Reasons for Urgency"`,
		`h1 "2" "Details of the Report" #details`,
		`num 2.1`,
		`num 2.2`,
		`p "To review the **complaints procedure** (see section 2)."`,
		`p "Approve the changes in paragraph 2.1."`,
		`table kind=0 "Table 1" "Targets before and after"`,
		`row "B" | "Costings" | "" | "" | "✓" | "" | "" | "" | ""`,
		`p "None"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("outline lacks %q", want)
		}
	}
	if d.Meta.Date.Format("2006-01-02") != "2026-12-09" {
		t.Errorf("metadata date should be the publication date, got %v", d.Meta.Date)
	}
	d, _ = Paper(Input{Report: r, Date: time.Unix(1700000000, 0)})
	if d.Meta.Date.Unix() != 1700000000 {
		t.Errorf("SOURCE_DATE_EPOCH not honoured: %v", d.Meta.Date)
	}
}

func TestTemplateErrorsCarryPositions(t *testing.T) {
	src := `council: K
committee: C
meeting_date: 2026-12-14
title: T
author: A
purpose: See section {{ section "detials" }}.
recommendations:
  items:
    - |
      First line.
      Cite {{ paragraph "nope" }} here.
    - Use {{ metrc "x" }}.
sections:
  - heading: Details
    blocks:
      - text: Rate {{ metric "stage1.on_time_rate" "2020/21" | percent }}.
      - text: See {{ paragraph "` + strings.Repeat("long-id-", 40) + `" }}.
      - text: >-
          A folded paragraph
          over lines, {{ section "details" }} fine,

          then {{ paragraph "gone" }}.
      - text: "Quoted \"text\" and {{ if }} an error"
      - text: |
          {{ range }}
`
	r, errs := definition.Parse("report.yaml", []byte(src))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	definition.Check(r, nil)
	_, errs = Paper(Input{Report: r})
	got := errs.Error()
	for _, want := range []string{
		`report.yaml:6:25: purpose: section: no section with id "detials"; did you mean details?`,
		`report.yaml:11:15: recommendations.items[0]: paragraph: no paragraph with id "nope"`,
		`report.yaml:12:14: recommendations.items[1]: unknown function "metrc"; did you mean metric?`,
		`report.yaml:16:23: sections[0].blocks[0].text: metric: the report has no data`,
		`report.yaml:17:22: sections[0].blocks[1].text: paragraph: no paragraph with id "long-id-long-id-long-id-long-id-long-id-long-id-long-id-long…"`,
		// Block scalars: the template's line and column, indentation and
		// folding accounted for; parse errors without a column point at
		// the line's first action.
		`report.yaml:22:19: sections[0].blocks[2].text: paragraph: no paragraph with id "gone"`,
		`report.yaml:23:36: sections[0].blocks[3].text: missing value for if`,
		`report.yaml:25:11: sections[0].blocks[4].text: missing value for range`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("errors\n%s\nlack %q", got, want)
		}
	}
}

func TestFormat(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{FinancialYear(2020), "2020/21"},
		{FinancialYear(2099), "2099/00"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	percent, number := formatting(format.Percent), formatting(format.Number)
	for _, tt := range []struct {
		f    func(...any) (string, error)
		args []any
		want string
	}{
		{percent, []any{69.0 / 200}, "35%"}, // exactly 34.5%: half up
		{percent, []any{1, 69.0 / 200}, "34.5%"},
		{percent, []any{29.0 / 400}, "7.3%"}, // exactly 7.25%
		{percent, []any{2, 29.0 / 400}, "7.25%"},
		{percent, []any{0.885}, "89%"},
		{percent, []any{0, 0.6923}, "69%"},
		{percent, []any{"0.345"}, "35%"},
		{number, []any{3100.0}, "3,100"},
		{number, []any{1, 1234567.25}, "1,234,567.3"},
		{number, []any{-1500.0}, "−1,500"},
		{number, []any{7.25}, "7.3"},
		{number, []any{12}, "12"},
	} {
		if got, err := tt.f(tt.args...); err != nil || got != tt.want {
			t.Errorf("%v = %q, %v; want %q", tt.args, got, err, tt.want)
		}
	}
	if s, _ := pp(0.725, 0.72); s != "+1 percentage points" {
		t.Errorf("pp of 0.5 points = %q", s)
	}
	if s, _ := change(39.0, 36.0); s != "+3" {
		t.Errorf("change = %q", s)
	}
	if s, _ := change(36.0, 47.0); s != "−11" {
		t.Errorf("change = %q", s)
	}
	if s, _ := pp(0.69, 0.53); s != "+16 percentage points" {
		t.Errorf("pp = %q", s)
	}
	if s, _ := formatting(format.Percent)(nil); s != "n/a" {
		t.Errorf("percent(nil) = %q", s)
	}
	if s, _ := previousYear("2020/21"); s != "2019/20" {
		t.Errorf("previousYear = %q", s)
	}
}

// TestTableColumnsFollowContent checks that a table written out by the
// author gets column widths from its content: the label column is wider
// than the columns of figures, and no column is narrower than 4 or wider
// than 40 characters' worth.
func TestTableColumnsFollowContent(t *testing.T) {
	src := `council: K
committee: C
meeting_date: 2026-12-14
title: T
author: A
purpose: P
recommendations: {items: [R]}
sections:
  - heading: Details
    blocks:
      - table:
          columns: [Measure, "2024/25", "%"]
          rows:
            - [Complaints and enquiries received, "1,204", "9"]
            - ["` + strings.Repeat("long ", 20) + `", "1", "2"]
`
	r, errs := definition.Parse("report.yaml", []byte(src))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	definition.Check(r, nil)
	d, errs := Paper(Input{Report: r})
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	var tbl *doc.Table
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if x, ok := b.(*doc.Table); ok && x.Kind == doc.Grid {
			tbl = x
		}
		return true
	})
	var got []float64
	for _, c := range tbl.Columns {
		got = append(got, c.Width)
	}
	if want := []float64{40, 7, 4}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("widths %v, want %v", got, want)
	}
}
