package fpdf

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
)

// Tagged PDF (PDF 1.7 section 14.7-14.8, PDF/UA-1): not in upstream fpdf,
// see FORK.md. Tagging is off unless SetTagged(true) is called; with it
// off none of this code writes a byte.
//
// The model: the caller opens and closes structure elements (BeginStruct,
// EndStruct) and artifacts (BeginArtifact, EndArtifact) around what it
// draws. Every content operator written while tagging is on lands in a
// marked-content sequence of whatever is innermost: the open element (a
// sequence with the next MCID of the page, recorded in the parent tree)
// or the open artifact; with nothing open, an untyped artifact. A
// sequence is closed when the innermost target changes or the page does,
// and reopened lazily on the next operator, so an element that continues
// across a page break stays one element with a marked-content reference
// per page. Nothing drawn can therefore be left neither tagged nor an
// artifact.

// StructElem identifies a structure element of a tagged document.
type StructElem int

// StructOptions are the optional entries and attributes of a structure
// element.
type StructOptions struct {
	// Alt is the alternative description (/Alt), required on Figure.
	Alt string
	// ActualText replaces the element's content for text extraction.
	ActualText string
	// Lang is the element's language (BCP 47), when not the document's.
	Lang string
	// ID is the element's identifier (/ID), listed in the IDTree; table
	// cells name header cells by it (Headers).
	ID string
	// Table attributes: Scope of a TH ("Row", "Column" or "Both"),
	// ColSpan and RowSpan (written when above 1), and Headers, the IDs of
	// the header cells of a cell.
	Scope            string
	ColSpan, RowSpan int
	Headers          []string
}

// standardRoles are the standard structure types of PDF 1.7 (table
// 333-340); any other role needs a RoleMap entry (AddRoleMap).
var standardRoles = map[string]bool{
	"Document": true, "Part": true, "Art": true, "Sect": true, "Div": true,
	"BlockQuote": true, "Caption": true, "TOC": true, "TOCI": true, "Index": true,
	"NonStruct": true, "Private": true, "P": true, "H": true, "H1": true, "H2": true,
	"H3": true, "H4": true, "H5": true, "H6": true, "L": true, "LI": true, "Lbl": true,
	"LBody": true, "Table": true, "TR": true, "TH": true, "TD": true, "THead": true,
	"TBody": true, "TFoot": true, "Span": true, "Quote": true, "Note": true,
	"Reference": true, "BibEntry": true, "Code": true, "Link": true, "Annot": true,
	"Ruby": true, "RB": true, "RT": true, "RP": true, "Warichu": true, "WT": true,
	"WP": true, "Figure": true, "Formula": true, "Form": true,
}

type tagKid struct {
	elem       int // child element index, or -1
	page, mcid int // marked-content reference when elem < 0 and annot < 0
	annot      int // annotation index (tagState.annots), or -1
}

type tagElem struct {
	role   string
	parent int // -1: a child of the StructTreeRoot
	opt    StructOptions
	kids   []tagKid
	bbox   []float64 // page, llx, lly, urx, ury in points
}

type tagTarget struct {
	elem              int // -1: an artifact
	artType, artSubty string
}

type tagAnnot struct {
	page, index int // pageLinks[page][index]
	elem        int
}

type tagState struct {
	elems   []tagElem
	stack   []tagTarget
	open    bool // a marked-content sequence is open on openPage
	page    int
	mcids   [][]int // per page: the element of each MCID
	annots  []tagAnnot
	roleMap map[string]string
	ids     map[string]int
	// written at the end
	annotObj        []int // object number of each annotation
	pageObj         []int // object number of each page (1-based)
	rootObj, xmpObj int
}

