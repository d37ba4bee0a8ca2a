package docx

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/draw"
	"image/png"
	"io"
	"math"
	"runtime"
	"strconv"
	"sync"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"
	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"

	"github.com/paperhq/paper/report/doc"
)

// Picture resolution. A figure's PNG is at least minPixels wide and at
// least minDPI at its printed size, so it stays sharp when printed and
// when zoomed on screen; the caps bound memory for absurd graphics.
const (
	minPixels = 1200
	minDPI    = 200
	maxSide   = 6000
	maxPixels = 16_000_000
)

// media is an image part.
type media struct {
	name string // part name under word/, e.g. "media/image1.png"
	data []byte
}

// collector receives the chart's bitmap directly (go-chart's raster
// renderer hands an RGBACollector its image instead of encoding it), so
// the writer chooses the PNG encoding; any bytes written are kept too,
// for a Graphic that encodes its own image.
type collector struct {
	bytes.Buffer
	img *image.RGBA
	own bool // img is a pngRenderer's, its pixels from newPixels
}

func (c *collector) SetRGBA(i *image.RGBA) { c.img = i }

// encodePNG writes img as an opaque RGB PNG, flattened onto white: a
// chart drawn without a background (or with a transparent one) prints on
// white paper, and Word shows it the same on any page colour.
func encodePNG(buf *bytes.Buffer, img *image.RGBA) error {
	out, err := appendPNG(buf.AvailableBuffer(), img)
	if err != nil {
		return err
	}
	buf.Write(out)
	return nil
}

// appendPNG appends img to dst as encodePNG describes.
//
// It is a small encoder made for charts rather than image/png, which is
// many times slower on them: charts are flat colour, so each row is
// filtered with Up when it repeats the row above (all zeros) and Sub
// otherwise (runs of one colour become zeros), instead of trying every
// filter on every row; and the filtered rows are compressed by rleDeflate,
// which codes runs of one byte and nothing else, as zlib's Z_RLE strategy
// does for PNG. Filtering and compressing are one pass: a run of pixels
// of one colour goes to the compressor as one run of zeros, found eight
// bytes at a time, never written out byte by byte (BenchmarkEncodePNG).
func appendPNG(dst []byte, img *image.RGBA) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return dst, errors.New("empty image")
	}
	dst = append(dst, "\x89PNG\r\n\x1a\n"...)
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour
	dst = appendChunk(dst, "IHDR", ihdr[:])

	// The IDAT chunk: its length is filled in when the data is written.
	idat := len(dst)
	dst = append(dst, 0, 0, 0, 0, 'I', 'D', 'A', 'T')
	z := rleDeflate{out: dst}
	z.begin()
	var above []byte
	for y := 0; y < h; y++ {
		start := (y+b.Min.Y-img.Rect.Min.Y)*img.Stride + (b.Min.X-img.Rect.Min.X)*4
		src := img.Pix[start : start+4*w : start+4*w]
		if y > 0 && bytes.Equal(src, above) {
			// Up: every byte equals the one above.
			z.writeByte(2)
			z.writeRun(0, 3*w)
		} else {
			// Sub: each byte less the same byte of the pixel to the left,
			// of the colour flattened onto white (premultiplied colour c
			// over white is c + 255 - alpha). A pixel like its left
			// neighbour, as most are, is three zeros.
			z.writeByte(1)
			var pr, pg, pb byte
			for x := 0; x < w; {
				p := src[4*x : 4*x+4 : 4*x+4]
				k := 255 - p[3]
				r, g, bl := p[0]+k, p[1]+k, p[2]+k
				z.writeByte(r - pr)
				z.writeByte(g - pg)
				z.writeByte(bl - pb)
				pr, pg, pb = r, g, bl
				// The pixels after x like it, two at a time.
				v := binary.LittleEndian.Uint32(p)
				two := uint64(v) | uint64(v)<<32
				j := x + 1
				for j+4 <= w {
					q := src[4*j : 4*j+16 : 4*j+16]
					if (binary.LittleEndian.Uint64(q)^two)|(binary.LittleEndian.Uint64(q[8:])^two) != 0 {
						break
					}
					j += 4
				}
				for j+2 <= w && binary.LittleEndian.Uint64(src[4*j:]) == two {
					j += 2
				}
				if j < w && binary.LittleEndian.Uint32(src[4*j:]) == v {
					j++
				}
				if n := j - x - 1; n > 0 {
					z.writeRun(0, 3*n)
				}
				x = j
			}
		}
		z.reduce()
		above = src
	}
	dst = z.close()
	binary.BigEndian.PutUint32(dst[idat:], uint32(len(dst)-idat-8))
	dst = binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[idat+4:]))
	return appendChunk(dst, "IEND", nil), nil
}

