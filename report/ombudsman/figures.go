package ombudsman

import (
	"fmt"
	"io"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/internal/figtext"
	"github.com/paperhq/paper/report/yamlx"
)

// Letter is the checked letters with their derived figures. Its JSON form
// is the "ombudsman" object of `paper metrics --json`: counts a letter
// did not give, and rates with a zero denominator, are null.
type Letter struct {
	Council       string              `json:"council"`
	Population    int                 `json:"population"`
	AuthorityType string              `json:"authority_type,omitempty"`
	Years         map[string]*Figures `json:"years"`

	order []string // years, oldest first
}

// Figures are one year's figures, as given and derived.
type Figures struct {
	Received                *int `json:"received"`
	Decided                 *int `json:"decided"`
	Investigations          *int `json:"investigations"`
	Upheld                  *int `json:"upheld"`
	Remedied                *int `json:"remedied"`
	RecommendationsDue      *int `json:"recommendations_due"`
	RecommendationsComplied *int `json:"recommendations_complied"`

	// UpheldRate is upheld / investigations.
	UpheldRate *float64 `json:"upheld_rate"`
	// ComplianceRate is recommendations complied with / due.
	ComplianceRate *float64 `json:"compliance_rate"`
	// RemedyRate is upheld cases the council had already remedied
	// satisfactorily / upheld.
	RemedyRate *float64 `json:"remedy_rate"`
	// UpheldPer100k is upheld / population * 100,000.
	UpheldPer100k *float64 `json:"upheld_per_100k"`

	Average   AverageFigures `json:"average"`
	Decisions map[string]int `json:"decisions"`
	// Current are the decisions in the newer letters' categories,
	// whichever categories the file gave them in; null where they cannot
	// be worked out. Decisions keeps what the file gave.
	Current     CurrentFigures     `json:"current_categories"`
	Services    map[string]int     `json:"services"`
	Comparators []ComparatorFigure `json:"comparators"`

	// Rank is the council's place among itself and its comparators by
	// upheld decisions per 100,000 residents, 1 being the fewest; RankOf
	// is how many councils were ranked. Null without populations.
	Rank   *int `json:"rank"`
	RankOf int  `json:"rank_of"`

	// Change is the change on the previous year in the data, null for the
	// first year: counts as differences, rates as differences of fractions.
	Change *Change `json:"change"`
}

// CurrentFigures are a year's decisions in the newer letters' terms:
// complaints dealt with are Decided.
type CurrentFigures struct {
	NotForUs          *int `json:"not_for_us"`
	AssessedAndClosed *int `json:"assessed_and_closed"`
	Investigated      *int `json:"investigated"`
}

// current works out the newer categories from the decisions given in
// either scheme: not for us is referred back, advice given and incomplete
// or invalid together; assessed and closed is closed after initial
// enquiries; investigated is upheld and not upheld together.
func current(d map[string]int) CurrentFigures {
	var c CurrentFigures
	if len(d) == 0 {
		return c
	}
	n := func(v int) *int { return &v }
	if v, ok := d["not_for_us"]; ok {
		c.NotForUs = n(v)
	} else {
		c.NotForUs = n(d["referred_back"] + d["advice_given"] + d["incomplete_or_invalid"])
	}
	if v, ok := d["assessed_and_closed"]; ok {
		c.AssessedAndClosed = n(v)
	} else {
		c.AssessedAndClosed = n(d["closed_after_initial_enquiries"])
	}
	c.Investigated = n(d["upheld"] + d["not_upheld"])
	return c
}

// AverageFigures are the similar-authority averages.
type AverageFigures struct {
	UpheldRate     *float64 `json:"upheld_rate"`
	ComplianceRate *float64 `json:"compliance_rate"`
	RemedyRate     *float64 `json:"remedy_rate"`
}

// ComparatorFigure is a comparator council with its derived rates.
type ComparatorFigure struct {
	Name           string   `json:"name"`
	Population     int      `json:"population"`
	Investigations int      `json:"investigations"`
	Upheld         int      `json:"upheld"`
	UpheldRate     *float64 `json:"upheld_rate"`
	UpheldPer100k  *float64 `json:"upheld_per_100k"`
}

// Change is the change on the previous year.
type Change struct {
	Received       *int     `json:"received"`
	Decided        *int     `json:"decided"`
	Investigations *int     `json:"investigations"`
	Upheld         *int     `json:"upheld"`
	UpheldRate     *float64 `json:"upheld_rate"`
	ComplianceRate *float64 `json:"compliance_rate"`
	RemedyRate     *float64 `json:"remedy_rate"`
}

func ratio(num, den *int) *float64 {
	if num == nil || den == nil || *den == 0 {
		return nil
	}
	v := float64(*num) / float64(*den)
	return &v
}

func per100k(n, population int) *float64 {
	if population <= 0 {
		return nil
	}
	v := float64(n) / float64(population) * 100000
	return &v
}

