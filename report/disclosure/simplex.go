package disclosure

import (
	"errors"

	"gonum.org/v1/gonum/optimize/convex/lp"
)

// program is a linear program in standard form, min cᵀx subject to
// Ax = b, x ≥ 0, held as a dense simplex tableau, so that the audit can
// solve the two programs of a cell (its maximum and its minimum) and
// those of the other cells over the same constraints one after another
// from the last optimum, each in a few pivots.
//
// Why not gonum's lp.Simplex, which is the reference the tests check
// every program against (see TestProgramsAgreeWithGonum): a table's
// programs are small (some 20 rows by 30 columns) and mostly zeros, and
// gonum's simplex factorises the basis afresh, with a condition
// estimate, at every pivot; its optimum is also not kept for the next
// objective. On the example paper's pattern (about 120 programs) the
// audit spent some 30 ms of CPU time in it; a tableau pivot over the
// non-zeros of the pivot row costs about a microsecond.
//
// Row i of the tableau is B⁻¹ times row i of [A·diag | I | b], where the
// identity is an artificial column per row (each row's sign first made
// so that b ≥ 0); the last row holds the reduced costs of the current
// objective and, in its last column, minus its value.
type program struct {
	m, n  int // rows, structural columns (the artificial ones follow)
	w     int // row width: n + m + 1
	t     []float64
	basis []int
	signs []float64 // row i of the tableau started as signs[i] times A's
	nz    []int     // scratch: the pivot row's non-zero columns
	// A and b are the program's constraints as given, for onProgram.
	A [][]float64
	b []float64
}

// Tolerances of the simplex: a reduced cost above -costTol is taken as
// non-negative (the optimality test, the same as gonum's), an entry at
// most pivotTol is never pivoted on.
const (
	costTol  = 1e-9
	pivotTol = 1e-9
)

// blandAfter is the number of degenerate pivots in a row after which the
// simplex turns from Dantzig's rule (the most negative reduced cost) to
// Bland's (the first negative one, the leaving row by least basis index
// among ties), which cannot cycle.
const blandAfter = 20

// newProgram sets up the tableau of Ax = b (A given by rows of n
// columns) and finds a feasible basis (phase 1: the artificial columns
// are driven out). It returns lp.ErrInfeasible when there is none and
// errNoConvergence when phase 1 does not finish within its pivot budget.
func newProgram(A [][]float64, b []float64, n int) (*program, error) {
	return newProgramIn(nil, A, b, n)
}

// newProgramIn is newProgram with the tableau taken from sc (see
// scratch), for as long as sc's auditor lasts.
func newProgramIn(sc *scratch, A [][]float64, b []float64, n int) (*program, error) {
	m := len(A)
	p := &program{m: m, n: n, w: n + m + 1, basis: sc.intsOf(m), signs: sc.floatsOf(m)}
	p.t = sc.floatsOf((m + 1) * p.w)
	p.nz = sc.intsOf(p.w)[:0]
	obj := p.t[m*p.w:]
	for i, row := range A {
		sign := 1.0
		if b[i] < 0 {
			sign = -1
		}
		p.signs[i] = sign
		r := p.t[i*p.w : (i+1)*p.w]
		for j, v := range row[:n] {
			r[j] = sign * v
		}
		r[n+i] = 1
		r[p.w-1] = sign * b[i]
		p.basis[i] = n + i
	}
	// A crash basis: a column with one non-zero entry, positive, in a
	// row (an inequality's slack, a count in one relation only) can be
	// that row's basic column from the start, which saves driving its
	// artificial out.
	for j := range n {
		r := -1
		for i := range m {
			if v := p.t[i*p.w+j]; v != 0 {
				if r >= 0 || v < 0 || p.basis[i] < n {
					r = -2
					break
				}
				r = i
			}
		}
		if r >= 0 && p.t[r*p.w+j] > pivotTol {
			p.pivot(r, j)
		}
	}
	// Phase 1 minimises the sum of the artificial columns still basic.
	for i := range m {
		if p.basis[i] < n {
			continue
		}
		r := p.t[i*p.w : (i+1)*p.w]
		for j := range n {
			obj[j] -= r[j]
		}
		obj[p.w-1] -= r[p.w-1]
	}
	if err := p.iterate(); err != nil {
		return nil, err
	}
	if -obj[p.w-1] > 1e-6 {
		return nil, lp.ErrInfeasible
	}
	// Artificial columns left in the basis at zero are pivoted out where
	// their row has a structural entry; a row without one is a redundant
	// relation (a table's row sums and column sums both add up to its
	// grand total), whose artificial stays basic at zero for good.
	for i := range m {
		if p.basis[i] < n {
			continue
		}
		r := p.t[i*p.w : (i+1)*p.w]
		for j := range n {
			if r[j] > pivotTol || r[j] < -pivotTol {
				p.pivot(i, j)
				break
			}
		}
	}
	return p, nil
}

