package layout

import (
	"strings"
	"testing"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
)

func TestPeriodKey(t *testing.T) {
	for _, tc := range []struct {
		label string
		ok    bool
	}{
		{"2024/25", true},
		{"1999/00", true},
		{"2099/00", true},
		{"2024/25 Q1", true},
		{"2024/25 h2", true},
		{"2024/25 Q5", false},
		{"2024/26", false}, // not one year
		{"2024-25", false},
		{"24/25", false},
		{"latest", false},
		{"", false},
	} {
		if _, ok := periodKey(tc.label); ok != tc.ok {
			t.Errorf("periodKey(%q) ok = %v; want %v", tc.label, ok, tc.ok)
		}
	}
	// Oldest first; a year before its halves, a half before its quarters.
	ys := []string{"2020/21 Q3", "2020/21", "1999/00", "2020/21 H2", "2019/20", "2020/21 Q1", "2020/21 H1"}
	sortPeriods(ys)
	if got, want := strings.Join(ys, ", "), "1999/00, 2019/20, 2020/21, 2020/21 H1, 2020/21 Q1, 2020/21 H2, 2020/21 Q3"; got != want {
		t.Errorf("sortPeriods gave %s, want %s", got, want)
	}
}

// TestReportingYear resolves data.year against the figures of
// boundFigures (case log and letter 2019/20 and 2020/21).
func TestReportingYear(t *testing.T) {
	fig := boundFigures(t)
	letterOnly := &metrics.Figures{Letter: fig.Letter}
	for _, tc := range []struct {
		given string
		fig   *metrics.Figures
		want  string
		err   string
	}{
		{"", fig, "2020/21", ""},
		{"latest", fig, "2020/21", ""},
		{"previous", fig, "2019/20", ""},
		{"2019/20", fig, "2019/20", ""},
		{"2018/19", fig, "", "the case log has no figures for 2018/19 (it covers 2019/20, 2020/21)"},
		{"2020-21", fig, "", `"2020-21" is not a financial year like 2024/25, latest or previous`},
		{"2020/21 Q1", fig, "", `"2020/21 Q1" is not a financial year like 2024/25, latest or previous`},
		{"", letterOnly, "2020/21", ""},
		{"2017/18", letterOnly, "", "ombudsman.yaml has no figures for 2017/18 (it covers 2019/20, 2020/21)"},
		{"", nil, "", ""},
		{"2020-21", nil, "", `"2020-21" is not a financial year`},
	} {
		got, err := ReportingYear(definition.Data{Year: tc.given}, tc.fig)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("ReportingYear(%q) = %q, %v; want %q, %q", tc.given, got, err, tc.want, tc.err)
		}
	}
}

// TestLatestIsTheReportingYear lays out a paper whose data.year is the
// year before the data's latest: the text, the case-log tables and
// charts and the letter table (none of which names a year) all show it.
func TestLatestIsTheReportingYear(t *testing.T) {
	r := boundReport(t, `      - text: "{{ latest }}: {{ metric \"stage1.received\" \"latest\" }} received; {{ metric \"letter.received\" \"latest\" }} by the Ombudsman."
      - metrics_table: {kind: by-service}
      - metrics_table: {kind: letter}
      - metrics_table: {kind: year-by-stage}
      - chart: {kind: funnel}
`)
	r.Data.Year = "previous"
	d, errs := Paper(Input{Report: r, Figures: boundFigures(t)})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var tables []*doc.Table
	var figs []*doc.Figure
	text := ""
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Table:
			if b.Kind == doc.Grid {
				tables = append(tables, b)
			}
		case *doc.Figure:
			figs = append(figs, b)
		case *doc.NumberedParagraph:
			for _, p := range b.Blocks {
				if p, ok := p.(*doc.Paragraph); ok {
					text += doc.Text(p.Content)
				}
			}
		}
		return true
	})
	if want := "2019/20: 5 received; 40 by the Ombudsman."; text != want {
		t.Errorf("text %q, want %q", text, want)
	}
	if len(tables) != 3 || len(figs) != 1 {
		t.Fatalf("laid out %d tables and %d figures, want 3 and 1", len(tables), len(figs))
	}
	if !strings.Contains(tables[0].Description, "in 2019/20 by service") {
		t.Errorf("by-service table: %q", tables[0].Description)
	}
	// The letter's table: the reporting year, and no previous year (the
	// letter has none before 2019/20).
	if got := strings.Join(tableRows(tables[1])[:1], ""); got != "|2019/20|Similar authorities" {
		t.Errorf("letter table header %q", got)
	}
	// year-by-stage: the years up to the reporting year, not after it.
	if got := tableRows(tables[2])[0]; got != "|2019/20" {
		t.Errorf("year-by-stage header %q", got)
	}
	if !strings.Contains(figs[0].Caption, "2019/20") {
		t.Errorf("funnel caption %q", figs[0].Caption)
	}
}

// TestYearsAreShownOldestFirst: tables and charts follow one rule for
// years listed out of order: they are shown oldest first, as a series is
// read left to right.
func TestYearsAreShownOldestFirst(t *testing.T) {
	r := boundReport(t, `      - metrics_table: {kind: year-by-stage, years: [latest, "2019/20"]}
      - chart: {kind: trend, years: ["2020/21", previous]}
`)
	d, errs := Paper(Input{Report: r, Figures: boundFigures(t)})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if got := tableRows(firstTable(t, d))[0]; got != "|2019/20|2020/21" {
		t.Errorf("table header %q, want |2019/20|2020/21", got)
	}
	var caption, alt string
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if f, ok := b.(*doc.Figure); ok {
			caption, alt = f.Caption, f.Alt
		}
		return true
	})
	if !strings.HasSuffix(caption, ", 2019/20 to 2020/21") || strings.Index(alt, "2019/20") > strings.Index(alt, "2020/21") {
		t.Errorf("chart years out of order: caption %q, alternative text %q", caption, alt)
	}
}
