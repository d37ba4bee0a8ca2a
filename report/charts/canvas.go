package charts

import (
	"math"
	"strings"
	"unicode/utf8"

	"github.com/paperhq/paper/report/canvas"
)

// Text sizes in points at the printed size. Nothing is smaller than 9 pt.
const (
	titleSize = 11
	labelSize = 9.5
	tickSize  = 9
)

// Liberation Sans metrics, as fractions of the em.
const (
	capHeight = canvas.CapHeight
	descent   = canvas.Descent
	lineGap   = 1.25
)

// font is a text style: size in millimetres (the em), weight and colour.
type font struct {
	size  float64
	bold  bool
	color canvas.Color
	tf    *canvas.Typeface // the house style's; nil is Liberation Sans
}

func textFont(tf *canvas.Typeface, sizePt float64) font {
	return font{size: pt(sizePt), color: ink, tf: tf}
}

// titleFont is the font of a chart's title.
func titleFont(tf *canvas.Typeface) font {
	return font{size: pt(titleSize), bold: true, color: ink, tf: tf}
}

func (f font) face() *canvas.Face { return canvas.Font{Bold: f.bold, Typeface: f.tf}.Face() }

// canvasFont is f as the canvas takes it: its size in points.
func (f font) canvasFont() canvas.Font {
	return canvas.Font{Size: f.size / canvas.PtToMM, Bold: f.bold, Typeface: f.tf}
}

// width is the width of s in f, in millimetres.
func (f font) width(s string) float64 { return f.face().Ems(s, 0) * f.size }

// cap is the height of capitals above the baseline.
func (f font) cap() float64 { return f.size * capHeight }

// line is the distance between baselines.
func (f font) line() float64 { return f.size * lineGap }

// Align is the horizontal anchor of drawn text.
type align int

const (
	left align = iota
	center
	right
)

// rect is a box in millimetres: x0 <= x1, y0 <= y1 (y grows downwards).
type rect struct{ x0, y0, x1, y1 float64 }

func (r rect) w() float64 { return r.x1 - r.x0 }
func (r rect) h() float64 { return r.y1 - r.y0 }

func (r rect) overlaps(o rect) bool {
	return r.x0 < o.x1 && o.x0 < r.x1 && r.y0 < o.y1 && o.y0 < r.y1
}

func (r rect) inside(o rect) bool {
	const eps = 0.01
	return r.x0 >= o.x0-eps && r.x1 <= o.x1+eps && r.y0 >= o.y0-eps && r.y1 <= o.y1+eps
}

func (r rect) grow(d float64) rect { return rect{r.x0 - d, r.y0 - d, r.x1 + d, r.y1 + d} }

// textBox is the box of s drawn in f with its baseline at y, anchored at
// x: capitals to descenders. It is exactly where text draws s, so a
// label checked against the chart's edge (or other labels) is checked
// where it is drawn.
func textBox(s string, f font, x, y float64, a align) rect {
	w := f.width(s)
	switch a {
	case center:
		x -= w / 2
	case right:
		x -= w
	}
	return rect{x, y - f.cap(), x + w, y + f.size*descent}
}

// chartCanvas draws a chart onto a canvas, remembering where its text
// went.
type chartCanvas struct {
	c canvas.Canvas
	// placed are the boxes of text drawn so far, for placing labels
	// where they collide with nothing.
	placed []rect
	// bounds is the whole chart.
	bounds rect
}

func newCanvas(c canvas.Canvas, w, h float64) *chartCanvas {
	return &chartCanvas{c: c, bounds: rect{0, 0, w, h}}
}

// text draws s with its baseline at y and records its box.
func (c *chartCanvas) text(s string, f font, x, y float64, a align) rect {
	box := textBox(s, f, x, y, a)
	if strings.TrimSpace(s) == "" {
		return box
	}
	c.c.Text(s, f.canvasFont(), box.x0, y, f.color)
	c.placed = append(c.placed, box)
	return box
}

// free reports whether box lies inside the chart and clear of all text
// drawn so far (with a small margin).
func (c *chartCanvas) free(box rect, avoid ...rect) bool {
	if !box.inside(c.bounds) {
		return false
	}
	g := box.grow(mm(0.4))
	for _, p := range c.placed {
		if g.overlaps(p) {
			return false
		}
	}
	for _, p := range avoid {
		if g.overlaps(p) {
			return false
		}
	}
	return true
}

