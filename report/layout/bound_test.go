package layout

import (
	"strings"
	"testing"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/ombudsman"
)

// boundFigures is a small case log and letter whose figures are easy to
// work out by hand:
//
//   - 2019/20: stage 1 Housing 4 rows (3 on time: the fourth took 12
//     working days), Parks 1 row; stage 2 Housing 1 row; Ombudsman 1.
//   - 2020/21: stage 1 Housing 6 rows (2 open), Parks 2 rows; stage 2
//     Housing 2 rows; Ombudsman 1 row, late (due date given).
func boundFigures(t testing.TB) *metrics.Figures {
	t.Helper()
	csv := `Reference,Stage,Service,Received,Responded,Due,Outcome
A1,1,Housing,2019-06-03,2019-06-10,,Upheld
A2,1,Housing,2019-06-03,2019-06-17,,Not upheld
A3,1,Housing,2019-06-03,2019-06-14,,Partially upheld
A4,1,Housing,2019-06-03,2019-06-19,,Not upheld
A5,1,Parks,2019-07-01,2019-07-02,,Withdrawn
A6,2,Housing,2019-08-01,2019-08-20,,Not upheld
A7,Ombudsman,Housing,2019-09-02,2019-09-20,,Upheld
B1,1,Housing,2020-04-01,2020-04-08,,Upheld
B2,1,Housing,2020-04-01,2020-04-08,,Upheld
B3,1,Housing,2020-04-01,2020-04-08,,Not upheld
B4,1,Housing,2020-04-01,2020-04-08,,Not upheld
B5,1,Housing,2020-05-01,,,
B6,1,Housing,2020-05-01,,,
B7,1,Parks,2020-06-01,2020-06-02,,Not upheld
B8,1,Parks,2020-06-01,2020-06-02,,Upheld
B9,2,Housing,2020-07-01,2020-07-10,,Upheld
B10,2,Housing,2020-07-01,2020-07-10,,Not upheld
B11,LGSCO,Housing,2020-09-01,2020-09-30,2020-09-15,Upheld
`
	log, err := caselog.ReadCSV("complaints.csv", []byte(csv), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	letter, err := ombudsman.Parse("ombudsman.yaml", []byte(`council: Kingsbridge City Council
population: 200000
authority_type: unitary authorities
years:
  "2019/20": {received: 40, decided: 38, investigations: 20, upheld: 14, remedied: 2, recommendations_due: 10, recommendations_complied: 10}
  "2020/21":
    received: 52
    decided: 50
    investigations: 30
    upheld: 25
    remedied: 1
    recommendations_due: 20
    recommendations_complied: 19
    average: {upheld_rate: 0.67, compliance_rate: 0.99, remedy_rate: 0.12}
    comparators:
      - {name: Eastmoor City Council, population: 100000, investigations: 20, upheld: 15}
      - {name: Westvale Borough Council, population: 400000, investigations: 30, upheld: 20}
`))
	if err != nil {
		t.Fatal(err)
	}
	return &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{}), Letter: letter}
}

// boundReport returns a report whose one section holds the given block
// YAML (indented under "blocks:").
func boundReport(t *testing.T, blocks string) *definition.Report {
	t.Helper()
	src := `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2021-09-27
title: T
author: A
purpose: P
recommendations:
  items: [Note the report.]
sections:
  - heading: Figures
    blocks:
` + blocks
	r, errs := definition.Parse("report.yaml", []byte(src))
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if errs := definition.Check(r, nil); errs.HasErrors() {
		t.Fatal(errs)
	}
	return r
}

// tableRows renders a laid-out table's rows as text, cells joined by |.
func tableRows(t *doc.Table) []string {
	var out []string
	for _, rows := range [][][]doc.Cell{t.Header, t.Rows} {
		for _, row := range rows {
			cells := make([]string, len(row))
			for i, c := range row {
				cells[i] = doc.Text(c.Content)
			}
			out = append(out, strings.Join(cells, "|"))
		}
	}
	return out
}

func firstTable(t *testing.T, d *doc.Document) *doc.Table {
	t.Helper()
	var found *doc.Table
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if tb, ok := b.(*doc.Table); ok && tb.Kind == doc.Grid {
			found = tb
			return false
		}
		return true
	})
	if found == nil {
		t.Fatal("no grid table laid out")
	}
	return found
}

