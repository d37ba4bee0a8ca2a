package docx

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"regexp"
	"strconv"
	"strings"
	"sync"
)

// A reference document (doc.Style.ReferenceDOCX) is a council's Word
// document or template whose look the DOCX takes, as pandoc's
// --reference-doc does: its styles part (styles, document defaults and
// latent styles), theme, font table, page size and margins, and the
// pictures of its header and footer. Paper's styles are mapped onto the
// template's by style id and by name (Word localises style ids, "berschrift1",
// but keeps the English built-in names, "heading 1"); paper adds its own
// definitions only of the styles the template lacks, based on the
// template's. The body, its numbering and the header and footer text stay
// paper's.

// Limits on a reference document, against zip bombs and files that are
// not what they claim. A council's template is a few hundred kilobytes.
const (
	maxReference      = 32 << 20 // the file
	maxReferenceFiles = 2000     // entries in its zip directory
	maxReferencePart  = 16 << 20 // any one part, uncompressed
	maxReferenceTotal = 64 << 20 // every part read, uncompressed
)

// reference is what the writer takes from a reference document.
type reference struct {
	styles    []byte // word/styles.xml as the template has it
	theme     []byte // nil if it has none
	fontTable []byte // nil if it has none
	index     styleIndex
	// page geometry from the template's last section, twips; zero when
	// it states none.
	pageW, pageH                 int
	top, right, bottom, left     int
	headerDist, footerDist, gutt int
	hasMargins                   bool
	// pictures from the template's default header and footer: the
	// drawing runs and the image parts they use.
	header, footer furnitureArt
}

// furnitureArt is the pictures of one header or footer of the template.
type furnitureArt struct {
	runs   []string // raw w:drawing or w:pict elements, with their r:ids renamed
	ns     []xml.Attr
	images []media // word/media/... parts, with their relationship ids in rels
	rels   []rel
}

// refError is a reference document's problem, as the user reads it.
func refError(format string, args ...any) error {
	return fmt.Errorf("reference_docx: "+format, args...)
}

// readReference reads a reference document. Every problem (not a zip, a
// part too large, no styles part, malformed XML) is an error.
func readReference(data []byte) (*reference, error) {
	if len(data) > maxReference {
		return nil, refError("the file is %d MB, larger than the %d MB a Word template may be", len(data)>>20, maxReference>>20)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, refError("not a Word document or template (.docx, .dotx): %v", err)
	}
	if len(zr.File) > maxReferenceFiles {
		return nil, refError("%d files in the archive, more than a Word document has", len(zr.File))
	}
	rd := &refReader{files: map[string]*zip.File{}}
	for _, f := range zr.File {
		rd.files[strings.TrimPrefix(f.Name, "/")] = f
	}
	main := "word/document.xml"
	if rels, err := rd.rels("_rels/.rels"); err != nil {
		return nil, err
	} else {
		for _, r := range rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				main = resolvePart("", r.Target)
			}
		}
	}
	doc, err := rd.read(main)
	if err != nil {
		return nil, err
	}
	if doc == nil {
		return nil, refError("no main document part (%s): not a Word document or template", main)
	}
	mainRels, err := rd.rels(relsOf(main))
	if err != nil {
		return nil, err
	}
	ref := &reference{}
	byID := map[string]relXML{}
	dir := path.Dir(main)
	for _, r := range mainRels {
		byID[r.ID] = r
		target := resolvePart(dir, r.Target)
		switch {
		case r.TargetMode == "External":
		case strings.HasSuffix(r.Type, "/styles"):
			if ref.styles, err = rd.read(target); err != nil {
				return nil, err
			}
		case strings.HasSuffix(r.Type, "/theme"):
			if ref.theme, err = rd.read(target); err != nil {
				return nil, err
			}
		case strings.HasSuffix(r.Type, "/fontTable"):
			if ref.fontTable, err = rd.read(target); err != nil {
				return nil, err
			}
		}
	}
	if ref.styles == nil {
		// Some writers do not list the styles part; Word's is always here.
		if ref.styles, err = rd.read("word/styles.xml"); err != nil {
			return nil, err
		}
	}
	if ref.styles == nil {
		return nil, refError("no styles part (word/styles.xml): nothing to take the look from")
	}
	if ref.index, err = indexStyles(ref.styles); err != nil {
		return nil, err
	}
	for name, b := range map[string][]byte{"theme": ref.theme, "font table": ref.fontTable} {
		if b != nil && !wellFormed(b) {
			return nil, refError("the %s is not well-formed XML", name)
		}
	}
	sect, err := lastSection(doc)
	if err != nil {
		return nil, err
	}
	if err := ref.geometry(sect); err != nil {
		return nil, err
	}
	for _, hf := range sect.refs {
		if hf.typ != "default" {
			continue
		}
		r, ok := byID[hf.id]
		if !ok || r.TargetMode == "External" {
			continue
		}
		art, err := rd.art(resolvePart(dir, r.Target), hf.footer)
		if err != nil {
			return nil, err
		}
		if hf.footer {
			ref.footer = art
		} else {
			ref.header = art
		}
	}
	return ref, nil
}

