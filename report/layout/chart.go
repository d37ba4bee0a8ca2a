package layout

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/yamlx"
)

// ChartKinds lists the chart kinds a chart block can ask for, with what
// each draws.
var ChartKinds = map[string]string{
	"trend":      "a measure over financial years as columns, with a rate (on time by default) as a line on a 0-100% scale",
	"comparison": "the council against its comparator councils as horizontal bars, with the average marked (from ombudsman.yaml)",
	"by-service": "outcomes (upheld, partially upheld, not upheld) per service as stacked bars, small counts suppressed",
	"funnel":     "complaints at stage 1, stage 2 and the Ombudsman in a year, with the escalation rates",
	"monthly":    "complaints received per month over one or more financial years, with the on-time rate",
}

// chartOptions says which options apply to each kind; the others are an
// error when set, so a misplaced option never silently does nothing.
var chartOptions = map[string][]string{
	"trend":      {"years", "stage", "measure", "rate"},
	"comparison": {"year", "measure", "sort"},
	"by-service": {"year", "stage", "sort", "suppress_below", "group_below"},
	"funnel":     {"year"},
	"monthly":    {"years", "year", "stage", "measure", "rate"},
}

// chartTrendMeasures are the case-log figures a trend can draw as bars.
var chartTrendMeasures = []string{"received", "closed", "open", "on_time", "upheld", "partially_upheld", "not_upheld", "withdrawn", "mean_working_days"}

// chartLetterMeasures are the Ombudsman's letter figures a trend can draw
// as bars ("letter.decided").
var chartLetterMeasures = []string{"letter.received", "letter.decided", "letter.investigations", "letter.upheld", "letter.remedied", "letter.upheld_per_100k"}

// chartRates are the rates a trend can draw as its line, by source.
var (
	chartRates       = []string{"on_time_rate", "upheld_rate", "escalation_rate", "none"}
	chartLetterRates = []string{"letter.upheld_rate", "letter.compliance_rate", "letter.remedy_rate", "none"}
)

// chart lays out a chart block bound to the metrics as a numbered figure.
// Problems (an unknown kind, year or measure, an option that does not
// apply, no data) are recorded at their positions and nil is returned.
func (p *paper) chart(c *definition.Chart, path string) *doc.Figure {
	b := chartBinding{p: p, c: c, path: path}
	ch, caption := b.build()
	if ch == nil || b.failed {
		return nil
	}
	if err := ch.Check(); err != nil {
		b.errorf("", "%s", chartError(err))
		return nil
	}
	p.figures++
	label := fmt.Sprintf("Figure %d", p.figures)
	if c.Caption != "" {
		caption = c.Caption
	}
	f := &doc.Figure{Label: label, Caption: caption, Alt: ch.Alt(), Width: c.Width, Graphic: ch}
	if c.DataTable {
		t := ch.Table()
		t.Description = fmt.Sprintf("The figures shown in %s: %s", label, caption)
		f.Data = t
	}
	return f
}

func chartError(err error) string {
	if errors.Is(err, charts.ErrEmpty) {
		return "no chart: " + strings.TrimPrefix(err.Error(), charts.ErrEmpty.Error()+": ") + "; a chart needs data to show"
	}
	return err.Error()
}

// chartBinding binds one chart block to the figures.
type chartBinding struct {
	p      *paper
	c      *definition.Chart
	path   string
	failed bool
}

// errorf records a problem at the option key (or the block when key is
// empty), naming the block by its caption or kind.
func (b *chartBinding) errorf(key, format string, args ...any) {
	at := b.path
	if key != "" {
		at += "." + key
	}
	pos := b.p.r.Pos.At(at)
	b.p.errs.Errorf(b.p.r.File, pos.Line, pos.Col, at, "%s: %s", b.name(), fmt.Sprintf(format, args...))
	b.failed = true
}

// name names the block in messages: its kind and, when it has one, its
// caption or title.
func (b *chartBinding) name() string {
	n := "chart"
	if _, ok := ChartKinds[b.c.Kind]; ok {
		n = b.c.Kind + " chart"
	}
	if s := chartOr(b.c.Caption, b.c.Title); s != "" {
		if len(s) > 50 {
			s = s[:47] + "..."
		}
		n += fmt.Sprintf(" %q", s)
	}
	return n
}

func chartOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// noLine warns, when the block asked for a rate by name, that the rate
// has no figures to draw; the chart is drawn without its line.
func (b *chartBinding) noLine(rate, span string) {
	if !b.set("rate") {
		return
	}
	at := b.path + ".rate"
	pos := b.p.r.Pos.At(at)
	b.p.errs.Warnf(b.p.r.File, pos.Line, pos.Col, at, "%s: %s has no figures in %s, so the chart has no line", b.name(), rate, span)
}

func (b *chartBinding) set(key string) bool {
	_, ok := b.p.r.Pos[b.path+"."+key]
	return ok
}

func (b *chartBinding) build() (charts.Chart, string) {
	c := b.c
	if _, ok := ChartKinds[c.Kind]; !ok {
		kinds := slices.Sorted(chartKeys(ChartKinds))
		msg := fmt.Sprintf("unknown kind %s", diag.Quote(c.Kind))
		if s := yamlx.Suggest(c.Kind, kinds); s != "" {
			msg += "; did you mean " + s + "?"
		} else {
			msg += "; kinds are " + strings.Join(kinds, ", ")
		}
		b.errorf("kind", "%s", msg)
		return nil, ""
	}
	allowed := chartOptions[c.Kind]
	for _, key := range []string{"years", "year", "stage", "measure", "rate", "sort", "suppress_below", "group_below"} {
		if b.set(key) && !slices.Contains(allowed, key) {
			b.errorf(key, "%s does not apply to this kind of chart, which takes %s", key, strings.Join(allowed, ", "))
		}
	}
	if b.set("width") && c.Width != 0 {
		if tw := b.p.chartTextWidth(); c.Width < charts.MinWidth || c.Width > tw {
			b.errorf("width", "width is %g mm; give a printed width from %d to %.0f mm (the text width), or leave it out for the full width", c.Width, charts.MinWidth, tw)
		}
	}
	if c.SuppressBelow != 0 && c.SuppressBelow < 2 {
		b.errorf("suppress_below", "suppress_below must be 2 or more (5 hides counts from 1 to 4), found %d", c.SuppressBelow)
	}
	if c.GroupBelow < 0 {
		b.errorf("group_below", "must be a positive whole number, found %d", c.GroupBelow)
	}
	if b.failed {
		return nil, ""
	}
	if b.p.in.Figures == nil {
		b.errorf("", "the report has no data: add data: {complaints: complaints.csv, ombudsman: ombudsman.yaml}")
		return nil, ""
	}
	palette, err := charts.ParsePalette(b.p.chartStyle().Palette)
	if err != nil {
		b.errorf("", "house style: %v", err)
		return nil, ""
	}
	// The chart is designed at the width it prints at, so its text prints
	// at the intended size: the text width unless the block gives one.
	width := c.Width
	if width == 0 {
		width = b.p.chartTextWidth()
	}
	base := chartBase{title: c.Title, palette: palette, width: width}
	switch c.Kind {
	case "trend":
		return b.trend(base)
	case "comparison":
		return b.comparison(base)
	case "by-service":
		return b.byService(base)
	case "funnel":
		return b.funnel(base)
	case "monthly":
		return b.monthly(base)
	}
	return nil, ""
}

func chartKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

type chartBase struct {
	title   string
	palette charts.Palette
	width   float64
}

// style is the house style the paper is laid out in.
func (p *paper) chartStyle() doc.Style {
	if p.in.Style != nil {
		return *p.in.Style
	}
	return doc.DefaultStyle()
}

// textWidth is the width of an A4 page's text in millimetres.
func (p *paper) chartTextWidth() float64 {
	m := p.chartStyle().Margins
	return 210 - m[1] - m[3]
}

// complaints returns the case log's figures, recording an error when the
// report has none.
func (b *chartBinding) complaints() *metrics.Complaints {
	if b.p.in.Figures.Complaints == nil || len(b.p.in.Figures.Complaints.YearLabels()) == 0 {
		b.errorf("", "needs the case log: add data: {complaints: complaints.csv}")
		return nil
	}
	return b.p.in.Figures.Complaints
}

