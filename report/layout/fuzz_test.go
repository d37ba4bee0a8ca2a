package layout

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/definition"
)

// FuzzBoundBlocks feeds arbitrary chart and metrics_table blocks, and an
// arbitrary data.year, through validation and layout against the
// figures of boundFigures. Whatever the input, Validate returns problems
// rather than panicking; Layout finds no problem of its own; and a paper
// that validates lays out every table and chart it asks for.
//
//	go test ./report/layout -run '^$' -fuzz FuzzBoundBlocks -fuzztime 5m -parallel 1
func FuzzBoundBlocks(f *testing.F) {
	for _, seed := range []struct{ block, year string }{
		{`{kind: trend, years: ["2019/20", latest]}`, ""},
		{`{kind: trend, measure: letter.decided, rate: letter.upheld_rate}`, "previous"},
		{`{kind: monthly, years: [previous, latest]}`, "2020/21"},
		{`{kind: by-service, suppress_below: 3, group_below: 2}`, ""},
		{`{kind: comparison, measure: upheld_per_100k, sort: name}`, "latest"},
		{`{kind: funnel, year: previous}`, "2019/20"},
		{`{kind: funnel, year: "2020/21 Q1"}`, "2020-21"},
	} {
		f.Add("chart", seed.block, seed.year)
	}
	for _, seed := range []string{`{kind: letter}`, `{kind: comparators, year: latest}`, `{kind: year-by-stage, years: [latest, "2019/20"]}`,
		`{kind: ombudsman-enquiries, stage: stage2}`, `{kind: by-service, year: previous, suppress_below: 2}`} {
		f.Add("metrics_table", seed, "")
	}
	fig := boundFigures(f)
	f.Fuzz(func(t *testing.T, key, block, year string) {
		if key != "chart" && key != "metrics_table" {
			key = "chart"
		}
		if strings.ContainsAny(block, "\n\r") || strings.ContainsAny(year, "\n\r\"\\") {
			return
		}
		src := fmt.Sprintf(`council: C
committee: K
meeting_date: 2021-09-27
title: T
author: A
purpose: "{{ latest }}"
recommendations:
  items: [Note the report.]
data: {year: "%s"}
sections:
  - heading: Figures
    blocks:
      - %s: %s
      - %s: %s
`, year, key, block, key, block)
		r, errs := definition.Parse("report.yaml", []byte(src))
		if errs.HasErrors() || definition.Check(r, nil).HasErrors() {
			return
		}
		if _, err := ReportingYear(r.Data, fig); err != nil {
			return // the data stage refuses it
		}
		plan, errs := Validate(Input{Report: r, Figures: fig})
		n := len(plan.p.errs)
		plan.Layout()
		if len(plan.p.errs) != n {
			t.Fatalf("Layout found problems Validate did not: %v", plan.p.errs[n:])
		}
		if errs.HasErrors() {
			return
		}
		for _, k := range []string{"sections[0].blocks[0]", "sections[0].blocks[1]"} {
			if plan.p.boundFigures[k] == nil && len(plan.p.boundTables[k]) == 0 {
				t.Fatalf("%s validated without problems but was not laid out:\n%s", k, src)
			}
		}
	})
}