// refReader reads the parts of a reference document within the limits.
type refReader struct {
	files map[string]*zip.File
	total int64
}

// read returns a part's bytes, nil if there is no such part.
func (rd *refReader) read(name string) ([]byte, error) {
	f, ok := rd.files[name]
	if !ok {
		return nil, nil
	}
	rc, err := f.Open()
	if err != nil {
		return nil, refError("%s: %v", name, err)
	}
	defer rc.Close()
	// The sizes in the zip directory are the file's word: count what
	// decompresses.
	b, err := io.ReadAll(io.LimitReader(rc, maxReferencePart+1))
	if err != nil {
		return nil, refError("%s: %v", name, err)
	}
	if len(b) > maxReferencePart {
		return nil, refError("%s is larger than %d MB uncompressed", name, maxReferencePart>>20)
	}
	rd.total += int64(len(b))
	if rd.total > maxReferenceTotal {
		return nil, refError("the parts read are larger than %d MB uncompressed", maxReferenceTotal>>20)
	}
	return b, nil
}

// relXML is one relationship of a .rels part.
type relXML struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr"`
}

// rels reads a relationships part; none is no relationships.
func (rd *refReader) rels(name string) ([]relXML, error) {
	b, err := rd.read(name)
	if err != nil || b == nil {
		return nil, err
	}
	var v struct {
		Rels []relXML `xml:"Relationship"`
	}
	if err := xml.Unmarshal(b, &v); err != nil {
		return nil, refError("%s: %v", name, err)
	}
	return v.Rels, nil
}

// relsOf is the relationships part of a part.
func relsOf(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

// resolvePart resolves a relationship's target against the directory of
// its source part, as a part name without a leading slash.
func resolvePart(dir, target string) string {
	if strings.HasPrefix(target, "/") {
		return path.Clean(target[1:])
	}
	return strings.TrimPrefix(path.Clean(path.Join(dir, target)), "/")
}

func wellFormed(b []byte) bool {
	d := xml.NewDecoder(bytes.NewReader(b))
	for {
		if _, err := d.Token(); err == io.EOF {
			return true
		} else if err != nil {
			return false
		}
	}
}

// templateStyle is one style of the template.
type templateStyle struct {
	typ, id, name string
	def           bool
}

// styleIndex lists the template's styles.
type styleIndex struct {
	styles []templateStyle
	ids    map[string]bool
}

// indexStyles lists the styles of a styles part, checking it is
// WordprocessingML with the prefix w bound to its namespace (paper's
// styles are inserted into it as they are written).
func indexStyles(b []byte) (styleIndex, error) {
	idx := styleIndex{ids: map[string]bool{}}
	d := xml.NewDecoder(bytes.NewReader(b))
	depth := 0
	var cur *templateStyle
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return idx, refError("word/styles.xml: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				if t.Name.Space != nsW || t.Name.Local != "styles" {
					return idx, refError("word/styles.xml is not a WordprocessingML styles part")
				}
				if !bindsW(t.Attr) {
					return idx, refError("word/styles.xml does not use the prefix w for WordprocessingML")
				}
			}
			if t.Name.Space != nsW {
				continue
			}
			switch {
			case depth == 2 && t.Name.Local == "style":
				cur = &templateStyle{}
				for _, a := range t.Attr {
					switch a.Name.Local {
					case "type":
						cur.typ = a.Value
					case "styleId":
						cur.id = a.Value
					case "default":
						cur.def = a.Value == "1" || a.Value == "true" || a.Value == "on"
					}
				}
			case depth == 3 && cur != nil && t.Name.Local == "name":
				for _, a := range t.Attr {
					if a.Name.Local == "val" {
						cur.name = a.Value
					}
				}
			}
		case xml.EndElement:
			if depth == 2 && cur != nil {
				if cur.typ == "" {
					cur.typ = "paragraph"
				}
				if cur.id != "" {
					// A style without an id cannot be referred to.
					idx.styles = append(idx.styles, *cur)
					idx.ids[cur.id] = true
				}
				cur = nil
			}
			depth--
		}
	}
	if !bytes.HasSuffix(bytes.TrimSpace(b), []byte("</w:styles>")) {
		return idx, refError("word/styles.xml does not end with </w:styles>")
	}
	return idx, nil
}

