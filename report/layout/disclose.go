package layout

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/disclosure"
	"github.com/paperhq/paper/report/metrics"
)

// Withheld is the mark of every withheld count, primary or secondary
// alike (as the ONS's "[c]"), so that the mark does not say which count
// is the small one.
const Withheld = "[c]"

// OtherServices names the row that group_below gathers small services
// into.
const OtherServices = "Other services"

// Columns of a by-service grid.
const (
	colReceived = iota
	colUpheld
	colPartly
	colNotUpheld
	colWithdrawn
	colOpen
	gridCols
)

var gridColNames = [gridCols]string{"Received", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Open"}

type gridKey struct {
	year  string
	stage caselog.Stage
}

// use is one block publishing a grid.
type use struct {
	path         string // key path of the block
	table        bool   // a by-service table (else a chart)
	label        string // "Table 4", "Figure 2", or "" when uncaptioned
	below, group int
}

// serviceGrid is the by-service grid of one year and stage as the whole
// paper publishes it, with one audited pattern for every table, chart
// and prose citation of it.
type serviceGrid struct {
	key     gridKey
	uses    []use
	below   int
	group   int
	rows    []serviceRow // busiest first; a group row last
	grouped []string     // services counted in OtherServices
	total   *metrics.Stage
	t       *disclosure.Table
	p       *disclosure.Pattern
	bar     []int // per row, the chart's bar-total cell, or -1
	// closed and onTime are the cells of the total row's closed and
	// on-time counts when other blocks print them, or -1.
	closed, onTime int
	rates          []rateRef
	order          []int // display order of rows
	err            error
	// elsewhere names the figures of the grid's total row (received,
	// upheld_rate ...) that other blocks of the paper print, each with
	// the first block printing it ("Table 3"); outside says which of
	// them the pattern withholds, so that those blocks withhold them
	// too.
	elsewhere map[string]string
	outside   map[string]bool
	// kept reports that the pattern was chosen with the figures printed
	// elsewhere taken as published; when no pattern protects every small
	// count so, it is chosen without them and they are withheld
	// wherever the grid's own figures do not determine them.
	kept bool
	// digits is the paper's precision for the rates it prints, which
	// the audit takes each printed rate to stand for.
	digits int
}

// rateRef says which row (len(rows): the total row) and rate a Table
// rate is.
type rateRef struct {
	row    int
	upheld bool // else on time
}

// cell is the Table index of row i (len(rows): the total row), column j.
func (g *serviceGrid) cell(i, j int) int { return i*gridCols + j }

// hidden reports whether row i's count in column j is withheld.
func (g *serviceGrid) hidden(i, j int) bool { return g.p != nil && g.p.Hidden[g.cell(i, j)] }

// rateHidden reports whether row i's upheld (or on-time) rate is withheld.
func (g *serviceGrid) rateHidden(i int, upheld bool) bool {
	if g.p == nil {
		return false
	}
	for k, r := range g.rates {
		if r.row == i && r.upheld == upheld {
			return g.p.RateHidden[k]
		}
	}
	return false
}

// where names the grid's first captioned publication for messages:
// "Table 4", or "the by-service table".
func (g *serviceGrid) where() string {
	for _, u := range g.uses {
		if u.label != "" {
			return u.label
		}
	}
	if len(g.uses) > 0 && !g.uses[0].table {
		return "the by-service chart"
	}
	return "the by-service table"
}

// scanGrids finds every by-service table and chart of the paper before
// anything is laid out, so that each grid's pattern is decided once over
// everything the paper publishes of it, and prose anywhere can be checked
// against it. Table and figure labels are worked out as layout will
// number them.
func (p *paper) scanGrids() {
	p.grids = map[gridKey]*serviceGrid{}
	c := p.in.Figures
	if c == nil || c.Complaints == nil {
		return
	}
	if len(c.Complaints.YearLabels()) == 0 {
		return
	}
	src := caseLogSource(c.Complaints)
	resolve := func(year, stage string) (gridKey, bool) {
		y, err := p.resolveYear(year, src)
		if err != nil {
			return gridKey{}, false
		}
		st := caselog.Stage1
		if stage != "" {
			s, ok := metrics.StageOf(stage)
			if !ok {
				return gridKey{}, false
			}
			st = s
		}
		return gridKey{y, st}, true
	}
	elsewhere := map[gridKey]map[string]string{}
	tables, figures := 0, 0
	for i, s := range p.r.Sections {
		for j, b := range s.Blocks {
			at := fmt.Sprintf("sections[%d].blocks[%d]", i, j)
			var u use
			var k gridKey
			ok := false
			switch {
			case b.Table != nil && b.Table.Caption != "", b.SelfAssessment != nil, b.Lessons != nil && b.Lessons.Style == "you-said-we-did":
				tables++
			case b.MetricsTable != nil:
				t := b.MetricsTable
				label := ""
				if t.Caption != "" {
					tables++
					label = fmt.Sprintf("Table %d", tables)
				}
				if t.Kind == "by-service" {
					k, ok = resolve(t.Year, t.Stage)
					u = use{path: at + ".metrics_table", table: true, label: label, below: t.SuppressBelow, group: t.GroupBelow}
				}
			case b.Chart != nil:
				figures++
				if b.Chart.Kind == "by-service" {
					k, ok = resolve(b.Chart.Year, b.Chart.Stage)
					u = use{path: at + ".chart", label: fmt.Sprintf("Figure %d", figures), below: b.Chart.SuppressBelow, group: b.Chart.GroupBelow}
				}
			}
			for _, f := range p.stageFigures(b, tables, figures) {
				if elsewhere[f.key] == nil {
					elsewhere[f.key] = map[string]string{}
				}
				if _, seen := elsewhere[f.key][f.fig]; !seen {
					elsewhere[f.key][f.fig] = f.where
				}
			}
			if !ok {
				continue
			}
			g := p.grids[k]
			if g == nil {
				g = &serviceGrid{key: k, below: u.below, group: u.group, digits: p.precision().Digits()}
				p.grids[k] = g
			}
			g.uses = append(g.uses, u)
		}
	}
	for k, g := range p.grids {
		g.elsewhere = elsewhere[k]
	}
}

// stageFigure is one figure of a year and stage's totals that a block
// other than a by-service table or chart prints.
type stageFigure struct {
	key   gridKey
	fig   string // a metric name: received, upheld_rate ...
	where string // "Table 3", "Figure 2"
}

// stageFigures lists the totals block b prints (tables and figures are
// the numbers given so far, b's own included), resolving years and
// stages as the block will; what the block cannot resolve it reports
// itself, and is left out here.
func (p *paper) stageFigures(b definition.Block, tables, figures int) []stageFigure {
	src := caseLogSource(p.in.Figures.Complaints)
	resolve := func(given []string, n int) []string {
		if len(given) == 0 {
			return src.upTo(p.reporting, n)
		}
		var out []string
		for _, y := range given {
			if ry, err := p.resolveYear(y, src); err == nil {
				out = append(out, ry)
			}
		}
		return out
	}
	one := func(y string) []string { return resolve([]string{y}, 1) }
	stage := func(s string, def caselog.Stage) (caselog.Stage, bool) {
		if s == "" {
			return def, true
		}
		return metrics.StageOf(s)
	}
	var out []stageFigure
	add := func(ys []string, st caselog.Stage, where string, figs ...string) {
		for _, y := range ys {
			for _, f := range figs {
				out = append(out, stageFigure{gridKey{y, st}, f, where})
			}
		}
	}
	tableLabel := func(t *definition.MetricsTable, what string) string {
		if t.Caption != "" {
			return fmt.Sprintf("Table %d", tables)
		}
		return "the " + what + " table"
	}
	figure := fmt.Sprintf("Figure %d", figures)
	switch {
	case b.MetricsTable != nil && b.MetricsTable.Kind == "year-by-stage":
		t := b.MetricsTable
		for st := caselog.Stage1; st < caselog.NumStages; st++ {
			figs := []string{"received", "on_time_rate", "upheld_rate"}
			if st != caselog.Stage1 {
				figs = append(figs, "escalation_rate")
			}
			add(resolve(t.Years, 3), st, tableLabel(t, "year-by-stage"), figs...)
		}
	case b.MetricsTable != nil && b.MetricsTable.Kind == "ombudsman-enquiries":
		t := b.MetricsTable
		if st, ok := stage(t.Stage, caselog.Ombudsman); ok {
			add(resolve(t.Years, 3), st, tableLabel(t, "enquiries"), "received", "on_time_rate")
		}
	case b.Chart != nil && b.Chart.Kind == "trend" && !strings.HasPrefix(b.Chart.Measure, "letter.") && !strings.HasPrefix(b.Chart.Measure, "hos."):
		c := b.Chart
		st, ok := stage(c.Stage, caselog.Stage1)
		if !ok {
			break
		}
		figs := []string{chartOr(c.Measure, "received")}
		if r := chartOr(c.Rate, "on_time_rate"); r != "none" {
			figs = append(figs, r)
		}
		add(resolve(c.Years, 3), st, figure, figs...)
	case b.Chart != nil && b.Chart.Kind == "funnel":
		ys := one(b.Chart.Year)
		add(ys, caselog.Stage1, figure, "received")
		add(ys, caselog.Stage2, figure, "received", "escalation_rate")
		add(ys, caselog.Ombudsman, figure, "received", "escalation_rate")
	case b.Chart != nil && b.Chart.Kind == "heatmap" && chartOr(b.Chart.Measure, "received") != "on_time_rate":
		// Its total row adds up to the year's total.
		c := b.Chart
		if st, ok := stage(c.Stage, caselog.Stage1); ok {
			add(one(c.Year), st, figure, chartOr(c.Measure, "received"))
		}
	case b.Chart != nil && b.Chart.Kind == "monthly" && chartOr(b.Chart.Measure, "received") == "received":
		// The months of a financial year add up to its total.
		c := b.Chart
		st, ok := stage(c.Stage, caselog.Stage1)
		if !ok {
			break
		}
		ys := resolve(c.Years, 1)
		if c.Year != "" {
			ys = one(c.Year)
		}
		add(ys, st, figure, "received")
	}
	return out
}

// grid returns the grid of year and stage with its pattern decided, or
// nil when no block of the paper publishes it.
func (p *paper) grid(year string, st caselog.Stage) *serviceGrid {
	g := p.grids[gridKey{year, st}]
	if g == nil || g.t != nil || g.err != nil {
		return g
	}
	g.err = g.decide(p.in.Figures.Complaints)
	return g
}

// consistent records an error at a block whose suppression settings
// differ from the first block publishing the same grid: one decision per
// cell needs one threshold.
func (g *serviceGrid) consistent(path string, below, group int, errorf func(key, format string, args ...any)) {
	if len(g.uses) == 0 {
		return
	}
	first := g.uses[0]
	if first.path == path {
		return
	}
	if below != first.below {
		errorf("suppress_below", "%s (at %s) shows the same figures with suppress_below: %d; give the same here, so that both hide the same cells", g.where(), first.path, first.below)
	}
	if group != first.group {
		errorf("group_below", "%s (at %s) shows the same figures with group_below: %d; give the same here, so that both show the same rows", g.where(), first.path, first.group)
	}
}

// decide builds the grid's rows and, when it suppresses, its audited
// pattern over everything the paper publishes of it: a table's counts,
// totals and rates, a chart's counts and bar totals.
func (g *serviceGrid) decide(c *metrics.Complaints) error {
	y, st := g.key.year, g.key.stage
	g.total = c.At(y, "").At(st)
	for _, name := range c.ServiceNames() {
		s := c.At(y, name).At(st)
		if s.Received == 0 {
			continue
		}
		if g.group > 0 && s.Received < g.group {
			g.grouped = append(g.grouped, name)
			continue
		}
		g.rows = append(g.rows, serviceRow{name, s})
	}
	sort.SliceStable(g.rows, func(i, j int) bool { return g.rows[i].s.Received > g.rows[j].s.Received })
	if len(g.grouped) > 0 {
		other, err := c.Group(y, g.grouped)
		if err != nil {
			return err
		}
		g.rows = append(g.rows, serviceRow{OtherServices, other.At(st)})
	}
	if g.below <= 1 {
		g.t = g.build(false)
		return nil
	}
	g.kept = len(g.elsewhere) > 0
	g.t = g.build(g.kept)
	pat, err := g.t.Choose()
	if errors.Is(err, disclosure.ErrUnprotectable) && g.kept {
		g.kept = false
		g.t = g.build(false)
		pat, err = g.t.Choose()
	}
	if err != nil {
		return err
	}
	g.p = pat
	if err := g.decideElsewhere(); err != nil {
		return err
	}
	n := len(g.rows)
	table := false
	for _, u := range g.uses {
		table = table || u.table
	}
	// Rows whose received count is withheld go after the others, by
	// name, so that their place in the order gives nothing away; the
	// group row stays last.
	order := make([]int, n)
	for i := range order {
		order[i] = i
	}
	last := func(i int) int {
		switch {
		case g.rows[i].name == OtherServices && len(g.grouped) > 0:
			return 2
		case table && g.hidden(i, colReceived):
			return 1
		}
		return 0
	}
	sort.SliceStable(order, func(a, b int) bool {
		la, lb := last(order[a]), last(order[b])
		if la != lb {
			return la < lb
		}
		if la == 1 {
			return g.rows[order[a]].name < g.rows[order[b]].name
		}
		return false
	})
	g.order = order
	return nil
}

// build is the grid as a disclosure.Table: a table's counts, totals and
// rates, a chart's counts and bar totals; with keep, also the totals
// other blocks print (elsewhere), as published figures the chooser
// keeps shown.
func (g *serviceGrid) build(keep bool) *disclosure.Table {
	table, chart := false, false
	for _, u := range g.uses {
		table = table || u.table
		chart = chart || !u.table
	}
	gr := disclosure.Grid{Cols: gridColNames[:]}
	for _, r := range g.rows {
		s := r.s
		gr.Rows = append(gr.Rows, r.name)
		gr.Counts = append(gr.Counts, []int{s.Received, s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.Withdrawn, s.Open})
		// Closed with no outcome recorded: counted in Received, in no
		// column. The audit takes it as known to the reader.
		gr.Rest = append(gr.Rest, s.Closed-s.Upheld-s.PartiallyUpheld-s.NotUpheld-s.Withdrawn)
	}
	t := gr.Table(g.below)
	n := len(g.rows)
	if !table {
		// A chart alone publishes the outcome counts, nothing else.
		for i := 0; i <= n; i++ {
			for j := range gridCols {
				if i == n || (j != colUpheld && j != colPartly && j != colNotUpheld) {
					t.Cells[g.cell(i, j)].Unpublished = true
				}
			}
		}
	}
	printed := func(fig string) bool {
		_, ok := g.elsewhere[fig]
		return keep && ok
	}
	for fig, j := range proseColumn {
		if printed(fig) {
			c := &t.Cells[g.cell(n, j)]
			c.Unpublished, c.Keep = false, true
		}
	}
	g.bar = make([]int, n)
	for i := range g.bar {
		g.bar[i] = -1
		if !chart {
			continue
		}
		s := g.rows[i].s
		g.bar[i] = len(t.Cells)
		t.Cells = append(t.Cells, disclosure.Cell{Name: g.rows[i].name + ", chart total", Value: s.Upheld + s.PartiallyUpheld + s.NotUpheld})
		t.Relations = append(t.Relations, disclosure.Relation{Terms: []disclosure.Term{{Cell: g.bar[i], Coef: 1},
			{Cell: g.cell(i, colUpheld), Coef: -1}, {Cell: g.cell(i, colPartly), Coef: -1}, {Cell: g.cell(i, colNotUpheld), Coef: -1}}})
	}
	g.closed, g.onTime = -1, -1
	if printed("closed") {
		// Closed is received less open.
		g.closed = len(t.Cells)
		t.Cells = append(t.Cells, disclosure.Cell{Name: "Total, Closed", Value: g.total.Closed, Keep: true})
		t.Relations = append(t.Relations, disclosure.Relation{Terms: []disclosure.Term{{Cell: g.closed, Coef: 1},
			{Cell: g.cell(n, colReceived), Coef: -1}, {Cell: g.cell(n, colOpen), Coef: 1}}})
	}
	if printed("on_time") {
		g.onTime = len(t.Cells)
		t.Cells = append(t.Cells, disclosure.Cell{Name: "Total, On time (count)", Value: g.total.OnTime, Keep: true})
	}
	g.rates = nil
	for i := 0; i <= n; i++ {
		total := i == n
		if !table && !(total && keep) {
			continue
		}
		u, pu, nu := g.cell(i, colUpheld), g.cell(i, colPartly), g.cell(i, colNotUpheld)
		r, o := g.cell(i, colReceived), g.cell(i, colOpen)
		name := "Total"
		if !total {
			name = g.rows[i].name
		}
		onTime := disclosure.Rate{Name: name + ", On time",
			Den: []disclosure.Term{{Cell: r, Coef: 1}, {Cell: o, Coef: -1}}, On: []int{r, o}, Digits: g.digits}
		upheld := disclosure.Rate{Name: name + ", Upheld rate",
			Num: []disclosure.Term{{Cell: u, Coef: 1}, {Cell: pu, Coef: 1}},
			Den: []disclosure.Term{{Cell: u, Coef: 1}, {Cell: pu, Coef: 1}, {Cell: nu, Coef: 1}}, On: []int{u, pu, nu}, Digits: g.digits}
		if total {
			if g.onTime >= 0 {
				onTime.Num = []disclosure.Term{{Cell: g.onTime, Coef: 1}}
				onTime.On = append(onTime.On, g.onTime)
			}
			onTime.Keep = printed("on_time_rate") || printed("on_time")
			upheld.Keep = printed("upheld_rate")
			if !table && !onTime.Keep && !upheld.Keep {
				continue
			}
		}
		t.Rates = append(t.Rates, onTime, upheld)
		g.rates = append(g.rates, rateRef{i, false}, rateRef{i, true})
	}
	return t
}

// decideElsewhere decides, for each total printed elsewhere, whether
// those blocks withhold it (see totalWithheld).
func (g *serviceGrid) decideElsewhere() error {
	g.outside = map[string]bool{}
	for fig := range g.elsewhere {
		w, err := g.totalWithheld(fig)
		if err != nil {
			return err
		}
		g.outside[fig] = w
	}
	return nil
}

// totalWithheld reports whether the total row's figure fig (a metric
// name) must be withheld wherever it is printed: when the pattern
// withholds it, or when the grid publishes no such figure and what it
// publishes does not determine it.
func (g *serviceGrid) totalWithheld(fig string) (bool, error) {
	n := len(g.rows)
	term := func(j int, coef float64) disclosure.Term { return disclosure.Term{Cell: g.cell(n, j), Coef: coef} }
	undetermined := func(e ...disclosure.Term) (bool, error) {
		pin, err := g.t.Pinned(g.p, e)
		return !pin, err
	}
	rate := func(upheld bool) (hidden, ok bool) {
		for k, r := range g.rates {
			if r.row == n && r.upheld == upheld {
				return g.p.RateHidden[k], true
			}
		}
		return false, false
	}
	switch fig {
	case "received", "upheld", "partially_upheld", "not_upheld", "withdrawn", "open":
		c := g.cell(n, proseColumn[fig])
		if g.p.Hidden[c] {
			return true, nil
		}
		if g.t.Cells[c].Unpublished {
			return undetermined(term(proseColumn[fig], 1))
		}
	case "escalation_rate":
		// This stage's received over the previous stage's: it gives
		// this stage's total away.
		return g.totalWithheld("received")
	case "closed":
		if g.closed >= 0 {
			return g.p.Hidden[g.closed], nil
		}
		return undetermined(term(colReceived, 1), term(colOpen, -1))
	case "on_time", "on_time_rate":
		if fig == "on_time" {
			if g.onTime >= 0 && g.p.Hidden[g.onTime] {
				return true, nil
			}
			if g.onTime < 0 && g.total.OnTime > 0 && g.total.OnTime < g.below {
				return true, nil
			}
		}
		if hidden, ok := rate(false); ok {
			return hidden, nil
		}
		return undetermined(term(colReceived, 1), term(colOpen, -1))
	case "upheld_rate":
		if hidden, ok := rate(true); ok {
			return hidden, nil
		}
		if w, err := undetermined(term(colUpheld, 1), term(colPartly, 1)); w || err != nil {
			return w, err
		}
		return undetermined(term(colUpheld, 1), term(colPartly, 1), term(colNotUpheld, 1))
	}
	return false, nil
}

// withheldElsewhere reports whether a block other than a by-service
// table or chart must withhold the total fig of year and stage, and
// where the grid is published, for the message or the note.
func (p *paper) withheldElsewhere(year string, st caselog.Stage, fig string) (bool, *serviceGrid) {
	g := p.grid(year, st)
	if g == nil || g.p == nil || g.err != nil {
		return false, nil
	}
	return g.outside[fig], g
}

// displayOrder is the order rows are printed in.
func (g *serviceGrid) displayOrder() []int {
	if g.order != nil {
		return g.order
	}
	out := make([]int, len(g.rows))
	for i := range out {
		out[i] = i
	}
	return out
}

// prose figures: which cells of a grid a metric names.
var proseColumn = map[string]int{
	"received": colReceived, "upheld": colUpheld, "partially_upheld": colPartly,
	"not_upheld": colNotUpheld, "withdrawn": colWithdrawn, "open": colOpen,
}

// withheld checks a prose citation (metric NAME YEAR [SERVICE]) against
// the grid of its year and stage: a figure the paper withholds, or one
// the published figures do not already determine, must not be printed in
// text either.
func (p *paper) withheld(name, year, service string) error {
	stage, fig, ok := strings.Cut(name, ".")
	if !ok {
		return nil
	}
	st, ok := metrics.StageOf(stage)
	if !ok {
		return nil
	}
	if err := p.heatWithheld(name, year, service); err != nil {
		return err
	}
	g := p.grid(year, st)
	if g == nil || g.p == nil {
		return nil
	}
	refuse := fmt.Errorf("this figure is withheld in %s so that no one can be identified", g.where())
	row := len(g.rows)
	if service != "" {
		if containsString(g.grouped, service) {
			return fmt.Errorf("%s is counted in %s in %s, so that no one can be identified; its own figures are not published", service, OtherServices, g.where())
		}
		row = -1
		for i, r := range g.rows {
			if r.name == service {
				row = i
			}
		}
		if row < 0 {
			return nil // no complaints: nothing to protect
		}
	}
	if row < len(g.rows) && (fig == "refused" || strings.HasPrefix(fig, "acknowledged")) {
		// Counted apart from the audited grid's columns, so a small
		// service's could name someone.
		return fmt.Errorf("%s is not among the figures %s audits, so a service's cannot be cited beside it; cite the council's total", fig, g.where())
	}
	if row == len(g.rows) && fig != "mean_working_days" && fig != "no_outcome" {
		// A total: decided as for the tables and charts that print it.
		w, err := g.totalWithheld(fig)
		if err != nil {
			return err
		}
		if w {
			return refuse
		}
		return nil
	}
	var e []disclosure.Term
	switch fig {
	case "on_time_rate", "on_time", "mean_working_days":
		if g.rateHidden(row, false) {
			return refuse
		}
		return nil
	case "upheld_rate":
		if g.rateHidden(row, true) {
			return refuse
		}
		return nil
	case "closed":
		e = []disclosure.Term{{Cell: g.cell(row, colReceived), Coef: 1}, {Cell: g.cell(row, colOpen), Coef: -1}}
	case "escalation_rate":
		e = []disclosure.Term{{Cell: g.cell(row, colReceived), Coef: 1}}
	default:
		j, ok := proseColumn[fig]
		if !ok {
			return nil
		}
		e = []disclosure.Term{{Cell: g.cell(row, j), Coef: 1}}
	}
	pinned, err := g.t.Pinned(g.p, e)
	if err != nil {
		return err
	}
	if !pinned || (len(e) == 1 && g.p.Hidden[e[0].Cell]) {
		return refuse
	}
	return nil
}

func containsString(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// disclosureNote is the note under a suppressed table or chart.
func disclosureNote(below int, rates bool) string {
	s := fmt.Sprintf("%s: withheld so that no one can be identified: a count from 1 to %d, or a count that would reveal one.", Withheld, below-1)
	if rates {
		s += " *: a rate withheld because it rests on fewer than " + fmt.Sprint(below) + " complaints or on a withheld count."
	}
	return s + " The figures were audited: no withheld count can be narrowed to fewer than three values from what this paper publishes."
}

// GridAudit is the record of one suppressed by-service grid, for an
// officer to show a reviewer that the paper was checked (paper check
// --disclosure).
type GridAudit struct {
	// Where names the blocks publishing the grid: "Table 4, Figure 4".
	Where string
	// Path is the first block's key path; Year and Stage the grid's.
	Path, Year, Stage string
	Below             int
	// Cells lists every withheld cell in table order.
	Cells []AuditedCell
	// Rates names every withheld rate.
	Rates []string
	// Passed reports that every small count keeps at least
	// disclosure.MinValues possible values.
	Passed bool
}

// AuditedCell is one withheld cell.
type AuditedCell struct {
	Name  string
	Value int
	// Sensitive is a small count; otherwise the cell protects the cells
	// named in Protects.
	Sensitive bool
	Protects  []string
	// Range is a sensitive cell's audited range.
	Range disclosure.Range
}

// Audits decides and audits, by linear programming, every suppressed
// by-service grid of a paper, in the order the paper first publishes
// them.
func Audits(in Input) ([]GridAudit, error) {
	p := newPaper(in)
	var keys []gridKey
	for k, g := range p.grids {
		if len(g.uses) > 0 {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(a, b int) bool { return p.grids[keys[a]].uses[0].path < p.grids[keys[b]].uses[0].path })
	var out []GridAudit
	for _, k := range keys {
		g := p.grid(k.year, k.stage)
		if g.err != nil {
			return nil, g.err
		}
		if g.p == nil {
			continue
		}
		ranges, err := g.t.Audit(g.p)
		if err != nil {
			return nil, err
		}
		var where []string
		for _, u := range g.uses {
			w := u.label
			if w == "" {
				w = "the by-service table at " + u.path
				if !u.table {
					w = "the by-service chart at " + u.path
				}
			}
			where = append(where, w)
		}
		a := GridAudit{Where: strings.Join(where, ", "), Path: g.uses[0].path, Year: k.year, Stage: metrics.Stages[k.stage], Below: g.below, Passed: true}
		for i, c := range g.t.Cells {
			if !g.p.Hidden[i] {
				continue
			}
			ac := AuditedCell{Name: c.Name, Value: c.Value, Sensitive: g.t.Sensitive(i), Range: ranges[i]}
			for _, f := range g.p.Protects[i] {
				ac.Protects = append(ac.Protects, g.t.Cells[f].Name)
			}
			if ac.Sensitive && ranges[i].Values() < disclosure.MinValues {
				a.Passed = false
			}
			a.Cells = append(a.Cells, ac)
		}
		for k, r := range g.t.Rates {
			if g.p.RateHidden[k] {
				a.Rates = append(a.Rates, r.Name)
			}
		}
		out = append(out, a)
	}
	return out, nil
}

// withheldTotal reports, recording an error at key, whether a chart
// would draw the total fig of year and stage that a by-service table or
// chart of the same year and stage withholds: a chart has no mark for a
// withheld figure, so it must not draw one (one decision per figure for
// the whole paper).
func (b *binder) withheldTotal(year, stage, fig, key string) bool {
	choose := key + " or year"
	if key == "" {
		choose = "year"
	} else if !b.set(key) {
		key = "" // the default: the block is at fault
	}
	st, ok := metrics.StageOf(stage)
	if !ok {
		return false
	}
	w, g := b.p.withheldElsewhere(year, st, fig)
	if !w {
		return false
	}
	noun, _, _ := chartStageWords(stage)
	b.errorf(key, "%s for %s (%s) is withheld in %s so that no one can be identified; a chart cannot mark a withheld figure, so choose another %s",
		strings.ReplaceAll(fig, "_", " "), year, noun, g.where(), choose)
	return true
}
