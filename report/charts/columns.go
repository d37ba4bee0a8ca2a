package charts

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
)

// ErrEmpty is returned (wrapped) by a chart with nothing to draw: no
// categories, or no value above zero.
var ErrEmpty = errors.New("nothing to chart")

// Series is one measure drawn in a chart.
type Series struct {
	// Name labels the series in the legend and heads its table column:
	// "Enquiries received".
	Name string
	// Axis titles the series' scale: "Enquiries". Optional.
	Axis   string
	Values []Value
	Format Format
	// Precision is the decimals of a Percent series' figures, the
	// paper's precision (its scale's ticks keep whole percentages).
	Precision format.Precision
}

// text writes a figure of the series.
func (s Series) text(v float64) string {
	if s.Format == Percent {
		return s.percent(v)
	}
	return s.Format.String(v)
}

// percent writes a rate of the series at its precision.
func (s Series) percent(v float64) string { return format.PercentFloat(v, s.Precision.Digits()) }

func (s Series) defined() bool {
	for _, v := range s.Values {
		if v.OK {
			return true
		}
	}
	return false
}

func (s Series) max() float64 {
	m := 0.0
	for _, v := range s.Values {
		if v.OK && v.V > m {
			m = v.V
		}
	}
	return m
}

// format writes v, or "no figure" when undefined.
func (s Series) format(v Value) string {
	if !v.OK {
		return "no figure"
	}
	return s.text(v.V)
}

// Group labels a run of categories, [From, To), beneath their own labels:
// the financial year beneath its months.
type Group struct {
	Label    string
	From, To int
}

// Columns is a column chart over categories such as financial years or
// months: bars for a measure and, optionally, a rate drawn as a line with
// markers on a second scale from 0% to 100%. It draws the "trend" and
// "monthly" charts.
type Columns struct {
	// Title is drawn at the top of the chart; empty draws none (the
	// figure's caption names the chart).
	Title string
	// Subject names what the bars show, for the alternative text:
	// "Ombudsman enquiries".
	Subject string
	// Labels are the categories beneath the bars. Short, when set, are
	// shorter forms used when Labels do not fit ("J" for "Jan"); Long,
	// when set, are the full names for the alternative text and the table
	// ("January 2021").
	Labels, Short, Long []string
	// Groups label runs of categories on a second row.
	Groups []Group
	// CategoryName heads the table's first column: "Year", "Month".
	CategoryName string
	// Bars are the columns, read against the left scale from zero.
	Bars Series
	// Line, when it has values, is a rate (Format Percent) drawn as a
	// line against a right-hand scale from 0% to 100%.
	Line Series
	// LineWord follows the first rate in the alternative text: "on time"
	// gives "47 (34% on time), 36 (53%)".
	LineWord string
	// TableBelow says the figures are also given in a table under the
	// chart; a long alternative text then points to it.
	TableBelow bool
	Palette    Palette
	// Typeface is the house style's font for the chart's text; nil is
	// Liberation Sans.
	Typeface *canvas.Typeface
	// Width is the printed width in millimetres; zero means DefaultWidth.
	Width float64
}

// Check reports what makes the chart undrawable.
func (c *Columns) Check() error {
	n := len(c.Labels)
	switch {
	case n == 0:
		return fmt.Errorf("%w: no categories", ErrEmpty)
	case len(c.Bars.Values) != n:
		return fmt.Errorf("charts: %d bar values for %d categories", len(c.Bars.Values), n)
	case len(c.Line.Values) != 0 && len(c.Line.Values) != n:
		return fmt.Errorf("charts: %d line values for %d categories", len(c.Line.Values), n)
	case len(c.Short) != 0 && len(c.Short) != n, len(c.Long) != 0 && len(c.Long) != n:
		return fmt.Errorf("charts: label forms differ in number")
	case !(c.Bars.max() > 0):
		return fmt.Errorf("%w: every value of %s is zero or missing", ErrEmpty, strings.ToLower(c.Bars.Name))
	}
	for _, v := range c.Bars.Values {
		if v.OK && (v.V < 0 || math.IsInf(v.V, 0) || math.IsNaN(v.V)) {
			return fmt.Errorf("charts: %s: values must be zero or more", c.Bars.Name)
		}
	}
	return nil
}

func (c *Columns) hasLine() bool { return c.Line.defined() }

// at returns value i of s, undefined when s has none (Alt and Table
// describe even data that Check refuses).
func (s Series) at(i int) Value {
	if i < 0 || i >= len(s.Values) {
		return Undefined
	}
	return s.Values[i]
}

