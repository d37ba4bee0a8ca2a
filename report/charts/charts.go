// Package charts draws the committee paper's charts: trend and monthly
// column charts with an optional rate line on a second scale, horizontal
// comparisons of councils, stacked outcomes by service and the escalation
// funnel.
//
// Every chart is a doc.Graphic: it draws itself on the report/canvas it
// is given, so the one drawing becomes vectors on the PDF page
// (report/pdf), a PNG or SVG picture in the DOCX (report/canvas/png,
// report/canvas/svg) and SVG for the web. The bar and column charts also
// describe their series as doc.ChartData (chartdata.go), which the DOCX
// writes as native Word charts. Charts take plain data
// (labels, values, the house palette) and never read the report
// definition; report/layout binds chart blocks to the metrics.
//
// Accessibility is built in rather than left to authors:
//   - colours come from the house palette (Okabe-Ito by default), and every
//     series is also told apart without colour: value labels, outlined
//     bars, a hatched pattern where two fills sit side by side, markers on
//     lines and a legend;
//   - text is the house style's body font (Typeface; Liberation Sans,
//     metric-compatible with Arial, by default) at 9 points or more at the
//     printed size, horizontal, never rotated;
//   - counts start at zero and rates run from 0% to 100%;
//   - Alt returns alternative text generated from the data, and Table the
//     same figures as a table for under the chart.
//
// Layout is computed from the font's own metrics, not the renderer's, so
// the PDF and the PNG of a chart are laid out identically and the same
// data always gives the same drawing.
package charts

import (
	"fmt"
	"math"
	"strings"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
)

// MinWidth is the narrowest printed width, in millimetres, a chart can be
// drawn at and still hold its labels.
const MinWidth = 60

// MaxWidth is the widest printed width, in millimetres: A4 landscape
// less margins.
const MaxWidth = 260

// DefaultWidth is the printed width used when a chart is given none: the
// text width of an A4 page with 20 mm margins.
const DefaultWidth = 170

// Value is a figure that may be undefined, such as a rate whose
// denominator is zero.
type Value struct {
	V  float64
	OK bool
}

// V returns a defined Value.
func V(v float64) Value { return Value{V: v, OK: true} }

// Undefined is a Value with no figure.
var Undefined = Value{}

// Ptr converts a possibly nil figure, as the metrics hold rates, to a Value.
func Ptr(p *float64) Value {
	if p == nil || math.IsNaN(*p) || math.IsInf(*p, 0) {
		return Undefined
	}
	return V(*p)
}

// Format says how a series' values are written.
type Format int

const (
	// Count is a whole number with thousands separators: "3,100".
	Count Format = iota
	// Decimal has one decimal place: "9.4".
	Decimal
	// Percent is a fraction written as a percentage: 0.34 -> "34%".
	Percent
)

// String formats v.
func (f Format) String(v float64) string {
	switch f {
	case Percent:
		return FormatPercent(v)
	case Decimal:
		return format.NumberFloat(v, 1)
	}
	return FormatCount(v)
}

// tick formats a scale's tick value: like String, but a decimal scale
// writes whole numbers without a decimal place ("0", "2.5", "5").
func (f Format) tick(v float64) string {
	if f == Decimal && v == math.Trunc(v) {
		return FormatCount(v)
	}
	return f.String(v)
}

// FormatCount writes a count with thousands separators: 3100 -> "3,100".
func FormatCount(v float64) string {
	return format.NumberFloat(v, 0)
}

// FormatPercent writes a fraction as a percentage at the paper's
// precision (report/format): whole, with one decimal place under 10%
// ("7.6%"), rounded half up from the exact fraction, and never a rounded
// "0%" or "100%".
func FormatPercent(frac float64) string {
	return format.PercentFloat(frac, format.Default)
}

// Sort orders the rows of a horizontal chart.
type Sort int

const (
	// Descending puts the largest value first (at the top).
	Descending Sort = iota
	// Ascending puts the smallest value first.
	Ascending
	// ByName sorts rows alphabetically.
	ByName
	// AsGiven keeps the rows in the order given.
	AsGiven
)

// Sorts maps the names used in report.yaml to Sort values.
var Sorts = map[string]Sort{"descending": Descending, "ascending": Ascending, "name": ByName, "none": AsGiven}

