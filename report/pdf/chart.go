package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/paperhq/paper/third_party/fpdf"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// vectorCanvas is the PDF backend of report/canvas: it draws onto the
// current fpdf page as vectors (paths, fills and text in the document's
// own fonts, a house style's typeface in the same subset as the body's), so a chart stays crisp at any zoom and its labels are real,
// selectable text. Drawing point (x, y) lands on the page at
// (ox + x*s, oy + y*s) millimetres.
type vectorCanvas struct {
	w      *writer
	ox, oy float64 // page position of the drawing's top-left corner, mm
	s      float64 // page mm per drawing mm
	dw, dh float64 // the drawing's size, for the Figure's BBox
	// clips are the writer's font when each open clip was pushed: the
	// clip's Q restores the PDF's font, which fpdf does not know.
	clips   []fontState
	figures int
	// floor is the figures the writer opened around the drawing, which
	// the drawing's own EndFigure calls cannot close.
	floor int
	// faces are the embedded faces of the typefaces the drawing used.
	faces map[*canvas.Typeface]*face
}

// faceOf returns the face that sets text in t: the same embedded subset
// as the body's when t is parsed from the same files.
func (c *vectorCanvas) faceOf(t *canvas.Typeface) (*face, error) {
	if t == nil {
		return nil, nil
	}
	if fc, ok := c.faces[t]; ok {
		return fc, nil
	}
	r, b := t.Files()
	fc, err := faceOf(&doc.FontFamily{Name: t.Name(), Regular: r, Bold: b})
	if err != nil {
		return nil, err
	}
	if c.faces == nil {
		c.faces = map[*canvas.Typeface]*face{}
	}
	c.faces[t] = fc
	c.w.name(fc)
	return fc, nil
}

type fontState struct {
	family, style string
	size          float64
}

var _ canvas.Canvas = (*vectorCanvas)(nil)

func (c *vectorCanvas) pt(p canvas.Point) (float64, float64) {
	return c.ox + p.X*c.s, c.oy + p.Y*c.s
}

// path adds p to fpdf's current path.
func (c *vectorCanvas) path(p *canvas.Path) {
	f := c.w.f
	for _, st := range p.Steps {
		switch st.Op {
		case canvas.MoveTo:
			f.MoveTo(c.pt(st.Pts[0]))
		case canvas.LineTo:
			f.LineTo(c.pt(st.Pts[0]))
		case canvas.CurveTo:
			x1, y1 := c.pt(st.Pts[0])
			x2, y2 := c.pt(st.Pts[1])
			x, y := c.pt(st.Pts[2])
			f.CurveBezierCubicTo(x1, y1, x2, y2, x, y)
		case canvas.Close:
			f.ClosePath()
		}
	}
}

// alpha sets the opacity of what is painted next, returning whether it
// must be reset to 1 afterwards.
func (c *vectorCanvas) alpha(col canvas.Color) bool {
	if col.A == 255 {
		return false
	}
	c.w.f.SetAlpha(float64(col.A)/255, "Normal")
	return true
}

// Fill fills p.
func (c *vectorCanvas) Fill(p *canvas.Path, col canvas.Color) {
	if col.A == 0 || len(p.Steps) == 0 {
		return
	}
	f := c.w.f
	f.SetFillColor(int(col.R), int(col.G), int(col.B))
	reset := c.alpha(col)
	c.path(p)
	f.DrawPath("F")
	if reset {
		f.SetAlpha(1, "Normal")
	}
}

// Stroke strokes p: butt caps (the PDF default) and round joins.
func (c *vectorCanvas) Stroke(p *canvas.Path, pen canvas.Pen) {
	width := pen.Width * c.s
	if pen.Color.A == 0 || !(width > 0) || math.IsInf(width, 0) || len(p.Steps) == 0 {
		return
	}
	f := c.w.f
	f.SetDrawColor(int(pen.Color.R), int(pen.Color.G), int(pen.Color.B))
	f.SetLineWidth(width)
	dashed := false
	if len(pen.Dash) > 0 {
		d := make([]float64, len(pen.Dash))
		total := 0.0
		for i, v := range pen.Dash {
			d[i] = math.Max(0, v*c.s)
			total += d[i]
		}
		if total > 0 && !math.IsInf(total, 0) {
			f.SetDashPattern(d, 0)
			dashed = true
		}
	}
	joins := len(p.Steps) > 2
	if joins {
		f.SetLineJoinStyle("round")
	}
	reset := c.alpha(pen.Color)
	c.path(p)
	f.DrawPath("D")
	if reset {
		f.SetAlpha(1, "Normal")
	}
	if joins {
		f.SetLineJoinStyle("miter")
	}
	if dashed {
		f.SetDashPattern(nil, 0)
	}
}

// Hatch fills the stripes of h across p.
func (c *vectorCanvas) Hatch(p *canvas.Path, h canvas.Hatch) { canvas.HatchByClipping(c, p, h) }

// Text draws s in the font's typeface (Liberation Sans when it has none),
// with the fallback fonts for characters it lacks.
func (c *vectorCanvas) Text(s string, fn canvas.Font, x, y float64, col canvas.Color) {
	s = clean(s)
	size := fn.Size * c.s
	if s == "" || col.A == 0 || !(size > 0) || math.IsInf(size, 0) {
		return
	}
	style := ""
	if fn.Bold {
		style = "B"
	}
	px, py := c.pt(canvas.Point{X: x, Y: y})
	w := c.w
	fc, err := c.faceOf(fn.Typeface)
	if err != nil {
		w.f.SetError(err)
		return
	}
	for _, sp := range spans(s, textStyle{style: style, size: size, face: fc}) {
		w.setFont(sp.family, sp.style, sp.size)
		w.setTextColor([3]int{int(col.R), int(col.G), int(col.B)})
		w.f.Text(px, py, sp.text)
		px += sp.w
	}
}

