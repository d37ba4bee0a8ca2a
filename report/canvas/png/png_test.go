package png

import (
	"image"
	"math"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc/doctest"
)

// coverage is the painted area of img in pixels: the sum of its
// opacity.
func coverage(img *image.RGBA) float64 {
	a := 0.0
	for i := 3; i < len(img.Pix); i += 4 {
		a += float64(img.Pix[i]) / 255
	}
	return a
}

// inkBounds is the box of the pixels painted at least half.
func inkBounds(img *image.RGBA) image.Rectangle {
	b := img.Bounds()
	box := image.Rectangle{Min: b.Max, Max: b.Min}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).A >= 128 {
				box.Min.X, box.Min.Y = min(box.Min.X, x), min(box.Min.Y, y)
				box.Max.X, box.Max.Y = max(box.Max.X, x+1), max(box.Max.Y, y+1)
			}
		}
	}
	return box
}

var blue = canvas.RGB(0, 0x72, 0xB2)

// TestPaintedAreas draws shapes at 10 pixels a millimetre and checks
// that each paints the area it covers, in the fast paths and through the
// rasteriser alike.
func TestPaintedAreas(t *testing.T) {
	const s = 10
	line := func(x0, y0, x1, y1 float64) *canvas.Path {
		p := &canvas.Path{}
		p.Move(x0, y0)
		p.Line(x1, y1)
		return p
	}
	box := func(x0, y0, x1, y1 float64) *canvas.Path {
		p := &canvas.Path{}
		p.Rect(x0, y0, x1, y1)
		return p
	}
	for _, tc := range []struct {
		name string
		draw func(c *Canvas)
		want float64 // mm²
		tol  float64 // relative
	}{
		{"a rectangle off the pixel grid", func(c *Canvas) { c.Fill(box(1.03, 2.07, 7.51, 4.96), blue) }, 6.48 * 2.89, 0.002},
		{"a triangle", func(c *Canvas) {
			p := &canvas.Path{}
			p.Move(1, 1)
			p.Line(9, 1)
			p.Line(1, 7)
			p.Close()
			c.Fill(p, blue)
		}, 8 * 6 / 2.0, 0.01},
		{"a circle", func(c *Canvas) {
			p := &canvas.Path{}
			p.Circle(5, 5, 3)
			c.Fill(p, blue)
		}, math.Pi * 9, 0.01},
		{"a horizontal line", func(c *Canvas) { c.Stroke(line(1, 3, 9, 3), canvas.Pen{Color: blue, Width: 0.35}) }, 8 * 0.35, 0.01},
		{"a diagonal line", func(c *Canvas) { c.Stroke(line(1, 1, 7, 9), canvas.Pen{Color: blue, Width: 0.5}) }, 10 * 0.5, 0.03},
		{"a dashed line", func(c *Canvas) {
			c.Stroke(line(1, 3, 9, 3), canvas.Pen{Color: blue, Width: 0.4, Dash: []float64{1, 1}})
		}, 4 * 0.4, 0.02},
		{"a rectangle's outline", func(c *Canvas) { c.Stroke(box(2, 2, 8, 6), canvas.Pen{Color: blue, Width: 0.2}) }, 2 * (6 + 4) * 0.2, 0.02},
		{"a circle's outline", func(c *Canvas) {
			p := &canvas.Path{}
			p.Circle(5, 5, 3)
			c.Stroke(p, canvas.Pen{Color: blue, Width: 0.3})
		}, 2 * math.Pi * 3 * 0.3, 0.03},
		{"a hatch", func(c *Canvas) { c.Hatch(box(1, 1, 9, 9), canvas.Hatch{Color: blue, Gap: 1.4, Width: 0.35}) }, 64 * 0.35 / 1.4, 0.03},
		{"a square clipped to a circle", func(c *Canvas) {
			clip := &canvas.Path{}
			clip.Circle(5, 5, 2)
			c.PushClip(clip)
			c.Fill(box(0, 0, 10, 10), blue)
			c.PopClip()
		}, math.Pi * 4, 0.01},
		{"nested clips", func(c *Canvas) {
			c.PushClip(box(0, 0, 6, 10))
			c.PushClip(box(4, 0, 10, 10))
			c.Fill(box(0, 2, 10, 4), blue)
			c.PopClip()
			c.PopClip()
		}, 2 * 2, 0.001},
		{"an empty clip", func(c *Canvas) {
			c.PushClip(&canvas.Path{})
			c.Fill(box(0, 0, 10, 10), blue)
			c.PopClip()
		}, 0, 0},
		{"a transparent colour", func(c *Canvas) { c.Fill(box(0, 0, 10, 10), canvas.Color{}) }, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := New(100, 100, s)
			if err != nil {
				t.Fatal(err)
			}
			tc.draw(c)
			got := coverage(c.Image()) / (s * s)
			if math.Abs(got-tc.want) > tc.tol*tc.want+1e-9 {
				t.Errorf("painted %.4f mm², want %.4f", got, tc.want)
			}
		})
	}
}

