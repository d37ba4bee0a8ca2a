package docx

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path"
	"runtime"
	"strconv"

	"github.com/paperhq/paper/report/canvas/png"
	"github.com/paperhq/paper/report/canvas/svg"
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

// A figure that is an SVG picture (a graphic with no native chart form,
// when charts are native) carries a PNG for applications that cannot
// read SVG: at least fallbackPixels wide and fallbackDPI at its printed
// size: about half the print picture's pixels, still fit to print from
// an application that shows the PNG (LibreOffice 7 does).
const (
	fallbackPixels = 900
	fallbackDPI    = 150
)

// media is an image part.
type media struct {
	name    string // part name under word/, e.g. "media/image1.png"
	data    []byte
	deflate bool // text (SVG): deflate rather than store
}

// The SVG picture extension of a:blip (Office 2016 and later).
const (
	svgBlipExt = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
	nsASVG     = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
)

// renderPNG draws g as a PNG for a printed width of widthIn inches and
// returns it with its pixel size: at least minPixels wide and minDPI at
// that width, within the caps, through report/canvas/png.
func renderPNG(g doc.Graphic, widthIn float64) (data []byte, px, py int, err error) {
	return renderPNGAt(g, widthIn, minPixels, minDPI, false)
}

// renderPNGAt is renderPNG at least minPx wide and dpi at widthIn. With
// banded, the picture is drawn and encoded a band of rows at a time
// (png.Render), the same bytes: an SVG's fallback, a funnel or heat map
// of a megabyte of pixels, then touches a quarter of that fresh memory
// (180 fewer page faults a build of the example). Print pictures are
// drawn whole: their line charts and hatched bars go through the
// rasteriser again in every band they cross, 25% more CPU in bands.
func renderPNGAt(g doc.Graphic, widthIn, minPx, dpi float64, banded bool) (data []byte, px, py int, err error) {
	defer func() {
		// A graphic that panics (a bug in it) fails the paper with an
		// error rather than the process: pictures are drawn on their own
		// goroutines, beyond the command's recovery.
		if r := recover(); r != nil {
			err = fmt.Errorf("graphic: %v", r)
		}
	}()
	gw, gh := g.Size()
	target := math.Max(minPx, math.Ceil(widthIn*dpi))
	s := target / gw
	s = math.Min(s, maxSide/gw)
	s = math.Min(s, maxSide/gh)
	s = math.Min(s, math.Sqrt(maxPixels/(gw*gh)))
	if !(s > 0) || math.IsInf(s, 0) {
		return nil, 0, 0, errors.New("graphic size out of range")
	}
	if banded {
		return png.Render(make([]byte, 0, int(gw*s*gh*s)/4), g, s)
	}
	img, err := png.Draw(g, s)
	if err != nil {
		return nil, 0, 0, err
	}
	b := img.Bounds()
	data, err = png.Append(make([]byte, 0, b.Dx()*b.Dy()/4), img)
	png.Recycle(img)
	if err != nil {
		return nil, 0, 0, err
	}
	return data, b.Dx(), b.Dy(), nil
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
	gw, gh := f.Graphic.Size()
	ratio := gh / gw
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
	cx, cy := int64(math.Round(wt*635)), int64(math.Round(ht*635))
	title := f.Caption
	if title == "" {
		title = f.Label
	}
	var native *doc.ChartData
	if !f.Picture {
		native = chartData(f)
	}
	var rid, svgRid string
	if native != nil {
		var err error
		if rid, err = w.nativeChart(native); err != nil {
			return fmt.Errorf("docx: %s: %w", orDefault(f.Label, "figure"), err)
		}
	}
	if native == nil {
		if w.pics == nil {
			w.pics = w.drawAhead()
		}
		data, err := w.pics.get(f, wt)
		if err != nil {
			return fmt.Errorf("docx: %s: %w", orDefault(f.Label, "figure"), err)
		}
		rid = w.addMedia("png", data, false)
		if !f.Picture {
			if svgRid, err = w.svgPicture(f); err != nil {
				return fmt.Errorf("docx: %s: %w", orDefault(f.Label, "figure"), err)
			}
		}
	}
	b := &w.b
	b.raw(`<w:p>`)
	in := ""
	if indent > 0 {
		in = ind(indent, 0)
	}
	w.pPr(sFigure, false, "", in, "")
	if native != nil {
		w.chartFrame(f, rid, cx, cy, title)
	} else {
		w.picture(orDefault(f.Label, ""), f.Alt, rid, svgRid, cx, cy, title)
	}
	b.raw(`</w:p>`)
	if c := f.CaptionLine(); c != "" {
		w.caption(c, false, "center", indent)
	}
	if f.Data != nil {
		w.table(f.Data, indent)
	}
	return nil
}

