package disclosure_test

import (
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
	"testing"

	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/gonum/optimize/convex/lp"

	"github.com/paperhq/paper/report/disclosure"
)

// The audit in this file is written apart from the package's: it works
// from the raw grid (row and column sums, the rates' numerators and
// denominators), not from the Table's relations, and either enumerates
// every whole-number filling of the hidden cells (small grids) or solves
// its own linear programs in gonum's general form (lp.Convert). It shares
// no code with the chooser.

// raw is a random grid: counts[i][0] is row i's total of counts[i][1:];
// a rate per row (and for the total row) is column 1 over columns 1 and
// 2, printed as a whole percentage.
type raw struct {
	counts [][]int // without the total row
	rates  bool
}

func (g raw) rows() int { return len(g.counts) }
func (g raw) cols() int { return len(g.counts[0]) }

// value of cell (i, j), i == rows() being the total row.
func (g raw) value(i, j int) int {
	if i < g.rows() {
		return g.counts[i][j]
	}
	v := 0
	for _, r := range g.counts {
		v += r[j]
	}
	return v
}

func (g raw) grid() disclosure.Grid {
	var out disclosure.Grid
	for i := range g.counts {
		out.Rows = append(out.Rows, fmt.Sprintf("S%d", i))
	}
	for j := range g.cols() {
		out.Cols = append(out.Cols, fmt.Sprintf("C%d", j))
	}
	out.Counts = g.counts
	return out
}

// table builds the Table under test: the grid's, with the rates added.
func (g raw) table(below int) *disclosure.Table {
	gr := g.grid()
	t := gr.Table(below)
	if g.rates {
		for i := 0; i <= g.rows(); i++ {
			a, b := gr.Cell(i, 1), gr.Cell(i, 2)
			t.Rates = append(t.Rates, disclosure.Rate{
				Name: fmt.Sprintf("rate %d", i),
				Num:  []disclosure.Term{{Cell: a, Coef: 1}},
				Den:  []disclosure.Term{{Cell: a, Coef: 1}, {Cell: b, Coef: 1}},
				On:   []int{a, b},
			})
		}
	}
	return t
}

func randomGrid(r *rand.Rand, rows, cols, biggest int) raw {
	g := raw{rates: r.IntN(2) == 0}
	big := 5 + r.IntN(biggest) // services differ in size
	for range rows {
		row := make([]int, cols)
		scale := 1 + r.IntN(big)
		for j := 1; j < cols; j++ {
			switch x := r.Float64(); {
			case x < 0.3:
				row[j] = 0
			case x < 0.7:
				row[j] = 1 + r.IntN(4)
			default:
				row[j] = r.IntN(scale + 1)
			}
			row[0] += row[j]
		}
		g.counts = append(g.counts, row)
	}
	return g
}

// know is what a reader knows of one cell under a pattern.
type know struct {
	hidden bool
	value  int
}

// shownRate is a published rate: whole percentage pc of row i.
type shownRate struct{ row, pc int }

func published(g raw, t *disclosure.Table, p *disclosure.Pattern) ([][]know, []shownRate) {
	gr := g.grid()
	k := make([][]know, g.rows()+1)
	for i := range k {
		k[i] = make([]know, g.cols())
		for j := range k[i] {
			k[i][j] = know{p.Hidden[gr.Cell(i, j)], g.value(i, j)}
		}
	}
	var rates []shownRate
	if g.rates {
		for i := 0; i <= g.rows(); i++ {
			if p.RateHidden[i] {
				continue
			}
			a, b := g.value(i, 1), g.value(i, 2)
			if a+b == 0 {
				continue
			}
			rates = append(rates, shownRate{i, int(math.Round(100 * float64(a) / float64(a+b)))})
		}
	}
	return k, rates
}