// SetTagged turns tagged PDF output on or off; call it before the first
// page. A tagged document is written as PDF 1.7 with a structure tree,
// marked content, MarkInfo, DisplayDocTitle, XMP metadata with the PDF/UA
// identifier, /Tabs /S on every page, link annotations as indirect
// objects in their Link elements, and ToUnicode maps of only the glyphs
// used. Off, the output is exactly upstream fpdf's.
func (f *Fpdf) SetTagged(on bool) {
	if !on {
		f.tag = nil
		return
	}
	if f.page > 0 {
		f.SetErrorf("tagging must be turned on before the first page")
		return
	}
	f.tag = &tagState{ids: map[string]int{}}
	f.pdfVersion = pdfVersionFrom(1, 7)
}

// Tagged reports whether tagged output is on.
func (f *Fpdf) Tagged() bool { return f.tag != nil }

// AddRoleMap maps a non-standard structure role (e.g. "Title") onto a
// standard one (e.g. "P") in the RoleMap, so that BeginStruct accepts it.
func (f *Fpdf) AddRoleMap(role, standard string) {
	if f.tag == nil {
		return
	}
	if standardRoles[role] || !standardRoles[standard] {
		f.SetErrorf("role map %s to %s: the role must be non-standard and the target standard", role, standard)
		return
	}
	if f.tag.roleMap == nil {
		f.tag.roleMap = map[string]string{}
	}
	f.tag.roleMap[role] = standard
}

// BeginStruct opens a structure element of the given role as the last
// child of the innermost open element (or of the structure tree root),
// and returns it. Content drawn until the matching EndStruct belongs to
// it. Without tagging it does nothing and returns -1.
func (f *Fpdf) BeginStruct(role string, opt *StructOptions) StructElem {
	t := f.tag
	if t == nil || f.err != nil {
		return -1
	}
	if !standardRoles[role] && t.roleMap[role] == "" {
		f.SetErrorf("structure role %q is neither standard nor role-mapped", role)
		return -1
	}
	parent := -1
	if n := len(t.stack); n > 0 {
		if t.stack[n-1].elem < 0 {
			f.SetErrorf("structure element %s opened inside an artifact", role)
			return -1
		}
		parent = t.stack[n-1].elem
	}
	e := tagElem{role: role, parent: parent}
	if opt != nil {
		e.opt = *opt
		e.opt.Headers = append([]string(nil), opt.Headers...)
	}
	idx := len(t.elems)
	if id := e.opt.ID; id != "" {
		if _, dup := t.ids[id]; dup {
			f.SetErrorf("structure element ID %q used twice", id)
			return -1
		}
		t.ids[id] = idx
	}
	t.elems = append(t.elems, e)
	if parent >= 0 {
		t.elems[parent].kids = append(t.elems[parent].kids, tagKid{elem: idx, annot: -1})
	}
	f.tagClose()
	t.stack = append(t.stack, tagTarget{elem: idx})
	return StructElem(idx)
}

// ResumeStruct reopens element e, created earlier, so that what is drawn
// until the matching EndStruct is added to it: content drawn out of
// reading order, such as a page-one stamp drawn after the body, still
// reads where its element stands in the tree.
func (f *Fpdf) ResumeStruct(e StructElem) {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if int(e) < 0 || int(e) >= len(t.elems) {
		f.SetErrorf("no structure element %d", e)
		return
	}
	f.tagClose()
	t.stack = append(t.stack, tagTarget{elem: int(e)})
}

// EndStruct closes the innermost open structure element.
func (f *Fpdf) EndStruct() {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if n := len(t.stack); n == 0 || t.stack[n-1].elem < 0 {
		f.SetErrorf("EndStruct without an open structure element")
		return
	}
	f.tagClose()
	t.stack = t.stack[:len(t.stack)-1]
}

// SetStructBBox sets the bounding box (Layout attribute BBox) of element
// e to the rectangle at (x, y), w by h in user units, on the current
// page: a Figure needs one.
func (f *Fpdf) SetStructBBox(e StructElem, x, y, w, h float64) {
	t := f.tag
	if t == nil || int(e) < 0 || int(e) >= len(t.elems) {
		return
	}
	t.elems[e].bbox = []float64{float64(f.page), x * f.k, (f.h - y - h) * f.k, (x + w) * f.k, (f.h - y) * f.k}
}

