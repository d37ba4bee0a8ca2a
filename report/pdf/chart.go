package pdf

import (
	"io"
	"math"
	"strings"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/paperhq/paper/third_party/fpdf"

	"github.com/paperhq/paper/report/doc"
)

// vectorRenderer is a go-chart Renderer that draws onto the current fpdf
// page as vectors: paths, fills and text in the document's own font, so a
// chart stays crisp at any zoom and its labels are real, selectable text.
// go-chart lays a chart out in pixels; the renderer maps pixel (x, y) to
// the page at (ox + x*s, oy + y*s) millimetres.
type vectorRenderer struct {
	w      *writer
	ox, oy float64 // page position of the chart's top-left corner, mm
	s      float64 // mm per go-chart pixel
	dpi    float64

	stroke, fill, fontColor drawing.Color
	strokeWidth             float64
	dash                    []float64
	fontSize                float64 // points at dpi, as go-chart sets it
	bold                    bool    // the font set is a bold face
	rotation                *float64

	path []pathOp
}

// pathOp is one buffered path construction step. PDF forbids colour
// changes inside a path, so the path is replayed when it is painted.
type pathOp struct {
	kind           byte // 'm' move, 'l' line, 'q' quad, 'a' arc, 'z' close
	x, y, cx, cy   float64
	rx, ry, a0, a1 float64
}

var _ chart.Renderer = (*vectorRenderer)(nil)

func (r *vectorRenderer) px(x, y int) (float64, float64) {
	return r.ox + float64(x)*r.s, r.oy + float64(y)*r.s
}

func (r *vectorRenderer) ResetStyle() {
	r.stroke, r.fill, r.fontColor = drawing.Color{}, drawing.Color{}, drawing.Color{}
	r.strokeWidth, r.dash = 0, nil
	r.rotation = nil
}

func (r *vectorRenderer) GetDPI() float64 {
	if r.dpi == 0 {
		return chart.DefaultDPI
	}
	return r.dpi
}

func (r *vectorRenderer) SetDPI(dpi float64)                { r.dpi = dpi }
func (r *vectorRenderer) SetClassName(string)               {}
func (r *vectorRenderer) SetStrokeColor(c drawing.Color)    { r.stroke = c }
func (r *vectorRenderer) SetFillColor(c drawing.Color)      { r.fill = c }
func (r *vectorRenderer) SetStrokeWidth(width float64)      { r.strokeWidth = width }
func (r *vectorRenderer) SetStrokeDashArray(dash []float64) { r.dash = dash }

// SetFont selects the document font's bold face for a bold font (by its
// subfamily name, e.g. Liberation Sans Bold) and the regular face for any
// other: charts are drawn in the document's own font.
func (r *vectorRenderer) SetFont(f *truetype.Font) {
	r.bold = f != nil && strings.Contains(f.Name(truetype.NameIDFontSubfamily), "Bold")
}

func (r *vectorRenderer) style() string {
	if r.bold {
		return "B"
	}
	return ""
}

func (r *vectorRenderer) SetFontColor(c drawing.Color)    { r.fontColor = c }
func (r *vectorRenderer) SetFontSize(size float64)        { r.fontSize = size }
func (r *vectorRenderer) SetTextRotation(radians float64) { r.rotation = &radians }
func (r *vectorRenderer) ClearTextRotation()              { r.rotation = nil }
func (r *vectorRenderer) Save(io.Writer) error            { return nil }
func (r *vectorRenderer) MoveTo(x, y int)                 { r.add(pathOp{kind: 'm', x: float64(x), y: float64(y)}) }
func (r *vectorRenderer) LineTo(x, y int)                 { r.add(pathOp{kind: 'l', x: float64(x), y: float64(y)}) }
func (r *vectorRenderer) Close()                          { r.add(pathOp{kind: 'z'}) }
func (r *vectorRenderer) add(op pathOp)                   { r.path = append(r.path, op) }
func (r *vectorRenderer) Stroke()                         { r.paint(false, true) }
func (r *vectorRenderer) Fill()                           { r.paint(true, false) }
func (r *vectorRenderer) FillStroke()                     { r.paint(true, true) }
func (r *vectorRenderer) QuadCurveTo(cx, cy, x, y int) {
	r.add(pathOp{kind: 'q', cx: float64(cx), cy: float64(cy), x: float64(x), y: float64(y)})
}

