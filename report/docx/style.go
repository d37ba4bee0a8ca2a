package docx

import (
	"math"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/doc"
)

// A4 in twentieths of a point (twips), the unit of WordprocessingML page
// geometry.
const (
	pageW = 11906
	pageH = 16838
	// minText is the least text width or height kept when margins are
	// absurd: an inch.
	minText = 1440
	// npIndent is the hanging indent of numbered paragraphs (15 mm, as in
	// the PDF): the label sits in the gutter, the text to its right.
	npIndent = 851
	// listStep is the indent of each list level and the gap between a
	// list marker and its text (7.5 mm).
	listStep = 425
	// headerDistance is where headers and footers sit from the page edge
	// (7 mm, as in the PDF).
	headerDistance = 397
)

// twips converts millimetres to twips.
func twips(mm float64) int { return int(math.Round(mm * 1440 / 25.4)) }

// house is the document's house style resolved into WordprocessingML
// units, with every value checked: a style with NaN sizes or a bad colour
// still gives a valid document.
type house struct {
	// font is the body's font family and headFont the headings' (the
	// title's and the council name's too); fonts are the fonts the font
	// table declares, with what their files say about them.
	font, headFont     string
	fonts              []fontDecl
	body, title, small int // half-points
	heading            [3]int
	table, form        int // half-points: grid and form table text
	accent, fill       string
	// text is the body text's colour, empty for Word's automatic
	// colour; muted and link the colours of notes, the council's name
	// and the running title, and of links.
	text, muted, link  string
	top, right, bottom int // margins, twips
	left               int
	// the page's size and the header's and footer's distances from its
	// edges, twips: A4 and 7 mm unless a reference document says
	// otherwise.
	pageW, pageH                   int
	headerDist, footerDist, gutter int
	textWidth, textHigh            int // twips
	// figureHigh is the tallest a figure's picture may be, twips: the
	// tree's share of the text height (doc.Style.FigureHeight).
	figureHigh  int
	figureShare float64 // doc.Style.FigureHeight
	lang        string
}

func resolveHouse(d *doc.Document) house {
	def := doc.DefaultStyle()
	st := d.Style
	if st.BodySize == 0 {
		// A tree without a house style gets the standard one, as in the
		// PDF writer.
		st = def
	}
	h := house{
		font:        strings.TrimSpace(clean(st.Font)),
		accent:      colour(st.Accent, def.Accent),
		fill:        colour(st.HeaderFill, def.HeaderFill),
		text:        colour(st.Text, ""),
		muted:       colour(st.Muted, grey),
		link:        colour(st.Link, linkBlue),
		lang:        language(d.Meta.Language),
		figureShare: st.FigureHeight,
	}
	if h.font == "" {
		h.font = def.Font
	}
	h.fonts = []fontDecl{{name: h.font, family: "auto", pitch: "variable"}}
	if ff := st.BodyFont; ff != nil {
		h.fonts[0] = declare(ff, h.font)
		h.font = h.fonts[0].name
	}
	h.headFont = h.font
	if ff := st.HeadingFont; ff != nil {
		if d := declare(ff, h.font); d.name != h.font {
			h.headFont = d.name
			h.fonts = append(h.fonts, d)
		}
	}
	h.body = halfPoints(st.BodySize, def.BodySize)
	h.title = halfPoints(st.TitleSize, def.TitleSize)
	h.small = halfPoints(st.SmallSize, def.SmallSize)
	for i := range h.heading {
		h.heading[i] = halfPoints(st.HeadingSize[i], float64(h.body)/2)
	}
	h.table = max(h.body-2, 2)
	h.form = max(h.body-4, 2)
	m := [4]int{}
	for i, v := range st.Margins {
		if v >= 0 && v <= 297 {
			m[i] = twips(v)
		} else {
			m[i] = twips(def.Margins[i])
		}
	}
	if m[1]+m[3] > pageW-minText {
		m[1], m[3] = twips(def.Margins[1]), twips(def.Margins[3])
	}
	if m[0]+m[2] > pageH-minText {
		m[0], m[2] = twips(def.Margins[0]), twips(def.Margins[2])
	}
	h.top, h.right, h.bottom, h.left = m[0], m[1], m[2], m[3]
	h.pageW, h.pageH = pageW, pageH
	h.headerDist, h.footerDist = min(headerDistance, h.top), min(headerDistance, h.bottom)
	h.measure()
	return h
}

