package pdf

import (
	"fmt"
	"strconv"

	"github.com/paperhq/paper/report/doc"
)

// gap is the space after a paragraph, in mm.
func (w *writer) gap() float64 { return lineHeight(w.style.BodySize) * 0.5 }

// blocks lays out blocks between x0 and x1 from the cursor.
func (w *writer) blocks(bs []doc.Block, x0, x1 float64) {
	for i, b := range bs {
		if h, ok := b.(*doc.Heading); ok {
			// Keep a heading with the start of what follows it: never
			// alone at the foot of a page.
			need := w.headingHeight(h, x1-x0) + w.headingSpaceBefore(h)
			if i+1 < len(bs) {
				need += w.minHeight(bs[i+1], x1-x0)
			}
			w.ensure(need)
		}
		w.block(b, x0, x1)
	}
}

func (w *writer) block(b doc.Block, x0, x1 float64) {
	switch b := b.(type) {
	case *doc.Title:
		w.title(b, x0, x1)
	case *doc.Heading:
		w.heading(b, x0, x1)
	case *doc.Paragraph:
		w.paragraph(b, x0, x1)
		w.y += w.gap()
	case *doc.NumberedParagraph:
		w.numbered(b, x0, x1)
	case *doc.List:
		w.list(b, x0, x1, 0)
		w.y += w.gap() * 0.6
	case *doc.Table:
		w.table(b, x0, x1)
	case *doc.Figure:
		w.figure(b, x0, x1)
	case *doc.Image:
		w.image(b, x0, x1)
	case *doc.PageBreak:
		if w.y > w.top+0.01 {
			w.newPage()
		}
	default:
		// A node kind this writer does not know: fail rather than drop it.
		if w.err == nil {
			w.err = fmt.Errorf("pdf: cannot write a %T block", b)
		}
	}
}

// minHeight is the least height of b that must sit on a page after a
// heading: two lines of a paragraph, a table's caption, header and first
// row, a whole figure.
func (w *writer) minHeight(b doc.Block, width float64) float64 {
	switch b := b.(type) {
	case *doc.Paragraph:
		size, style := w.paraFont(b.Style)
		n := len(w.measure(w.body, b.Content, style, size, width))
		return float64(min(n, 2)) * lineHeight(size)
	case *doc.NumberedParagraph:
		if len(b.Blocks) == 0 {
			return lineHeight(w.style.BodySize)
		}
		return w.minHeight(b.Blocks[0], width-numberedIndent)
	case *doc.List:
		if len(b.Items) == 0 || len(b.Items[0].Blocks) == 0 {
			return 0
		}
		return w.minHeight(b.Items[0].Blocks[0], width-listIndent)
	case *doc.Table:
		return w.tableLeadHeight(b, width)
	case *doc.Figure:
		return w.figureHeight(b, width)
	case *doc.Image:
		return min(b.Width, width) * float64(b.PixelHeight) / float64(b.PixelWidth)
	case *doc.Heading:
		return w.headingHeight(b, width)
	case *doc.Title:
		return lineHeight(w.style.TitleSize) * 2
	}
	return 0
}

func (w *writer) title(t *doc.Title, x0, x1 float64) {
	if t.Kicker != "" {
		w.begin("P", nil)
		w.text(w.headFace, doc.Plain(t.Kicker), "B", w.style.SmallSize+2, x0, x1-x0, doc.Left, w.muted)
		w.end()
		w.y += 1
	}
	w.begin("P", nil)
	w.text(w.headFace, doc.Plain(t.Text), "B", w.style.TitleSize, x0, x1-x0, doc.Left, hex(w.style.Accent))
	w.end()
	w.y += 1.5
	a := hex(w.style.Accent)
	w.artifact("Layout", "", func() {
		w.f.SetDrawColor(a[0], a[1], a[2])
		w.f.SetLineWidth(0.8)
		w.f.Line(x0, w.y, x1, w.y)
	})
	w.y += 5
}

func (w *writer) headingSize(h *doc.Heading) float64 {
	if h.Level >= 1 && h.Level <= 3 && w.style.HeadingSize[h.Level-1] > 0 {
		return w.style.HeadingSize[h.Level-1]
	}
	return w.style.BodySize
}

func headingText(h *doc.Heading) string {
	if h.Number != "" {
		return h.Number + ". " + h.Text
	}
	return h.Text
}

func headingStyle(h *doc.Heading) string {
	if h.Level == 3 {
		return "BI"
	}
	return "B"
}

func (w *writer) headingSpaceBefore(h *doc.Heading) float64 {
	if w.y <= w.top+0.01 {
		return 0
	}
	if h.Level == 1 {
		return 3.5
	}
	return 2
}

func (w *writer) headingHeight(h *doc.Heading, width float64) float64 {
	size := w.headingSize(h)
	n := len(wrap(w.headFace, doc.Plain(headingText(h)), headingStyle(h), size, width))
	return float64(n)*lineHeight(size) + 1.5
}

func (w *writer) heading(h *doc.Heading, x0, x1 float64) {
	w.y += w.headingSpaceBefore(h)
	size := w.headingSize(h)
	w.ensure(lineHeight(size))
	if h.Level <= 2 {
		// fpdf writes a bookmark's title as UTF-16 only once a UTF-8 font
		// is set: set the heading's font first, or a heading at the top of
		// the first page would have its title written as raw UTF-8 bytes.
		fam, st := w.headFace.styled(headingStyle(h))
		w.setFont(fam, st, size)
		w.f.Bookmark(clean(headingText(h)), w.outlineLevel(h.Level-1), w.y)
	}
	c := w.ink
	if h.Level <= 2 {
		c = hex(w.style.Accent)
	}
	w.begin(w.headingRole(h.Level), nil)
	w.text(w.headFace, doc.Plain(headingText(h)), headingStyle(h), size, x0, x1-x0, doc.Left, c)
	w.end()
	w.y += 1.5
}

