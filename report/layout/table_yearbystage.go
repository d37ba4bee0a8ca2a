package layout

import (
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
)

// yearByStageTable: each stage's figures, a column per year.
var yearByStageTable = &tableKind{
	Kind: Kind{
		Name:    "year-by-stage",
		Doc:     "each stage's received, on-time rate, mean working days, upheld rate and escalation rate, a column per year",
		Options: []Option{{Key: "years", Type: OptionYears}},
	},
	bind: (*binder).yearByStage,
}

// yearByStage: a section per stage, a column per year.
func (b *binder) yearByStage(t *definition.MetricsTable) (*doc.Table, string) {
	c := b.complaints()
	if c == nil {
		return nil, ""
	}
	years, ok := b.years(t.Years, caseLogSource(c), 3)
	if !ok {
		return nil, ""
	}
	out := &doc.Table{Kind: doc.Grid, Description: "Complaints by stage: received, answered on time, mean working days, upheld and escalated, for " + strings.Join(years, ", ")}
	out.Columns = append(out.Columns, doc.Column{Width: 3.2})
	header := []doc.Cell{text("")}
	for _, y := range years {
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right})
		header = append(header, bold(y))
	}
	out.Header = [][]doc.Cell{header}
	type measure struct {
		label string
		value func(s *metrics.Stage) string
	}
	for st := caselog.Stage1; st < caselog.NumStages; st++ {
		out.Rows = append(out.Rows, []doc.Cell{{Content: doc.Bold(stageNames[st]), Span: len(years) + 1}})
		ms := []measure{
			{"Received", func(s *metrics.Stage) string { return count(s.Received) }},
			{"Answered on time", func(s *metrics.Stage) string { return pct(s.OnTimeRate) }},
			{"Average working days to respond", func(s *metrics.Stage) string { return days(s.MeanWorkingDays) }},
			{"Upheld or partly upheld", func(s *metrics.Stage) string { return pct(s.UpheldRate) }},
		}
		switch st {
		case caselog.Stage2:
			ms = append(ms, measure{"Escalated from stage 1", func(s *metrics.Stage) string { return pct(s.EscalationRate) }})
		case caselog.Ombudsman:
			ms = append(ms, measure{"Escalated from stage 2", func(s *metrics.Stage) string { return pct(s.EscalationRate) }})
		}
		for _, m := range ms {
			row := []doc.Cell{text(m.label)}
			for _, y := range years {
				fy, _ := c.Lookup(y, "")
				row = append(row, num(m.value(fy.At(st))))
			}
			out.Rows = append(out.Rows, row)
		}
	}
	return out, ""
}
