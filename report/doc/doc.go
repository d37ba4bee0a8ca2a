// Package doc defines the document tree: the one representation of a
// committee paper that the layout stage builds and every writer translates.
//
// The tree is deliberately small. It knows about headings, numbered
// paragraphs, lists, tables, key-value "facts" tables, figures, page breaks
// and inline runs (bold, italic, link). It does not know about YAML, case
// logs or metrics, and it carries every number and label already computed:
// a writer never numbers, counts or decides wording itself, so the PDF and
// the DOCX of one paper cannot disagree.
//
// Writers translate each node kind into their format (see the pdf and docx
// packages). Adding a format means adding a writer and nothing else.
package doc

import (
	"time"

	"github.com/paperhq/paper/report/canvas"
)

// Document is a whole paper (or a whole pack front sheet): metadata, what
// every page carries, the house style and the body.
type Document struct {
	Meta   Meta
	Page   Page
	Web    Web
	Style  Style
	Blocks []Block
}

// Web is what a web page of the document says that its printed pages do
// not, in the words layout chose; writers of fixed pages ignore it.
type Web struct {
	// Title is the page's title, which a browser's tab, its bookmarks and
	// a screen reader announce first: "Title – Committee – 27 September
	// 2021 – Council".
	Title string
	// SkipLink is the words of the page's first link, to its main
	// content ("Skip to main content").
	SkipLink string
	// ShowData is the words that open a figure's table of figures ("Show
	// the figures in this chart").
	ShowData string
	// Up, when its Text and Link are set, is the link a page of a web
	// site shows above its content to the page it belongs to: a paper on
	// a meeting's agenda site links back to the agenda ("Back to the
	// agenda", index.html).
	Up Inline
}

// Meta is document metadata written into the PDF Info dictionary and the
// DOCX core properties. Screen readers announce the title and language, so
// both must be set for a published paper.
type Meta struct {
	Title    string
	Author   string
	Subject  string
	Keywords []string
	Language string // BCP 47 tag, e.g. "en-GB"
	// Date is written as both creation and modification date. It comes from
	// SOURCE_DATE_EPOCH or the report's own dates, never the wall clock, so
	// that the same inputs give byte-identical outputs. Zero means omit.
	Date time.Time
}

// The fields a writer fills into Page.Number.
const (
	// PageField stands for the page's number.
	PageField = "{page}"
	// PagesField stands for the number of the document's last page.
	PagesField = "{pages}"
)

// Page is what every page of the document carries besides its body.
type Page struct {
	// Marking is the protective marking (e.g. "OFFICIAL") printed at the
	// top and bottom of every page. Empty prints nothing.
	Marking string
	// RunningTitle is printed in the header of every page but the first.
	RunningTitle string
	// Draft, when set, is the word that marks every page of a draft, in
	// the header and as a light diagonal watermark ("DRAFT").
	Draft string
	// Stamp, when set, is printed prominently in the header of every page,
	// e.g. "NOT FOR PUBLICATION: paragraph 3 of Part 1 of Schedule 12A ...".
	Stamp string
	// Number is the page number printed at the foot of every page, in
	// the words layout chose, with PageField and PagesField for the
	// numbers: "Page {page} of {pages}" for a paper on its own. Writers
	// fill them in (the DOCX with PAGE and NUMPAGES fields). Empty prints
	// no page number.
	Number string
	// FirstNumber is the number of the first page; zero means 1. Packs use
	// it so a paper's pages carry their number in the pack.
	FirstNumber int
}

// Style is the house style: the few typographic choices a council makes.
// Writers take every size, colour and margin from here.
type Style struct {
	// Font is the family name written into the DOCX and the HTML
	// ("Arial"). Without a BodyFont the PDF embeds Liberation Sans, which
	// is metric-compatible with Arial; with one, its files.
	Font string
	// BodySize is the body text size in points; Heading sizes are for
	// levels 1, 2 and 3; TitleSize is for the Title block; SmallSize for
	// notes, captions, headers and footers.
	BodySize, TitleSize, SmallSize float64
	HeadingSize                    [3]float64
	// Accent is the colour of headings and table header fills' rule, as
	// "RRGGBB". HeaderFill is the table header row shading, "RRGGBB".
	Accent, HeaderFill string
	// Palette is the chart series colours, as "RRGGBB", colour-blind safe.
	Palette []string
	// Text is the colour of body text, Muted of notes, captions, headers
	// and footers, Link of links, each "RRGGBB"; empty means the
	// writer's default (near black, dark grey, dark blue).
	Text, Muted, Link string
	// BodyFont and HeadingFont are the house style's typefaces; nil means
	// Liberation Sans (named Font in the DOCX). A nil HeadingFont with a
	// BodyFont set means the body font for headings too. Writers embed
	// them (PDF), name them (DOCX, HTML) and set chart text in them.
	BodyFont, HeadingFont *FontFamily
	// ReferenceDOCX, when set, is a Word document or template (.docx,
	// .dotx) whose styles, theme, font table, header and footer images
	// and section properties the DOCX writer takes, as pandoc's
	// --reference-doc does; paper's own definitions fill only the styles
	// it lacks.
	ReferenceDOCX []byte
	// Margins in millimetres: top, right, bottom, left.
	Margins [4]float64
	// FigureHeight is the largest share of the page's text height a
	// figure's picture may take: a taller one is shrunk, keeping its
	// aspect ratio, so that its caption and a line of text fit beside it
	// on the page. Zero means no limit but the page.
	FigureHeight float64
}

