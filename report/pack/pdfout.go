package pack

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"github.com/paperhq/paper/report/internal/pdfannot"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// A pack is written by this file's own small PDF writer, not by merging
// whole files. It starts from an empty document and copies in, page by
// page, only what each page displays (sanitize.go: its content as a
// viewer draws it, the resources that content uses, each rebuilt from the
// keys its type needs, and its links). Nothing else of a source file can
// reach the pack: not its catalogue (outlines, attachments, forms,
// scripts, XMP metadata, structure tree), not its document information,
// and not any object that the pages do not use (such as text left behind
// by an earlier incremental save). Object numbers are given in the order
// objects are reached, so the same inputs give the same bytes.

// outRef is a reference to an object of the output, as opposed to a
// types.IndirectRef, which refers to an object of the source being copied.
type outRef int

func (r outRef) String() string      { return r.PDFString() }
func (r outRef) Clone() types.Object { return r }
func (r outRef) PDFString() string   { return strconv.Itoa(int(r)) + " 0 R" }

// text is a text string written by the pack (titles, metadata): encoded as
// PDFDocEncoding-safe ASCII when it can be, else as UTF-16BE.
type text string

func (t text) String() string      { return string(t) }
func (t text) Clone() types.Object { return t }
func (t text) PDFString() string   { return pdfText(string(t)) }

// output is the PDF being written: object bodies by number.
type output struct {
	objs [][]byte // objs[n-1] is the body of object n
}

// reserve allocates an object number whose body is written later.
func (o *output) reserve() outRef {
	o.objs = append(o.objs, nil)
	return outRef(len(o.objs))
}

// set writes the body of a reserved object.
func (o *output) set(r outRef, body []byte) { o.objs[r-1] = body }

// add writes a new object and returns its reference.
func (o *output) add(body []byte) outRef {
	r := o.reserve()
	o.set(r, body)
	return r
}

// addStream writes a new stream object with the given dictionary entries
// (without /Length) and data.
func (o *output) addStream(d types.Dict, data []byte) outRef {
	return o.add(streamBody(d, data))
}

// finish serialises the document with the given catalogue and
// information dictionary, and empties o. The file identifier is a hash
// of the content, so it is stable across runs.
func (o *output) finish(root, info outRef) []byte {
	var b bytes.Buffer
	// Sized once for the whole file: a pack runs to tens of MB.
	size := 64 + 40*len(o.objs)
	for _, body := range o.objs {
		size += len(body) + 32
	}
	b.Grow(size)
	b.WriteString("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(o.objs))
	for i, body := range o.objs {
		if body == nil {
			body = []byte("null")
		}
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n", i+1)
		b.Write(body)
		b.WriteString("\nendobj\n")
		o.objs[i] = nil // written: the collector may have it
	}
	sum := sha256.Sum256(b.Bytes())
	id := hex.EncodeToString(sum[:16])
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(o.objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root %s /Info %s /ID [<%s> <%s>] >>\nstartxref\n%d\n%%%%EOF\n",
		len(o.objs)+1, root.PDFString(), info.PDFString(), id, id, xref)
	return b.Bytes()
}

// copier copies what the pages of one source document display into the
// output (see sanitize.go). Source objects are copied once per kind they
// are used as, when first reached.
type copier struct {
	out  *output
	ctx  *model.Context
	objs map[objKey]outRef // copied objects
	jobs []job             // objects reached but not yet written
	// blocked are the source's catalogue, page tree and information,
	// which never come across even when something points at them.
	blocked map[int]bool
	// pages maps the source's pages to their copies, for links.
	pages map[int]outRef
	// oc is the source's default optional content configuration.
	oc ocConfig
	// budget is what decompressing the source's streams may still
	// produce (see inflateLimit).
	budget int64
	// own is set for the pack's own documents and fonts, written by
	// paper: their images and fonts are not decompressed to be checked.
	own bool
	// fontTag renames font subsets ("ABCDEF+Name") so that subsets from
	// different sources never share a name in the pack.
	fontTag string
	// fontNames renames fonts outright (the furniture fonts).
	fontNames map[string]string
	// ff and valueFont are the font in which the pack draws form field
	// values (see fieldAppearance), and its copy in the output.
	ff        *furnitureFonts
	valueFont outRef
	// kept is set when the source is tagged and its structure is
	// copied: per source page, the MCIDs its copied content holds
	// (structure.go). maxMCID is the highest MCID each page's content
	// uses, kept or not, so the pack can add content after it.
	kept    map[int]map[int]bool
	maxMCID map[int]int
	// annots maps the source's link annotations to their copies, and
	// annotPage each copy to its page; tree numbers their StructParent.
	annots    map[int]outRef
	annotPage map[outRef]outRef
	tree      *structTree
	// shared is what the copiers of the same external file work out
	// once for each other (reuse.go); nil for the pack's own documents.
	shared *reuse
}

func newCopier(out *output, ctx *model.Context, fontTag string) *copier {
	return &copier{out: out, ctx: ctx, objs: map[objKey]outRef{}, blocked: map[int]bool{}, pages: map[int]outRef{},
		oc: readOC(ctx), budget: inflateLimit, fontTag: fontTag, maxMCID: map[int]int{},
		annots: map[int]outRef{}, annotPage: map[outRef]outRef{}}
}

// subsetRE matches a font subset name's tag.
var subsetRE = regexp.MustCompile(`^[A-Z]{6}\+`)

// encodeOwn writes a value built by the pack: no source references.
func encodeOwn(b *bytes.Buffer, o types.Object) {
	switch v := o.(type) {
	case types.Dict:
		b.WriteString("<<")
		var room [16]string // most dictionaries' keys, without an allocation
		keys := room[:0]
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			encodeName(b, k)
			b.WriteByte(' ')
			encodeOwn(b, v[k])
		}
		b.WriteString(">>")
	case types.Array:
		b.WriteByte('[')
		for i, e := range v {
			if i > 0 {
				b.WriteByte(' ')
			}
			encodeOwn(b, e)
		}
		b.WriteByte(']')
	case types.IndirectRef, types.StreamDict:
		panic("pack: source object in a pack-built object")
	default:
		encodeScalar(b, o)
	}
}

