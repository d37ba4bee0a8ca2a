package charts

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// Heatmap is a grid of figures, a row per category (a service) and a
// column per month (or another breakdown), each cell shaded by its value
// on a sequential single-hue scale and printed with its value, with the
// rows' totals in a column on the right and the columns' in a row
// beneath: where and when complaints concentrate, as members ask for it.
//
// The shades are ColorBrewer's "Blues", a single-hue ramp that reads for
// every kind of colour vision and in greyscale print; each cell's value
// is printed on it in near-black or white, whichever has the contrast
// (at least 4.5:1 on every shade), so the shade is never the only way to
// read a cell. A withheld cell (small numbers) is grey, hatched and
// marked, and shows no value anywhere: not in the drawing, the
// alternative text or the data table.
type Heatmap struct {
	// Title is drawn at the top of the chart; empty draws none.
	Title string
	// Typeface is the house style's font for the chart's text; nil is
	// Liberation Sans.
	Typeface *canvas.Typeface
	// Subject names what is counted, for the alternative text: "stage 1
	// complaints received by service and month, 2024/25".
	Subject string
	// RowName heads the rows ("Service"), ColName the columns ("Month");
	// TotalName names the total row ("All services").
	RowName, ColName, TotalName string
	// Rows label the rows, top to bottom; Cols the columns as drawn
	// ("Apr"), LongCols as the alternative text and data table name them
	// ("April 2024").
	Rows, Cols, LongCols []string
	// Cells[i][j] is row i's figure in column j; RowTotals[i] is row i's
	// total, ColTotals[j] column j's, Total the whole grid's.
	Cells                [][]HeatCell
	RowTotals, ColTotals []HeatCell
	Total                HeatCell
	// Format is Count or Percent (a rate from 0 to 1).
	Format Format
	// Withheld is the mark of a withheld figure ("[c]"); Note explains
	// it under the data table.
	Withheld, Note string
	// Busiest, when set, ends the alternative text: "the busiest month
	// was October 2024 (96 complaints)".
	Busiest string
	// Width is the printed width in millimetres; zero means DefaultWidth.
	Width float64
	// ListTable lays the data table out a row per row and column (a
	// service's figure for each category) rather than as the grid: for
	// columns whose names are too long for a table of many columns.
	ListTable bool
}

// HeatCell is one figure of a heat map.
type HeatCell struct {
	// Value is the figure; undefined (a rate with nothing to divide by)
	// prints "n/a".
	Value Value
	// Hidden withholds it.
	Hidden bool
}

// HeatShades are the heat map's shades, lightest first: ColorBrewer's
// 7-class "Blues" (Cynthia Brewer, colorbrewer2.org), sequential in one
// hue, so the order of the shades reads without telling hues apart.
var HeatShades = []canvas.Color{
	canvas.RGB(0xEF, 0xF3, 0xFF), canvas.RGB(0xC6, 0xDB, 0xEF), canvas.RGB(0x9E, 0xCA, 0xE1),
	canvas.RGB(0x6B, 0xAE, 0xD6), canvas.RGB(0x42, 0x92, 0xC6), canvas.RGB(0x21, 0x71, 0xB5),
	canvas.RGB(0x08, 0x45, 0x94),
}

// TextOnShade is the colour a value is printed in on shade c, and its
// contrast ratio with c (WCAG 2).
func TextOnShade(c canvas.Color) (canvas.Color, float64) {
	t := textOn(c)
	return t, contrast(t, c)
}

// heatClass is one band of the scale: the values it covers, its label
// in the legend and its shade.
type heatClass struct {
	lo, hi float64 // lo <= v <= hi (counts), or whole percentages
	label  string
	shade  canvas.Color
}

