// Package docx writes the document tree as a Word document (DOCX,
// WordprocessingML) with archive/zip and hand-written XML.
//
// The document is built the way a careful Word user would build it, so
// that report authors can keep editing it until sign-off: all typography
// is in named styles (Title, Heading 1-3, List Bullet, List Number,
// Caption, Numbered Paragraph, Council Table ...) taken from the house
// style, and document.xml carries no sizes, colours or fonts. Section and
// paragraph numbers ("2.", "2.1") are Word's own multilevel numbering,
// which produces exactly the tree's labels (see labelsCount), so an author
// who inserts a paragraph gets the following ones renumbered; a tree whose
// labels break the counting rule gets them as literal text instead.
//
// Headers and footers carry the protective marking, the running title
// (from page 2), the exempt stamp, the DRAFT marking and watermark, and
// "Page N of M" as real fields. Charts that describe themselves
// (doc.Charted) are native Word charts with an embedded workbook
// (chart.go); other graphics are SVG pictures with a PNG fallback, and
// every graphic of a figure marked Picture a PNG at print resolution
// (report/canvas/png); all carry their alternative text.
//
// Like every writer, it only translates the tree: every label, number
// and word is already in it. Output is deterministic: the same tree gives
// the same bytes (fixed part order, zip timestamps from the tree's date,
// sequential identifiers).
package docx

import (
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/report/doc"
)

const (
	xmlHeader = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n"

	nsW   = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsR   = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsWP  = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
	nsA   = "http://schemas.openxmlformats.org/drawingml/2006/main"
	nsPic = "http://schemas.openxmlformats.org/drawingml/2006/picture"

	nsHeaderFooter = ` xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:v="urn:schemas-microsoft-com:vml"` +
		` xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w10="urn:schemas-microsoft-com:office:word"`

	relBase      = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
	relHyperlink = relBase + "hyperlink"
	relImage     = relBase + "image"

	ctMain = "application/vnd.openxmlformats-officedocument.wordprocessingml."
)

// Relationship ids of the fixed parts; hyperlinks and images follow from
// firstRel in order of first use.
const (
	ridStyles      = "rId1"
	ridNumbering   = "rId2"
	ridSettings    = "rId3"
	ridFontTable   = "rId4"
	ridHeader      = "rId5"
	ridFooter      = "rId6"
	ridFirstHeader = "rId7"
	ridFirstFooter = "rId8"
	firstRel       = 9
)

// rel is one relationship of word/document.xml.
type rel struct {
	id, typ, target string
	external        bool
}

func (w *writer) addRel(typ, target string, external bool) string {
	id := "rId" + strconv.Itoa(firstRel+len(w.rels))
	w.rels = append(w.rels, rel{id: id, typ: typ, target: target, external: external})
	return id
}

// part is one file of the package.
type part struct {
	name  string
	data  []byte
	store bool // already compressed (PNG): store, do not deflate
}

// Write writes d to w as a DOCX file. It checks the tree first
// (d.Check) and returns an error, never panics, for any tree; nothing is
// written to w unless the whole document was built.
func Write(w io.Writer, d *doc.Document) error {
	if d == nil {
		return errors.New("docx: nil document")
	}
	if err := d.Check(); err != nil {
		return err
	}
	parts, err := build(d)
	if err != nil {
		return err
	}
	return writeZip(w, parts, zipTime(d.Meta.Date))
}

