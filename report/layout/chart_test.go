package layout_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/pipeline"
)

// caseCounts is what the generated case log holds for one financial year
// and stage: received rows, how many were answered on time (the rest
// late), and the outcomes of those rows by service.
type caseCounts struct {
	received, onTime int
	// outcomes per service: upheld, partially upheld, not upheld; rows
	// beyond them are withdrawn.
	outcomes map[string][3]int
}

// dataset is a generated case log: year -> stage -> counts.
type dataset map[string]map[string]caseCounts

// reference001 follows reference 001: Ombudsman enquiries 47, 36 and 39
// with 16, 19 and 27 answered on time (34%, 53%, 69%), and in 2020/21
// 310 stage 1 and 24 stage 2 complaints (a tenth of the paper's).
func reference001() dataset {
	return dataset{
		"2018/19": {"ombudsman": {received: 47, onTime: 16}, "stage1": {received: 280, onTime: 250}, "stage2": {received: 30, onTime: 20}},
		"2019/20": {"ombudsman": {received: 36, onTime: 19}, "stage1": {received: 300, onTime: 260}, "stage2": {received: 28, onTime: 22}},
		"2020/21": {"ombudsman": {received: 39, onTime: 27}, "stage1": {received: 310, onTime: 280, outcomes: map[string][3]int{
			"Housing": {40, 20, 60}, "Parking": {12, 8, 30}, "Registrars": {1, 0, 2}, "Council Tax": {3, 9, 25},
		}}, "stage2": {received: 24, onTime: 20}},
	}
}

var stageNames = map[string]string{"stage1": "Stage 1", "stage2": "Stage 2", "ombudsman": "Ombudsman"}

// csv writes the data set as a case log: each row received on a weekday
// of its year, answered the next day (on time) or 60 days later (late).
func (ds dataset) csv() string {
	var b strings.Builder
	b.WriteString("Reference,Stage,Service,Received,Responded,Due,Outcome\n")
	n := 0
	for year, stages := range ds {
		var start int
		fmt.Sscanf(year, "%d/", &start)
		for stage, c := range stages {
			outcomes := []string{}
			services := []string{}
			for svc, o := range c.outcomes {
				for k, label := range []string{"Upheld", "Partially upheld", "Not upheld"} {
					for i := 0; i < o[k]; i++ {
						outcomes = append(outcomes, label)
						services = append(services, svc)
					}
				}
			}
			for i := 0; i < c.received; i++ {
				n++
				day := time.Date(start, 4, 6, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*(i%50)) // Mondays, clear of holidays
				for day.Weekday() != time.Tuesday {
					day = day.AddDate(0, 0, 1)
				}
				resp := day.AddDate(0, 0, 1)
				if i >= c.onTime {
					resp = day.AddDate(0, 0, 60)
				}
				svc, out := "Housing", "Withdrawn"
				if i < len(outcomes) {
					svc, out = services[i], outcomes[i]
				}
				fmt.Fprintf(&b, "R%05d,%s,%s,%s,%s,,%s\n", n, stageNames[stage], svc, day.Format("2006-01-02"), resp.Format("2006-01-02"), out)
			}
		}
	}
	return b.String()
}

const ombudsmanYAML = `council: Kingsbridge City Council
population: 264700
authority_type: unitary authorities
years:
  "2020/21":
    received: 52
    decided: 50
    investigations: 30
    upheld: 25
    average: {upheld_rate: 0.67}
    comparators:
      - {name: Eastmoor City Council, population: 213400, investigations: 27, upheld: 20}
      - {name: Portlow City Council, population: 245600, investigations: 34, upheld: 28}
  "2019/20":
    received: 60
    decided: 58
    investigations: 33
    upheld: 24
`