// classes divides the scale into bands: for counts, 0 and then equal
// bands of a round width up to the largest cell shown; for rates, five
// bands of 20 percentage points by the percentage as printed.
func (h *Heatmap) classes() []heatClass {
	if h.Format == Percent {
		var out []heatClass
		for i := 0; i < 5; i++ {
			lo, hi := float64(i*20), float64(i*20+19)
			if i == 4 {
				hi = 100
			}
			out = append(out, heatClass{lo, hi, fmt.Sprintf("%.0f–%.0f%%", lo, hi), HeatShades[[]int{0, 2, 3, 5, 6}[i]]})
		}
		return out
	}
	top := 0.0
	for i := range h.Cells {
		for _, c := range h.Cells[i] {
			if !c.Hidden && c.Value.OK {
				top = math.Max(top, c.Value.V)
			}
		}
	}
	step := 1.0
	for _, s := range []float64{1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000} {
		step = s
		if top/s <= 6 {
			break
		}
	}
	for top/step > 6 {
		step *= 2
	}
	n := int(math.Ceil(top / step)) // bands above zero
	out := []heatClass{{0, 0, "0", HeatShades[0]}}
	for i := 1; i <= n; i++ {
		lo, hi := float64(i-1)*step+1, float64(i)*step
		label := FormatCount(lo) + "–" + FormatCount(hi)
		if lo == hi {
			label = FormatCount(lo)
		}
		shade := HeatShades[len(HeatShades)-1]
		if n > 1 {
			shade = HeatShades[1+int(math.Round(float64(i-1)*float64(len(HeatShades)-2)/float64(n-1)))]
		}
		out = append(out, heatClass{lo, hi, label, shade})
	}
	return out
}

// shade is the fill of value v.
func (h *Heatmap) shade(classes []heatClass, v float64) canvas.Color {
	if h.Format == Percent {
		v = math.Floor(v*100 + 0.5) // the percentage as printed, rounded half up
	}
	for _, c := range classes {
		if v <= c.hi {
			return c.shade
		}
	}
	return classes[len(classes)-1].shade
}

// Check reports what makes the heat map undrawable.
func (h *Heatmap) Check() error {
	if len(h.Rows) == 0 || len(h.Cols) == 0 {
		return fmt.Errorf("%w: no rows", ErrEmpty)
	}
	if len(h.Cells) != len(h.Rows) || len(h.RowTotals) != len(h.Rows) || len(h.ColTotals) != len(h.Cols) || len(h.LongCols) != len(h.Cols) {
		return fmt.Errorf("charts: a heat map of %d rows and %d columns has %d rows of cells, %d row totals, %d column totals and %d column names",
			len(h.Rows), len(h.Cols), len(h.Cells), len(h.RowTotals), len(h.ColTotals), len(h.LongCols))
	}
	any := false
	for i, r := range h.Cells {
		if len(r) != len(h.Cols) {
			return fmt.Errorf("charts: %s has %d cells for %d columns", h.Rows[i], len(r), len(h.Cols))
		}
		for _, c := range r {
			if c.Value.OK && (c.Value.V < 0 || math.IsNaN(c.Value.V) || math.IsInf(c.Value.V, 0) || (h.Format == Percent && c.Value.V > 1)) {
				return fmt.Errorf("charts: %s has a value out of range", h.Rows[i])
			}
			any = any || c.Hidden || (c.Value.OK && c.Value.V > 0)
		}
	}
	if !any {
		return fmt.Errorf("%w: every value is zero or missing", ErrEmpty)
	}
	// Every figure is printed in its cell, so the columns must hold the
	// widest of them.
	l := h.layout()
	need := 0.0
	bold := textFont(h.Typeface, tickSize)
	bold.bold = true
	for i := range h.Cells {
		for _, c := range h.Cells[i] {
			need = math.Max(need, textFont(h.Typeface, tickSize).width(h.text(c)))
		}
		need = math.Max(need, bold.width(h.text(h.RowTotals[i])))
	}
	for _, c := range append(h.ColTotals, h.Total) {
		need = math.Max(need, bold.width(h.text(c)))
	}
	if need += mm(0.8); l.colW < need {
		return fmt.Errorf("charts: a heat map's %d columns (with the total) need %.0f mm each for their figures, and %.0f mm gives them %.1f mm; give it a greater width, or fewer columns",
			len(h.Cols)+1, math.Ceil(need), l.w, l.colW)
	}
	return nil
}

