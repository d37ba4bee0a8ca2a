package docx

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/doc"
)

// writer holds the state of one document being written: the body being
// built, the relationships and media it needs, and the numbering plan.
type writer struct {
	d     *doc.Document
	h     house
	b     xb
	num   numbering
	rels  []rel             // document relationships beyond the fixed parts
	links map[string]string // external URL -> relationship id
	media []media
	// jpeg is set once a JPEG picture is in media.
	jpeg bool
	// charts are the native charts, in order (chart.go).
	charts []chartPart
	svgs   int // SVG image parts among media
	// anchors maps heading IDs to their bookmark names, for "#id" links;
	// marks says which heading carries each bookmark.
	anchors  map[string]string
	marks    map[*doc.Heading]string
	resolved map[string]string // tree link -> hyperlink target
	bookmark int               // last bookmark id
	drawing  int               // last drawing object id
	pics     *pictures         // figure PNGs drawn ahead in parallel (figure.go)
	// afterTable is set when a table was the last thing written, so the
	// next paragraph gets space above it.
	afterTable bool
}

// ctx is where a block sits: inside a numbered paragraph (lists indent
// under its text), at which list depth, how far in, and in which style
// a plain paragraph there continues the number or item above it.
type ctx struct {
	inNP   bool
	depth  int // list nesting depth of the next list
	indent int // left edge of the content, twips
	// cont is the style of a body paragraph here ("" for Normal);
	// contInd says whether its indent must be stated because the style's
	// own indent is for another place.
	cont    string
	contInd bool
}

// blocks writes a sequence of blocks. Two tables in a row get an empty
// paragraph between them: Word would otherwise merge them into one.
func (w *writer) blocks(bs []doc.Block, c ctx) error {
	for i, b := range bs {
		if i > 0 && isTable(bs[i-1]) && isTable(b) && !hasCaption(b) {
			w.b.raw(`<w:p/>`)
		}
		if err := w.block(b, c); err != nil {
			return err
		}
	}
	return nil
}

func isTable(b doc.Block) bool {
	switch b := b.(type) {
	case *doc.Table:
		return b != nil && (len(b.Header) > 0 || len(b.Rows) > 0)
	}
	return false
}

func hasCaption(b doc.Block) bool {
	t, ok := b.(*doc.Table)
	return ok && t != nil && t.CaptionLine() != ""
}

func (w *writer) block(b doc.Block, c ctx) error {
	switch b := b.(type) {
	case *doc.Title:
		if b != nil {
			w.title(b)
		}
	case *doc.Heading:
		if b != nil {
			w.heading(b)
		}
	case *doc.Paragraph:
		if b != nil {
			w.paragraph(b, c)
		}
	case *doc.NumberedParagraph:
		if b != nil {
			return w.numbered(b)
		}
	case *doc.List:
		if b != nil {
			return w.list(b, c)
		}
	case *doc.Table:
		if b != nil {
			w.table(b, c.indent)
		}
	case *doc.Figure:
		if b != nil {
			return w.figure(b, c.indent)
		}
	case *doc.Image:
		if b != nil {
			w.image(b, c.indent)
		}
	case *doc.PageBreak:
		if b != nil {
			w.b.raw(`<w:p><w:r><w:br w:type="page"/></w:r></w:p>`)
			w.afterTable = false
		}
	default:
		// A node kind this writer does not know: fail rather than drop it.
		return fmt.Errorf("docx: cannot write a %T block", b)
	}
	return nil
}

// pPr writes a paragraph's properties in schema order. Only the style,
// keep-with-next, numbering, indentation, alignment and the space after a
// table are ever set on a paragraph; everything typographic comes from
// its style.
func (w *writer) pPr(style string, keepNext bool, num, indent, jc string) {
	gap := w.afterTable && spacedAfterTable(style)
	w.afterTable = false
	if style == "" && !keepNext && num == "" && indent == "" && jc == "" && !gap {
		return
	}
	w.b.raw(`<w:pPr>`)
	if style != "" {
		w.b.raw(`<w:pStyle w:val="` + style + `"/>`)
	}
	if keepNext {
		w.b.raw(`<w:keepNext/>`)
	}
	w.b.raw(num)
	if gap {
		// Word has no space-after for tables, and text set straight
		// under a table's last rule looks like part of it.
		w.b.raw(`<w:spacing w:before="160"/>`)
	}
	w.b.raw(indent)
	if jc != "" {
		w.b.raw(`<w:jc w:val="` + jc + `"/>`)
	}
	w.b.raw(`</w:pPr>`)
}

