package disclosure

import (
	"encoding/binary"
	"errors"
	"math"
	"math/big"
	"slices"

	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/paperhq/paper/report/format"
)

// constraint is Σ coef·y (= or ≤) rhs over the auditor's unknowns y.
type constraint struct {
	vars  []int
	coefs []float64
	rhs   float64
	le    bool
	// origin names the published figure the constraint comes from, the
	// same under every pattern: relation r is r, rate k's lower and upper
	// bounds are len(Relations)+2k and +2k+1.
	origin int
}

// auditor holds what a reader knows under one pattern: every withheld
// (or unpublished) cell is an unknown y ≥ 0, shifted by its lower bound
// (1 for a withheld count, since zeros are shown; 0 for an unpublished
// one), and every published relation and rate interval is a constraint on
// the unknowns. Unknowns that a relation with one unknown left
// determines are substituted before any linear program is solved.
type auditor struct {
	t     *Table
	varOf []int     // cell -> unknown, or -1 when the cell's count is known
	known []float64 // cell -> its count as the reader knows it
	lb    []float64 // unknown -> lower bound of its cell
	cur   []float64 // unknown -> its true value less the lower bound
	cell  []int     // unknown -> its cell
	cons  []constraint
	// byVar lists the constraints each unknown appears in.
	byVar [][]int
	// hidden and rateHidden are the pattern audited.
	hidden, rateHidden []bool
	// programs holds the setting of the programs over each set of
	// components, its tableau at the last optimum found over them.
	programs map[string]*lpOver
	// compOf, compVars and compCons label the unknowns by connected
	// component and list each component's unknowns and constraints,
	// sorted (label).
	compOf             []int
	compVars, compCons [][]int
	// compKeys holds, by component, where in enc the encoding of its
	// constraints is (from, to; 0, 0 until it is encoded).
	compKeys []int
	// enc, progKey and verdictKey are the buffers the keys of components,
	// programs and verdicts are made in.
	enc, progKey, verdictKey []byte
	// sum and touched are dualBound's scratch.
	sum     []float64
	touched []int
	// byOrigin maps a constraint's origin to its index plus one (0: no
	// constraint has that origin).
	byOrigin []int
	// iv holds the rates' intervals (Table.intervals).
	iv [][2]float64
	// vars and coefs back every constraint's unknowns and coefficients.
	vars  []int
	coefs []float64
	// valid says, for each witness of a memo's pool, whether it holds
	// under this pattern: 0 not yet known, 1 it holds, 2 it does not.
	valid []int8
	// sc is the memo's scratch, where the auditor takes its working
	// memory (nil outside a Choose).
	sc *scratch
}

func (t *Table) auditor(hidden, rateHidden []bool) *auditor {
	return t.auditorOver(hidden, rateHidden, t.intervals(), nil)
}

// intervals is, for each rate, the interval of fractions its printed
// value stands for (see interval); the zero one when it tells a reader
// nothing about the cells. Rates print their true values, so the
// intervals are the same under every pattern: Choose works them out
// once.
func (t *Table) intervals() [][2]float64 {
	iv := make([][2]float64, len(t.Rates))
	for k, r := range t.Rates {
		if den := t.value(r.Den); len(r.Num) > 0 && den > 0 {
			iv[k][0], iv[k][1] = interval(t.value(r.Num), den, r.Digits)
		}
	}
	return iv
}

