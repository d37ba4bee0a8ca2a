// Package disclosure decides which counts of a published table to
// withhold so that no small count can be read or worked out from what is
// published, and audits that decision the way statistical offices do
// (tau-Argus, sdcTable): for every small count it computes, by linear
// programming over every published relation, the smallest and largest
// value the count could take, and it requires at least three possible
// whole values.
//
// A Table is a set of counts (cells) tied by linear relations (a row's
// parts add up to its total, a column's cells to the total row) and rates
// built on them (printed as rounded percentages, each standing for the
// interval its rounding allows). Choose hides the sensitive cells (counts
// from 1 to Below-1), then, while the audit finds a sensitive cell with
// fewer than three possible values, hides the cheapest further cell and
// audits again. A reader is assumed to know everything published: the
// shown counts, the relations, the shown rates, and that a withheld count
// is not zero (zeros are always shown).
package disclosure

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Term is Coef times a cell's count.
type Term struct {
	Cell int
	Coef float64
}

// Relation says that a linear combination of cells equals Const: a
// table's total row, a row's total, a chart's bar total.
type Relation struct {
	Terms []Term
	Const float64
}

// Rate is a published ratio of two linear combinations of cells, printed
// as a percentage with Digits decimals (format.Default: the paper's
// precision, whole with one decimal place under 10%).
type Rate struct {
	Name string
	// Num and Den are the ratio's numerator and denominator. An empty Num
	// is a count the table does not publish (answered on time): the rate
	// then tells a reader nothing about the cells, because for any
	// positive denominator some numerator gives the printed rate.
	Num, Den []Term
	// On lists the cells the rate is built on.
	On     []int
	Digits int
	// Keep says that the rate is printed elsewhere in the paper as well:
	// it is withheld only when its denominator is below the threshold,
	// not for resting on a withheld count, and the audit takes it as
	// published, so the cells are chosen to protect every small count
	// with the rate shown.
	Keep bool
}

// Cell is one count.
type Cell struct {
	Name  string
	Value int
	// Unpublished cells are never printed (a paper with only a chart
	// publishes no row totals): they are unknowns of the audit that are
	// never sensitive and never chosen as secondary cells.
	Unpublished bool
	// Keep asks the chooser not to pick the cell as a secondary one (it
	// is cited elsewhere); it is still hidden when sensitive, or when no
	// other choice protects a sensitive cell.
	Keep bool
}

// Table is what a paper publishes of one grid of counts.
type Table struct {
	// Below is the threshold: counts from 1 to Below-1 are sensitive.
	Below     int
	Cells     []Cell
	Relations []Relation
	Rates     []Rate
}

// Sensitive reports whether cell i is a small count that must be
// protected.
func (t *Table) Sensitive(i int) bool {
	c := t.Cells[i]
	return !c.Unpublished && c.Value > 0 && c.Value < t.Below
}

// MinValues is the number of whole values every sensitive cell must be
// left to take.
const MinValues = 3

// Range is the audited range of a count: the values from Lo to Hi are
// consistent with everything published. Unbounded means no upper limit.
type Range struct {
	Lo, Hi    int
	Unbounded bool
}

// Values is the number of whole values in the range (math.MaxInt when
// unbounded).
func (r Range) Values() int {
	if r.Unbounded {
		return math.MaxInt
	}
	return r.Hi - r.Lo + 1
}

func (r Range) String() string {
	if r.Unbounded {
		return fmt.Sprintf("%d or more", r.Lo)
	}
	return fmt.Sprintf("%d to %d", r.Lo, r.Hi)
}

// Pattern is the decision for every cell and rate of a table.
type Pattern struct {
	// Hidden says which cells are withheld.
	Hidden []bool
	// Protects lists, for a secondary cell, the sensitive cells whose
	// audit failed when it was chosen; nil for the others.
	Protects [][]int
	// RateHidden says which rates are withheld.
	RateHidden []bool
}

// Audit computes, by linear programming, the range of every sensitive
// cell under a pattern: its hidden cells and rates are withheld,
// everything else is published. The result is indexed by cell (the zero
// Range for cells that are not sensitive).
func (t *Table) Audit(p *Pattern) ([]Range, error) {
	a := t.auditor(p.Hidden, p.RateHidden)
	out := make([]Range, len(t.Cells))
	for i := range t.Cells {
		if !t.Sensitive(i) {
			continue
		}
		r, err := a.rangeOf([]Term{{Cell: i, Coef: 1}})
		if err != nil {
			return nil, fmt.Errorf("disclosure: auditing %s: %w", t.Cells[i].Name, err)
		}
		out[i] = r
	}
	return out, nil
}

