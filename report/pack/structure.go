package pack

import (
	"maps"
	"math"
	"regexp"
	"slices"
	"strconv"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfcontent"
	"github.com/paperhq/paper/report/pdf"
)

// A pack is tagged PDF/UA-1. Its structure tree has one Document element
// holding a Part for the front sheet and agenda, then a Part per agenda
// item with pages (a paper, a PDF, a notice), its appendices each in a
// Sect inside it, in agenda order. Each merged document's structure tree
// comes across under its Part the way its pages do (sanitize.go): rebuilt
// from a whitelist, never copied whole.
//
//   - Elements keep S, Alt, ActualText, Lang, E, T, ID (renamed so that
//     IDs of different documents never clash, with Headers following) and
//     attributes A of the known owners (Layout, List, PrintField, Table,
//     and the XML, HTML, OEB, RTF and CSS owners), scalars only. Nothing
//     else (class maps, revisions, private keys, user properties) comes.
//   - A role that is not a standard structure type keeps its name when the
//     document's RoleMap takes it to one and no earlier document mapped the
//     same name elsewhere; otherwise it becomes the standard type it maps
//     to, or Div.
//   - Kids are marked-content references to the pages copied (an MCID the
//     copied content still holds, each claimed once: content the
//     sanitiser dropped, hidden layers included, leaves the tree with it),
//     link annotations the pack kept (OBJR), and elements. An element
//     reached twice (a cycle in /K), deeper than maxStructDepth or past
//     maxStructElems is not copied again; content it would have held and
//     that no element claims is tagged as a P at the end of its Part, so
//     nothing shown is left untagged.
//   - The parent tree, page StructParents and annotations' StructParent
//     are numbered afresh for the whole pack.
//
// A merged PDF without a structure tree is included as it is (the pack
// warns). The public pack is built from public inputs only, so nothing of
// an exempt item can reach its structure tree either.

// Bounds on a merged document's structure tree: no real document comes
// near them, and past them a hostile tree costs no more.
const (
	maxStructDepth = 64
	maxStructElems = 200_000
	maxTextLen     = 1 << 16 // characters of an Alt, ActualText, E or T
)

// sNode is an element of the pack's structure tree.
type sNode struct {
	role  string
	ref   outRef
	kids  []sKid
	extra types.Dict // entries besides Type, S, P, K, Pg: own-built values
}

// sKid is one kid of an element: an element, a marked-content reference
// (page and MCID) or an annotation.
type sKid struct {
	node  *sNode
	page  outRef
	mcid  int
	annot outRef
}

// structTree is the pack's structure tree as it is built.
type structTree struct {
	doc      *sNode
	nextKey  int            // the next ParentTree key
	pageKey  map[outRef]int // StructParents of each page
	annotKey map[outRef]int // StructParent of each annotation
	roleMap  map[string]string
	ids      map[string]outRef
}

func newStructTree(out *output) *structTree {
	return &structTree{
		doc:     &sNode{role: "Document", ref: out.reserve()},
		pageKey: map[outRef]int{}, annotKey: map[outRef]int{},
		roleMap: map[string]string{}, ids: map[string]outRef{},
	}
}

// key hands out the next ParentTree key.
func (t *structTree) key() int {
	t.nextKey++
	return t.nextKey - 1
}

// add makes a new element under parent.
func (t *structTree) add(out *output, parent *sNode, role string) *sNode {
	n := &sNode{role: role, ref: out.reserve()}
	parent.kids = append(parent.kids, sKid{node: n})
	return n
}

