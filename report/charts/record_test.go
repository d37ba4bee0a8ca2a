package charts

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/canvas"
)

// recorder is a canvas that records what a chart draws: every text with
// its box (from the font's own metrics) and every painted shape's
// points, so tests can check the layout a reader would see.
type recorder struct {
	w, h   float64
	texts  []drawnText
	shapes []shape
	clips  int
	log    strings.Builder // every call, for determinism checks
}

type drawnText struct {
	s     string
	box   rect
	bold  bool
	color canvas.Color
	pt    float64 // text size in points
}

type shape struct {
	pts          [][2]float64
	fill, stroke canvas.Color
	width        float64
}

func (r *recorder) logf(format string, args ...any) { fmt.Fprintf(&r.log, format+"\n", args...) }

func (r *recorder) add(p *canvas.Path, fill, stroke canvas.Color, width float64) {
	s := shape{fill: fill, stroke: stroke, width: width}
	for _, st := range p.Steps {
		n := 1
		switch st.Op {
		case canvas.Close:
			n = 0
		case canvas.CurveTo:
			n = 3
		}
		for _, q := range st.Pts[:n] {
			s.pts = append(s.pts, [2]float64{q.X, q.Y})
		}
	}
	r.shapes = append(r.shapes, s)
	r.logf("%v %v %v %g %v", s.pts, fill, stroke, width, p.Steps)
}

func (r *recorder) Fill(p *canvas.Path, c canvas.Color) { r.add(p, c, canvas.Color{}, 0) }
func (r *recorder) Stroke(p *canvas.Path, s canvas.Pen) { r.add(p, canvas.Color{}, s.Color, s.Width) }
func (r *recorder) Hatch(p *canvas.Path, h canvas.Hatch) {
	r.add(p, h.Color, canvas.Color{}, 0)
}
func (r *recorder) PushClip(*canvas.Path) { r.clips++; r.logf("clip") }
func (r *recorder) PopClip()              { r.clips--; r.logf("pop") }
func (r *recorder) BeginFigure(alt string) {
	r.logf("figure %q", alt)
}
func (r *recorder) EndFigure() { r.logf("end figure") }

func (r *recorder) Text(body string, f canvas.Font, x, y float64, c canvas.Color) {
	ff := font{size: f.Size * canvas.PtToMM, bold: f.Bold}
	box := textBox(body, ff, x, y, left)
	r.texts = append(r.texts, drawnText{s: body, box: box, bold: f.Bold, color: c, pt: f.Size})
	r.logf("text %q %g %g %g %v %v", body, x, y, f.Size, f.Bold, c)
}

// record draws c through a recorder.
func record(c Chart) (*recorder, error) {
	r := &recorder{}
	r.w, r.h = c.Size()
	err := c.Draw(r)
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