// BeginArtifact opens an artifact: what is drawn until EndArtifact is not
// part of the document's content (page furniture, rules, repeated
// headers). typ is Pagination, Layout, Page or Background, or empty;
// subtype (Header, Footer, Watermark) only with Pagination.
func (f *Fpdf) BeginArtifact(typ, subtype string) {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	f.tagClose()
	t.stack = append(t.stack, tagTarget{elem: -1, artType: typ, artSubty: subtype})
}

// EndArtifact closes the innermost open artifact.
func (f *Fpdf) EndArtifact() {
	t := f.tag
	if t == nil || f.err != nil {
		return
	}
	if n := len(t.stack); n == 0 || t.stack[n-1].elem >= 0 {
		f.SetErrorf("EndArtifact without an open artifact")
		return
	}
	f.tagClose()
	t.stack = t.stack[:len(t.stack)-1]
}

// LinkStringDescribed puts a link to linkStr on a rectangle of the page,
// as LinkString does. In a tagged document contents is its description
// (/Contents, what a screen reader announces) and the annotation becomes
// part of the innermost open structure element, which should be a Link;
// untagged, it is exactly LinkString.
func (f *Fpdf) LinkStringDescribed(x, y, w, h float64, linkStr, contents string) {
	if f.page <= 0 {
		return
	}
	f.newLink(x, y, w, h, 0, linkStr)
	l := &f.pageLinks[f.page][len(f.pageLinks[f.page])-1]
	l.contents = contents
	t := f.tag
	if t == nil {
		return
	}
	l.tagged = true
	elem := -1
	if n := len(t.stack); n > 0 {
		elem = t.stack[n-1].elem
	}
	if elem < 0 {
		f.SetErrorf("a tagged link needs an open structure element")
		return
	}
	ai := len(t.annots)
	t.annots = append(t.annots, tagAnnot{page: f.page, index: len(f.pageLinks[f.page]) - 1, elem: elem})
	t.elems[elem].kids = append(t.elems[elem].kids, tagKid{elem: -1, annot: ai})
}

// tagClose ends the open marked-content sequence, if any, on the page it
// was opened on.
func (f *Fpdf) tagClose() {
	t := f.tag
	if t == nil || !t.open {
		return
	}
	t.open = false
	if t.page < len(f.pages) {
		f.pages[t.page].WriteString("EMC\n")
	}
}

// tagOpen opens a marked-content sequence for the innermost target on
// the current page; out and put call it before writing page content.
func (f *Fpdf) tagOpen() {
	t := f.tag
	t.open, t.page = true, f.page
	buf := f.pages[f.page]
	n := len(t.stack)
	if n == 0 {
		buf.WriteString("/Artifact BMC\n")
		return
	}
	top := t.stack[n-1]
	if top.elem < 0 {
		switch {
		case top.artType == "":
			buf.WriteString("/Artifact BMC\n")
		case top.artSubty == "":
			buf.WriteString("/Artifact <</Type /" + top.artType + ">> BDC\n")
		default:
			buf.WriteString("/Artifact <</Type /" + top.artType + " /Subtype /" + top.artSubty + ">> BDC\n")
		}
		return
	}
	for len(t.mcids) <= f.page {
		t.mcids = append(t.mcids, nil)
	}
	mcid := len(t.mcids[f.page])
	t.mcids[f.page] = append(t.mcids[f.page], top.elem)
	e := &t.elems[top.elem]
	e.kids = append(e.kids, tagKid{elem: -1, page: f.page, mcid: mcid, annot: -1})
	buf.WriteByte('/')
	buf.WriteString(e.role)
	buf.WriteString(" <</MCID ")
	var num [20]byte
	buf.Write(strconv.AppendInt(num[:0], int64(mcid), 10))
	buf.WriteString(">> BDC\n")
}

