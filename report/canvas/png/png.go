// Package png is the raster backend of report/canvas: it draws a
// canvas.Drawing into an RGBA image, antialiased, and encodes it as PNG
// with an encoder made for flat-colour charts. The DOCX writer embeds
// its charts so; any writer that needs a picture can.
//
// Paths are filled and stroked by the rasteriser of
// github.com/golang/freetype/raster (non-zero winding, butt caps, round
// joins); text is drawn from cached glyph masks of Liberation Sans
// (golang.org/x/image/font) at the advances canvas.Font measures. Two
// shapes that make up most of a chart skip the rasteriser and are
// painted by exact coverage: rectangles with horizontal and vertical
// sides (bars, swatches, backgrounds) and horizontal or vertical solid
// lines (axes, gridlines, ticks). A clip draws into a layer the size of
// the clip's bounds, composited through the clip's mask when popped.
package png

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math"
	"sync"

	"github.com/golang/freetype/raster"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/paperhq/paper/report/canvas"
)

// MaxPixels is the largest image New makes.
const MaxPixels = 1 << 26

// Canvas draws onto an RGBA image. Coordinates are the drawing's
// millimetres, multiplied by the scale the canvas was made with.
type Canvas struct {
	img    *image.RGBA
	scale  float64 // pixels per millimetre
	ras    *raster.Rasterizer
	path   raster.Path
	layers []layer // clips, innermost last
	faces  map[faceKey]font.Face
	// err is the first glyph a damaged font file could not draw (a
	// house style's font is the user's file), returned by Draw.
	err error
}

// layer is the target of drawing inside a clip: img covers the clip's
// bounds (nil when they are empty), mask its coverage.
type layer struct {
	img  *image.RGBA
	mask *image.Alpha
}

type faceKey struct {
	face *canvas.Face
	size float64 // pixels per em
}

var _ canvas.Canvas = (*Canvas)(nil)

