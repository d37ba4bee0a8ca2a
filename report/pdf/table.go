package pdf

import (
	"github.com/paperhq/paper/report/doc"
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

func (w *writer) geometry(t *doc.Table, x0, width float64) tableGeom {
	size := w.tableSize(t)
	g := tableGeom{size: size, lh: lineHeight(size)}
	total := 0.0
	for _, c := range t.Columns {
		total += colWidth(c)
	}
	x := x0
	g.cols = append(g.cols, x)
	for _, c := range t.Columns {
		x += colWidth(c) / total * width
		g.cols = append(g.cols, x)
	}
	return g
}

func colWidth(c doc.Column) float64 {
	if c.Width <= 0 {
		return 1
	}
	return c.Width
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
		style := ""
		if header {
			style = "B"
		}
		lines := wrap(c.Content, style, g.size, x1-x-2*cellPad)
		maxLines = max(maxLines, len(lines))
		rl.cells = append(rl.cells, cellLayout{x: x, w: x1 - x, lines: lines, align: align})
		col += span
	}
	rl.h = float64(maxLines)*g.lh + 2*cellPad
	return rl
}

func captionText(t *doc.Table) string {
	switch {
	case t.Label != "" && t.Caption != "":
		return t.Label + ": " + t.Caption
	case t.Label != "":
		return t.Label
	}
	return t.Caption
}

// tableLeadHeight is what must fit for the table to start on this page:
// its caption, header rows and first row. A form table (appendices,
// background papers, sign off) is short and read as one block, so all of
// it must fit unless it is taller than a page: a sign-off table must not
// leave its last line alone on the next page.
func (w *writer) tableLeadHeight(t *doc.Table, width float64) float64 {
	g := w.geometry(t, 0, width)
	h := 0.0
	if c := captionText(t); c != "" {
		h += float64(len(wrap(doc.Plain(c), "B", w.style.BodySize-1, width))) * lineHeight(w.style.BodySize-1)
		h += 1
	}
	for _, row := range t.Header {
		h += w.layoutRow(t, g, row, true).h
	}
	rows := t.Rows
	if t.Kind != doc.Form && len(rows) > 1 {
		rows = rows[:1]
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

func (w *writer) table(t *doc.Table, x0, x1 float64) {
	width := x1 - x0
	g := w.geometry(t, x0, width)
	w.ensure(min(w.tableLeadHeight(t, width), w.bottom-w.top))
	if c := captionText(t); c != "" {
		w.text(doc.Plain(c), "B", w.style.BodySize-1, x0, width, doc.Left, black)
		w.y += 1
	}
	var headers []rowLayout
	for _, row := range t.Header {
		headers = append(headers, w.layoutRow(t, g, row, true))
	}
	headerH := 0.0
	for _, h := range headers {
		headerH += h.h
	}
	// Header rows taller than half a page are not repeated: they would
	// leave no room for the body.
	repeat := headerH < (w.bottom-w.top)/2
	drawHeaders := func() {
		for _, h := range headers {
			w.drawRow(h, g, nil)
		}
	}
	drawHeaders()
	for _, row := range t.Rows {
		rl := w.layoutRow(t, g, row, false)
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
// split between lines, calling breakPage before each continuation.
func (w *writer) drawRow(rl rowLayout, g tableGeom, breakPage func()) {
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
		w.drawCells(rl, next, n, h, g)
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
// of height h at the cursor.
func (w *writer) drawCells(rl rowLayout, from []int, n int, h float64, g tableGeom) {
	f := w.f
	fill := hex(w.style.HeaderFill)
	for i, c := range rl.cells {
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
			w.drawLine(ln, x, y, g.size, black)
			y += g.lh
		}
	}
}
