package charts

import (
	"math"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/math/fixed"
)

// Text sizes in points at the printed size. Nothing is smaller than 9 pt.
const (
	titleSize = 11
	labelSize = 9.5
	tickSize  = 9
)

// Liberation Sans metrics, as fractions of the em.
const (
	capHeight = 0.729
	descent   = 0.212
	lineGap   = 1.25
)

// face is a loaded font with its advance widths.
//
// Runes below 0x3000, where almost all text lies, are looked up in a
// table filled 256 runes at a time as text first needs them, without a
// lock: measuring is the inner loop of fitting labels, and a long label
// is measured character by character.
type face struct {
	font   *truetype.Font
	upem   float64
	lo     [0x3000]float64 // advance in ems of each rune below 0x3000
	blocks [0x3000 / 256]sync.Once
	mu     sync.Mutex
	adv    map[rune]float64 // advance in ems of other runes
}

var (
	fontsOnce     sync.Once
	regular, bold *face
)

func loadFace(ttf []byte) *face {
	f, err := truetype.Parse(ttf)
	if err != nil {
		panic("charts: embedded font: " + err.Error()) // the font is compiled in
	}
	return &face{font: f, upem: float64(f.FUnitsPerEm()), adv: map[rune]float64{}}
}

func fonts() (*face, *face) {
	fontsOnce.Do(func() {
		regular = loadFace(liberationsansregular.TTF)
		bold = loadFace(liberationsansbold.TTF)
	})
	return regular, bold
}

// Fonts returns the regular and bold fonts charts draw with (Liberation
// Sans). A vector backend can tell them apart by their subfamily name.
func Fonts() (reg, b *truetype.Font) {
	r, bb := fonts()
	return r.font, bb.font
}

