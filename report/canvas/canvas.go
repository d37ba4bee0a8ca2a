// Package canvas is paper's drawing interface: what a chart (or any
// figure) draws, independent of the format it ends up in. A Drawing
// draws itself on a Canvas; each output format has a backend:
// report/canvas/png (raster, for the DOCX), report/canvas/svg (for web
// pages) and the PDF writer's vector backend in report/pdf.
//
// Coordinates are millimetres at the drawing's natural printed size,
// floating point, with the origin at the top-left corner and y growing
// downwards, as on a page and in SVG. A backend that prints the drawing
// larger or smaller scales everything alike: coordinates, stroke widths,
// dashes and text sizes.
//
// The interface is modelled on gonum.org/v1/plot's vg.Canvas (paths
// built by Move, Line, Curve and Close; fill, stroke and text), with
// what committee papers need and vg.Canvas lacks: hatch patterns (a fill
// that still reads in greyscale print), clipping, and figures grouped
// with their alternative text, which a tagged PDF writes as one Figure
// element with /Alt and an SVG as an image with a title. Colour, width
// and dash travel with each call instead of living in canvas state, so
// nothing drawn depends on what was drawn before it.
package canvas

import "math"

// Canvas is a surface to draw on. Every method draws at once; none
// keeps state between calls other than the clip and figure stacks.
type Canvas interface {
	// Fill paints the inside of p (non-zero winding) in c.
	Fill(p *Path, c Color)
	// Stroke paints along p with the pen s. Strokes have butt caps and
	// round joins.
	Stroke(p *Path, s Pen)
	// Hatch paints diagonal stripes across the inside of p.
	Hatch(p *Path, h Hatch)
	// Text draws s in font f with its baseline starting at (x, y), each
	// character at the advance Font.Width measures, so a label laid out
	// with Font.Width lands where it was placed in every backend. (The
	// PDF backend sets characters Liberation Sans lacks in a fallback
	// font, at that font's advances; characters a house style's
	// typeface lacks are measured and drawn in Liberation Sans.)
	Text(s string, f Font, x, y float64, c Color)
	// PushClip limits what is drawn after it to the inside of p (and of
	// every clip pushed before it) until the matching PopClip.
	PushClip(p *Path)
	// PopClip removes the clip pushed last.
	PopClip()
	// BeginFigure starts a figure: everything drawn until the matching
	// EndFigure is one image whose alternative text is alt. Figures do
	// not nest: a figure begun inside another is drawn as part of the
	// outer one, whose alternative text describes the whole.
	BeginFigure(alt string)
	// EndFigure ends the figure begun last.
	EndFigure()
}

// Drawing is something that draws itself on a canvas: a chart, or any
// figure of a paper.
type Drawing interface {
	// Size is the drawing's natural printed size in millimetres; a
	// writer may print it larger or smaller, keeping the proportions.
	Size() (w, h float64)
	// Draw draws onto c in the drawing's own coordinates (0 to w, 0 to
	// h). It returns an error, having drawn nothing useful, when the
	// drawing's data cannot be drawn.
	Draw(c Canvas) error
}

// DrawFigure draws d on c as one figure with alternative text alt.
func DrawFigure(c Canvas, d Drawing, alt string) error {
	c.BeginFigure(alt)
	defer c.EndFigure()
	return d.Draw(c)
}

// Color is a colour in sRGB, not premultiplied: A is the opacity, 0
// transparent to 255 opaque.
type Color struct{ R, G, B, A uint8 }

// RGB returns the opaque colour r, g, b.
func RGB(r, g, b uint8) Color { return Color{r, g, b, 255} }

// Hex returns the opaque colour written "RRGGBB", and false when s is not
// six hexadecimal digits.
func Hex(s string) (Color, bool) {
	if len(s) != 6 {
		return Color{}, false
	}
	var v [3]uint8
	for i := 0; i < 6; i++ {
		d, ok := hexDigit(s[i])
		if !ok {
			return Color{}, false
		}
		v[i/2] = v[i/2]<<4 | d
	}
	return RGB(v[0], v[1], v[2]), true
}

