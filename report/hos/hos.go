// Package hos reads the Housing Ombudsman's figures for a council with
// housing stock, housing-ombudsman.yaml, checks that they are consistent
// and derives the rates an annual complaints report shows: the
// maladministration rate, the rate of compliance with orders, and
// determinations per 1,000 homes, beside the average for landlords of the
// same type and comparator landlords.
//
//	landlord: Kingsbridge City Council    # required: marks the file
//	landlord_type: local authorities and ALMOs
//	housing_services: [Housing Repairs, Housing Management]
//	years:
//	  "2024/25":
//	    homes: 14250
//	    determinations: {severe_maladministration: 1, maladministration: 9, ...}
//	    orders_made: 41
//	    orders_complied_on_time: 37
//	    compensation_ordered: 12345.67
//	    categories: {repairs: 14, antisocial_behaviour: 4, ...}
//	    landlord_type_average: {maladministration_rate: 0.71, compliance_rate: 0.88,
//	                            determinations_per_1000_homes: 0.9}
//	    comparators:
//	      - {name: Eastmoor City Council, homes: 12100, determinations: {...},
//	         orders_made: 20, orders_complied_on_time: 19}
//
// The maladministration rate is (severe_maladministration +
// maladministration + partial_maladministration) / determinations with a
// finding, which are all determinations except outside_jurisdiction and
// withdrawn. Inconsistent figures are errors at file:line:col: negative
// counts, unknown findings and keys, categories that do not add up to the
// determinations, more orders complied with than made, compensation that
// is not an amount of pounds and pence, rates outside 0 to 1.
package hos

import (
	"cmp"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
)

// File is housing-ombudsman.yaml as written.
type File struct {
	// Landlord names the council as the Ombudsman's reports do; the key
	// tells the file apart from the LGSCO's ombudsman.yaml.
	Landlord string `yaml:"landlord,required"`
	// LandlordType names the group whose averages are quoted ("local
	// authorities and ALMOs").
	LandlordType string `yaml:"landlord_type"`
	// HousingServices are the case log's services that are the landlord's
	// (its housing services), whose complaints are counted per 1,000
	// homes; empty means every service.
	HousingServices []yamlx.Text     `yaml:"housing_services"`
	Years           map[string]*Year `yaml:"years,required"`
}

// Year is one year's figures. Counts left out are unknown, and the rates
// built on them undefined.
type Year struct {
	Homes *int `yaml:"homes"`
	// Determinations counts determinations by finding, keyed as Findings.
	Determinations map[string]int `yaml:"determinations"`
	OrdersMade     *int           `yaml:"orders_made"`
	// OrdersComplied counts the orders complied with on time.
	OrdersComplied *int `yaml:"orders_complied_on_time"`
	// Compensation is the compensation ordered, in pounds: 12345.67,
	// "£12,345.67".
	Compensation string `yaml:"compensation_ordered"`
	// Categories counts determinations by what they were about, keyed as
	// Categories or an author's own.
	Categories  map[string]int `yaml:"categories"`
	Average     Average        `yaml:"landlord_type_average"`
	Comparators []Comparator   `yaml:"comparators"`
}

// Average holds the figures for landlords of the same type.
type Average struct {
	MaladministrationRate      *float64 `yaml:"maladministration_rate"`
	ComplianceRate             *float64 `yaml:"compliance_rate"`
	DeterminationsPer1000Homes *float64 `yaml:"determinations_per_1000_homes"`
}

// Comparator is another landlord the report compares the council with.
type Comparator struct {
	Name           string         `yaml:"name,required"`
	Homes          *int           `yaml:"homes"`
	Determinations map[string]int `yaml:"determinations"`
	OrdersMade     *int           `yaml:"orders_made"`
	OrdersComplied *int           `yaml:"orders_complied_on_time"`
}

// Label pairs a key with the words printed for it.
type Label struct{ Key, Text string }

// Findings are the Housing Ombudsman's determinations, most serious
// first. The first three count as maladministration in the rate.
var Findings = []Label{
	{"severe_maladministration", "Severe maladministration"},
	{"maladministration", "Maladministration"},
	{"partial_maladministration", "Partial maladministration"},
	{"service_failure", "Service failure"},
	{"reasonable_redress", "Reasonable redress"},
	{"no_maladministration", "No maladministration"},
	{"outside_jurisdiction", "Outside jurisdiction"},
	{"withdrawn", "Withdrawn"},
}