func (w *writer) title(t *doc.Title) {
	if t.Kicker != "" {
		w.b.raw(`<w:p>`)
		w.pPr(sCouncil, false, "", "", "")
		w.run(doc.Inline{Text: t.Kicker}, false)
		w.b.raw(`</w:p>`)
	}
	w.b.raw(`<w:p>`)
	w.pPr(sTitle, false, "", "", "")
	w.run(doc.Inline{Text: t.Text}, false)
	w.b.raw(`</w:p>`)
}

// heading writes a heading paragraph in the Heading 1-3 style. A numbered
// level 1 heading is in Heading 1 Numbered, based on Heading 1 and linked
// to level 0 of the body's multilevel list, so Word prints and maintains
// "2." and an author adds a section by applying the style; when labels
// do not count, the style carries no numbering and the number is literal
// text in the same hanging indent. (Level 2 and 3 numbers are always
// literal: the tree's counting rule covers level 1 only.) Headings with
// an ID carry a bookmark of that name, the target of internal links and
// Word cross-references.
func (w *writer) heading(h *doc.Heading) {
	w.b.raw(`<w:p>`)
	style := "Heading" + strconv.Itoa(min(max(h.Level, 1), 3))
	label := ""
	switch {
	case h.Number == "":
		w.pPr(style, false, "", "", "")
	case h.Level == 1:
		w.pPr(sHeading1Numbered, false, "", "", "")
		if !w.num.auto {
			label = h.Number + ".\t"
		}
	default:
		w.pPr(style, false, "", ind(npIndent, npIndent), "")
		label = h.Number + ".\t"
	}
	name, hasMark := w.marks[h]
	if hasMark {
		w.bookmark++
		w.b.rawInts(`<w:bookmarkStart w:id="`, w.bookmark, `" w:name="`+name+`"/>`)
	}
	w.run(doc.Inline{Text: label + h.Text}, false)
	if hasMark {
		w.b.rawInts(`<w:bookmarkEnd w:id="`, w.bookmark, `"/>`)
	}
	w.b.raw(`</w:p>`)
}

// spacedAfterTable reports whether a paragraph in style needs space
// above it when it follows a table: the styles without their own space
// before (headings, captions and figures have it).
func spacedAfterTable(style string) bool {
	switch style {
	case "", sNote, sCentred, sNumbered, sNumberedCont:
		return true
	}
	return strings.HasPrefix(style, "List")
}

// paraStyle maps a paragraph role to its style ("" is Normal).
func paraStyle(s doc.ParaStyle) string {
	switch s {
	case doc.Note:
		return sNote
	case doc.Centered:
		return sCentred
	case doc.Emphasis:
		return sProminent
	}
	return ""
}

// paragraph writes an ordinary paragraph in its role's style. Inside a
// numbered paragraph or list item a body paragraph continues it (Numbered
// Paragraph Continue, List Continue); any paragraph there is indented to
// line up with the text above.
func (w *writer) paragraph(p *doc.Paragraph, c ctx) {
	style, in := paraStyle(p.Style), ""
	switch {
	case p.Style == doc.Body && c.cont != "":
		style = c.cont
		if c.contInd {
			in = ind(c.indent, 0)
		}
	case c.indent > 0:
		in = ind(c.indent, 0)
	}
	w.b.raw(`<w:p>`)
	w.pPr(style, false, "", in, "")
	w.inlines(p.Content)
	w.b.raw(`</w:p>`)
}