// enumerate returns, for every hidden cell, the set of values it takes
// over all whole-number fillings (hidden cells ≥ 1, up to limit) that
// agree with every published figure, or ok false when the search would
// take more than budget steps.
func enumerate(g raw, k [][]know, rates []shownRate, limit, budget int) (vals map[[2]int]map[int]bool, ok bool) {
	var cells [][2]int
	for i := range k {
		for j := range k[i] {
			if k[i][j].hidden {
				cells = append(cells, [2]int{i, j})
			}
		}
	}
	vals = map[[2]int]map[int]bool{}
	for _, c := range cells {
		vals[c] = map[int]bool{}
	}
	x := make([][]int, len(k))
	set := make([][]bool, len(k))
	for i := range k {
		x[i] = make([]int, len(k[i]))
		set[i] = make([]bool, len(k[i]))
		for j := range k[i] {
			if !k[i][j].hidden {
				x[i][j], set[i][j] = k[i][j].value, true
			}
		}
	}
	rowsN, colsN := len(k)-1, len(k[0])
	// consistent checks every relation whose cells are all set, and that
	// partly set ones can still be met (parts are at least 1 each).
	consistent := func() bool {
		for i := 0; i <= rowsN; i++ {
			sum, free := 0, 0
			for j := 1; j < colsN; j++ {
				if set[i][j] {
					sum += x[i][j]
				} else {
					free++
				}
			}
			if set[i][0] && (sum+free > x[i][0] || free == 0 && sum != x[i][0]) {
				return false
			}
		}
		for j := range colsN {
			sum, free := 0, 0
			for i := range rowsN {
				if set[i][j] {
					sum += x[i][j]
				} else {
					free++
				}
			}
			if set[rowsN][j] && (sum+free > x[rowsN][j] || free == 0 && sum != x[rowsN][j]) {
				return false
			}
		}
		for _, r := range rates {
			if set[r.row][1] && set[r.row][2] {
				a, b := x[r.row][1], x[r.row][2]
				if a+b == 0 || int(math.Round(100*float64(a)/float64(a+b))) != r.pc {
					return false
				}
			}
		}
		return true
	}
	steps := 0
	var walk func(n int) bool
	walk = func(n int) bool {
		steps++
		if steps > budget {
			return false
		}
		if n == len(cells) {
			for _, c := range cells {
				vals[c][x[c[0]][c[1]]] = true
			}
			return true
		}
		c := cells[n]
		top := limit
		if i, j := c[0], c[1]; !k[i][0].hidden && j > 0 {
			top = min(top, k[i][0].value)
		}
		if i, j := c[0], c[1]; !k[rowsN][j].hidden && i < rowsN {
			top = min(top, k[rowsN][j].value)
		}
		for v := 1; v <= top; v++ {
			steps++
			x[c[0]][c[1]], set[c[0]][c[1]] = v, true
			if consistent() && !walk(n+1) {
				return false
			}
		}
		set[c[0]][c[1]] = false
		return true
	}
	return vals, walk(0)
}

// lpRange is the range of hidden cell (ti, tj) by linear programming in
// general form: every cell is a variable, shown cells fixed, hidden ones
// at least 1, rows and columns adding up, shown rates within their
// rounding.
func lpRange(g raw, k [][]know, rates []shownRate, ti, tj int) (lo, hi float64, err error) {
	rowsN, colsN := len(k)-1, len(k[0])
	// Only hidden cells are variables; shown ones are constants.
	idx := map[[2]int]int{}
	for i := range k {
		for j := range k[i] {
			if k[i][j].hidden {
				idx[[2]int{i, j}] = len(idx)
			}
		}
	}
	n := len(idx)
	var G [][]float64
	var h []float64
	// term adds coef·cell to row (a variable) or to the constant.
	term := func(row []float64, c *float64, i, j int, coef float64) {
		if v, ok := idx[[2]int{i, j}]; ok {
			row[v] += coef
		} else {
			*c += coef * float64(k[i][j].value)
		}
	}
	eq := func(row []float64, c float64) { // row·x + c = 0, as two inequalities
		neg := make([]float64, n)
		for j, v := range row {
			neg[j] = -v
		}
		G, h = append(G, row, neg), append(h, -c, c)
	}
	for v := range n {
		row := make([]float64, n)
		row[v] = -1
		G, h = append(G, row), append(h, -1)
	}
	for i := 0; i <= rowsN; i++ {
		row, c := make([]float64, n), 0.0
		term(row, &c, i, 0, 1)
		for j := 1; j < colsN; j++ {
			term(row, &c, i, j, -1)
		}
		eq(row, c)
	}
	for j := range colsN {
		row, c := make([]float64, n), 0.0
		term(row, &c, rowsN, j, 1)
		for i := range rowsN {
			term(row, &c, i, j, -1)
		}
		eq(row, c)
	}
	for _, r := range rates {
		l, u := (float64(r.pc)-0.5)/100, (float64(r.pc)+0.5)/100
		// l(a+b) - a ≤ 0 and a - u(a+b) ≤ 0
		row, c := make([]float64, n), 0.0
		term(row, &c, r.row, 1, l-1)
		term(row, &c, r.row, 2, l)
		G, h = append(G, row), append(h, -c)
		row, c = make([]float64, n), 0.0
		term(row, &c, r.row, 1, 1-u)
		term(row, &c, r.row, 2, -u)
		G, h = append(G, row), append(h, -c)
	}
	gm := mat.NewDense(len(G), n, nil)
	for i, row := range G {
		gm.SetRow(i, row)
	}
	target := idx[[2]int{ti, tj}]
	solve := func(sign float64) (float64, error) {
		c := make([]float64, n)
		c[target] = sign
		cs, as, bs := lp.Convert(c, gm, h, nil, nil)
		f, _, err := lp.Simplex(cs, as, bs, 1e-10, nil)
		return sign * f, err
	}
	lo, err = solve(1)
	if err != nil {
		return 0, 0, err
	}
	hi, err = solve(-1)
	if err == lp.ErrUnbounded {
		return lo, math.Inf(1), nil
	}
	return lo, hi, err
}

