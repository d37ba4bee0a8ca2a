package canvas

import "math"

// Stripes returns the stripes of h across the box b, each a filled
// parallelogram clipped to b, as one path: what a backend without native
// patterns fills to hatch. The stripes are anchored at b's bottom-left
// corner, so two boxes side by side start their stripes alike.
func Stripes(b Rect, h Hatch) *Path {
	p := &Path{}
	x0, y0, x1, y1 := b.Min.X, b.Min.Y, b.Max.X, b.Max.Y
	ht := y1 - y0
	if !(h.Gap > 0) || !(h.Width > 0) || !(x1-x0 > 0) || !(ht > 0) || math.IsInf(x1-x0, 0) || math.IsInf(ht, 0) {
		return p
	}
	if n := (x1 - x0 + ht) / h.Gap; n > 1e5 {
		return p // a pattern too fine to see
	}
	for x := x0 - ht; x < x1; x += h.Gap {
		// The stripe from the bottom edge at x to the top edge at x+ht,
		// Width wide, clipped to the box.
		poly := dedupe(clipPoly([]Point{{x, y1}, {x + ht, y0}, {x + ht + h.Width, y0}, {x + h.Width, y1}}, x0, y0, x1, y1))
		if len(poly) < 3 {
			continue
		}
		p.Move(poly[0].X, poly[0].Y)
		for _, q := range poly[1:] {
			p.Line(q.X, q.Y)
		}
		p.Close()
	}
	return p
}

// HatchByClipping hatches p on c with c's own Fill: the stripes across
// p's bounds, filled directly when p is a rectangle and through a clip
// to p otherwise. Backends without native patterns implement Hatch so.
func HatchByClipping(c Canvas, p *Path, h Hatch) {
	b, ok := p.Bounds()
	if !ok {
		return
	}
	s := Stripes(b, h)
	if len(s.Steps) == 0 {
		return
	}
	if _, rect := p.AxisRect(); rect {
		c.Fill(s, h.Color)
		return
	}
	c.PushClip(p)
	c.Fill(s, h.Color)
	c.PopClip()
}

// clipPoly clips a convex polygon to the box (Sutherland-Hodgman).
func clipPoly(poly []Point, x0, y0, x1, y1 float64) []Point {
	edges := []struct {
		in    func(p Point) bool
		cross func(a, b Point) Point
	}{
		{func(p Point) bool { return p.X >= x0 }, func(a, b Point) Point { return atX(a, b, x0) }},
		{func(p Point) bool { return p.X <= x1 }, func(a, b Point) Point { return atX(a, b, x1) }},
		{func(p Point) bool { return p.Y >= y0 }, func(a, b Point) Point { return atY(a, b, y0) }},
		{func(p Point) bool { return p.Y <= y1 }, func(a, b Point) Point { return atY(a, b, y1) }},
	}
	for _, e := range edges {
		var out []Point
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

// dedupe drops points equal to the one before them (clipping a corner
// exactly on the box's edge repeats it).
func dedupe(poly []Point) []Point {
	out := poly[:0]
	for i, p := range poly {
		if i > 0 && p == out[len(out)-1] {
			continue
		}
		out = append(out, p)
	}
	if len(out) > 1 && out[0] == out[len(out)-1] {
		out = out[:len(out)-1]
	}
	return out
}

func atX(a, b Point, x float64) Point {
	return Point{x, a.Y + (b.Y-a.Y)*(x-a.X)/(b.X-a.X)}
}

func atY(a, b Point, y float64) Point {
	return Point{a.X + (b.X-a.X)*(y-a.Y)/(b.Y-a.Y), y}
}
