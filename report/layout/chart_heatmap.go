package layout

import (
	"fmt"
	"slices"
	"sort"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/disclosure"
	"github.com/paperhq/paper/report/metrics"
)

// heatmapChart: services by month of one financial year, each cell
// shaded by its figure, small counts withheld under the audit.
var heatmapChart = &chartKind{
	Kind: Kind{
		Name: "heatmap",
		Doc:  "services by month (or by the case log's Category) of one financial year, each cell shaded by its figure (received, upheld or on-time rate) and printed with it, small counts suppressed",
		Options: []Option{
			{Key: "year", Type: OptionYear},
			{Key: "stage", Type: OptionChoice, Values: stageValues},
			{Key: "measure", Type: OptionChoice, Values: []string{"received", "upheld", "on_time_rate"}},
			{Key: "suppress_below", Type: OptionThreshold, Min: 2},
			{Key: "by", Type: OptionChoice, Values: []string{"month", "category"}},
		},
	},
	bind: (*binder).heatmap,
	rows: true,
}

// heatMeasureWords describes a heat map's measure: the subject's words
// after the stage's noun.
var heatMeasureWords = map[string]string{
	"received": "received", "upheld": "upheld", "on_time_rate": "answered on time (share of those closed)",
}

// heatRows is a heat map's grid before it is drawn: a row per service,
// a column per month (or category).
type heatRows struct {
	names, cols []string
	cells       [][]metrics.Cell
	total       []metrics.Cell
}

func (h *heatRows) rowTotal(i int) metrics.Cell {
	var t metrics.Cell
	for _, c := range h.cells[i] {
		t = addCell(t, c)
	}
	return t
}

func addCell(a, b metrics.Cell) metrics.Cell {
	return metrics.Cell{Received: a.Received + b.Received, Closed: a.Closed + b.Closed, OnTime: a.OnTime + b.OnTime, Upheld: a.Upheld + b.Upheld}
}

func heatCount(c metrics.Cell, measure string) int {
	if measure == "upheld" {
		return c.Upheld
	}
	return c.Received
}

