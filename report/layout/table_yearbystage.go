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
		label, fig string
		value      func(s *metrics.Stage) string
	}
	for st := caselog.Stage1; st < caselog.NumStages; st++ {
		out.Rows = append(out.Rows, []doc.Cell{{Content: doc.Bold(stageNames[st]), Span: len(years) + 1}})
		ms := []measure{
			{"Received", "received", func(s *metrics.Stage) string { return count(s.Received) }},
			{"Answered on time", "on_time_rate", func(s *metrics.Stage) string { return b.p.pct(s.OnTimeRate) }},
			{"Average working days to respond", "", func(s *metrics.Stage) string { return days(s.MeanWorkingDays) }},
			{"Upheld or partly upheld", "upheld_rate", func(s *metrics.Stage) string { return b.p.pct(s.UpheldRate) }},
		}
		switch st {
		case caselog.Stage2:
			ms = append(ms, measure{"Escalated from stage 1", "escalation_rate", func(s *metrics.Stage) string { return b.p.pct(s.EscalationRate) }})
		case caselog.Ombudsman:
			ms = append(ms, measure{"Escalated from stage 2", "escalation_rate", func(s *metrics.Stage) string { return b.p.pct(s.EscalationRate) }})
		}
		for _, m := range ms {
			row := []doc.Cell{text(m.label)}
			for _, y := range years {
				fy, _ := c.Lookup(y, "")
				row = append(row, num(b.shown(y, st, m.fig, m.value(fy.At(st)))))
			}
			out.Rows = append(out.Rows, row)
		}
	}
	return out, b.note
}

// shown is text, the total fig of year and stage as a table prints it,
// or its mark when a by-service table or chart of the same year and
// stage withholds it (one decision per figure for the whole paper).
func (b *binder) shown(year string, st caselog.Stage, fig, text string) string {
	if fig == "" {
		return text
	}
	w, g := b.p.withheldElsewhere(year, st, fig)
	if !w {
		return text
	}
	mark := Withheld
	if strings.HasSuffix(fig, "_rate") {
		mark = rateMark
	}
	b.note = disclosureNote(g.below, true) + " As in " + g.where() + "."
	return mark
}
