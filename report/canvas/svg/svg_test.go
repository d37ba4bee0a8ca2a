package svg_test

import (
	"bytes"
	"encoding/xml"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/canvas/svg"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// everything is a drawing that uses every part of the canvas, with text
// that needs escaping.
type everything struct{}

func (everything) Size() (w, h float64) { return 60, 30 }

func (everything) Draw(c canvas.Canvas) error {
	box := &canvas.Path{}
	box.Rect(2, 2, 30, 20)
	c.Fill(box, canvas.RGB(0, 0x72, 0xB2))
	c.Fill(box, canvas.Color{R: 255, A: 128})
	c.Stroke(box, canvas.Pen{Color: canvas.RGB(0x40, 0x40, 0x40), Width: 0.2, Dash: []float64{1.2, 0.8}})
	disc := &canvas.Path{}
	disc.Circle(45, 12, 8)
	c.Hatch(disc, canvas.Hatch{Color: canvas.RGB(0xE6, 0x9F, 0), Gap: 1.4, Width: 0.35})
	c.PushClip(box)
	c.PushClip(disc)
	c.Text("clipped", canvas.Font{Size: 9}, 25, 12, canvas.RGB(0, 0, 0))
	c.PopClip()
	c.PopClip()
	c.BeginFigure("an inner figure, drawn as part of the outer one")
	c.Text(`Rates < 5 & "small" counts`, canvas.Font{Size: 9.5, Bold: true}, 2, 27, canvas.RGB(0x1A, 0x1A, 0x1A))
	c.EndFigure()
	c.Text("bell\a and NaN", canvas.Font{Size: 9}, math.NaN(), 5, canvas.RGB(0, 0, 0))
	return nil
}

// parse reads an SVG with encoding/xml (which rejects malformed XML and
// characters XML 1.0 does not allow) and returns its <text> contents,
// its <title>s and how many clip paths it defines.
func parse(t *testing.T, data []byte) (texts, titles []string, clips int) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var cur strings.Builder
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return texts, titles, clips
		}
		if err != nil {
			t.Fatalf("not well-formed XML: %v\n%s", err, data)
		}
		switch tk := tok.(type) {
		case xml.StartElement:
			cur.Reset()
			if tk.Name.Local == "clipPath" {
				clips++
			}
		case xml.CharData:
			cur.Write(tk)
		case xml.EndElement:
			switch tk.Name.Local {
			case "text":
				texts = append(texts, cur.String())
			case "title":
				titles = append(titles, cur.String())
			}
		}
	}
}

func TestWrite(t *testing.T) {
	var buf bytes.Buffer
	alt := `Bar chart: "fewer than 5" & more`
	if err := svg.Write(&buf, everything{}, alt); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	texts, titles, clips := parse(t, out)
	if want := []string{"clipped", `Rates < 5 & "small" counts`, "bell\uFFFD and NaN"}; strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("texts %q, want %q", texts, want)
	}
	if len(titles) != 1 || titles[0] != alt {
		t.Errorf("titles %q, want the one figure's alternative text %q", titles, alt)
	}
	if clips != 3 { // the hatched disc and the two pushed clips
		t.Errorf("%d clip paths, want 3", clips)
	}
	for _, want := range []string{`width="60mm" height="30mm" viewBox="0 0 60 30"`, `font-family="Liberation Sans, Arial, Helvetica, sans-serif"`,
		`font-weight="bold"`, `stroke-dasharray="1.2 0.8"`, `fill-opacity="0.502"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("no %s in the SVG", want)
		}
	}
	if bytes.Contains(out, []byte(`="NaN"`)) || !bytes.Contains(out, []byte(`<text x="0" y="5"`)) {
		t.Error("a NaN coordinate was not written as 0")
	}
	validate(t, out)
}

// validate checks data against the SVG 1.1 DTD with xmllint.
func validate(t *testing.T, data []byte) {
	t.Helper()
	const dtd = "/usr/share/xml/w3c-sgml-lib/schema/dtd/REC-SVG11-20110816/svg11.dtd"
	tooltest.Require(t, "xmllint")
	if _, err := os.Stat(dtd); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("the SVG 1.1 DTD is required in CI (Debian package w3c-sgml-lib; .ci/run installs it): %v", err)
		}
		t.Skipf("skipping: no SVG 1.1 DTD at %s (apt-get install w3c-sgml-lib)", dtd)
	}
	p := filepath.Join(t.TempDir(), "drawing.svg")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	tooltest.Run(t, "xmllint", "--noout", "--nonet", "--dtdvalid", dtd, p)
}

func TestWriteRefusesNoSize(t *testing.T) {
	for _, d := range []canvas.Drawing{sized{0, 10}, sized{10, math.Inf(1)}, sized{math.NaN(), 1}} {
		if err := svg.Write(io.Discard, d, ""); err == nil {
			t.Errorf("%v: no error", d)
		}
	}
}

type sized struct{ w, h float64 }

func (s sized) Size() (w, h float64)   { return s.w, s.h }
func (sized) Draw(canvas.Canvas) error { return nil }

// FuzzWrite writes drawings made from arbitrary bytes (doctest.Scribble):
// the SVG is always well-formed XML with the figure's title, however
// wild the coordinates or unbalanced the clips and figures.
func FuzzWrite(f *testing.F) {
	f.Add([]byte{40, 20, 0, 3, 1, 10, 20, 2, 30, 40, 4, 5, 6, 7, 8})
	f.Add([]byte{10, 10, 4, 2, 0, 0, 0, 1, 1, 1, 6, 3, 'a', 'b', 'c', 7, 7, 5, 5, 3, 4, '<', '&', 0, 1})
	f.Fuzz(func(t *testing.T, data []byte) {
		var buf bytes.Buffer
		if err := svg.Write(&buf, doctest.Scribble(data), "alt & <text>"); err != nil {
			t.Fatal(err)
		}
		_, titles, _ := parse(t, buf.Bytes())
		if len(titles) == 0 || titles[0] != "alt & <text>" {
			t.Fatalf("titles %q", titles)
		}
		if bytes.Contains(buf.Bytes(), []byte("NaN")) || bytes.Contains(buf.Bytes(), []byte("Inf")) {
			if !bytes.Contains(buf.Bytes(), []byte("<text")) {
				t.Fatalf("a non-finite number written:\n%s", buf.Bytes())
			}
		}
	})
}