func (b *binder) heatmap(c *definition.Chart, base chartBase) (charts.Chart, string) {
	cs := b.complaints()
	if cs == nil {
		return nil, ""
	}
	st := b.stage(c.Stage, 0)
	stage := metrics.Stages[st]
	year, ok := b.year(c.Year, caseLogSource(cs))
	if !ok {
		return nil, ""
	}
	if per, _ := metrics.ParsePeriod(year); per.Kind != 'Y' {
		b.errorf("year", "a heat map shows the twelve months of a financial year, and %s is part of one; give the year, %d/%02d", year, per.Start, (per.Start+1)%100)
		return nil, ""
	}
	measure := chartOr(c.Measure, "received")
	rate := measure == "on_time_rate"
	if !rate && b.withheldTotal(year, stage, measure, "measure") {
		return nil, ""
	}
	byCategory := c.By == "category"
	h, ok := b.heatGrid(cs, year, st, byCategory, measure)
	if !ok {
		return nil, ""
	}
	// Busiest first, by the year's total of the measure's count (a rate
	// map: by complaints received), names breaking ties.
	order := make([]int, len(h.names))
	for i := range order {
		order[i] = i
	}
	sortKey := func(i int) int {
		if rate {
			return h.rowTotal(i).Received
		}
		return heatCount(h.rowTotal(i), measure)
	}
	sort.SliceStable(order, func(x, y int) bool { return sortKey(order[x]) > sortKey(order[y]) })
	noun, _, _ := chartStageWords(stage)
	colWord, colName := "month", "Month"
	if byCategory {
		colWord, colName = "category", "Category"
	}
	ch := &charts.Heatmap{Title: base.title, Typeface: base.typeface, Width: base.width, RowName: "Service", ColName: colName, TotalName: "All services",
		Subject: noun + " " + heatMeasureWords[measure] + " by service and " + colWord + ", " + year, Format: charts.Count}
	if rate {
		ch.Format = charts.Percent
	}
	if byCategory {
		ch.Cols, ch.LongCols, ch.ListTable = h.cols, h.cols, true
	} else {
		from, _ := periodMonths(year)
		for i := 0; i < 12; i++ {
			k := from + i
			name := time.Month(k%12 + 1).String()
			ch.Cols = append(ch.Cols, name[:3])
			ch.LongCols = append(ch.LongCols, fmt.Sprintf("%s %d", name, k/12))
		}
	}
	hidden, err := b.heatPattern(&h, measure, c.SuppressBelow)
	if err != nil {
		b.errorf("suppress_below", "%v", err)
		return nil, ""
	}
	b.heatAgrees(&h, year, st, measure, c.SuppressBelow, &hidden)
	if measure == "received" && !byCategory {
		b.heatMonthsAgree(year, st, hidden)
	}
	if !b.ok {
		return nil, ""
	}
	// Rows whose total is withheld go last, by name, so that their place
	// in the order gives nothing away.
	sort.SliceStable(order, func(x, y int) bool {
		hx, hy := hidden.row[order[x]], hidden.row[order[y]]
		if hx != hy {
			return !hx
		}
		if hx {
			return h.names[order[x]] < h.names[order[y]]
		}
		return false
	})
	fig := func(cell metrics.Cell, hide bool) charts.HeatCell {
		if hide {
			return charts.HeatCell{Hidden: true}
		}
		if rate {
			if cell.Closed == 0 {
				return charts.HeatCell{}
			}
			return charts.HeatCell{Value: charts.V(float64(cell.OnTime) / float64(cell.Closed))}
		}
		return charts.HeatCell{Value: charts.V(float64(heatCount(cell, measure)))}
	}
	for _, i := range order {
		ch.Rows = append(ch.Rows, h.names[i])
		var row []charts.HeatCell
		for m, cell := range h.cells[i] {
			row = append(row, fig(cell, hidden.cell[i][m]))
		}
		ch.Cells = append(ch.Cells, row)
		ch.RowTotals = append(ch.RowTotals, fig(h.rowTotal(i), hidden.row[i]))
	}
	var all metrics.Cell
	for m, cell := range h.total {
		ch.ColTotals = append(ch.ColTotals, fig(cell, hidden.col[m]))
		all = addCell(all, cell)
	}
	ch.Total = fig(all, hidden.total)
	// The busiest month, among those the heat map shows the total of (a
	// rate map shows rates, so any month whose count is not small).
	count := func(m int) int {
		if measure == "upheld" {
			return h.total[m].Upheld
		}
		return h.total[m].Received
	}
	busiest := -1
	for m := range h.total {
		if (!rate && hidden.col[m]) || (rate && c.SuppressBelow > 1 && count(m) < c.SuppressBelow) {
			continue
		}
		if busiest < 0 || count(m) > count(busiest) {
			busiest = m
		}
	}
	if busiest >= 0 && count(busiest) > 0 {
		if measure == "upheld" {
			ch.Busiest = fmt.Sprintf("the %s with the most upheld was %s (%s)", colWord, ch.LongCols[busiest], charts.FormatCount(float64(count(busiest))))
		} else {
			ch.Busiest = fmt.Sprintf("the busiest %s was %s (%s received)", colWord, ch.LongCols[busiest], charts.FormatCount(float64(count(busiest))))
		}
	}
	if hidden.any {
		ch.Withheld = Withheld
		ch.Note = disclosureNote(c.SuppressBelow, false)
		if rate {
			ch.Withheld = "*"
			ch.Note = fmt.Sprintf("*: a rate withheld because it rests on fewer than %d complaints, so that no one can be identified.", c.SuppressBelow)
		}
	}
	b.p.recordHeat(year, st, measure, h.names, hidden, b.p.figureLabel(b.path), !byCategory)
	return ch, chartCapitalise(ch.Subject)
}