// New returns a transparent w×h canvas drawing scale pixels per
// millimetre.
func New(w, h int, scale float64) (*Canvas, error) {
	if w < 1 || h < 1 || w > MaxSide || h > MaxSide || w*h > MaxPixels || !(scale > 0) || math.IsInf(scale, 0) {
		return nil, errors.New("png: canvas size out of range")
	}
	img := &image.RGBA{Pix: newPixels(4 * w * h), Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	return &Canvas{img: img, scale: scale, ras: raster.NewRasterizer(w, h), faces: map[faceKey]font.Face{}}, nil
}

// Draw draws d at scale pixels per millimetre onto a new image of d's
// size at that scale (rounded to whole pixels).
func Draw(d canvas.Drawing, scale float64) (*image.RGBA, error) {
	w, h := d.Size()
	pw, ph := math.Round(w*scale), math.Round(h*scale)
	if !(pw >= 1 && ph >= 1 && pw <= MaxSide && ph <= MaxSide) {
		return nil, errors.New("png: drawing size out of range")
	}
	c, err := New(int(pw), int(ph), scale)
	if err != nil {
		return nil, err
	}
	if err := d.Draw(c); err != nil {
		Recycle(c.img)
		return nil, err
	}
	if c.err != nil {
		Recycle(c.img)
		return nil, c.err
	}
	for len(c.layers) > 0 {
		c.PopClip()
	}
	return c.img, nil
}

// Image returns the image drawn so far.
func (c *Canvas) Image() *image.RGBA { return c.img }

// pixels holds the pixel buffers of pictures already encoded, for the
// next picture to draw on: a paper's charts then touch the memory of one
// or two pictures, not of all of them. Fresh memory costs a page fault per
// 4 KB page, a tenth of a build's time before buffers were reused.
var pixels sync.Pool // of *[]uint8

// newPixels returns n zero bytes, recycled when it can.
//
// Every byte is written before anything draws, recycled or not. A new
// buffer is fresh memory from the OS, and drawing reads a pixel before it
// writes it: the read maps the kernel's shared zero page and the write
// then replaces it, flushing the TLB of every CPU the process runs on. On
// a virtual machine those flushes were a quarter of a build's time (perf
// record, on the example paper); written first, a page is mapped once,
// without a flush.
func newPixels(n int) []uint8 {
	var b []uint8
	if p, _ := pixels.Get().(*[]uint8); p != nil && cap(*p) >= n {
		b = (*p)[:n]
	} else {
		b = make([]uint8, n)
	}
	clear(b)
	return b
}

// Recycle gives img's pixels to the next canvas; img must not be used
// again.
func Recycle(img *image.RGBA) {
	p := img.Pix[:0]
	pixels.Put(&p)
}

// target is the image drawing goes to: the innermost clip's layer, or
// the canvas; nil inside an empty clip.
func (c *Canvas) target() *image.RGBA {
	if n := len(c.layers); n > 0 {
		return c.layers[n-1].img
	}
	return c.img
}

func (c *Canvas) fix(p canvas.Point) fixed.Point26_6 {
	return fixed.Point26_6{X: fix(p.X * c.scale), Y: fix(p.Y * c.scale)}
}

// fix converts pixels to 26.6 fixed point, bounded so that a wild
// coordinate cannot overflow the rasteriser's arithmetic.
func fix(v float64) fixed.Int26_6 {
	const lim = 1 << 20
	if !(v > -lim) {
		v = -lim
	}
	if v > lim {
		v = lim
	}
	return fixed.Int26_6(math.Round(v * 64))
}

// fillPath loads p into c.path for filling: every subpath closed.
func (c *Canvas) fillPath(p *canvas.Path) {
	c.path.Clear()
	var start fixed.Point26_6
	open := false
	for _, s := range p.Steps {
		switch s.Op {
		case canvas.MoveTo:
			if open {
				c.path.Add1(start)
			}
			start = c.fix(s.Pts[0])
			c.path.Start(start)
			open = true
		case canvas.LineTo:
			c.path.Add1(c.fix(s.Pts[0]))
		case canvas.CurveTo:
			c.path.Add3(c.fix(s.Pts[0]), c.fix(s.Pts[1]), c.fix(s.Pts[2]))
		case canvas.Close:
			if open {
				c.path.Add1(start)
			}
			open = false
		}
	}
	if open {
		c.path.Add1(start)
	}
}

// paint rasterises what c.ras holds onto dst in col.
func (c *Canvas) paint(dst *image.RGBA, col canvas.Color) {
	p := raster.NewRGBAPainter(dst)
	p.SetColor(color.NRGBA{col.R, col.G, col.B, col.A})
	c.ras.Rasterize(p)
}

// Fill paints the inside of p in col.
func (c *Canvas) Fill(p *canvas.Path, col canvas.Color) {
	dst := c.target()
	if dst == nil || col.A == 0 || len(p.Steps) == 0 {
		return
	}
	if r, ok := p.AxisRect(); ok {
		s := c.scale
		coverRect(dst, r.Min.X*s, r.Min.Y*s, r.Max.X*s, r.Max.Y*s, col)
		return
	}
	c.fillPath(p)
	c.ras.Clear()
	c.ras.UseNonZeroWinding = true
	c.ras.AddPath(c.path)
	c.paint(dst, col)
}

// Stroke paints along p with the pen.
func (c *Canvas) Stroke(p *canvas.Path, pen canvas.Pen) {
	dst := c.target()
	w := pen.Width * c.scale
	if dst == nil || pen.Color.A == 0 || !(w > 0) || math.IsInf(w, 0) || len(p.Steps) == 0 {
		return
	}
	if len(pen.Dash) == 0 && c.strokeFast(dst, p, w/2, pen.Color) {
		return
	}
	c.ras.Clear()
	c.ras.UseNonZeroWinding = true
	width := fix(w)
	if dash := c.dashes(pen.Dash); dash != nil {
		// Each dash a subpath of its own.
		var q raster.Path
		walkDashes(p, dash, 0.1/c.scale, func(a, b canvas.Point, first bool) {
			if first {
				if len(q) > 0 {
					c.ras.AddStroke(q, width, raster.ButtCapper, raster.RoundJoiner)
				}
				q.Clear()
				q.Start(c.fix(a))
			}
			q.Add1(c.fix(b))
		})
		if len(q) > 0 {
			c.ras.AddStroke(q, width, raster.ButtCapper, raster.RoundJoiner)
		}
	} else {
		c.strokePath(p, width)
	}
	c.paint(dst, pen.Color)
}

// strokePath adds p's stroke to the rasteriser, subpath by subpath,
// curves flattened to a fifth of a pixel (the rasteriser's stroker takes
// only lines and quadratics); a closed subpath goes round once more to
// its second point, so that its start is a join, not two caps.
func (c *Canvas) strokePath(p *canvas.Path, width fixed.Int26_6) {
	var q raster.Path
	var first, second fixed.Point26_6
	n := 0 // points in the current subpath
	p.Flatten(0.2/c.scale, func(a, b canvas.Point) {
		if n == 0 {
			first = c.fix(a)
			q.Start(first)
			n = 1
		}
		pt := c.fix(b)
		if n == 1 {
			second = pt
		}
		q.Add1(pt)
		n++
	}, func(closed bool) {
		if closed && n > 2 {
			q.Add1(second)
		}
		if n > 1 {
			c.ras.AddStroke(q, width, raster.ButtCapper, raster.RoundJoiner)
		}
		q.Clear()
		n = 0
	})
}

// dashes returns the pattern, in millimetres, or nil for a solid line:
// an empty pattern, or one too fine to see (under a twentieth of a
// pixel in all).
func (c *Canvas) dashes(d []float64) []float64 {
	var out []float64
	total := 0.0
	for _, v := range d {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil
		}
		v = math.Max(0, v)
		out = append(out, v)
		total += v
	}
	if len(out)%2 == 1 {
		out = append(out, out...)
	}
	if !(total*c.scale > 0.05) {
		return nil
	}
	return out
}