// write writes the tree's elements and returns the StructTreeRoot.
func (t *structTree) write(out *output) outRef {
	root := out.reserve()
	parents := map[int]types.Array{} // ParentTree key -> elements
	var walk func(n *sNode, parent outRef)
	walk = func(n *sNode, parent outRef) {
		d := types.Dict{"Type": types.Name("StructElem"), "S": types.Name(n.role), "P": parent}
		for k, v := range n.extra {
			d[k] = v
		}
		var pg outRef
		for _, k := range n.kids {
			if k.node == nil && k.annot == 0 {
				pg = k.page
				break
			}
		}
		if pg != 0 {
			d["Pg"] = pg
		}
		var kids types.Array
		for _, k := range n.kids {
			switch {
			case k.node != nil:
				kids = append(kids, k.node.ref)
				walk(k.node, n.ref)
			case k.annot != 0:
				kids = append(kids, types.Dict{"Type": types.Name("OBJR"), "Obj": k.annot, "Pg": k.page})
				parents[t.annotKey[k.annot]] = types.Array{n.ref}
			default:
				key := t.pageKey[k.page]
				arr := parents[key]
				for len(arr) <= k.mcid {
					arr = append(arr, nil)
				}
				arr[k.mcid] = n.ref
				parents[key] = arr
				if k.page == pg {
					kids = append(kids, types.Integer(k.mcid))
				} else {
					kids = append(kids, types.Dict{"Type": types.Name("MCR"), "Pg": k.page, "MCID": types.Integer(k.mcid)})
				}
			}
		}
		d["K"] = kids
		out.set(n.ref, own(d))
	}
	walk(t.doc, root)
	var nums types.Array
	annot := map[int]bool{}
	for _, k := range t.annotKey {
		annot[k] = true
	}
	for key := 0; key < t.nextKey; key++ {
		arr, ok := parents[key]
		switch {
		case annot[key]:
			if ok {
				nums = append(nums, types.Integer(key), arr[0])
			}
		default:
			if arr == nil {
				arr = types.Array{}
			}
			nums = append(nums, types.Integer(key), arr)
		}
	}
	d := types.Dict{
		"Type":              types.Name("StructTreeRoot"),
		"K":                 types.Array{t.doc.ref},
		"ParentTree":        out.add(own(types.Dict{"Nums": nums})),
		"ParentTreeNextKey": types.Integer(t.nextKey),
	}
	if len(t.ids) > 0 {
		var names types.Array
		for _, id := range slices.Sorted(maps.Keys(t.ids)) {
			names = append(names, text(id), t.ids[id])
		}
		d["IDTree"] = types.Dict{"Names": names}
	}
	if len(t.roleMap) > 0 {
		rm := types.Dict{}
		for k, v := range t.roleMap {
			rm[k] = types.Name(v)
		}
		d["RoleMap"] = rm
	}
	out.set(root, own(d))
	return root
}

// attributeOwners are the attribute owners (/O) whose attributes a
// merged element keeps.
var attributeOwners = map[string]bool{
	"Layout": true, "List": true, "PrintField": true, "Table": true, "XML-1.00": true, "HTML-3.20": true,
	"HTML-4.01": true, "OEB-1.00": true, "RTF-1.05": true, "CSS-1.00": true, "CSS-2.00": true,
}