// measure sets the text area from the page and its margins.
func (h *house) measure() {
	h.textWidth = h.pageW - h.left - h.right - h.gutter
	h.textHigh = h.pageH - h.top - h.bottom
	h.figureHigh = h.textHigh
	if s := h.figureShare; s > 0 && s < 1 {
		h.figureHigh = int(float64(h.textHigh) * s)
	}
}

// halfPoints converts a size in points to half-points, Word's unit for
// font sizes, falling back to def for sizes that are not positive finite
// numbers and clamping to Word's range.
func halfPoints(pt, def float64) int {
	if !(pt > 0) || math.IsInf(pt, 0) {
		pt = def
	}
	return min(max(int(math.Round(pt*2)), 2), 3276)
}

// colour returns s as an upper-case "RRGGBB", or def when s is not one.
func colour(s, def string) string {
	if len(s) != 6 {
		return def
	}
	for i := 0; i < 6; i++ {
		c := s[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return def
		}
	}
	return strings.ToUpper(s)
}

// language returns tag if it looks like a BCP 47 tag, else "en-GB": the
// tag goes into attributes and core properties, where anything else would
// mislead spelling checkers and screen readers.
func language(tag string) string {
	if tag == "" || len(tag) > 35 {
		return "en-GB"
	}
	for i := 0; i < len(tag); i++ {
		c := tag[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return "en-GB"
		}
	}
	return tag
}

// Style identifiers used in document.xml. Names are Word's built-in names
// where a built-in style fits (Word then localises and lists them as
// usual, and pandoc recognises them); the rest are custom styles with
// plain English names a report author can find in the Styles pane. No
// custom style is named like a PDF structure type ("Figure", "Note"):
// LibreOffice's and Word's tagged PDF export map paragraph styles of those
// names onto the tags, which would make a chart's paragraph a Figure
// without alternative text and a note a footnote.
const (
	sNormal           = "Normal"
	sTitle            = "Title"
	sCouncil          = "CouncilName"
	sCaption          = "Caption"
	sNote             = "ExplanatoryNote"
	sCentred          = "CentredText"
	sProminent        = "ProminentStatement"
	sHeading1Numbered = "Heading1Numbered"
	sNumbered         = "NumberedParagraph"
	sNumberedCont     = "NumberedParagraphContinue"
	sFigure           = "ChartPicture"
	sTableText        = "TableText"
	sTableHead        = "TableHeading"
	sFormText         = "FormText"
	sFormHead         = "FormHeading"
	sHeader           = "Header"
	sFooter           = "Footer"
	sRunning          = "RunningTitle"
	sStamp            = "ExemptStamp"
	sStrong           = "Strong"
	sEmphasis         = "Emphasis"
	sHyperlink        = "Hyperlink"
	sDraftMark        = "DraftMark"
	sTable            = "CouncilTable"
)

// listLevels is how many list styles of each kind exist (List Bullet to
// List Bullet 5), as in Word's built-in set.
const listLevels = 5

// listStyle returns the style id of a list paragraph at depth (0-based):
// "ListBullet", "ListBullet2" ... capped at listLevels.
func listStyle(base string, depth int) string {
	if depth <= 0 {
		return base
	}
	return base + strconv.Itoa(min(depth+1, listLevels))
}

// styleDef is one w:style. The property strings are raw XML in schema
// order.
type styleDef struct {
	typ, id, name     string
	basedOn, next     string
	def, q, semi      bool
	ui                int
	pPr, rPr          string
	tblPr, trPr, tcPr string
	cond              string // w:tblStylePr elements
}

