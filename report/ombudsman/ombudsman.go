// Package ombudsman reads the figures of the Local Government and Social
// Care Ombudsman's annual review letters, ombudsman.yaml, checks that they
// are consistent and derives the rates committees are shown: upheld rate,
// compliance with recommendations, satisfactory remedy by the council,
// upheld decisions per 100,000 residents, the council's rank among its
// comparators and the change on the previous year.
//
// The file gives, per financial year, what the letter and the Ombudsman's
// published data say:
//
//	council: Kingsbridge City Council
//	population: 264700
//	years:
//	  "2020/21":
//	    received: 55                 # complaints and enquiries received
//	    decided: 52                  # decisions made
//	    investigations: 30           # detailed investigations
//	    upheld: 25
//	    remedied: 1                  # upheld, already remedied by the council
//	    recommendations_due: 20
//	    recommendations_complied: 19
//	    average: {upheld_rate: 0.67, compliance_rate: 0.996, remedy_rate: 0.12}
//	    decisions: {upheld: 25, not_upheld: 5, advice_given: 1, ...}
//	    services: {housing: 14, adult_care_services: 9, ...}
//	    comparators:
//	      - {name: Eastmoor City Council, population: 213400, investigations: 27, upheld: 20}
//
// (examples/lgsco-annual-review/ombudsman.yaml is a complete file.) Rates
// are fractions (0.95, not 95). Inconsistent figures are errors at their
// file:line:col: more upheld than investigated, more investigations than
// decisions, more remedied than upheld, more recommendations complied with
// than due, decision categories that do not add up to decided, upheld and
// not upheld decisions that do not add up to the investigations, unknown
// categories, negative counts and rates outside 0 to 1. They are found
// in one run with the unknown keys and mistyped values, which are left
// out of the comparisons.
package ombudsman

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
	"gopkg.in/yaml.v3"
)

// File is ombudsman.yaml as written.
type File struct {
	Council string `yaml:"council,required"`
	// Population is the council's resident population, for rates per
	// 100,000 residents; zero leaves those rates undefined.
	Population int `yaml:"population"`
	// AuthorityType names the group of similar authorities whose average
	// the letter quotes (county, district, metropolitan borough, unitary,
	// London borough); it is printed beside the averages.
	AuthorityType string           `yaml:"authority_type"`
	Years         map[string]*Year `yaml:"years,required"`
}

// Year is one annual letter's figures. Counts that a letter does not give
// may be left out (nil); the rates built on them are then undefined.
type Year struct {
	Received                *int `yaml:"received"`
	Decided                 *int `yaml:"decided"`
	Investigations          *int `yaml:"investigations"`
	Upheld                  *int `yaml:"upheld"`
	Remedied                *int `yaml:"remedied"`
	RecommendationsDue      *int `yaml:"recommendations_due"`
	RecommendationsComplied *int `yaml:"recommendations_complied"`
	// DealtWith and Investigated are the newer letters' names for
	// decided ("complaints dealt with", or "complaints and enquiries
	// decided") and investigations; either name may be used, and both
	// only with the same figure.
	DealtWith    *int `yaml:"dealt_with"`
	Investigated *int `yaml:"investigated"`
	// Average holds the similar-authority averages of the rates.
	Average Average `yaml:"average"`
	// Decisions counts decisions by category, keyed as in Categories.
	Decisions map[string]int `yaml:"decisions"`
	// Services counts complaints and enquiries by service area, keyed as
	// in ServiceAreas.
	Services    map[string]int `yaml:"services"`
	Comparators []Comparator   `yaml:"comparators"`
}

// Average is the similar-authority average of each rate, as fractions.
type Average struct {
	UpheldRate     *float64 `yaml:"upheld_rate"`
	ComplianceRate *float64 `yaml:"compliance_rate"`
	RemedyRate     *float64 `yaml:"remedy_rate"`
}

// Comparator is a neighbouring or similar council the committee compares
// itself with.
type Comparator struct {
	Name           string `yaml:"name,required"`
	Population     int    `yaml:"population"`
	Investigations int    `yaml:"investigations"`
	Upheld         int    `yaml:"upheld"`
}

// Categories are the Ombudsman's decision categories, keyed as in
// ombudsman.yaml, with the words the paper prints.
var Categories = []Label{
	{"advice_given", "Advice given"},
	{"closed_after_initial_enquiries", "Closed after initial enquiries"},
	{"incomplete_or_invalid", "Incomplete or invalid"},
	{"referred_back", "Referred back for local resolution"},
	{"not_upheld", "Not upheld"},
	{"upheld", "Upheld"},
}

