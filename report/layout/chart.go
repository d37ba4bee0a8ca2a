package layout

import (
	"errors"
	"strings"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
)

// bindChart binds a chart block to the figures through its kind's
// registry entry: the options are checked, then resolved and the chart
// drawn, with its caption (generated unless the block gives one), its
// alternative text and, with data_table, its figures as a table. The
// figure is numbered when it is laid out. Problems (an unknown kind,
// year or measure, an option that does not apply, no data) are recorded
// at their positions and nil is returned.
func (p *paper) bindChart(c *definition.Chart, path string) *doc.Figure {
	k, b := p.chartBinder(c, path)
	if !b.ok {
		return nil
	}
	if p.in.Figures == nil {
		b.errorf("", "the report has no data: add data: {complaints: complaints.csv, ombudsman: ombudsman.yaml}")
		return nil
	}
	palette, err := charts.ParsePalette(p.chartStyle().Palette)
	if err != nil {
		b.errorf("", "house style: %v", err)
		return nil
	}
	var tf *canvas.Typeface
	if ff := p.chartStyle().BodyFont; ff != nil {
		// The chart's text is in the body font, as the paper's is.
		if tf, err = canvas.NewTypeface(ff.Name, ff.Regular, ff.Bold); err != nil {
			b.errorf("", "house style: %v", err)
			return nil
		}
	}
	// The chart is designed at the width it prints at, so its text prints
	// at the intended size: the text width unless the block gives one.
	width := c.Width
	if width == 0 {
		width = p.chartTextWidth()
	}
	ch, caption := k.bind(b, c, chartBase{title: c.Title, palette: palette, typeface: tf, width: width})
	if ch == nil || !b.ok {
		return nil
	}
	if err := ch.Check(); err != nil {
		b.errorf("", "%s", chartError(err))
		return nil
	}
	if c.Caption != "" {
		caption = c.Caption
	}
	f := &doc.Figure{Caption: caption, Alt: ch.Alt(), Width: c.Width, Graphic: ch, Picture: p.r.DOCXCharts == "picture"}
	t := ch.Table()
	b.undefined(t)
	if c.DataTable {
		f.Data = t
	} else {
		f.WebData = t
	}
	return f
}

// chartBinder finds a chart block's kind in the registry and checks the
// block's options against it, recording problems on the binder.
func (p *paper) chartBinder(c *definition.Chart, path string) (*chartKind, *binder) {
	k := findChart(c.Kind)
	kind := ""
	if k != nil {
		kind = c.Kind
	}
	b := p.newBinder(path, "chart", kind, chartOr(c.Caption, c.Title))
	if k == nil {
		b.unknownKind(c.Kind, kindNames(ChartKinds()))
		return nil, b
	}
	b.checkOptions(&k.Kind, ChartCommon, c)
	return k, b
}

func chartError(err error) string {
	if errors.Is(err, charts.ErrEmpty) {
		return "no chart: " + strings.TrimPrefix(err.Error(), charts.ErrEmpty.Error()+": ") + "; a chart needs data to show"
	}
	return err.Error()
}

func chartOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// noLine warns, when the block asked for a rate by name, that the rate
// has no figures to draw; the chart is drawn without its line.
func (b *binder) noLine(rate, span string) {
	if !b.set("rate") {
		return
	}
	b.warnf("rate", "%s has no figures in %s, so the chart has no line", rate, span)
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
	title    string
	palette  charts.Palette
	typeface *canvas.Typeface // the house style's body font; nil for Liberation Sans
	width    float64
}

// style is the house style the paper is laid out in.
func (p *paper) chartStyle() doc.Style { return paperStyle(p.in.Style) }

// textWidth is the width of an A4 page's text in millimetres.
func (p *paper) chartTextWidth() float64 {
	m := p.chartStyle().Margins
	return 210 - m[1] - m[3]
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

	"hos.determinations":                {"Determinations", "the Housing Ombudsman's determinations", "Determinations", charts.Count},
	"hos.determinations_with_finding":   {"Determinations with a finding", "the Housing Ombudsman's determinations with a finding", "Determinations", charts.Count},
	"hos.orders_made":                   {"Orders made", "orders made by the Housing Ombudsman", "Orders", charts.Count},
	"hos.determinations_per_1000_homes": {"Determinations per 1,000 homes", "the Housing Ombudsman's determinations per 1,000 homes", "Per 1,000 homes", charts.Decimal},
	"hos.per_1000_homes.stage1":         {"Stage 1 complaints per 1,000 homes", "stage 1 housing complaints per 1,000 homes", "Per 1,000 homes", charts.Decimal},
	"hos.per_1000_homes.stage2":         {"Stage 2 complaints per 1,000 homes", "stage 2 housing complaints per 1,000 homes", "Per 1,000 homes", charts.Decimal},
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

	"hos.maladministration_rate": {"Maladministration rate", "maladministration", "the maladministration rate"},
	"hos.compliance_rate":        {"Orders complied with on time", "complied with", "the share of orders complied with on time"},
}

func chartCapitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// value reads one figure, recording an error when the metric or year is
// unknown.
func (b *binder) value(metric, year string) (charts.Value, bool) {
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

func chartYearSpan(ys []string) string {
	if len(ys) == 1 {
		return ys[0]
	}
	return ys[0] + " to " + ys[len(ys)-1]
}
