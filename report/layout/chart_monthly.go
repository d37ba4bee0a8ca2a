package layout

import (
	"fmt"
	"time"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/metrics"
)

// monthlyChart: cases per month of one or more financial years.
var monthlyChart = &chartKind{
	Kind: Kind{
		Name: "monthly",
		Doc:  "complaints received per month over one or more financial years, with the on-time rate",
		Options: []Option{
			{Key: "years", Type: OptionYears},
			{Key: "year", Type: OptionYear},
			{Key: "stage", Type: OptionChoice, Values: stageValues},
			{Key: "type", Type: OptionChoice, Values: chartTypeValues},
			{Key: "measure", Type: OptionChoice, Values: []string{"received", "closed"}},
			{Key: "rate", Type: OptionChoice, Values: []string{"on_time_rate", "none"}},
		},
	},
	bind: (*binder).monthly,
}

func (b *binder) monthly(c *definition.Chart, base chartBase) (charts.Chart, string) {
	if b.set("year") && b.set("years") {
		b.errorf("year", "give year or years, not both")
		return nil, ""
	}
	st := b.stage(c.Stage, 0)
	measure := chartOr(c.Measure, "received")
	rate := chartOr(c.Rate, "on_time_rate")
	ty, request := b.chartType(c, false, measure)
	var src yearSource
	var cs *metrics.Complaints
	var requests *metrics.Requests
	if request {
		if requests = b.requestFigures("type"); requests == nil {
			return nil, ""
		}
		src = requestsSource(requests)
	} else if cs = b.complaints(); cs != nil {
		src = caseLogSource(cs)
	}
	if !b.ok {
		return nil, ""
	}
	var years []string
	if b.set("year") {
		y, ok := b.year(c.Year, src)
		if !ok {
			return nil, ""
		}
		years = []string{y}
	} else {
		var ok bool
		if years, ok = b.years(c.Years, src, 1); !ok {
			return nil, ""
		}
	}
	for _, y := range years {
		if measure == "received" && !request && b.withheldTotal(y, metrics.Stages[st], "received", "measure") {
			return nil, ""
		}
	}
	noun, short, axis := chartStageWords(metrics.Stages[st])
	months := map[int]metrics.MonthStage{}
	first, last := 1<<30, -1
	if request {
		noun, short, axis = chartTypeWords(ty)
		months = requests.MonthCounts(ty)
		for k := range months {
			first, last = min(first, k), max(last, k)
		}
	}
	for _, m := range monthsOf(cs) {
		yy, mm, _ := m.Start.Date()
		k := yy*12 + int(mm) - 1
		months[k] = m.Stages[st]
		first, last = min(first, k), max(last, k)
	}
	ch := &charts.Columns{Title: base.title, Palette: base.palette, Typeface: base.typeface, Width: base.width, CategoryName: "Month", TableBelow: c.DataTable,
		Bars: charts.Series{Name: short + " " + chartMeasureWords[measure], Axis: axis, Format: charts.Count}}
	for _, y := range years {
		from, n := periodMonths(y)
		ch.Groups = append(ch.Groups, charts.Group{Label: y, From: len(ch.Labels), To: len(ch.Labels) + n})
		for i := 0; i < n; i++ {
			k := from + i // the period's first month onwards
			mo := time.Month(k%12 + 1)
			name := mo.String()
			ch.Labels = append(ch.Labels, name[:3])
			ch.Short = append(ch.Short, name[:1])
			ch.Long = append(ch.Long, fmt.Sprintf("%s %d", name, k/12))
			ms, in := months[k]
			if !in && (k < first || k > last) {
				ch.Bars.Values = append(ch.Bars.Values, charts.Undefined)
				ch.Line.Values = append(ch.Line.Values, charts.Undefined)
				continue
			}
			n := ms.Received
			if measure == "closed" {
				n = ms.Closed
			}
			ch.Bars.Values = append(ch.Bars.Values, charts.V(float64(n)))
			rv := charts.Undefined
			if ms.Closed > 0 {
				rv = charts.V(float64(ms.OnTime) / float64(ms.Closed))
			}
			ch.Line.Values = append(ch.Line.Values, rv)
		}
	}
	subject := noun + " " + chartMeasureWords[measure] + " per month"
	caption := chartCapitalise(subject)
	defined := false
	for _, v := range ch.Line.Values {
		defined = defined || v.OK
	}
	if rate != "none" && !defined {
		b.noLine(rate, chartYearSpan(years))
	}
	if rate == "none" || !defined {
		ch.Line = charts.Series{}
	} else {
		ch.Line.Name, ch.Line.Axis, ch.Line.Format, ch.LineWord = "Answered on time", "On time", charts.Percent, "on time"
		ch.Line.Precision = b.p.precision()
		caption += " and the share answered on time"
	}
	ch.Subject = subject
	return ch, caption + ", " + chartYearSpan(years)
}

// monthsOf is the complaints' months, none without them.
func monthsOf(cs *metrics.Complaints) []metrics.Month {
	if cs == nil {
		return nil
	}
	return cs.Months
}