// build makes every part of the package, in the order they are stored.
func build(d *doc.Document) ([]part, error) {
	wr := &writer{
		d:        d,
		h:        resolveHouse(d),
		links:    map[string]string{},
		anchors:  map[string]string{},
		marks:    map[*doc.Heading]string{},
		resolved: map[string]string{},
	}
	var ref *reference
	if d.Style.ReferenceDOCX != nil {
		var err error
		if ref, err = readReference(d.Style.ReferenceDOCX); err != nil {
			return nil, err
		}
		ref.apply(&wr.h)
	}
	wr.num.auto = labelsCount(d.Blocks)
	wr.collectAnchors()
	wr.b.Grow(256 << 10) // the example's is 90 KB; room unwritten costs nothing
	wr.b.raw(xmlHeader + `<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `"><w:body>`)
	if err := wr.blocks(d.Blocks, ctx{}); err != nil {
		return nil, err
	}
	sectPr(&wr.b, wr.h, d.Page)
	wr.b.raw(`</w:body></w:document>`)

	first := titlePg(d.Page)
	parts := []part{
		{name: "[Content_Types].xml", data: contentTypes(first, len(wr.charts), wr.svgs > 0, wr.jpeg)},
		{name: "_rels/.rels", data: []byte(packageRels)},
		{name: "docProps/core.xml", data: coreXML(d.Meta, wr.h.lang)},
		{name: "docProps/app.xml", data: []byte(appXML)},
		{name: "word/document.xml", data: wr.b.Bytes()},
		{name: "word/_rels/document.xml.rels", data: documentRels(wr.rels, first)},
		{name: "word/styles.xml", data: stylesXML(wr.h, wr.num.auto)},
		{name: "word/numbering.xml", data: numberingXML(wr.num)},
		{name: "word/settings.xml", data: settingsXML(wr.h.lang)},
		{name: "word/fontTable.xml", data: fontTable(wr.h.fonts)},
		{name: "word/" + partHeader, data: header(wr.h, d.Page, false, 1)},
		{name: "word/" + partFooter, data: footer(d.Page)},
	}
	if first {
		parts = append(parts,
			part{name: "word/" + partFirstHeader, data: header(wr.h, d.Page, true, 2)},
			part{name: "word/" + partFirstFooter, data: footer(d.Page)},
		)
	}
	for _, m := range wr.media {
		parts = append(parts, part{name: "word/" + m.name, data: m.data, store: !m.deflate})
	}
	for i, c := range wr.charts {
		n := i + 1
		parts = append(parts,
			part{name: "word/" + chartName(n), data: c.xml},
			part{name: "word/charts/_rels/chart" + strconv.Itoa(n) + ".xml.rels", data: chartRels(n)},
			// Deflated, though a workbook is compressed already: a stored
			// zip inside the zip holds data-descriptor signatures that
			// readers scanning for the end of a stored entry (pandoc's)
			// stop at.
			part{name: "word/" + workbookName(n), data: c.xlsx})
	}
	if ref != nil {
		parts = ref.dress(parts, wr)
	}
	return parts, nil
}

// zipTime is the timestamp of every zip entry: the tree's date, which is
// never the wall clock, else the zip epoch, 1980-01-01. Zip (MS-DOS) times
// cover 1980-2107 only.
func zipTime(t time.Time) time.Time {
	epoch := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)
	if t.IsZero() {
		return epoch
	}
	t = t.UTC()
	if t.Before(epoch) || t.Year() > 2107 {
		return epoch
	}
	return t
}