func hexDigit(c byte) (uint8, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// Pen is how a path is stroked.
type Pen struct {
	Color Color
	// Width is the line width in millimetres; a pen of no width draws
	// nothing.
	Width float64
	// Dash alternates the lengths, in millimetres, of dashes and gaps,
	// starting with a dash; empty for a solid line.
	Dash []float64
}

// Hatch is a pattern of parallel stripes rising at 45° from left to
// right, Gap apart (centre to centre) and Width wide, in millimetres.
type Hatch struct {
	Color      Color
	Gap, Width float64
}

// Point is a position in millimetres.
type Point struct{ X, Y float64 }

// Rect is a box: Min is its top-left corner, Max its bottom-right.
type Rect struct{ Min, Max Point }

// Op is what a path step does.
type Op uint8

// The steps of a path.
const (
	MoveTo  Op = iota // start a new subpath at Pts[0]
	LineTo            // a straight line to Pts[0]
	CurveTo           // a cubic Bézier curve through controls Pts[0], Pts[1] to Pts[2]
	Close             // a straight line back to the subpath's start, closing it
)

// Step is one step of a path.
type Step struct {
	Op  Op
	Pts [3]Point
}

// Path is a sequence of subpaths made of lines and cubic curves. The
// zero Path is empty and ready to use.
type Path struct {
	Steps []Step
	cur   Point // the current point
	start Point // the current subpath's start
}

// Move starts a new subpath at (x, y).
func (p *Path) Move(x, y float64) {
	pt := Point{x, y}
	p.Steps = append(p.Steps, Step{Op: MoveTo, Pts: [3]Point{pt}})
	p.cur, p.start = pt, pt
}

// Line adds a straight line from the current point to (x, y). A path
// that has no current point starts there.
func (p *Path) Line(x, y float64) {
	if len(p.Steps) == 0 {
		p.Move(x, y)
		return
	}
	pt := Point{x, y}
	p.Steps = append(p.Steps, Step{Op: LineTo, Pts: [3]Point{pt}})
	p.cur = pt
}

// Curve adds a cubic Bézier curve from the current point through the
// controls (x1, y1) and (x2, y2) to (x, y).
func (p *Path) Curve(x1, y1, x2, y2, x, y float64) {
	if len(p.Steps) == 0 {
		p.Move(x1, y1)
	}
	p.Steps = append(p.Steps, Step{Op: CurveTo, Pts: [3]Point{{x1, y1}, {x2, y2}, {x, y}}})
	p.cur = Point{x, y}
}

// Close closes the current subpath with a line back to its start.
func (p *Path) Close() {
	if len(p.Steps) == 0 || p.Steps[len(p.Steps)-1].Op == Close {
		return
	}
	p.Steps = append(p.Steps, Step{Op: Close})
	p.cur = p.start
}

// Rect adds the rectangle from (x0, y0) to (x1, y1) as a closed subpath.
func (p *Path) Rect(x0, y0, x1, y1 float64) {
	p.Move(x0, y0)
	p.Line(x1, y0)
	p.Line(x1, y1)
	p.Line(x0, y1)
	p.Close()
}

// kappa places the controls of a cubic Bézier quarter circle.
const kappa = 0.5522847498307936 // 4/3 (√2 − 1)

// Circle adds a circle of radius r centred at (cx, cy) as a closed
// subpath of four cubic curves.
func (p *Path) Circle(cx, cy, r float64) {
	k := r * kappa
	p.Move(cx+r, cy)
	p.Curve(cx+r, cy+k, cx+k, cy+r, cx, cy+r)
	p.Curve(cx-k, cy+r, cx-r, cy+k, cx-r, cy)
	p.Curve(cx-r, cy-k, cx-k, cy-r, cx, cy-r)
	p.Curve(cx+k, cy-r, cx+r, cy-k, cx+r, cy)
	p.Close()
}

// RectPath returns a path holding the one rectangle r.
func RectPath(r Rect) *Path {
	p := &Path{}
	p.Rect(r.Min.X, r.Min.Y, r.Max.X, r.Max.Y)
	return p
}

// Bounds returns the smallest box holding every point of p's steps
// (curves' control points included, so the box may be larger than the
// curve), and false for an empty path.
func (p *Path) Bounds() (Rect, bool) {
	b := Rect{Min: Point{math.Inf(1), math.Inf(1)}, Max: Point{math.Inf(-1), math.Inf(-1)}}
	any := false
	for _, s := range p.Steps {
		n := 1
		switch s.Op {
		case Close:
			n = 0
		case CurveTo:
			n = 3
		}
		for _, pt := range s.Pts[:n] {
			b.Min.X, b.Min.Y = math.Min(b.Min.X, pt.X), math.Min(b.Min.Y, pt.Y)
			b.Max.X, b.Max.Y = math.Max(b.Max.X, pt.X), math.Max(b.Max.Y, pt.Y)
			any = true
		}
	}
	return b, any
}

// AxisRect reports whether p is one rectangle with horizontal and
// vertical sides (four corners, closed or not, or back to the start),
// and returns it. Backends draw such paths, the bars and boxes of a
// chart, more cheaply than other shapes.
func (p *Path) AxisRect() (Rect, bool) {
	s := p.Steps
	if n := len(s); n > 0 && s[n-1].Op == Close {
		s = s[:n-1]
	}
	if len(s) == 5 && s[4].Op == LineTo && s[4].Pts[0] == s[0].Pts[0] {
		s = s[:4]
	}
	if len(s) != 4 || s[0].Op != MoveTo {
		return Rect{}, false
	}
	var c [4]Point
	for i, st := range s {
		if i > 0 && st.Op != LineTo {
			return Rect{}, false
		}
		c[i] = st.Pts[0]
	}
	horizontalFirst := c[0].Y == c[1].Y && c[1].X == c[2].X && c[2].Y == c[3].Y && c[3].X == c[0].X
	verticalFirst := c[0].X == c[1].X && c[1].Y == c[2].Y && c[2].X == c[3].X && c[3].Y == c[0].Y
	if !horizontalFirst && !verticalFirst {
		return Rect{}, false
	}
	return Rect{
		Min: Point{math.Min(c[0].X, c[2].X), math.Min(c[0].Y, c[2].Y)},
		Max: Point{math.Max(c[0].X, c[2].X), math.Max(c[0].Y, c[2].Y)},
	}, true
}

// Flatten calls line for each straight segment of p, curves divided
// into segments no further than tol from the curve, and ends for each
// subpath's end (closed true when it was closed). Backends without
// curves, or stroking dashes, draw through it.
func (p *Path) Flatten(tol float64, line func(a, b Point), end func(closed bool)) {
	var cur, start Point
	open := false
	finish := func(closed bool) {
		if open {
			end(closed)
		}
		open = false
	}
	for _, s := range p.Steps {
		switch s.Op {
		case MoveTo:
			finish(false)
			cur, start, open = s.Pts[0], s.Pts[0], true
		case LineTo:
			line(cur, s.Pts[0])
			cur, open = s.Pts[0], true
		case CurveTo:
			n := curveSteps(cur, s.Pts, tol)
			prev := cur
			for i := 1; i <= n; i++ {
				q := bezier(cur, s.Pts, float64(i)/float64(n))
				line(prev, q)
				prev = q
			}
			cur, open = s.Pts[2], true
		case Close:
			if cur != start {
				line(cur, start)
			}
			cur = start
			finish(true)
		}
	}
	finish(false)
}

// curveSteps is how many segments keep a cubic within tol of its chord
// approximation (from the control polygon's second differences).
func curveSteps(p0 Point, c [3]Point, tol float64) int {
	dd := func(a, b, c Point) float64 { return math.Hypot(a.X-2*b.X+c.X, a.Y-2*b.Y+c.Y) }
	d := math.Max(dd(p0, c[0], c[1]), dd(c[0], c[1], c[2]))
	if !(tol > 0) || !(d > 0) {
		return 1
	}
	n := math.Ceil(math.Sqrt(0.75 * d / tol))
	return int(math.Min(math.Max(n, 1), 100))
}

func bezier(p0 Point, c [3]Point, t float64) Point {
	u := 1 - t
	a, b, cc, d := u*u*u, 3*u*u*t, 3*u*t*t, t*t*t
	return Point{a*p0.X + b*c[0].X + cc*c[1].X + d*c[2].X, a*p0.Y + b*c[0].Y + cc*c[1].Y + d*c[2].Y}
}
