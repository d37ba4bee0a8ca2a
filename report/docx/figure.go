package docx

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"math"
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

// pngEncoder favours speed: charts are flat colour, so the fastest
// compression level costs little size (see BenchmarkRenderFigure).
var pngEncoder = png.Encoder{CompressionLevel: png.BestSpeed}

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
		if err := pngEncoder.Encode(&buf, out.img); err != nil {
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
	data, _, _, err := renderPNG(f.Graphic, wt/1440)
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
