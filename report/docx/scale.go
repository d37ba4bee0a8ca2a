package docx

import (
	"math"

	"github.com/wcharczuk/go-chart/v2"
)

// scaled is a go-chart Renderer that draws onto another renderer s times
// larger. go-chart lays a chart out in its own pixel units at
// GetWidth()×GetHeight() (fonts sized for about 96 dpi); drawing that
// layout onto a bigger canvas gives a sharp picture for print without
// changing the layout: coordinates, radii, stroke widths and dashes are
// multiplied by s, the DPI too (so text grows with everything else), and
// text measurements are divided by s so the chart places labels as it
// would at 1×. Colours, fonts and rotation pass through unchanged via the
// embedded renderer.
type scaled struct {
	chart.Renderer
	s float64
}

func (x *scaled) p(v int) int         { return int(math.Round(float64(v) * x.s)) }
func (x *scaled) f(v float64) float64 { return v * x.s }

func (x *scaled) GetDPI() float64                   { return x.Renderer.GetDPI() / x.s }
func (x *scaled) SetDPI(dpi float64)                { x.Renderer.SetDPI(dpi * x.s) }
func (x *scaled) SetStrokeWidth(width float64)      { x.Renderer.SetStrokeWidth(x.f(width)) }
func (x *scaled) MoveTo(px, py int)                 { x.Renderer.MoveTo(x.p(px), x.p(py)) }
func (x *scaled) LineTo(px, py int)                 { x.Renderer.LineTo(x.p(px), x.p(py)) }
func (x *scaled) Text(body string, px, py int)      { x.Renderer.Text(body, x.p(px), x.p(py)) }
func (x *scaled) Circle(radius float64, px, py int) { x.Renderer.Circle(x.f(radius), x.p(px), x.p(py)) }

func (x *scaled) SetStrokeDashArray(dash []float64) {
	if dash == nil {
		x.Renderer.SetStrokeDashArray(nil)
		return
	}
	d := make([]float64, len(dash))
	for i, v := range dash {
		d[i] = x.f(v)
	}
	x.Renderer.SetStrokeDashArray(d)
}

func (x *scaled) QuadCurveTo(cx, cy, px, py int) {
	x.Renderer.QuadCurveTo(x.p(cx), x.p(cy), x.p(px), x.p(py))
}

func (x *scaled) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	x.Renderer.ArcTo(x.p(cx), x.p(cy), x.f(rx), x.f(ry), startAngle, delta)
}

// MeasureText returns the text's box in layout units: the canvas box
// divided by s, rounded outwards so labels never overlap.
func (x *scaled) MeasureText(body string) chart.Box {
	b := x.Renderer.MeasureText(body)
	return chart.Box{
		Top:    int(math.Floor(float64(b.Top) / x.s)),
		Left:   int(math.Floor(float64(b.Left) / x.s)),
		Right:  int(math.Ceil(float64(b.Right) / x.s)),
		Bottom: int(math.Ceil(float64(b.Bottom) / x.s)),
	}
}