// CurrentCategories are the newer letters' decision categories, accepted
// beside the older ones: "not for us" counts what referred_back,
// advice_given and incomplete_or_invalid count, and "assessed and
// closed" is closed_after_initial_enquiries renamed, so a year gives one
// or the other of each.
var CurrentCategories = []Label{
	{"not_for_us", "Not for us"},
	{"assessed_and_closed", "Assessed and closed"},
}

// notForUs are the older categories that "not for us" gathers.
var notForUs = []string{"referred_back", "advice_given", "incomplete_or_invalid"}

// ServiceAreas are the Ombudsman's service categories.
var ServiceAreas = []Label{
	{"adult_care_services", "Adult care services"},
	{"benefits_and_tax", "Benefits and tax"},
	{"corporate_and_other_services", "Corporate and other services"},
	{"education_and_childrens_services", "Education and children's services"},
	{"environmental_services", "Environmental services"},
	{"highways_and_transport", "Highways and transport"},
	{"housing", "Housing"},
	{"planning_and_development", "Planning and development"},
}

// Label pairs a key with the words printed for it.
type Label struct{ Key, Text string }

// LabelOf returns the printed words for key in labels, or key itself.
func LabelOf(labels []Label, key string) string {
	for _, l := range labels {
		if l.Key == key {
			return l.Text
		}
	}
	return key
}

// Load reads and checks ombudsman.yaml. The error, if any, is a diag.List
// of every problem found, and then the letter is nil.
func Load(path string) (*Letter, error) {
	src, err := diag.ReadFile(path, MaxFileSize, "an Ombudsman letter")
	if err != nil {
		return nil, diag.List{{File: path, Msg: diag.ReadError(err)}}
	}
	return Parse(path, src)
}

// MaxFileSize bounds ombudsman.yaml, as a report definition is bounded:
// a letter's figures are a few kilobytes, and a mistaken path must not be
// read into memory.
const MaxFileSize = 4 << 20

var fyRE = regexp.MustCompile(`^(\d{4})/(\d{2})$`)

