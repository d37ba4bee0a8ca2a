package charts

import (
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
)

// recorder is a go-chart Renderer that records what a chart draws: every
// text with its box (from the font's own metrics, at the size the chart
// set) and every painted shape's points, so tests can check the layout
// a reader would see.
type recorder struct {
	w, h     int
	dpi      float64
	size     float64
	font     *truetype.Font
	color    drawing.Color
	fill     drawing.Color
	stroke   drawing.Color
	width    float64
	path     [][2]int
	texts    []drawnText
	shapes   []shape
	log      strings.Builder // every call, for determinism checks
	rotation bool
}

type drawnText struct {
	s     string
	box   rect
	bold  bool
	color drawing.Color
	px    float64 // text size in chart units
}

type shape struct {
	pts          [][2]int
	fill, stroke drawing.Color
	width        float64
}

func (r *recorder) provider(w, h int) (chart.Renderer, error) {
	r.w, r.h = w, h
	return r, nil
}

func (r *recorder) logf(format string, args ...any) { fmt.Fprintf(&r.log, format+"\n", args...) }

func (r *recorder) ResetStyle() {
	r.fill, r.stroke, r.width = drawing.Color{}, drawing.Color{}, 0
	r.logf("reset")
}
func (r *recorder) GetDPI() float64 {
	if r.dpi == 0 {
		return chart.DefaultDPI
	}
	return r.dpi
}
func (r *recorder) SetDPI(d float64)                       { r.dpi = d }
func (r *recorder) SetClassName(string)                    {}
func (r *recorder) SetStrokeColor(c drawing.Color)         { r.stroke = c; r.logf("stroke %v", c) }
func (r *recorder) SetFillColor(c drawing.Color)           { r.fill = c; r.logf("fill %v", c) }
func (r *recorder) SetStrokeWidth(w float64)               { r.width = w; r.logf("width %g", w) }
func (r *recorder) SetStrokeDashArray(d []float64)         { r.logf("dash %v", d) }
func (r *recorder) MoveTo(x, y int)                        { r.path = append(r.path, [2]int{x, y}); r.logf("m %d %d", x, y) }
func (r *recorder) LineTo(x, y int)                        { r.path = append(r.path, [2]int{x, y}); r.logf("l %d %d", x, y) }
func (r *recorder) QuadCurveTo(cx, cy, x, y int)           { r.path = append(r.path, [2]int{x, y}) }
func (r *recorder) ArcTo(cx, cy int, rx, ry, a, d float64) {}
func (r *recorder) Close()                                 { r.logf("z") }
func (r *recorder) Stroke()                                { r.paint() }
func (r *recorder) Fill()                                  { r.paint() }
func (r *recorder) FillStroke()                            { r.paint() }
func (r *recorder) SetFont(f *truetype.Font)               { r.font = f }
func (r *recorder) SetFontColor(c drawing.Color)           { r.color = c }
func (r *recorder) SetFontSize(s float64)                  { r.size = s }
func (r *recorder) SetTextRotation(float64)                { r.rotation = true }
func (r *recorder) ClearTextRotation()                     { r.rotation = false }
func (r *recorder) Save(io.Writer) error                   { return nil }
func (r *recorder) MeasureText(string) chart.Box           { return chart.Box{} }

func (r *recorder) Circle(radius float64, x, y int) {
	rr := int(math.Ceil(radius))
	r.path = append(r.path, [2]int{x - rr, y - rr}, [2]int{x + rr, y + rr})
	r.logf("circle %g %d %d", radius, x, y)
}

func (r *recorder) paint() {
	r.shapes = append(r.shapes, shape{pts: r.path, fill: r.fill, stroke: r.stroke, width: r.width})
	r.logf("paint")
	r.path = nil
}

func (r *recorder) Text(body string, x, y int) {
	reg, b := Fonts()
	bold := r.font == b
	if r.font != reg && r.font != b {
		panic("text drawn without a chart font")
	}
	px := r.size * r.GetDPI() / 64
	f := font{size: px, bold: bold}
	box := textBox(body, f, float64(x), float64(y), left)
	r.texts = append(r.texts, drawnText{s: body, box: box, bold: bold, color: r.color, px: px})
	r.logf("text %q %d %d %g %v %v", body, x, y, px, bold, r.color)
}

// record draws c through a recorder.
func record(c Chart) (*recorder, error) {
	r := &recorder{}
	err := c.Render(r.provider, io.Discard)
	return r, err
}

// textsOf returns the strings drawn, in order.
func (r *recorder) textsOf() []string {
	out := make([]string, len(r.texts))
	for i, t := range r.texts {
		out[i] = t.s
	}
	return out
}

func (r *recorder) has(s string) bool {
	for _, t := range r.texts {
		if t.s == s {
			return true
		}
	}
	return false
}