// heatLayout is where the parts of a heat map go.
type heatLayout struct {
	w, h, pad          float64
	titleBase          float64
	legendTop          float64
	legend             []legendItem
	headBase           float64    // baseline of the column labels' first line
	heads              [][]string // each column's label, wrapped
	labelW             float64
	labels             [][]string
	x0, colW, totalX   float64 // the first cell's left, a cell's width, the total column's left
	rowTop             []float64
	rowH               float64
	totalTop, bottomAt float64
}

func (h *Heatmap) layout() heatLayout {
	label := textFont(h.Typeface, labelSize)
	l := heatLayout{w: printedWidth(h.Width), pad: mm(1.5)}
	y := l.pad
	if h.Title != "" {
		tf := font{size: pt(titleSize), bold: true}
		l.titleBase = y + tf.cap()
		y += tf.line() + mm(1)
	}
	for _, c := range h.classes() {
		l.legend = append(l.legend, legendItem{label: c.label, fill: c.shade})
	}
	if h.hasHidden() {
		l.legend = append(l.legend, legendItem{label: h.Withheld + ": withheld, so that no one can be identified", fill: withheld, hatched: true})
	}
	if h.hasUndefined() {
		l.legend = append(l.legend, legendItem{label: "n/a: none closed", plain: true})
	}
	l.legendTop = y
	_, lh := legendLayout(l.legend, l.w-2*l.pad, h.Typeface)
	y += lh + mm(2.5)
	headTop := y
	// The labels' column: the longest label's width, at most 30% of the
	// chart, wrapping onto two lines.
	for _, r := range h.Rows {
		l.labelW = math.Max(l.labelW, label.width(r))
	}
	bold := label
	bold.bold = true
	l.labelW = math.Max(l.labelW, bold.width(h.TotalName))
	l.labelW = math.Min(l.labelW+mm(1.5), (l.w-2*l.pad)*0.3)
	lines := 1
	for _, r := range h.Rows {
		ls := wrapText(r, label, l.labelW-mm(1.5), 2)
		if len(ls) == 2 {
			ls[1] = fit(ls[1], label, l.labelW-mm(1.5))
		}
		l.labels = append(l.labels, ls)
		lines = max(lines, len(ls))
	}
	l.rowH = math.Max(mm(7), float64(lines)*label.line()+mm(1.6))
	gap := mm(1.5) // between the cells and the totals
	l.x0 = l.pad + l.labelW
	l.colW = (l.w - l.pad - l.x0 - gap) / float64(len(h.Cols)+1)
	l.totalX = l.x0 + float64(len(h.Cols))*l.colW + gap
	// Column labels wrap onto up to three lines (categories are longer
	// than months' names).
	tick := textFont(h.Typeface, tickSize)
	headLines := 1
	for _, c := range h.Cols {
		ls := wrapText(c, tick, l.colW-mm(0.6), 3)
		if n := len(ls); n > 0 {
			ls[n-1] = fit(ls[n-1], tick, l.colW-mm(0.6))
		}
		l.heads = append(l.heads, ls)
		headLines = max(headLines, len(ls))
	}
	l.headBase = headTop + tick.cap()
	y = headTop + float64(headLines-1)*tick.line() + label.line() + mm(0.8)
	for range h.Rows {
		l.rowTop = append(l.rowTop, y)
		y += l.rowH
	}
	l.totalTop = y + gap
	l.bottomAt = l.totalTop + l.rowH
	l.h = l.bottomAt + l.pad
	return l
}

func (h *Heatmap) hasHidden() bool {
	if h.Total.Hidden {
		return true
	}
	for i := range h.Cells {
		if h.RowTotals[i].Hidden {
			return true
		}
		for _, c := range h.Cells[i] {
			if c.Hidden {
				return true
			}
		}
	}
	for _, c := range h.ColTotals {
		if c.Hidden {
			return true
		}
	}
	return false
}

func (h *Heatmap) hasUndefined() bool {
	undefined := func(c HeatCell) bool { return !c.Hidden && !c.Value.OK }
	for i := range h.Cells {
		// Not append(h.Cells[i], h.RowTotals[i]): where the row has spare
		// capacity, that writes into the chart's own array, a data race
		// when two writers lay the same chart out at once.
		if undefined(h.RowTotals[i]) || slices.ContainsFunc(h.Cells[i], undefined) {
			return true
		}
	}
	return false
}