// picture writes the inline picture of media rid (and of the SVG svgRid,
// when set, which applications that read SVG show instead): its printed
// size, its alternative text alt in wp:docPr and pic:cNvPr and its title;
// label names it (empty: "Figure N").
func (w *writer) picture(label, alt, rid, svgRid string, cx, cy int64, title string) {
	b := &w.b
	id, ext := w.inline(label, alt, cx, cy, title)
	b.raw(`<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="` + nsA + `" noChangeAspect="1"/></wp:cNvGraphicFramePr>`)
	b.raw(`<a:graphic xmlns:a="` + nsA + `"><a:graphicData uri="` + nsPic + `"><pic:pic xmlns:pic="` + nsPic + `">`)
	n := len(w.media)
	if svgRid != "" {
		n-- // the PNG is the part before its SVG
	}
	b.rawInts(`<pic:nvPicPr><pic:cNvPr id="`, id, `" name="`)
	b.attr(path.Base(w.media[n-1].name))
	b.raw(`" descr="`)
	b.attr(alt)
	b.raw(`"/><pic:cNvPicPr/></pic:nvPicPr>`)
	if svgRid == "" {
		b.raw(`<pic:blipFill><a:blip r:embed="` + rid + `"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>`)
	} else {
		b.raw(`<pic:blipFill><a:blip r:embed="` + rid + `"><a:extLst><a:ext uri="` + svgBlipExt + `">` +
			`<asvg:svgBlip xmlns:asvg="` + nsASVG + `" r:embed="` + svgRid + `"/></a:ext></a:extLst></a:blip>` +
			`<a:stretch><a:fillRect/></a:stretch></pic:blipFill>`)
	}
	b.raw(`<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext ` + ext + `/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>`)
	b.raw(`</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>`)
}

// image writes a picture that is not a chart (the logo) in a paragraph
// of its own at the left margin, kept with what follows.
func (w *writer) image(im *doc.Image, indent int) {
	wt := math.Min(float64(twips(im.Width)), float64(max(w.h.textWidth-indent, minText)))
	ht := wt * float64(im.PixelHeight) / float64(im.PixelWidth)
	in := ""
	if indent > 0 {
		in = ind(indent, 0)
	}
	rid := w.addMedia(im.Format, im.Data, false)
	w.b.raw(`<w:p>`)
	w.pPr("", true, "", in, "")
	w.picture("Logo", im.Alt, rid, "", int64(math.Round(wt*635)), int64(math.Round(ht*635)), "")
	w.b.raw(`</w:p>`)
}

// inline opens an inline drawing, cx by cy EMU, up to its wp:docPr: the
// drawing's id, its name (label, else "Figure N"), its alternative text
// alt (descr, what Word shows under Alt Text and screen readers read) and
// title. It returns the id and the size as attributes for the graphic's
// own extent.
func (w *writer) inline(label, alt string, cx, cy int64, title string) (id int, ext string) {
	b := &w.b
	w.drawing++
	id = w.drawing
	b.raw(`<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">`)
	ext = `cx="` + strconv.FormatInt(cx, 10) + `" cy="` + strconv.FormatInt(cy, 10) + `"`
	b.raw(`<wp:extent ` + ext + `/><wp:effectExtent l="0" t="0" r="0" b="0"/>`)
	b.rawInts(`<wp:docPr id="`, id, `" name="`)
	b.attr(orDefault(label, "Figure "+strconv.Itoa(id)))
	b.raw(`" descr="`)
	b.attr(alt)
	b.raw(`"`)
	if title != "" {
		b.raw(` title="`)
		b.attr(title)
		b.raw(`"`)
	}
	b.raw(`/>`)
	return id, ext
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
		if !ok || f == nil || f.Graphic == nil || p.jobs[f] != nil || chartData(f) != nil {
			continue
		}
		wt, _ := w.figureSize(f, max(w.h.textWidth, minText))
		pic := &picture{wt: wt, done: make(chan struct{})}
		p.jobs[f] = pic
		go func() {
			sem <- struct{}{}
			defer func() { <-sem; close(pic.done) }()
			pic.data, pic.err = pictureFor(f, wt)
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
	return pictureFor(f, wt)
}

// pictureFor draws f's PNG for a printed width of wt twips: at print
// resolution when the figure is a picture only, else (the fallback of
// its SVG) at the lower fallback resolution.
func pictureFor(f *doc.Figure, wt float64) ([]byte, error) {
	var (
		data []byte
		err  error
	)
	if f.Picture {
		data, _, _, err = renderPNG(f.Graphic, wt/1440)
	} else {
		data, _, _, err = renderPNGAt(f.Graphic, wt/1440, fallbackPixels, fallbackDPI, true)
	}
	return data, err
}

// svgPicture adds f's graphic as an SVG image part, from report/canvas/svg,
// and returns its relationship id.
func (w *writer) svgPicture(f *doc.Figure) (rid string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("graphic: %v", r)
		}
	}()
	var buf bytes.Buffer
	if err := svg.Write(&buf, f.Graphic, f.Alt); err != nil {
		return "", err
	}
	return w.addMedia("svg", buf.Bytes(), true), nil
}

// addMedia adds a picture part, word/media/imageN.ext, and returns its
// relationship's id; it notes JPEG and SVG parts, whose content types the
// package then declares. deflate compresses the part (SVG is text).
func (w *writer) addMedia(ext string, data []byte, deflate bool) string {
	name := "media/image" + strconv.Itoa(len(w.media)+1) + "." + ext
	w.media = append(w.media, media{name: name, data: data, deflate: deflate})
	switch ext {
	case "jpeg":
		w.jpeg = true
	case "svg":
		w.svgs++
	}
	return w.addRel(relImage, name, false)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