// Palette is the house style's chart colours, in order of use.
type Palette []canvas.Color

// ParsePalette reads "RRGGBB" colours. An empty list gives the default
// Okabe-Ito palette.
func ParsePalette(hex []string) (Palette, error) {
	if len(hex) == 0 {
		hex = okabeIto
	}
	p := make(Palette, 0, len(hex))
	for _, h := range hex {
		h = strings.TrimPrefix(strings.TrimSpace(h), "#")
		if len(h) != 6 || strings.Trim(strings.ToLower(h), "0123456789abcdef") != "" {
			return nil, fmt.Errorf("palette colour %q is not RRGGBB", h)
		}
		c, _ := canvas.Hex(h)
		p = append(p, c)
	}
	return p, nil
}

// okabeIto is the colour-blind-safe palette of Okabe and Ito (2008).
var okabeIto = []string{"0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442", "000000"}

// orDefault is p, or the Okabe-Ito palette when p is empty.
func (p Palette) orDefault() Palette {
	if len(p) == 0 {
		d, _ := ParsePalette(nil)
		return d
	}
	return p
}

// at returns colour i, cycling.
func (p Palette) at(i int) canvas.Color {
	p = p.orDefault()
	return p[i%len(p)]
}

// luminance is the WCAG relative luminance of c.
func luminance(c canvas.Color) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// contrast is the WCAG contrast ratio of two colours.
func contrast(a, b canvas.Color) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

var (
	white     = canvas.RGB(255, 255, 255)
	ink       = canvas.RGB(0x1A, 0x1A, 0x1A) // text
	axisInk   = canvas.RGB(0x40, 0x40, 0x40) // axes, outlines
	gridInk   = canvas.RGB(0xD0, 0xD0, 0xD0) // gridlines
	withheld  = canvas.RGB(0xBF, 0xBF, 0xBF) // suppressed figures
	hatchInk  = canvas.RGB(255, 255, 255)
	haloColor = canvas.RGB(255, 255, 255)
)

// textOn returns the text colour readable on fill: near-black or white,
// whichever contrasts more.
func textOn(fill canvas.Color) canvas.Color {
	if contrast(fill, ink) >= contrast(fill, white) {
		return ink
	}
	return white
}

// distance is a rough perceptual distance between two colours (the
// "redmean" approximation), used to pick a line colour that stands apart
// from the bars beneath it.
func distance(a, b canvas.Color) float64 {
	rm := (float64(a.R) + float64(b.R)) / 2
	dr, dg, db := float64(a.R)-float64(b.R), float64(a.G)-float64(b.G), float64(a.B)-float64(b.B)
	return math.Sqrt((2+rm/256)*dr*dr + 4*dg*dg + (2+(255-rm)/256)*db*db)
}

// lineColour picks the palette colour for a line drawn over bars of
// colour bar: one with at least 3:1 contrast against the white page
// (WCAG 1.4.11), as far from the bar colour as possible; near-black when
// the palette has none.
func (p Palette) lineColour(bar canvas.Color) canvas.Color {
	best, bestD := axisInk, -1.0
	for _, c := range p.orDefault() {
		if c == bar || contrast(c, white) < 3 {
			continue
		}
		if d := distance(c, bar); d > bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Charts are laid out in millimetres at their printed size: mm and pt
// say which unit a length was written in.

// mm is a length in millimetres.
func mm(v float64) float64 { return v }

// pt converts a size in points to millimetres.
func pt(v float64) float64 { return v * canvas.PtToMM }

// printedWidth returns the chart width in mm for the width asked for:
// the default when none, bounded by MinWidth and MaxWidth.
func printedWidth(w float64) float64 {
	switch {
	case w == 0 || math.IsNaN(w):
		w = DefaultWidth
	case w < MinWidth:
		w = MinWidth
	case w > MaxWidth:
		w = MaxWidth
	}
	return w
}

// Chart is what every chart of this package provides: a doc.Graphic with
// a check of its data, its alternative text and its figures as a table.
type Chart interface {
	doc.Graphic
	// Check reports data the chart cannot draw; ErrEmpty (wrapped) when
	// there is nothing to show.
	Check() error
	// Alt is the alternative text, generated from the data.
	Alt() string
	// Table is the chart's figures as a table, for under the chart.
	Table() *doc.Table
}