// auditorOver is auditor with the rates' intervals given, its largest
// slices taken from m's spare buffers when m has them (m may be nil).
func (t *Table) auditorOver(hidden, rateHidden []bool, iv [][2]float64, m *memo) *auditor {
	var b buffers
	if m != nil {
		b, m.spare = m.spare, buffers{}
	}
	a := &auditor{t: t, iv: iv, hidden: hidden, rateHidden: rateHidden, programs: map[string]*lpOver{}}
	if m != nil {
		a.sc = m.sc
		a.enc, a.progKey, a.verdictKey = b.enc[:0], b.progKey[:0], b.verdictKey[:0]
	}
	a.varOf = slices.Grow(b.varOf[:0], len(t.Cells))[:len(t.Cells)]
	a.known = slices.Grow(b.known[:0], len(t.Cells))[:len(t.Cells)]
	clear(a.known)
	a.cell, a.lb, a.cur = b.cell[:0], b.lb[:0], b.cur[:0]
	for i, c := range t.Cells {
		a.varOf[i] = -1
		if c.Unpublished || hidden[i] {
			a.varOf[i] = len(a.lb)
			a.cell = append(a.cell, i)
			lb := 1.0
			if c.Unpublished {
				lb = 0
			}
			a.lb = append(a.lb, lb)
			a.cur = append(a.cur, float64(c.Value)-lb)
			continue
		}
		a.known[i] = float64(c.Value)
	}
	// Every constraint's unknowns and coefficients in one backing array
	// each, capped per constraint (presolve only shortens them).
	size := 0
	for _, r := range t.Relations {
		size += len(r.Terms)
	}
	for _, r := range t.Rates {
		size += 2 * (len(r.Num) + len(r.Den))
	}
	vars, coefs := slices.Grow(b.vars[:0], size), slices.Grow(b.coefs[:0], size)
	a.vars, a.coefs = vars, coefs
	a.cons = slices.Grow(b.cons[:0], len(t.Relations)+2*len(t.Rates))
	// add adds f1·e1 + f2·e2 (= or ≤) rhs.
	add := func(e1 []Term, f1 float64, e2 []Term, f2 float64, rhs float64, le bool, origin int) {
		k := constraint{rhs: rhs, le: le, origin: origin}
		from := len(vars)
		for _, part := range [2]struct {
			e []Term
			f float64
		}{{e1, f1}, {e2, f2}} {
			for _, tm := range part.e {
				c := tm.Coef * part.f
				if v := a.varOf[tm.Cell]; v >= 0 {
					vars = append(vars, v)
					coefs = append(coefs, c)
					k.rhs -= c * a.lb[v]
				} else {
					k.rhs -= c * a.known[tm.Cell]
				}
			}
		}
		if len(vars) > from {
			k.vars, k.coefs = vars[from:len(vars):len(vars)], coefs[from:len(coefs):len(coefs)]
			a.cons = append(a.cons, k)
		}
	}
	for i, r := range t.Relations {
		add(r.Terms, 1, nil, 0, r.Const, false, i)
	}
	for k, r := range t.Rates {
		if rateHidden[k] || len(r.Num) == 0 {
			continue
		}
		den := t.value(r.Den)
		if den <= 0 {
			continue // printed n/a: nothing but that the denominator is zero, which the relations hold
		}
		lo, hi := iv[k][0], iv[k][1]
		// lo·den ≤ num ≤ hi·den
		add(r.Den, lo, r.Num, -1, 0, true, len(t.Relations)+2*k)
		add(r.Num, 1, r.Den, -hi, 0, true, len(t.Relations)+2*k+1)
	}
	a.presolve()
	return a
}

// interval is the range of fractions that print as num/den does with
// digits decimals of a percentage (format.Default: the paper's precision),
// as report/format rounds it: 42% stands for 41.5% to 42.5%, 7.6% for
// 7.55% to 7.65%. num and den are whole (sums of counts).
func interval(num, den float64, digits int) (lo, hi float64) {
	l, h := format.PercentRange(big.NewRat(int64(math.Round(num)), int64(math.Round(den))), digits)
	lo, _ = l.Float64()
	hi, _ = h.Float64()
	return math.Max(0, lo), math.Min(1, hi)
}

// presolve substitutes unknowns fixed by an equality with one unknown
// left, until none is.
func (a *auditor) presolve() {
	fixed := a.sc.boolsOf(len(a.lb))
	val := a.sc.floatsOf(len(a.lb))
	// The constraints each unknown is in: substituting elsewhere changes
	// nothing.
	occ := a.index()
	for changed := true; changed; {
		changed = false
		for ci := range a.cons {
			k := &a.cons[ci]
			if k.le || len(k.vars) != 1 {
				continue
			}
			v, c := k.vars[0], k.coefs[0]
			if c == 0 {
				continue
			}
			fixed[v], val[v] = true, k.rhs/c
			changed = true
			for _, cj := range occ[v] {
				a.cons[cj].substitute(v, val[v])
			}
		}
	}
	out := a.cons[:0]
	for _, k := range a.cons {
		if len(k.vars) > 0 {
			out = append(out, k)
		}
	}
	a.cons = out
	for cell, v := range a.varOf {
		if v >= 0 && fixed[v] {
			a.known[cell] = val[v] + a.lb[v]
			a.varOf[cell] = -1
		}
	}
	a.byVar = a.index()
}

// index lists, for each unknown, the constraints it is in, in order, in
// one backing array.
func (a *auditor) index() [][]int {
	count := a.sc.intsOf(len(a.lb) + 1)
	for _, k := range a.cons {
		for j, v := range k.vars {
			if !slices.Contains(k.vars[:j], v) {
				count[v+1]++
			}
		}
	}
	for v := range a.lb {
		count[v+1] += count[v]
	}
	flat := a.sc.intsOf(count[len(a.lb)])
	out := a.sc.intRows(len(a.lb))
	for v := range out {
		out[v] = flat[count[v]:count[v]:count[v+1]]
	}
	for ci, k := range a.cons {
		for j, v := range k.vars {
			if !slices.Contains(k.vars[:j], v) {
				out[v] = append(out[v], ci)
			}
		}
	}
	return out
}

func (k *constraint) substitute(v int, val float64) {
	for i := 0; i < len(k.vars); i++ {
		if k.vars[i] == v {
			k.rhs -= k.coefs[i] * val
			k.vars = append(k.vars[:i], k.vars[i+1:]...)
			k.coefs = append(k.coefs[:i], k.coefs[i+1:]...)
			i--
		}
	}
}

// eps absorbs floating-point error before bounds are rounded inward.
const eps = 1e-6

// rangeOf is the range of whole values the linear combination e can take
// consistently with everything published: the minimum and maximum of two
// linear programs over the constraints connected to e's unknowns,
// rounded inward.
func (a *auditor) rangeOf(e []Term) (Range, error) { return a.rangeWithin(e, -1, nil, nil) }