// halo paints a white box behind text that sits over gridlines or lines.
func (c *chartCanvas) halo(box rect) {
	c.rect(box.grow(mm(0.5)), haloColor, canvas.Color{}, 0)
}

// rect fills (and outlines, when stroke is set) a rectangle.
func (c *chartCanvas) rect(b rect, fill, stroke canvas.Color, width float64) {
	p := b.path()
	if fill.A > 0 {
		c.c.Fill(p, fill)
	}
	if stroke.A > 0 && width > 0 {
		c.c.Stroke(p, canvas.Pen{Color: stroke, Width: width})
	}
}

// path is the rectangle as a closed canvas path.
func (r rect) path() *canvas.Path {
	p := &canvas.Path{}
	p.Rect(r.x0, r.y0, r.x1, r.y1)
	return p
}

// polyline strokes a path through points.
func (c *chartCanvas) polyline(pts [][2]float64, color canvas.Color, width float64, dash []float64) {
	if len(pts) < 2 {
		return
	}
	p := &canvas.Path{}
	p.Move(pts[0][0], pts[0][1])
	for _, q := range pts[1:] {
		p.Line(q[0], q[1])
	}
	c.c.Stroke(p, canvas.Pen{Color: color, Width: width, Dash: dash})
}

func (c *chartCanvas) line(x0, y0, x1, y1 float64, color canvas.Color, width float64) {
	c.polyline([][2]float64{{x0, y0}, {x1, y1}}, color, width, nil)
}

// polygon fills the closed polygon through points.
func (c *chartCanvas) polygon(pts [][2]float64, fill canvas.Color) {
	p := &canvas.Path{}
	for _, q := range pts {
		p.Line(q[0], q[1])
	}
	p.Close()
	c.c.Fill(p, fill)
}

// marker draws a filled circle with a white ring, so it stands out on a
// bar or a gridline alike.
func (c *chartCanvas) marker(x, y, radius float64, fill canvas.Color) {
	p := &canvas.Path{}
	p.Circle(x, y, radius)
	c.c.Fill(p, fill)
	c.c.Stroke(p, canvas.Pen{Color: white, Width: mm(0.35)})
}

// hatch fills diagonal stripes across b: the pattern that tells two
// adjacent fills apart in greyscale print.
func (c *chartCanvas) hatch(b rect, color canvas.Color) {
	if b.w() <= 0 || b.h() <= 0 {
		return
	}
	c.c.Hatch(b.path(), canvas.Hatch{Color: color, Gap: mm(1.4), Width: mm(0.35)})
}

// legendItem is one key of a legend.
type legendItem struct {
	label   string
	fill    canvas.Color
	hatched bool
	line    bool // a line with a marker rather than a swatch
	dashed  bool // a dashed line without a marker
	plain   bool // words only, no key
	bold    bool
}

// legendLayout places items in rows across width, returning each item's
// top-left and the total height.
func legendLayout(items []legendItem, width float64, tf *canvas.Typeface) (pos [][2]float64, height float64) {
	f := textFont(tf, labelSize)
	x, y := 0.0, 0.0
	for _, it := range items {
		lf := f
		lf.bold = it.bold
		w := math.Min(legendKeyWidth(it)+mm(1.5)+lf.width(it.label), width)
		if x > 0 && x+w > width {
			x, y = 0, y+f.line()+mm(1)
		}
		pos = append(pos, [2]float64{x, y})
		x += w + mm(5)
	}
	if len(items) == 0 {
		return nil, 0
	}
	return pos, y + f.line()
}

func legendKeyWidth(it legendItem) float64 {
	if it.plain {
		return -mm(1.5)
	}
	if it.line || it.dashed {
		return mm(7)
	}
	return mm(4.5)
}

