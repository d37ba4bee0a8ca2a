package png

import (
	"errors"
	"image"
	"math"
	"slices"

	"github.com/golang/freetype/raster"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/paperhq/paper/report/canvas"
)

// bandBytes is about the most pixel memory Render draws into at once.
const bandBytes = 256 << 10

// Render draws d at scale pixels per millimetre, as Draw does, and
// appends it to dst encoded as Append encodes, returning the picture's
// size in pixels.
//
// The picture is drawn and encoded in bands of rows, into one buffer of
// about bandBytes: d draws once, onto a recording, and each band plays
// what of it may paint the band's rows. Every pixel comes out as Draw
// paints it (each primitive paints a pixel from the drawing alone,
// nothing drawn before it, and a band is the picture's own coordinates
// clipped), so the PNG is the same byte for byte; but a picture of a
// megabyte of pixels touches a quarter of that, and fresh memory costs a
// page fault per 4 KB page. The price is CPU for shapes the rasteriser
// fills (curves, hatches, clips, a line chart's line), rasterised whole
// for every band they cross: Render suits pictures of text and
// rectangles, such as a funnel or a heat map.
func Render(dst []byte, d canvas.Drawing, scale float64) (out []byte, w, h int, err error) {
	return render(dst, d, scale, bandBytes)
}

// render is Render drawing into bands of about limit bytes of pixels (at
// least a row).
func render(dst []byte, d canvas.Drawing, scale float64, limit int) (out []byte, w, h int, err error) {
	dw, dh := d.Size()
	pw, ph := math.Round(dw*scale), math.Round(dh*scale)
	if !(pw >= 1 && ph >= 1 && pw <= MaxSide && ph <= MaxSide) {
		return dst, 0, 0, errors.New("png: drawing size out of range")
	}
	w, h = int(pw), int(ph)
	if w*h > MaxPixels || !(scale > 0) || math.IsInf(scale, 0) {
		return dst, 0, 0, errors.New("png: canvas size out of range")
	}
	var rec recording
	if err := d.Draw(&rec); err != nil {
		return dst, 0, 0, err
	}
	rows := max(1, min(h, limit/(4*w)))
	band := &image.RGBA{Pix: newPixels(4 * w * rows), Stride: 4 * w}
	defer Recycle(band)
	c := &Canvas{img: band, scale: scale, ras: raster.NewRasterizer(w, h), faces: map[faceKey]font.Face{}}
	var e encoder
	if err := e.begin(dst, w, h); err != nil {
		return dst, 0, 0, err
	}
	for y := 0; y < h; y += rows {
		n := min(rows, h-y)
		band.Pix = band.Pix[:4*w*n]
		clear(band.Pix)
		band.Rect = image.Rect(0, y, w, y+n)
		// Two pixels' margin: antialiasing reaches a pixel beyond a
		// shape's edge.
		rec.play(c, float64(y)/scale, float64(y+n)/scale, 2/scale)
		for len(c.layers) > 0 {
			c.PopClip()
		}
		if c.err != nil {
			return dst, 0, 0, c.err
		}
		e.rows(band)
	}
	return e.end(), w, h, nil
}

// recording is a canvas that keeps what is drawn on it, to draw it again
// (play) on another, band by band.
type recording struct{ ops []op }

// op is one call on the canvas, and the rows, in millimetres from the
// top, that it may paint: lo to hi, or every row when always is set (a
// clip, or a figure's start or end, which paint nothing but change what
// follows). A range with NaN in it is played in every band.
type op struct {
	draw   func(canvas.Canvas)
	lo, hi float64
	always bool
}

var _ canvas.Canvas = (*recording)(nil)

// copyPath is p as it is now, and the rows it covers, widened by pad
// millimetres either side: a drawing may change a path after drawing it.
func copyPath(p *canvas.Path, pad float64) (q *canvas.Path, lo, hi float64) {
	c := *p
	c.Steps = slices.Clone(p.Steps)
	b, ok := p.Bounds()
	if !ok {
		return &c, math.NaN(), math.NaN()
	}
	return &c, b.Min.Y - pad, b.Max.Y + pad
}

func (r *recording) add(draw func(canvas.Canvas), lo, hi float64) {
	r.ops = append(r.ops, op{draw: draw, lo: lo, hi: hi})
}

func (r *recording) always(draw func(canvas.Canvas)) {
	r.ops = append(r.ops, op{draw: draw, always: true})
}

func (r *recording) Fill(p *canvas.Path, col canvas.Color) {
	p, lo, hi := copyPath(p, 0)
	r.add(func(c canvas.Canvas) { c.Fill(p, col) }, lo, hi)
}

func (r *recording) Stroke(p *canvas.Path, pen canvas.Pen) {
	p, lo, hi := copyPath(p, math.Abs(pen.Width)/2)
	pen.Dash = slices.Clone(pen.Dash)
	r.add(func(c canvas.Canvas) { c.Stroke(p, pen) }, lo, hi)
}

func (r *recording) Hatch(p *canvas.Path, h canvas.Hatch) {
	p, lo, hi := copyPath(p, 0)
	r.add(func(c canvas.Canvas) { c.Hatch(p, h) }, lo, hi)
}

// Text covers the rows of the bounding boxes of the fonts that draw s
// (a glyph is drawn through a mask of that box).
func (r *recording) Text(s string, f canvas.Font, x, y float64, col canvas.Color) {
	em := f.Size * canvas.PtToMM
	face := f.Face()
	top, bottom := 0.0, 0.0 // ems above and below the baseline
	seen := map[*canvas.Face]bool{}
	for _, ch := range s {
		g := face.For(ch)
		if seen[g] {
			continue
		}
		seen[g] = true
		b := g.TrueType().Bounds(fixed.I(1)) // in 64ths of an em, y up
		top = max(top, float64(b.Max.Y+1)/64)
		bottom = max(bottom, float64(-b.Min.Y+1)/64)
	}
	r.add(func(c canvas.Canvas) { c.Text(s, f, x, y, col) }, y-top*em, y+bottom*em)
}

func (r *recording) PushClip(p *canvas.Path) {
	p, _, _ = copyPath(p, 0)
	r.always(func(c canvas.Canvas) { c.PushClip(p) })
}

func (r *recording) PopClip() { r.always(func(c canvas.Canvas) { c.PopClip() }) }

func (r *recording) BeginFigure(alt string) {
	r.always(func(c canvas.Canvas) { c.BeginFigure(alt) })
}

func (r *recording) EndFigure() { r.always(func(c canvas.Canvas) { c.EndFigure() }) }

// play draws on c what the recording holds that may paint rows y0 to y1
// (millimetres); pad widens every range, for antialiasing.
func (r *recording) play(c canvas.Canvas, y0, y1, pad float64) {
	for _, o := range r.ops {
		if !o.always && (o.hi+pad < y0 || o.lo-pad > y1) {
			continue
		}
		o.draw(c)
	}
}