// TestPatternsSurviveAnIndependentAudit draws thousands of random grids,
// lets the chooser pick a pattern, and checks with the audit above that
// every sensitive cell keeps at least three possible whole values.
func TestPatternsSurviveAnIndependentAudit(t *testing.T) {
	const below = 5
	// PAPER_GRIDS=3000 runs more (the run quoted in the README).
	small, large := 300, 2
	if testing.Short() {
		small, large = 100, 1
	}
	if n, err := strconv.Atoi(os.Getenv("PAPER_GRIDS")); err == nil && n > 0 {
		small, large = n, n/100
	}
	r := rand.New(rand.NewPCG(11, 2026))
	enumerated, programmed := 0, 0
	for n := range small + large {
		rows, cols, biggest := 2+r.IntN(3), 5+r.IntN(4), 12
		if n >= small {
			rows, biggest = 2+r.IntN(29), 80
		}
		g := randomGrid(r, rows, cols, biggest)
		tab := g.table(below)
		p, err := tab.Choose()
		if err != nil {
			t.Fatalf("grid %d %v: %v", n, g.counts, err)
		}
		k, rates := published(g, tab, p)
		checkRange := func(i, j, values int) {
			if v := g.value(i, j); v > 0 && v < below && values < disclosure.MinValues {
				t.Fatalf("grid %d %v rates %v: cell (%d,%d) = %d has %d possible values under pattern %v", n, g.counts, rates, i, j, v, values, k)
			}
		}
		if n < small {
			total := g.value(g.rows(), 0)
			if vals, ok := enumerate(g, k, rates, total+3, 60_000); ok {
				enumerated++
				for c, vs := range vals {
					if !vs[g.value(c[0], c[1])] {
						t.Fatalf("grid %d: enumeration lost the true value of (%d,%d)", n, c[0], c[1])
					}
					checkRange(c[0], c[1], len(vs))
				}
				continue
			}
		}
		programmed++
		for i := range k {
			for j := range k[i] {
				v := g.value(i, j)
				if v == 0 || v >= below {
					continue
				}
				if !k[i][j].hidden {
					t.Fatalf("grid %d: sensitive cell (%d,%d) = %d is shown", n, i, j, v)
				}
				lo, hi, err := lpRange(g, k, rates, i, j)
				if err != nil {
					t.Fatalf("grid %d: independent LP: %v", n, err)
				}
				values := math.MaxInt
				if !math.IsInf(hi, 1) {
					values = int(math.Floor(hi+1e-6) - math.Ceil(lo-1e-6) + 1)
				}
				checkRange(i, j, values)
			}
		}
	}
	t.Logf("%d grids audited by enumeration, %d by linear programming", enumerated, programmed)
	if enumerated < small/4 {
		t.Errorf("only %d of %d small grids could be enumerated", enumerated, small)
	}
}

// FuzzChoose: any grid of counts gets a pattern, without error, that
// hides every sensitive cell and passes the package's own audit.
func FuzzChoose(f *testing.F) {
	f.Add([]byte{3, 1, 0, 7, 9, 2, 2, 30, 1})
	f.Add([]byte{1, 1, 1, 1, 1, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 6 || len(data) > 60 {
			return
		}
		cols := 3 + int(data[0])%4
		var g raw
		g.rates = data[1]%2 == 0
		for i := 2; i+cols-1 <= len(data); i += cols - 1 {
			row := make([]int, cols)
			for j := 1; j < cols; j++ {
				row[j] = int(data[i+j-1]) % 40
				row[0] += row[j]
			}
			g.counts = append(g.counts, row)
		}
		if len(g.counts) == 0 {
			return
		}
		tab := g.table(5)
		p, err := tab.Choose()
		if err != nil {
			t.Fatal(err)
		}
		ranges, err := tab.Audit(p)
		if err != nil {
			t.Fatal(err)
		}
		for i := range tab.Cells {
			if tab.Sensitive(i) && (!p.Hidden[i] || ranges[i].Values() < disclosure.MinValues) {
				t.Fatalf("%v: %s hidden %v range %v", g.counts, tab.Cells[i].Name, p.Hidden[i], ranges[i])
			}
		}
	})
}
