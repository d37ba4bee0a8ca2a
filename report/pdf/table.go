package pdf

import (
	"github.com/paperhq/paper/third_party/fpdf"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/tablelayout"
)

// cellLayout is one cell laid out: its place and its lines.
type cellLayout struct {
	x, w  float64
	lines []line
	align doc.Align
}

// rowLayout is one table row laid out.
type rowLayout struct {
	cells  []cellLayout
	header bool
	h      float64 // full height including padding
	tags   []cellTag
}

// tableGeom holds what a table's rows share.
type tableGeom struct {
	size, lh float64
	cols     []float64 // column x positions, len(columns)+1
}

func (w *writer) tableSize(t *doc.Table) float64 {
	if t.Kind == doc.Form {
		return w.style.BodySize - 2
	}
	return w.style.BodySize - 1
}

// geometry places a table's columns between x0 and x0+width and chooses
// its text size (see columnWidths).
func (w *writer) geometry(t *doc.Table, x0, width float64) tableGeom {
	key := geomKey{t, width}
	cw, ok := w.widths[key]
	if !ok {
		cw = w.columnWidths(t, width)
		if w.widths == nil {
			w.widths = map[geomKey]colWidths{}
		}
		w.widths[key] = cw
	}
	g := tableGeom{size: cw.size, lh: lineHeight(cw.size)}
	x := x0
	g.cols = append(g.cols, x)
	for _, cw := range cw.widths {
		x += cw
		g.cols = append(g.cols, x)
	}
	return g
}

// geomKey identifies a table laid out at a width.
type geomKey struct {
	t     *doc.Table
	width float64
}

// colWidths is the outcome of columnWidths.
type colWidths struct {
	size   float64
	widths []float64
}

// columnWidths shares width between t's columns (see package tablelayout):
// by the layout's relative widths, but no column narrower than its longest
// word, measured in the font each cell's text is set in (bold in header
// rows and bold runs), plus cell padding. When the words cannot all fit
// at the table's text size, the table is set smaller, half a point at a
// time down to the small text size (9 pt in the default style), if that
// lets them fit; a table that even then cannot fit its words (a very long
// word, a great many columns) keeps its text size and breaks words
// between letters.
func (w *writer) columnWidths(t *doc.Table, width float64) colWidths {
	size := w.tableSize(t)
	floor := min(size, w.style.SmallSize)
	hints := tablelayout.Hints(t.Columns)
	mins := w.columnMins(t, size)
	if !tablelayout.Fits(mins, width) {
		for s := size - 0.5; s >= floor-1e-9; s -= 0.5 {
			if m := w.columnMins(t, s); tablelayout.Fits(m, width) {
				size, mins = s, m
				break
			}
		}
	}
	return colWidths{size: size, widths: tablelayout.Widths(hints, mins, width)}
}

// columnMins is each column's least width at text size size.
func (w *writer) columnMins(t *doc.Table, size float64) []float64 {
	return tablelayout.Mins(t, func(c doc.Cell, header bool) float64 {
		// A hair over the exact width, so rounding never breaks the word.
		return longestWord(w.body, c.Content, cellStyle(header), size) + 2*cellPad + 0.01
	})
}

// cellStyle is the base style of a cell's text.
func cellStyle(header bool) string {
	if header {
		return "B"
	}
	return ""
}

func (w *writer) layoutRow(t *doc.Table, g tableGeom, row []doc.Cell, header bool) rowLayout {
	rl := rowLayout{header: header}
	col := 0
	maxLines := 1
	for _, c := range row {
		span := c.Cols()
		if col+span > len(t.Columns) {
			break
		}
		x, x1 := g.cols[col], g.cols[col+span]
		align := t.Columns[col].Align
		if c.AlignSet {
			align = c.Align
		}
		lines := w.measure(w.body, c.Content, cellStyle(header), g.size, x1-x-2*cellPad)
		maxLines = max(maxLines, len(lines))
		rl.cells = append(rl.cells, cellLayout{x: x, w: x1 - x, lines: lines, align: align})
		col += span
	}
	rl.h = float64(maxLines)*g.lh + 2*cellPad
	return rl
}

// tableLeadHeight is what must fit for the table to start on this page:
// its caption, header rows and first row. A form table (appendices,
// background papers, sign off) is short and read as one block, so all of
// it must fit unless it is taller than a page: a sign-off table must not
// leave its last line alone on the next page.
func (w *writer) tableLeadHeight(t *doc.Table, width float64) float64 {
	g := w.geometry(t, 0, width)
	h := 0.0
	if c := t.CaptionLine(); c != "" {
		h += float64(len(wrap(w.body, doc.Plain(c), "B", w.style.BodySize-1, width))) * lineHeight(w.style.BodySize-1)
		h += 1
	}
	for _, row := range t.Header {
		h += w.layoutRow(t, g, row, true).h
	}
	rows := t.Rows
	if t.Kind != doc.Form && len(rows) > 1 {
		// The first row and the rows kept with it (a group heading's
		// first row; the last row of a short table).
		n := 1
		for n < len(rows) && tablelayout.KeepWithNext(t, n-1) {
			n++
		}
		rows = rows[:n]
	}
	body := 0.0
	for _, row := range rows {
		body += w.layoutRow(t, g, row, false).h
	}
	if h+body > w.bottom-w.top && len(rows) > 0 {
		body = w.layoutRow(t, g, rows[0], false).h
	}
	return h + min(body, w.bottom-w.top-h)
}