// Size is the chart's printed size in millimetres.
func (h *Heatmap) Size() (w, hh float64) {
	l := h.layout()
	return l.w, l.h
}

// text is how a figure is printed.
func (h *Heatmap) text(c HeatCell) string {
	switch {
	case c.Hidden:
		return h.Withheld
	case !c.Value.OK:
		return "n/a"
	}
	return h.Format.String(c.Value.V)
}

// Draw draws the heat map on c.
func (h *Heatmap) Draw(c canvas.Canvas) error {
	if err := h.Check(); err != nil {
		return err
	}
	l := h.layout()
	cv := newCanvas(c, l.w, l.h)
	if h.Title != "" {
		cv.text(fit(h.Title, font{size: pt(titleSize), bold: true, color: ink}, l.w-2*l.pad), font{size: pt(titleSize), bold: true, color: ink}, l.pad, l.titleBase, left)
	}
	cv.legend(l.legend, l.pad, l.legendTop, l.w-2*l.pad, h.Typeface)
	// within draws s, shortened to width w, centred on x; nothing when
	// not even an ellipsis fits (a column too narrow for its text).
	within := func(s string, f font, x, y, w float64) {
		if s = fit(s, f, w); f.width(s) <= w {
			cv.text(s, f, x, y, center)
		}
	}
	label := textFont(h.Typeface, labelSize)
	tick := textFont(h.Typeface, tickSize)
	for j := range h.Cols {
		for k, line := range l.heads[j] {
			within(line, tick, l.x0+(float64(j)+0.5)*l.colW, l.headBase+float64(k)*tick.line(), l.colW)
		}
	}
	bold := label
	bold.bold = true
	within("Total", bold, l.totalX+l.colW/2, l.headBase, l.colW)
	classes := h.classes()
	drawCell := func(box rect, cell HeatCell, total bool) {
		f := tick
		switch {
		case cell.Hidden:
			cv.rect(box, withheld, canvas.Color{}, 0)
			cv.hatch(box, hatchInk)
		case total || !cell.Value.OK:
			cv.rect(box, white, gridInk, mm(0.25))
		default:
			fill := h.shade(classes, cell.Value.V)
			cv.rect(box, fill, canvas.Color{}, 0)
			f.color, _ = TextOnShade(fill)
		}
		if total {
			f.bold = true
		}
		t := h.text(cell)
		base := (box.y0+box.y1)/2 + f.cap()/2
		if cell.Hidden {
			// On a plain patch over the hatching, so the mark reads.
			tb := textBox(t, f, (box.x0+box.x1)/2, base, center)
			cv.rect(rect{tb.x0 - mm(0.6), tb.y0 - mm(0.5), tb.x1 + mm(0.6), tb.y1 + mm(0.3)}, withheld, canvas.Color{}, 0)
		}
		within(t, f, (box.x0+box.x1)/2, base, box.w())
	}
	inset := mm(0.3) // white lines between the cells
	for i := range h.Rows {
		top := l.rowTop[i]
		ls := l.labels[i]
		first := top + l.rowH/2 - float64(len(ls)-1)*label.line()/2 + label.cap()/2
		for k, s := range ls {
			cv.text(s, label, l.pad, first+float64(k)*label.line(), left)
		}
		for j, cell := range h.Cells[i] {
			x := l.x0 + float64(j)*l.colW
			drawCell(rect{x + inset/2, top + inset/2, x + l.colW - inset/2, top + l.rowH - inset/2}, cell, false)
		}
		drawCell(rect{l.totalX + inset/2, top + inset/2, l.totalX + l.colW - inset/2, top + l.rowH - inset/2}, h.RowTotals[i], true)
	}
	top := l.totalTop
	cv.text(fit(h.TotalName, bold, l.labelW-mm(1.5)), bold, l.pad, top+l.rowH/2+bold.cap()/2, left)
	for j, cell := range h.ColTotals {
		x := l.x0 + float64(j)*l.colW
		drawCell(rect{x + inset/2, top + inset/2, x + l.colW - inset/2, top + l.rowH - inset/2}, cell, true)
	}
	drawCell(rect{l.totalX + inset/2, top + inset/2, l.totalX + l.colW - inset/2, top + l.rowH - inset/2}, h.Total, true)
	return nil
}