func TestMetricsTables(t *testing.T) {
	fig := boundFigures(t)
	tests := []struct {
		name, block string
		want        []string
	}{
		{"ombudsman enquiries, the reference's three-year table", `
      - metrics_table: {kind: ombudsman-enquiries, caption: Enquiries, years: ["2019/20", latest]}
`, []string{
			"|2019/20|2020/21",
			"|Number|On time|Number|On time",
			// 2019/20: answered in 14 working days of 20: on time. 2020/21:
			// answered after the Ombudsman's deadline.
			"Ombudsman enquiries|1|100%|1|0%",
		}},
		{"a stage of the caller's choosing", `
      - metrics_table: {kind: ombudsman-enquiries, stage: stage1}
`, []string{
			"Stage 1 complaints|5|80%|8|100%",
		}},
		{"year by stage", `
      - metrics_table: {kind: year-by-stage}
`, []string{
			"|2019/20|2020/21",
			"Stage 1 complaints",
			"Received|5|8",
			"Answered on time|80%|100%",
			// 2019/20: 5+10+9+12+1 = 37 working days over 5 closed rows;
			// 2020/21: 4×5+1+1 = 22 over 6 (Easter falls after 8 April).
			"Average working days to respond|7.4|3.7",
			// 2019/20: upheld 1 + partly 1 of 4 decided; 2020/21: 3 of 6.
			"Upheld or partly upheld|50%|50%",
			"Stage 2 complaints",
			"Received|1|2",
			"Escalated from stage 1|20%|25%",
			"Ombudsman enquiries",
			"Escalated from stage 2|100%|50%",
		}},
		{"by service, nothing suppressed", `
      - metrics_table: {kind: by-service, year: "2020/21"}
`, []string{
			"Service|Received|Upheld|Partly upheld|Not upheld|Withdrawn|Open|On time|Upheld rate",
			"Housing|6|2|0|2|0|2|100%|50%",
			"Parks|2|1|0|1|0|0|100%|50%",
			"Total|8|3|0|3|0|2|100%|50%",
		}},
		{"by service, small counts suppressed", `
      - metrics_table: {kind: by-service, year: "2020/21", suppress_below: 3}
`, []string{
			// Counts of 1 and 2 are hidden (<3). Parks' received (2) is
			// then the only hidden cell of its column, which the Total row
			// would give away, so Housing's 6 is hidden too (*).
			// Every small count withheld; the total's upheld and not
			// upheld too (3 = Housing + Parks would leave Parks 1 or 2),
			// and every rate built on them.
			"Housing|[c]|[c]|0|[c]|0|[c]|*|*",
			"Parks|[c]|[c]|0|[c]|0|0|*|*",
			"Total|8|[c]|0|[c]|0|[c]|*|*",
		}},
		{"comparators, fewest upheld per 100,000 first", `
      - metrics_table: {kind: comparators, year: latest}
`, []string{
			"Council|Population|Investigations|Upheld|Upheld rate|Upheld per 100,000 residents",
			"Westvale Borough Council|400,000|30|20|67%|5.0",
			"Kingsbridge City Council|200,000|30|25|83%|12.5",
			"Eastmoor City Council|100,000|20|15|75%|15.0",
			"Average of similar authorities (unitary authorities)|67%|",
		}},
		{"the annual letter against the previous year and the average", `
      - metrics_table: {kind: letter}
`, []string{
			"|2020/21|2019/20|Similar authorities",
			"Complaints and enquiries received|52|40|",
			"Upheld rate|83%|70%|67%",
			"Recommendations complied with|95%|100%|99%",
			"Satisfactory remedy by the council|4%|14%|12%",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := boundReport(t, tt.block)
			d, errs := Paper(Input{Report: r, Figures: fig})
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if err := d.Check(); err != nil {
				t.Fatal(err)
			}
			got := tableRows(firstTable(t, d))
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					found = found || g == w
				}
				if !found {
					t.Errorf("no row %q in\n%s", w, strings.Join(got, "\n"))
				}
			}
		})
	}
}

func TestSuppressionNote(t *testing.T) {
	r := boundReport(t, `
      - metrics_table: {kind: by-service, year: "2020/21", suppress_below: 3}
`)
	d, errs := Paper(Input{Report: r, Figures: boundFigures(t)})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	out := doc.Outline(d)
	if !strings.Contains(out, `p(note) "[c]: withheld so that no one can be identified: a count from 1 to 2`) {
		t.Errorf("no suppression note after the table:\n%s", out)
	}
}

func TestMetricsTableErrors(t *testing.T) {
	fig := boundFigures(t)
	tests := []struct {
		block string
		figs  *metrics.Figures
		want  string
	}{
		{"      - metrics_table: {kind: by-servce}\n", fig,
			`report.yaml:12:31: sections[0].blocks[0].metrics_table.kind: table: unknown kind "by-servce"; did you mean by-service? (kinds: ombudsman-enquiries, year-by-stage, by-service, comparators, letter, housing-ombudsman, requests)`},
		{"      - metrics_table: {kind: year-by-stage, years: [\"2017/18\"]}\n", fig,
			`report.yaml:12:54: sections[0].blocks[0].metrics_table.years[0]: year-by-stage table: the case log has no figures for 2017/18 (it covers 2019/20, 2020/21)`},
		{"      - metrics_table: {kind: by-service, stage: stage3}\n", fig,
			`sections[0].blocks[0].metrics_table.stage: by-service table: unknown stage "stage3"; did you mean stage1? (use stage1, stage2, ombudsman)`},
		{"      - metrics_table: {kind: comparators, year: \"2019/20\"}\n", fig,
			`report.yaml:12:24: sections[0].blocks[0].metrics_table: comparators table: the Ombudsman's figures for 2019/20 list no comparator councils`},
		{"      - metrics_table: {kind: year-by-stage}\n", nil,
			`report.yaml:12:24: sections[0].blocks[0].metrics_table: year-by-stage table: needs the case log: add data: {complaints: complaints.csv}`},
		{"      - metrics_table: {kind: letter}\n", &metrics.Figures{Complaints: fig.Complaints},
			`letter table: needs the Ombudsman's figures: add data: {ombudsman: ombudsman.yaml}`},
		{"      - metrics_table: {kind: letter, suppress_below: 5}\n", fig,
			`metrics_table.suppress_below: letter table: suppress_below does not apply to a letter table, which takes year`},
	}
	for _, tt := range tests {
		r := boundReport(t, tt.block)
		d, errs := Paper(Input{Report: r, Figures: tt.figs})
		if !strings.Contains(errs.Error(), tt.want) {
			t.Errorf("%s: errors\n%s\nlack %q", strings.TrimSpace(tt.block), errs.Error(), tt.want)
		}
		// The block is left out, and the rest of the paper still laid out.
		if d == nil || strings.Contains(doc.Outline(d), "table kind=0") {
			t.Errorf("%s: a table was laid out despite the error", strings.TrimSpace(tt.block))
		}
	}
}