// minimize solves min cᵀx (c over the structural columns) from the
// current basis, which stays the optimum's, and returns the minimum.
// It returns lp.ErrUnbounded when there is no minimum and
// errNoConvergence when the pivot budget runs out.
func (p *program) minimize(c []float64) (float64, error) {
	obj := p.t[p.m*p.w:]
	copy(obj, c)
	clear(obj[p.n:])
	for i, bv := range p.basis {
		if bv >= p.n || c[bv] == 0 {
			continue
		}
		f := c[bv]
		r := p.t[i*p.w : (i+1)*p.w]
		for j, v := range r {
			if v != 0 {
				obj[j] -= f * v
			}
		}
	}
	if err := p.iterate(); err != nil {
		return 0, err
	}
	return -obj[p.w-1], nil
}

// iterate pivots until no structural column has a negative reduced cost.
func (p *program) iterate() error {
	obj := p.t[p.m*p.w:]
	degenerate := 0
	for range pivotBudget * (p.m + p.n) {
		bland := degenerate >= blandAfter
		q, best := -1, -costTol
		for j, d := range obj[:p.n] {
			if d < best {
				q, best = j, d
				if bland {
					break
				}
			}
		}
		if q < 0 {
			return nil
		}
		// The ratio test, ties to the least basis index.
		r, ratio := -1, 0.0
		for i := range p.m {
			a := p.t[i*p.w+q]
			if a <= pivotTol {
				continue
			}
			x := p.t[i*p.w+p.w-1] / a
			if r < 0 || x < ratio-1e-12 || x <= ratio+1e-12 && p.basis[i] < p.basis[r] {
				r, ratio = i, x
			}
		}
		if r < 0 {
			return lp.ErrUnbounded
		}
		if ratio <= 1e-12 {
			degenerate++
		} else {
			degenerate = 0
		}
		p.pivot(r, q)
	}
	return errNoConvergence
}

// pivot makes column q basic in row r.
func (p *program) pivot(r, q int) {
	row := p.t[r*p.w : (r+1)*p.w]
	inv := 1 / row[q]
	nz := p.nz[:0]
	for j, v := range row {
		if v != 0 {
			row[j] = v * inv
			nz = append(nz, j)
		}
	}
	row[q] = 1
	p.nz = nz
	for i := 0; i <= p.m; i++ {
		if i == r {
			continue
		}
		ri := p.t[i*p.w : (i+1)*p.w]
		f := ri[q]
		if f == 0 {
			continue
		}
		for _, j := range nz {
			ri[j] -= f * row[j]
		}
		ri[q] = 0
	}
	p.basis[r] = q
}

// x is the current basic solution over the structural columns, taken
// from sc.
func (p *program) x(sc *scratch) []float64 {
	x := sc.floatsOf(p.n)
	for i, bv := range p.basis {
		if bv < p.n {
			x[bv] = p.t[i*p.w+p.w-1]
		}
	}
	return x
}

// dual is the dual solution of the current (optimal) basis, a multiplier
// per row of A as given: Aᵀλ ≤ c within costTol, since every reduced
// cost c − Aᵀλ is non-negative at an optimum. The reduced cost of row
// i's artificial column (cost 0) is −λ for the row as signed in the
// tableau.
func (p *program) dual(sc *scratch) []float64 {
	obj := p.t[p.m*p.w:]
	out := sc.floatsOf(p.m)
	for i := range p.m {
		out[i] = -p.signs[i] * obj[p.n+i]
	}
	return out
}

// errNoConvergence is returned when a program has not been solved within
// pivotBudget pivots. Bland's rule cannot cycle, so only rounding could
// bring it about; callers take it as "not shown": a cell not proved to
// pass fails and another cell is withheld, a figure not proved
// determined stays withheld.
var errNoConvergence = errors.New("disclosure: the simplex did not converge")

// pivotBudget bounds the simplex's pivots per program, as a multiple of
// its rows and columns: far above what a table's programs take (tens).
const pivotBudget = 50

// solve is minimize, reported to onProgram when it is set.
func (p *program) solve(c []float64) (float64, error) {
	f, err := p.minimize(c)
	if onProgram != nil {
		onProgram(c, p.A, p.b, f, err)
	}
	return f, err
}

// onProgram, when not nil, is told of every program the audit solves
// and its result: the tests solve each again with gonum's simplex.
var onProgram func(c []float64, A [][]float64, b []float64, f float64, err error)