// contentTypes lists the parts' types; charts is the number of native
// charts, whose parts and workbooks are typed only when there are any;
// svg says there are SVG pictures and jpeg JPEG ones.
func contentTypes(first bool, charts int, svg, jpeg bool) []byte {
	var b xb
	b.raw(xmlHeader + `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
		`<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>` +
		`<Default Extension="xml" ContentType="application/xml"/>` +
		`<Default Extension="png" ContentType="image/png"/>`)
	if jpeg {
		b.raw(`<Default Extension="jpeg" ContentType="image/jpeg"/>`)
	}
	b.raw(`<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>` +
		`<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>` +
		`<Override PartName="/word/document.xml" ContentType="` + ctMain + `document.main+xml"/>` +
		`<Override PartName="/word/styles.xml" ContentType="` + ctMain + `styles+xml"/>` +
		`<Override PartName="/word/numbering.xml" ContentType="` + ctMain + `numbering+xml"/>` +
		`<Override PartName="/word/settings.xml" ContentType="` + ctMain + `settings+xml"/>` +
		`<Override PartName="/word/fontTable.xml" ContentType="` + ctMain + `fontTable+xml"/>` +
		`<Override PartName="/word/` + partHeader + `" ContentType="` + ctMain + `header+xml"/>` +
		`<Override PartName="/word/` + partFooter + `" ContentType="` + ctMain + `footer+xml"/>`)
	if first {
		b.raw(`<Override PartName="/word/` + partFirstHeader + `" ContentType="` + ctMain + `header+xml"/>` +
			`<Override PartName="/word/` + partFirstFooter + `" ContentType="` + ctMain + `footer+xml"/>`)
	}
	if charts > 0 {
		b.raw(`<Default Extension="xlsx" ContentType="` + ctXLSX + `"/>`)
	}
	if svg {
		b.raw(`<Default Extension="svg" ContentType="image/svg+xml"/>`)
	}
	for n := 1; n <= charts; n++ {
		b.raw(`<Override PartName="/word/` + chartName(n) + `" ContentType="` + ctChart + `"/>`)
	}
	b.raw(`</Types>`)
	return b.Bytes()
}

const packageRels = xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
	`<Relationship Id="rId1" Type="` + relBase + `officeDocument" Target="word/document.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>` +
	`<Relationship Id="rId3" Type="` + relBase + `extended-properties" Target="docProps/app.xml"/>` +
	`</Relationships>`

func documentRels(rels []rel, first bool) []byte {
	fixed := []rel{
		{id: ridStyles, typ: relBase + "styles", target: "styles.xml"},
		{id: ridNumbering, typ: relBase + "numbering", target: "numbering.xml"},
		{id: ridSettings, typ: relBase + "settings", target: "settings.xml"},
		{id: ridFontTable, typ: relBase + "fontTable", target: "fontTable.xml"},
		{id: ridHeader, typ: relBase + "header", target: partHeader},
		{id: ridFooter, typ: relBase + "footer", target: partFooter},
	}
	if first {
		fixed = append(fixed,
			rel{id: ridFirstHeader, typ: relBase + "header", target: partFirstHeader},
			rel{id: ridFirstFooter, typ: relBase + "footer", target: partFirstFooter})
	}
	return relsXML(append(fixed, rels...))
}

// relsXML writes a relationships part.
func relsXML(rels []rel) []byte {
	var b xb
	b.raw(xmlHeader + `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for _, r := range rels {
		b.raw(`<Relationship Id="` + r.id + `" Type="` + r.typ + `" Target="`)
		b.attr(r.target)
		b.raw(`"`)
		if r.external {
			b.raw(` TargetMode="External"`)
		}
		b.raw(`/>`)
	}
	b.raw(`</Relationships>`)
	return b.Bytes()
}

// coreXML writes the core properties: title, subject, author, keywords
// and language, which Word shows under File > Info and screen readers
// announce, and the tree's date as created and modified (omitted when
// zero: never the wall clock).
func coreXML(m doc.Meta, lang string) []byte {
	var b xb
	b.raw(xmlHeader + `<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	elem := func(name, v string) {
		if v = strings.TrimSpace(clean(v)); v == "" {
			return
		}
		b.raw(`<` + name + `>`)
		b.text(v)
		b.raw(`</` + name + `>`)
	}
	elem("dc:title", m.Title)
	elem("dc:subject", m.Subject)
	elem("dc:creator", m.Author)
	elem("cp:keywords", strings.Join(m.Keywords, ", "))
	elem("dc:language", lang)
	if !m.Date.IsZero() && m.Date.Year() >= 1 && m.Date.Year() <= 9999 {
		t := m.Date.UTC().Format(time.RFC3339)
		b.raw(`<dcterms:created xsi:type="dcterms:W3CDTF">` + t + `</dcterms:created>`)
		b.raw(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + t + `</dcterms:modified>`)
	}
	b.raw(`</cp:coreProperties>`)
	return b.Bytes()
}

const appXML = xmlHeader + `<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"` +
	` xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
	`<Application>paper</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>` +
	`<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>` +
	`</Properties>`

// settingsXML writes word/settings.xml. Compatibility mode 15 makes
// Word 2013 and later lay the document out in their current mode rather
// than opening it in Compatibility Mode.
func settingsXML(lang string) []byte {
	return []byte(xmlHeader + `<w:settings xmlns:w="` + nsW + `">` +
		`<w:zoom w:percent="100"/><w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>` +
		`<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>` +
		`<w:themeFontLang w:val="` + lang + `"/><w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>`)
}

// fontTable writes word/fontTable.xml: each font the styles name, with
// the PANOSE numbers, family and pitch of a house style's font file, so
// that Word and LibreOffice substitute a similar font where it is not
// installed (the fonts are named, not embedded).
func fontTable(fonts []fontDecl) []byte {
	var b xb
	b.raw(xmlHeader + `<w:fonts xmlns:w="` + nsW + `">`)
	for _, f := range fonts {
		b.raw(`<w:font w:name="`)
		b.attr(f.name)
		b.raw(`">`)
		if f.panose != "" {
			b.raw(`<w:panose1 w:val="` + f.panose + `"/>`)
		}
		b.raw(`<w:charset w:val="00"/><w:family w:val="` + f.family + `"/><w:pitch w:val="` + f.pitch + `"/></w:font>`)
	}
	b.raw(`</w:fonts>`)
	return b.Bytes()
}
