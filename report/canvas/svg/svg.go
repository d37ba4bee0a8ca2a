// Package svg is the SVG backend of report/canvas: it writes a
// canvas.Drawing as a standalone SVG 1.1 document, for web pages.
//
// Text stays text: each string is a <text> element in Liberation Sans
// (then Arial, Helvetica and any sans-serif), placed by the advances
// canvas.Font measures, so it can be found, copied and read by a screen
// reader. A figure (canvas.BeginFigure) is a group whose <title> is its
// alternative text.
package svg

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"strconv"

	"github.com/paperhq/paper/report/canvas"
)

// Canvas writes SVG elements for what is drawn on it.
type Canvas struct {
	b       bytes.Buffer
	clips   int    // clip paths defined so far, for their ids
	prefix  string // of the clip paths' ids, unique in an HTML page
	open    []bool
	figures int // figures open (only the outermost is written)
	floor   int // figures Write opened, which the drawing cannot close
}

var _ canvas.Canvas = (*Canvas)(nil)

// Write writes d as an SVG document w×h millimetres (d's size), whose
// user units are d's millimetres. With alt set the whole drawing is one
// figure with that alternative text.
func Write(out io.Writer, d canvas.Drawing, alt string) error {
	w, h, body, err := draw(d, alt, "")
	if err != nil {
		return err
	}
	var doc bytes.Buffer
	doc.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	doc.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="`)
	doc.WriteString(num(w) + `mm" height="` + num(h) + `mm" viewBox="0 0 ` + num(w) + " " + num(h) + `">` + "\n")
	doc.Write(body)
	doc.WriteString("</svg>\n")
	_, err = out.Write(doc.Bytes())
	return err
}

// Element writes d as an <svg> element to put inside an HTML page, width
// millimetres wide (zero: d's own width) and scaled to it: no XML
// declaration, role="img", and named by a <title> (title) and a <desc>
// (desc), with the ids id+"-title" and id+"-desc", so that a screen
// reader announces both and none of the drawing's own text. The ids of
// its clip paths start with id too, so that several drawings on one page
// never share one.
func Element(out io.Writer, d canvas.Drawing, width float64, id, title, desc string) error {
	w, h, body, err := draw(d, "", id+"-")
	if err != nil {
		return err
	}
	if !(width > 0) || math.IsInf(width, 0) {
		width = w
	}
	var b bytes.Buffer
	b.WriteString(`<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="`)
	xml.EscapeText(&b, []byte(id+"-title "+id+"-desc"))
	b.WriteString(`" width="` + num(width) + `mm" height="` + num(width*h/w) + `mm" viewBox="0 0 ` + num(w) + " " + num(h) + `">` + "\n")
	b.WriteString(`<title id="`)
	xml.EscapeText(&b, []byte(id+"-title"))
	b.WriteString(`">`)
	xml.EscapeText(&b, []byte(title))
	b.WriteString("</title>\n" + `<desc id="`)
	xml.EscapeText(&b, []byte(id+"-desc"))
	b.WriteString(`">`)
	xml.EscapeText(&b, []byte(desc))
	b.WriteString("</desc>\n")
	b.Write(body)
	b.WriteString("</svg>\n")
	_, err = out.Write(b.Bytes())
	return err
}

// draw draws d, as one figure with alternative text alt when alt is set,
// and returns its size and the SVG elements drawn; prefix starts the ids
// of its clip paths.
func draw(d canvas.Drawing, alt, prefix string) (w, h float64, body []byte, err error) {
	w, h = d.Size()
	if !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
		return 0, 0, nil, errors.New("svg: drawing has no size")
	}
	c := &Canvas{prefix: prefix}
	if alt != "" {
		c.BeginFigure(alt)
		c.floor = 1
	}
	if err := d.Draw(c); err != nil {
		return 0, 0, nil, err
	}
	for len(c.open) > 0 {
		c.PopClip()
	}
	c.floor = 0
	for c.figures > 0 {
		c.EndFigure()
	}
	return w, h, c.b.Bytes(), nil
}

