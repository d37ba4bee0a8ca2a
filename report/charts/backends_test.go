package charts_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image"
	"io"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/canvas/png"
	"github.com/paperhq/paper/report/canvas/svg"
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// fixtureLabels are words each fixture chart (charts.Fixtures, in order)
// must show: categories, legend entries, value labels.
var fixtureLabels = [][]string{
	{"2018/19", "2020/21", "Enquiries received (left scale)", "Answered on time (right scale)", "34%", "100%"},
	{"Kingsbridge City Council", "Comparator councils", "12.1", "Average of the councils shown: 9.3"},
	{"Housing", "Partially upheld", "Withheld (small numbers)", "<5", "980"},
	{"Stage 1", "3,100", "7.6% escalated to stage 2"},
	{"Apr", "Mar", "Complaints received"},
	{"Portmere Council", "91%"},
	{"2019/20", "2020/21"},
}

// TestEveryChartKindThroughEveryBackend draws each kind of chart through
// the three backends and checks what a user of each output would: the
// PNG decodes at the size asked for and shows ink; the SVG is XML whose
// text holds the labels and whose figure's title is the alternative
// text; the PDF's extracted text holds the labels and its Figure the
// alternative text.
func TestEveryChartKindThroughEveryBackend(t *testing.T) {
	fixtures := charts.Fixtures()
	if len(fixtures) != len(fixtureLabels) {
		t.Fatalf("%d fixtures, labels for %d", len(fixtures), len(fixtureLabels))
	}
	for i, c := range fixtures {
		labels := fixtureLabels[i]
		t.Run(fmt.Sprintf("%d-%T", i, c), func(t *testing.T) {
			t.Run("png", func(t *testing.T) {
				const scale = 6 // pixels a millimetre, about 150 dpi
				img, err := png.Draw(c, scale)
				if err != nil {
					t.Fatal(err)
				}
				var buf bytes.Buffer
				if err := png.Encode(&buf, img); err != nil {
					t.Fatal(err)
				}
				decoded, format, err := image.Decode(&buf)
				if err != nil || format != "png" {
					t.Fatalf("the PNG does not decode: %v (%s)", err, format)
				}
				w, h := c.Size()
				b := decoded.Bounds()
				if b.Dx() != int(w*scale+0.5) || b.Dy() != int(h*scale+0.5) {
					t.Errorf("PNG %d×%d px, want %.0f×%.0f", b.Dx(), b.Dy(), w*scale, h*scale)
				}
				dark, coloured := 0, 0
				for y := b.Min.Y; y < b.Max.Y; y++ {
					for x := b.Min.X; x < b.Max.X; x++ {
						r, g, bl, _ := decoded.At(x, y).RGBA()
						switch {
						case r < 0x4000 && g < 0x4000 && bl < 0x4000:
							dark++ // text, axes
						case max(r, g, bl)-min(r, g, bl) > 0x4000:
							coloured++ // the palette's fills
						}
					}
				}
				if total := b.Dx() * b.Dy(); dark < total/500 || coloured < total/100 {
					t.Errorf("the PNG is nearly blank: %d dark and %d coloured pixels of %d", dark, coloured, total)
				}
			})
			t.Run("svg", func(t *testing.T) {
				var buf bytes.Buffer
				if err := svg.Write(&buf, c, c.Alt()); err != nil {
					t.Fatal(err)
				}
				texts, title, root := svgTexts(t, buf.Bytes())
				if root != "svg" {
					t.Fatalf("root element %q", root)
				}
				all := strings.Join(texts, "\n")
				for _, l := range labels {
					if !strings.Contains(all, l) {
						t.Errorf("%q is no text in the SVG", l)
					}
				}
				if title != c.Alt() {
					t.Errorf("figure title %q, want the alternative text %q", title, c.Alt())
				}
			})
			t.Run("pdf", func(t *testing.T) {
				p := writePDF(t, chartDoc([]charts.Chart{c}))
				text := strings.Join(strings.Fields(string(tooltest.Run(t, "pdftotext", "-layout", p, "-"))), " ")
				for _, l := range labels {
					if !strings.Contains(text, l) {
						t.Errorf("%q not in the PDF's text", l)
					}
				}
				if !figureAlts(t, p)[c.Alt()] {
					t.Errorf("the alternative text is no Figure's /Alt")
				}
			})
		})
	}
}

// svgTexts parses an SVG document with encoding/xml and returns the
// content of its <text> elements, the first <title> and the root
// element's name.
func svgTexts(t *testing.T, data []byte) (texts []string, title, root string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("the SVG is not well-formed XML: %v", err)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 {
				root = tk.Name.Local
				if tk.Name.Space != "http://www.w3.org/2000/svg" {
					t.Errorf("root namespace %q", tk.Name.Space)
				}
			}
			stack = append(stack, tk.Name.Local)
			cur.Reset()
		case xml.CharData:
			cur.Write(tk)
		case xml.EndElement:
			switch tk.Name.Local {
			case "text":
				texts = append(texts, cur.String())
			case "title":
				if title == "" {
					title = cur.String()
				}
			}
			stack = stack[:len(stack)-1]
		}
	}
	return texts, title, root
}