// resolveYear checks one year against the years available, resolving
// "latest" and "previous"; key is the option's key path for errors.
func (b *chartBinding) resolveYear(y, key string, have []string, source string) (string, bool) {
	latest := have[len(have)-1]
	switch y {
	case "", "latest":
		return latest, true
	case "previous":
		if len(have) < 2 {
			b.errorf(key, "%s has only one year, %s: there is no previous year", source, latest)
			return "", false
		}
		return have[len(have)-2], true
	}
	if slices.Contains(have, y) {
		return y, true
	}
	msg := fmt.Sprintf("%s has no year %s (it covers %s)", source, diag.Quote(y), strings.Join(have, ", "))
	if !fyRE.MatchString(y) {
		msg = fmt.Sprintf("%s is not a financial year like 2020/21, latest or previous", diag.Quote(y))
	}
	b.errorf(key, "%s", msg)
	return "", false
}

// years resolves the years option: empty means the last n in the data.
func (b *chartBinding) years(have []string, n int, source string) ([]string, bool) {
	if len(b.c.Years) == 0 {
		return have[max(0, len(have)-n):], true
	}
	var out []string
	ok := true
	for i, y := range b.c.Years {
		r, good := b.resolveYear(y, fmt.Sprintf("years[%d]", i), have, source)
		if !good {
			ok = false
			continue
		}
		if slices.Contains(out, r) {
			b.errorf(fmt.Sprintf("years[%d]", i), "%s is listed twice", r)
			ok = false
			continue
		}
		out = append(out, r)
	}
	if ok && !slices.IsSorted(out) {
		b.errorf("years", "list the years oldest first (%s)", strings.Join(slices.Sorted(slices.Values(out)), ", "))
		ok = false
	}
	return out, ok
}

// stage resolves the stage option (default stage 1).
func (b *chartBinding) stage() (string, bool) {
	s := b.c.Stage
	if s == "" {
		return "stage1", true
	}
	if slices.Contains(metrics.Stages, s) {
		return s, true
	}
	msg := fmt.Sprintf("unknown stage %s", diag.Quote(s))
	if m := yamlx.Suggest(s, metrics.Stages); m != "" {
		msg += "; did you mean " + m + "?"
	} else {
		msg += "; stages are " + strings.Join(metrics.Stages, ", ")
	}
	b.errorf("stage", "%s", msg)
	return "", false
}

// oneOf checks an option's value against the known values.
func (b *chartBinding) oneOf(key, v string, known []string) bool {
	if slices.Contains(known, v) {
		return true
	}
	msg := fmt.Sprintf("unknown %s %s", key, diag.Quote(v))
	if s := yamlx.Suggest(v, known); s != "" {
		msg += "; did you mean " + s + "?"
	} else {
		msg += "; use one of " + strings.Join(known, ", ")
	}
	b.errorf(key, "%s", msg)
	return false
}

func (b *chartBinding) sort() (charts.Sort, bool) {
	if b.c.Sort == "" {
		return charts.Descending, true
	}
	known := slices.Sorted(chartKeys(charts.Sorts))
	if !b.oneOf("sort", b.c.Sort, known) {
		return 0, false
	}
	return charts.Sorts[b.c.Sort], true
}

// chartStageWords names a stage's cases: the noun in a sentence, and the
// capitalised short noun for legends.
func chartStageWords(stage string) (noun, short, axis string) {
	switch stage {
	case "stage2":
		return "stage 2 complaints", "Complaints", "Complaints"
	case "ombudsman":
		return "Ombudsman enquiries", "Enquiries", "Enquiries"
	}
	return "stage 1 complaints", "Complaints", "Complaints"
}

// chartMeasureWords describes a case-log measure: the words after the noun.
var chartMeasureWords = map[string]string{
	"received": "received", "closed": "closed", "open": "still open", "on_time": "answered on time",
	"upheld": "upheld", "partially_upheld": "partially upheld", "not_upheld": "not upheld", "withdrawn": "withdrawn",
}

// chartLetterWords describes the letter's measures: legend, subject, format.
var chartLetterWords = map[string]struct {
	legend, subject, axis string
	format                charts.Format
}{
	"letter.received":        {"Complaints and enquiries received", "complaints and enquiries received by the Ombudsman", "Received", charts.Count},
	"letter.decided":         {"Decisions made", "decisions made by the Ombudsman", "Decisions", charts.Count},
	"letter.investigations":  {"Detailed investigations", "detailed investigations by the Ombudsman", "Investigations", charts.Count},
	"letter.upheld":          {"Investigations upheld", "investigations upheld by the Ombudsman", "Upheld", charts.Count},
	"letter.remedied":        {"Remedied before the Ombudsman", "upheld cases the council had already remedied", "Remedied", charts.Count},
	"letter.upheld_per_100k": {"Upheld per 100,000 residents", "investigations upheld per 100,000 residents", "Per 100,000", charts.Decimal},
}

