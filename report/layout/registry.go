package layout

import (
	"fmt"
	"reflect"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/yamlx"
)

// The chart kinds and table kinds a block can ask for are each one entry
// of a registry (its name, what it shows, the options it takes with their
// types and allowed values, and its binder), defined in a file of its own
// (chart_trend.go, table_letter.go ...). Options are checked from the
// registry before anything is bound to the data: an option a kind does
// not take, a value not allowed, a year that is not one, a year listed
// twice. The binder then resolves the options against the figures.

// OptionType is what an option holds, which says how it is checked.
type OptionType int

const (
	// OptionYears is a list of financial years, "latest" or "previous"; none
	// repeated. They are shown oldest first, in whatever order listed.
	OptionYears OptionType = iota
	// OptionYear is one financial year, "latest" or "previous".
	OptionYear
	// OptionChoice is one of the option's Values.
	OptionChoice
	// OptionThreshold is a whole number of at least Min, or 0 for off.
	OptionThreshold
	// OptionWidth is a printed width in millimetres.
	OptionWidth
	// OptionFlag is true or false.
	OptionFlag
	// OptionText is one line of text.
	OptionText
)

// Option is one key a chart or table block takes.
type Option struct {
	Key  string
	Type OptionType
	// Values are the allowed values of a Choice.
	Values []string
	// Min is a Threshold's least value other than 0 (off).
	Min int
}

// Kind is one registry entry: a chart kind or a table kind.
type Kind struct {
	Name string
	// Doc says what the kind shows.
	Doc string
	// Options are the options the kind takes besides the common ones
	// every kind of its family takes (see ChartCommon, TableCommon).
	Options []Option
}