func encodeScalar(b *bytes.Buffer, o types.Object) {
	switch v := o.(type) {
	case nil:
		b.WriteString("null")
	case types.Float:
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			f = 0
		}
		b.WriteString(strconv.FormatFloat(f, 'f', -1, 64))
	// The common kinds written directly, as their PDFString methods
	// write them (those format through fmt).
	case types.Integer:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(v), 10))
	case types.Name:
		encodeName(b, string(v))
	case outRef:
		b.Write(strconv.AppendInt(b.AvailableBuffer(), int64(v), 10))
		b.WriteString(" 0 R")
	case types.StringLiteral:
		b.WriteByte('(')
		b.WriteString(string(v))
		b.WriteByte(')')
	case types.Boolean, types.HexLiteral, text:
		b.WriteString(o.PDFString())
	default:
		// Unknown kinds (lazy objects resolved elsewhere) are dropped.
		b.WriteString("null")
	}
}

// encodeName writes a name as types.Name's PDFString does.
func encodeName(b *bytes.Buffer, s string) {
	b.WriteByte('/')
	if s == "" {
		b.WriteByte(' ')
		return
	}
	b.WriteString(types.EncodeName(s))
}

func sortedKeys(d types.Dict) []string {
	keys := make([]string, 0, len(d))
	for k := range d {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// literalEscaper escapes a literal string's backslashes and brackets;
// built once, as a Replacer's first use builds its tables.
var literalEscaper = strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)

// pdfText encodes s as a PDF text string: a literal when it is printable
// ASCII, else UTF-16BE with a byte order mark, in hex.
func pdfText(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		return "(" + literalEscaper.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// srcPage is one page of a source document with its inherited attributes
// resolved (the page tree can hand Resources, MediaBox, CropBox and Rotate
// down from its nodes).
type srcPage struct {
	n         int // object number
	dict      types.Dict
	resources types.Object
	mediaBox  types.Object
	cropBox   types.Object
	rotate    int
}

// pages lists a source's pages in order, and the object numbers of its
// page tree's inner nodes.
func pages(ctx *model.Context) ([]srcPage, []int, error) {
	root, err := ctx.Catalog()
	if err != nil {
		return nil, nil, err
	}
	top, ok := root["Pages"].(types.IndirectRef)
	if !ok {
		return nil, nil, errors.New("no page tree")
	}
	var out []srcPage
	var nodes []int
	seen := map[int]bool{}
	var walk func(ir types.IndirectRef, inh srcPage, depth int) error
	walk = func(ir types.IndirectRef, inh srcPage, depth int) error {
		n := ir.ObjectNumber.Value()
		if seen[n] || depth > 64 {
			return errors.New("the page tree loops")
		}
		seen[n] = true
		d, err := ctx.DereferenceDict(ir)
		if err != nil || d == nil {
			return fmt.Errorf("page tree node %d is missing or not a dictionary", n)
		}
		if v, ok := d["Resources"]; ok {
			inh.resources = v
		}
		if v, ok := d["MediaBox"]; ok {
			inh.mediaBox = v
		}
		if v, ok := d["CropBox"]; ok {
			inh.cropBox = v
		}
		if v, ok := d["Rotate"]; ok {
			if r, err := ctx.Dereference(v); err == nil {
				switch r := r.(type) {
				case types.Integer:
					inh.rotate = int(r)
				case types.Float:
					inh.rotate = int(r)
				}
			}
		}
		kids, isNode := d["Kids"]
		if t := d.Type(); t != nil && *t == "Page" {
			isNode = false
		}
		if !isNode {
			p := inh
			p.n, p.dict = n, d
			out = append(out, p)
			return nil
		}
		nodes = append(nodes, n)
		arr, err := ctx.DereferenceArray(kids)
		if err != nil {
			return fmt.Errorf("page tree node %d: %w", n, err)
		}
		for _, k := range arr {
			kr, ok := k.(types.IndirectRef)
			if !ok {
				continue
			}
			if err := walk(kr, inh, depth+1); err != nil {
				return err
			}
		}
		return nil
	}
	if err := walk(top, srcPage{}, 0); err != nil {
		return nil, nil, err
	}
	return out, nodes, nil
}

// box returns a rectangle's corners, or A4 when it is missing or broken.
func box(ctx *model.Context, o types.Object) [4]float64 {
	a4 := [4]float64{0, 0, 595.28, 841.89}
	n := numbers(ctx, o, 4)
	if n == nil {
		return a4
	}
	r := [4]float64(n)
	if r[0] > r[2] {
		r[0], r[2] = r[2], r[0]
	}
	if r[1] > r[3] {
		r[1], r[3] = r[3], r[1]
	}
	if r[2]-r[0] < 1 || r[3]-r[1] < 1 {
		return a4
	}
	return r
}

func rectArray(r [4]float64) types.Array {
	return types.Array{types.Float(r[0]), types.Float(r[1]), types.Float(r[2]), types.Float(r[3])}
}

// linkAnnots keeps a page's link annotations (web links and links to its
// own document's pages), rebuilt with only the keys a link needs; every
// other kind of annotation (notes, attachments, form widgets, media) is
// dropped, what it showed drawn into the page by appearances. transform,
// when set, maps the link's rectangle the way the page's content was
// mapped. Each link keeps its /Contents (or is described by where it
// leads) and gets a StructParent key: it is an OBJR of a Link element
// (structure.go). page is the copied page.
func (c *copier) linkAnnots(arr types.Array, transform func(x, y float64) (float64, float64), page outRef) types.Array {
	var out types.Array
	for _, e := range arr {
		d, err := c.ctx.DereferenceDict(e)
		if err != nil || d == nil {
			continue
		}
		if st := d.Subtype(); st == nil || *st != "Link" {
			continue
		}
		rect, ok := d["Rect"]
		if !ok {
			continue
		}
		r := box(c.ctx, rect)
		if transform != nil {
			r[0], r[1] = transform(r[0], r[1])
			r[2], r[3] = transform(r[2], r[3])
		}
		link := types.Dict{
			"Type":    types.Name("Annot"),
			"Subtype": types.Name("Link"),
			"Rect":    rectArray(r),
			"Border":  types.Array{types.Integer(0), types.Integer(0), types.Integer(0)},
		}
		switch {
		case d["A"] != nil:
			a, err := c.ctx.DereferenceDict(d["A"])
			if err != nil || a == nil {
				continue
			}
			s := a.NameEntry("S")
			switch {
			case s != nil && *s == "URI":
				uri, ok := webURI(c.deref(a["URI"]))
				if !ok {
					continue
				}
				link["A"] = types.Dict{"S": types.Name("URI"), "URI": uri}
			case s != nil && *s == "GoTo":
				dest, ok := c.pageDest(a["D"])
				if !ok {
					continue
				}
				link["Dest"] = dest
			default:
				continue
			}
		case d["Dest"] != nil:
			dest, ok := c.pageDest(d["Dest"])
			if !ok {
				continue
			}
			link["Dest"] = dest
		default:
			continue
		}
		if !c.shown(d) {
			continue
		}
		link["Contents"] = c.linkContents(d, link)
		ref := c.out.reserve()
		if c.tree != nil {
			key := c.tree.key()
			c.tree.annotKey[ref] = key
			link["StructParent"] = types.Integer(key)
			if r, ok := e.(types.IndirectRef); ok {
				c.annots[r.ObjectNumber.Value()] = ref
			}
			c.annotPage[ref] = page
		}
		c.out.set(ref, own(link))
		out = append(out, ref)
	}
	return out
}

// linkContents is a link's description for assistive technology (PDF/UA
// requires one): the source's /Contents, else where the link leads.
func (c *copier) linkContents(src, link types.Dict) text {
	if s, err := c.ctx.DereferenceText(src["Contents"]); err == nil && strings.TrimSpace(s) != "" {
		if r := []rune(s); len(r) > 2000 {
			s = string(r[:2000])
		}
		return text(s)
	}
	if a, ok := link["A"].(types.Dict); ok {
		if u, ok := a["URI"].(types.StringLiteral); ok {
			if s, err := types.StringLiteralToString(u); err == nil {
				return text("Link to " + s)
			}
		}
	}
	return text("Link to another page of this document")
}

// appearances flattens a page's visible annotations other than links
// (filled form fields, stamps, signatures' appearances, comments shown on
// the page) into page content: the pack drops annotations themselves, and
// what they showed must not vanish with them. It returns the content
// drawing them and the form XObjects it draws, by resource name.
// Following the PDF specification (12.5.5), each appearance stream's
// bounding box, transformed by its matrix, is mapped onto the
// annotation's rectangle.
func (c *copier) appearances(annots types.Array) ([]byte, map[string]types.Object) {
	var b bytes.Buffer
	forms := map[string]types.Object{}
	form := c.acroForm()
	for _, e := range annots {
		d, err := c.ctx.DereferenceDict(e)
		if err != nil || d == nil {
			continue
		}
		if st := d.Subtype(); st != nil && (*st == "Link" || *st == "Popup") {
			continue
		}
		if !c.shown(d) {
			continue
		}
		if r, x, y, ok := c.fieldAppearance(d, form); ok {
			name := fmt.Sprintf("PaperAnnot%d", len(forms)+1)
			forms[name] = r
			fmt.Fprintf(&b, "q 1 0 0 1 %s %s cm /%s Do Q\n", fnum(x), fnum(y), name)
			continue
		}
		ir, sd, cm, ok := pdfannot.Normal(c.ctx, d)
		if !ok {
			continue
		}
		if st := sd.Dict.Subtype(); st == nil || *st != "Form" || !c.visible(sd.Dict["OC"]) {
			continue
		}
		name := fmt.Sprintf("PaperAnnot%d", len(forms)+1)
		forms[name] = ir
		fmt.Fprintf(&b, "q %s 0 0 %s %s %s cm /%s Do Q\n", fnum(cm[0]), fnum(cm[3]), fnum(cm[4]), fnum(cm[5]), name)
	}
	return b.Bytes(), forms
}

// numbers reads an array of n finite numbers, or nil when o is missing,
// is not such an array, or holds anything else.
func numbers(ctx *model.Context, o types.Object, n int) []float64 {
	v, _ := pdfannot.Numbers(ctx, o, n)
	return v
}

// fnum formats a number for a content stream.
func fnum(f float64) string { return strconv.FormatFloat(f, 'f', 4, 64) }

// pageDest keeps an explicit destination to a page of the same source
// (named destinations live in the catalogue, which is not carried).
func (c *copier) pageDest(o types.Object) (types.Object, bool) {
	arr, err := c.ctx.DereferenceArray(o)
	if err != nil || len(arr) == 0 {
		return nil, false
	}
	pg, ok := arr[0].(types.IndirectRef)
	if !ok {
		return nil, false
	}
	r, known := c.pages[pg.ObjectNumber.Value()]
	if !known {
		return nil, false
	}
	return types.Array{r, types.Name("Fit")}, true
}

// docDate formats a time as a PDF date.
func docDate(t time.Time) string {
	return t.UTC().Format("D:20060102150405Z")
}
