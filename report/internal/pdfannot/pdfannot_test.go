package pdfannot

import (
	"bytes"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// TestNormal places appearances as the specification says: the box
// (after its matrix) mapped onto the rectangle, the state's appearance
// for a check box, nothing for an empty box or a missing state.
func TestNormal(t *testing.T) {
	f := &pdfgen.File{}
	plain := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 10 20]", []byte("0 g 0 0 10 20 re f"))
	moved := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 10 10] /Matrix [1 0 0 1 5 5]", []byte("0 g 0 0 10 10 re f"))
	empty := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 0 10]", nil)
	annots := []int{
		f.Add("<< /Type /Annot /Subtype /Square /Rect [100 200 120 240] /AP << /N " + pdfgen.Ref(plain) + " >> >>"),
		f.Add("<< /Type /Annot /Subtype /Stamp /Rect [0 0 20 20] /AP << /N " + pdfgen.Ref(moved) + " >> >>"),
		f.Add("<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /AS /Yes /AP << /N << /Yes " + pdfgen.Ref(plain) + " /Off " + pdfgen.Ref(moved) + " >> >> >>"),
		f.Add("<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /AP << /N << /Yes " + pdfgen.Ref(plain) + " >> >> >>"),
		f.Add("<< /Type /Annot /Subtype /Square /Rect [0 0 10 10] /AP << /N " + pdfgen.Ref(empty) + " >> >>"),
		f.Add("<< /Type /Annot /Subtype /Square /Rect [0 0 10 10] >>"),
	}
	f.AddPages("", pdfgen.Page{Content: "", Extra: "/Annots [" + pdfgen.Ref(annots[0]) + "]"})
	ctx, err := api.ReadContext(bytes.NewReader(f.Bytes()), nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		annot int
		ok    bool
		ref   int
		cm    [6]float64
	}{
		{annots[0], true, plain, [6]float64{2, 0, 0, 2, 100, 200}},
		{annots[1], true, moved, [6]float64{2, 0, 0, 2, -10, -10}},
		{annots[2], true, plain, [6]float64{1, 0, 0, 0.5, 0, 0}},
		{annots[3], false, 0, [6]float64{}},
		{annots[4], false, 0, [6]float64{}},
		{annots[5], false, 0, [6]float64{}},
	}
	for _, tt := range tests {
		d, err := ctx.DereferenceDict(types.IndirectRef{ObjectNumber: types.Integer(tt.annot)})
		if err != nil {
			t.Fatal(err)
		}
		ir, _, cm, ok := Normal(ctx, d)
		if ok != tt.ok || (ok && (int(ir.ObjectNumber) != tt.ref || cm != tt.cm)) {
			t.Errorf("annotation %d: got %v %v ok=%v, want object %d %v ok=%v", tt.annot, ir.ObjectNumber, cm, ok, tt.ref, tt.cm, tt.ok)
		}
	}
}
