package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// heatLog writes a case log whose every count of 2024/25 is a number no
// other figure or word of the paper prints: Housing 111 to 122 a month,
// Waste 211 to 222, Planning 8 in April and 10 in May (small under
// suppress_below: 12) and none after. It returns the counts by service
// and month (0 is April), with the row totals at month 12.
func heatLog(t *testing.T, dir string) map[string][13]int {
	t.Helper()
	want := map[string][13]int{}
	var b strings.Builder
	b.WriteString("Reference,Stage,Service,Received\n")
	n := 0
	add := func(service string, month, count int) {
		c := want[service]
		c[month] += count
		c[12] += count
		want[service] = c
		first := time.Date(2024, time.April, 1, 0, 0, 0, 0, time.UTC).AddDate(0, month, 0)
		for i := 0; i < count; i++ {
			n++
			fmt.Fprintf(&b, "C%05d,1,%s,%s\n", n, service, first.AddDate(0, 0, i%28).Format("2006-01-02"))
		}
	}
	for m := 0; m < 12; m++ {
		add("Housing", m, 111+m)
		add("Waste", m, 211+m)
	}
	add("Planning", 0, 8)
	add("Planning", 1, 10)
	if err := os.WriteFile(filepath.Join(dir, "complaints.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return want
}

const heatReport = `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2025-09-22
title: Complaints by service and month
author: Tobias Wrenfield
purpose: To show where complaints arise.
recommendations: {items: [Note the report.]}
data: {complaints: complaints.csv}
sections:
  - heading: Where complaints arise
    blocks:
      - chart: {kind: heatmap, year: 2024/25, suppress_below: 12, data_table: true}
`

var textNode = regexp.MustCompile(`>([^<]+)<`)
var number = regexp.MustCompile(`[0-9][0-9,]*`)

// tokens is every number printed in text, thousands separators dropped.
func tokens(s string) map[string]bool {
	out := map[string]bool{}
	for _, m := range number.FindAllString(s, -1) {
		out[strings.ReplaceAll(m, ",", "")] = true
	}
	return out
}

// TestHeatmapPrintsCellsAndHidesWithheldOnes builds a suppressed heat
// map to PDF and HTML: the PDF's text (pdftotext) holds every cell the
// chart shows, and no withheld count appears anywhere a reader could
// find it: the PDF's text, the web page's text (the SVG's labels, its
// description, the data table), the alternative text.
func TestHeatmapPrintsCellsAndHidesWithheldOnes(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	dir := t.TempDir()
	want := heatLog(t, dir)
	def := filepath.Join(dir, "report.yaml")
	if err := os.WriteFile(def, []byte(heatReport), 0o644); err != nil {
		t.Fatal(err)
	}
	fig := heatmapIn(t, def)
	h := fig.Graphic.(*charts.Heatmap)
	buildTo(t, def, dir, Options{Formats: []string{"pdf", "html"}})
	pdf := strings.Join(tooltest.PDFPages(t, filepath.Join(dir, "report.pdf")), " ")
	page, err := os.ReadFile(filepath.Join(dir, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	var web strings.Builder
	body := string(page)
	body = body[strings.Index(body, "</style>"):]
	for _, m := range textNode.FindAllStringSubmatch(body, -1) {
		web.WriteString(m[1] + " ")
	}
	places := map[string]map[string]bool{"the PDF's text": tokens(pdf), "the web page's text": tokens(web.String()), "the alternative text": tokens(fig.Alt)}
	var table strings.Builder
	for _, r := range fig.Data.Rows {
		for _, c := range r {
			table.WriteString(doc.Text(c.Content) + " ")
		}
	}
	places["the data table"] = tokens(table.String())

	hidden := 0
	for i, name := range h.Rows {
		for m := 0; m <= 12; m++ {
			c := h.RowTotals[i]
			if m < 12 {
				c = h.Cells[i][m]
			}
			v := fmt.Sprint(want[name][m])
			if !c.Hidden {
				if !places["the PDF's text"][v] {
					t.Errorf("%s, month %d: %s is shown but not in the PDF's text", name, m, v)
				}
				continue
			}
			hidden++
			for where, ts := range places {
				if ts[v] {
					t.Errorf("%s, month %d: the withheld count %s is in %s", name, m, v, where)
				}
			}
		}
	}
	for i, name := range h.Rows {
		if name == "Planning" && !(h.Cells[i][0].Hidden && h.Cells[i][1].Hidden) {
			t.Errorf("Planning's small counts are not withheld")
		}
	}
	if hidden < 4 {
		t.Errorf("%d cells withheld; two small counts in a grid with its totals published need at least four", hidden)
	}
	if !strings.Contains(web.String(), "[c]") || !strings.Contains(pdf, "[c]") {
		t.Error("the withheld cells are not marked [c]")
	}
}

// TestHeatmapByCategory lays out a heat map by the case log's Category
// column: categories most complaints first, those with none last as
// "Not recorded", each cell the count of its service and category; and
// without the column, an error at by.
func TestHeatmapByCategory(t *testing.T) {
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("Reference,Stage,Service,Received,Category\n")
	n := 0
	add := func(service, category string, count int) {
		for i := 0; i < count; i++ {
			n++
			fmt.Fprintf(&b, "C%d,1,%s,2024-%02d-10,%s\n", n, service, 4+i%9, category)
		}
	}
	add("Housing", "Repairs", 40)
	add("Housing", "Antisocial behaviour", 12)
	add("Housing", "", 6)
	add("Planning", "Repairs", 7)
	add("Planning", "Enforcement", 15)
	if err := os.WriteFile(filepath.Join(dir, "complaints.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	def := filepath.Join(dir, "report.yaml")
	src := strings.Replace(heatReport, "{kind: heatmap, year: 2024/25, suppress_below: 12, data_table: true}", "{kind: heatmap, year: 2024/25, by: category}", 1)
	if err := os.WriteFile(def, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	h := heatmapIn(t, def).Graphic.(*charts.Heatmap)
	if got := strings.Join(h.Cols, "|"); got != "Repairs|Enforcement|Antisocial behaviour|Not recorded" {
		t.Errorf("columns %s", got)
	}
	want := map[string][]float64{"Housing": {40, 0, 12, 6}, "Planning": {7, 15, 0, 0}}
	for i, name := range h.Rows {
		for j, c := range h.Cells[i] {
			if c.Value.V != want[name][j] {
				t.Errorf("%s, %s: %v, want %v", name, h.Cols[j], c.Value.V, want[name][j])
			}
		}
	}
	if !strings.Contains(h.Alt(), "by service and category, 2024/25") || !strings.Contains(h.Alt(), "The busiest category was Repairs (47 received).") {
		t.Errorf("alt text %q", h.Alt())
	}

	plain := "Reference,Stage,Service,Received\nC1,1,Housing,2024-04-10\n"
	if err := os.WriteFile(filepath.Join(dir, "complaints.csv"), []byte(plain), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs := Prepare(def, Options{})
	if !errs.HasErrors() || !strings.Contains(errs.Error(), "report.yaml:12:51: sections[0].blocks[0].chart.by: heatmap chart: the case log has no Category column") {
		t.Errorf("without a Category column: %v", errs)
	}
}

// heatmapIn prepares the paper at def and returns its one figure.
func heatmapIn(t *testing.T, def string) *doc.Figure {
	t.Helper()
	p, errs := Prepare(def, Options{})
	if p == nil || errs.HasErrors() {
		t.Fatal(errs)
	}
	var fig *doc.Figure
	doc.Walk(p.Doc.Blocks, func(b doc.Block) bool {
		if f, ok := b.(*doc.Figure); ok {
			fig = f
		}
		return true
	})
	if fig == nil {
		t.Fatal("no figure")
	}
	return fig
}