func diffInt(a, b *int) *int {
	if a == nil || b == nil {
		return nil
	}
	d := *a - *b
	return &d
}

func diffRate(a, b *float64) *float64 {
	if a == nil || b == nil {
		return nil
	}
	d := *a - *b
	return &d
}

func derive(f *File, years []string) *Letter {
	l := &Letter{Council: f.Council, Population: f.Population, AuthorityType: f.AuthorityType, Years: map[string]*Figures{}, order: years}
	var prev *Figures
	for _, y := range years {
		in := f.Years[y]
		// The newer letters' names, checked to agree with the older.
		if in.Decided == nil {
			in.Decided = in.DealtWith
		}
		if in.Investigations == nil {
			in.Investigations = in.Investigated
		}
		out := &Figures{
			Received: in.Received, Decided: in.Decided, Investigations: in.Investigations,
			Upheld: in.Upheld, Remedied: in.Remedied,
			RecommendationsDue: in.RecommendationsDue, RecommendationsComplied: in.RecommendationsComplied,
			UpheldRate:     ratio(in.Upheld, in.Investigations),
			ComplianceRate: ratio(in.RecommendationsComplied, in.RecommendationsDue),
			RemedyRate:     ratio(in.Remedied, in.Upheld),
			Average:        AverageFigures(in.Average),
			Decisions:      in.Decisions,
			Current:        current(in.Decisions),
			Services:       in.Services,
			Comparators:    []ComparatorFigure{},
		}
		if in.Upheld != nil {
			out.UpheldPer100k = per100k(*in.Upheld, f.Population)
		}
		if out.Decisions == nil {
			out.Decisions = map[string]int{}
		}
		if out.Services == nil {
			out.Services = map[string]int{}
		}
		for _, c := range in.Comparators {
			inv, up := c.Investigations, c.Upheld
			out.Comparators = append(out.Comparators, ComparatorFigure{
				Name: c.Name, Population: c.Population, Investigations: inv, Upheld: up,
				UpheldRate: ratio(&up, &inv), UpheldPer100k: per100k(up, c.Population),
			})
		}
		out.Rank, out.RankOf = rank(out)
		if prev != nil {
			out.Change = &Change{
				Received: diffInt(out.Received, prev.Received), Decided: diffInt(out.Decided, prev.Decided),
				Investigations: diffInt(out.Investigations, prev.Investigations), Upheld: diffInt(out.Upheld, prev.Upheld),
				UpheldRate: diffRate(out.UpheldRate, prev.UpheldRate), ComplianceRate: diffRate(out.ComplianceRate, prev.ComplianceRate),
				RemedyRate: diffRate(out.RemedyRate, prev.RemedyRate),
			}
		}
		l.Years[y] = out
		prev = out
	}
	return l
}

// rank places the council among itself and the comparators that have a
// population, by upheld per 100,000 residents, fewest first; ties share
// the better place.
func rank(f *Figures) (*int, int) {
	if f.UpheldPer100k == nil || len(f.Comparators) == 0 {
		return nil, 0
	}
	r, n := 1, 1
	for _, c := range f.Comparators {
		if c.UpheldPer100k == nil {
			continue
		}
		n++
		if *c.UpheldPer100k < *f.UpheldPer100k {
			r++
		}
	}
	return &r, n
}

// YearLabels lists the letter's financial years, oldest first.
func (l *Letter) YearLabels() []string { return l.order }

// Metrics lists the names Value accepts (after "letter."), for messages
// and documentation.
func Metrics() []string {
	names := []string{
		"received", "decided", "investigations", "upheld", "remedied",
		"recommendations_due", "recommendations_complied",
		"upheld_rate", "compliance_rate", "remedy_rate", "upheld_per_100k",
		"rank", "rank_of", "comparators",
		"average.upheld_rate", "average.compliance_rate", "average.remedy_rate",
		"dealt_with", "investigated",
	}
	for _, c := range Categories {
		names = append(names, "decisions."+c.Key)
	}
	for _, c := range CurrentCategories {
		names = append(names, "decisions."+c.Key)
	}
	names = append(names, "decisions.investigated")
	for _, s := range ServiceAreas {
		names = append(names, "services."+s.Key)
	}
	return names
}

