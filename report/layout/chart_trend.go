package layout

import (
	"slices"
	"strings"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/metrics"
)

// trendChart: a measure per financial year as columns, with a rate as a
// line.
var trendChart = &chartKind{
	Kind: Kind{
		Name: "trend",
		Doc:  "a measure over financial years as columns, with a rate (on time by default) as a line on a 0-100% scale",
		Options: []Option{
			{Key: "years", Type: OptionYears},
			{Key: "stage", Type: OptionChoice, Values: stageValues},
			{Key: "type", Type: OptionChoice, Values: chartTypeValues},
			{Key: "measure", Type: OptionChoice, Values: slices.Concat(chartTrendMeasures, chartLetterMeasures, chartHousingMeasures)},
			{Key: "rate", Type: OptionChoice, Values: slices.Concat(chartRates[:len(chartRates)-1], chartLetterRates[:len(chartLetterRates)-1], chartHousingRates)},
		},
	},
	bind: (*binder).trend,
}

// chartTrendMeasures are the case-log figures a trend can draw as bars.
var chartTrendMeasures = []string{"received", "closed", "open", "on_time", "upheld", "partially_upheld", "not_upheld", "withdrawn", "mean_working_days"}

// chartLetterMeasures are the Ombudsman's letter figures a trend can draw
// as bars ("letter.decided").
var chartLetterMeasures = []string{"letter.received", "letter.decided", "letter.investigations", "letter.upheld", "letter.remedied", "letter.upheld_per_100k"}

// chartHousingMeasures are the Housing Ombudsman's figures a trend can
// draw as bars, over the years of housing-ombudsman.yaml.
var chartHousingMeasures = []string{"hos.determinations", "hos.determinations_with_finding", "hos.orders_made",
	"hos.determinations_per_1000_homes", "hos.per_1000_homes.stage1", "hos.per_1000_homes.stage2"}

// chartRates are the rates a trend can draw as its line, by source.
var (
	chartRates        = []string{"on_time_rate", "upheld_rate", "escalation_rate", "none"}
	chartLetterRates  = []string{"letter.upheld_rate", "letter.compliance_rate", "letter.remedy_rate", "none"}
	chartHousingRates = []string{"hos.maladministration_rate", "hos.compliance_rate", "none"}
)

func (b *binder) trend(c *definition.Chart, base chartBase) (charts.Chart, string) {
	measure := chartOr(c.Measure, "received")
	housing := strings.HasPrefix(measure, "hos.")
	letter := strings.HasPrefix(measure, "letter.") || housing // figures cited as they are named
	if letter && b.set("stage") {
		b.errorf("stage", "stage does not apply to the Ombudsman's %s", measure)
		return nil, ""
	}
	ty, request := b.chartType(c, letter, measure)
	if !b.ok {
		return nil, ""
	}
	stage := ""
	switch {
	case request:
		stage = ty.Key() // the metrics' prefix, as a stage's is
	case !letter:
		stage = metrics.Stages[b.stage(c.Stage, 0)]
	}
	rate := c.Rate
	if rate == "" {
		rate = "on_time_rate"
		switch {
		case housing:
			rate = "hos.maladministration_rate"
		case letter:
			rate = "letter.upheld_rate"
		}
	}
	rates, source := chartRates, "the case log's measure "+measure
	switch {
	case housing:
		rates, source = chartHousingRates, "the Housing Ombudsman's "+measure
	case letter:
		rates, source = chartLetterRates, "the Ombudsman letter's "+measure
	case request:
		rates, source = chartRequestRates, "the "+ty.String()+" figures"
	}
	if !slices.Contains(rates, rate) {
		b.errorf("rate", "%s cannot go with %s: use %s", rate, source, strings.Join(rates, ", "))
		return nil, ""
	}
	if rate == "escalation_rate" && stage == "stage1" {
		b.errorf("rate", "stage 1 has no escalation rate: escalation is measured into stage 2 and into the Ombudsman")
		return nil, ""
	}
	var src yearSource
	if housing {
		if b.p.in.Figures.Housing == nil {
			b.errorf("measure", "%s needs the Housing Ombudsman's figures: add data: {housing_ombudsman: housing-ombudsman.yaml}", measure)
			return nil, ""
		}
		src = housingSource(b.p.in.Figures.Housing, b.p.r.Data.HousingOmbudsman)
	} else if letter {
		if b.p.in.Figures.Letter == nil {
			b.errorf("measure", "%s needs the Ombudsman's figures: add data: {ombudsman: ombudsman.yaml}", measure)
			return nil, ""
		}
		src = letterSource(b.p.in.Figures.Letter, b.p.r.Data.Ombudsman)
	} else if request {
		r := b.requestFigures("type")
		if r == nil {
			return nil, ""
		}
		src = requestsSource(r)
	} else if cs := b.complaints(); cs != nil {
		src = caseLogSource(cs)
	} else {
		return nil, ""
	}
	years, ok := b.years(c.Years, src, 3)
	if !ok {
		return nil, ""
	}
	ch := &charts.Columns{Title: base.title, Labels: years, CategoryName: "Year", Palette: base.palette, Typeface: base.typeface, Width: base.width, TableBelow: c.DataTable}
	var subject string
	if letter {
		w := chartLetterWords[measure]
		ch.Bars = charts.Series{Name: w.legend, Axis: w.axis, Format: w.format}
		subject = w.subject
	} else {
		noun, short, axis := chartStageWords(stage)
		if request {
			noun, short, axis = chartTypeWords(ty)
		}
		switch measure {
		case "mean_working_days":
			ch.Bars = charts.Series{Name: "Mean working days to respond", Axis: "Working days", Format: charts.Decimal}
			subject = "mean working days to respond to " + noun
		default:
			ch.Bars = charts.Series{Name: short + " " + chartMeasureWords[measure], Axis: axis, Format: charts.Count}
			subject = noun
			if measure != "received" {
				subject += " " + chartMeasureWords[measure]
			}
		}
	}
	metric := func(m string) string {
		if letter {
			return m
		}
		return stage + "." + m
	}
	for _, y := range years {
		v, ok := b.value(metric(measure), y)
		if !ok || !letter && !request && b.withheldTotal(y, stage, measure, "measure") {
			return nil, ""
		}
		ch.Bars.Values = append(ch.Bars.Values, v)
	}
	caption := chartCapitalise(subject)
	if rate != "none" {
		w := chartRateWords[rate]
		ch.Line = charts.Series{Name: w[0], Format: charts.Percent, Precision: b.p.precision()}
		ch.LineWord = w[1]
		if ch.Bars.Axis != "" {
			ch.Line.Axis = chartCapitalise(w[1])
		}
		defined := false
		for _, y := range years {
			v, ok := b.value(metric(rate), y)
			if !ok || !letter && !request && b.withheldTotal(y, stage, rate, "rate") {
				return nil, ""
			}
			ch.Line.Values = append(ch.Line.Values, v)
			defined = defined || v.OK
		}
		if defined {
			caption += " and " + w[2]
		} else {
			b.noLine(rate, chartYearSpan(years))
			ch.Line, ch.LineWord = charts.Series{}, ""
		}
	}
	ch.Subject = subject
	caption += ", " + chartYearSpan(years)
	return ch, caption
}