// roleName is what a RoleMap key may be called in the pack.
var roleName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_.-]{0,63}$`)

// treeCopy copies one merged document's structure tree under its Part.
type treeCopy struct {
	c      *copier
	t      *structTree
	out    *output
	prefix string // for IDs
	// kept is, per source page, the MCIDs the copied content holds; nil
	// for the pack's own documents, whose content is copied as written.
	kept      map[int]map[int]bool
	claimed   map[[2]int]bool
	annots    map[int]outRef // source annotation -> its copy
	annotPage map[outRef]outRef
	claimedA  map[outRef]bool
	seen      map[int]bool
	elems     int
	roleMap   types.Dict
	// transform maps each source page's coordinates as its content was
	// mapped (external pages shrink into the pack's clear band).
	transform map[int]func(x, y float64) (float64, float64)
}

// structRoot returns a source's StructTreeRoot, or nil when it has none.
func structRoot(ctx *model.Context) types.Dict {
	root, err := ctx.Catalog()
	if err != nil || root == nil {
		return nil
	}
	d, err := ctx.DereferenceDict(root["StructTreeRoot"])
	if err != nil || d == nil {
		return nil
	}
	return d
}

// tagged reports whether a source is a tagged PDF: it has a structure
// tree with something in it.
func tagged(ctx *model.Context) bool {
	d := structRoot(ctx)
	return d != nil && d["K"] != nil
}

// copyTree copies c's source structure tree into the container element.
func (tc *treeCopy) copyTree(container *sNode) {
	root := structRoot(tc.c.ctx)
	if root == nil {
		return
	}
	tc.roleMap, _ = tc.c.deref(root["RoleMap"]).(types.Dict)
	tc.kids(root["K"], container, 0, 0, true)
}

// kids copies the kids o of an element into n; pg is the source page
// they are on unless they say otherwise.
func (tc *treeCopy) kids(o types.Object, n *sNode, pg, depth int, top bool) {
	c := tc.c
	switch k := o.(type) {
	case types.Integer:
		tc.mcid(n, pg, int(k))
	case types.Float:
		if f := float64(k); f == math.Trunc(f) {
			tc.mcid(n, pg, int(f))
		}
	case types.Array:
		for _, e := range k {
			tc.kids(e, n, pg, depth, top)
		}
	case types.IndirectRef, types.Dict:
		obj := 0
		if r, ok := k.(types.IndirectRef); ok {
			obj = r.ObjectNumber.Value()
			if tc.seen[obj] {
				return // a cycle, or an element in two places
			}
			tc.seen[obj] = true
		}
		d, _ := c.deref(k).(types.Dict)
		if d == nil {
			return
		}
		if p, ok := d["Pg"].(types.IndirectRef); ok {
			pg = p.ObjectNumber.Value()
		}
		switch t := d.NameEntry("Type"); {
		case t != nil && *t == "MCR":
			if d["Stm"] != nil {
				return // content of a form XObject: the pack strips its marks
			}
			if m, ok := d["MCID"].(types.Integer); ok {
				tc.mcid(n, pg, int(m))
			}
			return
		case t != nil && *t == "OBJR":
			if r, ok := d["Obj"].(types.IndirectRef); ok {
				if a, ok := tc.annots[r.ObjectNumber.Value()]; ok && !tc.claimedA[a] {
					tc.claimedA[a] = true
					n.kids = append(n.kids, sKid{annot: a, page: tc.annotPage[a]})
				}
			}
			return
		}
		tc.element(d, n, pg, depth, top)
	}
}

// mcid adds a marked-content reference to n when the copied page holds
// that MCID and no element has claimed it.
func (tc *treeCopy) mcid(n *sNode, pg, mcid int) {
	out, ok := tc.c.pages[pg]
	if !ok || mcid < 0 {
		return
	}
	if tc.kept != nil && !tc.kept[pg][mcid] {
		return
	}
	key := [2]int{pg, mcid}
	if tc.claimed[key] {
		return
	}
	tc.claimed[key] = true
	n.kids = append(n.kids, sKid{page: out, mcid: mcid})
}

// element copies one structure element into parent.
func (tc *treeCopy) element(d types.Dict, parent *sNode, pg, depth int, top bool) {
	if depth >= maxStructDepth || tc.elems >= maxStructElems {
		return
	}
	tc.elems++
	s := d.NameEntry("S")
	if s == nil {
		tc.kids(d["K"], parent, pg, depth+1, false)
		return
	}
	role := tc.role(*s)
	if top && role == "Document" {
		// The document's own Document element: its content goes
		// straight into the Part, its language with it.
		if lang, ok := tc.text(d["Lang"]); ok && parent.extra["Lang"] == nil {
			setExtra(parent, "Lang", text(lang))
		}
		tc.kids(d["K"], parent, pg, depth+1, true)
		return
	}
	n := &sNode{role: role, ref: tc.out.reserve()}
	for _, k := range []string{"Alt", "ActualText", "Lang", "E", "T"} {
		if v, ok := tc.text(d[k]); ok {
			setExtra(n, k, text(v))
		}
	}
	if id, ok := tc.text(d["ID"]); ok && id != "" {
		id = tc.prefix + id
		if _, dup := tc.t.ids[id]; !dup {
			tc.t.ids[id] = n.ref
			setExtra(n, "ID", text(id))
		}
	}
	if a := tc.attributes(d["A"], pg); a != nil {
		setExtra(n, "A", a)
	}
	had := d["K"] != nil
	tc.kids(d["K"], n, pg, depth+1, false)
	if had && len(n.kids) == 0 {
		return // all it held was dropped
	}
	parent.kids = append(parent.kids, sKid{node: n})
}

func setExtra(n *sNode, k string, v types.Object) {
	if n.extra == nil {
		n.extra = types.Dict{}
	}
	n.extra[k] = v
}

// role is the pack's name for a source role (see the package comment).
func (tc *treeCopy) role(name string) string {
	if pdf.StandardRole(name) {
		return name
	}
	r := name
	for range 16 {
		v, ok := tc.c.deref(tc.roleMap[r]).(types.Name)
		if !ok {
			break
		}
		r = string(v)
		if pdf.StandardRole(r) {
			break
		}
	}
	if !pdf.StandardRole(r) {
		return "Div"
	}
	if prev, ok := tc.t.roleMap[name]; (ok && prev != r) || !roleName.MatchString(name) {
		return r
	}
	tc.t.roleMap[name] = r
	return name
}

// text reads a text string entry, bounded.
func (tc *treeCopy) text(o types.Object) (string, bool) {
	if o == nil {
		return "", false
	}
	s, err := tc.c.ctx.DereferenceText(o)
	if err != nil {
		return "", false
	}
	r := []rune(s)
	if len(r) > maxTextLen {
		r = r[:maxTextLen]
	}
	return string(r), true
}

// attributes rebuilds an element's /A: attribute dictionaries of known
// owners, scalar values only, IDs in Headers renamed, a Layout BBox moved
// with the page's content.
func (tc *treeCopy) attributes(o types.Object, pg int) types.Object {
	var list types.Array
	switch v := tc.c.deref(o).(type) {
	case types.Dict:
		list = types.Array{v}
	case types.Array:
		list = v
	}
	var out types.Array
	for _, e := range list {
		d, _ := tc.c.deref(e).(types.Dict)
		if d == nil {
			continue // revision numbers, junk
		}
		owner := d.NameEntry("O")
		if owner == nil || !attributeOwners[*owner] {
			continue
		}
		a := types.Dict{"O": types.Name(*owner)}
		for _, k := range sortedKeys(d) {
			if k == "O" || len(a) > 64 {
				continue
			}
			var v types.Object
			switch {
			case *owner == "Table" && k == "Headers":
				v = tc.headers(d[k])
			case *owner == "Layout" && k == "BBox":
				v = tc.bbox(d[k], pg)
			default:
				v = tc.attrValue(d[k], 0)
			}
			if v != nil {
				a[k] = v
			}
		}
		if len(a) > 1 {
			out = append(out, a)
		}
	}
	switch len(out) {
	case 0:
		return nil
	case 1:
		return out[0]
	}
	return out
}

// attrValue copies an attribute's value: names, numbers, booleans, text
// and small arrays of them.
func (tc *treeCopy) attrValue(o types.Object, depth int) types.Object {
	switch v := tc.c.deref(o).(type) {
	case types.Name:
		return v
	case types.Integer, types.Boolean:
		return v
	case types.Float:
		if math.IsNaN(float64(v)) || math.IsInf(float64(v), 0) {
			return nil
		}
		return v
	case types.StringLiteral, types.HexLiteral:
		if s, ok := tc.text(v); ok {
			return text(s)
		}
	case types.Array:
		if depth > 2 || len(v) > 64 {
			return nil
		}
		var arr types.Array
		for _, e := range v {
			if x := tc.attrValue(e, depth+1); x != nil {
				arr = append(arr, x)
			}
		}
		return arr
	}
	return nil
}

// headers renames the IDs a table cell's Headers attribute names.
func (tc *treeCopy) headers(o types.Object) types.Object {
	arr, _ := tc.c.deref(o).(types.Array)
	var out types.Array
	for _, e := range arr {
		if s, ok := tc.text(e); ok && s != "" && len(out) < 256 {
			out = append(out, text(tc.prefix+s))
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// bbox moves a Layout BBox with the page's content.
func (tc *treeCopy) bbox(o types.Object, pg int) types.Object {
	n := numbers(tc.c.ctx, o, 4)
	if n == nil {
		return nil
	}
	if f := tc.transform[pg]; f != nil {
		n[0], n[1] = f(n[0], n[1])
		n[2], n[3] = f(n[2], n[3])
	}
	return types.Array{types.Float(n[0]), types.Float(n[1]), types.Float(n[2]), types.Float(n[3])}
}

// orphans tags content that no copied element claims (a tree cut short,
// an MCID the tree never names) as one P per page at the end of the
// container, and gives each link annotation that no OBJR names a Link.
func (tc *treeCopy) orphans(container *sNode, pageOrder []int) {
	for _, pg := range pageOrder {
		var mcids []int
		for m := range tc.kept[pg] {
			if !tc.claimed[[2]int{pg, m}] {
				mcids = append(mcids, m)
			}
		}
		if len(mcids) == 0 {
			continue
		}
		slices.Sort(mcids)
		p := tc.t.add(tc.out, container, "P")
		for _, m := range mcids {
			tc.claimed[[2]int{pg, m}] = true
			p.kids = append(p.kids, sKid{page: tc.c.pages[pg], mcid: m})
		}
	}
	var links []outRef
	for _, a := range tc.annots {
		if !tc.claimedA[a] {
			links = append(links, a)
		}
	}
	slices.Sort(links)
	for _, a := range links {
		l := tc.t.add(tc.out, container, "Link")
		tc.claimedA[a] = true
		l.kids = append(l.kids, sKid{annot: a, page: tc.annotPage[a]})
	}
}

// idPrefix makes the IDs of the i-th document of a pack unique.
func idPrefix(i int) string { return "d" + strconv.Itoa(i) + "-" }

// markTags are the tags a kept marked-content sequence may carry: the
// standard structure types. Any other tag is written as Span.
func markTag(tag string) string {
	if pdf.StandardRole(tag) {
		return tag
	}
	return "Span"
}

// artifactTypes and artifactSubtypes are the artifact property values
// kept.
var (
	artifactTypes    = map[string]bool{"Pagination": true, "Layout": true, "Page": true, "Background": true}
	artifactSubtypes = map[string]bool{"Header": true, "Footer": true, "Watermark": true}
)

// mark rebuilds a marked-content operator of a tagged page (page is its
// source object number) from the whitelist: an MCID'd sequence as
// "/Tag <</MCID n>> BDC", an artifact as "/Artifact BMC" or with its
// /Type and /Subtype. ok is false for every other mark, which is dropped.
// show is false for a mark in hidden content: its MCID is counted as used
// but not kept.
func (c *copier) mark(op pdfcontent.Op, page int, show bool) (pdfcontent.Op, bool) {
	tag, ok := op.NameOperand(0)
	if !ok {
		return op, false
	}
	var props []pdfcontent.Value
	if op.Operator == "BDC" && len(op.Operands) >= 2 && op.Operands[1].Kind == pdfcontent.Dict {
		props = op.Operands[1].Elems
	}
	if tag == "Artifact" {
		if !show {
			return op, false
		}
		var keep []pdfcontent.Value
		if t, ok := pdfcontent.Get(props, "Type"); ok && t.Kind == pdfcontent.Name && artifactTypes[string(t.Str)] {
			keep = append(keep, pdfcontent.NameValue("Type"), t)
			if st, ok := pdfcontent.Get(props, "Subtype"); ok && st.Kind == pdfcontent.Name && artifactSubtypes[string(st.Str)] {
				keep = append(keep, pdfcontent.NameValue("Subtype"), st)
			}
		}
		if len(keep) == 0 {
			return pdfcontent.Op{Operator: "BMC", Operands: []pdfcontent.Value{pdfcontent.NameValue("Artifact")}}, true
		}
		return pdfcontent.Op{Operator: "BDC", Operands: []pdfcontent.Value{pdfcontent.NameValue("Artifact"), {Kind: pdfcontent.Dict, Elems: keep}}}, true
	}
	v, ok := pdfcontent.Get(props, "MCID")
	if !ok || v.Kind != pdfcontent.Number || v.Num < 0 || v.Num > 1e6 || v.Num != math.Trunc(v.Num) {
		return op, false
	}
	mcid := int(v.Num)
	if m, seen := c.maxMCID[page]; !seen || mcid > m {
		c.maxMCID[page] = mcid
	}
	if !show {
		return op, false
	}
	if c.kept[page] == nil {
		c.kept[page] = map[int]bool{}
	}
	if c.kept[page][mcid] {
		return op, false // an MCID used twice: only its first sequence is tagged
	}
	c.kept[page][mcid] = true
	return pdfcontent.Op{Operator: "BDC", Operands: []pdfcontent.Value{pdfcontent.NameValue(markTag(tag)),
		{Kind: pdfcontent.Dict, Elems: []pdfcontent.Value{pdfcontent.NameValue("MCID"), pdfcontent.NumberValue(float64(mcid))}}}}, true
}

// catalogEntry is an entry of a source's catalogue, or nil.
func catalogEntry(ctx *model.Context, key string) types.Object {
	root, err := ctx.Catalog()
	if err != nil || root == nil {
		return nil
	}
	return root[key]
}

// nextMCID is an MCID page sp's content does not use, for content the
// pack adds to it. The pack's own documents' content is read for it here
// (it is copied as written, not read).
func (c *copier) nextMCID(sp srcPage) int {
	if _, ok := c.maxMCID[sp.n]; !ok {
		c.maxMCID[sp.n] = -1
		if c.own {
			for _, e := range c.contentStreams(sp) {
				data, ok, err := c.contentAt(e)
				if err != nil || !ok {
					continue
				}
				ops, _ := pdfcontent.Parse(data)
				for _, op := range ops {
					if op.Operator != "BDC" || len(op.Operands) < 2 {
						continue
					}
					if v, ok := pdfcontent.Get(op.Operands[1].Elems, "MCID"); ok && v.Kind == pdfcontent.Number && int(v.Num) > c.maxMCID[sp.n] {
						c.maxMCID[sp.n] = int(v.Num)
					}
				}
			}
		}
	}
	c.maxMCID[sp.n]++
	return c.maxMCID[sp.n]
}