// leadInlines splits off the content of a leading paragraph, which takes
// the number or list marker.
func leadInlines(bs []doc.Block) ([]doc.Inline, []doc.Block) {
	if len(bs) > 0 {
		if p, ok := bs[0].(*doc.Paragraph); ok && p != nil {
			return p.Content, bs[1:]
		}
	}
	return nil, bs
}

// numbered writes a numbered paragraph: its first paragraph in the
// Numbered Paragraph style (automatically numbered, or with the label as
// text and a tab into the hanging indent), then the rest of its blocks
// indented under the text: further paragraphs in Numbered Paragraph
// Continue, lists on the indented list definitions.
func (w *writer) numbered(np *doc.NumberedParagraph) error {
	first, rest := leadInlines(np.Blocks)
	w.b.raw(`<w:p>`)
	w.pPr(sNumbered, false, "", "", "")
	if !w.num.auto {
		// The style carries no numbering in this mode: the label is
		// text, tabbed into the hanging indent.
		w.run(doc.Inline{Text: np.Label + "\t"}, false)
	}
	w.inlines(first)
	w.b.raw(`</w:p>`)
	return w.blocks(rest, ctx{inNP: true, indent: npIndent, cont: sNumberedCont})
}

// list writes a list: each item's first paragraph in List Bullet or List
// Number (with a suffix for the depth, as Word's built-in "List Bullet
// 2"), numbered by an instance of its own so it starts at Start, and any
// further blocks of the item indented to its text.
func (w *writer) list(l *doc.List, c ctx) error {
	if len(l.Items) == 0 {
		return nil
	}
	ilvl := min(c.depth, 8)
	base, numID := "ListBullet", numBullet
	if c.inNP {
		numID = numBulletNP
	}
	if l.Ordered {
		base, numID = "ListNumber", w.num.ordered(c.inNP, ilvl, min(max(l.Start, 1), 32767))
	}
	textIndent := listStep * (ilvl + 1)
	if c.inNP {
		textIndent += npIndent
	}
	// List Continue's own indent is for a list at the margin; elsewhere
	// the indent is stated.
	inner := ctx{inNP: c.inNP, depth: c.depth + 1, indent: textIndent,
		cont: listStyle("ListContinue", ilvl), contInd: c.inNP || ilvl >= listLevels}
	for _, it := range l.Items {
		first, rest := leadInlines(it.Blocks)
		w.b.raw(`<w:p>`)
		w.pPr(listStyle(base, ilvl), false, numPr(ilvl, numID), "", "")
		w.inlines(first)
		w.b.raw(`</w:p>`)
		if err := w.blocks(rest, inner); err != nil {
			return err
		}
	}
	return nil
}

// inlines writes runs, grouping consecutive runs with the same link into
// one w:hyperlink so a link split by formatting stays one link.
func (w *writer) inlines(rs []doc.Inline) {
	for i := 0; i < len(rs); {
		target := w.linkOf(rs[i])
		j := i + 1
		for j < len(rs) && w.linkOf(rs[j]) == target {
			j++
		}
		if target == "" {
			for _, r := range rs[i:j] {
				w.run(r, false)
			}
			i = j
			continue
		}
		if anchor, ok := strings.CutPrefix(target, "#"); ok {
			w.b.raw(`<w:hyperlink w:anchor="` + anchor + `" w:history="1">`)
		} else {
			w.b.raw(`<w:hyperlink r:id="` + w.linkRel(target) + `" w:history="1">`)
		}
		for _, r := range rs[i:j] {
			w.run(r, true)
		}
		w.b.raw(`</w:hyperlink>`)
		i = j
	}
}

// linkOf returns where a run links: an external URL (http, https,
// mailto) normalised, "#bookmark" for a link to a heading's ID, or "" for
// no link. A line break never links; nor does anything resolveLink
// rejects, whose text is kept without the link.
func (w *writer) linkOf(r doc.Inline) string {
	if r.Link == "" || r.Break {
		return ""
	}
	t, ok := w.resolved[r.Link]
	if !ok {
		t = w.resolveLink(r.Link)
		w.resolved[r.Link] = t
	}
	return t
}