// Pinned reports whether the published figures determine the linear
// combination e exactly, so that printing it gives nothing away.
func (t *Table) Pinned(p *Pattern, e []Term) (bool, error) {
	return t.auditor(p.Hidden, p.RateHidden).pinned(e)
}

// ErrUnprotectable is returned when no pattern protects every sensitive
// cell (only possible when cells marked Keep must stay shown).
var ErrUnprotectable = errors.New("disclosure: no pattern protects every small count")

// Choose decides what to withhold. Sensitive cells are hidden; a rate is
// hidden when its denominator is below the threshold or it is built on a
// hidden count. Then, while the audit finds sensitive cells with fewer
// than MinValues possible values, the cheapest further cell is hidden:
// among the shown non-zero counts that share a relation with a failing
// cell, the one with the smallest count per failing cell it touches (so
// a cell that protects several is preferred), then the smaller count,
// then the earlier cell. Hiding a cell only removes a published figure, so no
// range shrinks and a cell that passed the audit passes it ever after.
// Then secondary cells made redundant by later ones are shown again.
// Last, each hidden rate whose numerator and denominator the published
// figures determine anyway is shown again. The result is deterministic.
func (t *Table) Choose() (*Pattern, error) { return t.choose(true) }

// choose is Choose. With gallop, the chooser does not audit the pattern
// after every cell it hides: while the same cells fail, the cells it
// hides next follow from the pattern alone (cheapest), and a cell that
// passes passes under every later pattern, so the first pattern of the
// sequence under which one of them passes is found by auditing the 1st,
// 2nd, 4th, 8th ... and then bisecting. The pattern is the same as
// auditing after every cell (gallop false, which the tests compare it
// with).
func (t *Table) choose(gallop bool) (*Pattern, error) {
	n := len(t.Cells)
	p := &Pattern{Hidden: make([]bool, n), Protects: make([][]int, n), RateHidden: make([]bool, len(t.Rates))}
	var failing []int
	for i := range t.Cells {
		if t.Sensitive(i) {
			p.Hidden[i] = true
			failing = append(failing, i)
		}
	}
	if len(failing) == 0 {
		return p, nil
	}
	t.hideRates(p)
	vs := newMemo(t)
	// audit returns the cells of cells that fail under hidden, or with
	// any, whether one passes (and then not the failing ones).
	audit := func(hidden, rateHidden []bool, cells []int, any bool) ([]int, bool, error) {
		a := t.auditorOver(hidden, rateHidden, vs.iv, vs)
		defer vs.recycle(a)
		var fail []int
		for _, i := range cells {
			ok, err := a.passesCached(i, vs)
			if err != nil {
				return nil, false, fmt.Errorf("disclosure: auditing %s: %w", t.Cells[i].Name, err)
			}
			if ok && any {
				return nil, true, nil
			}
			if !ok {
				fail = append(fail, i)
			}
		}
		return fail, false, nil
	}
	failing, _, err := audit(p.Hidden, p.RateHidden, failing, false)
	if err != nil {
		return nil, err
	}
	for len(failing) > 0 {
		// The cells the chooser hides in turn while failing fails, made
		// as far as they are needed.
		w := &Pattern{Hidden: slices.Clone(p.Hidden)}
		var picks []int
		var protects [][]int
		extend := func(k int) int {
			for len(picks) < k {
				c, pr := t.cheapest(w, failing, &vs.cheap)
				if c < 0 {
					break
				}
				w.Hidden[c] = true
				picks, protects = append(picks, c), append(protects, pr)
			}
			return len(picks)
		}
		// passesAt reports whether a cell of failing passes once the
		// first k picks are hidden.
		passesAt := func(k int) (bool, error) {
			q := &Pattern{Hidden: slices.Clone(p.Hidden), RateHidden: make([]bool, len(t.Rates))}
			for _, c := range picks[:k] {
				q.Hidden[c] = true
			}
			t.hideRates(q)
			_, ok, err := audit(q.Hidden, q.RateHidden, failing, true)
			return ok, err
		}
		// lo picks are known to leave every cell of failing failing, hi
		// to let one pass.
		lo, hi := 0, 0
		for k := 1; hi == 0; {
			got := extend(k)
			if got <= lo {
				return nil, ErrUnprotectable
			}
			k = min(k, got)
			ok, err := passesAt(k)
			if err != nil {
				return nil, err
			}
			if ok {
				hi = k
			} else if lo = k; gallop {
				k *= 2
			} else {
				k++
			}
		}
		for hi-lo > 1 {
			mid := (lo + hi) / 2
			ok, err := passesAt(mid)
			if err != nil {
				return nil, err
			}
			if ok {
				hi = mid
			} else {
				lo = mid
			}
		}
		for j, c := range picks[:hi] {
			p.Hidden[c] = true
			p.Protects[c] = protects[j]
		}
		t.hideRates(p)
		if failing, _, err = audit(p.Hidden, p.RateHidden, failing, false); err != nil {
			return nil, err
		}
	}
	if err := t.prune(p, vs); err != nil {
		return nil, err
	}
	a := t.auditorOver(p.Hidden, p.RateHidden, vs.iv, vs)
	for k, r := range t.Rates {
		if !p.RateHidden[k] {
			continue
		}
		// A rate over a count the table does not publish stays hidden
		// when its denominator is small: it would give that count away.
		if len(r.Num) == 0 && t.value(r.Den) < float64(t.Below) {
			continue
		}
		den, err := a.pinnedGiven(r.Den, vs)
		if err != nil {
			return nil, err
		}
		num := len(r.Num) == 0
		if den && !num {
			if num, err = a.pinnedGiven(r.Num, vs); err != nil {
				return nil, err
			}
		}
		if den && num {
			p.RateHidden[k] = false
		}
	}
	return p, nil
}

