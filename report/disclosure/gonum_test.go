package disclosure

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"
)

// gonumMin is the reference the audit's own simplex is checked against:
// min cᵀx subject to Ax = b, x ≥ 0 by gonum's lp.Simplex, started from
// an artificial column per row (each row signed so that b ≥ 0, the
// artificials weighed by a big M), which gives full row rank whatever
// the relations' redundancy. gonum's simplex cycles for ever on some
// degenerate programs (its Bland rule picks the leaving variable by
// condition number, not by index): after a budget of pivots, counted
// through the matrix it reads, it gives up with errNoConvergence.
func gonumMin(c []float64, A [][]float64, b []float64) (float64, error) {
	const bigM = 1e6
	m, n := len(A), len(c)
	ext := mat.NewDense(m, n+m, nil)
	bb := make([]float64, m)
	cc := make([]float64, n+m)
	copy(cc, c)
	for i, row := range A {
		sign := 1.0
		if b[i] < 0 {
			sign = -1
		}
		for j, v := range row {
			ext.Set(i, j, sign*v)
		}
		ext.Set(i, n+i, 1)
		bb[i] = sign * b[i]
		cc[n+i] = bigM
	}
	start := make([]int, m)
	for i := range start {
		start[i] = n + i
	}
	bud := &budgeted{a: ext, budget: m*(n+m)*2 + pivotBudget*(m+n+m)*m*4}
	f, x, err := func() (f float64, x []float64, err error) {
		defer func() {
			if r := recover(); r != nil {
				if _, ok := r.(overBudget); !ok {
					panic(r)
				}
				err = errNoConvergence
			}
		}()
		return lp.Simplex(cc, bud, bb, 1e-9, start)
	}()
	if err != nil {
		return 0, err
	}
	for i := range m {
		if x[n+i] > 1e-6 {
			return 0, lp.ErrInfeasible
		}
	}
	return f, nil
}

// budgeted is a matrix that stops gonum's simplex once it has read more
// elements than budget allows: every pivot reads at least a column
// through At, so this bounds the pivots without changing the solver.
type budgeted struct {
	a             *mat.Dense // not embedded: gonum would read it raw
	reads, budget int
}

func (b *budgeted) Dims() (int, int) { return b.a.Dims() }

type overBudget struct{}

func (b *budgeted) At(i, j int) float64 {
	b.reads++
	if b.reads > b.budget {
		panic(overBudget{})
	}
	return b.a.At(i, j)
}

// T is the transpose, read through At like the matrix.
func (b *budgeted) T() mat.Matrix { return mat.Transpose{Matrix: b} }

// agree reports whether the audit's simplex and gonum's give the same
// answer to one program: the same minimum (within a tolerance far below
// the rounding to whole counts), or both unbounded.
func agree(f float64, err error, g float64, gerr error) bool {
	switch {
	case errors.Is(err, lp.ErrUnbounded) || errors.Is(gerr, lp.ErrUnbounded):
		return errors.Is(err, lp.ErrUnbounded) && errors.Is(gerr, lp.ErrUnbounded)
	case err != nil || gerr != nil:
		return false
	}
	return math.Abs(f-g) <= 1e-7*math.Max(1, math.Abs(g))
}

// TestProgramsAgreeWithGonum solves every linear program the chooser
// solves, over random grids like the property test's (2-30 services by
// 5-8 columns, many small counts, rates) and the by-service benchmark
// tables, a second time with gonum's simplex, and requires the same
// minimum. Programs on which gonum's simplex cycles are counted, not
// compared.
func TestProgramsAgreeWithGonum(t *testing.T) {
	solved, cycled := 0, 0
	onProgram = func(c []float64, A [][]float64, b []float64, f float64, err error) {
		solved++
		g, gerr := gonumMin(c, A, b)
		if errors.Is(gerr, errNoConvergence) {
			cycled++
			return
		}
		if !agree(f, err, g, gerr) {
			t.Errorf("program %d (%d rows, %d columns): the audit's simplex gives %g (%v), gonum's %g (%v)", solved, len(A), len(c), f, err, g, gerr)
		}
	}
	defer func() { onProgram = nil }()
	r := rand.New(rand.NewPCG(11, 11))
	grids := 300
	if testing.Short() {
		grids = 100
	}
	for k := range grids {
		rows, cols := 2+r.IntN(14), 5+r.IntN(4)
		if k%10 == 9 {
			rows = 30
		}
		tab := randomTable(r, rows, cols-3, 3+r.IntN(12))
		if _, err := tab.Choose(); err != nil && !errors.Is(err, ErrUnprotectable) {
			t.Fatal(err)
		}
		h, rh := randomPattern(r, tab, 3)
		if _, err := tab.Audit(&Pattern{Hidden: h, RateHidden: rh}); err != nil {
			t.Fatal(err)
		}
	}
	if solved < 500 {
		t.Errorf("only %d programs solved: the check tests too little", solved)
	}
	t.Logf("%d programs solved both ways (%d on which gonum's simplex cycled)", solved, cycled)
}

// TestProgramWarmStartsAgreeWithGonum checks the audit's simplex on
// transportation-like programs (a grid's row and column sums, the
// redundancy included, some counts zero, so degenerate): one tableau
// minimises objective after objective, each from the last optimum, and
// every minimum is gonum's from the artificial basis.
func TestProgramWarmStartsAgreeWithGonum(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 8))
	for range 200 {
		rows, cols := 2+r.IntN(4), 2+r.IntN(4)
		n := rows * cols
		A := make([][]float64, rows+cols)
		for i := range A {
			A[i] = make([]float64, n)
		}
		b := make([]float64, rows+cols)
		for i := range rows {
			for j := range cols {
				x := float64(r.IntN(6)) // some zero: degenerate points too
				A[i][i*cols+j] = 1
				A[rows+j][i*cols+j] = 1
				b[i] += x
				b[rows+j] += x
			}
		}
		p, err := newProgram(A, b, n)
		if err != nil {
			t.Fatal(err)
		}
		for range 4 {
			c := make([]float64, n)
			for j := range c {
				c[j] = float64(r.IntN(5) - 2)
			}
			f, err := p.minimize(c)
			g, gerr := gonumMin(c, A, b)
			if errors.Is(gerr, errNoConvergence) {
				continue
			}
			if !agree(f, err, g, gerr) {
				t.Fatalf("warm start: %v (%v), gonum: %v (%v)", f, err, g, gerr)
			}
		}
	}
}
