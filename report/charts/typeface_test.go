package charts_test

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/canvas/png"
	"github.com/paperhq/paper/report/canvas/svg"
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// inTypeface returns the fixtures with their text in tf.
func inTypeface(t *testing.T, tf *canvas.Typeface) []charts.Chart {
	t.Helper()
	cs := charts.Fixtures()
	for _, c := range cs {
		switch c := c.(type) {
		case *charts.Bars:
			c.Typeface = tf
		case *charts.Columns:
			c.Typeface = tf
		case *charts.Stacked:
			c.Typeface = tf
		case *charts.Funnel:
			c.Typeface = tf
		default:
			t.Fatalf("%T has no typeface set by this test", c)
		}
	}
	return cs
}

// TestChartsInTypeface: a chart given the house style's typeface names
// it in every SVG text, draws different glyphs in the PNG, and in the
// PDF embeds only that family (and the fallback for a glyph it lacks).
func TestChartsInTypeface(t *testing.T) {
	serif := doctest.SerifBody()
	tf, err := canvas.NewTypeface(serif.Name, serif.Regular, serif.Bold)
	if err != nil {
		t.Fatal(err)
	}
	styled, plain := inTypeface(t, tf), charts.Fixtures()
	family := regexp.MustCompile(`font-family="([^"]*)"`)
	for i, c := range styled {
		t.Run(fmt.Sprintf("%d-%T", i, c), func(t *testing.T) {
			var buf bytes.Buffer
			if err := svg.Write(&buf, c, c.Alt()); err != nil {
				t.Fatal(err)
			}
			ms := family.FindAllStringSubmatch(buf.String(), -1)
			if len(ms) == 0 {
				t.Fatal("no text in the SVG")
			}
			for _, m := range ms {
				if m[1] != "'Liberation Serif', 'Times New Roman', 'Times', serif" {
					t.Fatalf("SVG text in font-family %q", m[1])
				}
			}
			a, err := png.Draw(c, 4)
			if err != nil {
				t.Fatal(err)
			}
			b, err := png.Draw(plain[i], 4)
			if err != nil {
				t.Fatal(err)
			}
			if bytes.Equal(a.Pix, b.Pix) {
				t.Error("the PNG in Liberation Serif is the PNG in Liberation Sans")
			}
		})
	}
	tooltest.Require(t, "pdffonts")
	p := writePDF(t, chartDoc(styled))
	// The document's own text is the default font: only the charts' is
	// styled, so Liberation Sans appears, but Liberation Serif must too,
	// in both weights.
	fonts := string(tooltest.Run(t, "pdffonts", p))
	for _, want := range []string{"+LiberationSerif ", "+LiberationSerif-Bold "} {
		if !strings.Contains(fonts, want) {
			t.Errorf("pdffonts lacks %q:\n%s", want, fonts)
		}
	}
}

// TestTypefaceFallback: a character the typeface lacks is measured (and
// so placed) at Liberation Sans's advance, not the missing glyph's.
func TestTypefaceFallback(t *testing.T) {
	serif := doctest.SerifBody()
	tf, err := canvas.NewTypeface(serif.Name, serif.Regular, serif.Bold)
	if err != nil {
		t.Fatal(err)
	}
	const tick = "✓"  // not in Liberation Serif
	const arrow = "↑" // in both
	fell := 0
	for _, s := range []string{tick, arrow, "A"} {
		sans, styled := canvas.Font{Size: 10}, canvas.Font{Size: 10, Typeface: tf}
		if styled.Face().For([]rune(s)[0]) == styled.Face() {
			continue
		}
		fell++
		if sans.Width(s) != styled.Width(s) {
			t.Errorf("%s: width %.3f, Liberation Sans's %.3f", s, styled.Width(s), sans.Width(s))
		}
	}
	if fell == 0 {
		t.Error("no character fell back: ✓ is not in Liberation Serif")
	}
	if _, err := canvas.NewTypeface("Broken", []byte("not a font"), nil); err == nil {
		t.Error("a file that is no font gives a typeface")
	}
	again, _ := canvas.NewTypeface(serif.Name, serif.Regular, serif.Bold)
	if again != tf {
		t.Error("the same files are parsed again")
	}
}