func (s styleDef) write(b *xb) {
	b.raw(`<w:style w:type="` + s.typ + `"`)
	if s.def {
		b.raw(` w:default="1"`)
	}
	b.raw(` w:styleId="` + s.id + `"><w:name w:val="`)
	b.attr(s.name)
	b.raw(`"/>`)
	if s.basedOn != "" {
		b.raw(`<w:basedOn w:val="` + s.basedOn + `"/>`)
	}
	if s.next != "" {
		b.raw(`<w:next w:val="` + s.next + `"/>`)
	}
	if s.ui > 0 {
		b.rawInts(`<w:uiPriority w:val="`, s.ui, `"/>`)
	}
	if s.semi {
		b.raw(`<w:semiHidden/><w:unhideWhenUsed/>`)
	}
	if s.q {
		b.raw(`<w:qFormat/>`)
	}
	if s.pPr != "" {
		b.raw(`<w:pPr>` + s.pPr + `</w:pPr>`)
	}
	if s.rPr != "" {
		b.raw(`<w:rPr>` + s.rPr + `</w:rPr>`)
	}
	if s.tblPr != "" {
		b.raw(`<w:tblPr>` + s.tblPr + `</w:tblPr>`)
	}
	if s.trPr != "" {
		b.raw(`<w:trPr>` + s.trPr + `</w:trPr>`)
	}
	if s.tcPr != "" {
		b.raw(`<w:tcPr>` + s.tcPr + `</w:tcPr>`)
	}
	b.raw(s.cond)
	b.raw(`</w:style>`)
}

// rFonts names the house font for every script, escaped.
func rFonts(font string) string {
	var b xb
	b.raw(`<w:rFonts w:ascii="`)
	b.attr(font)
	b.raw(`" w:eastAsia="`)
	b.attr(font)
	b.raw(`" w:hAnsi="`)
	b.attr(font)
	b.raw(`" w:cs="`)
	b.attr(font)
	b.raw(`"/>`)
	return b.String()
}

func sz(halfPts int) string {
	n := strconv.Itoa(halfPts)
	return `<w:sz w:val="` + n + `"/><w:szCs w:val="` + n + `"/>`
}

func color(c string) string { return `<w:color w:val="` + c + `"/>` }

// textColour is the body text's colour run property, none (Word's
// automatic colour) when the style sets none.
func textColour(h house) string {
	if h.text == "" {
		return ""
	}
	return color(h.text)
}

func spacing(before, after int) string {
	return `<w:spacing w:before="` + strconv.Itoa(before) + `" w:after="` + strconv.Itoa(after) + `"/>`
}

func ind(left, hanging int) string {
	s := `<w:ind w:left="` + strconv.Itoa(left) + `"`
	if hanging > 0 {
		s += ` w:hanging="` + strconv.Itoa(hanging) + `"`
	}
	return s + `/>`
}

func numPr(ilvl, numID int) string {
	return `<w:numPr><w:ilvl w:val="` + strconv.Itoa(ilvl) + `"/><w:numId w:val="` + strconv.Itoa(numID) + `"/></w:numPr>`
}

// tabs returns centre and right tab stops for headers and footers across
// the text width.
func (h house) tabs() string {
	return `<w:tabs><w:tab w:val="center" w:pos="` + strconv.Itoa(h.textWidth/2) +
		`"/><w:tab w:val="right" w:pos="` + strconv.Itoa(h.textWidth) + `"/></w:tabs>`
}

const (
	grey     = "595959"
	red      = "AA0000"
	linkBlue = "0046A0"
	rule     = "808080"
)

