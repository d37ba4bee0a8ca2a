// Package pdf writes the document tree as an A4 PDF in the councils'
// standard paper layout, with github.com/go-pdf/fpdf.
//
// The writer only translates the tree: every number and label is already
// in it. It lays text out itself (fpdf's automatic page breaking is off) so
// that it can keep headings with what follows, repeat table header rows on
// every page a table crosses, and number pages "Page N of M" once the total
// is known. Charts are drawn as vectors through report/canvas onto
// the page (see chart.go), with their labels as real, selectable text.
//
// Output is deterministic: the same tree gives the same bytes (fixed
// dates, sorted catalogues, no random identifiers).
package pdf

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/third_party/fpdf"

	"github.com/paperhq/paper/report/doc"
)

// Info describes a written PDF.
type Info struct {
	// Pages is the number of pages written.
	Pages int
}

// A4 page size and the furniture around the body, in millimetres.
const (
	pageW = 210.0
	pageH = 297.0
	// numberedIndent is the hanging indent of numbered paragraphs: the
	// label sits in the gutter, the text to its right.
	numberedIndent = 15.0
	// listIndent is the indent of each list level.
	listIndent = 7.0
	cellPad    = 1.6
)

// Write writes d as a PDF to w. It returns an error, never panics, for any
// tree: a malformed tree is reported by d.Check first.
func Write(w io.Writer, d *doc.Document) (info Info, err error) {
	if d == nil {
		return Info{}, errors.New("pdf: nil document")
	}
	if err := d.Check(); err != nil {
		return Info{}, err
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdf: internal error: %v", r)
		}
	}()
	wr, err := newWriter(d)
	if err != nil {
		return Info{}, err
	}
	if err := wr.run(); err != nil {
		return Info{}, wr.fontError(err)
	}
	// Finish the document first, so that w gets nothing when that
	// fails, then write fpdf's buffer to w as it is, without a copy.
	wr.f.Close()
	if err := wr.f.Error(); err != nil {
		return Info{}, wr.fontError(fmt.Errorf("pdf: %w", err))
	}
	if err := wr.f.Output(w); err != nil {
		return Info{}, err
	}
	return Info{Pages: wr.f.PageCount()}, nil
}

type writer struct {
	d     *doc.Document
	f     *fpdf.Fpdf
	style doc.Style
	// body and heading are the house style's faces, nil for the default
	// Liberation Sans.
	body, headFace *face

	left, right, top, bottom float64 // body area, mm
	y                        float64 // cursor

	// outline holds the heading levels of the bookmarks the next one may
	// nest under, outermost first (see outlineLevel).
	outline []int
	// widths holds the column widths of tables laid out so far: a table
	// is measured for the keep-with-next checks and again to be drawn.
	widths map[geomKey]colWidths
	// wraps holds the lines of text measured before it is drawn (see
	// measure).
	wraps map[wrapKey]wrapped
	// stampSize is the exempt stamp's text size (see stampFit).
	stampSize float64
	// fonts holds the fonts registered so far (family + style).
	fonts map[string]bool
	// fontNames names the house style's font files by fpdf family key.
	fontNames map[string]string
	// curFont tracks the font last set, so we only switch when needed.
	curFam, curStyle string
	curSize          float64
	curColor         [3]int
	// ink, muted and linkInk are the colours of text, of notes, the
	// kicker and headers, and of links: the style's, or the defaults.
	ink, muted, linkInk [3]int
	// stamp is the structure element of the exempt stamp on page 1.
	stamp fpdf.StructElem
	// inArtifact counts the artifacts open: links drawn in one (a
	// repeated header row) get no Link element or annotation.
	inArtifact int
	// tables counts the tables tagged, to make their cells' IDs unique.
	tables int
	// lastHeading is the level of the last heading's tag (see headingRole).
	lastHeading int
	// link is the Link element the last line drawn ended in, if any.
	link openLink
	// err is the first node the writer could not write.
	err error
}