// Size is the chart's printed size in millimetres: its width, and the
// height that follows from the width and the legend.
func (c *Columns) Size() (w, h float64) {
	f := c.frame()
	return f.w, f.h
}

// columnsFrame is the chart's layout.
type columnsFrame struct {
	w, h                          float64
	titleBase                     float64
	legendTop                     float64
	axisTitleBase                 float64
	plot                          rect
	left, right                   scale
	labelRows                     int
	pad                           float64
	leftTickW, rightTickW         float64
	legendItems                   []legendItem
	hasAxisTitles, hasGroups, two bool
}

// headroom is the space kept above the tallest bar, as a multiple of it.
const headroom = 1.05

func (c *Columns) legend() []legendItem {
	bar := c.Palette.at(0)
	items := []legendItem{{label: c.Bars.Name, fill: bar}}
	if c.hasLine() {
		l := c.Line.Name
		if c.Bars.Axis != "" || c.Line.Axis != "" {
			items[0].label += " (left scale)"
			l += " (right scale)"
		}
		items = append(items, legendItem{label: l, fill: c.Palette.lineColour(bar), line: true})
	}
	return items
}

func (c *Columns) frame() columnsFrame {
	tick := textFont(c.Typeface, tickSize)
	f := columnsFrame{w: printedWidth(c.Width), pad: mm(1.5), two: c.hasLine()}
	f.hasGroups = len(c.Groups) > 0
	f.left = niceScale(c.Bars.max()*headroom, 0, c.Bars.Format == Count)
	if c.Bars.Format == Percent && c.Bars.max() <= 1 {
		f.left = percentScale(5) // rates: always 0% to 100%
	}
	if f.two {
		// Same number of steps on both scales, so the gridlines serve both.
		if f.left.n != 5 || f.left.step != 0.2 || c.Bars.Format != Percent {
			f.left = niceScale(c.Bars.max()*headroom, 5, c.Bars.Format == Count)
			if l4 := niceScale(c.Bars.max()*headroom, 4, c.Bars.Format == Count); l4.max() < f.left.max() {
				f.left = l4
			}
		}
		f.right = percentScale(f.left.n)
	}
	for _, t := range f.left.ticks() {
		f.leftTickW = math.Max(f.leftTickW, tick.width(c.Bars.Format.tick(t)))
	}
	if f.two {
		for _, t := range f.right.ticks() {
			f.rightTickW = math.Max(f.rightTickW, tick.width(FormatPercent(t)))
		}
	}
	y := f.pad
	if c.Title != "" {
		tf := titleFont(c.Typeface)
		f.titleBase = y + tf.cap()
		y += tf.line() + mm(1)
	}
	f.legendItems = c.legend()
	f.legendTop = y
	_, lh := legendLayout(f.legendItems, f.w-2*f.pad, c.Typeface)
	y += lh + mm(2)
	f.hasAxisTitles = c.Bars.Axis != "" || (f.two && c.Line.Axis != "")
	if f.hasAxisTitles {
		f.axisTitleBase = y + tick.cap()
		y += tick.line() + mm(1)
	}
	top := y + mm(1.5)
	f.labelRows = 1
	if f.hasGroups {
		f.labelRows = 2
	}
	plotH := f.w * 0.34
	f.plot = rect{
		x0: f.pad + f.leftTickW + mm(1.5),
		y0: top,
		x1: f.w - f.pad,
		y1: top + plotH,
	}
	if f.two {
		f.plot.x1 -= f.rightTickW + mm(1.5)
	}
	f.h = f.plot.y1 + mm(1.5) + float64(f.labelRows)*tick.line() + f.pad
	return f
}

// Draw draws the chart on cnv.
func (c *Columns) Draw(cnv canvas.Canvas) error {
	if err := c.Check(); err != nil {
		return err
	}
	f := c.frame()
	cv := newCanvas(cnv, f.w, f.h)
	c.draw(cv, f)
	return nil
}

func (c *Columns) y(f columnsFrame, s scale, v float64) float64 {
	return f.plot.y1 - v/s.max()*f.plot.h()
}