// PushClip saves the graphics state and clips to p (non-zero winding;
// curves flattened to a hundredth of a millimetre).
func (c *vectorCanvas) PushClip(p *canvas.Path) {
	f := c.w.f
	k := f.GetConversionRatio()
	_, ph := f.GetPageSize()
	var b strings.Builder
	b.WriteString("q")
	num := func(v float64) {
		b.WriteByte(' ')
		b.WriteString(strconv.FormatFloat(v, 'f', 3, 64))
	}
	moved := false
	p.Flatten(0.01/math.Max(c.s, 1e-9), func(a, e canvas.Point) {
		if !moved {
			x, y := c.pt(a)
			num(x * k)
			num((ph - y) * k)
			b.WriteString(" m")
			moved = true
		}
		x, y := c.pt(e)
		num(x * k)
		num((ph - y) * k)
		b.WriteString(" l")
	}, func(bool) {
		if moved {
			b.WriteString(" h")
		}
		moved = false
	})
	if b.Len() == 1 {
		// An empty clip hides everything.
		b.WriteString(" 0 0 m h")
	}
	b.WriteString(" W n")
	f.RawWriteStr(b.String())
	w := c.w
	c.clips = append(c.clips, fontState{w.curFam, w.curStyle, w.curSize})
}

// PopClip restores the graphics state saved by PushClip, and tells fpdf
// the colours, width and font the PDF has again.
func (c *vectorCanvas) PopClip() {
	n := len(c.clips)
	if n == 0 {
		return
	}
	saved := c.clips[n-1]
	c.clips = c.clips[:n-1]
	f, w := c.w.f, c.w
	f.RawWriteStr("Q")
	// Whatever was set inside the clip is undone by Q: set the PDF's
	// state again to what fpdf believes it is.
	f.SetFillColor(f.GetFillColor())
	f.SetDrawColor(f.GetDrawColor())
	f.SetLineWidth(f.GetLineWidth())
	if cur := (fontState{w.curFam, w.curStyle, w.curSize}); cur != saved && cur.family != "" {
		// fpdf skips a font it thinks is current: set another size first.
		f.SetFontSize(cur.size + 1)
		f.SetFontSize(cur.size)
	}
}

// BeginFigure opens the tagged Figure element, with the alternative text
// as /Alt and the drawing's box as BBox: assistive technology reads the
// description once, not every axis label after it.
func (c *vectorCanvas) BeginFigure(alt string) {
	c.figures++
	if c.figures > 1 {
		return
	}
	e := c.w.begin("Figure", &fpdf.StructOptions{Alt: clean(alt)})
	c.w.f.SetStructBBox(e, c.ox, c.oy, c.dw*c.s, c.dh*c.s)
}

// EndFigure closes the Figure element.
func (c *vectorCanvas) EndFigure() {
	if c.figures <= c.floor {
		return
	}
	c.figures--
	if c.figures == 0 {
		c.w.end()
	}
}

// figureScale returns the printed width and the scale (page mm per
// drawing mm) of a figure laid out across width mm: its Width (or the
// whole width), shrunk if need be so that the graphic takes at most the
// tree's share of the page's text height (doc.Style.FigureHeight) and
// never runs off the page.
func (w *writer) figureScale(f *doc.Figure, width float64) (float64, float64) {
	fw := width
	if f.Width > 0 && f.Width < width {
		fw = f.Width
	}
	gw, gh := f.Graphic.Size()
	if limit := w.figureHigh(); gh*fw/gw > limit && limit > 0 {
		fw = limit * gw / gh
	}
	return fw, fw / gw
}

// figureHeight is the height of a figure with its caption (its data table
// may continue on the next page).
func (w *writer) figureHeight(f *doc.Figure, width float64) float64 {
	_, s := w.figureScale(f, width)
	_, gh := f.Graphic.Size()
	h := gh*s + 2
	if c := f.CaptionLine(); c != "" {
		size := w.style.BodySize - 1
		h += float64(len(wrap(w.body, doc.Plain(c), "B", size, width))) * lineHeight(size)
	}
	return h
}

// figure draws a chart as vectors with its caption beneath, keeping both
// on one page, then its data table if any. The whole chart, its labels
// included, is one Figure element (vectorCanvas.BeginFigure).
func (w *writer) figure(fig *doc.Figure, x0, x1 float64) {
	width := x1 - x0
	w.ensure(min(w.figureHeight(fig, width), w.bottom-w.top))
	fw, s := w.figureScale(fig, width)
	gw, gh := fig.Graphic.Size()
	c := &vectorCanvas{w: w, ox: x0 + (width-fw)/2, oy: w.y, s: s, dw: gw, dh: gh}
	c.BeginFigure(fig.Alt)
	c.floor = 1
	err := fig.Graphic.Draw(c)
	for len(c.clips) > 0 {
		c.PopClip()
	}
	c.floor = 0
	for c.figures > 0 {
		c.EndFigure()
	}
	w.f.SetDashPattern(nil, 0)
	if err != nil {
		w.f.SetError(err)
		return
	}
	w.y = c.oy + gh*s + 2
	if cap := fig.CaptionLine(); cap != "" {
		w.begin("Caption", nil)
		w.text(w.body, doc.Plain(cap), "B", w.style.BodySize-1, x0, width, doc.Center, w.ink)
		w.end()
	}
	w.y += w.gap()
	if fig.Data != nil {
		w.table(fig.Data, x0, x1)
	}
}
