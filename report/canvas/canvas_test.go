package canvas_test

import (
	"math"
	"testing"

	"github.com/paperhq/paper/report/canvas"
)

func TestHex(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want canvas.Color
		ok   bool
	}{
		{"0072B2", canvas.RGB(0x00, 0x72, 0xB2), true},
		{"e69f00", canvas.RGB(0xE6, 0x9F, 0x00), true},
		{"0072B", canvas.Color{}, false},
		{"0072BG", canvas.Color{}, false},
		{"#0072B2", canvas.Color{}, false},
	} {
		got, ok := canvas.Hex(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Hex(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestAxisRect(t *testing.T) {
	rect := func(f func(p *canvas.Path)) *canvas.Path { p := &canvas.Path{}; f(p); return p }
	for _, tc := range []struct {
		name string
		p    *canvas.Path
		want canvas.Rect
		ok   bool
	}{
		{"Rect", rect(func(p *canvas.Path) { p.Rect(1, 2, 5, 7) }), canvas.Rect{Min: canvas.Point{X: 1, Y: 2}, Max: canvas.Point{X: 5, Y: 7}}, true},
		{"drawn backwards, vertical side first", rect(func(p *canvas.Path) {
			p.Move(5, 7)
			p.Line(5, 2)
			p.Line(1, 2)
			p.Line(1, 7)
			p.Line(5, 7)
		}), canvas.Rect{Min: canvas.Point{X: 1, Y: 2}, Max: canvas.Point{X: 5, Y: 7}}, true},
		{"a triangle", rect(func(p *canvas.Path) { p.Move(0, 0); p.Line(4, 0); p.Line(0, 4); p.Close() }), canvas.Rect{}, false},
		{"a rotated square", rect(func(p *canvas.Path) { p.Move(0, 1); p.Line(1, 0); p.Line(2, 1); p.Line(1, 2); p.Close() }), canvas.Rect{}, false},
		{"two rectangles", rect(func(p *canvas.Path) { p.Rect(0, 0, 1, 1); p.Rect(2, 2, 3, 3) }), canvas.Rect{}, false},
		{"a circle", rect(func(p *canvas.Path) { p.Circle(1, 1, 1) }), canvas.Rect{}, false},
	} {
		got, ok := tc.p.AxisRect()
		if got != tc.want || ok != tc.ok {
			t.Errorf("%s: AxisRect() = %v, %v; want %v, %v", tc.name, got, ok, tc.want, tc.ok)
		}
	}
}

// TestFlattenCircle flattens a circle: every point lies on it within
// the tolerance, the polygon closes, and its perimeter is the circle's.
func TestFlattenCircle(t *testing.T) {
	p := &canvas.Path{}
	p.Circle(10, 20, 5)
	const tol = 0.01
	perimeter, segments, closed := 0.0, 0, false
	p.Flatten(tol, func(a, b canvas.Point) {
		segments++
		perimeter += math.Hypot(b.X-a.X, b.Y-a.Y)
		for _, q := range []canvas.Point{a, b} {
			// A cubic quarter circle strays from the circle by 0.027% of
			// the radius.
			if d := math.Abs(math.Hypot(q.X-10, q.Y-20) - 5); d > tol+5*0.0003 {
				t.Fatalf("point %v is %.4f mm off the circle", q, d)
			}
		}
	}, func(c bool) { closed = c })
	if !closed {
		t.Error("the circle's subpath did not end closed")
	}
	if want := 2 * math.Pi * 5; math.Abs(perimeter-want) > 0.05 { // chords a sag of tol short
		t.Errorf("perimeter %.4f, want %.4f", perimeter, want)
	}
	if segments < 16 {
		t.Errorf("%d segments: too coarse for %.2f mm", segments, tol)
	}
}

func TestBounds(t *testing.T) {
	p := &canvas.Path{}
	if _, ok := p.Bounds(); ok {
		t.Error("an empty path has bounds")
	}
	p.Move(3, 4)
	p.Line(-1, 9)
	p.Curve(10, 0, 2, 2, 5, 5)
	b, ok := p.Bounds()
	if want := (canvas.Rect{Min: canvas.Point{X: -1, Y: 0}, Max: canvas.Point{X: 10, Y: 9}}); !ok || b != want {
		t.Errorf("Bounds() = %v, %v; want %v", b, ok, want)
	}
}

// TestStripes checks the hatch's geometry: every stripe inside the box,
// stripes a gap apart, and together they cover the box in the
// proportion width/gap.
func TestStripes(t *testing.T) {
	box := canvas.Rect{Min: canvas.Point{X: 10, Y: 10}, Max: canvas.Point{X: 40, Y: 20}}
	h := canvas.Hatch{Gap: 1.4, Width: 0.35}
	s := canvas.Stripes(box, h)
	area, n := 0.0, 0
	var poly []canvas.Point
	flush := func() {
		// Shoelace formula.
		a := 0.0
		for i := range poly {
			p, q := poly[i], poly[(i+1)%len(poly)]
			a += p.X*q.Y - q.X*p.Y
		}
		area += math.Abs(a) / 2
		poly = poly[:0]
		n++
	}
	for _, st := range s.Steps {
		switch st.Op {
		case canvas.MoveTo, canvas.LineTo:
			q := st.Pts[0]
			if q.X < box.Min.X-1e-9 || q.X > box.Max.X+1e-9 || q.Y < box.Min.Y-1e-9 || q.Y > box.Max.Y+1e-9 {
				t.Fatalf("stripe point %v outside the box", q)
			}
			poly = append(poly, q)
		case canvas.Close:
			flush()
		}
	}
	// Stripes rise at 45°: one every gap along the bottom edge, from a
	// box height to the left of it.
	if want := int(math.Ceil((30 + 10) / 1.4)); n < want-2 || n > want+1 {
		t.Errorf("%d stripes, want about %d", n, want)
	}
	if got, want := area/(30*10), 0.35/1.4; math.Abs(got-want) > 0.01 {
		t.Errorf("stripes cover %.3f of the box, want %.3f", got, want)
	}
	if len(canvas.Stripes(box, canvas.Hatch{Gap: 0, Width: 1}).Steps) != 0 {
		t.Error("a hatch of no gap drew stripes")
	}
}

func TestFontWidth(t *testing.T) {
	f := canvas.Font{Size: 10}
	// Liberation Sans is metric-compatible with Arial: "M" is 0.833 em,
	// a space 0.278 em.
	if got, want := f.Width("M M"), (0.833+0.278+0.833)*10*canvas.PtToMM; math.Abs(got-want) > 0.01 {
		t.Errorf("width of \"M M\" at 10 pt = %.3f mm, want %.3f", got, want)
	}
	if r, b := (canvas.Font{Size: 10}).Width("Housing"), (canvas.Font{Size: 10, Bold: true}).Width("Housing"); !(b > r) {
		t.Errorf("bold %.3f mm is not wider than regular %.3f mm", b, r)
	}
	if got := f.Width(""); got != 0 {
		t.Errorf("empty string %.3f mm wide", got)
	}
}
