package disclosure

// Grid is a two-way table of counts: a row per line (a service), a
// column per count, where column 0 is each row's total of the other
// columns plus Rest (a part the table does not break down, such as cases
// closed with no outcome recorded), and a total row adds up every column.
type Grid struct {
	Rows, Cols []string
	// Counts[i][j] is row i's count in column j.
	Counts [][]int
	// Rest[i] is the part of row i's total outside columns 1..; nil for
	// none.
	Rest []int
}

// Table returns the grid as a Table with the given threshold: cell
// Cell(i, j) for row i (len(Rows) is the total row, named "Total") and
// column j, tied by one relation per row and one per column.
func (g Grid) Table(below int) *Table {
	t := &Table{Below: below}
	nc := len(g.Cols)
	for i := 0; i <= len(g.Rows); i++ {
		name := "Total"
		if i < len(g.Rows) {
			name = g.Rows[i]
		}
		for j := range nc {
			v := 0
			if i < len(g.Rows) {
				v = g.Counts[i][j]
			} else {
				for k := range g.Rows {
					v += g.Counts[k][j]
				}
			}
			t.Cells = append(t.Cells, Cell{Name: name + ", " + g.Cols[j], Value: v})
		}
	}
	for i := 0; i <= len(g.Rows); i++ {
		rest := 0
		for k := range g.Rows {
			if g.Rest != nil && (i == k || i == len(g.Rows)) {
				rest += g.Rest[k]
			}
		}
		rel := Relation{Terms: []Term{{g.Cell(i, 0), 1}}, Const: float64(rest)}
		for j := 1; j < nc; j++ {
			rel.Terms = append(rel.Terms, Term{g.Cell(i, j), -1})
		}
		t.Relations = append(t.Relations, rel)
	}
	for j := range nc {
		rel := Relation{Terms: []Term{{g.Cell(len(g.Rows), j), 1}}}
		for i := range g.Rows {
			rel.Terms = append(rel.Terms, Term{g.Cell(i, j), -1})
		}
		t.Relations = append(t.Relations, rel)
	}
	return t
}

// Cell is the index in Table().Cells of row i, column j.
func (g Grid) Cell(i, j int) int { return i*len(g.Cols) + j }