// bindsW reports whether attrs declare xmlns:w as the WordprocessingML
// namespace.
func bindsW(attrs []xml.Attr) bool {
	for _, a := range attrs {
		if a.Name.Space == "xmlns" && a.Name.Local == "w" && a.Value == nsW {
			return true
		}
	}
	return false
}

// aliases are other names a template may give a paper style: its table
// style is pandoc's "Table" or Word's "Table Grid" in a template without
// a Council Table.
var aliases = map[string][]string{
	sTable: {"Table", "Table Grid"},
}

// find returns the template's style for paper's style s: the same type
// and the same id or name (or alias), else, for a default style, the
// template's default of that type.
func (idx styleIndex) find(s styleDef) (templateStyle, bool) {
	for _, t := range idx.styles {
		if t.typ == s.typ && t.id == s.id {
			return t, true
		}
	}
	for _, name := range append([]string{s.name}, aliases[s.id]...) {
		for _, t := range idx.styles {
			if t.typ == s.typ && strings.EqualFold(t.name, name) {
				return t, true
			}
		}
	}
	if s.def {
		for _, t := range idx.styles {
			if t.typ == s.typ && t.def {
				return t, true
			}
		}
	}
	return templateStyle{}, false
}

// mergeStyles returns the template's styles part with paper's styles the
// template lacks added at its end, and the map from paper's style ids to
// the ids the document must use.
func (ref *reference) mergeStyles(defs []styleDef) ([]byte, map[string]string) {
	ids := map[string]string{}
	var missing []styleDef
	for _, s := range defs {
		if t, ok := ref.index.find(s); ok {
			ids[s.id] = t.id
			continue
		}
		id := s.id
		for ref.index.ids[id] {
			// The id is the template's, for a style of another type.
			id = "Paper" + id
		}
		ids[s.id] = id
		missing = append(missing, s)
	}
	var b xb
	end := bytes.LastIndex(ref.styles, []byte("</w:styles>"))
	b.raw(string(ref.styles[:end]))
	for _, s := range missing {
		s.id = ids[s.id]
		s.basedOn, s.next = mapID(ids, s.basedOn), mapID(ids, s.next)
		s.def = false // the template's defaults stay its defaults
		s.write(&b)
	}
	b.raw(`</w:styles>`)
	return b.Bytes(), ids
}

func mapID(ids map[string]string, id string) string {
	if m, ok := ids[id]; ok {
		return m
	}
	return id
}

// styleRef matches the style references paper writes.
var styleRef = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<w:(pStyle|rStyle|tblStyle) w:val="([^"]*)"/>`) })

// restyle rewrites the style references in a part paper wrote to the
// template's style ids.
func restyle(part []byte, ids map[string]string) []byte {
	return styleRef().ReplaceAllFunc(part, func(m []byte) []byte {
		sub := styleRef().FindSubmatch(m)
		id, ok := ids[string(sub[2])]
		if !ok || id == string(sub[2]) {
			return m
		}
		var b xb
		b.raw(`<w:` + string(sub[1]) + ` w:val="`)
		b.attr(id)
		b.raw(`"/>`)
		return b.Bytes()
	})
}

// mergeFontTable returns the template's font table with the fonts paper's
// own styles name and the template lacks declared at its end.
func (ref *reference) mergeFontTable(fonts []fontDecl) []byte {
	if ref.fontTable == nil {
		return fontTable(fonts)
	}
	end := bytes.LastIndex(ref.fontTable, []byte("</w:fonts>"))
	if end < 0 {
		return fontTable(fonts)
	}
	var extra []fontDecl
	for _, f := range fonts {
		var name xb
		name.attr(f.name)
		if !bytes.Contains(ref.fontTable, []byte(`w:name="`+name.String()+`"`)) {
			extra = append(extra, f)
		}
	}
	if len(extra) == 0 {
		return ref.fontTable
	}
	ft := fontTable(extra)
	inner := ft[bytes.Index(ft, []byte("<w:font ")):bytes.LastIndex(ft, []byte("</w:fonts>"))]
	out := append([]byte{}, ref.fontTable[:end]...)
	out = append(out, inner...)
	return append(out, ref.fontTable[end:]...)
}