// headingRole is the structure role of a heading of level (1-3): Hn,
// except that the first heading is H1 and none is more than one level
// below the one before (PDF/UA: headings never skip a level), so a
// document whose first heading is a subheading (an appendix under its
// title) reads as well structured.
func (w *writer) headingRole(level int) string {
	n := min(max(level, 1), 3, w.lastHeading+1)
	w.lastHeading = n
	return "H" + strconv.Itoa(n)
}

// outlineLevel fits a heading's level (0 for the top) to the outline so
// far: a bookmark nests under the nearest earlier one of a higher level,
// so the first bookmark is at the top level and none is more than one
// level below the one before. fpdf links each bookmark to the last one a
// level above it, so a paper whose first bookmarked heading is a
// subheading would otherwise get an item that is its own parent, which
// PDF readers loop on or drop.
func (w *writer) outlineLevel(level int) int {
	n := len(w.outline)
	for n > 0 && w.outline[n-1] >= level {
		n--
	}
	w.outline = append(w.outline[:n], level)
	return n
}

// paraFont returns the size and base style of a paragraph style.
func (w *writer) paraFont(s doc.ParaStyle) (float64, string) {
	switch s {
	case doc.Note:
		return w.style.SmallSize, "I"
	case doc.Emphasis:
		return w.style.TitleSize, "B"
	}
	return w.style.BodySize, ""
}

// paragraph draws a paragraph as a P element.
func (w *writer) paragraph(p *doc.Paragraph, x0, x1 float64) {
	w.begin("P", nil)
	w.paragraphText(p, x0, x1)
	w.end()
}

// paragraphText draws a paragraph's text in the open element.
func (w *writer) paragraphText(p *doc.Paragraph, x0, x1 float64) {
	size, style := w.paraFont(p.Style)
	align, c := doc.Left, w.ink
	switch p.Style {
	case doc.Centered:
		align = doc.Center
	case doc.Emphasis:
		align = doc.Center
		c = hex(w.style.Accent)
	case doc.Note:
		c = w.muted
	}
	w.text(w.body, p.Content, style, size, x0, x1-x0, align, c)
}

func (w *writer) numbered(n *doc.NumberedParagraph, x0, x1 float64) {
	size := w.style.BodySize
	if len(n.Blocks) > 0 {
		w.ensure(max(lineHeight(size), w.minHeight(n.Blocks[0], x1-(x0+numberedIndent))))
	}
	// The number is the start of the P of the paragraph's first block
	// (on its own when that block is not a paragraph), so it is read
	// with it, as it is printed.
	w.begin("P", nil)
	w.text(w.body, doc.Plain(n.Label), "", size, x0, numberedIndent, doc.Left, w.ink)
	w.y -= lineHeight(size)
	start := w.y
	rest := n.Blocks
	if p, ok := firstParagraph(rest); ok {
		w.paragraphText(p, x0+numberedIndent, x1)
		w.y += w.gap()
		rest = rest[1:]
	}
	w.end()
	w.blocks(rest, x0+numberedIndent, x1)
	if w.y == start {
		w.y += lineHeight(size) + w.gap()
	}
}

// firstParagraph returns bs's first block if it is a paragraph.
func firstParagraph(bs []doc.Block) (*doc.Paragraph, bool) {
	if len(bs) == 0 {
		return nil, false
	}
	p, ok := bs[0].(*doc.Paragraph)
	return p, ok
}

// listMarker returns the marker of item i of l at nesting depth.
func listMarker(l *doc.List, i, depth int) string {
	if !l.Ordered {
		if depth%2 == 1 {
			return "–"
		}
		return "•"
	}
	n := max(l.Start, 1) + i
	if depth%2 == 1 && n >= 1 && n <= 26 {
		return string(rune('a'+n-1)) + "."
	}
	return strconv.Itoa(n) + "."
}

func (w *writer) list(l *doc.List, x0, x1 float64, depth int) {
	size := w.style.BodySize
	lh := lineHeight(size)
	w.begin("L", nil)
	defer w.end()
	for i, it := range l.Items {
		if len(it.Blocks) > 0 {
			w.ensure(max(lh, w.minHeight(it.Blocks[0], x1-(x0+listIndent))))
		} else {
			w.ensure(lh)
		}
		marker := listMarker(l, i, depth)
		w.begin("LI", nil)
		w.begin("Lbl", nil)
		w.text(w.body, doc.Plain(marker), "", size, x0, listIndent, doc.Left, w.ink)
		w.end()
		w.y -= lh
		start := w.y
		w.begin("LBody", nil)
		for j, b := range it.Blocks {
			switch b := b.(type) {
			case *doc.List:
				w.list(b, x0+listIndent, x1, depth+1)
			case *doc.Paragraph:
				w.paragraph(b, x0+listIndent, x1)
				if j < len(it.Blocks)-1 {
					w.y += w.gap() * 0.5
				}
			default:
				w.blocks([]doc.Block{b}, x0+listIndent, x1)
			}
		}
		w.end()
		w.end()
		if w.y == start {
			w.y += lh
		}
		w.y += 1
	}
}