// rleDeflate is a zlib stream (RFC 1950/1951) that codes only runs of
// one byte, as matches at distance 1, with deflate's fixed Huffman codes
// in a single block. On filtered chart rows, which are mostly zeros, it
// compresses nearly as well as zlib's fastest level at a fraction of the
// cost; everything else is a literal.
type rleDeflate struct {
	out   []byte
	acc   uint64 // bits not yet written, least significant first
	n     uint   // how many
	last  byte   // the byte a run would repeat
	run   int    // bytes equal to last not yet coded
	begun bool
	// s1, s2 are the Adler-32 sums, reduced modulo adlerMod by reduce
	// (at least once a row) and after every run.
	s1, s2 uint64
}

// Fixed Huffman codes (RFC 1951 3.2.6), bit-reversed for LSB-first output.
var (
	fixedLit   [288]struct{ code, n uint32 }
	matchCodes [259]struct{ code, n uint32 } // length -> length code, extra bits, distance 1
)

func init() {
	rev := func(v, n uint32) uint32 {
		r := uint32(0)
		for i := uint32(0); i < n; i++ {
			r = r<<1 | (v>>i)&1
		}
		return r
	}
	for v := uint32(0); v < 288; v++ {
		var c, n uint32
		switch {
		case v < 144:
			c, n = 0x30+v, 8
		case v < 256:
			c, n = 0x190+v-144, 9
		case v < 280:
			c, n = v-256, 7
		default:
			c, n = 0xC0+v-280, 8
		}
		fixedLit[v].code, fixedLit[v].n = rev(c, n), n
	}
	base := []uint32{3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258}
	extra := []uint32{0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0}
	for l := uint32(3); l <= 258; l++ {
		k := len(base) - 1
		for base[k] > l {
			k--
		}
		lit := fixedLit[257+k]
		// Length code, its extra bits, then distance code 0 (distance 1):
		// five zero bits.
		matchCodes[l].code = lit.code | (l-base[k])<<lit.n
		matchCodes[l].n = lit.n + extra[k] + 5
	}
}

// begin writes the zlib header and opens the block.
func (z *rleDeflate) begin() {
	z.s1 = 1
	z.out = append(z.out, 0x78, 0x01) // deflate, 32K window, fastest
	z.bits(3, 3)                      // final block, fixed Huffman codes
}

func (z *rleDeflate) bits(code, n uint32) {
	z.acc |= uint64(code) << z.n
	z.n += uint(n)
	if z.n >= 32 {
		z.out = binary.LittleEndian.AppendUint32(z.out, uint32(z.acc))
		z.acc >>= 32
		z.n -= 32
	}
}

// flush codes the pending run: a match when it is long enough to pay,
// else literals.
func (z *rleDeflate) flush() {
	if z.run >= 3 {
		c := matchCodes[z.run]
		z.bits(c.code, c.n)
	} else {
		c := fixedLit[z.last]
		for i := 0; i < z.run; i++ {
			z.bits(c.code, c.n)
		}
	}
	z.run = 0
}

// adlerMod is the modulus of Adler-32.
const adlerMod = 65521