// table draws a table; in the front sheet's facts (doc.KeyValue) the
// first column holds row headers.
func (w *writer) table(t *doc.Table, x0, x1 float64) {
	width := x1 - x0
	g := w.geometry(t, x0, width)
	w.ensure(min(w.tableLeadHeight(t, width), w.bottom-w.top))
	headTags, bodyTags := w.tableTags(t)
	w.begin("Table", nil)
	defer w.end()
	if c := t.CaptionLine(); c != "" {
		w.begin("Caption", nil)
		w.text(w.body, doc.Plain(c), "B", w.style.BodySize-1, x0, width, doc.Left, w.ink)
		w.end()
		w.y += 1
	}
	var headers []rowLayout
	for i, row := range t.Header {
		rl := w.layoutRow(t, g, row, true)
		rl.tags = headTags[i]
		headers = append(headers, rl)
	}
	headerH := 0.0
	for _, h := range headers {
		headerH += h.h
	}
	// Header rows taller than half a page are not repeated: they would
	// leave no room for the body.
	repeat := headerH < (w.bottom-w.top)/2
	// The header rows are content where the table starts and pagination
	// artifacts where they repeat.
	drawHeaders := func() {
		w.artifact("Pagination", "Header", func() {
			for _, h := range headers {
				h.tags = nil
				w.drawRow(h, g, nil)
			}
		})
	}
	if len(headers) > 0 {
		w.begin("THead", nil)
		for _, h := range headers {
			w.drawRow(h, g, nil)
		}
		w.end()
	}
	layouts := make([]rowLayout, len(t.Rows))
	for i, row := range t.Rows {
		layouts[i] = w.layoutRow(t, g, row, false)
		layouts[i].tags = bodyTags[i]
	}
	if len(layouts) > 0 {
		w.begin("TBody", nil)
		defer w.end()
	}
	// What a page holds below the repeated header rows.
	page := w.bottom - w.top
	if repeat {
		page -= headerH
	}
	for i, rl := range layouts {
		// A row kept with the next moves to a new page with it when the
		// two do not fit here but do fit on a page.
		chain := rl.h
		for j := i; tablelayout.KeepWithNext(t, j); j++ {
			chain += layouts[j+1].h
		}
		if chain > w.room() && rl.h <= w.room() && chain <= page {
			w.newPage()
			if repeat {
				drawHeaders()
			}
		}
		if rl.h > w.room() {
			if rl.h <= w.bottom-w.top-headerH || w.room() < 2*g.lh+2*cellPad {
				w.newPage()
				if repeat {
					drawHeaders()
				}
			}
		}
		w.drawRow(rl, g, func() {
			w.newPage()
			if repeat {
				drawHeaders()
			}
		})
	}
	w.y += w.gap()
}

// drawRow draws a row at the cursor. A row taller than the room left is
// split between lines, calling breakPage before each continuation. A row
// with tags is a TR of the structure tree, whose cells stay one element
// each across the split; without, it is drawn as it is (an artifact).
func (w *writer) drawRow(rl rowLayout, g tableGeom, breakPage func()) {
	var elems []fpdf.StructElem
	if rl.tags != nil && w.inArtifact == 0 {
		w.begin("TR", nil)
		elems = make([]fpdf.StructElem, len(rl.cells))
		for i := range rl.cells {
			elems[i] = -1
			if i < len(rl.tags) && rl.tags[i].role != "" {
				elems[i] = w.begin(rl.tags[i].role, &rl.tags[i].opt)
				w.end()
			}
		}
		w.end()
	}
	next := make([]int, len(rl.cells))
	for {
		maxLeft := 0
		for i, c := range rl.cells {
			maxLeft = max(maxLeft, len(c.lines)-next[i])
		}
		fit := int((w.room() - 2*cellPad) / g.lh)
		n := maxLeft
		if breakPage != nil && fit < maxLeft {
			n = max(fit, 1)
		}
		h := float64(max(n, 1))*g.lh + 2*cellPad
		w.drawCells(rl, next, n, h, g, elems)
		for i := range next {
			next[i] = min(next[i]+n, len(rl.cells[i].lines))
		}
		w.y += h
		if n >= maxLeft || breakPage == nil {
			return
		}
		breakPage()
	}
}

// drawCells draws n lines of each cell starting at line from[i], in a band
// of height h at the cursor: each cell's border as a layout artifact and
// its text in its element, elems[i], when it has one.
func (w *writer) drawCells(rl rowLayout, from []int, n int, h float64, g tableGeom, elems []fpdf.StructElem) {
	f := w.f
	fill := hex(w.style.HeaderFill)
	for i, c := range rl.cells {
		w.artifact("Layout", "", func() {
			// Set the rule for every cell: a link drawn in the cell before
			// leaves its underline's colour and width behind.
			f.SetLineWidth(0.25)
			f.SetDrawColor(120, 120, 120)
			if rl.header {
				f.SetFillColor(fill[0], fill[1], fill[2])
				f.Rect(c.x, w.y, c.w, h, "FD")
			} else {
				f.Rect(c.x, w.y, c.w, h, "D")
			}
		})
		tagged := elems != nil && elems[i] >= 0
		w.link = openLink{}
		if tagged {
			w.resume(elems[i])
		}
		y := w.y + cellPad
		end := min(from[i]+n, len(c.lines))
		for _, ln := range c.lines[from[i]:end] {
			x := c.x + cellPad
			switch c.align {
			case doc.Center:
				x = c.x + (c.w-ln.w)/2
			case doc.Right:
				x = c.x + c.w - cellPad - ln.w
			}
			w.drawLine(ln, x, y, g.size, w.ink)
			y += g.lh
		}
		if tagged {
			w.end()
		}
	}
}