// stateOperators are the operators that only set graphics or text state.
// A line of them alone needs no marked-content sequence: written while
// none is open, it opens none, so setting a colour or a font between two
// elements does not give the enclosing element (a Table, a list) content
// of its own. Transformations and q/Q are not among them: they must nest
// inside the sequence of what they transform.
var stateOperators = map[string]bool{
	"g": true, "G": true, "rg": true, "RG": true, "k": true, "K": true,
	"w": true, "J": true, "j": true, "d": true, "gs": true, "M": true, "i": true, "ri": true,
	"BT": true, "ET": true, "Tf": true, "Tr": true, "Tw": true, "Tc": true, "Tz": true, "TL": true, "Ts": true,
}

// stateOnly reports whether every operator of the content s is a state
// operator. Anything it cannot read (a string, an unknown operator)
// counts as content.
func stateOnly[T string | []byte](s T) bool {
	for len(s) > 0 {
		// The next space-separated token, without allocating: this runs
		// for every operator written while no sequence is open.
		i := 0
		for i < len(s) && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
			i++
		}
		s = s[i:]
		j := 0
		for j < len(s) && s[j] != ' ' && s[j] != '\n' && s[j] != '\t' && s[j] != '\r' {
			j++
		}
		if j == 0 {
			break
		}
		tok := s[:j]
		s = s[j:]
		c := tok[0]
		switch {
		case c == '/' || c == '-' || c == '.' || c == '[' || (c >= '0' && c <= '9'):
			for k := 0; k < len(tok); k++ {
				if c := tok[k]; c == '(' || c == ')' || c == '<' || c == '>' {
					return false
				}
			}
		case !stateOperators[string(tok)]:
			return false
		}
	}
	return true
}

// tagFinish checks that every element and artifact was closed and ends
// the last sequence; Close calls it before ending the last page.
func (f *Fpdf) tagFinish() {
	t := f.tag
	if t == nil {
		return
	}
	f.tagClose()
	if len(t.stack) > 0 {
		f.SetErrorf("%d structure elements or artifacts left open", len(t.stack))
	}
}

// tagPageEntries writes the tagging entries of page n's dictionary.
func (f *Fpdf) tagPageEntries(n int) {
	f.outf("/StructParents %d", n-1)
	f.out("/Tabs /S")
}

// tagAnnotRefs returns the /Annots entries of page n when its links are
// written as indirect objects (see putTagAnnots), numbering them from
// *next.
func (f *Fpdf) tagAnnotRefs(annots *fmtBuffer, n int, next *int) {
	for range f.pageLinks[n] {
		annots.printf("%d 0 R ", *next)
		*next++
	}
}

// putTagAnnots writes every page's link annotations as indirect objects
// (the numbers tagAnnotRefs gave them), each with its description and,
// when it is in a Link element, its StructParent key.
func (f *Fpdf) putTagAnnots(pageObj []int, hPt float64) {
	t := f.tag
	t.pageObj = pageObj
	key := map[[2]int]int{}
	for i, a := range t.annots {
		key[[2]int{a.page, a.index}] = i
	}
	t.annotObj = make([]int, len(t.annots))
	nb := len(pageObj) - 1
	for n := 1; n <= nb; n++ {
		for i, pl := range f.pageLinks[n] {
			f.newobj()
			var s fmtBuffer
			s.printf("<</Type /Annot /Subtype /Link /Rect [%.2f %.2f %.2f %.2f] /Border [0 0 0] /P %d 0 R ",
				pl.x, pl.y, pl.x+pl.wd, pl.y-pl.ht, pageObj[n])
			if pl.contents != "" {
				s.printf("/Contents %s ", f.textstring(pdfText(pl.contents)))
			}
			if ai, ok := key[[2]int{n, i}]; ok {
				s.printf("/StructParent %d ", nb+ai)
				t.annotObj[ai] = f.n
			}
			if pl.link == 0 {
				s.printf("/A <</S /URI /URI %s>>>>", f.textstring(pl.linkStr))
			} else {
				l := f.links[pl.link]
				h := hPt
				if sz, ok := f.pageSizes[l.page]; ok {
					h = sz.Ht
				}
				s.printf("/Dest [%d 0 R /XYZ 0 %.2f null]>>", pageObj[l.page], h-l.y*f.k)
			}
			f.out(s.String())
			f.out("endobj")
		}
	}
}