// rangeWithin is rangeOf, except that with enough ≥ 0 the minimum is not
// solved for when the maximum lies enough above e's true value; the
// range's Lo is then the true value. The optimal tables the programs
// find are added to ws when it is not nil, and, for a single cell, the
// dual solutions that prove the bounds to ds when it is not nil.
func (a *auditor) rangeWithin(e []Term, enough int, ws *[]witness, ds *[]dual) (Range, error) {
	base := 0.0
	var objVars []int // e's unknowns, once each
	var objCoefs []float64
	for _, tm := range e {
		v := a.varOf[tm.Cell]
		if v < 0 {
			base += tm.Coef * a.known[tm.Cell]
			continue
		}
		base += tm.Coef * a.lb[v]
		if k := slices.Index(objVars, v); k >= 0 {
			objCoefs[k] += tm.Coef
		} else {
			objVars = append(objVars, v)
			objCoefs = append(objCoefs, tm.Coef)
		}
	}
	// The components of e's unknowns: the others cannot change e's
	// range.
	a.label()
	var comps []int
	for k, v := range objVars {
		if objCoefs[k] != 0 && !slices.Contains(comps, a.compOf[v]) {
			comps = append(comps, a.compOf[v])
		}
	}
	if len(comps) == 0 {
		v := int(math.Round(base))
		return Range{Lo: v, Hi: v}, nil
	}
	slices.Sort(comps)
	// An unknown of e in no constraint can grow without limit.
	lo, hi := base, base
	unboundedLo, unboundedHi := false, false
	for k, v := range objVars {
		if c := objCoefs[k]; len(a.byVar[v]) == 0 && c != 0 {
			if c > 0 {
				unboundedHi = true
			} else {
				unboundedLo = true
			}
		}
	}
	pr := a.programOver(comps)
	if len(pr.cons) == 0 {
		// Every unknown of e is free of constraints.
		for _, coef := range objCoefs {
			if coef > 0 {
				unboundedHi = true
			} else if coef < 0 {
				unboundedLo = true
			}
		}
	} else {
		ck := a.sc.floatsOf(len(pr.keep))
		for k, v := range objVars {
			c := objCoefs[k]
			if c == 0 {
				continue
			}
			switch j := pr.col[v]; {
			case j >= 0:
				ck[j] += c
			case c > 0:
				// A column of zeros: an unknown whose constraints all
				// fell away as redundant.
				unboundedHi = true
			default:
				unboundedLo = true
			}
		}
		if pr.prog == nil && pr.err == nil && (!unboundedHi || !unboundedLo) {
			pr.prog, pr.err = newProgramIn(a.sc, pr.A, pr.b, len(pr.keep))
			if pr.prog != nil {
				pr.prog.A, pr.prog.b = pr.A, pr.b
			}
		}
		if pr.err != nil && (!unboundedHi || !unboundedLo) {
			return Range{}, pr.err
		}
		prog := pr.prog
		if !unboundedHi {
			neg := a.sc.floatsOf(len(ck))
			for j := range ck {
				neg[j] = -ck[j]
			}
			f, err := prog.solve(neg)
			switch {
			case errors.Is(err, lp.ErrUnbounded):
				unboundedHi = true
			case err != nil:
				return Range{}, err
			default:
				hi -= f
				a.collect(ws, prog.x(a.sc), pr.keep, pr.vars)
				a.keepDual(ds, prog.dual(a.sc), pr.cons, true)
			}
		}
		// The true value is feasible, so when the maximum alone shows
		// enough values the minimum need not be solved for.
		if v := a.t.value(e); enough >= 0 && (unboundedHi || hi >= v+float64(enough)-eps) {
			lo = v
		} else if !unboundedLo {
			f, err := prog.solve(ck)
			switch {
			case errors.Is(err, lp.ErrUnbounded):
				unboundedLo = true
			case err != nil:
				return Range{}, err
			default:
				lo += f
				a.collect(ws, prog.x(a.sc), pr.keep, pr.vars)
				a.keepDual(ds, prog.dual(a.sc), pr.cons, false)
			}
		}
	}
	r := Range{Lo: int(math.Ceil(lo - eps)), Hi: int(math.Floor(hi + eps)), Unbounded: unboundedHi}
	if unboundedLo {
		r.Lo = math.MinInt
	}
	return r, nil
}

// label numbers the connected components of the unknowns (two unknowns
// are connected when a constraint holds both), once per auditor.
func (a *auditor) label() {
	if a.compOf != nil {
		return
	}
	a.compOf = a.sc.intsOf(len(a.lb))
	for v := range a.compOf {
		a.compOf[v] = -1
	}
	// The components share one array of unknowns and one of
	// constraints, as each unknown and constraint is in one component;
	// so do the walks' marks.
	allVars, allCons := a.sc.intsOf(len(a.lb))[:0], a.sc.intsOf(len(a.cons))[:0]
	in, seen := a.sc.boolsOf(len(a.lb)), a.sc.boolsOf(len(a.cons))
	// At most one component per unknown.
	a.compVars, a.compCons = a.sc.intRows(len(a.lb))[:0], a.sc.intRows(len(a.lb))[:0]
	for v := range a.compOf {
		if a.compOf[v] >= 0 {
			continue
		}
		vars, cons := a.component(v, allVars[len(allVars):], allCons[len(allCons):], in, seen)
		allVars, allCons = allVars[:len(allVars)+len(vars)], allCons[:len(allCons)+len(cons)]
		slices.Sort(vars)
		slices.Sort(cons)
		for _, w := range vars {
			a.compOf[w] = len(a.compVars)
		}
		a.compVars = append(a.compVars, vars[:len(vars):len(vars)])
		a.compCons = append(a.compCons, cons[:len(cons):len(cons)])
	}
}