// Categories are the default categories of what determinations were
// about; a file may add its own.
var Categories = []Label{
	{"repairs", "Repairs"},
	{"property_condition", "Property condition"},
	{"damp_and_mould", "Damp and mould"},
	{"antisocial_behaviour", "Antisocial behaviour"},
	{"complaint_handling", "Complaint handling"},
	{"health_and_safety", "Health and safety"},
	{"estate_management", "Estate management"},
	{"tenancy_management", "Tenancy management"},
	{"charges", "Charges"},
	{"moving_to_a_property", "Moving to a property"},
	{"staff", "Staff"},
	{"other", "Other"},
}

// LabelOf returns the words printed for key: its label, or the key with
// its underscores as spaces and a capital first letter.
func LabelOf(labels []Label, key string) string {
	for _, l := range labels {
		if l.Key == key {
			return l.Text
		}
	}
	s := strings.ReplaceAll(key, "_", " ")
	if s != "" {
		s = strings.ToUpper(s[:1]) + s[1:]
	}
	return s
}

func keys(labels []Label) []string {
	out := make([]string, len(labels))
	for i, l := range labels {
		out[i] = l.Key
	}
	return out
}

// MaxFileSize bounds housing-ombudsman.yaml, as ombudsman.yaml is bounded.
const MaxFileSize = 4 << 20

// Load reads and checks housing-ombudsman.yaml; the error, if any, is a
// diag.List of every problem found.
func Load(path string) (*Figures, error) {
	src, err := diag.ReadFile(path, MaxFileSize, "a Housing Ombudsman file")
	if err != nil {
		return nil, diag.List{{File: path, Msg: diag.ReadError(err)}}
	}
	return Parse(path, src)
}

var fyRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^(\d{4})/(\d{2})$`) })

// Parse decodes and checks housing-ombudsman.yaml from src, naming it
// path in diagnostics.
func Parse(path string, src []byte) (*Figures, error) {
	var f File
	pos, errs := yamlx.Decode(path, src, &f)
	decoded := slices.Clone(errs)
	at := func(key, format string, args ...any) {
		p := pos.At(key)
		errs.Errorf(path, p.Line, p.Col, key, format, args...)
	}
	failed := func(prefix string) bool {
		return slices.ContainsFunc(decoded, func(d diag.Diagnostic) bool { return d.Field == prefix || strings.HasPrefix(d.Field, prefix+".") })
	}
	years := slices.Sorted(func(yield func(string) bool) {
		for y := range f.Years {
			if !yield(y) {
				return
			}
		}
	})
	money := map[string]int64{}
	for _, y := range years {
		yat := "years." + diag.Excerpt(y)
		if m := fyRE().FindStringSubmatch(y); m == nil || !nextYear(m[1], m[2]) {
			at(yat, "%s is not a financial year; write it like \"2024/25\"", diag.Quote(y))
			continue
		}
		fy := f.Years[y]
		if fy == nil {
			at(yat, "no figures given for %s", y)
			continue
		}
		pence, ok := checkYear(fy, yat, at, failed)
		if ok {
			money[y] = pence
		}
	}
	if errs.HasErrors() {
		slices.SortStableFunc(errs, func(a, b diag.Diagnostic) int {
			return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
		})
		return nil, errs
	}
	return derive(&f, years, money, pos), nil
}

func nextYear(start, end string) bool {
	s, _ := strconv.Atoi(start)
	e, _ := strconv.Atoi(end)
	return (s+1)%100 == e
}

type reporter func(key, format string, args ...any)

// checkYear applies the consistency rules to one year, returning the
// compensation in pence.
func checkYear(y *Year, at string, errorf reporter, failed func(string) bool) (int64, bool) {
	nonNegative := func(key string, v *int) {
		if v != nil && *v < 0 {
			errorf(at+"."+key, "must not be negative, found %d", *v)
		}
	}
	nonNegative("homes", y.Homes)
	nonNegative("orders_made", y.OrdersMade)
	nonNegative("orders_complied_on_time", y.OrdersComplied)
	orders(y.OrdersMade, y.OrdersComplied, at, errorf, failed(at))
	total, ok := findings(y.Determinations, at+".determinations", errorf)
	ok = ok && !failed(at+".determinations")
	if len(y.Categories) > 0 {
		sum := 0
		known := keys(Categories)
		for _, k := range slices.Sorted(mapKeys(y.Categories)) {
			kat := at + ".categories." + diag.Excerpt(k)
			if n := y.Categories[k]; n < 0 {
				errorf(kat, "must not be negative, found %d", n)
			}
			sum += y.Categories[k]
			if slices.Contains(known, k) {
				continue
			}
			if s := yamlx.Suggest(k, known); s != "" {
				errorf(kat, "unknown category; did you mean %s? (a category of your own needs a name not this close to one of paper's: %s)", s, strings.Join(known, ", "))
			}
		}
		if ok && len(y.Determinations) > 0 && !failed(at+".categories") && sum != total {
			errorf(at+".categories", "the categories add up to %d determinations, but the determinations by finding add up to %d; give each determination one category", sum, total)
		}
	}
	for _, r := range []struct {
		key string
		v   *float64
	}{{"maladministration_rate", y.Average.MaladministrationRate}, {"compliance_rate", y.Average.ComplianceRate}} {
		if r.v != nil && (*r.v < 0 || *r.v > 1) {
			hint := ""
			if *r.v > 1 && *r.v <= 100 {
				hint = fmt.Sprintf("; write rates as fractions, %g for %g%%", *r.v/100, *r.v)
			}
			errorf(at+".landlord_type_average."+r.key, "%g is not a rate between 0 and 1%s", *r.v, hint)
		}
	}
	if v := y.Average.DeterminationsPer1000Homes; v != nil && *v < 0 {
		errorf(at+".landlord_type_average.determinations_per_1000_homes", "must not be negative, found %g", *v)
	}
	names := map[string]int{}
	for i, c := range y.Comparators {
		cat := fmt.Sprintf("%s.comparators[%d]", at, i)
		if prev, dup := names[c.Name]; dup && c.Name != "" {
			errorf(cat+".name", "%s already listed at comparators[%d]", c.Name, prev)
		}
		names[c.Name] = i
		nonNegative(fmt.Sprintf("comparators[%d].homes", i), c.Homes)
		nonNegative(fmt.Sprintf("comparators[%d].orders_made", i), c.OrdersMade)
		nonNegative(fmt.Sprintf("comparators[%d].orders_complied_on_time", i), c.OrdersComplied)
		orders(c.OrdersMade, c.OrdersComplied, cat, errorf, failed(cat))
		findings(c.Determinations, cat+".determinations", errorf)
	}
	if y.Compensation == "" {
		return 0, true
	}
	pence, err := Pence(y.Compensation)
	if err != nil {
		errorf(at+".compensation_ordered", "%v", err)
		return 0, false
	}
	return pence, true
}

func orders(made, complied *int, at string, errorf reporter, partial bool) {
	switch {
	case made != nil && complied != nil && *complied > *made:
		errorf(at+".orders_complied_on_time", "%d orders complied with on time is more than the %d orders made", *complied, *made)
	case made == nil && complied != nil && !partial:
		errorf(at+".orders_complied_on_time", "given without orders_made: the compliance rate is orders complied with on time / orders made")
	}
}

// findings checks determinations by finding and returns their total.
func findings(m map[string]int, at string, errorf reporter) (int, bool) {
	known := keys(Findings)
	total, ok := 0, true
	for _, k := range slices.Sorted(mapKeys(m)) {
		kat := at + "." + diag.Excerpt(k)
		if m[k] < 0 {
			errorf(kat, "must not be negative, found %d", m[k])
			ok = false
		}
		total += m[k]
		if slices.Contains(known, k) {
			continue
		}
		ok = false
		msg := "unknown finding"
		if s := yamlx.Suggest(k, known); s != "" {
			msg += "; did you mean " + s + "?"
		} else {
			msg += "; the findings are " + strings.Join(known, ", ")
		}
		errorf(kat, "%s", msg)
	}
	return total, ok
}

func mapKeys(m map[string]int) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

var moneyRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$`) })

// Pence reads an amount of pounds, 12345.67, "£12,345.67" or 250, into
// pence, exactly: never through a binary fraction.
func Pence(s string) (int64, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "-") || strings.HasPrefix(t, "£-") {
		return 0, fmt.Errorf("must not be negative, found %s", diag.Quote(s))
	}
	m := moneyRE().FindStringSubmatch(t)
	if m == nil {
		return 0, fmt.Errorf("%s is not an amount of pounds; write it like 12345.67 (pounds and pence)", diag.Quote(s))
	}
	pounds, err := strconv.ParseInt(strings.ReplaceAll(m[1], ",", ""), 10, 64)
	if err != nil || pounds > math.MaxInt64/100-1 {
		return 0, fmt.Errorf("%s is too large an amount", diag.Quote(s))
	}
	p := m[2]
	if len(p) == 1 {
		p += "0"
	}
	pence, _ := strconv.ParseInt(cmp.Or(p, "0"), 10, 64)
	return pounds*100 + pence, nil
}
