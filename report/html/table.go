package html

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/doc"
)

// headerCell is one cell of a table's header rows as the page writes it.
type headerCell struct {
	cell    doc.Cell
	col     int // first column
	rowspan int // 0: covered by the cell above (not written)
	id      string
}

// table writes a table: its caption (or, for a table without one, its
// description as a caption only screen readers see), header rows in
// thead with th scope="col", and each body row's first cell as its row
// header (th scope="row"). A table with two or more header rows gives
// every header cell an id and every cell the headers it sits under, and
// a header cell with nothing below it spans the rows down to the body. A
// wide table sits in a focusable region named by its caption, which
// scrolls sideways on its own.
func (w *writer) table(t *doc.Table) {
	w.tables++
	id := "_table" + strconv.Itoa(w.tables)
	caption := t.CaptionLine()
	hidden := false
	if caption == "" {
		caption, hidden = t.Description, true
	}
	wide := len(t.Columns) > wideColumns
	if wide {
		w.s("<div class=\"wide\" role=\"region\" tabindex=\"0\"")
		if caption != "" {
			w.s(" aria-labelledby=\"", id, "-caption\"")
		}
		w.s(">\n")
	}
	w.s("<table class=\"", tableClass(t.Kind), "\">\n")
	if caption != "" {
		w.s("<caption id=\"", id, "-caption\"")
		if hidden {
			w.s(" class=\"visually-hidden\"")
		}
		w.s(">", esc(caption), "</caption>\n")
	}
	w.columns(t)
	heads := headerGrid(t, id)
	// colHeads[c] lists the ids of the header cells over column c, top
	// down, for the headers attribute of two-level tables.
	var colHeads [][]string
	if len(t.Header) > 1 {
		colHeads = make([][]string, len(t.Columns))
		for _, row := range heads {
			for _, h := range row {
				if h.rowspan == 0 || len(doc.Text(h.cell.Content)) == 0 {
					continue
				}
				for c := h.col; c < h.col+h.cell.Cols() && c < len(colHeads); c++ {
					colHeads[c] = append(colHeads[c], h.id)
				}
			}
		}
	}
	if len(heads) > 0 {
		w.s("<thead>\n")
		for _, row := range heads {
			w.s("<tr>")
			for _, h := range row {
				if h.rowspan == 0 {
					continue
				}
				w.s("<th scope=\"col\"")
				if colHeads != nil {
					w.s(" id=\"", h.id, "\"")
				}
				w.spans(h.cell.Cols(), h.rowspan)
				w.align(t, h.col, h.cell)
				w.s(">")
				w.inlines(content(h.cell))
				w.s("</th>")
			}
			w.s("</tr>\n")
		}
		w.s("</thead>\n")
	}
	w.s("<tbody>\n")
	rowHeads := len(heads) > 0 || t.Kind == doc.KeyValue
	for r, row := range t.Rows {
		w.s("<tr>")
		col := 0
		rowHead := ""
		for i, c := range row {
			th := i == 0 && rowHeads && len(row) > 1 && c.Cols() == 1 && doc.Text(content(c)) != ""
			if th {
				w.s("<th scope=\"row\"")
				if colHeads != nil {
					rowHead = id + "-r" + strconv.Itoa(r+1)
					w.s(" id=\"", rowHead, "\"")
				}
			} else {
				w.s("<td")
			}
			if colHeads != nil {
				var hs []string
				for k := col; k < col+c.Cols() && k < len(colHeads); k++ {
					for _, h := range colHeads[k] {
						if !slices.Contains(hs, h) {
							hs = append(hs, h)
						}
					}
				}
				if rowHead != "" && !th {
					hs = append(hs, rowHead)
				}
				if len(hs) > 0 {
					w.s(" headers=\"", strings.Join(hs, " "), "\"")
				}
			}
			w.spans(c.Cols(), 1)
			w.align(t, col, c)
			w.s(">")
			w.inlines(content(c))
			if th {
				w.s("</th>")
			} else {
				w.s("</td>")
			}
			col += c.Cols()
		}
		w.s("</tr>\n")
	}
	w.s("</tbody>\n</table>\n")
	if wide {
		w.s("</div>\n")
	}
}

// columns writes the columns' relative widths as a colgroup, when every
// column has one.
func (w *writer) columns(t *doc.Table) {
	total := 0.0
	for _, c := range t.Columns {
		if !(c.Width > 0) || math.IsInf(c.Width, 0) {
			return
		}
		total += c.Width
	}
	if math.IsInf(total, 0) {
		return
	}
	w.s("<colgroup>")
	for _, c := range t.Columns {
		w.s("<col style=\"width:", strconv.FormatFloat(100*c.Width/total, 'f', 1, 64), "%\">")
	}
	w.s("</colgroup>\n")
}

// content is what the page shows in a cell: its web content when it has
// one.
func content(c doc.Cell) []doc.Inline {
	if c.Web != nil {
		return c.Web
	}
	return c.Content
}

// headerGrid places the header rows' cells in their columns and lets a
// one-column header cell span down over the empty cells below it (the
// front sheet's "Ref." over the blank under it, beside the Schedule 12A
// paragraphs' numbers).
func headerGrid(t *doc.Table, id string) [][]headerCell {
	grid := make([][]headerCell, len(t.Header))
	for r, row := range t.Header {
		col := 0
		for i, c := range row {
			grid[r] = append(grid[r], headerCell{cell: c, col: col, rowspan: 1,
				id: id + "-h" + strconv.Itoa(r+1) + "-" + strconv.Itoa(i+1)})
			col += c.Cols()
		}
	}
	for r := range grid {
		for i := range grid[r] {
			h := &grid[r][i]
			if h.rowspan == 0 || h.cell.Cols() != 1 || doc.Text(content(h.cell)) == "" {
				continue
			}
			for below := r + 1; below < len(grid); below++ {
				k := cellAt(grid[below], h.col)
				if k < 0 || grid[below][k].cell.Cols() != 1 || doc.Text(content(grid[below][k].cell)) != "" {
					break
				}
				grid[below][k].rowspan = 0
				h.rowspan++
			}
		}
	}
	return grid
}

// cellAt returns the index of the cell of row that starts at column col,
// or -1.
func cellAt(row []headerCell, col int) int {
	for i, h := range row {
		if h.col == col {
			return i
		}
	}
	return -1
}

func (w *writer) spans(cols, rows int) {
	if cols > 1 {
		w.s(" colspan=\"", strconv.Itoa(cols), "\"")
	}
	if rows > 1 {
		w.s(" rowspan=\"", strconv.Itoa(rows), "\"")
	}
}

// align writes the class that aligns a cell: its own alignment, else its
// column's.
func (w *writer) align(t *doc.Table, col int, c doc.Cell) {
	a := doc.Left
	if col < len(t.Columns) {
		a = t.Columns[col].Align
	}
	if c.AlignSet {
		a = c.Align
	}
	switch a {
	case doc.Right:
		w.s(" class=\"right\"")
	case doc.Center:
		w.s(" class=\"centre\"")
	}
}

func tableClass(k doc.TableKind) string {
	switch k {
	case doc.Form:
		return "form"
	case doc.KeyValue:
		return "facts"
	}
	return "grid"
}