// Alt is the alternative text: what the grid shows, its three highest
// figures shown, and the busiest month.
func (h *Heatmap) Alt() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Heat map: %s, %d %s by %d %s.", h.Subject, len(h.Rows), plural(len(h.Rows), strings.ToLower(orDefault(h.RowName, "row"))), len(h.Cols), plural(len(h.Cols), strings.ToLower(orDefault(h.ColName, "column"))))
	type top struct {
		i, j int
		v    float64
	}
	var tops []top
	for i := range h.Cells {
		for j, c := range h.Cells[i] {
			if !c.Hidden && c.Value.OK && c.Value.V > 0 {
				tops = append(tops, top{i, j, c.Value.V})
			}
		}
	}
	sort.SliceStable(tops, func(a, b int) bool { return tops[a].v > tops[b].v })
	if len(tops) > 3 {
		tops = tops[:3]
	}
	if len(tops) > 0 {
		b.WriteString(" Highest: ")
		for k, t := range tops {
			if k > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s in %s (%s)", h.Rows[t.i], h.LongCols[t.j], h.Format.String(t.v))
		}
		b.WriteString(".")
	}
	if h.Busiest != "" {
		b.WriteString(" " + format1(h.Busiest) + ".")
	}
	if h.hasHidden() {
		b.WriteString(" Figures that could identify someone are withheld.")
	}
	return b.String()
}

// format1 capitalises a sentence.
func format1(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func plural(n int, noun string) string {
	if n == 1 {
		return noun
	}
	switch {
	case strings.HasSuffix(noun, "y"):
		return noun[:len(noun)-1] + "ies"
	case strings.HasSuffix(noun, "s"):
		return noun + "es"
	}
	return noun + "s"
}

// Table is the heat map's figures as a table: a row per row with its
// total, and the total row, withheld figures marked as in the chart.
func (h *Heatmap) Table() *doc.Table {
	if h.ListTable {
		return h.listTable()
	}
	t := countTable(orDefault(h.RowName, "Category"), 4, h.Cols, 1.1)
	row := func(name string, cells []HeatCell, total HeatCell) {
		r := []doc.Cell{cell(name)}
		for _, c := range cells {
			r = append(r, cell(h.text(c)))
		}
		t.Rows = append(t.Rows, append(r, cell(h.text(total))))
	}
	for i, name := range h.Rows {
		row(name, h.Cells[i], h.RowTotals[i])
	}
	row(h.TotalName, h.ColTotals, h.Total)
	if h.hasHidden() && h.Note != "" {
		t.Rows = append(t.Rows, []doc.Cell{{Span: len(h.Cols) + 2, Content: []doc.Inline{{Text: h.Note, Italic: true}}}})
	}
	return t
}

// listTable is the figures as a list: for each row, its figure in each
// column and its total, then the total row's.
func (h *Heatmap) listTable() *doc.Table {
	t := &doc.Table{Kind: doc.Grid, Columns: []doc.Column{{Width: 2}, {Width: 2}, {Width: 1, Align: doc.Right}}}
	t.Header = [][]doc.Cell{{cell(orDefault(h.RowName, "Row")), cell(orDefault(h.ColName, "Column")), cell("Figure")}}
	block := func(name string, cells []HeatCell, total HeatCell) {
		for j, c := range cells {
			t.Rows = append(t.Rows, []doc.Cell{cell(name), cell(h.LongCols[j]), cell(h.text(c))})
		}
		t.Rows = append(t.Rows, []doc.Cell{cell(name), {Content: doc.Bold("Total")}, {Content: doc.Bold(h.text(total))}})
	}
	for i, name := range h.Rows {
		block(name, h.Cells[i], h.RowTotals[i])
	}
	block(h.TotalName, h.ColTotals, h.Total)
	if h.hasHidden() && h.Note != "" {
		t.Rows = append(t.Rows, []doc.Cell{{Span: 3, Content: []doc.Inline{{Text: h.Note, Italic: true}}}})
	}
	return t
}