// TestTextLandsWhereMeasured draws a label and checks its ink lies
// where canvas.Font says it does: from x for the measured width, between
// the capitals' top and the descenders.
func TestTextLandsWhereMeasured(t *testing.T) {
	const s = 20
	c, err := New(1200, 200, s)
	if err != nil {
		t.Fatal(err)
	}
	f := canvas.Font{Size: 12}
	text := "Kingsbridge City Council"
	x, y := 5.0, 7.0
	c.Text(text, f, x, y, canvas.RGB(0, 0, 0))
	got := inkBounds(c.Image())
	em := f.Size * canvas.PtToMM * s
	want := image.Rect(int(x*s), int(y*s-em*canvas.CapHeight), int(x*s+f.Width(text)*s), int(y*s+em*canvas.Descent))
	// Glyphs' ink sits inside their advances by a side bearing.
	if d := math.Abs(float64(got.Min.X - want.Min.X)); d > em*0.15 {
		t.Errorf("ink starts at %d px, text at %d", got.Min.X, want.Min.X)
	}
	if d := math.Abs(float64(got.Max.X - want.Max.X)); d > em*0.15 {
		t.Errorf("ink ends at %d px, measured width ends at %d", got.Max.X, want.Max.X)
	}
	if got.Min.Y < want.Min.Y-int(em*0.05) || got.Max.Y > want.Max.Y+1 {
		t.Errorf("ink %v leaves the text's box %v", got, want)
	}
}

// TestWildInput draws what no chart would ask for: it must not panic,
// and what lies off the canvas paints nothing.
func TestWildInput(t *testing.T) {
	c, err := New(50, 50, 10)
	if err != nil {
		t.Fatal(err)
	}
	inf, nan := math.Inf(1), math.NaN()
	for _, v := range [][4]float64{{nan, 0, 1, 1}, {0, 0, inf, 1}, {-inf, -inf, inf, inf}, {1e300, 1e300, -1e300, 2}, {-50, -50, -40, -40}} {
		p := &canvas.Path{}
		p.Move(v[0], v[1])
		p.Line(v[2], v[3])
		p.Curve(v[0], v[3], v[2], v[1], v[0], v[1])
		p.Close()
		c.Fill(p, blue)
		c.Stroke(p, canvas.Pen{Color: blue, Width: 0.3, Dash: []float64{0.5, 0.1}})
		c.Stroke(p, canvas.Pen{Color: blue, Width: v[2], Dash: []float64{v[0], v[1]}})
		c.Hatch(p, canvas.Hatch{Color: blue, Gap: 0.1, Width: 0.05})
		c.PushClip(p)
		c.Text("x", canvas.Font{Size: v[2]}, v[0], v[1], blue)
		c.PopClip()
	}
	c.PopClip() // more pops than pushes
	off, _ := New(50, 50, 10)
	p := &canvas.Path{}
	p.Rect(-50, -50, -40, -40)
	off.Fill(p, blue)
	p = &canvas.Path{}
	p.Circle(60, 60, 3)
	off.Fill(p, blue)
	off.Stroke(p, canvas.Pen{Color: blue, Width: 1})
	off.Text("off the canvas", canvas.Font{Size: 10}, 60, 60, blue)
	if a := coverage(off.Image()); a != 0 {
		t.Errorf("shapes off the canvas painted %.1f pixels", a)
	}
	if _, err := New(1<<20, 1<<20, 1); err == nil {
		t.Error("a terapixel canvas was made")
	}
	if _, err := New(10, 10, nan); err == nil {
		t.Error("a canvas of NaN scale was made")
	}
}

// FuzzDraw draws drawings made from arbitrary bytes (doctest.Scribble)
// at a scale the first byte picks: drawing never panics, and the image
// has the drawing's size at that scale.
func FuzzDraw(f *testing.F) {
	f.Add(byte(4), []byte{40, 20, 0, 3, 1, 10, 20, 2, 30, 40, 4, 5, 6, 7, 8})
	f.Add(byte(1), []byte{10, 10, 4, 2, 0, 0, 0, 1, 1, 1, 2, 3, 1, 9, 9, 9, 9, 200, 5, 3, 4, 'x', 0, 1})
	f.Fuzz(func(t *testing.T, s byte, data []byte) {
		scale := 0.5 + float64(s%4) // up to 900 px square: fast enough to fuzz
		d := doctest.Scribble(data)
		img, err := Draw(d, scale)
		if err != nil {
			t.Fatal(err)
		}
		w, h := d.Size()
		if b := img.Bounds(); b.Dx() != int(math.Round(w*scale)) || b.Dy() != int(math.Round(h*scale)) {
			t.Fatalf("image %v for %g×%g mm at %g px/mm", b, w, h, scale)
		}
		Recycle(img)
	})
}

// TestDamagedGlyph: a house style's font whose glyph is damaged (found by
// canvas's FuzzTypeface: freetype panics loading it) makes Draw an error
// naming the font and the character, not a panic.
func TestDamagedGlyph(t *testing.T) {
	serif := doctest.SerifBody()
	ttf, err := doctest.DamagedGlyph(serif.Regular, 'K')
	if err != nil {
		t.Fatal(err)
	}
	tf, err := canvas.NewTypeface("Damaged Serif", ttf, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = Draw(textDrawing{"Kingsbridge", canvas.Font{Size: 10, Typeface: tf}}, 4)
	if err == nil || !strings.Contains(err.Error(), `png: font "Damaged Serif": the glyph for 'K' is damaged`) {
		t.Errorf("error %v, want the damaged glyph named", err)
	}
	if _, err := Draw(textDrawing{"ingsbridge", canvas.Font{Size: 10, Typeface: tf}}, 4); err != nil {
		t.Errorf("text without the damaged glyph: %v", err)
	}
}

type textDrawing struct {
	s string
	f canvas.Font
}

func (textDrawing) Size() (w, h float64) { return 60, 15 }

func (d textDrawing) Draw(c canvas.Canvas) error {
	c.Text(d.s, d.f, 2, 10, canvas.RGB(0, 0, 0))
	return nil
}