// heatGrid gathers the heat map's counts: a row per service with a case
// of the stage in the year, a column per month from April, or per
// category of the case log's Category column (busiest first, "Not
// recorded" last).
func (b *binder) heatGrid(cs *metrics.Complaints, year string, st caselog.Stage, byCategory bool, measure string) (heatRows, bool) {
	var h heatRows
	if !byCategory {
		sm, err := cs.ServiceMonths(year, st)
		if err != nil {
			b.errorf("year", "%v", err)
			return h, false
		}
		h.total = make([]metrics.Cell, 12)
		for m := 0; m < 12; m++ {
			h.cols = append(h.cols, time.Month((m+3)%12 + 1).String()[:3])
		}
		for _, name := range cs.ServiceNames() {
			if cells := sm[name]; cells != nil {
				h.names = append(h.names, name)
				h.cells = append(h.cells, cells[:])
				for m, cell := range cells {
					h.total[m] = addCell(h.total[m], cell)
				}
			}
		}
		return h, true
	}
	sc, cats, ok, err := cs.ServiceCategories(year, st)
	if err != nil {
		b.errorf("year", "%v", err)
		return h, false
	}
	if !ok {
		b.errorf("by", "the case log has no Category column, so there is nothing to show by category; add one (the kind of complaint: repairs, antisocial behaviour ...), or map the export's own with data.columns: {Category: ...}")
		return h, false
	}
	totals := map[string]metrics.Cell{}
	for _, row := range sc {
		for cat, cell := range row {
			totals[cat] = addCell(totals[cat], *cell)
		}
	}
	sort.Slice(cats, func(i, j int) bool {
		a, b := cats[i], cats[j]
		if (a == metrics.NotRecorded) != (b == metrics.NotRecorded) {
			return b == metrics.NotRecorded
		}
		ta, tb := heatCount(totals[a], measure), heatCount(totals[b], measure)
		if ta != tb {
			return ta > tb
		}
		return a < b
	})
	h.cols = cats
	h.total = make([]metrics.Cell, len(cats))
	for j, cat := range cats {
		h.total[j] = totals[cat]
	}
	for _, name := range cs.ServiceNames() {
		row := sc[name]
		if row == nil {
			continue
		}
		cells := make([]metrics.Cell, len(cats))
		for j, cat := range cats {
			if c := row[cat]; c != nil {
				cells[j] = *c
			}
		}
		h.names = append(h.names, name)
		h.cells = append(h.cells, cells)
	}
	return h, true
}

// heatHidden is what a heat map withholds: cells by row and month, row
// totals, month totals and the grand total.
type heatHidden struct {
	cell  [][]bool
	row   []bool
	col   []bool
	total bool
	any   bool
}

// heatPattern decides what the heat map withholds. Counts (received,
// upheld) are a service-by-month grid whose row totals (each service's
// year, which a by-service table prints) and month totals (which a
// monthly chart prints) are published too: disclosure.Grid's shape, with
// the year total in column 0. It is audited like a by-service grid, with
// the margins kept shown where any pattern allows, so that they agree
// with the paper's other blocks. A rate is withheld when it rests on
// fewer than below closed complaints: its numerator and denominator are
// not published, so the rate alone gives no count away.
func (b *binder) heatPattern(h *heatRows, measure string, below int) (heatHidden, error) {
	n := len(h.names)
	nc := len(h.total)
	out := heatHidden{cell: make([][]bool, n), row: make([]bool, n), col: make([]bool, nc)}
	for i := range out.cell {
		out.cell[i] = make([]bool, nc)
	}
	if below <= 1 {
		return out, nil
	}
	if measure == "on_time_rate" {
		small := func(c metrics.Cell) bool { return c.Closed > 0 && c.Closed < below }
		for i := range h.cells {
			for m, c := range h.cells[i] {
				out.cell[i][m] = small(c)
			}
			out.row[i] = small(h.rowTotal(i))
		}
		var all metrics.Cell
		for m, c := range h.total {
			out.col[m] = small(c)
			all = addCell(all, c)
		}
		out.total = small(all)
		out.any = out.markedAny()
		return out, nil
	}
	t := h.table(measure, below)
	p, err := t.Choose()
	if err != nil {
		return out, err
	}
	g := h.grid(measure)
	for i := 0; i <= n; i++ {
		for j := 0; j <= nc; j++ {
			hid := p.Hidden[g.Cell(i, j)]
			switch {
			case i == n && j == 0:
				out.total = hid
			case i == n:
				out.col[j-1] = hid
			case j == 0:
				out.row[i] = hid
			default:
				out.cell[i][j-1] = hid
			}
		}
	}
	out.any = out.markedAny()
	return out, nil
}