// paper writes a report with the given section blocks (YAML, indented
// under blocks:) and the data, and lays it out as `paper check` does.
func paper(t *testing.T, blocks string, ds dataset, letter string) (*pipeline.Paper, diag.List, string) {
	t.Helper()
	dir := t.TempDir()
	data := "data: {}\n"
	if ds != nil {
		data = "data:\n  complaints: complaints.csv\n"
		if err := os.WriteFile(filepath.Join(dir, "complaints.csv"), []byte(ds.csv()), 0o644); err != nil {
			t.Fatal(err)
		}
		if letter != "" {
			data += "  ombudsman: ombudsman.yaml\n"
			if err := os.WriteFile(filepath.Join(dir, "ombudsman.yaml"), []byte(letter), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	src := `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2021-09-27
title: Charts
author: Priya Ashworth
purpose: To test charts.
recommendations:
  items: [Note the charts.]
sections:
  - heading: Details
    blocks:
` + blocks + data
	path := filepath.Join(dir, "report.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, errs := pipeline.Prepare(path, pipeline.Options{})
	return p, errs, src
}

func figures(p *pipeline.Paper) []*doc.Figure {
	var out []*doc.Figure
	if p == nil {
		return nil
	}
	for _, b := range p.Doc.Blocks {
		if f, ok := b.(*doc.Figure); ok {
			out = append(out, f)
		}
	}
	return out
}

func TestChartsFromTheData(t *testing.T) {
	ds := reference001()
	p, errs, _ := paper(t, `      - chart:
          kind: trend
          years: ["2018/19", "2019/20", "2020/21"]
          stage: ombudsman
      - text: Between the charts.
      - chart: {kind: funnel, year: "2020/21", data_table: true}
      - chart: {kind: comparison, measure: upheld_rate, caption: Upheld rate against similar councils}
      - chart: {kind: by-service, suppress_below: 5, width: 120}
      - chart: {kind: monthly, year: latest, rate: none}
      - chart: {kind: monthly, years: [previous, latest], data_table: true}
      - chart: {kind: trend, measure: letter.decided, rate: letter.compliance_rate}
`, ds, ombudsmanYAML)
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	fs := figures(p)
	if len(fs) != 7 {
		t.Fatalf("%d figures, want 7", len(fs))
	}
	for i, f := range fs {
		if want := fmt.Sprintf("Figure %d", i+1); f.Label != want {
			t.Errorf("figure %d labelled %q", i+1, f.Label)
		}
	}
	pct := func(n, d int) string { return charts.FormatPercent(float64(n) / float64(d)) }
	y := func(year, stage string) caseCounts { return ds[year][stage] }
	for _, tc := range []struct {
		fig            *doc.Figure
		caption, alt   string
		width          float64
		dataTableFirst string
	}{
		{fs[0], "Ombudsman enquiries and the share answered on time, 2018/19 to 2020/21",
			fmt.Sprintf("Bar chart: Ombudsman enquiries 2018/19 %d (%s on time), 2019/20 %d (%s), 2020/21 %d (%s).",
				y("2018/19", "ombudsman").received, pct(16, 47), y("2019/20", "ombudsman").received, pct(19, 36),
				y("2020/21", "ombudsman").received, pct(27, 39)), 0, ""},
		{fs[1], "Complaints escalated from stage 1 to the Ombudsman, 2020/21",
			fmt.Sprintf("Funnel chart: complaints received in 2020/21: Stage 1 310; Stage 2 24 (%s of stage 1); Ombudsman 39 (%s of stage 2).",
				pct(24, 310), pct(39, 24)), 0, "Stage 1"},
		{fs[2], "Upheld rate against similar councils",
			"Horizontal bar chart: share of the Ombudsman's detailed investigations upheld, 2020/21: Kingsbridge City Council (this council) " +
				pct(25, 30) + ", Portlow City Council " + pct(28, 34) + ", Eastmoor City Council " + pct(20, 27) +
				"; similar authorities' average (unitary authorities) 67%.", 0, ""},
	} {
		if tc.fig.Caption != tc.caption {
			t.Errorf("%s caption %q, want %q", tc.fig.Label, tc.fig.Caption, tc.caption)
		}
		if tc.fig.Alt != tc.alt {
			t.Errorf("%s alt\n got %q\nwant %q", tc.fig.Label, tc.fig.Alt, tc.alt)
		}
		if tc.fig.Width != tc.width {
			t.Errorf("%s width %g, want %g", tc.fig.Label, tc.fig.Width, tc.width)
		}
		if (tc.dataTableFirst != "") != (tc.fig.Data != nil) {
			t.Errorf("%s data table %v", tc.fig.Label, tc.fig.Data != nil)
		} else if tc.fig.Data != nil {
			if got := doc.Text(tc.fig.Data.Rows[0][0].Content); got != tc.dataTableFirst {
				t.Errorf("%s data table starts %q", tc.fig.Label, got)
			}
			if !strings.Contains(tc.fig.Data.Description, tc.fig.Label) {
				t.Errorf("%s data table description %q", tc.fig.Label, tc.fig.Data.Description)
			}
		}
	}
	if fs[3].Caption != "Stage 1 complaint outcomes by service, 2020/21" || fs[3].Width != 120 {
		t.Errorf("by-service caption %q width %g", fs[3].Caption, fs[3].Width)
	}
	// The monthly chart covers April to March of the year, without a line.
	m := fs[4].Graphic.(*charts.Columns)
	if len(m.Labels) != 12 || m.Labels[0] != "Apr" || m.Long[11] != "March 2021" || len(m.Line.Values) != 0 {
		t.Errorf("monthly chart: labels %v, long %v, line %v", m.Labels, m.Long, m.Line.Values)
	}
	// Two years of months, with the on-time rate of each month in the
	// table as a percentage.
	m2 := fs[5]
	if m2.Caption != "Stage 1 complaints received per month and the share answered on time, 2019/20 to 2020/21" {
		t.Errorf("caption %q", m2.Caption)
	}
	if n := len(m2.Data.Rows); n != 24 {
		t.Errorf("%d months in the table, want 24", n)
	}
	for _, r := range m2.Data.Rows {
		if got := doc.Text(r[2].Content); !strings.HasSuffix(got, "%") && got != "no figure" {
			t.Errorf("monthly on-time rate %q is not a percentage", got)
			break
		}
	}
	if !strings.Contains(m2.Alt, "April 2019 to March 2021") {
		t.Errorf("monthly alt %q", m2.Alt)
	}
	// A trend of the letter's figures, whose rate has no figures: no
	// line, not in the caption either, and a warning at the option.
	if got := fs[6].Caption; got != "Decisions made by the Ombudsman, 2019/20 to 2020/21" {
		t.Errorf("letter trend caption %q", got)
	}
	if len(errs) != 1 || errs[0].Severity != diag.Warning || !strings.HasSuffix(errs[0].Field, "chart.rate") ||
		!strings.Contains(errs[0].Msg, "letter.compliance_rate has no figures in 2019/20 to 2020/21") {
		t.Errorf("want one warning about the rate, got %v", errs)
	}
	if err := p.Doc.Check(); err != nil {
		t.Error(err)
	}
}

// TestChartProblemsArePositioned checks that every problem with a chart
// block is a check error at the line and column of the option (or the
// block) in report.yaml, naming the block, as `paper check` prints it.
func TestChartProblemsArePositioned(t *testing.T) {
	ds := reference001()
	onlyOmbudsman := dataset{"2017/18": {"ombudsman": {received: 3, onTime: 3}}, "2018/19": ds["2018/19"]}
	for _, tc := range []struct {
		name   string
		block  string
		data   dataset
		letter string
		key    string // the line holding this text is where the error points
		field  string // suffix of the diagnostic's field
		msg    string
	}{
		{"unknown kind", `{kind: tren}`, ds, "", "tren", ".chart.kind", `chart: unknown kind "tren"; did you mean trend?`},
		{"unknown year", "\n          kind: trend\n          years: [\"2016/17\"]", ds, "", `"2016/17"`, ".chart.years[0]",
			`trend chart: the case log has no figures for 2016/17 (it covers 2018/19, 2019/20, 2020/21)`},
		{"not a year", "\n          kind: funnel\n          year: 2020-21", ds, "", "2020-21", ".chart.year", `funnel chart: "2020-21" is not a financial year like 2024/25, a quarter like 2024/25 Q1 (Q1 is April to June) or a half like 2024/25 H1; or latest or previous`},
		{"unknown stage", "\n          kind: trend\n          stage: stage3", ds, "", "stage3", ".chart.stage", `unknown stage "stage3"; did you mean stage1?`},
		{"unknown measure", "\n          kind: comparison\n          measure: upheld_rat", ds, ombudsmanYAML, "upheld_rat", ".chart.measure",
			`unknown measure "upheld_rat"; did you mean upheld_rate?`},
		{"unknown sort", "\n          kind: by-service\n          sort: biggest", ds, "", "biggest", ".chart.sort", `unknown sort "biggest" (use ascending, descending, name, none)`},
		{"option that does not apply", "\n          kind: funnel\n          stage: stage2", ds, "", "stage2", ".chart.stage",
			"funnel chart: stage does not apply to a funnel chart, which takes year"},
		{"too narrow", "\n          kind: funnel\n          width: 30", ds, "", "30", ".chart.width", "width is 30 mm"},
		{"suppress below one", "\n          kind: by-service\n          suppress_below: 1", ds, "", "1", ".chart.suppress_below", "suppress_below must be 2 or more (or 0 for off), found 1"},
		{"escalation rate of stage 1", "\n          kind: trend\n          rate: escalation_rate", ds, "", "escalation_rate", ".chart.rate", "stage 1 has no escalation rate"},
		{"empty series: every value zero", "\n          kind: trend\n          caption: Partly upheld enquiries\n          measure: partially_upheld\n          stage: ombudsman",
			ds, "", "kind: trend", ".chart", `trend chart "Partly upheld enquiries": no chart: every value of enquiries partially upheld is zero or missing`},
		{"empty series: nothing at stage 1", "\n          kind: funnel\n          year: 2017/18", onlyOmbudsman, "", "kind: funnel", ".chart",
			"no stage 1 complaints were received in 2017/18"},
		{"empty series: no outcomes", "\n          kind: by-service\n          stage: stage2", ds, "", "kind: by-service", ".chart",
			"no stage 2 complaints received in 2020/21 has an outcome"},
		{"no comparators", "\n          kind: comparison\n          year: 2019/20", ds, ombudsmanYAML, "kind: comparison", ".chart",
			"gives no comparator councils for 2019/20"},
		{"no letter", "{kind: comparison}", ds, "", "kind: comparison", ".chart", "needs the Ombudsman's figures"},
		{"no data at all", "{kind: trend}", nil, "", "kind: trend", ".chart", "the report has no data"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, errs, src := paper(t, "      - text: Before.\n      - chart: "+tc.block+"\n", tc.data, tc.letter)
			if p == nil {
				t.Fatalf("no paper: %v", errs)
			}
			if len(figures(p)) != 0 {
				t.Error("a figure was laid out despite the problem")
			}
			var found *diag.Diagnostic
			for i := range errs {
				if errs[i].Severity == diag.Error && strings.Contains(errs[i].Msg, tc.msg) {
					found = &errs[i]
				}
			}
			if found == nil {
				t.Fatalf("no error containing %q in:\n%v", tc.msg, errs)
			}
			// The first line after "blocks:" holding the key.
			line, col := 0, 0
			body := strings.Index(src, "    blocks:")
			for i, l := range strings.Split(src, "\n") {
				if j := strings.Index(l, tc.key); j >= 0 && strings.Count(src[:body], "\n") < i {
					line, col = i+1, j+1
					break
				}
			}
			if found.Line != line || (tc.field != ".chart" && found.Col != col) {
				t.Errorf("error at %d:%d, want %d:%d (the line of %q): %s", found.Line, found.Col, line, col, tc.key, found)
			}
			if !strings.HasSuffix(found.Field, tc.field) || !strings.HasPrefix(found.Field, "sections[0].blocks[1]") {
				t.Errorf("error field %q, want sections[0].blocks[1]...%s", found.Field, tc.field)
			}
			if !strings.HasSuffix(found.File, "report.yaml") {
				t.Errorf("error file %q", found.File)
			}
		})
	}
}

func TestChartsAreNumberedAfterSkippedOnes(t *testing.T) {
	// A chart with a problem is not numbered, so the figures that are laid
	// out still run 1, 2 (the build stops anyway, but check lists every
	// problem against a consistent tree).
	p, errs, _ := paper(t, `      - chart: {kind: funnel}
      - chart: {kind: funnel, year: "1999/00"}
      - chart: {kind: trend}
`, reference001(), "")
	if len(errs) != 1 {
		t.Fatalf("want one error, got %v", errs)
	}
	var labels []string
	for _, f := range figures(p) {
		labels = append(labels, f.Label)
	}
	if got := strings.Join(labels, ","); got != "Figure 1,Figure 2" {
		t.Errorf("labels %s", got)
	}
}

// cells returns a table's rows as text, keyed by the first cell.
func cells(t *doc.Table) map[string][]string {
	m := map[string][]string{}
	for _, r := range t.Rows {
		var row []string
		for _, c := range r {
			row = append(row, doc.Text(c.Content))
		}
		m[row[0]] = row[1:]
	}
	return m
}

// TestByServiceChartRevealsNoMoreThanTheTable puts the by-service table and
// the by-service chart of the same data in one paper, as an author would,
// and checks that the chart hides every outcome the table hides, in the
// same way, and prints a service's total only where the table's own
// figures give it away.
func TestByServiceChartRevealsNoMoreThanTheTable(t *testing.T) {
	ds := reference001()
	// A service with a small count that is otherwise large, one whose
	// withdrawn count is small, and a small service.
	ds["2020/21"]["stage1"] = caseCounts{received: 310, onTime: 280, outcomes: map[string][3]int{
		"Housing": {40, 20, 60}, "Parking": {12, 8, 30}, "Registrars": {1, 0, 2}, "Council Tax": {3, 9, 25}, "Libraries": {10, 10, 10},
	}}
	p, errs, _ := paper(t, `      - metrics_table: {kind: by-service, year: "2020/21", suppress_below: 5}
      - chart: {kind: by-service, year: "2020/21", suppress_below: 5, data_table: true}
`, ds, "")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var table *doc.Table
	for _, b := range p.Doc.Blocks {
		if tb, ok := b.(*doc.Table); ok && len(tb.Header) > 0 && doc.Text(tb.Header[0][1].Content) == "Received" {
			table = tb
		}
	}
	fs := figures(p)
	if table == nil || len(fs) != 1 || fs[0].Data == nil {
		t.Fatalf("want the by-service table and one chart with its data table")
	}
	tab, chart := cells(table), cells(fs[0].Data)
	hidden := func(s string) bool { return strings.HasPrefix(s, "<") || s == "*" }
	checked := 0
	for name, c := range chart {
		tr, ok := tab[name]
		if !ok {
			continue // the note row
		}
		checked++
		// Table columns: Received, Upheld, Partly upheld, Not upheld,
		// Withdrawn, Open ...; chart: Upheld, Partially upheld, Not upheld, Total.
		for j := 0; j < 3; j++ {
			if hidden(tr[1+j]) && c[j] != tr[1+j] && !(c[j] == "*" && hidden(tr[1+j])) {
				t.Errorf("%s: the table hides outcome %d as %q, the chart prints %q", name, j, tr[1+j], c[j])
			}
			if !hidden(tr[1+j]) && c[j] != tr[1+j] {
				t.Errorf("%s: outcome %d is %q in the table, %q in the chart", name, j, tr[1+j], c[j])
			}
		}
		if total := c[3]; !hidden(total) {
			anyHidden := hidden(tr[1]) || hidden(tr[2]) || hidden(tr[3])
			if anyHidden && (hidden(tr[0]) || hidden(tr[4]) || hidden(tr[5])) {
				t.Errorf("%s: the chart prints the total %s, which the table's figures do not give", name, total)
			}
		}
	}
	if checked < 4 {
		t.Errorf("only %d services compared", checked)
	}
	// The alternative text says the same as the chart's table.
	if alt := fs[0].Alt; strings.Contains(alt, "Council Tax 37") && hidden(chart["Council Tax"][3]) {
		t.Errorf("alt text prints a withheld total: %s", alt)
	}
}
