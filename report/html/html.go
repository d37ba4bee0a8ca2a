// Package html writes a document tree as one self-contained, accessible
// HTML page: the web version of a committee paper that a council puts on
// its website beside (or in place of) the PDF.
//
// The page needs nothing but itself: its style sheet is inline, its
// charts are inline SVG drawn through report/canvas/svg (the same drawing
// as the PDF's), it holds no script and fetches nothing. It is built for
// assistive technology first (WCAG 2.2 AA): lang, title, a skip link,
// header, main and footer landmarks, one h1, headings in order, tables
// with captions and header cells, figures named by their alternative
// text, and a page that reflows at 320 CSS pixels. Its print style sheet
// prints it on A4 with table headers repeated, no heading alone at the
// foot of a page, figures kept whole and links' addresses printed.
//
// Like every writer it translates the tree and decides no wording: every
// word on the page comes from the tree (doc.Document.Web holds the few a
// web page has and a printed paper has not).
package html

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strconv"

	"github.com/paperhq/paper/report/canvas/svg"
	"github.com/paperhq/paper/report/doc"
)

// wideColumns is the number of columns above which a table sits in a
// region of its own that scrolls sideways, so that on a narrow screen
// the page reflows and the table alone scrolls (WCAG 1.4.10).
const wideColumns = 4

// Write writes d as an HTML page. It returns an error, never panics, for
// a malformed tree (see doc.Document.Check).
func Write(out io.Writer, d *doc.Document) error {
	if err := d.Check(); err != nil {
		return err
	}
	bw := bufio.NewWriter(out)
	w := &writer{w: bw, d: d}
	w.page()
	if w.err != nil {
		return w.err
	}
	return bw.Flush()
}

type writer struct {
	w   *bufio.Writer
	d   *doc.Document
	err error
	// tables and figures count the tables and figures written, for the
	// ids the page makes for them (each starting "_", which no id in
	// the tree does).
	tables, figures int
	// h1 is set once the page's one h1 is written.
	h1 bool
}

func (w *writer) s(ss ...string) {
	for _, s := range ss {
		w.w.WriteString(s)
	}
}

// esc escapes text and attribute values.
func esc(s string) string { return html.EscapeString(s) }

func (w *writer) page() {
	d := w.d
	lang := d.Meta.Language
	if lang == "" {
		lang = "en-GB"
	}
	title := d.Web.Title
	if title == "" {
		title = d.Meta.Title
	}
	w.s("<!DOCTYPE html>\n<html lang=\"", esc(lang), "\">\n<head>\n<meta charset=\"utf-8\">\n",
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
		"<title>", esc(title), "</title>\n")
	if d.Meta.Author != "" {
		w.s("<meta name=\"author\" content=\"", esc(d.Meta.Author), "\">\n")
	}
	if d.Meta.Subject != "" {
		w.s("<meta name=\"description\" content=\"", esc(d.Meta.Subject), "\">\n")
	}
	if !d.Meta.Date.IsZero() {
		w.s("<meta name=\"dcterms.date\" content=\"", d.Meta.Date.UTC().Format("2006-01-02"), "\">\n")
	}
	w.s("<style>\n", styleSheet(d.Style), "</style>\n</head>\n<body>\n")
	if d.Web.SkipLink != "" {
		w.s("<a class=\"skip\" href=\"#_main\">", esc(d.Web.SkipLink), "</a>\n")
	}
	w.s("<header>\n")
	if d.Page.Marking != "" {
		w.s("<p class=\"marking\">", esc(d.Page.Marking), "</p>\n")
	}
	if d.Page.Draft != "" {
		w.s("<p class=\"draft\">", esc(d.Page.Draft), "</p>\n")
	}
	if d.Page.Stamp != "" {
		w.s("<p class=\"stamp\">", esc(d.Page.Stamp), "</p>\n")
	}
	if up := d.Web.Up; up.Text != "" && up.Link != "" {
		w.s("<p class=\"up\"><a href=\"", esc(up.Link), "\">", esc(up.Text), "</a></p>\n")
	}
	w.s("</header>\n<main id=\"_main\" tabindex=\"-1\">\n")
	if !hasTitle(d.Blocks) {
		w.title(nil)
	}
	w.blocks(d.Blocks)
	w.s("</main>\n<footer>\n")
	if d.Page.Marking != "" {
		w.s("<p class=\"marking\">", esc(d.Page.Marking), "</p>\n")
	}
	w.s("</footer>\n</body>\n</html>\n")
}

func hasTitle(bs []doc.Block) bool {
	for _, b := range bs {
		if _, ok := b.(*doc.Title); ok {
			return true
		}
	}
	return false
}

// title writes the banner (the council's name above the committee's) and
// the page's one h1, the document's title; a second Title block is a
// banner alone.
func (w *writer) title(t *doc.Title) {
	if t != nil {
		w.s("<div class=\"banner\">\n")
		if t.Kicker != "" {
			w.s("<p class=\"kicker\">", esc(t.Kicker), "</p>\n")
		}
		if t.Text != "" {
			w.s("<p class=\"committee\">", esc(t.Text), "</p>\n")
		}
		w.s("</div>\n")
	}
	if w.h1 {
		return
	}
	text := w.d.Meta.Title
	if text == "" && t != nil {
		text = t.Text
	}
	if text != "" {
		w.s("<h1>", esc(text), "</h1>\n")
		w.h1 = true
	}
}