// lpOver is the linear programs' setting over a set of components: their
// unknowns and constraints, in a canonical order (so that every program
// over the same constraints is the same program and starts from the last
// optimum over them), as Ax = b, x ≥ 0 with a slack column per
// inequality and the columns of zeros left out.
type lpOver struct {
	vars, cons []int
	col        []int // unknown -> its column in A, or -1
	keep       []int // column of A -> column before zero columns were dropped
	A          [][]float64
	b          []float64
	prog       *program // nil until a program is solved
	err        error    // from setting up prog
}

// programOver is the setting of the programs over the components comps
// (sorted), made once per auditor.
func (a *auditor) programOver(comps []int) *lpOver {
	key := a.progKey[:0]
	for _, c := range comps {
		key = binary.AppendUvarint(key, uint64(c))
	}
	a.progKey = key
	if pr := a.programs[string(key)]; pr != nil {
		return pr
	}
	pr := &lpOver{}
	a.programs[string(key)] = pr
	nv, nc := 0, 0
	for _, c := range comps {
		nv, nc = nv+len(a.compVars[c]), nc+len(a.compCons[c])
	}
	pr.vars, pr.cons = a.sc.intsOf(nv)[:0], a.sc.intsOf(nc)[:0]
	for _, c := range comps {
		pr.vars = append(pr.vars, a.compVars[c]...)
		pr.cons = append(pr.cons, a.compCons[c]...)
	}
	slices.Sort(pr.vars)
	slices.Sort(pr.cons)
	full := a.sc.intsOf(len(a.lb)) // unknown -> column before zero columns are dropped
	for j, v := range pr.vars {
		full[v] = j
	}
	nslack := 0
	for _, ci := range pr.cons {
		if a.cons[ci].le {
			nslack++
		}
	}
	n := len(pr.vars) + nslack
	m := len(pr.cons)
	if m == 0 {
		return pr
	}
	flat := a.sc.floatsOf(m * n)
	pr.b = a.sc.floatsOf(m)
	s := len(pr.vars)
	for i, ci := range pr.cons {
		k := a.cons[ci]
		row := flat[i*n : (i+1)*n]
		for j, v := range k.vars {
			row[full[v]] += k.coefs[j]
		}
		if k.le {
			row[s] = 1
			s++
		}
		pr.b[i] = k.rhs
	}
	// Columns of all zeros (an unknown whose constraints all fell away
	// as redundant) are left out, the rows compacted in place.
	pr.keep = a.sc.intsOf(n)[:0]
	for j := range n {
		for i := range m {
			if flat[i*n+j] != 0 {
				pr.keep = append(pr.keep, j)
				break
			}
		}
	}
	nk := len(pr.keep)
	pr.A = a.sc.floatRows(m)
	for i := range m {
		for j, kj := range pr.keep {
			flat[i*nk+j] = flat[i*n+kj]
		}
		pr.A[i] = flat[i*nk : (i+1)*nk : (i+1)*nk]
	}
	pr.col = a.sc.intsOf(len(a.lb))
	for v := range pr.col {
		pr.col[v] = -1
	}
	for j, kj := range pr.keep {
		if kj < len(pr.vars) {
			pr.col[pr.vars[kj]] = j
		}
	}
	return pr
}

// dualTol is how far below zero a reduced cost may be for a dual
// solution to be kept: the simplex's own optimality tolerance.
const dualTol = 1e-9

// dual is a proof of one bound of a cell's range: multipliers λ of the
// published figures' constraints (by origin) with Aᵀλ ≤ c over every
// unknown, c being +1 (lower bound) or -1 (upper bound) at the cell's
// unknown and 0 elsewhere, so that λ·b bounds the cell whatever the
// tables the figures allow. Under a later pattern the same multipliers
// still prove a bound, with that pattern's right-hand sides, as long as
// the inequality still holds for its unknowns: hiding a cell adds an
// unknown to check, showing one removes one.
type dual struct {
	upper bool
	// origins and lambda are the multipliers, by constraint origin, in
	// the order of the program's rows.
	origins []int
	lambda  []float64
}