// legend draws items from (x, y), the top of the first row.
func (c *chartCanvas) legend(items []legendItem, x, y, width float64, tf *canvas.Typeface) float64 {
	pos, h := legendLayout(items, width, tf)
	f := textFont(tf, labelSize)
	for i, it := range items {
		lx, ly := x+pos[i][0], y+pos[i][1]
		base := ly + (f.line()+f.cap())/2
		mid := base - f.cap()/2
		kw := legendKeyWidth(it)
		switch {
		case it.plain:
		case it.dashed:
			c.polyline([][2]float64{{lx, mid}, {lx + kw, mid}}, it.fill, mm(0.45), []float64{mm(1.2), mm(0.8)})
		case it.line:
			c.line(lx, mid, lx+kw, mid, it.fill, mm(0.7))
			c.marker(lx+kw/2, mid, mm(1.1), it.fill)
		default:
			sw := rect{lx, mid - mm(1.7), lx + kw, mid + mm(1.7)}
			c.rect(sw, it.fill, axisInk, mm(0.2))
			if it.hatched {
				c.hatch(sw.grow(-mm(0.15)), textOnHatch(it.fill))
			}
		}
		lf := f
		lf.bold = it.bold
		c.text(fit(it.label, lf, width-(kw+mm(1.5))), lf, lx+kw+mm(1.5), base, left)
	}
	return h
}

// textOnHatch is the hatching colour on fill: white on dark fills, dark
// on light ones.
func textOnHatch(fill canvas.Color) canvas.Color {
	if textOn(fill) == white {
		return hatchInk
	}
	return axisInk
}

// wrapText breaks s into lines no wider than width, at spaces; a word
// wider than width stands on its own line. With most > 0 it returns at
// most most lines, the last holding the rest of s unwrapped (for the
// caller to shorten with fit).
//
// It measures each word once, adding it to the width of the line so far
// (in the order f.width would sum the line's characters, so the result
// is the same), which keeps it linear in the length of s however long,
// and stops measuring at the last line wanted.
func wrapText(s string, f font, width float64, most int) []string {
	words := strings.Fields(s)
	if len(words) == 0 {
		return nil
	}
	fc := f.face()
	space := fc.Advance(' ')
	var lines []string
	first := 0                 // the current line's first word
	cur := fc.Ems(words[0], 0) // its width in ems
	for i := 1; i < len(words) && (most <= 0 || len(lines) < most-1); i++ {
		if w := fc.Ems(words[i], cur+space); w*f.size <= width {
			cur = w
			continue
		}
		lines = append(lines, strings.Join(words[first:i], " "))
		first, cur = i, fc.Ems(words[i], 0)
	}
	return append(lines, strings.Join(words[first:], " "))
}

// fit shortens s with an ellipsis until it is no wider than width: the
// longest prefix of s that fits with "…" after it, trailing spaces and
// commas dropped.
//
// It measures s at most twice, character by character, stopping at the
// first character past width: a label of any length costs what fits of
// it, not the O(n²) of measuring every shorter prefix in turn. Widths
// are summed in the order f.width sums them, so that both agree to the
// last bit.
func fit(s string, f font, width float64) string {
	fc := f.face()
	em := 0.0
	for _, r := range s {
		if em += fc.Advance(r); em*f.size > width {
			break
		}
	}
	if em*f.size <= width {
		return s
	}
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // each bad byte one U+FFFD, as range reads it
	}
	// A longer prefix is never narrower, so the first that does not fit
	// ends the search. keep is the end of the prefix read so far without
	// its trailing spaces and commas, keepEm its width.
	ellipsis := fc.Advance('…')
	em = 0
	keep, keepEm, best := 0, 0.0, 0
	for i, r := range s {
		em += fc.Advance(r)
		if r != ' ' && r != ',' {
			keep, keepEm = i+utf8.RuneLen(r), em
		}
		if (keepEm+ellipsis)*f.size > width {
			break
		}
		best = keep
	}
	return s[:best] + "…"
}

// crosses reports whether the segment from a to b passes through r.
func (r rect) crosses(a, b [2]float64) bool {
	// Liang-Barsky: clip the segment's parameter range to each edge.
	t0, t1 := 0.0, 1.0
	dx, dy := b[0]-a[0], b[1]-a[1]
	for _, e := range [4][2]float64{
		{-dx, a[0] - r.x0}, {dx, r.x1 - a[0]},
		{-dy, a[1] - r.y0}, {dy, r.y1 - a[1]},
	} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = max(t0, t)
		} else {
			t1 = min(t1, t)
		}
		if t0 > t1 {
			return false
		}
	}
	return true
}

// crossesAny reports whether any segment of the polylines passes
// through r.
func (r rect) crossesAny(runs [][][2]float64) bool {
	for _, run := range runs {
		for i := 1; i < len(run); i++ {
			if r.crosses(run[i-1], run[i]) {
				return true
			}
		}
		if len(run) == 1 && r.crosses(run[0], run[0]) {
			return true
		}
	}
	return false
}