// section is what the writer reads of the template's last section.
type section struct {
	attrs map[string]map[string]string // pgSz, pgMar: attributes by local name
	refs  []hfRef
}

type hfRef struct {
	typ, id string
	footer  bool
}

// lastSection reads the body's last section properties (the document's
// final w:sectPr, a child of w:body).
func lastSection(doc []byte) (section, error) {
	var s section
	d := xml.NewDecoder(bytes.NewReader(doc))
	var stack []string
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return s, nil
		}
		if err != nil {
			return s, refError("the main document: %v", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			stack = append(stack, t.Name.Local)
			if len(stack) == 3 && stack[1] == "body" && t.Name.Local == "sectPr" && t.Name.Space == nsW {
				s = section{attrs: map[string]map[string]string{}}
			}
			if len(stack) == 4 && stack[1] == "body" && stack[2] == "sectPr" && t.Name.Space == nsW {
				switch t.Name.Local {
				case "pgSz", "pgMar":
					m := map[string]string{}
					for _, a := range t.Attr {
						m[a.Name.Local] = a.Value
					}
					s.attrs[t.Name.Local] = m
				case "headerReference", "footerReference":
					r := hfRef{footer: t.Name.Local == "footerReference"}
					for _, a := range t.Attr {
						switch {
						case a.Name.Local == "type":
							r.typ = a.Value
						case a.Name.Local == "id" && a.Name.Space == nsR:
							r.id = a.Value
						}
					}
					if r.typ == "" {
						r.typ = "default"
					}
					s.refs = append(s.refs, r)
				}
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

// geometry takes the page size and margins of the template's section,
// checking they leave a page to write on.
func (ref *reference) geometry(s section) error {
	num := func(m map[string]string, k string, lo, hi int) (int, bool, error) {
		v, ok := m[k]
		if !ok {
			return 0, false, nil
		}
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < lo || n > hi {
			return 0, false, refError("the template's page %s %q is not a size between %d and %d twips", k, v, lo, hi)
		}
		return n, true, nil
	}
	var err error
	if sz := s.attrs["pgSz"]; sz != nil {
		if ref.pageW, _, err = num(sz, "w", 2880, 31680); err != nil {
			return err
		}
		if ref.pageH, _, err = num(sz, "h", 2880, 31680); err != nil {
			return err
		}
	}
	if ref.pageW == 0 || ref.pageH == 0 {
		ref.pageW, ref.pageH = pageW, pageH
	}
	mar := s.attrs["pgMar"]
	if mar == nil {
		return nil
	}
	vals := []*int{&ref.top, &ref.right, &ref.bottom, &ref.left, &ref.headerDist, &ref.footerDist, &ref.gutt}
	for i, k := range []string{"top", "right", "bottom", "left", "header", "footer", "gutter"} {
		// Word allows negative top and bottom margins (text may overlap
		// the header); paper keeps the body clear of it.
		n, _, err := num(mar, k, 0, 31680)
		if err != nil {
			return err
		}
		*vals[i] = n
	}
	if ref.left+ref.right+ref.gutt > ref.pageW-minText || ref.top+ref.bottom > ref.pageH-minText {
		return refError("the template's margins leave less than an inch of page to write on")
	}
	ref.hasMargins = true
	return nil
}

// imageTypes are the pictures a header or footer may show, by extension.
var imageTypes = map[string]string{
	".png": "image/png", ".jpeg": "image/jpeg", ".jpg": "image/jpeg", ".gif": "image/gif",
	".emf": "image/x-emf", ".wmf": "image/x-wmf", ".svg": "image/svg+xml",
}

// art reads the pictures of a header or footer part: each w:drawing and
// w:pict element, and the images its relationships name, copied under
// new names and ids.
func (rd *refReader) art(part string, footer bool) (furnitureArt, error) {
	var art furnitureArt
	b, err := rd.read(part)
	if err != nil || b == nil {
		return art, err
	}
	rels, err := rd.rels(relsOf(part))
	if err != nil {
		return art, err
	}
	byID := map[string]relXML{}
	for _, r := range rels {
		byID[r.ID] = r
	}
	kind := "header"
	if footer {
		kind = "footer"
	}
	d := xml.NewDecoder(bytes.NewReader(b))
	depth, start := 0, int64(-1)
	renamed := map[string]string{}
	for {
		off := d.InputOffset()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return art, refError("%s: %v", part, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth == 1 {
				for _, a := range t.Attr {
					if a.Name.Space == "xmlns" || (a.Name.Local == "Ignorable") {
						art.ns = append(art.ns, a)
					}
				}
			}
			if start < 0 && t.Name.Space == nsW && (t.Name.Local == "drawing" || t.Name.Local == "pict") {
				start = off
			}
			if start >= 0 {
				for _, a := range t.Attr {
					if a.Name.Space != nsR {
						continue
					}
					r, ok := byID[a.Value]
					if !ok || r.TargetMode == "External" || !strings.HasSuffix(r.Type, "/image") {
						continue
					}
					if _, done := renamed[a.Value]; done {
						continue
					}
					ext := strings.ToLower(path.Ext(r.Target))
					if imageTypes[ext] == "" {
						continue
					}
					data, err := rd.read(resolvePart(path.Dir(part), r.Target))
					if err != nil {
						return art, err
					}
					if data == nil {
						return art, refError("%s shows %s, which the file lacks", part, r.Target)
					}
					n := len(art.images) + 1
					name := "media/template-" + kind + strconv.Itoa(n) + ext
					id := "rIdTemplate" + strconv.Itoa(n)
					renamed[a.Value] = id
					art.images = append(art.images, media{name: name, data: data})
					art.rels = append(art.rels, rel{id: id, typ: relImage, target: name})
				}
			}
		case xml.EndElement:
			if start >= 0 && t.Name.Space == nsW && (t.Name.Local == "drawing" || t.Name.Local == "pict") {
				raw := string(b[start:d.InputOffset()])
				art.runs = append(art.runs, raw)
				start = -1
			}
			depth--
		}
	}
	// Rename the relationship ids inside the copied elements: only
	// r:-prefixed attributes name relationships.
	for i, raw := range art.runs {
		for old, id := range renamed {
			raw = strings.ReplaceAll(raw, `="`+old+`"`, `="`+id+`"`)
		}
		// Drawing ids must be unique in the document: the body's
		// figures count from 1.
		n := 0
		raw = docPrID().ReplaceAllStringFunc(raw, func(m string) string {
			n++
			k := 9000 + 100*btoi(footer) + 10*i + n
			return docPrID().FindStringSubmatch(m)[1] + strconv.Itoa(k) + `"`
		})
		art.runs[i] = raw
	}
	if len(art.runs) > 0 && !hasNS(art.ns, nsR) {
		art.ns = append(art.ns, xml.Attr{Name: xml.Name{Space: "xmlns", Local: "r"}, Value: nsR})
	}
	return art, nil
}

var docPrID = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`(<[A-Za-z0-9]+:docPr id=")[0-9]*"`) })

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hasNS(attrs []xml.Attr, ns string) bool {
	for _, a := range attrs {
		if a.Name.Space == "xmlns" && a.Value == ns {
			return true
		}
	}
	return false
}