// writeByte writes one byte. The sums are left unreduced: reduce runs at
// least once a row, and a row (at most 1+3×maxSide bytes) cannot take
// them near overflow.
func (z *rleDeflate) writeByte(c byte) {
	z.s1 += uint64(c)
	z.s2 += z.s1
	if z.begun && c == z.last {
		z.run++
		if z.run == 258 {
			z.flush()
		}
		return
	}
	z.flush()
	l := fixedLit[c]
	z.bits(l.code, l.n)
	z.last, z.begun = c, true
}

// writeRun writes n bytes c, as n calls of writeByte would.
func (z *rleDeflate) writeRun(c byte, n int) {
	if n <= 0 {
		return
	}
	if !z.begun || c != z.last {
		z.writeByte(c)
		n--
	}
	// Adler-32 of n bytes c: s1 grows by n*c, s2 by n*s1 plus
	// c*n*(n+1)/2.
	m := uint64(n)
	z.reduce()
	z.s2 = (z.s2 + m%adlerMod*z.s1 + uint64(c)*(m*(m+1)/2%adlerMod)) % adlerMod
	z.s1 = (z.s1 + m*uint64(c)) % adlerMod
	for n > 0 {
		take := min(n, 258-z.run)
		z.run += take
		n -= take
		if z.run == 258 {
			z.flush()
		}
	}
}

// reduce brings the Adler-32 sums below the modulus.
func (z *rleDeflate) reduce() {
	z.s1 %= adlerMod
	z.s2 %= adlerMod
}

// close ends the block and the stream and returns the output with the
// zlib bytes appended.
func (z *rleDeflate) close() []byte {
	z.flush()
	c := fixedLit[256]
	z.bits(c.code, c.n)
	for z.n > 0 {
		z.out = append(z.out, byte(z.acc))
		z.acc >>= 8
		z.n -= min(z.n, 8)
	}
	z.reduce()
	return binary.BigEndian.AppendUint32(z.out, uint32(z.s2<<16|z.s1))
}

// appendChunk appends one PNG chunk: length, type, data and CRC.
func appendChunk(dst []byte, typ string, data []byte) []byte {
	dst = binary.BigEndian.AppendUint32(dst, uint32(len(data)))
	start := len(dst)
	dst = append(dst, typ...)
	dst = append(dst, data...)
	return binary.BigEndian.AppendUint32(dst, crc32.ChecksumIEEE(dst[start:]))
}

// renderPNG draws g as a PNG for a printed width of widthIn inches and
// returns it with its pixel size. g is drawn through a scaled renderer,
// so its layout is exactly that of a GetWidth()×GetHeight() chart.
func renderPNG(g doc.Graphic, widthIn float64) (data []byte, px, py int, err error) {
	gw, gh := float64(g.GetWidth()), float64(g.GetHeight())
	target := math.Max(minPixels, math.Ceil(widthIn*minDPI))
	s := target / gw
	s = math.Min(s, maxSide/gw)
	s = math.Min(s, maxSide/gh)
	s = math.Min(s, math.Sqrt(maxPixels/(gw*gh)))
	if !(s > 0) || math.IsInf(s, 0) {
		return nil, 0, 0, errors.New("graphic size out of range")
	}
	provider := func(w, h int) (chart.Renderer, error) {
		pw, ph := int(math.Round(float64(w)*s)), int(math.Round(float64(h)*s))
		if pw < 1 || ph < 1 || pw > maxSide || ph > maxSide || pw*ph > maxPixels {
			return nil, fmt.Errorf("graphic asks for a %d×%d canvas", w, h)
		}
		r, err := newPNGRenderer(pw, ph)
		if err != nil {
			return nil, err
		}
		r.SetDPI(chart.DefaultDPI * s)
		return &scaled{Renderer: r, s: s}, nil
	}
	var out collector
	defer func() {
		// go-chart panics on some degenerate data (for example a bar chart
		// whose values are all zero); a paper must fail with an error.
		if r := recover(); r != nil {
			err = fmt.Errorf("graphic: %v", r)
		}
	}()
	if err := g.Render(provider, &out); err != nil {
		return nil, 0, 0, err
	}
	if out.img != nil {
		b := out.img.Bounds()
		data, err := appendPNG(make([]byte, 0, b.Dx()*b.Dy()/4), out.img)
		if err != nil {
			return nil, 0, 0, err
		}
		if out.own {
			recyclePixels(out.img)
		}
		return data, b.Dx(), b.Dy(), nil
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(out.Bytes()))
	if err != nil {
		return nil, 0, 0, errors.New("graphic produced no PNG image")
	}
	return out.Bytes(), cfg.Width, cfg.Height, nil
}