// maxDashes bounds the dashes one stroke draws.
const maxDashes = 100_000

// walkDashes calls seg for every straight piece of p's dashes (pattern
// d), first true where a dash starts; curves are flattened to within
// tol. The pattern restarts with each subpath.
func walkDashes(p *canvas.Path, d []float64, tol float64, seg func(a, b canvas.Point, first bool)) {
	i, left, on := 0, d[0], true
	count := 0
	p.Flatten(tol, func(a, b canvas.Point) {
		l := math.Hypot(b.X-a.X, b.Y-a.Y)
		for pos := 0.0; pos < l && count < maxDashes; {
			step := math.Min(left, l-pos)
			if on && step > 0 {
				seg(lerp(a, b, pos/l), lerp(a, b, (pos+step)/l), left == d[i])
			}
			pos += step
			left -= step
			if left <= 1e-9 {
				i = (i + 1) % len(d)
				left, on = d[i], !on
				count++
			}
		}
	}, func(bool) {
		i, left, on = 0, d[0], true
	})
}

func lerp(a, b canvas.Point, t float64) canvas.Point {
	return canvas.Point{X: a.X + (b.X-a.X)*t, Y: a.Y + (b.Y-a.Y)*t}
}

// strokeFast paints the stroke of a horizontal or vertical line, or of a
// rectangle with horizontal and vertical sides, by exact coverage: what
// the rasteriser paints but for the rounding of a rectangle's outer
// corners (a fraction of a pixel at chart stroke widths). It reports
// false for any other path, which is left to the rasteriser.
func (c *Canvas) strokeFast(dst *image.RGBA, p *canvas.Path, hw float64, col canvas.Color) bool {
	s := c.scale
	st := p.Steps
	if len(st) == 2 && st[0].Op == canvas.MoveTo && st[1].Op == canvas.LineTo {
		a, b := st[0].Pts[0], st[1].Pts[0]
		x0, x1 := math.Min(a.X, b.X)*s, math.Max(a.X, b.X)*s
		y0, y1 := math.Min(a.Y, b.Y)*s, math.Max(a.Y, b.Y)*s
		switch {
		case a.Y == b.Y:
			coverRect(dst, x0, y0-hw, x1, y1+hw, col)
		case a.X == b.X:
			coverRect(dst, x0-hw, y0, x1+hw, y1, col)
		default:
			return false
		}
		return true
	}
	r, ok := p.AxisRect()
	if !ok || len(st) < 5 || st[len(st)-1].Op != canvas.Close {
		return false
	}
	x0, y0, x1, y1 := r.Min.X*s, r.Min.Y*s, r.Max.X*s, r.Max.Y*s
	if x1-x0 <= 2*hw || y1-y0 <= 2*hw {
		coverRect(dst, x0-hw, y0-hw, x1+hw, y1+hw, col)
		return true
	}
	// Four sides that meet without overlapping.
	coverRect(dst, x0-hw, y0-hw, x1+hw, y0+hw, col)
	coverRect(dst, x0-hw, y1-hw, x1+hw, y1+hw, col)
	coverRect(dst, x0-hw, y0+hw, x0+hw, y1-hw, col)
	coverRect(dst, x1-hw, y0+hw, x1+hw, y1-hw, col)
	return true
}