// FontFamily is one typeface of a house style, as the contents of its
// TrueType or OpenType files. Name is the family name written into the
// DOCX and the HTML ("DejaVu Serif"). Regular is required; a style left
// nil is drawn from the nearest given one (BoldItalic from Bold, then
// Italic, then Regular; Bold and Italic from Regular).
type FontFamily struct {
	Name                              string
	Regular, Bold, Italic, BoldItalic []byte
}

// DefaultStyle is the councils' standard look used when a report names no
// house style: Arial/Liberation Sans 12pt, generous margins, dark blue
// headings.
func DefaultStyle() Style {
	return Style{
		Font:        "Arial",
		BodySize:    12,
		TitleSize:   20,
		SmallSize:   9,
		HeadingSize: [3]float64{14, 12, 12},
		Accent:      "1F3864",
		HeaderFill:  "D9E2F3",
		// Okabe-Ito: distinguishable with the common colour-vision
		// deficiencies and of distinct lightness in greyscale print.
		Palette: []string{"0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442", "000000"},
		Margins: [4]float64{20, 20, 20, 20},
	}
}

// Block is one block-level node. The concrete types are the pointer types
// in this package: *Title, *Heading, *Paragraph, *NumberedParagraph,
// *List, *Table, *Figure, *PageBreak and *Image.
type Block interface{ block() }

// Title is the banner at the top of a paper, e.g. the committee name, with
// an optional smaller line above it (the council's name).
type Title struct {
	Kicker string
	Text   string
}

// Heading is a section heading. Level 1 headings are the front-sheet
// headings and the body's numbered sections; level 2 are subheadings;
// level 3 minor headings. Writers make level 1 and 2 headings bookmarks
// (PDF outline, DOCX outline level) and never leave a heading alone at
// the foot of a page.
type Heading struct {
	Level int
	// Number is the section number as printed without the trailing dot
	// ("2"), or empty for an unnumbered heading. Numbered level 1 headings
	// are numbered 1, 2, 3 ... in document order and own the numbered
	// paragraphs that follow them.
	Number string
	Text   string
	// ID is a stable anchor (e.g. "details") for cross-references.
	ID string
}

// ParaStyle selects a paragraph's typographic role.
type ParaStyle int

const (
	// Body is an ordinary paragraph.
	Body ParaStyle = iota
	// Note is small explanatory text (e.g. the Schedule 12A tick-box note).
	Note
	// Centered is body text centred on the page (notice pages).
	Centered
	// Emphasis is a prominent standalone statement, e.g. "NOT FOR
	// PUBLICATION" on an exempt notice page.
	Emphasis
)

// Paragraph is a run of inline content.
type Paragraph struct {
	Style   ParaStyle
	Content []Inline
}

// NumberedParagraph is a body paragraph with a printed number such as
// "2.1", set in a hanging indent as in the councils' papers. Its Blocks are
// the paragraph's content: usually one *Paragraph, possibly followed by
// lists or further paragraphs that belong to the same number.
//
// Labels are "<section>.<n>", n counting from 1 under each numbered
// level 1 heading, so a word processor's automatic numbering reproduces
// them exactly.
type NumberedParagraph struct {
	Label string
	// ID is the paragraph's anchor ("para-2-8"), which Inline.Ref names
	// in the references to it.
	ID     string
	Blocks []Block
}

// List is a bulleted or numbered list. Items hold blocks, so an item can
// carry several paragraphs or a nested list.
type List struct {
	Ordered bool
	// Start is the first number of an ordered list; zero means 1.
	Start int
	Items []ListItem
}

// ListItem is one item of a List.
type ListItem struct {
	Blocks []Block
}

// Align is horizontal alignment in a table column or cell.
type Align int

const (
	Left Align = iota
	Center
	Right
)

// TableKind selects the look of a table.
type TableKind int

const (
	// Grid is a data table: ruled cells, shaded header rows.
	Grid TableKind = iota
	// Form is a front-sheet form table (appendices, background papers,
	// sign off): ruled cells, header rows shaded, compact text.
	Form
	// KeyValue is the front sheet's table of facts (date of meeting,
	// title, lead member ...): no header rows, each row's first cell a
	// label that is the row's header. Its first row is marked as a header
	// row for Word (whose accessibility checker asks every table for one),
	// without a header's shading.
	KeyValue
)

// Table is a table with header rows repeated on every page it crosses.
type Table struct {
	Kind TableKind
	// Label is the caption's number, e.g. "Table 1"; empty for none.
	Label string
	// Caption is printed above the table after Label ("Table 1: ...").
	Caption string
	// Description is a summary for assistive technology (DOCX
	// tblDescription). Writers fall back to Caption when it is empty.
	Description string
	Columns     []Column
	// Header rows are marked as headers and repeat across pages.
	Header [][]Cell
	Rows   [][]Cell
}