func (c *Columns) draw(cv *chartCanvas, f columnsFrame) {
	tick := textFont(c.Typeface, tickSize)
	label := textFont(c.Typeface, labelSize)
	bar := c.Palette.at(0)
	if c.Title != "" {
		tf := titleFont(c.Typeface)
		cv.text(fit(c.Title, tf, f.w-2*f.pad), tf, f.pad, f.titleBase, left)
	}
	cv.legend(f.legendItems, f.pad, f.legendTop, f.w-2*f.pad, c.Typeface)
	if f.hasAxisTitles {
		// Each scale's title over its own half of the chart.
		half := (f.w-2*f.pad)/2 - mm(2)
		if !f.two || c.Line.Axis == "" {
			half = f.w - 2*f.pad
		}
		if c.Bars.Axis != "" {
			cv.text(fit(c.Bars.Axis, tick, half), tick, f.pad, f.axisTitleBase, left)
		}
		if f.two && c.Line.Axis != "" {
			cv.text(fit(c.Line.Axis, tick, half), tick, f.w-f.pad, f.axisTitleBase, right)
		}
	}
	// Gridlines and scales.
	for i, t := range f.left.ticks() {
		y := c.y(f, f.left, t)
		if i > 0 {
			cv.line(f.plot.x0, y, f.plot.x1, y, gridInk, mm(0.2))
		}
		cv.text(c.Bars.Format.tick(t), tick, f.plot.x0-mm(1.5), y+tick.cap()/2, right)
		if f.two {
			cv.text(FormatPercent(f.right.ticks()[i]), tick, f.plot.x1+mm(1.5), y+tick.cap()/2, left)
		}
	}
	n := len(c.Labels)
	slot := f.plot.w() / float64(n)
	bw := math.Min(slot*0.62, mm(22))
	// Bars, outlined so that light palette colours still show an edge.
	var barBoxes []rect
	for i, v := range c.Bars.Values {
		cx := f.plot.x0 + slot*(float64(i)+0.5)
		if !v.OK || v.V <= 0 {
			barBoxes = append(barBoxes, rect{cx, f.plot.y1, cx, f.plot.y1})
			continue
		}
		b := rect{cx - bw/2, c.y(f, f.left, v.V), cx + bw/2, f.plot.y1}
		cv.rect(b, bar, axisInk, mm(0.2))
		barBoxes = append(barBoxes, b)
	}
	cv.line(f.plot.x0, f.plot.y1, f.plot.x1, f.plot.y1, axisInk, mm(0.3))
	c.drawCategories(cv, f, slot)

	// The rate line, with a white halo so it reads over the bars.
	lc := c.Palette.lineColour(bar)
	var runs [][][2]float64
	var cur [][2]float64
	pts := make([][2]float64, n)
	var markers []rect
	if f.two {
		for i, v := range c.Line.Values {
			if !v.OK {
				if len(cur) > 0 {
					runs = append(runs, cur)
				}
				cur = nil
				continue
			}
			p := [2]float64{f.plot.x0 + slot*(float64(i)+0.5), c.y(f, f.right, math.Max(0, math.Min(1, v.V)))}
			cur = append(cur, p)
			pts[i] = p
			markers = append(markers, rect{p[0] - mm(1.5), p[1] - mm(1.5), p[0] + mm(1.5), p[1] + mm(1.5)})
		}
		if len(cur) > 0 {
			runs = append(runs, cur)
		}
		for _, run := range runs {
			cv.polyline(run, haloColor, mm(1.8), nil)
		}
		for _, run := range runs {
			cv.polyline(run, lc, mm(0.7), nil)
		}
		for i, v := range c.Line.Values {
			if v.OK {
				cv.marker(pts[i][0], pts[i][1], mm(1.2), lc)
			}
		}
	}
	// Value labels: inside the top of a bar when it fits, else inside its
	// foot, else above it; never across the line or a marker. A label
	// that fits nowhere is left to the table and the alternative text.
	clear := func(box rect) bool {
		return !box.grow(mm(0.6)).crossesAny(runs) && cv.free(box, markers...)
	}
	if n <= 18 {
		type cand struct {
			y     float64
			color canvas.Color
			in    bool
		}
		inside := textOn(bar)
		cands := func(i int, b rect) []cand {
			// Above the bar, or above the bar and the line's marker too.
			top := b.y0
			if f.two && c.Line.at(i).OK {
				top = math.Min(top, pts[i][1]-mm(1.5))
			}
			return []cand{
				{b.y0 + mm(1.2) + label.cap(), inside, true},
				{b.y1 - mm(1.2) - label.size*descent, inside, true},
				{b.y0 - mm(1.2) - label.size*descent, ink, false},
				{top - mm(1.2) - label.size*descent, ink, false},
			}
		}
		ok := func(i int, cd cand) bool {
			v, b := c.Bars.Values[i], barBoxes[i]
			box := textBox(c.Bars.text(v.V), label, (b.x0+b.x1)/2, cd.y, center)
			if cd.in && !(v.V > 0 && box.inside(b.grow(-mm(0.5)))) {
				return false
			}
			return clear(box)
		}
		// The position that suits the most bars is tried first for every
		// bar, so the labels read as a row; a bar it does not suit takes
		// the first that does.
		best, bestN := 0, -1
		for k := 0; k < 3; k++ {
			n := 0
			for i, v := range c.Bars.Values {
				if v.OK && ok(i, cands(i, barBoxes[i])[k]) {
					n++
				}
			}
			if n > bestN {
				best, bestN = k, n
			}
		}
		for i, v := range c.Bars.Values {
			if !v.OK {
				continue
			}
			b := barBoxes[i]
			cs := cands(i, b)
			cs = append([]cand{cs[best]}, append(cs[:best:best], cs[best+1:]...)...)
			for _, cd := range cs {
				if !ok(i, cd) {
					continue
				}
				lf := label
				lf.color = cd.color
				t := c.Bars.text(v.V)
				if !cd.in {
					cv.halo(textBox(t, lf, (b.x0+b.x1)/2, cd.y, center)) // over gridlines
				}
				cv.text(t, lf, (b.x0+b.x1)/2, cd.y, center)
				break
			}
		}
	}
	// Rate labels, for a few points only (beyond that they crowd the
	// chart; the right-hand scale, the table and the alternative text give
	// the figures): above the marker, else below, else beside; on a white
	// halo so gridlines and bars never run through them.
	if !f.two || n > 6 {
		return
	}
	lf := label
	lf.bold = true
	for i, v := range c.Line.Values {
		if !v.OK {
			continue
		}
		p := pts[i]
		s := c.Line.percent(v.V)
		gap := mm(2.2)
		cands := []struct {
			x, y float64
			a    align
		}{
			{p[0], p[1] - gap - lf.size*descent, center},
			{p[0], p[1] + gap + lf.cap(), center},
			{p[0] + gap, p[1] + lf.cap()/2, left},
			{p[0] - gap, p[1] + lf.cap()/2, right},
		}
		for _, cd := range cands {
			box := textBox(s, lf, cd.x, cd.y, cd.a)
			if clear(box) && box.inside(rect{f.plot.x0, f.plot.y0 - mm(6), f.plot.x1, f.plot.y1}) {
				cv.halo(box)
				cv.text(s, lf, cd.x, cd.y, cd.a)
				break
			}
		}
	}
}

