package hiddentext

import "math"

// matrix is a PDF transformation matrix [a b c d e f]: a point (x, y)
// goes to (a x + c y + e, b x + d y + f).
type matrix [6]float64

var identity = matrix{1, 0, 0, 1, 0, 0}

// then returns m followed by n (the PDF product m × n).
func (m matrix) then(n matrix) matrix {
	return matrix{
		m[0]*n[0] + m[1]*n[2], m[0]*n[1] + m[1]*n[3],
		m[2]*n[0] + m[3]*n[2], m[2]*n[1] + m[3]*n[3],
		m[4]*n[0] + m[5]*n[2] + n[4], m[4]*n[1] + m[5]*n[3] + n[5],
	}
}

func (m matrix) apply(x, y float64) (float64, float64) {
	return m[0]*x + m[2]*y + m[4], m[1]*x + m[3]*y + m[5]
}

// axisAligned reports whether m maps axis-aligned rectangles to
// axis-aligned rectangles (no rotation other than by quarter turns, no
// skew).
func (m matrix) axisAligned() bool {
	const eps = 1e-9
	return (math.Abs(m[1]) < eps && math.Abs(m[2]) < eps) || (math.Abs(m[0]) < eps && math.Abs(m[3]) < eps)
}

// rect is an axis-aligned rectangle in device space (the page's default
// user space), x0 <= x1 and y0 <= y1.
type rect struct{ x0, y0, x1, y1 float64 }

// everything is the clip of a page before any clipping.
var everything = rect{math.Inf(-1), math.Inf(-1), math.Inf(1), math.Inf(1)}

// bounds is the bounding box of points.
func bounds(pts ...[2]float64) rect {
	r := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
	for _, p := range pts {
		r.x0, r.y0 = math.Min(r.x0, p[0]), math.Min(r.y0, p[1])
		r.x1, r.y1 = math.Max(r.x1, p[0]), math.Max(r.y1, p[1])
	}
	return r
}

// transform is the bounding box of r mapped by m.
func (r rect) transform(m matrix) rect {
	var pts [4][2]float64
	for i, p := range [4][2]float64{{r.x0, r.y0}, {r.x1, r.y0}, {r.x0, r.y1}, {r.x1, r.y1}} {
		pts[i][0], pts[i][1] = m.apply(p[0], p[1])
	}
	return bounds(pts[:]...)
}

func (r rect) intersect(s rect) rect {
	return rect{math.Max(r.x0, s.x0), math.Max(r.y0, s.y0), math.Min(r.x1, s.x1), math.Min(r.y1, s.y1)}
}

func (r rect) union(s rect) rect {
	return rect{math.Min(r.x0, s.x0), math.Min(r.y0, s.y0), math.Max(r.x1, s.x1), math.Max(r.y1, s.y1)}
}

// empty reports whether r has no area (or is not a number).
func (r rect) empty() bool { return !(r.x0 < r.x1 && r.y0 < r.y1) }

// overlaps reports whether r and s share some area.
func (r rect) overlaps(s rect) bool { return !r.intersect(s).empty() }

// contains reports whether s lies inside r, allowing tol points.
func (r rect) contains(s rect, tol float64) bool {
	return s.x0 >= r.x0-tol && s.y0 >= r.y0-tol && s.x1 <= r.x1+tol && s.y1 <= r.y1+tol
}

func (r rect) finite() bool {
	for _, v := range [4]float64{r.x0, r.y0, r.x1, r.y1} {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}
