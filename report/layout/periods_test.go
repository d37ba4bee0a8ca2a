package layout

import (
	"strings"
	"testing"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
)

// TestPeriodsWhereYearsAre cites quarters and halves of boundFigures in
// text, tables and charts. By hand: 2020/21 Q1 has stage 1 B1-B8 (Housing
// 6, Parks 2), Q2 stage 2 B9, B10 and the Ombudsman's B11; 2019/20 Q1 has
// A1-A4, Q2 A5-A7.
func TestPeriodsWhereYearsAre(t *testing.T) {
	fig := boundFigures(t)
	r := boundReport(t, `
      - text: >-
          Q1 {{ metric "stage1.received" "2020/21 Q1" | number }},
          Q2 housing {{ metric "stage1.received" "2020/21 q2" "housing" }},
          H1 parks {{ metric "stage1.received" "2020/21 H1" "PARKS" }},
          before {{ previous "2020/21 Q1" }} and {{ previous "2020/21 H1" }}.
      - metrics_table: {kind: year-by-stage, caption: Quarters, years: ["2020/21 Q1", "2020/21 Q2"]}
      - metrics_table: {kind: by-service, caption: By service, year: "2020/21 Q1"}
      - chart: {kind: trend, caption: Trend, years: ["2019/20 Q1", "2019/20 Q2", "2020/21 Q1"]}
      - chart: {kind: monthly, caption: Months, year: "2020/21 Q1"}
      - chart: {kind: funnel, caption: Funnel, year: "2020/21 H1"}
`)
	d, errs := Paper(Input{Report: r, Figures: fig})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	out := doc.Outline(d)
	if want := "Q1 8, Q2 housing 0, H1 parks 2, before 2019/20 Q4 and 2019/20 H2."; !strings.Contains(out, want) {
		t.Errorf("text lacks %q:\n%s", want, out)
	}
	var tables []*doc.Table
	var figs []*doc.Figure
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Table:
			if b.Kind == doc.Grid {
				tables = append(tables, b)
			}
		case *doc.Figure:
			figs = append(figs, b)
		}
		return true
	})
	if len(tables) < 2 || len(figs) != 3 {
		t.Fatalf("%d tables, %d figures:\n%s", len(tables), len(figs), out)
	}
	for i, want := range [][]string{
		{"|2020/21 Q1|2020/21 Q2", "Received|8|0", "Received|0|2", "Escalated from stage 1|0%|n/a"},
		{"Housing|6|2|0|2|0|2|100%|50%", "Parks|2|1|0|1|0|0|100%|50%", "Total|8|3|0|3|0|2|100%|50%"},
	} {
		got := strings.Join(tableRows(tables[i]), "\n")
		for _, w := range want {
			if !strings.Contains("\n"+got+"\n", "\n"+w+"\n") {
				t.Errorf("table %d lacks row %q:\n%s", i+1, w, got)
			}
		}
	}
	// The trend chart is labelled by quarter; the monthly chart of a
	// quarter shows its three months; the funnel counts the half.
	for i, want := range [][]string{
		{"2019/20 Q1 4", "2019/20 Q2 1", "2020/21 Q1 8"},
		{"April 2020 4", "May 2020 2", "June 2020 2"},
		{"Stage 1 8", "Stage 2 2", "Ombudsman 1"},
	} {
		for _, w := range want {
			if !strings.Contains(figs[i].Alt, w) {
				t.Errorf("figure %d: alternative text lacks %q: %s", i+1, w, figs[i].Alt)
			}
		}
	}
	if strings.Contains(figs[1].Alt, "July") {
		t.Errorf("the monthly chart of Q1 shows July: %s", figs[1].Alt)
	}
}

func TestPeriodErrors(t *testing.T) {
	fig := boundFigures(t) // the last case: 1 September 2020
	for _, tt := range []struct{ block, want string }{
		{"      - metrics_table: {kind: year-by-stage, years: [\"2020/21 Q3\"]}\n",
			`report.yaml:12:54: sections[0].blocks[0].metrics_table.years[0]: year-by-stage table: 2020/21 Q3 (October to December 2020) is after the last complaint in the case log, received on 1 September 2020: it has no figures yet`},
		{"      - metrics_table: {kind: by-service, year: \"2019/20 Q3\"}\n",
			`sections[0].blocks[0].metrics_table.year: by-service table: the case log has no complaints received in 2019/20 Q3 (October to December 2019)`},
		{"      - metrics_table: {kind: letter, year: \"2020/21 Q1\"}\n",
			`sections[0].blocks[0].metrics_table.year: letter table: ombudsman.yaml has no figures for 2020/21 Q1: the Ombudsman's letter is annual; give a financial year`},
		{"      - chart: {kind: funnel, year: \"2020/21 Q4\"}\n",
			`sections[0].blocks[0].chart.year: funnel chart: 2020/21 Q4 (January to March 2021) is after the last complaint in the case log, received on 1 September 2020: it has no figures yet`},
		{"      - chart: {kind: trend, measure: letter.received, years: [\"2020/21 Q1\"]}\n",
			`sections[0].blocks[0].chart.years[0]: trend chart: ombudsman.yaml has no figures for 2020/21 Q1: the Ombudsman's letter is annual; give a financial year`},
		{"      - text: '{{ metric \"letter.received\" \"2020/21 H1\" }}'\n",
			`sections[0].blocks[0].text: metric: 2020/21 H1 is part of a year, and the Ombudsman's letter is annual; give a financial year`},
		{"      - text: '{{ metric \"stage1.received\" \"2020/21 Q2\" \"Housng\" }}'\n",
			`metric: the case log has no service "Housng" (its services are: "Housing", "Parks"); did you mean Housing?`},
	} {
		r := boundReport(t, tt.block)
		_, errs := Paper(Input{Report: r, Figures: fig})
		if !strings.Contains(errs.Error(), tt.want) {
			t.Errorf("%s: errors\n%s\nlack %q", strings.TrimSpace(tt.block), errs.Error(), tt.want)
		}
	}
}