// categoryLabels is the longest form of the category labels that fits
// slots slot wide (Labels, else Short when narrower), with its widest
// label's width.
func (c *Columns) categoryLabels(slot float64) (labels []string, w float64) {
	tick := textFont(c.Typeface, tickSize)
	widest := func(ls []string) float64 {
		m := 0.0
		for _, l := range ls {
			m = math.Max(m, tick.width(l))
		}
		return m
	}
	labels, w = c.Labels, widest(c.Labels)
	if w > slot-mm(1) && len(c.Short) == len(c.Labels) {
		if ws := widest(c.Short); ws < w {
			labels, w = c.Short, ws
		}
	}
	return labels, w
}

// drawCategories writes the category labels in the longest form that
// fits the slots, thinning them out when even the shortest does not, and
// the group labels beneath.
func (c *Columns) drawCategories(cv *chartCanvas, f columnsFrame, slot float64) {
	tick := textFont(c.Typeface, tickSize)
	n := len(c.Labels)
	labels, w := c.categoryLabels(slot)
	// Measured once: labels of any length cost their length, not their
	// length times the number of slots tried.
	every := 1
	for w > float64(every)*slot-mm(1) && every < n {
		every++
	}
	base := f.plot.y1 + mm(1.5) + tick.cap()
	// A label still too wide for its room (one very long name) is
	// shortened; the room never runs past the chart's edges.
	room := float64(every)*slot - mm(1)
	for i, l := range labels {
		if i%every != 0 {
			continue
		}
		cx := f.plot.x0 + slot*(float64(i)+0.5)
		// Not under the scales' tick labels either side.
		edge := 2 * math.Min(cx-(f.plot.x0-mm(1)), f.plot.x1+mm(1)-cx)
		cv.text(fit(l, tick, math.Min(room, edge)), tick, cx, base, center)
	}
	if len(c.Groups) == 0 {
		return
	}
	gbase := base + tick.line()
	for gi, g := range c.Groups {
		from, to := max(0, g.From), min(n, g.To)
		if to <= from {
			continue
		}
		x0, x1 := f.plot.x0+slot*float64(from), f.plot.x0+slot*float64(to)
		if gi > 0 {
			cv.line(x0, f.plot.y1, x0, gbase+tick.size*descent, axisInk, mm(0.25))
		}
		bf := tick
		bf.bold = true
		if s := fit(g.Label, bf, x1-x0-mm(1)); s != "…" {
			cv.text(s, bf, (x0+x1)/2, gbase, center)
		}
	}
}