// apply takes the template's page size and margins into the house style.
func (ref *reference) apply(h *house) {
	h.pageW, h.pageH = ref.pageW, ref.pageH
	if ref.hasMargins {
		h.top, h.right, h.bottom, h.left = ref.top, ref.right, ref.bottom, ref.left
		h.headerDist, h.footerDist, h.gutter = ref.headerDist, ref.footerDist, ref.gutt
	}
	h.measure()
}

// themePart is where the template's theme is stored in the DOCX.
const themePart = "theme/theme1.xml"

// dress gives the written parts the template's look: its styles with
// paper's missing ones added, the style references renamed to its ids,
// its theme and font table, and its header and footer pictures.
func (ref *reference) dress(parts []part, wr *writer) []part {
	styles, ids := ref.mergeStyles(paperStyles(wr.h, wr.num.auto))
	var types, docRels strings.Builder
	if ref.theme != nil {
		types.WriteString(`<Override PartName="/word/` + themePart + `" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/>`)
		docRels.WriteString(`<Relationship Id="rIdTheme" Type="` + relBase + `theme" Target="` + themePart + `"/>`)
	}
	exts := map[string]bool{}
	var extra []part
	for i := range parts {
		p := &parts[i]
		switch p.name {
		case "word/styles.xml":
			p.data = styles
		case "word/fontTable.xml":
			p.data = ref.mergeFontTable(namedFonts(wr.h.fonts, styles, ref.styles))
		case "word/document.xml", "word/numbering.xml":
			p.data = restyle(p.data, ids)
		case "word/" + partHeader, "word/" + partFirstHeader, "word/" + partFooter, "word/" + partFirstFooter:
			art := ref.header
			if strings.Contains(p.name, "footer") {
				art = ref.footer
			}
			data, ok := art.into(restyle(p.data, ids), mapID(ids, sHeader))
			if !ok {
				p.data = restyle(p.data, ids)
				continue
			}
			p.data = data
			extra = append(extra, part{name: relsOf(p.name), data: relsXML(art.rels)})
			for _, m := range art.images {
				exts[path.Ext(m.name)] = true
			}
		}
	}
	for _, art := range []furnitureArt{ref.header, ref.footer} {
		for _, m := range art.images {
			extra = append(extra, part{name: "word/" + m.name, data: m.data, store: true})
		}
	}
	if ref.theme != nil {
		extra = append(extra, part{name: "word/" + themePart, data: ref.theme})
	}
	for _, ext := range []string{".emf", ".gif", ".jpeg", ".jpg", ".svg", ".wmf"} {
		if exts[ext] {
			types.WriteString(`<Default Extension="` + ext[1:] + `" ContentType="` + imageTypes[ext] + `"/>`)
		}
	}
	for i := range parts {
		p := &parts[i]
		switch p.name {
		case "[Content_Types].xml":
			p.data = insertBefore(p.data, "</Types>", types.String())
		case "word/_rels/document.xml.rels":
			p.data = insertBefore(p.data, "</Relationships>", docRels.String())
		}
	}
	return append(parts, extra...)
}