func (h heatHidden) markedAny() bool {
	if h.total {
		return true
	}
	for i := range h.cell {
		if h.row[i] {
			return true
		}
		for _, x := range h.cell[i] {
			if x {
				return true
			}
		}
	}
	for _, x := range h.col {
		if x {
			return true
		}
	}
	return false
}

// grid is the heat map's counts as a disclosure.Grid: column 0 the
// service's year, then its months; the grid's total row the months'
// totals.
func (h *heatRows) grid(measure string) disclosure.Grid {
	g := disclosure.Grid{Rows: h.names, Cols: append([]string{"Year"}, h.cols...)}
	for i := range h.names {
		row := []int{heatCount(h.rowTotal(i), measure)}
		for _, c := range h.cells[i] {
			row = append(row, heatCount(c, measure))
		}
		g.Counts = append(g.Counts, row)
	}
	return g
}

// table is the grid as a disclosure.Table, its margins kept shown where
// the chooser can.
func (h *heatRows) table(measure string, below int) *disclosure.Table {
	g := h.grid(measure)
	t := g.Table(below)
	n := len(h.names)
	for i := 0; i <= n; i++ {
		for j := 0; j <= len(h.cols); j++ {
			if i == n || j == 0 {
				t.Cells[g.Cell(i, j)].Keep = true
			}
		}
	}
	return t
}

// heatAgrees checks the heat map's row totals against a by-service table
// or chart of the same year and stage: each service's year count (or
// on-time rate) is printed by both, so both must withhold it or neither,
// with one threshold. A rate the by-service grid withholds is withheld
// here too (a rate alone gives no count away, so withholding more is
// safe); a count cannot be, since the service's months would add up to
// it, so a disagreement is an error.
func (b *binder) heatAgrees(h *heatRows, year string, st caselog.Stage, measure string, below int, hidden *heatHidden) {
	g := b.p.grid(year, st)
	if g == nil || g.err != nil || g.p == nil {
		return
	}
	if below != g.below {
		b.errorf("suppress_below", "%s shows the same year and stage with suppress_below: %d; give the same here, so that both withhold the same figures", g.where(), g.below)
		return
	}
	col := colReceived
	if measure == "upheld" {
		col = colUpheld
	}
	for i, name := range h.names {
		if containsString(g.grouped, name) {
			b.errorf("", "%s counts %s in %s, so that no one can be identified, and the heat map would show it on its own; leave group_below out there, or show another year or stage", g.where(), name, OtherServices)
			return
		}
		row := -1
		for k, r := range g.rows {
			if r.name == name {
				row = k
			}
		}
		if row < 0 {
			continue
		}
		if measure == "on_time_rate" {
			if g.rateHidden(row, false) && !hidden.row[i] {
				hidden.row[i], hidden.any = true, true
			}
			continue
		}
		if there := g.hidden(row, col); there != hidden.row[i] {
			what, here := "withholds", "would print it"
			if !there {
				what, here = "prints", "would withhold it"
			}
			b.errorf("", "%s %s %s's %s count for %s, and the heat map %s in its Total column, while its months add up to it; the two cannot agree, so show another measure, year or stage in one of them",
				g.where(), what, name, measure, year, here)
			return
		}
	}
}