// keepDual adds to ds (when not nil) the dual proof lam of a program
// over the constraints cons (by index, in the program's row order).
func (a *auditor) keepDual(ds *[]dual, lam []float64, cons []int, upper bool) {
	if ds == nil || lam == nil {
		return
	}
	d := dual{upper: upper}
	n := 0
	for i := range cons {
		if math.Abs(lam[i]) > 1e-12 {
			n++
		}
	}
	if n > 0 {
		d.origins, d.lambda = make([]int, 0, n), make([]float64, 0, n)
	}
	for i, ci := range cons {
		if math.Abs(lam[i]) > 1e-12 {
			d.origins = append(d.origins, a.cons[ci].origin)
			d.lambda = append(d.lambda, lam[i])
		}
	}
	*ds = append(*ds, d)
}

// dualBound is the bound d proves for unknown v under the auditor's
// pattern (as v's value less its lower bound), or false when d's
// multipliers are not dual feasible here.
func (a *auditor) dualBound(v int, d dual) (float64, bool) {
	if a.byOrigin == nil {
		a.byOrigin = a.sc.intsOf(len(a.t.Relations) + 2*len(a.t.Rates))
		for ci, k := range a.cons {
			a.byOrigin[k.origin] = ci + 1
		}
	}
	// Aᵀλ by unknown, dense; touched lists the unknowns it is non-zero
	// for (v first), so that the scratch is cleared after.
	if a.sum == nil {
		a.sum = a.sc.floatsOf(len(a.lb))
	}
	sum, touched := a.sum, append(a.touched[:0], v)
	defer func() {
		for _, w := range touched {
			sum[w] = 0
		}
		a.touched = touched
	}()
	bound := 0.0
	for n, origin := range d.origins {
		l := d.lambda[n]
		ci := a.byOrigin[origin] - 1
		if ci < 0 {
			continue // no unknown left in it: it constrains nothing
		}
		k := &a.cons[ci]
		if k.le && l > dualTol {
			return 0, false // its slack's reduced cost would be negative
		}
		bound += l * k.rhs
		for j, w := range k.vars {
			if sum[w] == 0 {
				touched = append(touched, w)
			}
			sum[w] += l * k.coefs[j]
		}
	}
	c := 1.0
	if d.upper {
		c = -1
	}
	for _, w := range touched {
		cw := 0.0
		if w == v {
			cw = c
		}
		if sum[w] > cw+dualTol {
			return 0, false
		}
	}
	if d.upper {
		return -bound, true
	}
	return bound, true
}

// dualNarrow reports whether the dual proofs m keeps for cell i still
// hold under the auditor's pattern and leave i fewer than MinValues
// values: a failing cell, known without a linear program.
func (a *auditor) dualNarrow(i int, m *memo) bool {
	v := a.varOf[i]
	lo, hi := 0.0, math.Inf(1)
	for _, d := range m.duals[i] {
		if b, ok := a.dualBound(v, d); ok {
			if d.upper {
				hi = math.Min(hi, b)
			} else {
				lo = math.Max(lo, b)
			}
		}
	}
	return !math.IsInf(hi, 1) && math.Floor(hi+eps)-math.Ceil(lo-eps)+1 < MinValues
}

// passes reports whether cell i keeps at least MinValues possible whole
// values, by linear programming: the maximum first, and the minimum only
// when the maximum alone does not show three values. (Certificates
// searched before the programs, cycles of withheld cells for a pass and
// bound propagation for a failure, cost more than the programs they
// saved once the programs were solved on a kept tableau, and went.)
func (a *auditor) passes(i int) (bool, error) {
	ok, _, err := a.passesWith(i, nil)
	return ok, err
}

// passesWith is passes, with the tables consistent with everything
// published that show a passing cell's range (changes to the true
// table), so that a later pattern can be checked against them first.
func (a *auditor) passesWith(i int, m *memo) (bool, []witness, error) {
	v := a.varOf[i]
	if v < 0 {
		return false, nil, nil // determined by what is published
	}
	if len(a.byVar[v]) == 0 {
		return true, nil, nil
	}
	// A failing cell's last dual proof, when it still holds, fails it
	// without a program.
	if m != nil && a.dualNarrow(i, m) {
		return false, nil, nil
	}
	var ws []witness
	var ds []dual
	r, err := a.rangeWithin([]Term{{Cell: i, Coef: 1}}, MinValues-1, &ws, &ds)
	if errors.Is(err, errNoConvergence) {
		return false, nil, nil // not proved to pass
	}
	if err != nil {
		return false, nil, err
	}
	if r.Values() < MinValues {
		if m != nil && len(ds) == 2 {
			m.duals[i] = ds
		}
		return false, nil, nil
	}
	return true, ws, nil
}

// buffers are an auditor's largest slices, handed on to the next
// auditor of a Choose once the pattern of one is audited (see
// memo.recycle), so that a Choose does not allocate them again for each
// of the patterns it audits.
type buffers struct {
	varOf, cell, vars        []int
	known, lb, cur, coefs    []float64
	cons                     []constraint
	enc, progKey, verdictKey []byte
}

// recycle hands a's buffers and m's scratch to the next auditor made
// with m. Nothing of a may be used after: the pool, the verdicts and the
// dual proofs hold copies.
func (m *memo) recycle(a *auditor) {
	m.spare = buffers{varOf: a.varOf, cell: a.cell, vars: a.vars, known: a.known, lb: a.lb, cur: a.cur, coefs: a.coefs, cons: a.cons,
		enc: a.enc, progKey: a.progKey, verdictKey: a.verdictKey}
	m.sc.reset()
}

