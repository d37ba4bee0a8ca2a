package layout

import (
	"strings"
	"testing"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
)

// requestFigures: in 2019/20 20 FOI requests, 19 answered the next day
// (95%: good) and one a year on; in 2020/21 10 FOIs, 9 on time (90%:
// adequate), 2 SARs (one late), a member enquiry and a complaint.
func requestFigures(t *testing.T) *metrics.Figures {
	t.Helper()
	var b strings.Builder
	b.WriteString("Reference,Type,Stage,Service,Received,Responded\n")
	for i := range 20 {
		resp := "2019-06-04"
		if i == 19 {
			resp = "2020-06-03"
		}
		b.WriteString("F,FOI,,Legal,2019-06-03," + resp + "\n")
	}
	for i := range 10 {
		resp := "2020-06-02"
		if i == 9 {
			resp = "2020-09-01"
		}
		b.WriteString("G,FOI,,Legal,2020-06-01," + resp + "\n")
	}
	b.WriteString("S1,SAR,,Legal,2021-01-29,2021-03-01\nS2,SAR,,Legal,2021-01-31,2021-03-01\n")
	b.WriteString("M1,Member enquiry,,Housing,2020-07-01,2020-07-02\nC1,,1,Housing,2020-07-01,2020-07-02\n")
	log, err := caselog.ReadCSV("log.csv", []byte(b.String()), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{})}
}

func TestRequestsTable(t *testing.T) {
	r := boundReport(t, `
      - metrics_table: {kind: requests, caption: Information requests}
      - text: "FOI on time {{ metric \"foi.on_time_rate\" \"2020/21\" | percent }}, {{ metric \"foi.band\" \"2020/21\" }}; before {{ metric \"foi.band\" \"2019/20\" \"legal\" }}; EIR {{ metric \"eir.band\" \"2020/21\" }}."
`)
	d, errs := Paper(Input{Report: r, Figures: requestFigures(t)})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Msg, "prints n/a for 2 undefined figures") || !strings.Contains(errs[1].Msg, "metric eir.band for 2020/21 has no figure") {
		t.Errorf("warnings %v", errs)
	}
	got := strings.Join(tableRows(firstTable(t, d)), "\n")
	for _, w := range []string{
		"|2019/20|2020/21",
		"|Received|On time|ICO band|Received|On time|ICO band",
		"Freedom of Information requests|20|95%|Good|10|90%|Adequate",
		// S2: 31 January to 28 February 2021 (a Sunday), so 1 March: on
		// time; S1: due 1 March too (29 January + a month is a Monday).
		"Subject access requests|0|n/a||2|100%|",
		"Member enquiries|0|n/a||1|100%|",
	} {
		if !strings.Contains(got, w) {
			t.Errorf("no row %q in\n%s", w, got)
		}
	}
	if strings.Contains(got, "EIR") {
		t.Errorf("a type with no requests has a row:\n%s", got)
	}
	var text []string
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if p, ok := b.(*doc.Paragraph); ok {
			text = append(text, doc.Text(p.Content))
		}
		return true
	})
	all := strings.Join(text, "\n")
	if !strings.Contains(all, "FOI on time 90%, adequate; before good; EIR n/a.") {
		t.Errorf("text:\n%s", all)
	}
}

func TestRequestsTableWithoutTypes(t *testing.T) {
	r := boundReport(t, `
      - metrics_table: {kind: requests}
`)
	_, errs := Paper(Input{Report: r, Figures: boundFigures(t)})
	if !errs.HasErrors() || !strings.Contains(errs.Error(), "requests table: counts the case log's information requests and enquiries, and it has none: add a Type column") {
		t.Errorf("errors %v", errs)
	}
}

func TestRequestCharts(t *testing.T) {
	r := boundReport(t, `
      - chart: {kind: trend, type: foi}
      - chart: {kind: monthly, type: sar, year: "2020/21", rate: none}
`)
	d, errs := Paper(Input{Report: r, Figures: requestFigures(t)})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	var figs []*doc.Figure
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if f, ok := b.(*doc.Figure); ok {
			figs = append(figs, f)
		}
		return true
	})
	if len(figs) != 2 {
		t.Fatalf("%d figures", len(figs))
	}
	if want := "FOI requests and the share answered on time, 2019/20 to 2020/21"; figs[0].Caption != want {
		t.Errorf("caption %q, want %q", figs[0].Caption, want)
	}
	if want := "Bar chart: FOI requests 2019/20 20 (95% on time), 2020/21 10 (90%)."; figs[0].Alt != want {
		t.Errorf("alt %q, want %q", figs[0].Alt, want)
	}
	if want := "Subject access requests received per month, 2020/21"; figs[1].Caption != want {
		t.Errorf("caption %q, want %q", figs[1].Caption, want)
	}
	if !strings.Contains(figs[1].Alt, "January 2021 2") {
		t.Errorf("alt %q lacks the two SARs of January 2021", figs[1].Alt)
	}
	for _, tt := range []struct{ block, want string }{
		{"{kind: trend, type: foi, stage: stage2}", "trend chart: stage does not apply to FOI requests, which have no stages"},
		{"{kind: trend, type: sar, measure: upheld}", "trend chart: upheld cannot go with type sar: use received, closed, open, on_time, mean_working_days"},
		{"{kind: trend, type: foi, rate: upheld_rate}", "upheld_rate cannot go with the FOI figures: use on_time_rate, none"},
		{"{kind: monthly, type: fio}", `unknown type "fio"; did you mean foi?`},
	} {
		r := boundReport(t, "      - chart: "+tt.block+"\n")
		_, errs := Paper(Input{Report: r, Figures: requestFigures(t)})
		if !strings.Contains(errs.Error(), tt.want) {
			t.Errorf("%s: %v, want %s", tt.block, errs, tt.want)
		}
	}
	r = boundReport(t, "      - chart: {kind: trend, type: foi}\n")
	if _, errs := Paper(Input{Report: r, Figures: boundFigures(t)}); !strings.Contains(errs.Error(), "trend chart: counts the case log's information requests and enquiries, and it has none") {
		t.Errorf("without a Type column: %v", errs)
	}
}

// TestRequestsOnlyLog: a log of information requests alone has a
// reporting year, the requests', which latest means in text and blocks.
func TestRequestsOnlyLog(t *testing.T) {
	log, err := caselog.ReadCSV("foi.csv", []byte("Reference,Type,Service,Received,Responded\nF1,FOI,Legal,2024-05-01,2024-05-02\nF2,FOI,Legal,2025-05-01,2025-05-02\nF3,FOI,Legal,2025-05-01,\n"), caselog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r := boundReport(t, `
      - text: "{{ metric \"foi.received\" \"latest\" }} in {{ latest }}, {{ metric \"foi.received\" \"previous\" }} before."
      - metrics_table: {kind: requests}
      - chart: {kind: monthly, type: foi, rate: none}
`)
	d, errs := Paper(Input{Report: r, Figures: &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{})}})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	got := strings.Join(tableRows(firstTable(t, d)), "\n")
	if !strings.Contains(got, "Freedom of Information requests|1|100%|Good|2|100%|Good") {
		t.Errorf("table:\n%s", got)
	}
	var text []string
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if p, ok := b.(*doc.Paragraph); ok {
			text = append(text, doc.Text(p.Content))
		}
		return true
	})
	if !strings.Contains(strings.Join(text, "\n"), "2 in 2025/26, 1 before.") {
		t.Errorf("text %q", text)
	}
}