// heatMonthsAgree refuses a heat map that withholds a month's total
// when a monthly chart of the paper draws that month's received count:
// a chart cannot mark a withheld figure.
func (b *binder) heatMonthsAgree(year string, st caselog.Stage, hidden heatHidden) {
	if !slices.Contains(hidden.col, true) {
		return
	}
	src := caseLogSource(b.p.in.Figures.Complaints)
	n := 0
	for _, s := range b.p.r.Sections {
		for _, blk := range s.Blocks {
			c := blk.Chart
			if c == nil {
				continue
			}
			n++
			if c.Kind != "monthly" || chartOr(c.Measure, "received") != "received" {
				continue
			}
			if cst, ok := metrics.StageOf(chartOr(c.Stage, "stage1")); !ok || cst != st {
				continue
			}
			years := c.Years
			if c.Year != "" {
				years = []string{c.Year}
			}
			if len(years) == 0 {
				years = []string{"latest"}
			}
			for _, y := range years {
				ry, err := b.p.resolveYear(y, src)
				if err != nil {
					continue
				}
				if per, ok := metrics.ParsePeriod(ry); ok && fmt.Sprintf("%d/%02d", per.Start, (per.Start+1)%100) == year {
					b.errorf("suppress_below", "the heat map withholds a month's total to protect a small count, and Figure %d draws every month's complaints received in %s; a chart cannot mark a withheld figure, so leave the monthly chart out or show the heat map's measure for another year", n, year)
					return
				}
			}
		}
	}
}

// heatUse records what a heat map withholds, for text that cites it.
type heatUse struct {
	where  string
	hidden map[string]bool   // service ("" the council) -> its year total withheld
	months map[string][]bool // service ("" the council) -> its months withheld
}

// recordHeat notes a heat map's withheld row totals, so that text citing
// a service's year figure the heat map withholds is refused.
func (p *paper) recordHeat(year string, st caselog.Stage, measure string, names []string, hidden heatHidden, where string, byMonth bool) {
	if !hidden.any {
		return
	}
	if p.heats == nil {
		p.heats = map[string]heatUse{}
	}
	fig := measure
	u := heatUse{where: where, hidden: map[string]bool{}, months: map[string][]bool{}}
	for i, n := range names {
		u.hidden[n] = hidden.row[i]
		if byMonth {
			u.months[n] = hidden.cell[i]
		}
	}
	u.hidden[""] = hidden.total
	if byMonth {
		u.months[""] = hidden.col
	}
	p.heats[year+"|"+metrics.Stages[st]+"."+fig] = u
}

// heatWithheld refuses text citing a figure a heat map withholds: a
// year's, or a quarter's or half's whose months the heat map withholds
// any of (the months add up to it).
func (p *paper) heatWithheld(name, period, service string) error {
	per, ok := metrics.ParsePeriod(period)
	if !ok {
		return nil
	}
	year := fmt.Sprintf("%d/%02d", per.Start, (per.Start+1)%100)
	u, ok := p.heats[year+"|"+name]
	if !ok {
		return nil
	}
	refuse := fmt.Errorf("this figure is withheld in %s so that no one can be identified", u.where)
	if per.Kind == 'Y' {
		if u.hidden[service] {
			return refuse
		}
		return nil
	}
	first, n := periodMonths(period)
	y0, _ := periodMonths(year)
	months := u.months[service]
	for m := first - y0; m < first-y0+n; m++ {
		if m >= 0 && m < len(months) && months[m] {
			return fmt.Errorf("%s withholds figures of this period's months so that no one can be identified, and they add up to it; cite the whole year, or a figure it shows", u.where)
		}
	}
	return nil
}

// figureLabel is the number the chart block at path will be laid out
// with, "Figure 3", counted as layout numbers figures.
func (p *paper) figureLabel(path string) string {
	n := 0
	for i, s := range p.r.Sections {
		for j, b := range s.Blocks {
			if b.Chart == nil {
				continue
			}
			n++
			if fmt.Sprintf("sections[%d].blocks[%d].chart", i, j) == path {
				return fmt.Sprintf("Figure %d", n)
			}
		}
	}
	return "the heat map"
}
