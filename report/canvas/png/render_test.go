package png

import (
	"bytes"
	"testing"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc/doctest"
)

// everything draws with every primitive, across the whole picture, so
// that bands cut through each: rectangles, a curved path, solid and
// dashed strokes, a hatch, text in both weights, and nested clips.
type everything struct{}

func (everything) Size() (w, h float64) { return 60, 40 }

func (everything) Draw(c canvas.Canvas) error {
	c.BeginFigure("every primitive")
	bg := &canvas.Path{}
	bg.Rect(0, 0, 60, 40)
	c.Fill(bg, canvas.RGB(0xF1, 0xF1, 0xF1))
	bar := &canvas.Path{}
	bar.Rect(5.3, 3.7, 12.2, 33.1)
	c.Fill(bar, blue)
	c.Stroke(bar, canvas.Pen{Color: canvas.RGB(0x1A, 0x1A, 0x1A), Width: 0.35})
	blob := &canvas.Path{}
	blob.Move(20, 5)
	blob.Curve(45, 0, 60, 30, 30, 38)
	blob.Line(18, 20)
	blob.Close()
	c.Fill(blob, canvas.Color{R: 0xE6, G: 0x9F, B: 0, A: 160})
	c.Stroke(blob, canvas.Pen{Color: blue, Width: 0.5, Dash: []float64{1.5, 0.7}})
	c.Hatch(blob, canvas.Hatch{Color: canvas.RGB(0xFF, 0xFF, 0xFF), Gap: 1.2, Width: 0.3})
	axis := &canvas.Path{}
	axis.Move(2, 36.4)
	axis.Line(58, 36.4)
	c.Stroke(axis, canvas.Pen{Color: canvas.RGB(0x40, 0x40, 0x40), Width: 0.25})
	thick := &canvas.Path{} // wide strokes, square and slanted
	thick.Move(3, 17)
	thick.Line(57, 17)
	c.Stroke(thick, canvas.Pen{Color: canvas.Color{R: 0xCC, G: 0x79, B: 0xA7, A: 200}, Width: 5})
	thick = &canvas.Path{}
	thick.Move(3, 31)
	thick.Line(57, 26)
	c.Stroke(thick, canvas.Pen{Color: canvas.RGB(0x56, 0xB4, 0xE9), Width: 4})
	c.Text("Stage 1 3,104", canvas.Font{Size: 9}, 22, 12.4, canvas.RGB(0x1A, 0x1A, 0x1A))
	c.Text("Ombudsman 39 (16%)", canvas.Font{Size: 11, Bold: true}, 14, 27.9, canvas.RGB(0xFF, 0xFF, 0xFF))
	clip := &canvas.Path{}
	clip.Circle(40, 20, 14)
	c.PushClip(clip)
	inner := &canvas.Path{}
	inner.Rect(30, 2, 55, 38)
	c.PushClip(inner)
	c.Fill(bg, canvas.Color{R: 0, G: 0x9E, B: 0x73, A: 120})
	c.Text("clipped £ – text", canvas.Font{Size: 10}, 28, 21, canvas.RGB(0, 0, 0))
	c.PopClip()
	bar.Steps = nil // a drawing may reuse a path once drawn
	c.PopClip()
	c.EndFigure()
	return nil
}

// TestRenderIsDraw checks that drawing in bands gives the PNG that
// drawing the whole picture and encoding it gives, byte for byte, for
// bands of one row, of a few rows cutting shapes and text anywhere, and
// of Render's own size.
func TestRenderIsDraw(t *testing.T) {
	for _, d := range []struct {
		name string
		d    canvas.Drawing
	}{{"every primitive", everything{}}, {"bar chart", doctest.BarGraphic()}} {
		for _, scale := range []float64{3, 7.87} {
			img, err := Draw(d.d, scale)
			if err != nil {
				t.Fatal(err)
			}
			want, err := Append(nil, img)
			if err != nil {
				t.Fatal(err)
			}
			b := img.Bounds()
			Recycle(img)
			limits := []int{4 * b.Dx() * 7, 4 * b.Dx() * 50, bandBytes}
			if scale == 3 {
				limits = append(limits, 1) // slow: the drawing played on each row
			}
			for _, limit := range limits {
				got, w, h, err := render(nil, d.d, scale, limit)
				if err != nil {
					t.Fatal(err)
				}
				if w != b.Dx() || h != b.Dy() || !bytes.Equal(got, want) {
					t.Errorf("%s at %g px/mm in bands of %d bytes: %d×%d, %d bytes; drawn whole %v, %d bytes", d.name, scale, limit, w, h, len(got), b, len(want))
				}
			}
		}
	}
}

// FuzzRender renders drawings made from arbitrary bytes (doctest.Scribble)
// in bands of a few rows: the PNG is the one Draw and Append make.
func FuzzRender(f *testing.F) {
	f.Add(byte(4), byte(3), []byte{40, 20, 0, 3, 1, 10, 20, 2, 30, 40, 4, 5, 6, 7, 8})
	f.Add(byte(1), byte(1), []byte{10, 10, 4, 2, 0, 0, 0, 1, 1, 1, 2, 3, 1, 9, 9, 9, 9, 200, 5, 3, 4, 'x', 0, 1})
	f.Fuzz(func(t *testing.T, s, rows byte, data []byte) {
		scale := 0.5 + float64(s%4)
		d := doctest.Scribble(data)
		img, err := Draw(d, scale)
		if err != nil {
			t.Fatal(err)
		}
		want, err := Append(nil, img)
		if err != nil {
			t.Fatal(err)
		}
		limit := 4 * img.Bounds().Dx() * (1 + int(rows%16))
		Recycle(img)
		got, _, _, err := render(nil, d, scale, limit)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("bands of %d bytes give %d bytes, the whole picture %d", limit, len(got), len(want))
		}
	})
}

// BenchmarkRender draws and encodes a picture of every primitive at 150
// dpi in bands; BenchmarkDrawAppend the same picture drawn whole.
func BenchmarkRender(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, _, _, err := Render(nil, everything{}, 150/25.4); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkDrawAppend(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		img, err := Draw(everything{}, 150/25.4)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Append(nil, img); err != nil {
			b.Fatal(err)
		}
		Recycle(img)
	}
}