// namedFonts are the fonts of fonts that the styles paper added to the
// template's name.
func namedFonts(fonts []fontDecl, merged, template []byte) []fontDecl {
	added := merged[bytes.LastIndex(template, []byte("</w:styles>")):]
	var out []fontDecl
	for _, f := range fonts {
		var name xb
		name.attr(f.name)
		if bytes.Contains(added, []byte(`w:ascii="`+name.String()+`"`)) {
			out = append(out, f)
		}
	}
	return out
}

func insertBefore(b []byte, end, s string) []byte {
	i := bytes.LastIndex(b, []byte(end))
	if s == "" || i < 0 {
		return b
	}
	out := append([]byte{}, b[:i]...)
	out = append(out, s...)
	return append(out, b[i:]...)
}

// paperNS are the prefixes paper's header and footer parts declare.
var paperNS = map[string]string{
	"w": nsW, "r": nsR, "v": "urn:schemas-microsoft-com:vml",
	"o": "urn:schemas-microsoft-com:office:office", "w10": "urn:schemas-microsoft-com:office:word",
}

const nsMC = "http://schemas.openxmlformats.org/markup-compatibility/2006"

// into puts the pictures at the top of a header or footer part paper
// wrote, in a paragraph of style, declaring the template's namespaces on
// its root. It reports false, changing nothing, when there are no
// pictures or the template binds one of paper's prefixes to another
// namespace.
func (art furnitureArt) into(part []byte, style string) ([]byte, bool) {
	if len(art.runs) == 0 {
		return part, false
	}
	var decl strings.Builder
	mc := ""
	for _, a := range art.ns {
		switch {
		case a.Name.Space == "xmlns":
			if v, ok := paperNS[a.Name.Local]; ok {
				if v != a.Value {
					return part, false
				}
				continue
			}
			if a.Value == nsMC {
				mc = a.Name.Local
			}
			var b xb
			b.attr(a.Value)
			decl.WriteString(` xmlns:` + a.Name.Local + `="` + b.String() + `"`)
		case a.Name.Space == "" && a.Name.Local == "xmlns":
			return part, false // a default namespace: paper's parts have none
		}
	}
	for _, a := range art.ns {
		if a.Name.Local == "Ignorable" && a.Name.Space == nsMC && mc != "" {
			var b xb
			b.attr(a.Value)
			decl.WriteString(` ` + mc + `:Ignorable="` + b.String() + `"`)
		}
	}
	root := bytes.IndexByte(part[len(xmlHeader):], '>') + len(xmlHeader)
	var b bytes.Buffer
	b.Write(part[:root])
	b.WriteString(decl.String())
	b.WriteString(`><w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	for _, r := range art.runs {
		b.WriteString(`<w:r>` + r + `</w:r>`)
	}
	b.WriteString(`</w:p>`)
	b.Write(part[root+1:])
	return b.Bytes(), true
}