// pdfText returns s as a PDF text string's bytes: itself when ASCII,
// else UTF-16BE with a byte order mark.
func pdfText(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return utf8toutf16(s)
		}
	}
	return s
}

// decodeText is pdfText's inverse, for the Info strings fpdf keeps.
func decodeText(s string) string {
	if len(s) < 2 || s[0] != 0xFE || s[1] != 0xFF {
		return s
	}
	u := make([]uint16, 0, len(s)/2)
	for i := 2; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}

// putStructTree writes the structure tree and returns the object number
// of its root. The root comes first, then element i as object root+1+i.
func (f *Fpdf) putStructTree() int {
	t := f.tag
	root := f.n + 1
	obj := func(e int) int { return root + 1 + e }
	page := func(p int) int { return t.pageObj[p] }
	nb := len(t.pageObj) - 1
	f.newobj()
	var s fmtBuffer
	s.printf("<</Type /StructTreeRoot /K [")
	for i, e := range t.elems {
		if e.parent < 0 {
			s.printf("%d 0 R ", obj(i))
		}
	}
	s.printf("] /ParentTree <</Nums [")
	for p := 1; p <= nb; p++ {
		s.printf("%d [", p-1)
		if p < len(t.mcids) {
			for _, e := range t.mcids[p] {
				s.printf("%d 0 R ", obj(e))
			}
		}
		s.printf("] ")
	}
	for i, a := range t.annots {
		s.printf("%d %d 0 R ", nb+i, obj(a.elem))
	}
	s.printf("]>> /ParentTreeNextKey %d", nb+len(t.annots))
	if len(t.ids) > 0 {
		ids := make([]string, 0, len(t.ids))
		for id := range t.ids {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		s.printf(" /IDTree <</Names [")
		for _, id := range ids {
			s.printf("%s %d 0 R ", f.textstring(pdfText(id)), obj(t.ids[id]))
		}
		s.printf("]>>")
	}
	if len(t.roleMap) > 0 {
		roles := make([]string, 0, len(t.roleMap))
		for r := range t.roleMap {
			roles = append(roles, r)
		}
		sort.Strings(roles)
		s.printf(" /RoleMap <<")
		for _, r := range roles {
			s.printf("/%s /%s ", r, t.roleMap[r])
		}
		s.printf(">>")
	}
	s.printf(">>")
	f.out(s.String())
	f.out("endobj")
	// One object per element, hundreds in a paper: appended directly,
	// the bytes fmt gave (paper's fork, FORK.md).
	var b []byte
	ref := func(n int) {
		b = strconv.AppendInt(b, int64(n), 10)
		b = append(b, " 0 R"...)
	}
	for _, e := range t.elems {
		f.newobj()
		b = append(b[:0], "<</Type /StructElem /S /"...)
		b = append(b, e.role...)
		b = append(b, " /P "...)
		if e.parent < 0 {
			ref(root)
		} else {
			ref(obj(e.parent))
		}
		pg := 0
		for _, k := range e.kids {
			if k.elem < 0 && k.annot < 0 {
				pg = k.page
				break
			}
		}
		if pg > 0 {
			b = append(b, " /Pg "...)
			ref(page(pg))
		}
		b = append(b, " /K ["...)
		for _, k := range e.kids {
			switch {
			case k.elem >= 0:
				ref(obj(k.elem))
				b = append(b, ' ')
			case k.annot >= 0:
				a := t.annots[k.annot]
				b = append(b, "<</Type /OBJR /Obj "...)
				ref(t.annotObj[k.annot])
				b = append(b, " /Pg "...)
				ref(page(a.page))
				b = append(b, ">> "...)
			case k.page == pg:
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ' ')
			default:
				b = append(b, "<</Type /MCR /Pg "...)
				ref(page(k.page))
				b = append(b, " /MCID "...)
				b = strconv.AppendInt(b, int64(k.mcid), 10)
				b = append(b, ">> "...)
			}
		}
		b = append(b, ']')
		if e.opt.ID != "" {
			b = append(b, " /ID "...)
			b = append(b, f.textstring(pdfText(e.opt.ID))...)
		}
		if e.opt.Alt != "" {
			b = append(b, " /Alt "...)
			b = append(b, f.textstring(pdfText(e.opt.Alt))...)
		}
		if e.opt.ActualText != "" {
			b = append(b, " /ActualText "...)
			b = append(b, f.textstring(pdfText(e.opt.ActualText))...)
		}
		if e.opt.Lang != "" {
			b = append(b, " /Lang "...)
			b = append(b, f.textstring(e.opt.Lang)...)
		}
		var attrs []string
		var ta fmtBuffer
		if e.opt.Scope != "" {
			ta.printf(" /Scope /%s", e.opt.Scope)
		}
		if e.opt.ColSpan > 1 {
			ta.printf(" /ColSpan %d", e.opt.ColSpan)
		}
		if e.opt.RowSpan > 1 {
			ta.printf(" /RowSpan %d", e.opt.RowSpan)
		}
		if len(e.opt.Headers) > 0 {
			ta.printf(" /Headers [")
			for _, h := range e.opt.Headers {
				ta.printf("%s ", f.textstring(pdfText(h)))
			}
			ta.printf("]")
		}
		if ta.Len() > 0 {
			attrs = append(attrs, "<</O /Table"+ta.String()+">>")
		}
		if bb := e.bbox; bb != nil {
			attrs = append(attrs, fmt.Sprintf("<</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>", bb[1], bb[2], bb[3], bb[4]))
		}
		switch len(attrs) {
		case 0:
		case 1:
			b = append(b, " /A "...)
			b = append(b, attrs[0]...)
		default:
			b = append(b, " /A ["...)
			b = append(b, strings.Join(attrs, " ")...)
			b = append(b, ']')
		}
		b = append(b, ">>"...)
		f.outBytes(b)
		f.out("endobj")
	}
	return root
}