func (w *writer) blocks(bs []doc.Block) {
	for _, b := range bs {
		w.block(b)
	}
}

func (w *writer) block(b doc.Block) {
	switch b := b.(type) {
	case *doc.Title:
		w.title(b)
	case *doc.Heading:
		// Level 1 (front-sheet headings, numbered sections) is h2 under
		// the page's h1; level 2 is h3, level 3 h4.
		tag := "h" + strconv.Itoa(b.Level+1)
		w.s("<", tag)
		if b.ID != "" {
			w.s(" id=\"", esc(b.ID), "\"")
		}
		w.s(">")
		if b.Number != "" {
			w.s("<span class=\"num\">", esc(b.Number), ".</span> ")
		}
		w.s(esc(b.Text), "</", tag, ">\n")
	case *doc.Paragraph:
		w.s("<p", paraClass(b.Style), ">")
		w.inlines(b.Content)
		w.s("</p>\n")
	case *doc.NumberedParagraph:
		w.s("<div class=\"numbered\"")
		if b.ID != "" {
			w.s(" id=\"", esc(b.ID), "\"")
		}
		w.s(">\n<span class=\"num\">", esc(b.Label), "</span>\n<div class=\"text\">\n")
		w.blocks(b.Blocks)
		w.s("</div>\n</div>\n")
	case *doc.List:
		tag := "ul"
		if b.Ordered {
			tag = "ol"
		}
		w.s("<", tag)
		if b.Ordered && b.Start > 1 {
			w.s(" start=\"", strconv.Itoa(b.Start), "\"")
		}
		w.s(">\n")
		for _, it := range b.Items {
			w.s("<li>")
			w.listItem(it.Blocks)
			w.s("</li>\n")
		}
		w.s("</", tag, ">\n")
	case *doc.Table:
		w.table(b)
	case *doc.Figure:
		w.figure(b)
	case *doc.Image:
		w.image(b)
	case *doc.PageBreak:
		w.s("<div class=\"page-break\"></div>\n")
	default:
		// d.Check refuses unknown kinds; this is for a tree changed
		// since.
		w.fail(fmt.Errorf("html: unknown block type %T", b))
	}
}

func (w *writer) fail(err error) {
	if w.err == nil {
		w.err = err
	}
}

// listItem writes an item's blocks; an item of one paragraph is its text
// alone, so that the list reads as the paper's.
func (w *writer) listItem(bs []doc.Block) {
	if len(bs) == 1 {
		if p, ok := bs[0].(*doc.Paragraph); ok && p.Style == doc.Body {
			w.inlines(p.Content)
			return
		}
	}
	w.s("\n")
	w.blocks(bs)
}

func paraClass(s doc.ParaStyle) string {
	switch s {
	case doc.Note:
		return ` class="note"`
	case doc.Centered:
		return ` class="centred"`
	case doc.Emphasis:
		return ` class="emphasis"`
	}
	return ""
}

// inlines writes runs: bold as strong, italic as em, links (a reference
// to a heading or numbered paragraph links to its id), line breaks.
func (w *writer) inlines(rs []doc.Inline) {
	for _, r := range rs {
		if r.Break {
			w.s("<br>")
			continue
		}
		if r.Text == "" {
			continue
		}
		href := r.Link
		if href == "" && r.Ref != "" {
			href = "#" + r.Ref
		}
		if href != "" {
			w.s("<a href=\"", esc(href), "\">")
		}
		if r.Bold {
			w.s("<strong>")
		}
		if r.Italic {
			w.s("<em>")
		}
		w.s(esc(r.Text))
		if r.Italic {
			w.s("</em>")
		}
		if r.Bold {
			w.s("</strong>")
		}
		if href != "" {
			w.s("</a>")
		}
	}
}

// figure writes a chart as a figure: the drawing as inline SVG named by
// its caption and described by its alternative text, the caption, and
// the chart's figures: printed under it (Data), or as a table in a
// details element (WebData).
func (w *writer) figure(f *doc.Figure) {
	w.figures++
	id := "_figure" + strconv.Itoa(w.figures)
	caption := f.CaptionLine()
	w.s("<figure id=\"", id, "\">\n")
	name := caption
	if name == "" {
		name = f.Label
	}
	if err := svg.Element(w.w, f.Graphic, f.Width, id, name, f.Alt); err != nil {
		w.fail(fmt.Errorf("html: %s: %w", f.Label, err))
		return
	}
	if caption != "" {
		w.s("<figcaption>", esc(caption), "</figcaption>\n")
	}
	if f.Data != nil {
		w.table(f.Data)
	} else if f.WebData != nil {
		w.s("<details>\n<summary>", esc(w.d.Web.ShowData), "</summary>\n")
		w.table(f.WebData)
		w.s("</details>\n")
	}
	w.s("</figure>\n")
}