// Parse decodes and checks ombudsman.yaml from src, naming it path in
// diagnostics.
func Parse(path string, src []byte) (*Letter, error) {
	var f File
	// Decoding goes on past a problem (an unknown key, a value of the
	// wrong type), so the consistency checks below run on what decoded
	// and every problem arrives in one run.
	pos, errs := yamlx.Decode(path, src, &f)
	decoded := slices.Clone(errs)
	// A problem with a value points at the value; a problem with a key
	// itself (a year label, an unknown category) or with a whole mapping
	// under it (decisions that do not add up) points at the key.
	keys := keyPositions(src)
	c := checker{
		value: func(at, format string, args ...any) {
			p := pos.At(at)
			errs.Errorf(path, p.Line, p.Col, at, format, args...)
		},
	}
	c.key = func(at, format string, args ...any) {
		if p, ok := keys[at]; ok {
			errs.Errorf(path, p.Line, p.Col, at, format, args...)
			return
		}
		c.value(at, format, args...)
	}
	if f.Population < 0 {
		c.value("population", "must not be negative, found %d", f.Population)
	}
	years := make([]string, 0, len(f.Years))
	for y := range f.Years {
		years = append(years, y)
	}
	sort.Strings(years)
	for _, y := range years {
		at := "years." + diag.Excerpt(y) // the key path as yamlx records it
		m := fyRE.FindStringSubmatch(y)
		if m == nil || !nextYear(m[1], m[2]) {
			c.key(at, "%s is not a financial year; write it like \"2020/21\"", diag.Quote(y))
			continue
		}
		if f.Years[y] == nil {
			c.key(at, "no figures given for %s", y)
			continue
		}
		yc := c
		// A figure the year misspelt or mistyped is missing, not absent:
		// do not also say that others are given without it.
		yc.partial = slices.ContainsFunc(decoded, func(d diag.Diagnostic) bool { return strings.HasPrefix(d.Field, at+".") })
		checkYear(forget(*f.Years[y], at, decoded), at, yc)
	}
	if errs.HasErrors() {
		// In the order of the file, which is how they will be read.
		slices.SortStableFunc(errs, func(a, b diag.Diagnostic) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
		return nil, errs
	}
	return derive(&f, years), nil
}

// checker reports problems at a value's position or at its key's.
type checker struct {
	value, key func(at, format string, args ...any)
	// partial says the year had problems decoding, so a figure left out
	// may be one written wrongly.
	partial bool
}

// keyPositions records where the keys of the years mapping and of the
// mappings inside it start, by key path ("years.2020/21",
// "years.2020/21.decisions.advise_given"), because yamlx records where
// values start. src has already decoded without error.
func keyPositions(src []byte) map[string]yamlx.Pos {
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil || doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 {
		return nil
	}
	out := map[string]yamlx.Pos{}
	var walk func(n *yaml.Node, path string, depth int)
	walk = func(n *yaml.Node, path string, depth int) {
		if n.Kind != yaml.MappingNode || depth == 0 {
			return
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k := n.Content[i]
			p := k.Value
			if path != "" {
				p = path + "." + k.Value
			}
			if path != "" || k.Value == "years" {
				out[p] = yamlx.Pos{Line: k.Line, Col: k.Column}
				walk(n.Content[i+1], p, depth-1)
			}
		}
	}
	// years -> year -> decisions -> category
	walk(doc.Content[0], "", 4)
	return out
}

// nextYear reports whether the two-digit end year follows the start year.
func nextYear(start, end string) bool {
	var s, e int
	fmt.Sscan(start, &s)
	fmt.Sscan(end, &e)
	return (s+1)%100 == e
}

// forget returns y without the figures that failed to decode (left as
// zero), so that they are not compared with the others.
func forget(y Year, at string, decoded diag.List) *Year {
	failed := func(key string) bool {
		return slices.ContainsFunc(decoded, func(d diag.Diagnostic) bool { return d.Field == at+"."+key })
	}
	for _, c := range []struct {
		key string
		v   **int
	}{
		{"received", &y.Received}, {"decided", &y.Decided}, {"investigations", &y.Investigations},
		{"upheld", &y.Upheld}, {"remedied", &y.Remedied},
		{"recommendations_due", &y.RecommendationsDue}, {"recommendations_complied", &y.RecommendationsComplied},
		{"dealt_with", &y.DealtWith}, {"investigated", &y.Investigated},
	} {
		if failed(c.key) {
			*c.v = nil
		}
	}
	for _, r := range []struct {
		key string
		v   **float64
	}{{"upheld_rate", &y.Average.UpheldRate}, {"compliance_rate", &y.Average.ComplianceRate}, {"remedy_rate", &y.Average.RemedyRate}} {
		if failed("average." + r.key) {
			*r.v = nil
		}
	}
	// A category that failed leaves the sums of the others meaningless.
	if slices.ContainsFunc(decoded, func(d diag.Diagnostic) bool { return strings.HasPrefix(d.Field, at+".decisions.") }) {
		y.Decisions = nil
	}
	return &y
}

// checkYear applies the consistency rules to one year's figures.
func checkYear(y *Year, at string, c checker) {
	errorf := c.value
	// The newer names: the same figure as the older, if both are given.
	for _, n := range []struct {
		key, old string
		v, ov    **int
	}{{"dealt_with", "decided", &y.DealtWith, &y.Decided}, {"investigated", "investigations", &y.Investigated, &y.Investigations}} {
		switch {
		case *n.v == nil:
		case *n.ov == nil:
			*n.ov = *n.v
		case **n.v != **n.ov:
			errorf(at+"."+n.key, "%d, but %s is %d: %s is the newer letters' name for %s, so give one of them", **n.v, n.old, **n.ov, n.key, n.old)
		}
	}
	if _, ok := y.Decisions["not_for_us"]; ok {
		for _, k := range notForUs {
			if _, old := y.Decisions[k]; old {
				c.key(at+".decisions.not_for_us", "counts the decisions %s counts (with %s): give not_for_us or the older categories, not both", k, strings.Join(notForUs, ", "))
				break
			}
		}
	}
	if _, ok := y.Decisions["assessed_and_closed"]; ok {
		if _, old := y.Decisions["closed_after_initial_enquiries"]; old {
			c.key(at+".decisions.assessed_and_closed", "is the newer letters' name for closed_after_initial_enquiries: give one of them")
		}
	}
	counts := []struct {
		key string
		v   *int
	}{
		{"received", y.Received}, {"decided", y.Decided}, {"investigations", y.Investigations},
		{"upheld", y.Upheld}, {"remedied", y.Remedied},
		{"recommendations_due", y.RecommendationsDue}, {"recommendations_complied", y.RecommendationsComplied},
	}
	for _, c := range counts {
		if c.v != nil && *c.v < 0 {
			errorf(at+"."+c.key, "must not be negative, found %d", *c.v)
		}
	}
	atMost := func(key string, v *int, limitKey string, limit *int, what string) {
		if v != nil && limit != nil && *v > *limit {
			errorf(at+"."+key, "%d %s is more than the %d %s", *v, what, *limit, strings.ReplaceAll(limitKey, "_", " "))
		}
	}
	atMost("upheld", y.Upheld, "investigations", y.Investigations, "upheld")
	atMost("investigations", y.Investigations, "decided", y.Decided, "investigations")
	atMost("remedied", y.Remedied, "upheld", y.Upheld, "remedied")
	atMost("recommendations_complied", y.RecommendationsComplied, "recommendations_due", y.RecommendationsDue, "complied with")
	if y.Upheld == nil && y.Remedied != nil && !c.partial {
		errorf(at+".remedied", "given without upheld: the remedy rate is remedied / upheld")
	}
	if y.RecommendationsDue == nil && y.RecommendationsComplied != nil && !c.partial {
		errorf(at+".recommendations_complied", "given without recommendations_due")
	}
	for _, r := range []struct {
		key string
		v   *float64
	}{{"upheld_rate", y.Average.UpheldRate}, {"compliance_rate", y.Average.ComplianceRate}, {"remedy_rate", y.Average.RemedyRate}} {
		if r.v != nil && (*r.v < 0 || *r.v > 1) {
			hint := ""
			if *r.v > 1 && *r.v <= 100 {
				hint = fmt.Sprintf("; write rates as fractions, %g for %g%%", *r.v/100, *r.v)
			}
			errorf(at+".average."+r.key, "%g is not a rate between 0 and 1%s", *r.v, hint)
		}
	}
	checkKeys(y.Decisions, append(slices.Clone(Categories), CurrentCategories...), at+".decisions", c)
	checkKeys(y.Services, ServiceAreas, at+".services", c)
	if n, ok := y.Decisions["upheld"]; ok && y.Upheld != nil && n != *y.Upheld {
		errorf(at+".decisions.upheld", "%d upheld decisions, but upheld is %d", n, *y.Upheld)
	}
	if len(y.Decisions) > 0 && y.Decided != nil {
		sum := 0
		for _, n := range y.Decisions {
			sum += n
		}
		if sum != *y.Decided {
			c.key(at+".decisions", "the categories add up to %d decisions, but decided is %d", sum, *y.Decided)
		}
	}
	// Every detailed investigation ends upheld or not upheld, so those
	// two categories must account for the investigations.
	if len(y.Decisions) > 0 && y.Investigations != nil {
		if n := y.Decisions["upheld"] + y.Decisions["not_upheld"]; n != *y.Investigations {
			c.key(at+".decisions", "%d upheld and not upheld decisions, but investigations is %d; every detailed investigation is decided upheld or not upheld", n, *y.Investigations)
		}
	}
	names := map[string]int{}
	for i, c := range y.Comparators {
		cat := fmt.Sprintf("%s.comparators[%d]", at, i)
		if prev, dup := names[c.Name]; dup {
			errorf(cat+".name", "%s already listed at comparators[%d]", c.Name, prev)
		}
		names[c.Name] = i
		if c.Population < 0 || c.Investigations < 0 || c.Upheld < 0 {
			errorf(cat, "figures must not be negative")
		}
		if c.Upheld > c.Investigations {
			errorf(cat+".upheld", "%d upheld is more than the %d investigations", c.Upheld, c.Investigations)
		}
	}
}

func checkKeys(m map[string]int, labels []Label, at string, c checker) {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	known := make([]string, len(labels))
	for i, l := range labels {
		known[i] = l.Key
	}
	for _, k := range keys {
		kat := at + "." + diag.Excerpt(k) // the key path as yamlx records it
		if m[k] < 0 {
			c.value(kat, "must not be negative, found %d", m[k])
		}
		if LabelOf(labels, k) != k {
			continue
		}
		msg := "unknown category"
		if s := yamlx.Suggest(k, known); s != "" {
			msg += "; did you mean " + s + "?"
		} else {
			msg += "; known: " + strings.Join(known, ", ")
		}
		c.key(kat, "%s", msg)
	}
}
