package canvas_test

import (
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/canvas/png"
	"github.com/paperhq/paper/report/canvas/svg"
)

// label draws one label in a font, as a chart's text.
type label struct{ f canvas.Font }

func (label) Size() (w, h float64) { return 80, 20 }

func (l label) Draw(c canvas.Canvas) error {
	c.Text("Kingsbridge ŵ ✓ 34%", l.f, 2, 12, canvas.RGB(0, 0, 0))
	return nil
}

// FuzzTypeface gives NewTypeface damaged font files (a house style's
// font files are the user's): it returns an error or a typeface that
// measures and draws through the PNG and SVG backends; never a panic.
func FuzzTypeface(f *testing.F) {
	f.Add(liberationserifregular.TTF[:4096], 100, byte(0))
	f.Add(liberationserifregular.TTF, 0, byte(0))
	f.Add(liberationserifbold.TTF, 5000, byte(0xFF))
	f.Add([]byte("OTTO\x00\x01"), 0, byte(1))
	f.Fuzz(func(t *testing.T, ttf []byte, at int, b byte) {
		if len(ttf) > 0 && at >= 0 {
			ttf = append([]byte(nil), ttf...)
			ttf[at%len(ttf)] ^= b
		}
		tf, err := canvas.NewTypeface("Fuzz", ttf, nil)
		if err != nil {
			return
		}
		for _, bold := range []bool{false, true} {
			fn := canvas.Font{Size: 10, Bold: bold, Typeface: tf}
			if w := fn.Width("Kingsbridge ŵ ✓"); w != w {
				t.Fatal("width is NaN")
			}
			if _, err := png.Draw(label{fn}, 4); err != nil && !strings.Contains(err.Error(), `png: font "Fuzz": the glyph for`) {
				t.Fatal(err)
			}
			if err := svg.Write(discard{}, label{fn}, "label"); err != nil {
				t.Fatal(err)
			}
		}
	})
}

type discard struct{}

func (discard) Write(p []byte) (int, error) { return len(p), nil }
