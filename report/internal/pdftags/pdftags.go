// Package pdftags reads a tagged PDF back for tests: its structure tree
// in reading order with each element's text, and what its content
// streams hold, checking the invariants PDF/UA rests on (every painting
// operator tagged or an artifact, every MCID with exactly one parent,
// the parent tree agreeing). It reads the PDFs paper writes; it is not a
// general PDF parser.
package pdftags

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

type mcKey struct{ page, mcid int }

// Elem is one structure element.
type Elem struct {
	Role  string
	Depth int // 0 for a child of the StructTreeRoot
	Alt   string
	T     string // the title (/T)
	Dict  types.Dict
	// Text is the text shown in its content and its descendants', in
	// tree order.
	Text string
	obj  int
}

// Tree is a tagged PDF read back.
type Tree struct {
	// Elems are the structure elements in tree (reading) order, depth first.
	Elems []*Elem
	// Artifacts holds the strings shown inside artifacts, in content order.
	Artifacts []string
	// Problems are the violations found: content neither tagged nor an
	// artifact, MCIDs with no parent or several, a parent tree that
	// disagrees with the tree, pages without StructParents or /Tabs /S.
	Problems []string
	mcText   map[mcKey]string
}

func (tt *Tree) fail(format string, args ...any) {
	tt.Problems = append(tt.Problems, fmt.Sprintf(format, args...))
}

// Read reads the PDF at path: every page's content stream, then the
// structure tree, checking as it goes that every painting operator is in
// an MCID'd sequence or an artifact, that every MCID of the content has
// exactly one element and the parent tree agrees. It returns an error
// only when the file cannot be read or has no structure tree.
func Read(path string) (*Tree, error) {
	ctx, err := api.ReadContextFile(path)
	if err != nil {
		return nil, err
	}
	return read(ctx, path)
}

// ReadBytes is Read of a PDF in memory.
func ReadBytes(pdf []byte) (*Tree, error) {
	ctx, err := api.ReadContext(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		return nil, err
	}
	// Validation, as ReadContextFile does it, counts the pages.
	if err := api.ValidateContext(ctx); err != nil {
		return nil, err
	}
	return read(ctx, "PDF")
}

func read(ctx *model.Context, path string) (*Tree, error) {
	xrt := ctx.XRefTable
	tt := &Tree{mcText: map[mcKey]string{}}
	pageOf := map[int]int{}        // page object number -> page
	structParents := map[int]int{} // StructParents key -> page
	for p := 1; p <= xrt.PageCount; p++ {
		pd, ref, _, err := xrt.PageDict(p, false)
		if err != nil {
			return nil, err
		}
		pageOf[ref.ObjectNumber.Value()] = p
		if sp := pd.IntEntry("StructParents"); sp != nil {
			structParents[*sp] = p
		} else {
			tt.fail("page %d has no StructParents", p)
		}
		if tabs := pd.NameEntry("Tabs"); tabs == nil || *tabs != "S" {
			tt.fail("page %d has no /Tabs /S", p)
		}
		content, err := xrt.PageContent(pd, p)
		if err != nil {
			return nil, err
		}
		tt.scan(p, content)
	}
	cat, err := xrt.Catalog()
	if err != nil {
		return nil, err
	}
	root, err := xrt.DereferenceDict(cat["StructTreeRoot"])
	if err != nil || root == nil {
		return nil, fmt.Errorf("%s: no StructTreeRoot (%v)", path, err)
	}
	seen := map[mcKey]int{}
	owner := map[mcKey]int{} // MCID -> element object number
	var walk func(o types.Object, depth, pg int, parent *Elem) string
	walk = func(o types.Object, depth, pg int, parent *Elem) string {
		switch k := o.(type) {
		case types.Integer:
			key := mcKey{pg, int(k)}
			seen[key]++
			if parent != nil {
				owner[key] = parent.obj
			}
			return tt.mcText[key]
		case types.Array:
			var b strings.Builder
			for _, kid := range k {
				b.WriteString(walk(kid, depth, pg, parent))
			}
			return b.String()
		case types.IndirectRef, types.Dict:
			d, err := xrt.DereferenceDict(k)
			if err != nil || d == nil {
				tt.fail("unreadable structure kid %v", k)
				return ""
			}
			if ty := d.NameEntry("Type"); ty != nil && *ty == "MCR" {
				p := pg
				if r, ok := d["Pg"].(types.IndirectRef); ok {
					p = pageOf[r.ObjectNumber.Value()]
				}
				return walk(types.Integer(*d.IntEntry("MCID")), depth, p, parent)
			}
			if ty := d.NameEntry("Type"); ty != nil && *ty == "OBJR" {
				return ""
			}
			e := &Elem{Depth: depth, Dict: d}
			if s := d.NameEntry("S"); s != nil {
				e.Role = *s
			}
			if alt, err := xrt.DereferenceText(d["Alt"]); err == nil {
				e.Alt = alt
			}
			if title, err := xrt.DereferenceText(d["T"]); err == nil {
				e.T = title
			}
			if r, ok := k.(types.IndirectRef); ok {
				e.obj = r.ObjectNumber.Value()
			}
			tt.Elems = append(tt.Elems, e)
			p := pg
			if r, ok := d["Pg"].(types.IndirectRef); ok {
				p = pageOf[r.ObjectNumber.Value()]
			}
			e.Text = walk(d["K"], depth+1, p, e)
			return e.Text
		}
		return ""
	}
	walk(root["K"], 0, 0, nil)
	for key := range tt.mcText {
		if seen[key] != 1 {
			tt.fail("page %d MCID %d has %d structure parents, want 1", key.page, key.mcid, seen[key])
		}
	}
	for key := range seen {
		if _, ok := tt.mcText[key]; !ok {
			tt.fail("the tree refers to page %d MCID %d, which the content lacks", key.page, key.mcid)
		}
	}
	// The parent tree maps each page's MCIDs to the same elements.
	pt, _ := xrt.DereferenceDict(root["ParentTree"])
	nums, _ := xrt.DereferenceArray(pt["Nums"])
	for i := 0; i+1 < len(nums); i += 2 {
		n, _ := nums[i].(types.Integer)
		p, ok := structParents[int(n)]
		if !ok {
			continue // an annotation's key
		}
		arr, _ := xrt.DereferenceArray(nums[i+1])
		for mcid, o := range arr {
			r, _ := o.(types.IndirectRef)
			if got, want := r.ObjectNumber.Value(), owner[mcKey{p, mcid}]; got != want {
				tt.fail("parent tree: page %d MCID %d is in object %d, the tree says %d", p, mcid, got, want)
			}
		}
	}
	return tt, nil
}