// hideRates hides every rate built on a hidden cell (but those to Keep)
// or on a denominator below the threshold.
func (t *Table) hideRates(p *Pattern) {
	for k, r := range t.Rates {
		if p.RateHidden[k] {
			continue
		}
		if d := t.value(r.Den); d > 0 && d < float64(t.Below) {
			p.RateHidden[k] = true
			continue
		}
		if r.Keep {
			continue
		}
		for _, c := range r.On {
			if p.Hidden[c] {
				p.RateHidden[k] = true
				break
			}
		}
	}
}

// value is e's true value.
func (t *Table) value(e []Term) float64 {
	v := 0.0
	for _, tm := range e {
		v += tm.Coef * float64(t.Cells[tm.Cell].Value)
	}
	return v
}

// cheapest picks the next secondary cell for the failing cells, and the
// failing cells it shares a relation with. Candidates are first the
// shown cells in a relation with a failing cell; when there are none,
// those in a relation with any cell those relations hide, and so on
// outwards; last, any shown cell.
func (t *Table) cheapest(p *Pattern, failing []int, cs *cheapScratch) (int, []int) {
	hideable := func(c int) bool {
		cell := t.Cells[c]
		return !p.Hidden[c] && !cell.Unpublished && cell.Value > 0
	}
	n := len(t.Cells)
	if cs == nil {
		cs = &cheapScratch{}
	}
	cs.start(n)
	touches := cs.touches // candidate -> failing cells it shares a relation with (none: not a candidate)
	cands := cs.cands[:0] // the candidates, as found
	frontier := append(cs.frontier[:0], failing...)
	seen := cs.seen
	for _, f := range failing {
		seen[f] = true
	}
	inFrontier := cs.inFrontier
	grow, in := cs.grow[:0], cs.in[:0]
	defer func() { cs.cands, cs.frontier, cs.grow, cs.in = cands, frontier, grow, in }()
	for frontierRound := 0; len(cands) == 0 && len(frontier) > 0; frontierRound++ {
		for _, f := range frontier {
			inFrontier[f] = true
		}
		grow = grow[:0]
		for _, rel := range t.Relations {
			in = in[:0]
			for _, tm := range rel.Terms {
				if inFrontier[tm.Cell] {
					in = append(in, tm.Cell)
				}
			}
			if len(in) == 0 {
				continue
			}
			for _, tm := range rel.Terms {
				c := tm.Cell
				if hideable(c) {
					// Past the first round the frontier holds hidden
					// cells; what the candidate protects is still the
					// failing cells.
					from := in
					if frontierRound > 0 {
						from = failing
					}
					if len(touches[c]) == 0 {
						cands = append(cands, c)
					}
					for _, f := range from {
						if !containsInt(touches[c], f) {
							touches[c] = append(touches[c], f)
						}
					}
				} else if p.Hidden[c] || t.Cells[c].Unpublished {
					if !seen[c] {
						seen[c] = true
						grow = append(grow, c)
					}
				}
			}
		}
		for _, f := range frontier {
			inFrontier[f] = false
		}
		frontier, grow = grow, frontier
	}
	if len(cands) == 0 {
		for c := range t.Cells {
			if hideable(c) {
				cands = append(cands, c)
			}
		}
	}
	best, bestCost := -1, 0.0
	for _, c := range cands {
		v := float64(t.Cells[c].Value) / float64(max(1, len(touches[c])))
		if t.Cells[c].Keep {
			v += 1e12
		}
		switch {
		case best < 0 || v < bestCost:
			best, bestCost = c, v
		case v == bestCost && (t.Cells[c].Value < t.Cells[best].Value ||
			t.Cells[c].Value == t.Cells[best].Value && c < best):
			best = c
		}
	}
	if best < 0 {
		return -1, nil
	}
	protects := append([]int(nil), touches[best]...)
	sort.Ints(protects)
	return best, protects
}