// TestPartQuarterWarns: a quarter the end of the data cuts short is
// cited with a warning at data.complaints, once however often it is
// cited; a whole quarter is not.
func TestPartQuarterWarns(t *testing.T) {
	log, err := caselog.ReadCSV("export.csv", []byte(`Reference,Stage,Service,Received,Responded,Due,Outcome
A1,1,Housing,2021-03-01,2021-03-02,,Upheld
A2,1,Housing,2021-04-06,2021-04-07,,Upheld
A3,1,Housing,2021-05-04,,,
`), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	fig := &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{})}
	r := boundReport(t, `
      - text: '{{ metric "stage1.received" "2021/22 Q1" }} {{ metric "stage1.open" "2021/22 Q1" }} {{ metric "stage1.received" "2020/21 Q4" }}'
      - metrics_table: {kind: year-by-stage, years: ["2021/22 Q1"]}
`+"data:\n  complaints: export.csv\n")
	_, errs := Paper(Input{Report: r, Figures: fig})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	want := "report.yaml:16:15: warning: data.complaints: export.csv: 2021/22 Q1, which the paper cites, has cases from April to May 2021 only (2 of 3 months), so its figures cover part of the quarter; cite a whole quarter or leave it out until its last month is in the export"
	// The year-by-stage table warns of its n/a figures as well; the part
	// quarter is warned of once.
	if got := errs.Error(); !strings.Contains(got, want) || strings.Count(got, "which the paper cites") != 1 {
		t.Errorf("warnings:\n%s\nwant once\n%s", got, want)
	}
}

// TestPartOfAWithheldYear: with 2020/21's stage 1 by-service table
// withholding counts below 3 (Housing's and Parks' rows withheld but for
// zeros, the total's upheld and not upheld), a quarter's figure in text is
// refused where the year withholds it, and cited where the year publishes
// the column it splits.
func TestPartOfAWithheldYear(t *testing.T) {
	fig := boundFigures(t)
	for _, tt := range []struct{ cite, want string }{
		{`"stage1.received" "2020/21 Q1" "housing"`, "Table 1 withholds figures of Housing in 2020/21 so that no one can be identified, and figures for part of that year could give them away; cite the whole year, or a figure Table 1 shows"},
		{`"stage1.upheld" "2020/21 H1"`, "Table 1 withholds figures of the total in 2020/21"},
		{`"stage1.on_time_rate" "2020/21 Q1"`, "Table 1 withholds figures of the total in 2020/21"},
		{`"stage1.received" "2020/21 Q1"`, ""},
		{`"stage2.received" "2020/21 Q2" "Housing"`, ""}, // another stage's grid
	} {
		r := boundReport(t, `
      - metrics_table: {kind: by-service, caption: By service, year: "2020/21", suppress_below: 3}
      - text: '{{ metric `+tt.cite+` }}'
`)
		_, errs := Paper(Input{Report: r, Figures: fig})
		if tt.want == "" {
			if errs.HasErrors() {
				t.Errorf("%s: %v", tt.cite, errs)
			}
			continue
		}
		if !strings.Contains(errs.Error(), tt.want) {
			t.Errorf("%s: errors\n%s\nlack %q", tt.cite, errs.Error(), tt.want)
		}
	}
}

// TestServicesAsAuthorsTypeThem: a service in a metric function is found
// ignoring case, spacing and trailing punctuation, and under any spelling
// the export had, an alias from data.services included.
func TestServicesAsAuthorsTypeThem(t *testing.T) {
	log, err := caselog.ReadCSV("export.csv", []byte(`Reference,Stage,Service,Received
A1,1,Housing,2021-04-06
A2,1,HOUSING,2021-04-07
A3,1,Env & Streets,2021-04-08
A4,1,"Environment, Streets & Parks",2021-04-09
`), caselog.Options{Services: map[string]string{"Env & Streets": "Environment, Streets & Parks"}})
	if err != nil {
		t.Fatal(err)
	}
	fig := &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{})}
	r := boundReport(t, `
      - text: >-
          {{ metric "stage1.received" "2021/22" "housing" }}
          {{ metric "stage1.received" "2021/22 Q1" "  Housing. " }}
          {{ metric "stage1.received" "2021/22" "env & streets" }}
          {{ metric "stage1.received" "2021/22" "Environment, Streets & Parks" }}
`)
	d, errs := Paper(Input{Report: r, Figures: fig})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if out := doc.Outline(d); !strings.Contains(out, "2 2 2 2") {
		t.Errorf("figures not found:\n%s", out)
	}
}

// TestQuarterByServiceSuppresses: a by-service table of a quarter withholds
// small counts as a year's does, and text citing a withheld figure of the
// quarter is refused.
func TestQuarterByServiceSuppresses(t *testing.T) {
	r := boundReport(t, `
      - metrics_table: {kind: by-service, caption: By service, year: "2020/21 q1", suppress_below: 3}
      - text: '{{ metric "stage1.received" "2020/21 Q1" "Parks" }}'
`)
	d, errs := Paper(Input{Report: r, Figures: boundFigures(t)})
	if want := "metric: this figure is withheld in Table 1 so that no one can be identified"; !strings.Contains(errs.Error(), want) {
		t.Errorf("errors\n%s\nlack %q", errs.Error(), want)
	}
	rows := strings.Join(tableRows(firstTable(t, d)), "\n")
	if !strings.Contains(rows, "Parks|[c]|") {
		t.Errorf("Parks' 2 complaints are not withheld:\n%s", rows)
	}
}
