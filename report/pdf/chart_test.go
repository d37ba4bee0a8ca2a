package pdf

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/pdfcontent"
	"github.com/paperhq/paper/report/internal/pdftags"
)

// clipped draws text before, inside and after a clip, bold from inside
// the clip on.
type clipped struct{}

func (clipped) Size() (w, h float64) { return 100, 30 }

func (clipped) Draw(c canvas.Canvas) error {
	ink := canvas.RGB(0, 0, 0)
	c.Text("Aregular", canvas.Font{Size: 10}, 5, 10, ink)
	box := &canvas.Path{}
	box.Rect(0, 12, 100, 22)
	c.PushClip(box)
	c.Fill(box, canvas.RGB(0xE6, 0x9F, 0))
	c.Text("Binside", canvas.Font{Size: 10, Bold: true}, 5, 20, ink)
	c.PopClip()
	c.Text("Coutside", canvas.Font{Size: 10, Bold: true}, 5, 28, ink)
	return nil
}

// TestClipKeepsTheFont checks the content stream as a viewer reads it:
// the clip's Q restores the font in force before it, so text after the
// clip must set its font again, and each text shows in the font it
// asked for.
func TestClipKeepsTheFont(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Clip", Language: "en-GB"}, Style: doc.DefaultStyle(), Blocks: []doc.Block{
		&doc.Figure{Label: "Figure 1", Alt: "Three words", Graphic: clipped{}},
	}}
	var buf bytes.Buffer
	if _, err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	ctx, err := api.ReadContext(bytes.NewReader(buf.Bytes()), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	if err := api.ValidateContext(ctx); err != nil { // counts the pages
		t.Fatal(err)
	}
	pd, _, _, err := ctx.XRefTable.PageDict(1, false)
	if err != nil {
		t.Fatal(err)
	}
	content, err := ctx.XRefTable.PageContent(pd, 1)
	if err != nil {
		t.Fatal(err)
	}
	ops, err := pdfcontent.Parse(content)
	if err != nil {
		t.Fatal(err)
	}
	font, stack := "", []string{}
	fonts := map[string]string{} // text shown -> the font in force
	for _, op := range ops {
		switch op.Operator {
		case "q":
			stack = append(stack, font)
		case "Q":
			font, stack = stack[len(stack)-1], stack[:len(stack)-1]
		case "Tf":
			font = string(op.Operands[0].Str)
		case "Tj":
			// UTF-16BE: keep the low bytes of ASCII.
			var s strings.Builder
			for i, b := range op.Operands[0].Str {
				if i%2 == 1 {
					s.WriteByte(b)
				}
			}
			fonts[s.String()] = font
		}
	}
	reg, in, out := fonts["Aregular"], fonts["Binside"], fonts["Coutside"]
	if reg == "" || in == "" || out == "" {
		t.Fatalf("texts not found in the content stream: %v", fonts)
	}
	if in == reg {
		t.Errorf("bold text inside the clip in the regular font %s", reg)
	}
	if out != in {
		t.Errorf("bold text after the clip in font %s, inside it %s: the clip's Q undid the font", out, in)
	}
	readTagged(t, buf.Bytes())
}

// FuzzFigure writes a figure whose drawing comes from arbitrary bytes
// (doctest.Scribble: wild coordinates, unbalanced clips and figures):
// the PDF parses, is tagged throughout, and has one Figure with its /Alt.
func FuzzFigure(f *testing.F) {
	f.Add([]byte{40, 20, 0, 3, 1, 10, 20, 2, 30, 40, 4, 5, 6, 7, 8})
	f.Add([]byte{10, 10, 4, 2, 0, 0, 0, 1, 1, 1, 6, 3, 'a', 'b', 'c', 7, 7, 5, 5, 3, 4, 'x', 0, 1, 4, 3, 3, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := &doc.Document{Meta: doc.Meta{Title: "Fuzz", Language: "en-GB"}, Style: doc.DefaultStyle(), Blocks: []doc.Block{
			&doc.Paragraph{Content: doc.Plain("Before")},
			&doc.Figure{Label: "Figure 1", Alt: "A scribble", Graphic: doctest.Scribble(data)},
			&doc.Paragraph{Content: doc.Plain("After")},
		}}
		var buf bytes.Buffer
		if _, err := Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		tree := readTagged(t, buf.Bytes())
		figures := 0
		for _, e := range tree.Elems {
			if e.Role == "Figure" {
				figures++
				if e.Alt != "A scribble" {
					t.Errorf("Figure /Alt %q", e.Alt)
				}
			}
		}
		if figures != 1 {
			t.Errorf("%d Figure elements, want 1", figures)
		}
	})
}

// readTagged parses a PDF with pdfcpu and reads its structure tree,
// failing the test on every place not tagged (pdftags' problems).
func readTagged(t *testing.T, pdf []byte) *pdftags.Tree {
	t.Helper()
	if _, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("output does not parse: %v", err)
	}
	tree, err := pdftags.ReadBytes(pdf)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tree.Problems {
		t.Error(p)
	}
	return tree
}