// putTagXMP writes the XMP metadata stream PDF/UA requires (dc:title,
// dc:creator, dc:description, dc:language, the PDF/UA identifier, and the
// Info dictionary's other entries to match) and returns its object number.
func (f *Fpdf) putTagXMP() int {
	x := XMPMetadata(XMPInfo{
		Title: decodeText(f.title), Author: decodeText(f.author), Subject: decodeText(f.subject),
		Lang: decodeText(f.lang), Keywords: decodeText(f.keywords), Producer: decodeText(f.producer),
		Creator: decodeText(f.creator), Created: timeOrNow(f.creationDate), Modified: timeOrNow(f.modDate),
	})
	f.newobj()
	f.outf("<</Type /Metadata /Subtype /XML /Length %d>>", len(x))
	f.putstream([]byte(x))
	f.out("endobj")
	return f.n
}

// XMPInfo is what an XMP metadata packet says of a document.
type XMPInfo struct {
	Title, Author, Subject, Lang, Keywords, Producer, Creator string
	Created, Modified                                         time.Time
}

// XMPMetadata is the XMP metadata packet of a PDF/UA-1 document: the
// Dublin Core title, creator, description and language, the PDF and XMP
// entries matching the Info dictionary, and pdfuaid:part 1. Empty
// entries are left out. A writer that merges documents (the agenda pack)
// uses it for its own catalogue.
func XMPMetadata(m XMPInfo) string {
	esc := func(s string) string {
		var b strings.Builder
		for _, r := range s {
			switch r {
			case '&':
				b.WriteString("&amp;")
			case '<':
				b.WriteString("&lt;")
			case '>':
				b.WriteString("&gt;")
			case '"':
				b.WriteString("&quot;")
			default:
				if r < 0x20 && r != '\t' && r != '\n' && r != '\r' {
					continue
				}
				b.WriteRune(r)
			}
		}
		return b.String()
	}
	date := func(tm time.Time) string { return tm.Format("2006-01-02T15:04:05") }
	var x strings.Builder
	x.WriteString("<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	x.WriteString("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n")
	x.WriteString("<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\" xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\" xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\">\n")
	x.WriteString("<dc:format>application/pdf</dc:format>\n")
	if m.Title != "" {
		x.WriteString("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Title) + "</rdf:li></rdf:Alt></dc:title>\n")
	}
	if m.Author != "" {
		x.WriteString("<dc:creator><rdf:Seq><rdf:li>" + esc(m.Author) + "</rdf:li></rdf:Seq></dc:creator>\n")
	}
	if m.Subject != "" {
		x.WriteString("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">" + esc(m.Subject) + "</rdf:li></rdf:Alt></dc:description>\n")
	}
	if m.Lang != "" {
		x.WriteString("<dc:language><rdf:Bag><rdf:li>" + esc(m.Lang) + "</rdf:li></rdf:Bag></dc:language>\n")
	}
	if m.Keywords != "" {
		x.WriteString("<pdf:Keywords>" + esc(m.Keywords) + "</pdf:Keywords>\n")
	}
	if m.Producer != "" {
		x.WriteString("<pdf:Producer>" + esc(m.Producer) + "</pdf:Producer>\n")
	}
	if m.Creator != "" {
		x.WriteString("<xmp:CreatorTool>" + esc(m.Creator) + "</xmp:CreatorTool>\n")
	}
	x.WriteString("<xmp:CreateDate>" + date(m.Created) + "</xmp:CreateDate>\n")
	x.WriteString("<xmp:ModifyDate>" + date(m.Modified) + "</xmp:ModifyDate>\n")
	x.WriteString("<pdfuaid:part>1</pdfuaid:part>\n")
	x.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return x.String()
}

// StandardRole reports whether role is a standard structure type of PDF
// 1.7, which needs no RoleMap entry (and may not be given one).
func StandardRole(role string) bool { return standardRoles[role] }

// tagCatalog writes the tagged document's catalogue entries.
func (f *Fpdf) tagCatalog() {
	t := f.tag
	f.outf("/StructTreeRoot %d 0 R", t.rootObj)
	f.outf("/Metadata %d 0 R", t.xmpObj)
	f.out("/MarkInfo <</Marked true>>")
	f.out("/ViewerPreferences <</DisplayDocTitle true>>")
}

// toUnicodeFor is the ToUnicode CMap of a UTF-8 font whose codes are the
// characters themselves (fpdf's Identity-H encoding of them), listing
// only the characters used: upstream maps every code 0000-FFFF, code 0
// to U+0000, which PDF/UA forbids.
func toUnicodeFor(used map[int]int) string {
	codes := make([]int, 0, len(used))
	for r := range used {
		if r >= 0x20 && r <= 0xFFFF && (r < 0xD800 || r > 0xDFFF) {
			codes = append(codes, r)
		}
	}
	sort.Ints(codes)
	var b strings.Builder
	b.WriteString("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n<</Registry (Adobe)\n/Ordering (UCS)\n/Supplement 0\n>> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
	for len(codes) > 0 {
		n := min(len(codes), 100)
		fmt.Fprintf(&b, "%d beginbfchar\n", n)
		for _, c := range codes[:n] {
			fmt.Fprintf(&b, "<%04X> <%04X>\n", c, c)
		}
		b.WriteString("endbfchar\n")
		codes = codes[n:]
	}
	b.WriteString("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend")
	return b.String()
}
