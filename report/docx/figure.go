package docx

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"image"
	"image/png"
	"math"
	"runtime"
	"strconv"

	"github.com/wcharczuk/go-chart/v2"

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
}

func (c *collector) SetRGBA(i *image.RGBA) { c.img = i }

// encodePNG writes img as an opaque RGB PNG, flattened onto white: a
// chart drawn without a background (or with a transparent one) prints on
// white paper, and Word shows it the same on any page colour.
//
// It is a small encoder made for charts rather than image/png, which is
// three times slower on them: charts are flat colour, so each row is
// filtered with Up when it repeats the row above (all zeros) and Sub
// otherwise (runs of one colour become zeros), instead of trying every
// filter on every row; and zlib's fastest level then compresses the
// zeros to almost nothing (see BenchmarkRenderFigure).
func encodePNG(buf *bytes.Buffer, img *image.RGBA) error {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return errors.New("empty image")
	}
	buf.WriteString("\x89PNG\r\n\x1a\n")
	var ihdr [13]byte
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 8, 2 // 8 bits per sample, truecolour
	writeChunk(buf, "IHDR", ihdr[:])

	var z bytes.Buffer
	z.Grow(w * h / 16)
	zw, err := zlib.NewWriterLevel(&z, zlib.BestSpeed)
	if err != nil {
		return err
	}
	prev, cur := make([]byte, 3*w), make([]byte, 3*w)
	out := make([]byte, 1+3*w)
	for y := 0; y < h; y++ {
		row := img.Pix[(y+b.Min.Y-img.Rect.Min.Y)*img.Stride+(b.Min.X-img.Rect.Min.X)*4:]
		for x, i := 0, 0; x < w; x, i = x+1, i+3 {
			p := row[4*x : 4*x+4 : 4*x+4]
			// Premultiplied colour over white: c + (255 - a).
			k := 255 - p[3]
			cur[i], cur[i+1], cur[i+2] = p[0]+k, p[1]+k, p[2]+k
		}
		if y > 0 && bytes.Equal(cur, prev) {
			out[0] = 2 // Up: every byte equals the one above
			clear(out[1:])
		} else {
			out[0] = 1 // Sub: difference from the pixel to the left
			copy(out[1:4], cur[:3])
			for i := 3; i < len(cur); i++ {
				out[1+i] = cur[i] - cur[i-3]
			}
		}
		if _, err := zw.Write(out); err != nil {
			return err
		}
		prev, cur = cur, prev
	}
	if err := zw.Close(); err != nil {
		return err
	}
	writeChunk(buf, "IDAT", z.Bytes())
	writeChunk(buf, "IEND", nil)
	return nil
}

// writeChunk writes one PNG chunk: length, type, data and CRC.
func writeChunk(buf *bytes.Buffer, typ string, data []byte) {
	var n [4]byte
	binary.BigEndian.PutUint32(n[:], uint32(len(data)))
	buf.Write(n[:])
	buf.WriteString(typ)
	buf.Write(data)
	c := crc32.NewIEEE()
	c.Write([]byte(typ))
	c.Write(data)
	binary.BigEndian.PutUint32(n[:], c.Sum32())
	buf.Write(n[:])
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
		r, err := chart.PNG(pw, ph)
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
		var buf bytes.Buffer
		buf.Grow(out.img.Bounds().Dx() * out.img.Bounds().Dy() / 8)
		if err := encodePNG(&buf, out.img); err != nil {
			return nil, 0, 0, err
		}
		b := out.img.Bounds()
		return buf.Bytes(), b.Dx(), b.Dy(), nil
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
	if limit := float64(w.h.textHigh) * 0.8; ht > limit {
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
	if c := figureCaption(f); c != "" {
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

func figureCaption(f *doc.Figure) string {
	switch {
	case f.Label != "" && f.Caption != "":
		return f.Label + ": " + f.Caption
	case f.Label != "":
		return f.Label
	}
	return f.Caption
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
