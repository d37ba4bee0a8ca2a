package disclosure

import "testing"

// TestComponentKeyFollowsTheComponent checks what the verdict cache
// rests on: a cell's key changes when the withheld set changes in its
// own component of the relations, and only then.
func TestComponentKeyFollowsTheComponent(t *testing.T) {
	// Two separate 2x2 grids in one table: cells 0-8 and 9-17.
	g := Grid{Rows: []string{"A", "B"}, Cols: []string{"Total", "X", "Y"},
		Counts: [][]int{{10, 3, 7}, {12, 8, 4}}}
	one := g.Table(5)
	two := g.Table(5)
	tab := &Table{Below: 5, Cells: append(one.Cells, two.Cells...), Relations: one.Relations}
	off := len(one.Cells)
	for _, r := range two.Relations {
		var terms []Term
		for _, tm := range r.Terms {
			terms = append(terms, Term{tm.Cell + off, tm.Coef})
		}
		tab.Relations = append(tab.Relations, Relation{Terms: terms, Const: r.Const})
	}
	hide := func(cells ...int) string {
		h := make([]bool, len(tab.Cells))
		for _, c := range cells {
			h[c] = true
		}
		return tab.auditor(h, nil).componentKey(g.Cell(0, 1))
	}
	base := hide(g.Cell(0, 1), g.Cell(0, 2), g.Cell(1, 1), g.Cell(1, 2))
	tests := []struct {
		name  string
		key   string
		equal bool
	}{
		{"same pattern", hide(g.Cell(0, 1), g.Cell(0, 2), g.Cell(1, 1), g.Cell(1, 2)), true},
		{"cell hidden in the other grid", hide(g.Cell(0, 1), g.Cell(0, 2), g.Cell(1, 1), g.Cell(1, 2), off+g.Cell(1, 1)), true},
		{"total the reader can work out", hide(g.Cell(0, 1), g.Cell(0, 2), g.Cell(1, 1), g.Cell(1, 2), g.Cell(0, 0)), true},
		{"cells hidden in its own grid", hide(g.Cell(0, 1), g.Cell(0, 2), g.Cell(1, 1), g.Cell(1, 2), g.Cell(0, 0), g.Cell(1, 0)), false},
		{"cell shown in its own grid", hide(g.Cell(0, 1), g.Cell(0, 2), g.Cell(1, 1)), false},
	}
	for _, tt := range tests {
		if got := tt.key == base; got != tt.equal {
			t.Errorf("%s: key equal = %v, want %v", tt.name, got, tt.equal)
		}
	}
}
