package doctest

import (
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/image/font/sfnt"

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

// DamagedGlyph returns a copy of the TrueType file ttf (with a long loca
// table, as Liberation's) whose glyph for r starts past the end of its
// glyf table (and ends 16 bytes later): a file that parses, and fails only when r is drawn or
// subset.
func DamagedGlyph(ttf []byte, r rune) ([]byte, error) {
	ttf = append([]byte(nil), ttf...)
	table := func(tag string) []byte {
		n := int(binary.BigEndian.Uint16(ttf[4:]))
		for i := 0; i < n; i++ {
			rec := ttf[12+16*i:]
			if string(rec[:4]) == tag {
				off, size := binary.BigEndian.Uint32(rec[8:]), binary.BigEndian.Uint32(rec[12:])
				return ttf[off : off+size]
			}
		}
		return nil
	}
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, err
	}
	g, err := f.GlyphIndex(&sfnt.Buffer{}, r)
	if err != nil || g == 0 {
		return nil, fmt.Errorf("no glyph for %q", r)
	}
	head, loca := table("head"), table("loca")
	if len(head) < 52 || binary.BigEndian.Uint16(head[50:]) != 1 || len(loca) < 4*int(g)+4 {
		return nil, errors.New("not a font with a long loca table")
	}
	binary.BigEndian.PutUint32(loca[4*int(g):], 0x05000000)
	binary.BigEndian.PutUint32(loca[4*int(g)+4:], 0x05000010)
	return ttf, nil
}