// coverRect paints the rectangle [x0, x1) × [y0, y1), in pixels, in c,
// each pixel in proportion to how much of it the rectangle covers.
//
// Only the rectangle's edge pixels are covered in part: a row's inner
// pixels share one coverage, the row's, so they are painted by a copy
// when opaque and by one blend weight otherwise.
func coverRect(img *image.RGBA, x0, y0, x1, y1 float64, c canvas.Color) {
	b := img.Bounds()
	x0, x1 = math.Max(x0, float64(b.Min.X)), math.Min(x1, float64(b.Max.X))
	y0, y1 = math.Max(y0, float64(b.Min.Y)), math.Min(y1, float64(b.Max.Y))
	if !(x1 > x0 && y1 > y0) {
		return
	}
	cover := func(lo, hi float64, i int) float64 {
		return math.Max(0, math.Min(hi, float64(i+1))-math.Max(lo, float64(i)))
	}
	fx0, fx1 := int(math.Floor(x0)), int(math.Ceil(x1))
	fy0, fy1 := int(math.Floor(y0)), int(math.Ceil(y1))
	first, last := cover(x0, x1, fx0), cover(x0, x1, fx1-1)
	ca := float64(c.A) / 255
	solid := [4]uint8{c.R, c.G, c.B, 255}
	for y := fy0; y < fy1; y++ {
		cy := cover(y0, y1, y)
		row := img.Pix[img.PixOffset(fx0, y) : img.PixOffset(fx1-1, y)+4]
		blend(row[:4], c, cy*first*ca)
		if fx1-fx0 == 1 {
			continue
		}
		blend(row[len(row)-4:], c, cy*last*ca)
		inner := row[4 : len(row)-4]
		if len(inner) == 0 {
			continue
		}
		if a := cy * ca; a >= 1 {
			copy(inner, solid[:])
			for n := 4; n < len(inner); n *= 2 {
				copy(inner[n:], inner[:n])
			}
		} else if a > 0 {
			blendRun(inner, c, a)
		}
	}
}

// blend paints one premultiplied pixel px with c at opacity a: source
// over.
func blend(px []uint8, c canvas.Color, a float64) {
	if a <= 0 {
		return
	}
	if a >= 1 {
		px[0], px[1], px[2], px[3] = c.R, c.G, c.B, 255
		return
	}
	k := 1 - a
	px[0] = uint8(float64(c.R)*a + float64(px[0])*k + 0.5)
	px[1] = uint8(float64(c.G)*a + float64(px[1])*k + 0.5)
	px[2] = uint8(float64(c.B)*a + float64(px[2])*k + 0.5)
	px[3] = uint8(255*a + float64(px[3])*k + 0.5)
}

// blendRun paints every pixel of run as blend does, with the weights
// worked out once.
func blendRun(run []uint8, c canvas.Color, a float64) {
	k := 1 - a
	r, g, bl, al := float64(c.R)*a+0.5, float64(c.G)*a+0.5, float64(c.B)*a+0.5, 255*a+0.5
	for i := 0; i+4 <= len(run); i += 4 {
		px := run[i : i+4 : i+4]
		px[0] = uint8(r + float64(px[0])*k)
		px[1] = uint8(g + float64(px[1])*k)
		px[2] = uint8(bl + float64(px[2])*k)
		px[3] = uint8(al + float64(px[3])*k)
	}
}

func clampInt(v float64, lo, hi int) int {
	switch {
	case !(v > float64(lo)):
		return lo
	case v > float64(hi):
		return hi
	}
	return int(v)
}

// Hatch paints the hatch's stripes across p.
func (c *Canvas) Hatch(p *canvas.Path, h canvas.Hatch) { canvas.HatchByClipping(c, p, h) }