// figureSize is a figure's printed size in twips: its Width (or the
// available width when zero, invalid or too wide), the height following
// the graphic's aspect ratio, shrunk if need be so the picture and its
// caption fit on a page.
func (w *writer) figureSize(f *doc.Figure, avail int) (wt, ht float64) {
	wt = float64(avail)
	if f.Width > 0 && !math.IsInf(f.Width, 0) {
		wt = math.Min(float64(twips(f.Width)), wt)
	}
	ratio := float64(f.Graphic.GetHeight()) / float64(f.Graphic.GetWidth())
	ht = wt * ratio
	if limit := float64(w.h.figureHigh); ht > limit {
		ht = limit
		wt = ht / ratio
	}
	return max(wt, 1), max(ht, 1)
}

// figure writes a chart as an inline picture in the Figure style
// (centred, kept with its caption), with its alternative text in
// wp:docPr descr and pic:cNvPr descr (what Word shows under Alt Text and
// screen readers read) and its caption as the title; then the caption
// below ("Figure 1: caption") and the figure's data table, if any.
func (w *writer) figure(f *doc.Figure, indent int) error {
	avail := max(w.h.textWidth-indent, minText)
	wt, ht := w.figureSize(f, avail)
	if w.pics == nil {
		w.pics = w.drawAhead()
	}
	data, err := w.pics.get(f, wt)
	if err != nil {
		return fmt.Errorf("docx: %s: %w", orDefault(f.Label, "figure"), err)
	}
	name := "media/image" + strconv.Itoa(len(w.media)+1) + ".png"
	w.media = append(w.media, media{name: name, data: data})
	rid := w.addRel(relImage, name, false)
	w.drawing++
	id := w.drawing
	cx, cy := int64(math.Round(wt*635)), int64(math.Round(ht*635))
	title := f.Caption
	if title == "" {
		title = f.Label
	}
	b := &w.b
	b.raw(`<w:p>`)
	in := ""
	if indent > 0 {
		in = ind(indent, 0)
	}
	w.pPr(sFigure, false, "", in, "")
	b.raw(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`)
	ext := `cx="` + strconv.FormatInt(cx, 10) + `" cy="` + strconv.FormatInt(cy, 10) + `"`
	b.raw(`<wp:extent ` + ext + `/><wp:effectExtent l="0" t="0" r="0" b="0"/>`)
	b.rawInts(`<wp:docPr id="`, id, `" name="`)
	b.attr(orDefault(f.Label, "Figure "+strconv.Itoa(id)))
	b.raw(`" descr="`)
	b.attr(f.Alt)
	b.raw(`"`)
	if title != "" {
		b.raw(` title="`)
		b.attr(title)
		b.raw(`"`)
	}
	b.raw(`/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="` + nsA + `" noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	b.raw(`<a:graphic xmlns:a="` + nsA + `"><a:graphicData uri="` + nsPic + `"><pic:pic xmlns:pic="` + nsPic + `">`)
	b.rawInts(`<pic:nvPicPr><pic:cNvPr id="`, id, `" name="image`, len(w.media), `.png" descr="`)
	b.attr(f.Alt)
	b.raw(`"/><pic:cNvPicPr/></pic:nvPicPr>`)
	b.raw(`<pic:blipFill><a:blip r:embed="` + rid + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`)
	b.raw(`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ` + ext + `/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`)
	b.raw(`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`)
	if c := f.CaptionLine(); c != "" {
		w.caption(c, false, "center", indent)
	}
	if f.Data != nil {
		w.table(f.Data, indent)
	}
	return nil
}

// pictures are the PNGs of the document's body-level figures, drawn
// ahead, several at once: drawing is most of the cost of a DOCX with
// charts, and each figure is independent of the others.
type pictures struct {
	jobs map[*doc.Figure]*picture
}

// picture is one figure's PNG at one printed width, ready when done is
// closed.
type picture struct {
	wt   float64 // printed width, twips
	done chan struct{}
	data []byte
	err  error
}

// drawAhead starts drawing every body-level figure at the width it will
// have there, at most GOMAXPROCS at a time.
func (w *writer) drawAhead() *pictures {
	p := &pictures{jobs: map[*doc.Figure]*picture{}}
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for _, b := range w.d.Blocks {
		f, ok := b.(*doc.Figure)
		if !ok || f == nil || f.Graphic == nil || p.jobs[f] != nil {
			continue
		}
		wt, _ := w.figureSize(f, max(w.h.textWidth, minText))
		pic := &picture{wt: wt, done: make(chan struct{})}
		p.jobs[f] = pic
		go func() {
			sem <- struct{}{}
			defer func() { <-sem; close(pic.done) }()
			pic.data, _, _, pic.err = renderPNG(f.Graphic, wt/1440)
		}()
	}
	return p
}

// get returns f's PNG for a printed width of wt twips: the one drawn
// ahead when the width matches, else a new drawing.
func (p *pictures) get(f *doc.Figure, wt float64) ([]byte, error) {
	if pic := p.jobs[f]; pic != nil && pic.wt == wt {
		<-pic.done
		return pic.data, pic.err
	}
	data, _, _, err := renderPNG(f.Graphic, wt/1440)
	return data, err
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// pngRenderer is go-chart's raster renderer (chart.PNG) with two changes
// that make charts several times cheaper to draw, the pixels being the
// same but for text antialiasing:
//   - text without rotation is drawn from cached glyph masks
//     (golang.org/x/image/font) instead of tracing and filling every
//     glyph's outline each time;
//   - a filled rectangle on whole pixels (every bar, swatch and
//     background) is a plain fill of those pixels, which is exactly what
//     the rasterizer would paint, without the rasterizer.
//
// Everything else (paths, strokes, dashes, rotated text, measuring) is
// go-chart's drawing package, as in chart.PNG, with text sized as
// go-chart sizes it (size × DPI / 64 pixels).
type pngRenderer struct {
	img   *image.RGBA
	gc    *drawing.RasterGraphicContext
	style chart.Style
	rot   *float64
	// pts are the points of the current path while it can still be a
	// rectangle on whole pixels; rect is false once it cannot.
	pts   []image.Point
	rect  bool
	faces map[faceKey]font.Face
}

type faceKey struct {
	f    *truetype.Font
	size float64
}

var _ chart.Renderer = (*pngRenderer)(nil)

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

// recyclePixels gives img's pixels to the next picture; img must not be
// used again.
func recyclePixels(img *image.RGBA) {
	p := img.Pix[:0]
	pixels.Put(&p)
}

func newPNGRenderer(w, h int) (*pngRenderer, error) {
	img := &image.RGBA{Pix: newPixels(4 * w * h), Stride: 4 * w, Rect: image.Rect(0, 0, w, h)}
	gc, err := drawing.NewRasterGraphicContext(img)
	if err != nil {
		return nil, err
	}
	return &pngRenderer{img: img, gc: gc, rect: true, faces: map[faceKey]font.Face{}}, nil
}

func (r *pngRenderer) ResetStyle() {
	r.style = chart.Style{Font: r.style.Font}
	r.ClearTextRotation()
}

func (r *pngRenderer) GetDPI() float64                   { return r.gc.GetDPI() }
func (r *pngRenderer) SetDPI(dpi float64)                { r.gc.SetDPI(dpi) }
func (r *pngRenderer) SetClassName(string)               {}
func (r *pngRenderer) SetStrokeColor(c drawing.Color)    { r.style.StrokeColor = c }
func (r *pngRenderer) SetStrokeWidth(width float64)      { r.style.StrokeWidth = width }
func (r *pngRenderer) SetStrokeDashArray(dash []float64) { r.style.StrokeDashArray = dash }
func (r *pngRenderer) SetFillColor(c drawing.Color)      { r.style.FillColor = c }
func (r *pngRenderer) SetFont(f *truetype.Font)          { r.style.Font = f }
func (r *pngRenderer) SetFontSize(size float64)          { r.style.FontSize = size }
func (r *pngRenderer) SetFontColor(c drawing.Color)      { r.style.FontColor = c }
func (r *pngRenderer) SetTextRotation(radians float64)   { r.rot = &radians }

func (r *pngRenderer) ClearTextRotation() {
	r.gc.SetMatrixTransform(drawing.NewIdentityMatrix())
	r.rot = nil
}

func (r *pngRenderer) MoveTo(x, y int) {
	r.gc.MoveTo(float64(x), float64(y))
	// A second subpath makes the path more than one rectangle.
	r.rect = r.rect && len(r.pts) == 0
	r.pts = append(r.pts, image.Pt(x, y))
}

func (r *pngRenderer) LineTo(x, y int) {
	r.gc.LineTo(float64(x), float64(y))
	r.pts = append(r.pts, image.Pt(x, y))
}

func (r *pngRenderer) QuadCurveTo(cx, cy, x, y int) {
	r.gc.QuadCurveTo(float64(cx), float64(cy), float64(x), float64(y))
	r.rect = false
}

func (r *pngRenderer) ArcTo(cx, cy int, rx, ry, startAngle, delta float64) {
	r.gc.ArcTo(float64(cx), float64(cy), rx, ry, startAngle, delta)
	r.rect = false
}

func (r *pngRenderer) Close() { r.gc.Close() }

// Circle adds a circle as go-chart's raster renderer does: four quadratic
// curves.
func (r *pngRenderer) Circle(radius float64, x, y int) {
	xf, yf := float64(x), float64(y)
	r.gc.MoveTo(xf-radius, yf)
	r.gc.QuadCurveTo(xf-radius, yf-radius, xf, yf-radius)
	r.gc.QuadCurveTo(xf+radius, yf-radius, xf+radius, yf)
	r.gc.QuadCurveTo(xf+radius, yf+radius, xf, yf+radius)
	r.gc.QuadCurveTo(xf-radius, yf+radius, xf-radius, yf)
	r.rect = false
}

// pixelRect returns the current path as a rectangle when it is one, with
// sides on whole pixels (four corners, closed or back to the start).
func (r *pngRenderer) pixelRect() (image.Rectangle, bool) {
	p := r.pts
	if !r.rect || r.rot != nil || (len(p) != 4 && len(p) != 5) || (len(p) == 5 && p[4] != p[0]) {
		return image.Rectangle{}, false
	}
	for i := 0; i < 4; i++ {
		a, b := p[i], p[(i+1)%4]
		if (a.X == b.X) == (a.Y == b.Y) { // not a horizontal or vertical side
			return image.Rectangle{}, false
		}
	}
	if p[0].X == p[1].X { // sides must alternate
		if p[1].Y != p[2].Y {
			return image.Rectangle{}, false
		}
	} else if p[1].X != p[2].X {
		return image.Rectangle{}, false
	}
	return image.Rectangle{Min: p[0], Max: p[2]}.Canon(), true
}

// endPath forgets the current path.
func (r *pngRenderer) endPath() {
	r.gc.BeginPath()
	r.pts = r.pts[:0]
	r.rect = true
}

func (r *pngRenderer) stroke() {
	r.gc.SetStrokeColor(r.style.StrokeColor)
	r.gc.SetLineWidth(r.style.StrokeWidth)
	r.gc.SetLineDash(r.style.StrokeDashArray, 0)
	r.gc.Stroke()
}

// fillRect paints b with the fill colour, as the rasterizer would.
func (r *pngRenderer) fillRect(b image.Rectangle) {
	c := r.style.FillColor
	op := draw.Over
	if c.A == 255 {
		op = draw.Src
	}
	draw.Draw(r.img, b, image.NewUniform(c), image.Point{}, op)
}

func (r *pngRenderer) Stroke() {
	if !r.strokeFast() {
		r.stroke()
	}
	r.endPath()
}

// strokeFast paints the stroke of a horizontal or vertical line, or of a
// rectangle, on whole pixels as antialiased rectangles, which is what the
// rasterizer paints for them but for the rounding of the corners (less
// than a pixel at chart stroke widths). It reports false for any other
// path, a dashed stroke or a rotation, which are left to the rasterizer.
func (r *pngRenderer) strokeFast() bool {
	p := r.pts
	hw := r.style.StrokeWidth / 2
	if !r.rect || r.rot != nil || len(r.style.StrokeDashArray) > 0 || !(hw > 0) || hw > 8 {
		return false
	}
	c := r.style.StrokeColor
	f := func(v int) float64 { return float64(v) }
	switch {
	case len(p) == 2 && (p[0].X == p[1].X || p[0].Y == p[1].Y):
		a, b := p[0], p[1]
		x0, x1 := math.Min(f(a.X), f(b.X)), math.Max(f(a.X), f(b.X))
		y0, y1 := math.Min(f(a.Y), f(b.Y)), math.Max(f(a.Y), f(b.Y))
		r.aaRect(x0-hw, y0-hw, x1+hw, y1+hw, c)
		return true
	case len(p) == 4 || len(p) == 5:
		b, ok := r.pixelRect()
		if !ok {
			return false
		}
		x0, y0, x1, y1 := f(b.Min.X), f(b.Min.Y), f(b.Max.X), f(b.Max.Y)
		if x1-x0 <= 2*hw || y1-y0 <= 2*hw {
			r.aaRect(x0-hw, y0-hw, x1+hw, y1+hw, c)
			return true
		}
		// Four sides that meet without overlapping.
		r.aaRect(x0-hw, y0-hw, x1+hw, y0+hw, c)
		r.aaRect(x0-hw, y1-hw, x1+hw, y1+hw, c)
		r.aaRect(x0-hw, y0+hw, x0+hw, y1-hw, c)
		r.aaRect(x1-hw, y0+hw, x1+hw, y1-hw, c)
		return true
	}
	return false
}

// aaRect paints the rectangle [x0, x1) × [y0, y1) in c, each pixel in
// proportion to how much of it the rectangle covers.
func (r *pngRenderer) aaRect(x0, y0, x1, y1 float64, c drawing.Color) {
	bounds := r.img.Bounds()
	cover := func(lo, hi float64, i int) float64 {
		return math.Max(0, math.Min(hi, float64(i+1))-math.Max(lo, float64(i)))
	}
	for y := max(int(math.Floor(y0)), bounds.Min.Y); y < min(int(math.Ceil(y1)), bounds.Max.Y); y++ {
		cy := cover(y0, y1, y)
		for x := max(int(math.Floor(x0)), bounds.Min.X); x < min(int(math.Ceil(x1)), bounds.Max.X); x++ {
			a := cy * cover(x0, x1, x) * float64(c.A) / 255
			if a <= 0 {
				continue
			}
			i := r.img.PixOffset(x, y)
			px := r.img.Pix[i : i+4 : i+4]
			if a >= 1 {
				px[0], px[1], px[2], px[3] = c.R, c.G, c.B, 255
				continue
			}
			// Source over, premultiplied.
			k := 1 - a
			px[0] = uint8(float64(c.R)*a + float64(px[0])*k + 0.5)
			px[1] = uint8(float64(c.G)*a + float64(px[1])*k + 0.5)
			px[2] = uint8(float64(c.B)*a + float64(px[2])*k + 0.5)
			px[3] = uint8(255*a + float64(px[3])*k + 0.5)
		}
	}
}

func (r *pngRenderer) Fill() {
	if b, ok := r.pixelRect(); ok {
		r.fillRect(b)
	} else {
		r.gc.SetFillColor(r.style.FillColor)
		r.gc.Fill()
	}
	r.endPath()
}

func (r *pngRenderer) FillStroke() {
	if b, ok := r.pixelRect(); ok {
		r.fillRect(b)
		if !r.strokeFast() {
			r.stroke()
		}
	} else {
		r.gc.SetFillColor(r.style.FillColor)
		r.gc.SetStrokeColor(r.style.StrokeColor)
		r.gc.SetLineWidth(r.style.StrokeWidth)
		r.gc.SetLineDash(r.style.StrokeDashArray, 0)
		r.gc.FillStroke()
	}
	r.endPath()
}

// face returns the cached face of f at the current size.
func (r *pngRenderer) face(f *truetype.Font) font.Face {
	k := faceKey{f, r.style.FontSize * r.gc.GetDPI()}
	fc, ok := r.faces[k]
	if !ok {
		// go-chart sets glyphs at size × DPI / 64 pixels.
		// A chart uses few glyphs: a small cache is plenty and cheap to
		// allocate.
		fc = truetype.NewFace(f, &truetype.Options{Size: k.size / 64, DPI: 72, Hinting: font.HintingNone, GlyphCacheEntries: 128})
		r.faces[k] = fc
	}
	return fc
}

// Text draws body with its baseline starting at (x, y).
func (r *pngRenderer) Text(body string, x, y int) {
	f := r.style.Font
	if f == nil {
		return
	}
	if r.rot == nil {
		d := font.Drawer{Dst: r.img, Src: image.NewUniform(r.style.FontColor), Face: r.face(f), Dot: fixed.P(x, y)}
		d.DrawString(body)
		return
	}
	r.gc.Translate(float64(x), float64(y))
	r.gc.Rotate(*r.rot)
	r.gc.SetFont(f)
	r.gc.SetFontSize(r.style.FontSize)
	r.gc.SetFillColor(r.style.FontColor)
	if _, err := r.gc.CreateStringPath(body, 0, 0); err == nil {
		r.gc.Fill()
	}
	r.endPath()
}

// MeasureText returns the box of body as go-chart's raster renderer
// measures it.
func (r *pngRenderer) MeasureText(body string) chart.Box {
	r.gc.SetFont(r.style.Font)
	r.gc.SetFontSize(r.style.FontSize)
	if r.style.Font == nil {
		return chart.Box{}
	}
	l, t, rr, b, err := r.gc.GetStringBounds(body)
	if err != nil {
		return chart.Box{}
	}
	if l < 0 {
		rr, l = rr-l, 0
	}
	if t < 0 {
		b, t = b-t, 0
	}
	if l > 0 {
		rr, l = rr+l, 0
	}
	if t > 0 {
		b, t = b+t, 0
	}
	box := chart.Box{Top: int(math.Ceil(t)), Left: int(math.Ceil(l)), Right: int(math.Ceil(rr)), Bottom: int(math.Ceil(b))}
	if r.rot == nil {
		return box
	}
	return box.Corners().Rotate(chart.RadiansToDegrees(*r.rot)).Box()
}

// Save hands the image to an RGBACollector, or encodes it as a PNG.
func (r *pngRenderer) Save(w io.Writer) error {
	if c, ok := w.(*collector); ok {
		c.img, c.own = r.img, true
		return nil
	}
	if c, ok := w.(chart.RGBACollector); ok {
		c.SetRGBA(r.img)
		return nil
	}
	return png.Encode(w, r.img)
}