// Column describes one table column. Width is relative, a hint: widths
// are scaled to fill the text width (zero widths share the space equally),
// and writers then widen a column to its longest word, taking the space
// from wider columns.
type Column struct {
	Width float64
	Align Align
}

// Cell is one table cell. Span is the number of columns it covers (zero
// or one for a single column). Cells of a row cover all columns exactly.
type Cell struct {
	Content []Inline
	// Web, when set, is what a web page shows in the cell in place of
	// Content: an appendix's title with the link to its PDF, its type
	// and size, where the printed paper has the title alone.
	Web  []Inline
	Span int
	// Align overrides the column's alignment when AlignSet is true.
	Align    Align
	AlignSet bool
}

// Graphic is a figure's drawing: its natural printed size in
// millimetres and a Draw method on report/canvas, the one drawing
// interface, with a backend per format (PDF vectors, PNG, SVG). The
// charts package's charts are Graphics.
type Graphic = canvas.Drawing

// Figure is a numbered chart with a caption and alternative text.
type Figure struct {
	// Label is "Figure N".
	Label   string
	Caption string
	// Alt is the alternative text generated from the figure's data, for
	// screen readers (PDF /Alt, DOCX wp:docPr descr). Required.
	Alt string
	// Width is the printed width in millimetres; zero means the full
	// text width. Height follows the graphic's aspect ratio, and the
	// graphic is drawn scaled from its own Size to that width.
	Width   float64
	Graphic Graphic
	// Picture, when set, has writers that could write the graphic as a
	// chart of their own format (Charted; the DOCX's native Word charts)
	// draw it as a picture instead.
	Picture bool
	// Data, when set, is printed under the figure with its figures.
	Data *Table
	// WebData is the chart's figures as a table, which a web page offers
	// under a chart that has no Data, closed until the reader opens it
	// (Web.ShowData); printed pages ignore it.
	WebData *Table
}

// CaptionLine is the line printed under the figure: "Figure 1: Caption",
// or whichever of the two the figure has.
func (f *Figure) CaptionLine() string { return captionLine(f.Label, f.Caption) }

// CaptionLine is the line printed above the table: "Table 1: Caption",
// or whichever of the two the table has.
func (t *Table) CaptionLine() string { return captionLine(t.Label, t.Caption) }

func captionLine(label, caption string) string {
	switch {
	case label != "" && caption != "":
		return label + ": " + caption
	case label != "":
		return label
	}
	return caption
}

// PageBreak starts a new page.
type PageBreak struct{}

// Image is a picture that is not a chart: the council's logo at the top
// of a paper's first page and of a pack's front sheet. Writers print it
// as it is, Width millimetres wide and as high as its aspect ratio makes
// it, with Alt as its alternative text (PDF Figure /Alt, DOCX descr,
// HTML alt).
type Image struct {
	// Data is the picture's file, PNG or JPEG, as Format says ("png",
	// "jpeg").
	Data   []byte
	Format string
	// Alt is the alternative text. Required.
	Alt string
	// Width is the printed width in millimetres; PixelWidth and
	// PixelHeight the picture's own size, for its aspect ratio.
	Width                   float64
	PixelWidth, PixelHeight int
}

// Height is the image's printed height in millimetres.
func (im *Image) Height() float64 {
	if im.PixelWidth < 1 {
		return 0
	}
	return im.Width * float64(im.PixelHeight) / float64(im.PixelWidth)
}

func (*Title) block()             {}
func (*Heading) block()           {}
func (*Paragraph) block()         {}
func (*NumberedParagraph) block() {}
func (*List) block()              {}
func (*Table) block()             {}
func (*Figure) block()            {}
func (*PageBreak) block()         {}
func (*Image) block()             {}

// Inline is a run of text with one set of attributes. A run with Break set
// is a line break and its Text is ignored.
type Inline struct {
	Text   string
	Bold   bool
	Italic bool
	// Link is the target URL (http, https or mailto), empty for none; in
	// a Cell's Web content also a path relative to the web page (an
	// appendix's PDF).
	Link string
	// Ref is the ID of the heading or numbered paragraph the run cites
	// ("para-2-4"), empty for none: a web page links the run to it,
	// printed pages print the run as it is.
	Ref   string
	Break bool
}

// Plain returns a single plain run, or nil for empty text.
func Plain(s string) []Inline {
	if s == "" {
		return nil
	}
	return []Inline{{Text: s}}
}

// Bold returns a single bold run.
func Bold(s string) []Inline { return []Inline{{Text: s, Bold: true}} }

// Text returns the plain text of runs, with line breaks as "\n".
func Text(runs []Inline) string {
	n := 0
	for _, r := range runs {
		n += len(r.Text) + 1
	}
	b := make([]byte, 0, n)
	for _, r := range runs {
		if r.Break {
			b = append(b, '\n')
			continue
		}
		b = append(b, r.Text...)
	}
	return string(b)
}

// Cols returns the number of columns a cell covers (at least 1).
func (c Cell) Cols() int {
	if c.Span < 1 {
		return 1
	}
	return c.Span
}
