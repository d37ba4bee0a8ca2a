package layout

import (
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/metrics"
)

// funnelChart: stage 1 to stage 2 to the Ombudsman in one year.
var funnelChart = &chartKind{
	Kind: Kind{
		Name:    "funnel",
		Doc:     "complaints at stage 1, stage 2 and the Ombudsman in a year, with the escalation rates",
		Options: []Option{{Key: "year", Type: OptionYear}},
	},
	bind: (*binder).funnel,
}

func (b *binder) funnel(c *definition.Chart, base chartBase) (charts.Chart, string) {
	cs := b.complaints()
	if cs == nil {
		return nil, ""
	}
	year, ok := b.year(c.Year, caseLogSource(cs))
	if !ok {
		return nil, ""
	}
	for _, st := range metrics.Stages {
		if b.withheldTotal(year, st, "received", "") || st != "stage1" && b.withheldTotal(year, st, "escalation_rate", "") {
			return nil, ""
		}
	}
	y, err := cs.Lookup(year, "")
	if err != nil {
		b.errorf("", "%v", err)
		return nil, ""
	}
	ch := &charts.Funnel{Title: base.title, Palette: base.palette, Typeface: base.typeface, Width: base.width, Precision: b.p.precision(),
		Subject: "complaints received in " + year, CategoryName: "Stage", CountName: "Received", RateName: "Escalation rate",
		Steps: []charts.Step{
			{Label: "Stage 1", Count: float64(y.Stage1.Received)},
			{Label: "Stage 2", Count: float64(y.Stage2.Received), Rate: charts.Ptr(y.Stage2.EscalationRate), Into: "stage 2"},
			{Label: "Ombudsman", Count: float64(y.Ombudsman.Received), Rate: charts.Ptr(y.Ombudsman.EscalationRate), Into: "the Ombudsman"},
		}}
	if y.Stage1.Received == 0 {
		b.errorf("", "no chart: no stage 1 complaints were received in %s, so there is nothing to escalate; a chart needs data to show", year)
		return nil, ""
	}
	return ch, "Complaints escalated from stage 1 to the Ombudsman, " + year
}