// resolveLink turns a tree link into a hyperlink target, or "" for a link
// with no place in a published paper (javascript:, file:, a malformed
// URL, an anchor no heading has).
func (w *writer) resolveLink(link string) string {
	if id, ok := strings.CutPrefix(link, "#"); ok {
		if name, ok := w.anchors[id]; ok {
			return "#" + name
		}
		return ""
	}
	u, err := url.Parse(strings.TrimSpace(clean(link)))
	if err != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return ""
		}
	case "mailto":
		if u.Opaque == "" {
			return ""
		}
	default:
		return ""
	}
	return uriSafe(u.String())
}

// uriSafe percent-encodes what may not appear in a URI (spaces, controls,
// quotes, angle brackets and the like, and a "%" that starts no escape):
// Word refuses a document whose hyperlink relationship is not a valid
// URI, and url.URL.String leaves an opaque part (mailto:) as it found it.
func uriSafe(s string) string {
	const hex = "0123456789ABCDEF"
	isHex := func(c byte) bool { return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F' }
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		bad := c <= ' ' || c == 0x7F || strings.IndexByte("\"<>\\^`{|}", c) >= 0 ||
			c == '%' && !(i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]))
		if bad {
			sb.WriteByte('%')
			sb.WriteByte(hex[c>>4])
			sb.WriteByte(hex[c&15])
			continue
		}
		sb.WriteByte(c)
	}
	return sb.String()
}

// linkRel returns the relationship id for an external URL, adding one
// relationship per distinct URL in order of first use.
func (w *writer) linkRel(target string) string {
	if id, ok := w.links[target]; ok {
		return id
	}
	id := w.addRel(relHyperlink, target, true)
	w.links[target] = id
	return id
}

// run writes one run. Formatting is by character style: Hyperlink for
// links, else Strong for bold, else Emphasis for italic; a second
// attribute on the same run (bold italic, a bold link) is w:b or w:i,
// since a run takes one character style. Word users see Strong and
// Emphasis in the Styles pane and a house restyles them in one place;
// pandoc resolves both to strong and emphasis.
func (w *writer) run(r doc.Inline, linked bool) {
	if r.Break {
		w.b.raw(`<w:r><w:br/></w:r>`)
		return
	}
	if r.Text == "" {
		return
	}
	style := ""
	bold, italic := r.Bold, r.Italic
	switch {
	case linked:
		style = sHyperlink
	case bold:
		style, bold = sStrong, false
	case italic:
		style, italic = sEmphasis, false
	}
	w.b.raw(`<w:r>`)
	if style != "" || bold || italic {
		w.b.raw(`<w:rPr>`)
		if style != "" {
			w.b.raw(`<w:rStyle w:val="` + style + `"/>`)
		}
		if bold {
			w.b.raw(`<w:b/><w:bCs/>`)
		}
		if italic {
			w.b.raw(`<w:i/><w:iCs/>`)
		}
		w.b.raw(`</w:rPr>`)
	}
	w.b.runText(r.Text)
	w.b.raw(`</w:r>`)
}

// bookmarkName turns a heading ID into a Word bookmark name: letters,
// digits and underscores, starting with a letter, at most 40 characters.
func bookmarkName(id string) string {
	var sb strings.Builder
	for _, r := range id {
		switch {
		case r < 128 && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9'):
			sb.WriteRune(r)
		default:
			sb.WriteByte('_')
		}
	}
	s := sb.String()
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') {
		s = "h_" + s
	}
	if len(s) > 40 {
		s = s[:40]
	}
	return s
}

// collectAnchors names a bookmark for every heading with an ID, in
// document order; a second heading with the same ID, or one whose name
// would clash, gets none.
func (w *writer) collectAnchors() {
	used := map[string]bool{}
	doc.Walk(w.d.Blocks, func(b doc.Block) bool {
		h, ok := b.(*doc.Heading)
		if !ok || h == nil || h.ID == "" {
			return true
		}
		if _, dup := w.anchors[h.ID]; dup {
			return true
		}
		name := bookmarkName(h.ID)
		if used[name] {
			return true
		}
		used[name] = true
		w.anchors[h.ID] = name
		w.marks[h] = name
		return true
	})
}
