package doctest

import (
	"github.com/go-fonts/dejavu/dejavuserif"
	"github.com/go-fonts/dejavu/dejavuserifbold"
	"github.com/go-fonts/dejavu/dejavuserifbolditalic"
	"github.com/go-fonts/dejavu/dejavuserifitalic"
	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// SerifBody is Liberation Serif, a house style's body family in tests.
func SerifBody() *doc.FontFamily {
	return &doc.FontFamily{Name: "Liberation Serif", Regular: liberationserifregular.TTF, Bold: liberationserifbold.TTF,
		Italic: liberationserifitalic.TTF, BoldItalic: liberationserifbolditalic.TTF}
}

// SerifHeadings is DejaVu Serif, a second family for a house style's
// headings in tests.
func SerifHeadings() *doc.FontFamily {
	return &doc.FontFamily{Name: "DejaVu Serif", Regular: dejavuserif.TTF, Bold: dejavuserifbold.TTF,
		Italic: dejavuserifitalic.TTF, BoldItalic: dejavuserifbolditalic.TTF}
}

// StyledSample is Sample in a house style's fonts: body in body, headings
// in headings (nil: the body's), and the chart's text in the body family,
// as report/layout gives charts the style's typeface.
func StyledSample(body, headings *doc.FontFamily) *doc.Document {
	d := Sample()
	d.Style.BodyFont, d.Style.HeadingFont = body, headings
	tf, err := canvas.NewTypeface(body.Name, body.Regular, body.Bold)
	if err != nil {
		panic(err) // the fonts are compiled in
	}
	for _, b := range d.Blocks {
		if f, ok := b.(*doc.Figure); ok {
			f.Graphic = barGraphic{tf: tf}
		}
	}
	return d
}