// chartRateWords describes a rate drawn as a line: legend, the word after
// the first figure in the alternative text, and the caption's words.
var chartRateWords = map[string][3]string{
	"on_time_rate":           {"Answered on time", "on time", "the share answered on time"},
	"upheld_rate":            {"Upheld (fully or partly)", "upheld", "the share upheld"},
	"escalation_rate":        {"Share of the stage before", "escalated", "the share of the stage before"},
	"letter.upheld_rate":     {"Investigations upheld", "upheld", "the share of investigations upheld"},
	"letter.compliance_rate": {"Recommendations complied with", "complied with", "the share of recommendations complied with"},
	"letter.remedy_rate":     {"Remedied by the council", "remedied", "the share remedied by the council"},
}

func chartCapitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// value reads one figure, recording an error when the metric or year is
// unknown.
func (b *chartBinding) value(metric, year string) (charts.Value, bool) {
	v, ok, err := b.p.in.Figures.Value(metric, year, "")
	if err != nil {
		b.errorf("", "%v", err)
		return charts.Undefined, false
	}
	if !ok {
		return charts.Undefined, true
	}
	return charts.V(v), true
}

func (b *chartBinding) trend(base chartBase) (charts.Chart, string) {
	c := b.c
	measure := chartOr(c.Measure, "received")
	letter := strings.HasPrefix(measure, "letter.")
	if letter {
		if !b.oneOf("measure", measure, chartLetterMeasures) {
			return nil, ""
		}
		if b.set("stage") {
			b.errorf("stage", "stage does not apply to the Ombudsman letter's %s", measure)
			return nil, ""
		}
	} else if !b.oneOf("measure", measure, append(slices.Clone(chartTrendMeasures), chartLetterMeasures...)) {
		return nil, ""
	}
	stage := ""
	if !letter {
		var ok bool
		if stage, ok = b.stage(); !ok {
			return nil, ""
		}
	}
	rate := c.Rate
	if rate == "" {
		rate = "on_time_rate"
		if letter {
			rate = "letter.upheld_rate"
		}
	}
	rates := chartRates
	if letter {
		rates = chartLetterRates
	}
	if !b.oneOf("rate", rate, rates) {
		return nil, ""
	}
	if rate == "escalation_rate" && stage == "stage1" {
		b.errorf("rate", "stage 1 has no escalation rate: escalation is measured into stage 2 and into the Ombudsman")
		return nil, ""
	}
	var have []string
	source := "the case log"
	if letter {
		if b.p.in.Figures.Letter == nil {
			b.errorf("measure", "%s needs the Ombudsman's figures: add data: {ombudsman: ombudsman.yaml}", measure)
			return nil, ""
		}
		have, source = b.p.in.Figures.Letter.YearLabels(), "ombudsman.yaml"
	} else if cs := b.complaints(); cs != nil {
		have = cs.YearLabels()
	}
	if len(have) == 0 {
		return nil, ""
	}
	years, ok := b.years(have, 3, source)
	if !ok {
		return nil, ""
	}
	ch := &charts.Columns{Title: base.title, Labels: years, CategoryName: "Year", Palette: base.palette, Width: base.width, TableBelow: c.DataTable}
	var subject string
	if letter {
		w := chartLetterWords[measure]
		ch.Bars = charts.Series{Name: w.legend, Axis: w.axis, Format: w.format}
		subject = w.subject
	} else {
		noun, short, axis := chartStageWords(stage)
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
		if !ok || !letter && b.withheldTotal(y, stage, measure, "measure") {
			return nil, ""
		}
		ch.Bars.Values = append(ch.Bars.Values, v)
	}
	caption := chartCapitalise(subject)
	if rate != "none" {
		w := chartRateWords[rate]
		ch.Line = charts.Series{Name: w[0], Format: charts.Percent}
		ch.LineWord = w[1]
		if ch.Bars.Axis != "" {
			ch.Line.Axis = chartCapitalise(w[1])
		}
		defined := false
		for _, y := range years {
			v, ok := b.value(metric(rate), y)
			if !ok || !letter && b.withheldTotal(y, stage, rate, "rate") {
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

func chartLowerFirst(s string) string {
	if s == "" || (len(s) > 1 && strings.ToUpper(s[:2]) == s[:2]) {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func chartYearSpan(ys []string) string {
	if len(ys) == 1 {
		return ys[0]
	}
	return ys[0] + " to " + ys[len(ys)-1]
}

func (b *chartBinding) comparison(base chartBase) (charts.Chart, string) {
	c := b.c
	l := b.p.in.Figures.Letter
	if l == nil || len(l.YearLabels()) == 0 {
		b.errorf("", "needs the Ombudsman's figures with comparator councils: add data: {ombudsman: ombudsman.yaml}")
		return nil, ""
	}
	measure := chartOr(c.Measure, "upheld_rate")
	if !b.oneOf("measure", measure, []string{"upheld_rate", "upheld_per_100k"}) {
		return nil, ""
	}
	year, ok := b.resolveYear(c.Year, "year", l.YearLabels(), "ombudsman.yaml")
	if !ok {
		return nil, ""
	}
	order, ok := b.sort()
	if !ok {
		return nil, ""
	}
	rows := l.SortedComparators(year)
	if len(rows) < 2 {
		b.errorf("", "ombudsman.yaml gives no comparator councils for %s: add comparators to that year", year)
		return nil, ""
	}
	ch := &charts.Bars{Title: base.title, Palette: base.palette, Width: base.width, Sort: order,
		OwnName: l.Council, OthersName: "Comparator councils", CategoryName: "Council"}
	var caption string
	switch measure {
	case "upheld_rate":
		ch.Series = charts.Series{Name: "Investigations upheld", Axis: "Share of detailed investigations upheld", Format: charts.Percent}
		ch.Subject = "share of the Ombudsman's detailed investigations upheld, " + year
		caption = "Share of investigations upheld compared with similar councils, " + year
		if avg := l.Years[year].Average.UpheldRate; avg != nil {
			label := "Similar authorities' average"
			if t := l.AuthorityType; t != "" {
				label += " (" + t + ")"
			}
			ch.Reference = &charts.Reference{Label: label, Value: *avg}
		}
	case "upheld_per_100k":
		ch.Series = charts.Series{Name: "Upheld per 100,000 residents", Axis: "Investigations upheld per 100,000 residents", Format: charts.Decimal}
		ch.Subject = "investigations upheld by the Ombudsman per 100,000 residents, " + year
		caption = "Investigations upheld per 100,000 residents compared with similar councils, " + year
	}
	sum, n := 0.0, 0
	for _, r := range rows {
		v := charts.Ptr(r.UpheldRate)
		if measure == "upheld_per_100k" {
			v = charts.Ptr(r.UpheldPer100k)
		}
		if v.OK {
			sum += v.V
			n++
		}
		ch.Rows = append(ch.Rows, charts.Row{Label: r.Name, Value: v, Own: r.Own})
	}
	if ch.Reference == nil && n > 1 {
		ch.Reference = &charts.Reference{Label: "Average of the councils shown", Value: sum / float64(n)}
	}
	return ch, caption
}

func (b *chartBinding) byService(base chartBase) (charts.Chart, string) {
	c := b.c
	cs := b.complaints()
	if cs == nil {
		return nil, ""
	}
	stage, ok := b.stage()
	if !ok {
		return nil, ""
	}
	year, ok := b.resolveYear(c.Year, "year", cs.YearLabels(), "the case log")
	if !ok {
		return nil, ""
	}
	order, ok := b.sort()
	if !ok {
		return nil, ""
	}
	st, _ := metrics.StageOf(stage)
	noun, _, _ := chartStageWords(stage)
	ch := &charts.Stacked{Title: base.title, Palette: base.palette, Width: base.width, Sort: order,
		Parts: []string{"Upheld", "Partially upheld", "Not upheld"}, SuppressBelow: c.SuppressBelow,
		CategoryName: "Service", Axis: chartCapitalise(noun) + " with an outcome",
		Subject: strings.TrimSuffix(noun, "s") + " outcomes by service, " + year}
	// What the chart withholds is decided once for the paper, over
	// everything it publishes of this year and stage (see serviceGrid):
	// the chart withholds the cells its by-service table withholds, and
	// draws a row's total (and the grey segment of its withheld counts)
	// only where the pattern publishes that total.
	g := b.p.grid(year, st)
	if g == nil {
		return nil, ""
	}
	g.consistent(b.path, c.SuppressBelow, c.GroupBelow, b.errorf)
	if g.err != nil {
		b.errorf("suppress_below", "%v", g.err)
		return nil, ""
	}
	if g.p != nil {
		ch.Withheld = Withheld
	}
	for _, i := range g.displayOrder() {
		sv := g.rows[i]
		s := sv.s
		if s.Upheld+s.PartiallyUpheld+s.NotUpheld == 0 {
			continue
		}
		row := charts.StackRow{Label: sv.name, Counts: []int{s.Upheld, s.PartiallyUpheld, s.NotUpheld}}
		if g.p != nil {
			d := &charts.Disclosure{Hidden: make([]bool, 3), Small: make([]bool, 3)}
			for j := range 3 {
				d.Hidden[j] = g.hidden(i, colUpheld+j)
			}
			d.Total = !g.p.Hidden[g.bar[i]]
			d.HiddenSum = d.Total
			row.Disclosure = d
		}
		ch.Rows = append(ch.Rows, row)
	}
	if len(ch.Rows) == 0 {
		b.errorf("", "no chart: no %s received in %s has an outcome (upheld, partially upheld or not upheld); a chart needs data to show", noun, year)
		return nil, ""
	}
	return ch, chartCapitalise(ch.Subject)
}

func (b *chartBinding) funnel(base chartBase) (charts.Chart, string) {
	cs := b.complaints()
	if cs == nil {
		return nil, ""
	}
	year, ok := b.resolveYear(b.c.Year, "year", cs.YearLabels(), "the case log")
	if !ok {
		return nil, ""
	}
	for _, st := range metrics.Stages {
		if b.withheldTotal(year, st, "received", "") || st != "stage1" && b.withheldTotal(year, st, "escalation_rate", "") {
			return nil, ""
		}
	}
	y := cs.Years[year]
	ch := &charts.Funnel{Title: base.title, Palette: base.palette, Width: base.width,
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

func (b *chartBinding) monthly(base chartBase) (charts.Chart, string) {
	c := b.c
	cs := b.complaints()
	if cs == nil {
		return nil, ""
	}
	if b.set("year") && b.set("years") {
		b.errorf("year", "give year or years, not both")
		return nil, ""
	}
	stage, ok := b.stage()
	if !ok {
		return nil, ""
	}
	measure := chartOr(c.Measure, "received")
	if !b.oneOf("measure", measure, []string{"received", "closed"}) {
		return nil, ""
	}
	rate := chartOr(c.Rate, "on_time_rate")
	if !b.oneOf("rate", rate, []string{"on_time_rate", "none"}) {
		return nil, ""
	}
	have := cs.YearLabels()
	var years []string
	if b.set("year") {
		y, ok := b.resolveYear(c.Year, "year", have, "the case log")
		if !ok {
			return nil, ""
		}
		years = []string{y}
	} else if years, ok = b.years(have, 1, "the case log"); !ok {
		return nil, ""
	}
	for _, y := range years {
		if measure == "received" && b.withheldTotal(y, stage, "received", "measure") {
			return nil, ""
		}
	}
	st, _ := metrics.StageOf(stage)
	noun, short, axis := chartStageWords(stage)
	months := map[int]metrics.MonthStage{}
	first, last := 1<<30, -1
	for _, m := range cs.Months {
		yy, mm, _ := m.Start.Date()
		k := yy*12 + int(mm) - 1
		months[k] = m.Stages[st]
		first, last = min(first, k), max(last, k)
	}
	ch := &charts.Columns{Title: base.title, Palette: base.palette, Width: base.width, CategoryName: "Month", TableBelow: c.DataTable,
		Bars: charts.Series{Name: short + " " + chartMeasureWords[measure], Axis: axis, Format: charts.Count}}
	for _, y := range years {
		start, _ := strconv.Atoi(y[:4])
		ch.Groups = append(ch.Groups, charts.Group{Label: y, From: len(ch.Labels), To: len(ch.Labels) + 12})
		for i := 0; i < 12; i++ {
			k := start*12 + 3 + i // April of the start year onwards
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
		caption += " and the share answered on time"
	}
	ch.Subject = subject
	return ch, caption + ", " + chartYearSpan(years)
}