func newWriter(d *doc.Document) (*writer, error) {
	st := d.Style
	if st.BodySize == 0 {
		st = doc.DefaultStyle()
	}
	w := &writer{d: d, style: st, ink: colourOr(st.Text, black), muted: colourOr(st.Muted, grey), linkInk: colourOr(st.Link, linkBlue)}
	var err error
	if w.body, err = faceOf(st.BodyFont); err != nil {
		return nil, err
	}
	w.headFace = w.body
	if st.HeadingFont != nil {
		if w.headFace, err = faceOf(st.HeadingFont); err != nil {
			return nil, err
		}
	}
	w.name(w.body)
	w.name(w.headFace)
	m := st.Margins
	w.top, w.right, w.bottom, w.left = m[0], pageW-m[1], pageH-m[2], m[3]
	if d.Page.Stamp != "" {
		// The body starts below the stamp, clear of it by as much as a
		// one-line stamp at its full size is: each further line of stamp
		// moves the body down a line.
		var n int
		w.stampSize, n = w.stampFit()
		w.top = max(w.top, stampBodyTop+float64(n-1)*lineHeight(w.stampSize))
	}
	return w, nil
}

// The exempt stamp's top and the body's top below a one-line stamp, mm.
const (
	stampTop     = 15.5
	stampBodyTop = 27.0
)

// stampFit chooses the exempt stamp's size and returns it with its number
// of lines: one point above the small size when it fits on one line, else
// the small size when that fits on one line (a long list of exempt
// paragraphs), else the larger size over as many lines as it takes.
func (w *writer) stampFit() (size float64, lines int) {
	width := w.right - w.left
	small := w.style.SmallSize
	stamp := doc.Plain(w.d.Page.Stamp)
	for _, size := range []float64{small + 1, small} {
		if n := len(wrap(w.body, stamp, "B", size, width)); n == 1 {
			return size, 1
		}
	}
	return small + 1, len(wrap(w.body, stamp, "B", small+1, width))
}

// documentDate is the date written into the metadata: the tree's date,
// else a fixed date. Never the wall clock.
func documentDate(d *doc.Document) time.Time {
	if !d.Meta.Date.IsZero() {
		return d.Meta.Date.UTC()
	}
	return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
}

func (w *writer) run() error {
	d := w.d
	f := fpdf.NewCustom(&fpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: fpdf.SizeType{Wd: pageW, Ht: pageH}})
	w.f = f
	f.SetCatalogSort(true)
	f.SetTagged(true)
	date := documentDate(d)
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetTitle(clean(d.Meta.Title), true)
	f.SetAuthor(clean(d.Meta.Author), true)
	f.SetSubject(clean(d.Meta.Subject), true)
	if len(d.Meta.Keywords) > 0 {
		f.SetKeywords(clean(strings.Join(d.Meta.Keywords, ", ")), true)
	}
	f.SetCreator("paper", true)
	f.SetProducer("paper (go-pdf/fpdf)", true)
	lang := d.Meta.Language
	if lang == "" {
		lang = "en-GB"
	}
	f.SetLang(lang)
	f.SetDisplayMode("fullpage", "single")
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(w.left, w.top, pageW-w.right)
	w.newPage()
	w.begin("Document", nil)
	if d.Page.Stamp != "" {
		// The stamp is drawn with the furniture, but read first.
		w.stamp = w.begin("P", nil)
		w.end()
	}
	w.blocks(d.Blocks, w.left, w.right)
	w.end()
	if w.err != nil {
		return w.err
	}
	if err := f.Error(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	w.furniture()
	return f.Error()
}

// newPage starts a page and puts the cursor at the top of the body.
func (w *writer) newPage() {
	w.f.AddPage()
	w.curFam, w.curStyle, w.curSize = "", "", 0
	w.curColor = [3]int{-1, -1, -1}
	w.y = w.top
}

// figureHigh is the tallest a figure's graphic may be, mm: the tree's
// share of the text height (doc.Style.FigureHeight), else all of it.
func (w *writer) figureHigh() float64 {
	h := w.bottom - w.top
	if s := w.style.FigureHeight; s > 0 && s < 1 {
		h *= s
	}
	return h
}

// room is the height left on the page.
func (w *writer) room() float64 { return w.bottom - w.y }

// ensure starts a new page unless h mm fit below the cursor. At the top
// of a page it never breaks (the content is taller than a page).
func (w *writer) ensure(h float64) {
	if h > w.room() && w.y > w.top+0.01 {
		w.newPage()
	}
}

func (w *writer) setFont(family, style string, size float64) {
	if family == w.curFam && style == w.curStyle && size == w.curSize {
		return
	}
	w.useFont(family, style)
	w.f.SetFont(family, style, size)
	w.curFam, w.curStyle, w.curSize = family, style, size
}

func (w *writer) setTextColor(c [3]int) {
	if c == w.curColor {
		return
	}
	w.f.SetTextColor(c[0], c[1], c[2])
	w.curColor = c
}