// memo remembers audit results across the patterns one Choose tries.
type memo struct {
	// verdicts is keyed by what a verdict depends on (componentKey).
	verdicts map[string]bool
	// duals holds, per cell, the dual proofs of its last failing audits.
	duals map[int][]dual
	// pool holds every table found consistent with some pattern: the
	// optima of linear programs.
	pool []witness
	// iv holds the table's rate intervals (Table.intervals).
	iv [][2]float64
	// spare holds the buffers of the last auditor done with (none
	// before the first), and sc the scratch the auditors take their
	// working memory from.
	spare buffers
	sc    *scratch
	// cheap is cheapest's working memory.
	cheap cheapScratch
}

func newMemo(t *Table) *memo {
	return &memo{verdicts: map[string]bool{}, duals: map[int][]dual{}, iv: t.intervals(), sc: &scratch{}}
}

// passesCached is passes, answered from m when it can be. First, the
// tables of m's pool that are consistent with everything this pattern
// publishes (and so is every mix of them, the constraints being linear)
// may already show cell i taking MinValues values: then i passes, with
// no search and no linear program. Then, when i's component (the
// unknowns and constraints connected to its unknown) is the same as
// under a pattern audited before, the linear programs
// of passes see nothing outside that component, so the result is the
// same: hiding or showing a cell elsewhere leaves it alone.
func (a *auditor) passesCached(i int, m *memo) (bool, error) {
	v := a.varOf[i]
	if v < 0 || len(a.byVar[v]) == 0 {
		return a.passes(i)
	}
	if a.shown(i, m) {
		return true, nil
	}
	// The key is made in a.verdictKey, looked up without a copy, and
	// copied only when the verdict is new.
	key := a.appendComponentKey(a.verdictKey[:0], i)
	a.verdictKey = key
	if ok, seen := m.verdicts[string(key)]; seen {
		return ok, nil
	}
	ok, ws, err := a.passesWith(i, m)
	if err != nil {
		return false, err
	}
	m.verdicts[string(key)] = ok
	for len(a.valid) < len(m.pool) {
		a.valid = append(a.valid, 0)
	}
	for _, w := range ws {
		m.pool = append(m.pool, w)
		a.valid = append(a.valid, 1) // found under this very pattern
	}
	return ok, nil
}

// witness is a table consistent with what some pattern publishes, as its
// changes from the true table: cells[k] is delta[k] away from its true
// count.
type witness struct {
	cells []int
	delta []float64
}

// holds reports whether w is consistent with everything the auditor's
// pattern publishes. The relations hold for w (they held when it was
// found, and a pattern does not change them) and so do the bounds of the
// cells it changes (withheld counts are at least 1 under every pattern),
// so what is left is that w changes only cells the pattern withholds and
// keeps every rate it publishes within the rate's interval.
func (a *auditor) holds(w witness) bool {
	for k, c := range w.cells {
		if math.Abs(w.delta[k]) > eps && !a.hidden[c] && !a.t.Cells[c].Unpublished {
			return false
		}
	}
	val := func(e []Term) float64 {
		v := a.t.value(e)
		for _, tm := range e {
			for k, c := range w.cells {
				if c == tm.Cell {
					v += tm.Coef * w.delta[k]
				}
			}
		}
		return v
	}
	for k, r := range a.t.Rates {
		if a.rateHidden[k] || len(r.Num) == 0 || !touches(r, w) {
			continue
		}
		den := a.t.value(r.Den)
		if den <= 0 {
			continue
		}
		lo, hi := a.iv[k][0], a.iv[k][1]
		num, wden := val(r.Num), val(r.Den)
		if tol := eps * math.Max(1, math.Abs(wden)); num < lo*wden-tol || num > hi*wden+tol {
			return false
		}
	}
	return true
}

// touches reports whether rate r rests on a cell w changes.
func touches(r Rate, w witness) bool {
	for _, e := range [][]Term{r.Num, r.Den} {
		for _, tm := range e {
			if slices.Contains(w.cells, tm.Cell) {
				return true
			}
		}
	}
	return false
}

// shown reports whether the tables of m's pool that hold under the
// auditor's pattern, with the true table, leave cell i MinValues whole
// values.
func (a *auditor) shown(i int, m *memo) bool {
	v := float64(a.t.Cells[i].Value)
	lo, hi := 0.0, 0.0 // changes to i's true count
	for n, w := range m.pool {
		k := slices.Index(w.cells, i)
		if k < 0 || w.delta[k] >= lo && w.delta[k] <= hi {
			continue
		}
		if a.poolHolds(n, m) {
			lo, hi = math.Min(lo, w.delta[k]), math.Max(hi, w.delta[k])
			if math.Floor(v+hi+eps)-math.Ceil(v+lo-eps)+1 >= MinValues {
				return true
			}
		}
	}
	return false
}

