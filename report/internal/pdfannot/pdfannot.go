// Package pdfannot finds where an annotation's appearance is drawn on its
// page. The agenda pack flattens annotations into its pages and the
// hidden-text check draws them as the pack does; both take the
// appearance and its placement from here, so the check sees exactly what
// the pack draws.
package pdfannot

import (
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// Normal returns annotation a's normal appearance stream (for an
// annotation with an appearance per state, a check box, the one its /AS
// names) and the matrix, [a b c d e f] as for the cm operator, that maps
// the stream's form space onto the page: following ISO 32000-1, 12.5.5,
// the stream's bounding box transformed by its /Matrix is mapped onto the
// annotation's /Rect. ok is false when there is nothing to draw: no
// appearance, a damaged one, or an empty or infinite box.
func Normal(ctx *model.Context, a types.Dict) (ir types.IndirectRef, sd *types.StreamDict, cm [6]float64, ok bool) {
	ap, err := ctx.DereferenceDict(a["AP"])
	if err != nil || ap == nil {
		return ir, nil, cm, false
	}
	normal := ap["N"]
	if states, err := ctx.DereferenceDict(normal); err == nil && states != nil {
		as := a.NameEntry("AS")
		if as == nil {
			return ir, nil, cm, false
		}
		normal = states[*as]
	}
	ir, isRef := normal.(types.IndirectRef)
	if !isRef {
		return ir, nil, cm, false
	}
	sd, _, err = ctx.DereferenceStreamDict(ir)
	if err != nil || sd == nil {
		return ir, nil, cm, false
	}
	bbox, ok1 := Numbers(ctx, sd.Dict["BBox"], 4)
	rect, ok2 := Numbers(ctx, a["Rect"], 4)
	if !ok1 || !ok2 {
		return ir, nil, cm, false
	}
	m := []float64{1, 0, 0, 1, 0, 0}
	if v, ok := Numbers(ctx, sd.Dict["Matrix"], 6); ok {
		m = v
	}
	x0, y0, x1, y1 := math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
	for _, p := range [][2]float64{{bbox[0], bbox[1]}, {bbox[2], bbox[1]}, {bbox[0], bbox[3]}, {bbox[2], bbox[3]}} {
		x := m[0]*p[0] + m[2]*p[1] + m[4]
		y := m[1]*p[0] + m[3]*p[1] + m[5]
		x0, y0, x1, y1 = math.Min(x0, x), math.Min(y0, y), math.Max(x1, x), math.Max(y1, y)
	}
	rx0, rx1 := math.Min(rect[0], rect[2]), math.Max(rect[0], rect[2])
	ry0, ry1 := math.Min(rect[1], rect[3]), math.Max(rect[1], rect[3])
	if !(x1-x0 >= 1e-6) || !(y1-y0 >= 1e-6) {
		return ir, nil, cm, false
	}
	sx, sy := (rx1-rx0)/(x1-x0), (ry1-ry0)/(y1-y0)
	cm = [6]float64{sx, 0, 0, sy, rx0 - sx*x0, ry0 - sy*y0}
	for _, v := range cm {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return ir, nil, cm, false
		}
	}
	return ir, sd, cm, true
}

// Numbers reads an array of exactly n finite numbers, direct or through
// references.
func Numbers(ctx *model.Context, o types.Object, n int) ([]float64, bool) {
	arr, err := ctx.DereferenceArray(o)
	if err != nil || len(arr) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, e := range arr {
		e, err := ctx.Dereference(e)
		if err != nil {
			return nil, false
		}
		switch v := e.(type) {
		case types.Integer:
			out[i] = float64(v)
		case types.Float:
			out[i] = float64(v)
		default:
			return nil, false
		}
		if math.IsNaN(out[i]) || math.IsInf(out[i], 0) {
			return nil, false
		}
	}
	return out, true
}