// ArcTo adds an arc centred at (cx, cy) from startAngle sweeping delta
// radians, clockwise on screen as go-chart measures them.
func (r *vectorRenderer) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	r.add(pathOp{kind: 'a', x: float64(cx), y: float64(cy), rx: rx, ry: ry, a0: startAngle, a1: startAngle + delta})
}

// Circle adds a full circle to the path.
func (r *vectorRenderer) Circle(radius float64, x, y int) {
	r.add(pathOp{kind: 'm', x: float64(x) + radius, y: float64(y)})
	r.add(pathOp{kind: 'a', x: float64(x), y: float64(y), rx: radius, ry: radius, a0: 0, a1: 2 * math.Pi})
}

// paint replays the buffered path and fills and/or strokes it; fully
// transparent colours paint nothing.
func (r *vectorRenderer) paint(fill, stroke bool) {
	defer func() { r.path = r.path[:0] }()
	fill = fill && r.fill.A > 0
	stroke = stroke && r.stroke.A > 0 && r.strokeWidth > 0
	if (!fill && !stroke) || len(r.path) == 0 {
		return
	}
	f := r.w.f
	alpha := 1.0
	if fill {
		f.SetFillColor(int(r.fill.R), int(r.fill.G), int(r.fill.B))
		alpha = float64(r.fill.A) / 255
	}
	if stroke {
		f.SetDrawColor(int(r.stroke.R), int(r.stroke.G), int(r.stroke.B))
		f.SetLineWidth(r.strokeWidth * r.s)
		if len(r.dash) > 0 {
			d := make([]float64, len(r.dash))
			for i, v := range r.dash {
				d[i] = v * r.s
			}
			f.SetDashPattern(d, 0)
		}
		if !fill {
			alpha = float64(r.stroke.A) / 255
		}
	}
	if alpha < 1 {
		f.SetAlpha(alpha, "Normal")
	}
	for _, op := range r.path {
		x, y := r.ox+op.x*r.s, r.oy+op.y*r.s
		switch op.kind {
		case 'm':
			f.MoveTo(x, y)
		case 'l':
			f.LineTo(x, y)
		case 'q':
			f.CurveTo(r.ox+op.cx*r.s, r.oy+op.cy*r.s, x, y)
		case 'a':
			f.ArcTo(x, y, op.rx*r.s, op.ry*r.s, 0, -op.a0*180/math.Pi, -op.a1*180/math.Pi)
		case 'z':
			f.ClosePath()
		}
	}
	style := "D"
	switch {
	case fill && stroke:
		style = "FD"
	case fill:
		style = "F"
	}
	f.DrawPath(style)
	if alpha < 1 {
		f.SetAlpha(1, "Normal")
	}
	if stroke && len(r.dash) > 0 {
		f.SetDashPattern(nil, 0)
	}
}

// pdfSize is the fpdf font size, in points on the page, of go-chart's
// current font size. go-chart's raster renderer sets glyphs at
// size × DPI / 64 pixels (it passes size × DPI to freetype as a 26.6
// fixed-point pixel size), not the typographic size × DPI / 72; the PDF
// follows the same rule so that a chart's text is the same size on the
// page as in its PNG.
func (r *vectorRenderer) pdfSize() float64 {
	px := r.fontSize * r.GetDPI() / 64
	return px * r.s / ptToMM
}