// option returns the kind's option key, if it takes it.
func (k *Kind) option(key string) (Option, bool) {
	for _, o := range k.Options {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

func (k *Kind) keys() []string {
	out := make([]string, len(k.Options))
	for i, o := range k.Options {
		out[i] = o.Key
	}
	return out
}

// chartKind is a chart kind and its binder, which resolves a checked
// block's options against the figures and draws the chart with its
// generated caption.
type chartKind struct {
	Kind
	bind func(b *binder, c *definition.Chart, base chartBase) (charts.Chart, string)
	// rows says the chart counts the case log's rows themselves
	// (metrics.Complaints.ServiceMonths), not only its figures.
	rows bool
}

// NeedsRows reports whether laying out r counts the case log's rows
// themselves, not only the figures computed from them: a heat map does.
// A paper without such a block can have its case log streamed
// (metrics.Stream), its rows counted as they are read and not kept.
func NeedsRows(r *definition.Report) bool {
	for _, s := range r.Sections {
		for _, b := range s.Blocks {
			if b.Chart != nil {
				if k := findChart(b.Chart.Kind); k != nil && k.rows {
					return true
				}
			}
		}
	}
	return false
}

// tableKind is a table kind and its binder, which lays out the table and
// the note under it (if any).
type tableKind struct {
	Kind
	bind func(b *binder, t *definition.MetricsTable) (*doc.Table, string)
}

// chartKinds and tableKinds are the registries, in the order the README
// lists them.
var (
	chartKinds = []*chartKind{trendChart, comparisonChart, byServiceChart, funnelChart, monthlyChart, heatmapChart}
	tableKinds = []*tableKind{enquiriesTable, yearByStageTable, byServiceTable, comparatorsTable, letterTable, housingOmbudsmanTable, requestsTable}
)

// ChartCommon and TableCommon are the options every chart or every table
// kind takes.
var (
	ChartCommon = []Option{{Key: "title", Type: OptionText}, {Key: "caption", Type: OptionText}, {Key: "data_table", Type: OptionFlag}, {Key: "width", Type: OptionWidth}}
	TableCommon = []Option{{Key: "caption", Type: OptionText}}
)

// ChartKinds lists the chart kinds, as the registry defines them.
func ChartKinds() []Kind {
	out := make([]Kind, len(chartKinds))
	for i, k := range chartKinds {
		out[i] = k.Kind
	}
	return out
}

// TableKinds lists the table kinds, as the registry defines them.
func TableKinds() []Kind {
	out := make([]Kind, len(tableKinds))
	for i, k := range tableKinds {
		out[i] = k.Kind
	}
	return out
}

func findChart(name string) *chartKind {
	for _, k := range chartKinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

func findTable(name string) *tableKind {
	for _, k := range tableKinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}

func kindNames(ks []Kind) []string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.Name
	}
	return out
}

// Option value lists shared by several kinds.
var (
	stageValues = metrics.Stages
	sortValues  = slices.Sorted(chartKeys(charts.Sorts))
)

// unknownKind records an unknown kind, listing the registry's kinds and
// the nearest one.
func (b *binder) unknownKind(kind string, known []string) {
	msg := fmt.Sprintf("unknown kind %s", diag.Quote(kind))
	if s := yamlx.Suggest(kind, known); s != "" {
		msg += "; did you mean " + s + "?"
	}
	b.errorf("kind", "%s (kinds: %s)", msg, strings.Join(known, ", "))
}

// checkOptions checks a block's options against its kind's entry: each
// option set must be one the kind (or every kind of its family) takes,
// and its value must be of the option's type. block is the decoded
// block (a *definition.Chart or *definition.MetricsTable), whose fields
// are found by their yaml keys.
func (b *binder) checkOptions(k *Kind, common []Option, block any) {
	v := reflect.ValueOf(block).Elem()
	for i := 0; i < v.NumField(); i++ {
		key, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
		if key == "" || key == "-" || key == "kind" || !b.set(key) {
			continue
		}
		o, ok := k.option(key)
		if !ok {
			if o, ok = findOption(common, key); !ok {
				msg := fmt.Sprintf("%s does not apply to %s, which takes %s", key, b.kindPhrase(k.Name), strings.Join(k.keys(), ", "))
				if s := yamlx.Suggest(key, k.keys()); s != "" {
					msg += "; did you mean " + s + "?"
				}
				b.errorf(key, "%s", msg)
				continue
			}
		}
		b.checkValue(o, v.Field(i))
	}
}

func findOption(os []Option, key string) (Option, bool) {
	for _, o := range os {
		if o.Key == key {
			return o, true
		}
	}
	return Option{}, false
}

// kindPhrase names a kind in a sentence: "a trend chart".
func (b *binder) kindPhrase(kind string) string {
	n := kind + " " + b.what
	if strings.ContainsRune("aeiou", rune(n[0])) {
		return "an " + n
	}
	return "a " + n
}

// checkValue checks one option's value against its type.
func (b *binder) checkValue(o Option, v reflect.Value) {
	switch o.Type {
	case OptionYears:
		ys := v.Interface().([]string)
		first := map[string]int{}
		for i, y := range ys {
			key := fmt.Sprintf("years[%d]", i)
			if !b.yearWord(key, y) {
				continue
			}
			if j, dup := first[y]; dup {
				b.errorf(key, "%s is listed twice (also at years[%d])", y, j)
				continue
			}
			first[y] = i
		}
	case OptionYear:
		b.yearWord(o.Key, v.String())
	case OptionChoice:
		b.oneOf(o.Key, v.String(), o.Values)
	case OptionThreshold:
		if n := int(v.Int()); n != 0 && n < o.Min {
			b.errorf(o.Key, "%s must be %d or more (or 0 for off), found %d", o.Key, o.Min, n)
		}
	case OptionWidth:
		if w := v.Float(); w != 0 {
			if tw := b.p.chartTextWidth(); w < charts.MinWidth || w > tw {
				b.errorf(o.Key, "width is %g mm; give a printed width from %d to %.0f mm (the text width), or leave it out for the full width", w, charts.MinWidth, tw)
			}
		}
	}
}

// yearWord checks that a year is written as a period, latest or
// previous.
func (b *binder) yearWord(key, y string) bool {
	if y == "latest" || y == "previous" {
		return true
	}
	if _, ok := periodKey(y); !ok {
		b.errorf(key, "%v; or latest or previous", metrics.NotAPeriod(y))
		return false
	}
	return true
}