var (
	black    = [3]int{0, 0, 0}
	grey     = [3]int{90, 90, 90}
	linkBlue = [3]int{0, 70, 160}
)

// hex parses "RRGGBB" into a colour, black on error.
func hex(s string) [3]int {
	if len(s) != 6 {
		return black
	}
	v, err := strconv.ParseUint(s, 16, 32)
	if err != nil {
		return black
	}
	return [3]int{int(v >> 16 & 0xFF), int(v >> 8 & 0xFF), int(v & 0xFF)}
}

// colourOr parses "RRGGBB", or gives def when s is empty or not one.
func colourOr(s string, def [3]int) [3]int {
	if _, err := strconv.ParseUint(s, 16, 32); err != nil || len(s) != 6 {
		return def
	}
	return hex(s)
}

// lineHeight is the distance between baselines for text of size points.
func lineHeight(size float64) float64 { return size * 1.3 * ptToMM }

// drawLine draws one laid-out line with its left edge at x and its top at
// y, in colour c (links in link blue, underlined). The spans of one link
// on the line are one Link element with one annotation, described by
// their text.
func (w *writer) drawLine(ln line, x, y, size float64, c [3]int) {
	base := y + size*ptToMM*0.93
	for i := 0; i < len(ln.spans); {
		link := ln.spans[i].link
		j := i + 1
		for j < len(ln.spans) && ln.spans[j].link == link {
			j++
		}
		tagged := link != "" && w.inArtifact == 0
		if tagged {
			if i == 0 && w.link.url == link {
				w.f.ResumeStruct(w.link.elem)
			} else {
				w.link = openLink{elem: w.begin("Link", nil), url: link}
			}
		}
		x0 := x
		var text strings.Builder
		for _, s := range ln.spans[i:j] {
			if s.text == "" {
				continue
			}
			w.setFont(s.family, s.style, s.size)
			col := c
			if link != "" {
				col = w.linkInk
			}
			w.setTextColor(col)
			w.f.Text(x, base, s.text)
			if link != "" {
				w.artifact("Layout", "", func() {
					w.f.SetDrawColor(col[0], col[1], col[2])
					w.f.SetLineWidth(0.2)
					w.f.Line(x, base+0.6, x+s.w, base+0.6)
				})
			}
			if link != "" {
				text.WriteString(s.text)
			}
			x += s.w
		}
		if tagged && x > x0 {
			desc := strings.TrimSpace(text.String())
			if desc == "" {
				desc = link
			}
			w.f.LinkStringDescribed(x0, y, x-x0, lineHeight(size), link, desc)
		}
		if tagged && j == len(ln.spans) && len(ln.trail) > 0 && ln.trail[0].link == link {
			// The space the line broke at inside the link is the link's,
			// so the link's text keeps its words apart.
			x = w.drawTrail(ln.trail, x, base)
			ln.trail = nil
		}
		if tagged {
			w.end()
		}
		if j < len(ln.spans) || !tagged {
			w.link = openLink{}
		}
		i = j
	}
	w.drawTrail(ln.trail, x, base)
}

// textAt draws s on one line in the body face from x on the baseline
// base, at the advances textWidth measures.
func (w *writer) textAt(s, style string, size, x, base float64) {
	for _, sp := range spans(s, textStyle{style: style, size: size, face: w.body}) {
		w.setFont(sp.family, sp.style, sp.size)
		w.f.Text(x, base, sp.text)
		x += sp.w
	}
}

// drawTrail draws the spaces a line broke at (see line.trail) from x on
// the baseline base, and returns where they end.
func (w *writer) drawTrail(trail []span, x, base float64) float64 {
	for _, s := range trail {
		w.setFont(s.family, s.style, s.size)
		w.f.Text(x, base, s.text)
		x += s.w
	}
	return x
}

// text lays out runs across width and draws them from the cursor, breaking
// pages between lines. align is applied per line.
func (w *writer) text(fc *face, runs []doc.Inline, style string, size, x, width float64, align doc.Align, c [3]int) {
	lh := lineHeight(size)
	for _, ln := range w.lines(fc, runs, style, size, width) {
		w.ensure(lh)
		lx := x
		switch align {
		case doc.Center:
			lx = x + (width-ln.w)/2
		case doc.Right:
			lx = x + width - ln.w
		}
		w.drawLine(ln, lx, w.y, size, c)
		w.y += lh
	}
}