// Text draws body with its baseline starting at (x, y), rotated about
// that point when a rotation is set.
func (r *vectorRenderer) Text(body string, x, y int) {
	body = clean(body)
	if body == "" {
		return
	}
	size := r.pdfSize()
	px, py := r.px(x, y)
	c := r.fontColor
	if c.A == 0 {
		c = drawing.ColorBlack
	}
	w := r.w
	if r.rotation != nil {
		w.f.TransformBegin()
		w.f.TransformRotate(-*r.rotation*180/math.Pi, px, py)
	}
	for _, sp := range spans(body, textStyle{style: r.style(), size: size}) {
		w.setFont(sp.family, sp.style, sp.size)
		w.setTextColor([3]int{int(c.R), int(c.G), int(c.B)})
		w.f.Text(px, py, sp.text)
		px += sp.w
	}
	if r.rotation != nil {
		w.f.TransformEnd()
	}
}

// MeasureText returns body's box in go-chart pixels, rotated like the
// text when a rotation is set, as go-chart's own renderers do.
func (r *vectorRenderer) MeasureText(body string) chart.Box {
	size := r.pdfSize()
	wpx := textWidth(clean(body), r.style(), size) / r.s
	hpx := size * ptToMM * 0.72 / r.s
	b := chart.Box{Right: int(math.Ceil(wpx)), Bottom: int(math.Ceil(hpx))}
	if r.rotation == nil {
		return b
	}
	return b.Corners().Rotate(chart.RadiansToDegrees(*r.rotation)).Box()
}

// figureScale returns the printed width and the mm-per-pixel scale of a
// figure laid out across width mm: its Width (or the whole width),
// shrunk if need be so that the graphic takes at most the tree's share of
// the page's text height (doc.Style.FigureHeight) and never runs off the
// page.
func (w *writer) figureScale(f *doc.Figure, width float64) (float64, float64) {
	fw := width
	if f.Width > 0 && f.Width < width {
		fw = f.Width
	}
	gw, gh := float64(f.Graphic.GetWidth()), float64(f.Graphic.GetHeight())
	if limit := w.figureHigh(); gh*fw/gw > limit && limit > 0 {
		fw = limit * gw / gh
	}
	return fw, fw / gw
}

// figureHeight is the height of a figure with its caption (its data table
// may continue on the next page).
func (w *writer) figureHeight(f *doc.Figure, width float64) float64 {
	_, s := w.figureScale(f, width)
	h := float64(f.Graphic.GetHeight())*s + 2
	if c := f.CaptionLine(); c != "" {
		size := w.style.BodySize - 1
		h += float64(len(wrap(doc.Plain(c), "B", size, width))) * lineHeight(size)
	}
	return h
}

// figure draws a chart as vectors with its caption beneath, keeping both
// on one page, then its data table if any. The whole chart, its labels
// included, is one Figure element with the alternative text as /Alt and
// the chart's box as BBox: assistive technology reads the description
// once, not every axis label after it.
func (w *writer) figure(fig *doc.Figure, x0, x1 float64) {
	width := x1 - x0
	w.ensure(min(w.figureHeight(fig, width), w.bottom-w.top))
	fw, s := w.figureScale(fig, width)
	ox := x0 + (width-fw)/2
	oy := w.y
	gh := float64(fig.Graphic.GetHeight()) * s
	e := w.begin("Figure", &fpdf.StructOptions{Alt: clean(fig.Alt)})
	w.f.SetStructBBox(e, ox, oy, fw, gh)
	r := &vectorRenderer{w: w, ox: ox, oy: oy, s: s}
	provider := func(int, int) (chart.Renderer, error) { return r, nil }
	err := fig.Graphic.Render(provider, io.Discard)
	w.f.SetDashPattern(nil, 0)
	w.end()
	if err != nil {
		w.f.SetError(err)
		return
	}
	w.y = oy + gh + 2
	if c := fig.CaptionLine(); c != "" {
		w.begin("Caption", nil)
		w.text(doc.Plain(c), "B", w.style.BodySize-1, x0, width, doc.Center, black)
		w.end()
	}
	w.y += w.gap()
	if fig.Data != nil {
		w.table(fig.Data, x0, x1)
	}
}
