package fpdf

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// putStructTreeBefore is putStructTree as it was before its elements
// were appended directly: every line formatted with fmt. The reference
// the faster one must match byte for byte.
func (f *Fpdf) putStructTreeBefore() int {
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
	for _, e := range t.elems {
		f.newobj()
		s.Truncate(0)
		s.printf("<</Type /StructElem /S /%s /P %d 0 R", e.role, func() int {
			if e.parent < 0 {
				return root
			}
			return obj(e.parent)
		}())
		pg := 0
		for _, k := range e.kids {
			if k.elem < 0 && k.annot < 0 {
				pg = k.page
				break
			}
		}
		if pg > 0 {
			s.printf(" /Pg %d 0 R", page(pg))
		}
		s.printf(" /K [")
		for _, k := range e.kids {
			switch {
			case k.elem >= 0:
				s.printf("%d 0 R ", obj(k.elem))
			case k.annot >= 0:
				a := t.annots[k.annot]
				s.printf("<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>> ", t.annotObj[k.annot], page(a.page))
			case k.page == pg:
				s.printf("%d ", k.mcid)
			default:
				s.printf("<</Type /MCR /Pg %d 0 R /MCID %d>> ", page(k.page), k.mcid)
			}
		}
		s.printf("]")
		if e.opt.ID != "" {
			s.printf(" /ID %s", f.textstring(pdfText(e.opt.ID)))
		}
		if e.opt.Alt != "" {
			s.printf(" /Alt %s", f.textstring(pdfText(e.opt.Alt)))
		}
		if e.opt.ActualText != "" {
			s.printf(" /ActualText %s", f.textstring(pdfText(e.opt.ActualText)))
		}
		if e.opt.Lang != "" {
			s.printf(" /Lang %s", f.textstring(e.opt.Lang))
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
		if b := e.bbox; b != nil {
			attrs = append(attrs, fmt.Sprintf("<</O /Layout /BBox [%.2f %.2f %.2f %.2f]>>", b[1], b[2], b[3], b[4]))
		}
		switch len(attrs) {
		case 0:
		case 1:
			s.printf(" /A %s", attrs[0])
		default:
			s.printf(" /A [%s]", strings.Join(attrs, " "))
		}
		s.printf(">>")
		f.out(s.String())
		f.out("endobj")
	}
	return root
}

// TestStructTreeAsBefore writes the structure tree of tagged documents
// (every element option, links, elements across pages, encrypted or
// not) with putStructTree and with the fmt version it replaced, and
// requires the same bytes.
func TestStructTreeAsBefore(t *testing.T) {
	for _, encrypt := range []bool{false, true} {
		f := taggedSample(true, true)
		if encrypt {
			f.SetProtection(0, "user", "owner")
		}
		f.SetPage(2)
		f.BeginStruct("Table", &StructOptions{Lang: "cy", ActualText: "Tabl – £5"})
		f.BeginStruct("TR", nil)
		f.BeginStruct("TH", &StructOptions{ID: "c-1", Scope: "Column", ColSpan: 2})
		f.Text(20, 120, "Year")
		f.EndStruct()
		f.BeginStruct("TD", &StructOptions{Headers: []string{"c-1", "rhif ŵ"}, RowSpan: 3})
		f.Text(60, 120, "12")
		f.EndStruct()
		f.EndStruct()
		f.EndStruct()
		var out bytes.Buffer
		if err := f.Output(&out); err != nil {
			t.Fatal(err)
		}
		root := f.tag.rootObj
		write := func(put func() int) string {
			f.n = root - 1
			f.buffer.Reset()
			if got := put(); got != root {
				t.Fatalf("root %d, want %d", got, root)
			}
			return f.buffer.String()
		}
		got, want := write(f.putStructTree), write(f.putStructTreeBefore)
		if got != want {
			t.Errorf("encrypt %v: structure tree differs from fmt's:\n%s\nwant\n%s", encrypt, got, want)
		}
		for _, part := range []string{"/OBJR", "/MCR", "/ActualText", "/Lang", "/Headers", "/ColSpan", "/RowSpan", "/BBox", "/ID", "/Alt"} {
			if !strings.Contains(want, part) && !encrypt {
				t.Errorf("the sample has no %s: the test covers less than it says", part)
			}
		}
	}
}
