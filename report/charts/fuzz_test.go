package charts

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	cpng "github.com/paperhq/paper/report/canvas/png"
	"github.com/paperhq/paper/report/canvas/svg"
)

// fuzzData reads a chart's data from fuzz bytes.
type fuzzData struct {
	b []byte
	i int
}

func (d *fuzzData) byte() byte {
	if d.i >= len(d.b) {
		return 0
	}
	d.i++
	return d.b[d.i-1]
}

func (d *fuzzData) str() string {
	words := []string{"Housing", "Council", "Tax", "a", "Harrowgate-and-Wendlebury-Metropolitan-Borough-Council", "£1,250", "–", "ŵ", "2020/21", "", " ", "Planning and Building Control"}
	n := int(d.byte() % 6)
	s := ""
	for i := 0; i < n; i++ {
		if i > 0 {
			s += " "
		}
		s += words[int(d.byte())%len(words)]
	}
	return s
}

func (d *fuzzData) value() Value {
	switch b := d.byte(); b % 8 {
	case 0:
		return Undefined
	case 1:
		return V(0)
	case 2:
		return V(float64(d.byte()) / 255)
	case 3:
		return V(float64(uint16(d.byte())<<8 | uint16(d.byte())))
	case 4:
		return V(math.Pow(10, float64(d.byte()%12)))
	default:
		return V(float64(b))
	}
}

// chart builds one chart of any kind from the bytes.
func (d *fuzzData) chart() Chart {
	width := []float64{0, MinWidth, 100, 170, MaxWidth}[d.byte()%5]
	n := int(d.byte() % 40)
	switch d.byte() % 4 {
	case 0:
		c := &Columns{Title: d.str(), Subject: d.str(), Width: width, Bars: Series{Name: d.str(), Axis: d.str(), Format: Format(d.byte() % 3)}}
		if d.byte()%2 == 0 {
			c.Line = Series{Name: d.str(), Axis: d.str(), Format: Percent}
		}
		for i := 0; i < n; i++ {
			c.Labels = append(c.Labels, d.str())
			c.Bars.Values = append(c.Bars.Values, d.value())
			if c.Line.Name != "" {
				c.Line.Values = append(c.Line.Values, d.value())
			}
		}
		if n > 0 && d.byte()%2 == 0 {
			c.Groups = []Group{{Label: d.str(), From: 0, To: n / 2}, {Label: d.str(), From: n / 2, To: n}}
		}
		return c
	case 1:
		c := &Bars{Title: d.str(), Subject: d.str(), Width: width, Series: Series{Name: d.str(), Axis: d.str(), Format: Format(d.byte() % 3)}, Sort: Sort(d.byte() % 4)}
		for i := 0; i < n; i++ {
			c.Rows = append(c.Rows, Row{Label: d.str(), Value: d.value(), Own: d.byte()%5 == 0})
		}
		if v := d.value(); v.OK {
			c.Reference = &Reference{Label: d.str(), Value: v.V}
		}
		return c
	case 2:
		c := &Stacked{Title: d.str(), Subject: d.str(), Width: width, Parts: []string{"Upheld", "Partially upheld", "Not upheld"},
			SuppressBelow: int(d.byte() % 7), Sort: Sort(d.byte() % 4), Axis: d.str()}
		for i := 0; i < n; i++ {
			c.Rows = append(c.Rows, StackRow{Label: d.str(), Counts: []int{int(d.byte()), int(d.byte() % 9), int(d.byte()) * 7}})
		}
		return c
	}
	c := &Funnel{Title: d.str(), Subject: d.str(), Width: width}
	for i := 0; i < min(n, 6); i++ {
		c.Steps = append(c.Steps, Step{Label: d.str(), Count: math.Abs(d.value().V), Rate: d.value(), Into: d.str()})
	}
	return c
}

// FuzzCharts draws charts of arbitrary data: a chart either refuses the
// data with an error or draws it with every label inside the chart and
// no two labels overlapping, through the PNG and SVG backends too, and
// its alternative text and table never fail.
func FuzzCharts(f *testing.F) {
	f.Add([]byte{3, 5, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Add([]byte{1, 12, 1, 4, 4, 4, 9, 9, 9, 3, 200, 100, 2, 2, 2})
	f.Add([]byte{0, 39, 2, 1, 1, 1, 1, 6, 6, 6, 0, 0, 0, 5, 3})
	f.Add([]byte{4, 3, 3, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5})
	f.Fuzz(func(t *testing.T, b []byte) { checkDrawn(t, (&fuzzData{b: b}).chart()) })
}

// checkDrawn checks a chart of fuzzed data: it either refuses the data
// with an error or draws it with every label inside the chart and no two
// overlapping, through the PNG and SVG backends too, and its alternative
// text and table never fail.
func checkDrawn(t *testing.T, c Chart) {
	_ = c.Alt()
	_ = c.Table()
	r, err := record(c)
	if err != nil {
		if c.Check() == nil {
			t.Fatalf("Render failed but Check passed: %v", err)
		}
		if !errors.Is(err, ErrEmpty) && c.Check().Error() != err.Error() {
			t.Fatalf("Render and Check disagree: %v / %v", err, c.Check())
		}
		return
	}
	if m := misplaced(r); len(m) > 0 {
		t.Fatal(strings.Join(m, "\n"))
	}
	// Through the backends: a picture of the chart's size, and SVG
	// that is well-formed XML.
	img, err := cpng.Draw(c, 2)
	if err != nil {
		t.Fatalf("PNG: %v", err)
	}
	cpng.Recycle(img)
	var buf bytes.Buffer
	if err := svg.Write(&buf, c, c.Alt()); err != nil {
		t.Fatalf("SVG: %v", err)
	}
	for dec := xml.NewDecoder(&buf); ; {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("SVG is not well-formed: %v", err)
		}
	}
}