// Value returns one figure of one year: name is one of Metrics(), e.g.
// "upheld_rate" or "decisions.referred_back". ok is false when the figure
// is undefined (not given, or a rate with a zero denominator).
func (l *Letter) Value(name, year string) (v float64, ok bool, err error) {
	f, found := l.Years[year]
	if !found {
		return 0, false, fmt.Errorf("the Ombudsman's figures have no year %s (they cover %s)", year, strings.Join(l.order, ", "))
	}
	i, r := figtext.Count, figtext.Rate
	switch name {
	case "received":
		return i(f.Received)
	case "decided", "dealt_with":
		return i(f.Decided)
	case "investigations", "investigated":
		return i(f.Investigations)
	case "decisions.not_for_us":
		return i(f.Current.NotForUs)
	case "decisions.assessed_and_closed", "decisions.closed_after_initial_enquiries":
		return i(f.Current.AssessedAndClosed)
	case "decisions.investigated":
		return i(f.Current.Investigated)
	case "upheld":
		return i(f.Upheld)
	case "remedied":
		return i(f.Remedied)
	case "recommendations_due":
		return i(f.RecommendationsDue)
	case "recommendations_complied":
		return i(f.RecommendationsComplied)
	case "upheld_rate":
		return r(f.UpheldRate)
	case "compliance_rate":
		return r(f.ComplianceRate)
	case "remedy_rate":
		return r(f.RemedyRate)
	case "upheld_per_100k":
		return r(f.UpheldPer100k)
	case "rank":
		return i(f.Rank)
	case "rank_of":
		return float64(f.RankOf), f.RankOf > 0, nil
	case "comparators":
		return float64(len(f.Comparators)), true, nil
	case "average.upheld_rate":
		return r(f.Average.UpheldRate)
	case "average.compliance_rate":
		return r(f.Average.ComplianceRate)
	case "average.remedy_rate":
		return r(f.Average.RemedyRate)
	}
	if k, found := strings.CutPrefix(name, "decisions."); found && LabelOf(Categories, k) != k {
		if _, grouped := f.Decisions["not_for_us"]; grouped && slices.Contains(notForUs, k) {
			return 0, false, nil // counted in not for us, not on its own
		}
		n, given := f.Decisions[k]
		return float64(n), given || len(f.Decisions) > 0, nil
	}
	if k, found := strings.CutPrefix(name, "services."); found && LabelOf(ServiceAreas, k) != k {
		n, given := f.Services[k]
		return float64(n), given || len(f.Services) > 0, nil
	}
	msg := fmt.Sprintf("unknown Ombudsman figure %s", diag.Quote("letter."+name))
	if s := yamlx.Suggest(name, Metrics()); s != "" {
		msg += "; did you mean letter." + s + "?"
	}
	return 0, false, fmt.Errorf("%s", msg)
}

// SortedComparators returns the council and its comparators as rows for
// a comparison, ordered by upheld per 100,000 residents (fewest first,
// councils without a population last, then by name). Own marks the
// council's row.
func (l *Letter) SortedComparators(year string) []ComparatorRow {
	f := l.Years[year]
	if f == nil {
		return nil
	}
	rows := []ComparatorRow{{ComparatorFigure: ComparatorFigure{
		Name: l.Council, Population: l.Population, Investigations: deref(f.Investigations), Upheld: deref(f.Upheld),
		UpheldRate: f.UpheldRate, UpheldPer100k: f.UpheldPer100k,
	}, Own: true}}
	for _, c := range f.Comparators {
		rows = append(rows, ComparatorRow{ComparatorFigure: c})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		a, b := rows[i].UpheldPer100k, rows[j].UpheldPer100k
		switch {
		case a != nil && b != nil && *a != *b:
			return *a < *b
		case (a == nil) != (b == nil):
			return a != nil
		}
		return rows[i].Name < rows[j].Name
	})
	return rows
}

// ComparatorRow is one council in a comparison.
type ComparatorRow struct {
	ComparatorFigure
	Own bool
}

func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// WriteText writes the letters' headline figures as a readable table, a
// column per year: counts, each rate with the similar-authority average
// beneath it, upheld decisions per 100,000 residents and the council's
// rank among its comparators ("4 of 7", fewest first). An undefined
// figure is "-".
func (l *Letter) WriteText(w io.Writer) error {
	rows := []struct {
		name, label string
		pct         bool
	}{
		{"received", "received", false}, {"decided", "decided", false},
		{"investigations", "investigations", false}, {"upheld", "upheld", false},
		{"upheld_rate", "upheld rate", true}, {"average.upheld_rate", "  similar authorities", true},
		{"compliance_rate", "compliance rate", true}, {"average.compliance_rate", "  similar authorities", true},
		{"remedy_rate", "remedy rate", true}, {"average.remedy_rate", "  similar authorities", true},
		{"upheld_per_100k", "upheld per 100,000", false}, {"rank", "rank among comparators", false},
	}
	table := [][]string{append([]string{"Ombudsman: " + l.Council}, l.order...)}
	for _, r := range rows {
		line := []string{"  " + r.label}
		for _, y := range l.order {
			v, ok, _ := l.Value(r.name, y)
			switch {
			case !ok:
				line = append(line, "-")
			case r.name == "rank":
				line = append(line, fmt.Sprintf("%.0f of %d", v, l.Years[y].RankOf))
			case r.pct:
				line = append(line, format.PercentFloat(v, 1))
			case v != math.Trunc(v):
				line = append(line, format.NumberFloat(v, 1))
			default:
				line = append(line, strconv.FormatFloat(v, 'f', 0, 64))
			}
		}
		table = append(table, line)
	}
	return figtext.WriteTable(w, table)
}
