package charts

import "github.com/paperhq/paper/report/canvas"

import "math"

// hframe is the layout shared by the horizontal charts: a title, a
// legend, an optional row for a reference line's label, one row per
// category with its label in a left-hand column, and a value scale
// beneath.
type hframe struct {
	tf           *canvas.Typeface
	w, h, pad    float64
	titleBase    float64
	legendTop    float64
	legendItems  []legendItem
	refBase      float64 // baseline of the reference label, when there is one
	labels       [][]string
	labelW       float64
	rowTop, rowH []float64
	plot         rect // x0..x1 is the value scale; y0..y1 spans the rows
	scale        scale
	axisBase     float64  // baseline of the scale's tick labels
	axisTitle    []string // wrapped
	axisTitleBas float64  // baseline of its first line
}

type hspec struct {
	tf        *canvas.Typeface
	title     string
	legend    []legendItem
	labels    []string
	bold      []bool
	reference bool
	// valueW is the room kept right of the scale for value labels.
	valueW float64
	// scale is the value scale; zero means no scale is drawn.
	scale     scale
	axis      bool
	axisTitle string
	// minRow is the least row height; gap the space between rows.
	minRow float64
	width  float64
}

func newHframe(s hspec) hframe {
	label := textFont(s.tf, labelSize)
	tick := textFont(s.tf, tickSize)
	f := hframe{tf: s.tf, w: printedWidth(s.width), pad: mm(1.5), legendItems: s.legend, scale: s.scale}
	y := f.pad
	if s.title != "" {
		tf := titleFont(s.tf)
		f.titleBase = y + tf.cap()
		y += tf.line() + mm(1)
	}
	f.legendTop = y
	if len(s.legend) > 0 {
		_, lh := legendLayout(s.legend, f.w-2*f.pad, s.tf)
		y += lh + mm(2.5)
	}
	if s.reference {
		f.refBase = y + label.cap()
		y += label.line() + mm(1)
	}
	// The label column: as wide as the widest label, up to 40% of the
	// chart; longer labels wrap onto a second line (and are shortened
	// with an ellipsis beyond that).
	maxW := f.w * 0.4
	for i, l := range s.labels {
		lf := label
		lf.bold = i < len(s.bold) && s.bold[i]
		f.labelW = math.Max(f.labelW, math.Min(lf.width(l), maxW))
	}
	f.rowTop = make([]float64, len(s.labels))
	f.rowH = make([]float64, len(s.labels))
	for i, l := range s.labels {
		lf := label
		lf.bold = i < len(s.bold) && s.bold[i]
		lines := wrapText(l, lf, f.labelW, 2)
		for j, ln := range lines {
			lines[j] = fit(ln, lf, f.labelW)
		}
		f.labels = append(f.labels, lines)
		h := math.Max(s.minRow, float64(len(lines))*label.line()+mm(2.5))
		f.rowTop[i] = y
		f.rowH[i] = h
		y += h
	}
	f.plot = rect{x0: f.pad + f.labelW + mm(2.5), y0: f.rowTop0(y), x1: f.w - f.pad - s.valueW, y1: y}
	if s.axis {
		f.axisBase = y + mm(1.5) + tick.cap()
		y += mm(1.5) + tick.line()
		if s.axisTitle != "" {
			f.axisTitle = wrapText(s.axisTitle, tick, f.w-2*f.pad, 0)
			for i, ln := range f.axisTitle {
				f.axisTitle[i] = fit(ln, tick, f.w-2*f.pad)
			}
			f.axisTitleBas = y + tick.cap()
			y += tick.line() * float64(len(f.axisTitle))
		}
	}
	f.h = y + f.pad
	return f
}

func (f hframe) rowTop0(end float64) float64 {
	if len(f.rowTop) == 0 {
		return end
	}
	return f.rowTop[0]
}

// mid is the vertical centre of row i.
func (f hframe) mid(i int) float64 { return f.rowTop[i] + f.rowH[i]/2 }

// x maps a value to the scale.
func (f hframe) x(v float64) float64 {
	if f.scale.n == 0 {
		return f.plot.x0
	}
	return f.plot.x0 + v/f.scale.max()*f.plot.w()
}

// drawFrame draws the title, legend, row labels and the scale with its
// gridlines, formatting ticks with format.
func (f hframe) drawFrame(cv *chartCanvas, title string, bold []bool, format Format, grid bool) {
	label := textFont(f.tf, labelSize)
	tick := textFont(f.tf, tickSize)
	if title != "" {
		tf := titleFont(f.tf)
		cv.text(fit(title, tf, f.w-2*f.pad), tf, f.pad, f.titleBase, left)
	}
	if len(f.legendItems) > 0 {
		cv.legend(f.legendItems, f.pad, f.legendTop, f.w-2*f.pad, f.tf)
	}
	for i, lines := range f.labels {
		lf := label
		lf.bold = i < len(bold) && bold[i]
		top := f.mid(i) - float64(len(lines))*label.line()/2
		for j, ln := range lines {
			base := top + float64(j)*label.line() + (label.line()+label.cap())/2 - label.size*descent/2
			cv.text(ln, lf, f.plot.x0-mm(2.5), base, right)
		}
	}
	if f.scale.n == 0 {
		return
	}
	// Label every k-th tick, k the least that keeps labels apart.
	ticks := f.scale.ticks()
	widest := 0.0
	for _, t := range ticks {
		widest = math.Max(widest, tick.width(format.tick(t)))
	}
	k := 1
	for k < len(ticks) && float64(k)*f.plot.w()/float64(f.scale.n) < widest+mm(2) {
		k++
	}
	for i, t := range ticks {
		x := f.x(t)
		if grid && t > 0 {
			cv.line(x, f.plot.y0, x, f.plot.y1, gridInk, mm(0.2))
		}
		if f.axisBase > 0 && i%k == 0 {
			// A label too wide to centre on its tick at the chart's edge
			// (the scale's end, with little room kept for value labels)
			// is set flush with the edge instead, if that leaves it clear
			// of the label before it.
			l := format.tick(t)
			half := tick.width(l) / 2
			if cx := math.Max(f.pad+half, math.Min(x, f.w-f.pad-half)); cx == x {
				cv.text(l, tick, x, f.axisBase, center)
			} else if cv.free(textBox(l, tick, cx, f.axisBase, center)) {
				cv.text(l, tick, cx, f.axisBase, center)
			}
		}
	}
	cv.line(f.plot.x0, f.plot.y0, f.plot.x0, f.plot.y1, axisInk, mm(0.3))
	// The scale's title, centred under the scale as far as the chart's
	// edges allow.
	for i, ln := range f.axisTitle {
		w := tick.width(ln)
		x := math.Max(f.pad, math.Min((f.plot.x0+f.plot.x1)/2-w/2, f.w-f.pad-w))
		cv.text(ln, tick, x, f.axisTitleBas+float64(i)*tick.line(), left)
	}
}