// advance returns the advance width of r in ems.
func (f *face) advance(r rune) float64 {
	if r >= 0 && r < rune(len(f.lo)) {
		b := r / 256
		f.blocks[b].Do(func() {
			for r := b * 256; r < (b+1)*256; r++ {
				f.lo[r] = f.measure(r)
			}
		})
		return f.lo[r]
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.adv[r]; ok {
		return a
	}
	a := f.measure(r)
	f.adv[r] = a
	return a
}

// measure reads the advance width of r in ems from the font.
func (f *face) measure(r rune) float64 {
	i := f.font.Index(r)
	return float64(f.font.HMetric(fixed.Int26_6(f.upem), i).AdvanceWidth) / f.upem
}

// width is the width of s in units at size units.
func (f *face) width(s string, size float64) float64 {
	return f.ems(s, 0) * size
}

// ems returns from plus the advances of s's characters, in ems, added
// one by one in order (as width adds them).
func (f *face) ems(s string, from float64) float64 {
	for _, r := range s {
		from += f.advance(r)
	}
	return from
}

// font is a text style: size in chart units, weight and colour.
type font struct {
	size  float64
	bold  bool
	color drawing.Color
}

func textFont(sizePt float64) font { return font{size: pt(sizePt), color: ink} }

func (f font) face() *face {
	r, b := fonts()
	if f.bold {
		return b
	}
	return r
}

// width is the width of s in f, in units.
func (f font) width(s string) float64 { return f.face().width(s, f.size) }

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

// rect is a box in chart units: x0 <= x1, y0 <= y1 (y grows downwards).
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
// x: capitals to descenders. It is where text draws s: renderers place
// text at whole units, so the box starts and sits at the rounded point,
// and a label checked against the chart's edge (or other labels) is
// checked where it is drawn, not up to half a unit away.
func textBox(s string, f font, x, y float64, a align) rect {
	w := f.width(s)
	switch a {
	case center:
		x -= w / 2
	case right:
		x -= w
	}
	x, y = math.Round(x), math.Round(y)
	return rect{x, y - f.cap(), x + w, y + f.size*descent}
}

// canvas draws onto a go-chart renderer in chart units.
type canvas struct {
	r   chart.Renderer
	dpi float64
	// placed are the boxes of text drawn so far, for placing labels
	// where they collide with nothing.
	placed []rect
	// bounds is the whole chart.
	bounds rect
}

func newCanvas(r chart.Renderer, w, h int) *canvas {
	dpi := r.GetDPI()
	if dpi <= 0 {
		dpi = chart.DefaultDPI
	}
	return &canvas{r: r, dpi: dpi, bounds: rect{0, 0, float64(w), float64(h)}}
}

func ip(v float64) int { return int(math.Round(v)) }

// text draws s with its baseline at y and records its box.
func (c *canvas) text(s string, f font, x, y float64, a align) rect {
	box := textBox(s, f, x, y, a)
	if strings.TrimSpace(s) == "" {
		return box
	}
	c.r.ResetStyle()
	reg, b := Fonts()
	if f.bold {
		c.r.SetFont(b)
	} else {
		c.r.SetFont(reg)
	}
	// go-chart's renderers set glyphs at size × DPI / 64 pixels (see
	// report/pdf's vector renderer, which follows the raster one).
	c.r.SetFontSize(f.size * 64 / c.dpi)
	c.r.SetFontColor(f.color)
	c.r.Text(s, ip(box.x0), ip(y))
	c.placed = append(c.placed, box)
	return box
}

// free reports whether box lies inside the chart and clear of all text
// drawn so far (with a small margin).
func (c *canvas) free(box rect, avoid ...rect) bool {
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
func (c *canvas) halo(box rect) {
	c.rect(box.grow(mm(0.5)), haloColor, drawing.Color{}, 0)
}

// rect fills (and outlines, when stroke is set) a rectangle.
func (c *canvas) rect(b rect, fill, stroke drawing.Color, width float64) {
	c.r.ResetStyle()
	c.r.SetFillColor(fill)
	if stroke.A > 0 && width > 0 {
		c.r.SetStrokeColor(stroke)
		c.r.SetStrokeWidth(width)
	}
	c.r.MoveTo(ip(b.x0), ip(b.y0))
	c.r.LineTo(ip(b.x1), ip(b.y0))
	c.r.LineTo(ip(b.x1), ip(b.y1))
	c.r.LineTo(ip(b.x0), ip(b.y1))
	c.r.LineTo(ip(b.x0), ip(b.y0))
	c.r.Close()
	switch {
	case stroke.A > 0 && width > 0 && fill.A > 0:
		c.r.FillStroke()
	case fill.A > 0:
		c.r.Fill()
	default:
		c.r.Stroke()
	}
}

// polyline strokes a path through points.
func (c *canvas) polyline(pts [][2]float64, color drawing.Color, width float64, dash []float64) {
	if len(pts) < 2 {
		return
	}
	c.r.ResetStyle()
	c.r.SetStrokeColor(color)
	c.r.SetStrokeWidth(width)
	if len(dash) > 0 {
		c.r.SetStrokeDashArray(dash)
	}
	c.r.MoveTo(ip(pts[0][0]), ip(pts[0][1]))
	for _, p := range pts[1:] {
		c.r.LineTo(ip(p[0]), ip(p[1]))
	}
	c.r.Stroke()
}

func (c *canvas) line(x0, y0, x1, y1 float64, color drawing.Color, width float64) {
	c.polyline([][2]float64{{x0, y0}, {x1, y1}}, color, width, nil)
}

// marker draws a filled circle with a white ring, so it stands out on a
// bar or a gridline alike.
func (c *canvas) marker(x, y, radius float64, fill drawing.Color) {
	c.r.ResetStyle()
	c.r.SetFillColor(fill)
	c.r.SetStrokeColor(white)
	c.r.SetStrokeWidth(mm(0.35))
	c.r.Circle(radius, ip(x), ip(y))
	c.r.Close()
	c.r.FillStroke()
}

// hatch fills diagonal stripes across b, clipped to it: the pattern that
// tells two adjacent fills apart in greyscale print. The stripes are
// filled polygons in one path rather than stroked lines: one fill to
// paint, and far cheaper for a raster backend than stroking each line.
func (c *canvas) hatch(b rect, color drawing.Color) {
	// Whole units, so that every stripe is the same width after the
	// renderer's rounding.
	gap, t := math.Round(mm(1.4)), math.Max(1, math.Round(mm(0.35)))
	x0, y0, x1, y1 := math.Round(b.x0), math.Round(b.y0), math.Round(b.x1), math.Round(b.y1)
	h := y1 - y0
	if x1-x0 < 1 || h < 1 {
		return
	}
	c.r.ResetStyle()
	c.r.SetFillColor(color)
	any := false
	for x := x0 - h; x < x1; x += gap {
		// The stripe from the bottom edge at x to the top edge at x+h,
		// t wide, clipped to the box.
		poly := clipPoly([][2]float64{{x, y1}, {x + h, y0}, {x + h + t, y0}, {x + t, y1}}, x0, y0, x1, y1)
		if len(poly) < 3 {
			continue
		}
		c.r.MoveTo(ip(poly[0][0]), ip(poly[0][1]))
		for _, p := range poly[1:] {
			c.r.LineTo(ip(p[0]), ip(p[1]))
		}
		c.r.Close()
		any = true
	}
	if any {
		c.r.Fill()
	}
}

// clipPoly clips a convex polygon to the box (Sutherland-Hodgman).
func clipPoly(poly [][2]float64, x0, y0, x1, y1 float64) [][2]float64 {
	edges := []struct {
		in    func(p [2]float64) bool
		cross func(a, b [2]float64) [2]float64
	}{
		{func(p [2]float64) bool { return p[0] >= x0 }, func(a, b [2]float64) [2]float64 { return atX(a, b, x0) }},
		{func(p [2]float64) bool { return p[0] <= x1 }, func(a, b [2]float64) [2]float64 { return atX(a, b, x1) }},
		{func(p [2]float64) bool { return p[1] >= y0 }, func(a, b [2]float64) [2]float64 { return atY(a, b, y0) }},
		{func(p [2]float64) bool { return p[1] <= y1 }, func(a, b [2]float64) [2]float64 { return atY(a, b, y1) }},
	}
	for _, e := range edges {
		var out [][2]float64
		for i, cur := range poly {
			prev := poly[(i+len(poly)-1)%len(poly)]
			switch {
			case e.in(cur) && !e.in(prev):
				out = append(out, e.cross(prev, cur), cur)
			case e.in(cur):
				out = append(out, cur)
			case e.in(prev):
				out = append(out, e.cross(prev, cur))
			}
		}
		poly = out
		if len(poly) == 0 {
			break
		}
	}
	return poly
}

func atX(a, b [2]float64, x float64) [2]float64 {
	return [2]float64{x, a[1] + (b[1]-a[1])*(x-a[0])/(b[0]-a[0])}
}

func atY(a, b [2]float64, y float64) [2]float64 {
	return [2]float64{a[0] + (b[0]-a[0])*(y-a[1])/(b[1]-a[1]), y}
}

// legendItem is one key of a legend.
type legendItem struct {
	label   string
	fill    drawing.Color
	hatched bool
	line    bool // a line with a marker rather than a swatch
	dashed  bool // a dashed line without a marker
	plain   bool // words only, no key
	bold    bool
}

// legendLayout places items in rows across width, returning each item's
// top-left and the total height.
func legendLayout(items []legendItem, width float64) (pos [][2]float64, height float64) {
	f := textFont(labelSize)
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
func (c *canvas) legend(items []legendItem, x, y, width float64) float64 {
	pos, h := legendLayout(items, width)
	f := textFont(labelSize)
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
func textOnHatch(fill drawing.Color) drawing.Color {
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
	space := fc.advance(' ')
	var lines []string
	first := 0                 // the current line's first word
	cur := fc.ems(words[0], 0) // its width in ems
	for i := 1; i < len(words) && (most <= 0 || len(lines) < most-1); i++ {
		if w := fc.ems(words[i], cur+space); w*f.size <= width {
			cur = w
			continue
		}
		lines = append(lines, strings.Join(words[first:i], " "))
		first, cur = i, fc.ems(words[i], 0)
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
		if em += fc.advance(r); em*f.size > width {
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
	ellipsis := fc.advance('…')
	em = 0
	keep, keepEm, best := 0, 0.0, 0
	for i, r := range s {
		em += fc.advance(r)
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