// face returns the cached glyph face of fa at size points at the
// canvas's scale.
func (c *Canvas) face(fa *canvas.Face, size float64) font.Face {
	k := faceKey{fa, size * canvas.PtToMM * c.scale}
	fc, ok := c.faces[k]
	if !ok {
		// A chart uses few glyphs: a small cache is plenty and cheap to
		// allocate.
		fc = truetype.NewFace(fa.TrueType(), &truetype.Options{Size: k.size, DPI: 72, Hinting: font.HintingNone, GlyphCacheEntries: 128})
		c.faces[k] = fc
	}
	return fc
}

// Text draws s with its baseline starting at (x, y), each glyph at the
// advance canvas.Font measures (kerning is not applied, as in the
// measurements). A character the font lacks is drawn in its fallback.
func (c *Canvas) Text(s string, f canvas.Font, x, y float64, col canvas.Color) {
	dst := c.target()
	px := f.Size * canvas.PtToMM * c.scale
	if dst == nil || col.A == 0 || s == "" || !(px > 0) || px > MaxSide {
		return
	}
	src := image.NewUniform(color.NRGBA{col.R, col.G, col.B, col.A})
	face := f.Face()
	fc := c.face(face, f.Size)
	em := 0.0
	for _, r := range s {
		dot := fixed.Point26_6{X: fix((x + em*f.Size*canvas.PtToMM) * c.scale), Y: fix(y * c.scale)}
		em += face.Advance(r)
		gf := fc
		if g := face.For(r); g != face {
			gf = c.face(g, f.Size)
		}
		dr, mask, mp, ok := c.glyph(gf, dot, r, face)
		if !ok {
			continue
		}
		draw.DrawMask(dst, dr, src, image.Point{}, mask, mp, draw.Over)
	}
}

// glyph rasterises r, recording a damaged glyph (which freetype panics
// on) as the canvas's error instead.
func (c *Canvas) glyph(gf font.Face, dot fixed.Point26_6, r rune, face *canvas.Face) (dr image.Rectangle, mask image.Image, mp image.Point, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			if c.err == nil {
				c.err = fmt.Errorf("png: font %q: the glyph for %q is damaged: %v", face.Name(), r, p)
			}
			ok = false
		}
	}()
	dr, mask, mp, _, ok = gf.Glyph(dot, r)
	return dr, mask, mp, ok
}

// Err returns the first glyph of a damaged font the canvas could not
// draw, as Draw does.
func (c *Canvas) Err() error { return c.err }

// PushClip starts drawing into a layer over p's bounds, masked by p.
func (c *Canvas) PushClip(p *canvas.Path) {
	parent := c.target()
	b, ok := p.Bounds()
	var l layer
	if ok && parent != nil {
		s := c.scale
		r := image.Rect(clampInt(math.Floor(b.Min.X*s), -MaxSide, MaxSide), clampInt(math.Floor(b.Min.Y*s), -MaxSide, MaxSide),
			clampInt(math.Ceil(b.Max.X*s), -MaxSide, MaxSide), clampInt(math.Ceil(b.Max.Y*s), -MaxSide, MaxSide)).Intersect(parent.Rect)
		if !r.Empty() {
			l.img = image.NewRGBA(r)
			l.mask = image.NewAlpha(r)
			c.fillPath(p)
			c.ras.Clear()
			c.ras.UseNonZeroWinding = true
			c.ras.AddPath(c.path)
			c.ras.Rasterize(raster.NewAlphaSrcPainter(l.mask))
		}
	}
	c.layers = append(c.layers, l)
}

// PopClip composites the innermost clip's layer through its mask.
func (c *Canvas) PopClip() {
	n := len(c.layers)
	if n == 0 {
		return
	}
	l := c.layers[n-1]
	c.layers = c.layers[:n-1]
	if l.img == nil {
		return
	}
	draw.DrawMask(c.target(), l.img.Rect, l.img, l.img.Rect.Min, l.mask, l.img.Rect.Min, draw.Over)
}

// BeginFigure does nothing: a PNG is one picture, whose alternative
// text the writer embedding it records.
func (c *Canvas) BeginFigure(string) {}

// EndFigure does nothing.
func (c *Canvas) EndFigure() {}