// lineText writes a rate of the line, always as a percentage.
func (c *Columns) lineText(v Value) string {
	if !v.OK {
		return "no figure"
	}
	return c.Line.percent(v.V)
}

// extremes returns the categories of the lowest and highest defined
// values among the first n, or -1 when none is defined.
func extremes(s Series, n int) (lo, hi int) {
	lo, hi = -1, -1
	for i := 0; i < n; i++ {
		v := s.at(i)
		if !v.OK {
			continue
		}
		if lo < 0 || v.V < s.at(lo).V {
			lo = i
		}
		if hi < 0 || v.V > s.at(hi).V {
			hi = i
		}
	}
	return lo, hi
}

// longLabel is category i's full name.
func (c *Columns) longLabel(i int) string {
	if len(c.Long) == len(c.Labels) && c.Long[i] != "" {
		return c.Long[i]
	}
	return c.Labels[i]
}

// Alt is the alternative text: every category's figures, e.g. "Bar
// chart: Ombudsman enquiries 2018/19 47 (34% on time), 2019/20 36 (53%),
// 2020/21 39 (69%)." More than twelve categories are summarised.
func (c *Columns) Alt() string {
	var b strings.Builder
	b.WriteString("Bar chart: ")
	b.WriteString(c.Subject)
	if len(c.Labels) > 12 {
		c.summary(&b)
		return b.String()
	}
	worded := false
	for i := range c.Labels {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %s %s", c.longLabel(i), c.Bars.format(c.Bars.at(i)))
		if !c.hasLine() {
			continue
		}
		v := c.Line.at(i)
		switch {
		case !v.OK:
			b.WriteString(" (no rate)")
		case !worded && c.LineWord != "":
			fmt.Fprintf(&b, " (%s %s)", c.Line.percent(v.V), c.LineWord)
			worded = true
		default:
			fmt.Fprintf(&b, " (%s)", c.Line.percent(v.V))
		}
	}
	b.WriteString(".")
	return b.String()
}

// summary describes a long series by its range, lowest and highest.
func (c *Columns) summary(b *strings.Builder) {
	n := len(c.Labels)
	fmt.Fprintf(b, ", %s to %s", c.longLabel(0), c.longLabel(n-1))
	lo, hi := extremes(c.Bars, n)
	if lo < 0 {
		b.WriteString(": no figures")
	} else {
		total := 0.0
		for i := 0; i < n; i++ {
			total += c.Bars.at(i).V
		}
		if c.Bars.Format == Count {
			fmt.Fprintf(b, ": %s in all", FormatCount(total))
		}
		fmt.Fprintf(b, ", lowest %s in %s, highest %s in %s", c.Bars.text(c.Bars.at(lo).V), c.longLabel(lo),
			c.Bars.text(c.Bars.at(hi).V), c.longLabel(hi))
	}
	if rlo, rhi := extremes(c.Line, n); rlo >= 0 {
		fmt.Fprintf(b, "; %s from %s in %s to %s in %s", lowerFirst(c.Line.Name),
			c.Line.percent(c.Line.at(rlo).V), c.longLabel(rlo), c.Line.percent(c.Line.at(rhi).V), c.longLabel(rhi))
	}
	b.WriteString(".")
	if c.TableBelow {
		b.WriteString(" The table below the chart gives every figure.")
	}
}

// Table returns the chart's figures as a table: one row per category.
func (c *Columns) Table() *doc.Table {
	t := &doc.Table{Kind: doc.Grid}
	cols := []string{orDefault(c.CategoryName, "Category"), c.Bars.Name}
	if c.hasLine() {
		cols = append(cols, c.Line.Name)
	}
	t.Columns = []doc.Column{{Width: 1.4}}
	header := []doc.Cell{cell(cols[0])}
	for _, h := range cols[1:] {
		t.Columns = append(t.Columns, doc.Column{Width: 1, Align: doc.Right})
		header = append(header, cell(h))
	}
	t.Header = [][]doc.Cell{header}
	for i := range c.Labels {
		row := []doc.Cell{cell(c.longLabel(i)), cell(c.Bars.format(c.Bars.at(i)))}
		if c.hasLine() {
			row = append(row, cell(c.lineText(c.Line.at(i))))
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func cell(s string) doc.Cell { return doc.Cell{Content: doc.Plain(s)} }

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// lowerFirst lower-cases the first letter of s, for names set in a
// sentence: "Answered on time" -> "answered on time".
func lowerFirst(s string) string { return format.LowerFirst(s) }