func containsInt(s []int, v int) bool { return slices.Contains(s, v) }

// cheapScratch is the working memory of cheapest, kept by a Choose for
// its many calls.
type cheapScratch struct {
	touches                   [][]int
	seen, inFrontier          []bool
	cands, frontier, grow, in []int
}

// start readies cs for a table of n cells: no cell touched, seen or in
// the frontier.
func (cs *cheapScratch) start(n int) {
	if len(cs.touches) != n {
		cs.touches, cs.seen, cs.inFrontier = make([][]int, n), make([]bool, n), make([]bool, n)
		return
	}
	for c := range cs.touches {
		cs.touches[c] = cs.touches[c][:0]
	}
	clear(cs.seen)
	clear(cs.inFrontier)
}

// prune shows again each secondary cell, largest first, that the final
// pattern no longer needs: greedy choice can hide a cell early that a
// later one makes redundant. A cell is shown again only when every
// sensitive cell still passes the audit without it.
//
// The cells are tried in runs: when every sensitive cell passes with a
// whole run shown again, each of its cells would have passed on its own
// in turn (showing fewer of them withholds more, and a cell that passes
// passes under any pattern withholding more), so the run is shown with
// one audit; when some cell fails, the run is tried again cell by cell.
// Runs start at one cell and double after each run shown, so the
// decisions are those of trying every cell on its own, with fewer
// audits where many cells in a row are redundant.
func (t *Table) prune(p *Pattern, vs *memo) error {
	var second []int
	for i := range t.Cells {
		if p.Hidden[i] && !t.Sensitive(i) {
			second = append(second, i)
		}
	}
	sort.SliceStable(second, func(a, b int) bool { return t.Cells[second[a]].Value > t.Cells[second[b]].Value })
	var sensitive []int
	for i := range t.Cells {
		if t.Sensitive(i) {
			sensitive = append(sensitive, i)
		}
	}
	// What show needs for each run, made once: the rates' decisions
	// before it, the order of the audits and the cells near the run.
	rates := make([]bool, len(p.RateHidden))
	order := make([]int, len(sensitive))
	near := make([]bool, len(t.Cells))
	// show reports whether every sensitive cell passes with the cells of
	// run shown again, and leaves them shown when it does.
	show := func(run []int) (bool, error) {
		for _, c := range run {
			p.Hidden[c] = false
		}
		copy(rates, p.RateHidden)
		clear(p.RateHidden)
		t.hideRates(p)
		a := t.auditorOver(p.Hidden, p.RateHidden, vs.iv, vs)
		defer vs.recycle(a)
		// The cells sharing a relation with the run are the likeliest to
		// fail: audit them first.
		copy(order, sensitive)
		clear(near)
		for _, c := range run {
			t.markNeighbours(c, near)
		}
		sort.SliceStable(order, func(x, y int) bool { return near[order[x]] && !near[order[y]] })
		for _, i := range order {
			pass, err := a.passesCached(i, vs)
			if err != nil {
				return false, fmt.Errorf("disclosure: auditing %s: %w", t.Cells[i].Name, err)
			}
			if !pass {
				for _, c := range run {
					p.Hidden[c] = true
				}
				p.RateHidden, rates = rates, p.RateHidden
				return false, nil
			}
		}
		for _, c := range run {
			p.Protects[c] = nil
		}
		return true, nil
	}
	size := 1
	for len(second) > 0 {
		run := second[:min(size, len(second))]
		ok, err := show(run)
		switch {
		case err != nil:
			return err
		case ok:
			second = second[len(run):]
			size *= 2
		case len(run) == 1:
			second = second[1:] // needed: stays withheld
			size = 1
		default:
			size = 1
		}
	}
	return nil
}

// markNeighbours sets near[d] for each cell d sharing a relation with
// cell c.
func (t *Table) markNeighbours(c int, near []bool) {
	for _, rel := range t.Relations {
		if !slices.ContainsFunc(rel.Terms, func(tm Term) bool { return tm.Cell == c }) {
			continue
		}
		for _, tm := range rel.Terms {
			near[tm.Cell] = true
		}
	}
}