// contentToken reads PDF content: operators, operands, strings.
var contentToken = regexp.MustCompile(`\((?:\\.|[^\\)])*\)|<<.*?>>|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+|[^\s/\[\]()<>]+`)

// paintOps are the operators that show text or paint.
var paintOps = map[string]bool{
	"Tj": true, "TJ": true, "'": true, `"`: true, "S": true, "s": true, "f": true, "F": true,
	"f*": true, "B": true, "B*": true, "b": true, "b*": true, "Do": true, "sh": true, "BI": true,
}

// scan reads page p's content stream (fpdf writes nested parentheses
// escaped, so a string is one token).
func (tt *Tree) scan(p int, content []byte) {
	type seq struct {
		artifact bool
		mcid     int
	}
	var stack []seq
	var operands []string
	for _, tok := range contentToken.FindAllString(string(content), -1) {
		c := tok[0]
		if c == '(' || c == '<' || c == '/' || c == '[' || c == ']' || c == '-' || c == '.' || (c >= '0' && c <= '9') {
			operands = append(operands, tok)
			continue
		}
		switch tok {
		case "BDC", "BMC":
			s := seq{mcid: -1}
			if len(operands) > 0 {
				tag := operands[0]
				s.artifact = tag == "/Artifact"
				if m := regexp.MustCompile(`/MCID (\d+)`).FindStringSubmatch(strings.Join(operands, " ")); m != nil {
					s.mcid, _ = strconv.Atoi(m[1])
					if _, dup := tt.mcText[mcKey{p, s.mcid}]; dup {
						tt.fail("page %d: MCID %d used twice", p, s.mcid)
					}
					tt.mcText[mcKey{p, s.mcid}] = ""
				}
			}
			stack = append(stack, s)
		case "EMC":
			if len(stack) == 0 {
				tt.fail("page %d: EMC without BDC", p)
			} else {
				stack = stack[:len(stack)-1]
			}
		default:
			if paintOps[tok] {
				inner := -1
				artifact := false
				for _, s := range stack {
					artifact = artifact || s.artifact
					if s.mcid >= 0 {
						inner = s.mcid
					}
				}
				switch {
				case artifact:
					if tok == "Tj" && len(operands) > 0 {
						tt.Artifacts = append(tt.Artifacts, decodeShown(operands[len(operands)-1]))
					}
				case inner < 0:
					tt.fail("page %d: %s %v is neither tagged nor an artifact", p, tok, operands)
				case tok == "Tj" && len(operands) > 0:
					tt.mcText[mcKey{p, inner}] += decodeShown(operands[len(operands)-1])
				}
			}
		}
		operands = operands[:0]
	}
	if len(stack) > 0 {
		tt.fail("page %d: %d marked-content sequences left open", p, len(stack))
	}
}

// decodeShown decodes the string fpdf shows with a UTF-8 font: a literal
// string of UTF-16BE code units, or the same as a hex string (the agenda
// pack's page numbers and stamps).
func decodeShown(tok string) string {
	if len(tok) >= 2 && tok[0] == '<' {
		h := strings.Join(strings.Fields(tok[1:len(tok)-1]), "")
		u := make([]uint16, 0, len(h)/4)
		for i := 0; i+4 <= len(h); i += 4 {
			v, err := strconv.ParseUint(h[i:i+4], 16, 16)
			if err != nil {
				return ""
			}
			u = append(u, uint16(v))
		}
		return string(utf16.Decode(u))
	}
	if len(tok) < 2 || tok[0] != '(' {
		return ""
	}
	var b []byte
	s := tok[1 : len(tok)-1]
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] >= '0' && s[i] <= '7' {
				// An octal escape, as report/internal/pdfcontent writes
				// bytes outside printable ASCII.
				v := 0
				for j := 0; j < 3 && i < len(s) && s[i] >= '0' && s[i] <= '7'; j++ {
					v = v*8 + int(s[i]-'0')
					i++
				}
				i--
				b = append(b, byte(v))
				continue
			}
			switch s[i] {
			case 'r':
				b = append(b, '\r')
			case 'n':
				b = append(b, '\n')
			default:
				b = append(b, s[i])
			}
			continue
		}
		b = append(b, s[i])
	}
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}