// collect adds to ws, when it is not nil, the table a linear program's
// solution x describes: x[j] is the value, less its bound, of the
// unknown vars[keep[j]] (keep[j] beyond vars is a slack).
func (a *auditor) collect(ws *[]witness, x []float64, keep, vars []int) {
	if ws == nil {
		return
	}
	changed := func(j int) (int, float64, bool) {
		if keep[j] >= len(vars) {
			return 0, 0, false
		}
		v := vars[keep[j]]
		d := x[j] - a.cur[v]
		return a.cell[v], d, math.Abs(d) > eps
	}
	n := 0
	for j := range keep {
		if _, _, ok := changed(j); ok {
			n++
		}
	}
	var w witness
	if n > 0 {
		w.cells, w.delta = make([]int, 0, n), make([]float64, 0, n)
	}
	for j := range keep {
		if c, d, ok := changed(j); ok {
			w.cells = append(w.cells, c)
			w.delta = append(w.delta, d)
		}
	}
	*ws = append(*ws, w)
}

// componentKey describes cell i and every constraint connected to its
// unknown, in the order the auditor holds them, naming unknowns by cell
// (an unknown's bound and true value follow from its cell); "" when the
// published figures determine the cell.
func (a *auditor) componentKey(i int) string { return string(a.appendComponentKey(nil, i)) }

// appendComponentKey appends componentKey(i) to b. Each component is
// encoded once per auditor, into a.enc.
func (a *auditor) appendComponentKey(b []byte, i int) []byte {
	v := a.varOf[i]
	if v < 0 {
		return b
	}
	a.label()
	id := a.compOf[v]
	if a.compKeys == nil {
		a.compKeys = a.sc.intsOf(2 * len(a.compCons))
	}
	if a.compKeys[2*id+1] == 0 { // an encoding is never empty
		from := len(a.enc)
		a.enc = a.encode(a.enc, a.compCons[id])
		a.compKeys[2*id], a.compKeys[2*id+1] = from, len(a.enc)
	}
	b = binary.AppendUvarint(b, uint64(i))
	return append(b, a.enc[a.compKeys[2*id]:a.compKeys[2*id+1]]...)
}

// appendFloat appends x to a key so that two floats append the same
// bytes exactly when they have the same bits, as a key naming them by
// their bits would: a whole number (a count, a coefficient of 1 or -1) as
// one even varint of a byte or two, anything else (a fraction, -0, a
// number too large) as a 1 and then its bits.
func appendFloat(b []byte, x float64) []byte {
	if math.Abs(x) < 1<<52 && x == math.Trunc(x) && !(x == 0 && math.Signbit(x)) {
		i := int64(x)
		return binary.AppendUvarint(b, uint64(i<<1^i>>63)<<1)
	}
	return binary.AppendUvarint(binary.AppendUvarint(b, 1), math.Float64bits(x))
}

// encode appends to b a description of the constraints cons (sorted),
// naming unknowns by cell; never empty.
func (a *auditor) encode(b []byte, cons []int) []byte {
	b = binary.AppendUvarint(b, uint64(len(cons)))
	for _, ci := range cons {
		k := a.cons[ci]
		le := uint64(0)
		if k.le {
			le = 1
		}
		b = binary.AppendUvarint(b, le)
		b = appendFloat(b, k.rhs)
		b = binary.AppendUvarint(b, uint64(len(k.vars)))
		for j, w := range k.vars {
			b = binary.AppendUvarint(b, uint64(a.cell[w]))
			b = appendFloat(b, k.coefs[j])
		}
	}
	return b
}

// certifyDepth and certifyNodes bound the search for a direction along
// which the true table moves (moves).
const (
	certifyDepth = 10
	certifyNodes = 40
)

// moves reports whether the true table can move by a whole step along
// some direction that keeps every relation true and changes e: then the
// published figures do not determine e.
func (a *auditor) moves(e []Term) bool {
	for _, tm := range e {
		v := a.varOf[tm.Cell]
		if v < 0 {
			continue
		}
		found := a.directions(v, func(d *direction) bool {
			change := 0.0
			for _, t2 := range e {
				if w := a.varOf[t2.Cell]; w >= 0 {
					change += t2.Coef * d.val[w]
				}
			}
			return math.Abs(change) > eps && (a.steps(d, 1) >= 1 || a.steps(d, -1) >= 1)
		})
		if found {
			return true
		}
	}
	return false
}

// direction is a change to the unknowns: val[w] for each unknown w of
// vars, zero for the others. Dense slices, not a map, because the
// search reads them in its innermost loop.
type direction struct {
	val  []float64
	in   []bool
	vars []int
}

func (d *direction) set(w int, x float64) {
	d.val[w], d.in[w] = x, true
	d.vars = append(d.vars, w)
}

// unset removes w, the unknown set last.
func (d *direction) unset(w int) {
	d.val[w], d.in[w] = 0, false
	d.vars = d.vars[:len(d.vars)-1]
}