// stylesXML writes word/styles.xml: the document defaults (font, size,
// language) and every style the body, headers and footers use. All
// typography lives here, so a council restyles a paper by editing styles
// in Word, and document.xml carries no sizes, colours or fonts.
func stylesXML(h house, auto bool) []byte {
	var b xb
	b.Grow(32 << 10)
	b.raw(xmlHeader + `<w:styles xmlns:w="` + nsW + `">`)
	b.raw(`<w:docDefaults><w:rPrDefault><w:rPr>` + rFonts(h.font) + sz(h.body) +
		`<w:lang w:val="` + h.lang + `" w:eastAsia="` + h.lang + `" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
		`<w:pPrDefault><w:pPr><w:widowControl/>` + spacing(0, 160) + `</w:pPr></w:pPrDefault></w:docDefaults>`)
	for _, s := range paperStyles(h, auto) {
		s.write(&b)
	}
	b.raw(`</w:styles>`)
	return b.Bytes()
}

// paperStyles are paper's own style definitions, in the order written.
func paperStyles(h house, auto bool) []styleDef {
	fonts := rFonts(h.font)
	bold := `<w:b/><w:bCs/>`
	italic := `<w:i/><w:iCs/>`
	keep := `<w:keepNext/><w:keepLines/>`
	headFonts := "" // the headings' font, when not the body's
	if h.headFont != h.font {
		headFonts = rFonts(h.headFont)
	}
	headNum, npNum := "", ""
	if auto {
		headNum, npNum = numPr(0, numBody), numPr(1, numBody)
	}
	styles := []styleDef{
		{typ: "paragraph", id: sNormal, name: "Normal", def: true, q: true,
			pPr: spacing(0, 160), rPr: fonts + textColour(h) + sz(h.body)},
		{typ: "character", id: "DefaultParagraphFont", name: "Default Paragraph Font", def: true, ui: 1, semi: true},
		{typ: "table", id: "TableNormal", name: "Normal Table", def: true, ui: 99, semi: true,
			tblPr: `<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>`},
		{typ: "numbering", id: "NoList", name: "No List", def: true, ui: 99, semi: true},

		{typ: "paragraph", id: sCouncil, name: "Council Name", basedOn: sNormal, next: sTitle, q: true, ui: 9,
			pPr: `<w:keepNext/>` + spacing(0, 60), rPr: headFonts + bold + color(h.muted) + sz(h.small+4)},
		{typ: "paragraph", id: sTitle, name: "Title", basedOn: sNormal, next: sNormal, q: true, ui: 10,
			pPr: `<w:keepNext/><w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="` + h.accent + `"/></w:pBdr>` + spacing(0, 360),
			rPr: headFonts + bold + color(h.accent) + `<w:kern w:val="28"/>` + sz(h.title)},
	}
	for i, before := range []int{360, 240, 200} {
		n := strconv.Itoa(i + 1)
		r := bold + color(h.accent)
		if i == 2 {
			r = bold + italic
		}
		styles = append(styles, styleDef{typ: "paragraph", id: "Heading" + n, name: "heading " + n,
			basedOn: sNormal, next: sNormal, q: true, ui: 9,
			pPr: keep + spacing(before, 120) + `<w:outlineLvl w:val="` + strconv.Itoa(i) + `"/>`,
			rPr: headFonts + r + sz(h.heading[i])})
	}
	styles = append(styles,
		styleDef{typ: "paragraph", id: sHeading1Numbered, name: "Heading 1 Numbered", basedOn: "Heading1", next: sNumbered, q: true, ui: 9,
			pPr: headNum + ind(npIndent, npIndent)},
		styleDef{typ: "paragraph", id: sNumbered, name: "Numbered Paragraph", basedOn: sNormal, next: sNumbered, q: true, ui: 11,
			pPr: npNum + ind(npIndent, npIndent)},
		styleDef{typ: "paragraph", id: sNumberedCont, name: "Numbered Paragraph Continue", basedOn: sNormal, next: sNumberedCont, ui: 12,
			pPr: ind(npIndent, 0)},
	)
	for k := 0; k < listLevels; k++ {
		left := strconv.Itoa(listStep * (k + 1))
		styles = append(styles,
			styleDef{typ: "paragraph", id: listStyle("ListBullet", k), name: listName("List Bullet", k), basedOn: sNormal, ui: 99, semi: k > 0,
				pPr: numPr(k, numBullet) + spacing(0, 80) + `<w:ind w:left="` + left + `" w:hanging="` + strconv.Itoa(listStep) + `"/>`},
			styleDef{typ: "paragraph", id: listStyle("ListNumber", k), name: listName("List Number", k), basedOn: sNormal, ui: 99, semi: k > 0,
				pPr: numPr(k, numOrdered) + spacing(0, 80) + `<w:ind w:left="` + left + `" w:hanging="` + strconv.Itoa(listStep) + `"/>`},
			styleDef{typ: "paragraph", id: listStyle("ListContinue", k), name: listName("List Continue", k), basedOn: sNormal, ui: 99, semi: true,
				pPr: spacing(0, 80) + `<w:ind w:left="` + left + `"/>`},
		)
	}
	styles = append(styles,
		styleDef{typ: "paragraph", id: sNote, name: "Explanatory Note", basedOn: sNormal, next: sNormal, q: true, ui: 13,
			rPr: italic + color(h.muted) + sz(h.small)},
		styleDef{typ: "paragraph", id: sCentred, name: "Centred Text", basedOn: sNormal, next: sCentred, ui: 14,
			pPr: `<w:jc w:val="center"/>`},
		styleDef{typ: "paragraph", id: sProminent, name: "Prominent Statement", basedOn: sNormal, next: sNormal, q: true, ui: 15,
			pPr: spacing(240, 240) + `<w:jc w:val="center"/>`, rPr: bold + color(h.accent) + sz(h.title)},
		styleDef{typ: "paragraph", id: sCaption, name: "caption", basedOn: sNormal, next: sNormal, q: true, ui: 35,
			pPr: spacing(120, 120), rPr: bold + sz(max(h.body-2, 2))},
		styleDef{typ: "paragraph", id: sFigure, name: "Chart Picture", basedOn: sNormal, next: sCaption, ui: 36,
			pPr: `<w:keepNext/>` + spacing(240, 0) + `<w:jc w:val="center"/>`},
		styleDef{typ: "paragraph", id: sTableText, name: "Table Text", basedOn: sNormal, ui: 37,
			pPr: spacing(0, 0), rPr: sz(h.table)},
		styleDef{typ: "paragraph", id: sTableHead, name: "Table Heading", basedOn: sTableText, ui: 38,
			pPr: `<w:keepNext/>`, rPr: bold},
		styleDef{typ: "paragraph", id: sFormText, name: "Form Text", basedOn: sNormal, ui: 39,
			pPr: spacing(0, 0), rPr: sz(h.form)},
		styleDef{typ: "paragraph", id: sFormHead, name: "Form Heading", basedOn: sFormText, ui: 40,
			pPr: `<w:keepNext/>`, rPr: bold},
		styleDef{typ: "paragraph", id: sHeader, name: "header", basedOn: sNormal, ui: 99, semi: true,
			pPr: h.tabs() + spacing(0, 0), rPr: sz(h.small)},
		styleDef{typ: "paragraph", id: sFooter, name: "footer", basedOn: sNormal, ui: 99, semi: true,
			pPr: h.tabs() + spacing(0, 0), rPr: sz(h.small)},
		styleDef{typ: "paragraph", id: sRunning, name: "Running Title", basedOn: sHeader, ui: 41,
			pPr: `<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="2" w:color="` + rule + `"/></w:pBdr>` + spacing(40, 0),
			rPr: color(h.muted)},
		styleDef{typ: "paragraph", id: sStamp, name: "Exempt Stamp", basedOn: sHeader, ui: 42,
			pPr: spacing(60, 200) + `<w:jc w:val="center"/>`, rPr: bold + color(red) + sz(h.small+2)},

		styleDef{typ: "character", id: sStrong, name: "Strong", basedOn: "DefaultParagraphFont", q: true, ui: 22, rPr: bold},
		styleDef{typ: "character", id: sEmphasis, name: "Emphasis", basedOn: "DefaultParagraphFont", q: true, ui: 20, rPr: italic},
		styleDef{typ: "character", id: sHyperlink, name: "Hyperlink", basedOn: "DefaultParagraphFont", ui: 99, semi: true,
			rPr: color(h.link) + `<w:u w:val="single"/>`},
		styleDef{typ: "character", id: sDraftMark, name: "Draft Mark", basedOn: "DefaultParagraphFont", ui: 43, rPr: bold + color(red)},

		styleDef{typ: "table", id: sTable, name: "Council Table", basedOn: "TableNormal", ui: 39,
			pPr: spacing(0, 0),
			tblPr: `<w:tblBorders>` + border("top") + border("left") + border("bottom") + border("right") +
				border("insideH") + border("insideV") + `</w:tblBorders>` +
				`<w:tblCellMar><w:top w:w="57" w:type="dxa"/><w:left w:w="85" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>`,
			cond: `<w:tblStylePr w:type="firstRow"><w:rPr>` + bold + `</w:rPr><w:tcPr>` +
				headerCell(h) + `</w:tcPr></w:tblStylePr>`},
	)
	return styles
}

func border(side string) string {
	return `<w:` + side + ` w:val="single" w:sz="4" w:space="0" w:color="` + rule + `"/>`
}

// headerCell is the tcPr content of a header cell: the header fill. The
// table style applies it to the first header row; the writer repeats it
// on further header rows, which table styles cannot address.
func headerCell(h house) string {
	return `<w:shd w:val="clear" w:color="auto" w:fill="` + h.fill + `"/>`
}

func listName(base string, depth int) string {
	if depth <= 0 {
		return base
	}
	return base + " " + strconv.Itoa(depth+1)
}
