package doctest

import (
	"math"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// Scribble returns a drawing made from fuzz input, so that canvas
// backends can be fuzzed with what no chart draws: coordinates that are
// NaN, infinite, huge or off the drawing; curves, clips and figures
// unbalanced or nested; dashes of no length; text of any bytes. The same
// input always gives the same drawing.
func Scribble(data []byte) doc.Graphic {
	g := &gen{data: data}
	return scribble{w: 1 + float64(g.byte()), h: 1 + float64(g.byte()), ops: g.data}
}

type scribble struct {
	w, h float64
	ops  []byte
}

func (s scribble) Size() (w, h float64) { return s.w, s.h }

// num is a coordinate: mostly inside the drawing, sometimes anything.
func (g *gen) num(size float64) float64 {
	switch b := g.byte(); b % 16 {
	case 0:
		return math.NaN()
	case 1:
		return math.Inf(1 - 2*int(b>>7))
	case 2:
		return 1e300
	case 3:
		return -float64(g.byte())
	default:
		return size * float64(g.byte()) / 255
	}
}

func (g *gen) colour() canvas.Color {
	return canvas.Color{R: g.byte(), G: g.byte(), B: g.byte(), A: g.byte() | 0x0F}
}

func (g *gen) path(w, h float64) *canvas.Path {
	p := &canvas.Path{}
	for i := int(g.byte() % 8); i >= 0; i-- {
		switch g.byte() % 5 {
		case 0:
			p.Move(g.num(w), g.num(h))
		case 1, 2:
			p.Line(g.num(w), g.num(h))
		case 3:
			p.Curve(g.num(w), g.num(h), g.num(w), g.num(h), g.num(w), g.num(h))
		case 4:
			p.Close()
		}
	}
	return p
}

func (s scribble) Draw(c canvas.Canvas) error {
	g := &gen{data: s.ops}
	for n := 0; len(g.data) > 0 && n < 64; n++ {
		switch g.byte() % 9 {
		case 0:
			c.Fill(g.path(s.w, s.h), g.colour())
		case 1:
			pen := canvas.Pen{Color: g.colour(), Width: g.num(2)}
			for i := int(g.byte() % 4); i > 0; i-- {
				pen.Dash = append(pen.Dash, g.num(5))
			}
			c.Stroke(g.path(s.w, s.h), pen)
		case 2:
			c.Hatch(g.path(s.w, s.h), canvas.Hatch{Color: g.colour(), Gap: g.num(4), Width: g.num(1)})
		case 3:
			c.Text(g.text(), canvas.Font{Size: g.num(30), Bold: g.byte()%2 == 0}, g.num(s.w), g.num(s.h), g.colour())
		case 4:
			c.PushClip(g.path(s.w, s.h))
		case 5:
			c.PopClip()
		case 6:
			c.BeginFigure(g.text())
		case 7:
			c.EndFigure()
		}
	}
	return nil
}