// directions walks the whole-number directions d with d[v] = 1 that keep
// every equality true (cycles of withheld cells through v), within
// certifyDepth unknowns and certifyNodes steps, until visit returns true;
// it reports whether one did.
func (a *auditor) directions(v int, visit func(d *direction) bool) bool {
	d := &direction{val: make([]float64, len(a.lb)), in: make([]bool, len(a.lb))}
	d.set(v, 1)
	nodes, done := 0, false
	var walk func()
	walk = func() {
		nodes++
		if nodes > certifyNodes || done {
			return
		}
		// The first equality the direction unbalances.
		ci, res := -1, 0.0
		for _, w := range d.vars {
			for _, c := range a.byVar[w] {
				k := &a.cons[c]
				if k.le || ci >= 0 && c >= ci {
					continue
				}
				r := 0.0
				for j, x := range k.vars {
					r += k.coefs[j] * d.val[x]
				}
				if math.Abs(r) > eps {
					ci, res = c, r
				}
			}
		}
		if ci < 0 {
			done = visit(d)
			return
		}
		if len(d.vars) >= certifyDepth {
			return
		}
		k := a.cons[ci]
		// Compensate with another withheld cell of that relation, the
		// ones furthest from their bounds first.
		cand := make([]int, 0, len(k.vars))
		for j, w := range k.vars {
			if !d.in[w] && k.coefs[j] != 0 {
				cand = append(cand, j)
			}
		}
		slices.SortStableFunc(cand, func(x, y int) int {
			return cmpFloat(a.cur[k.vars[y]], a.cur[k.vars[x]])
		})
		for _, j := range cand {
			w := k.vars[j]
			step := -res / k.coefs[j]
			if step != math.Trunc(step) {
				continue
			}
			d.set(w, step)
			walk()
			d.unset(w)
			if nodes > certifyNodes || done {
				return
			}
		}
	}
	walk()
	return done
}

// pinned reports whether the published figures determine e exactly.
func (a *auditor) pinned(e []Term) (bool, error) { return a.pinnedGiven(e, nil) }

// pinnedGiven is pinned, first looking in m's pool (when m is not nil)
// for a table consistent with this pattern in which e differs from its
// true value.
func (a *auditor) pinnedGiven(e []Term, m *memo) (bool, error) {
	if m != nil && a.poolMoves(e, m) {
		return false, nil
	}
	if a.moves(e) {
		return false, nil
	}
	// A maximum a whole count above the true value is enough to show
	// that e is not determined; the minimum is then not solved for.
	r, err := a.rangeWithin(e, 1, nil, nil)
	if errors.Is(err, errNoConvergence) {
		return false, nil // not proved determined
	}
	if err != nil {
		return false, err
	}
	return !r.Unbounded && r.Lo == r.Hi, nil
}

// poolMoves reports whether a table of m's pool that holds under the
// auditor's pattern gives e another value than its true one.
func (a *auditor) poolMoves(e []Term, m *memo) bool {
	for n, w := range m.pool {
		change := 0.0
		for _, tm := range e {
			if k := slices.Index(w.cells, tm.Cell); k >= 0 {
				change += tm.Coef * w.delta[k]
			}
		}
		if math.Abs(change) > eps && a.poolHolds(n, m) {
			return true
		}
	}
	return false
}

// poolHolds is holds for m's witness n, remembered for the auditor.
func (a *auditor) poolHolds(n int, m *memo) bool {
	for len(a.valid) <= n {
		a.valid = append(a.valid, 0)
	}
	if a.valid[n] == 0 {
		a.valid[n] = 2
		if a.holds(m.pool[n]) {
			a.valid[n] = 1
		}
	}
	return a.valid[n] == 1
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

// steps is how many whole steps the true table can move by sign·d before
// an unknown falls below its bound or an inequality breaks.
func (a *auditor) steps(d *direction, sign float64) int {
	s := math.Inf(1)
	for _, w := range d.vars {
		if dw := d.val[w]; dw*sign < 0 {
			s = math.Min(s, a.cur[w]/math.Abs(dw))
		}
	}
	var seen []int
	for _, w := range d.vars {
		for _, c := range a.byVar[w] {
			k := &a.cons[c]
			if !k.le || slices.Contains(seen, c) {
				continue
			}
			seen = append(seen, c)
			ad, ax := 0.0, 0.0
			for j, x := range k.vars {
				ad += k.coefs[j] * d.val[x] * sign
				ax += k.coefs[j] * a.cur[x]
			}
			if ad > eps {
				s = math.Min(s, (k.rhs-ax)/ad)
			}
		}
	}
	if math.IsInf(s, 1) {
		return MinValues
	}
	return int(math.Floor(s + eps))
}

// component is the unknowns and constraints connected to unknown v by
// way of shared constraints, in the order a breadth-first walk from v
// finds them, appended to vars and cons (empty). in and seen mark the
// unknowns and constraints walked, and are left marked.
func (a *auditor) component(v int, vars, cons []int, in, seen []bool) ([]int, []int) {
	vars = append(vars, v)
	in[v] = true
	for i := 0; i < len(vars); i++ {
		for _, ci := range a.byVar[vars[i]] {
			if seen[ci] {
				continue
			}
			seen[ci] = true
			cons = append(cons, ci)
			for _, w := range a.cons[ci].vars {
				if !in[w] {
					in[w] = true
					vars = append(vars, w)
				}
			}
		}
	}
	return vars, cons
}