// num writes v with at most three decimals (a micrometre), without
// trailing zeros.
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		v = 0
	}
	v = math.Round(v*1000) / 1000
	if v == 0 {
		return "0"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func colour(c canvas.Color) string {
	const digits = "0123456789abcdef"
	b := []byte{'#', 0, 0, 0, 0, 0, 0}
	for i, v := range [3]uint8{c.R, c.G, c.B} {
		b[1+2*i], b[2+2*i] = digits[v>>4], digits[v&15]
	}
	return string(b)
}

// paint writes a colour attribute with its opacity when not opaque.
func (c *Canvas) paint(attr string, col canvas.Color) {
	c.b.WriteString(` ` + attr + `="` + colour(col) + `"`)
	if col.A < 255 {
		c.b.WriteString(` ` + attr + `-opacity="` + num(float64(col.A)/255) + `"`)
	}
}

// data returns p as path data.
func data(p *canvas.Path) string {
	var b []byte
	for _, s := range p.Steps {
		if len(b) > 0 {
			b = append(b, ' ')
		}
		switch s.Op {
		case canvas.MoveTo:
			b = append(b, 'M')
			b = appendPts(b, s.Pts[:1])
		case canvas.LineTo:
			b = append(b, 'L')
			b = appendPts(b, s.Pts[:1])
		case canvas.CurveTo:
			b = append(b, 'C')
			b = appendPts(b, s.Pts[:])
		case canvas.Close:
			b = append(b, 'Z')
		}
	}
	return string(b)
}

func appendPts(b []byte, pts []canvas.Point) []byte {
	for i, p := range pts {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, num(p.X)...)
		b = append(b, ',')
		b = append(b, num(p.Y)...)
	}
	return b
}

// Fill writes p as a filled path.
func (c *Canvas) Fill(p *canvas.Path, col canvas.Color) {
	if col.A == 0 || len(p.Steps) == 0 {
		return
	}
	c.b.WriteString(`<path d="` + data(p) + `"`)
	c.paint("fill", col)
	c.b.WriteString("/>\n")
}

// Stroke writes p as a stroked path.
func (c *Canvas) Stroke(p *canvas.Path, pen canvas.Pen) {
	if pen.Color.A == 0 || !(pen.Width > 0) || math.IsInf(pen.Width, 0) || len(p.Steps) == 0 {
		return
	}
	c.b.WriteString(`<path d="` + data(p) + `" fill="none"`)
	c.paint("stroke", pen.Color)
	c.b.WriteString(` stroke-width="` + num(pen.Width) + `" stroke-linejoin="round"`)
	if len(pen.Dash) > 0 {
		c.b.WriteString(` stroke-dasharray="`)
		for i, v := range pen.Dash {
			if i > 0 {
				c.b.WriteByte(' ')
			}
			c.b.WriteString(num(math.Max(0, v)))
		}
		c.b.WriteByte('"')
	}
	c.b.WriteString("/>\n")
}

// Hatch writes the hatch's stripes as a filled path, clipped to p.
func (c *Canvas) Hatch(p *canvas.Path, h canvas.Hatch) { canvas.HatchByClipping(c, p, h) }

// Text writes s as a <text> element.
func (c *Canvas) Text(s string, f canvas.Font, x, y float64, col canvas.Color) {
	if s == "" || col.A == 0 || !(f.Size > 0) {
		return
	}
	c.b.WriteString(`<text x="` + num(x) + `" y="` + num(y) + `" font-family="` + f.Stack() + `" font-size="` + num(f.Size*canvas.PtToMM) + `"`)
	if f.Bold {
		c.b.WriteString(` font-weight="bold"`)
	}
	c.paint("fill", col)
	c.b.WriteString(` xml:space="preserve">`)
	xml.EscapeText(&c.b, []byte(s))
	c.b.WriteString("</text>\n")
}

// PushClip defines p as a clip path and opens a group clipped by it.
func (c *Canvas) PushClip(p *canvas.Path) {
	c.clips++
	id := c.prefix + "clip" + strconv.Itoa(c.clips)
	c.b.WriteString(`<clipPath id="` + id + `"><path d="` + data(p) + `"/></clipPath>` + "\n")
	c.b.WriteString(`<g clip-path="url(#` + id + `)">` + "\n")
	c.open = append(c.open, true)
}

// PopClip closes the innermost clipped group.
func (c *Canvas) PopClip() {
	if len(c.open) == 0 {
		return
	}
	c.open = c.open[:len(c.open)-1]
	c.b.WriteString("</g>\n")
}

// BeginFigure opens a group whose <title> is alt: the figure's
// accessible name. (SVG 1.1 has no role or aria attributes; a page that
// embeds the SVG inline puts role="img" on it, which makes the text
// inside presentational, so the description is read once.)
func (c *Canvas) BeginFigure(alt string) {
	c.figures++
	if c.figures > 1 {
		return
	}
	c.b.WriteString("<g><title>")
	xml.EscapeText(&c.b, []byte(alt))
	c.b.WriteString("</title>\n")
}

// EndFigure closes the figure's group.
func (c *Canvas) EndFigure() {
	if c.figures <= c.floor {
		return
	}
	c.figures--
	if c.figures == 0 {
		c.b.WriteString("</g>\n")
	}
}
