package pack

import (
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfcontent"
)

// Optional content (ISO 32000-1, 8.11): a layer switched off in the
// document's default configuration is not shown by a viewer, so the pack
// does not copy it. A layer (optional content group) is on or off as the
// default configuration /D of the catalogue's /OCProperties says: its
// /BaseState, then its /ON and /OFF lists, then the View usage
// application in its /AS (which sets each group to its /Usage /View
// /ViewState, as viewers do on opening a document). A membership
// dictionary (OCMD) is visible by its visibility expression /VE when it
// has one, else by its policy /P over its groups. Content is hidden by
// a marked-content sequence "/OC /name BDC ... EMC", an XObject's /OC or
// an annotation's /OC.

// ocConfig is the on/off state of each optional content group of a
// source, by object number; groups not listed are on.
type ocConfig map[int]bool

// readOC reads a source's default optional content configuration.
func readOC(ctx *model.Context) ocConfig {
	off := ocConfig{}
	root, err := ctx.Catalog()
	if err != nil || root == nil {
		return off
	}
	deref := func(o types.Object) types.Object {
		v, err := ctx.Dereference(o)
		if err != nil {
			return nil
		}
		return v
	}
	props, _ := deref(root["OCProperties"]).(types.Dict)
	if props == nil {
		return off
	}
	d, _ := deref(props["D"]).(types.Dict)
	if d == nil {
		return off
	}
	each := func(o types.Object, f func(int)) {
		arr, _ := deref(o).(types.Array)
		for _, e := range arr {
			if ir, ok := e.(types.IndirectRef); ok {
				f(ir.ObjectNumber.Value())
			}
		}
	}
	if base, _ := deref(d["BaseState"]).(types.Name); base == "OFF" {
		each(props["OCGs"], func(n int) { off[n] = true })
	}
	each(d["ON"], func(n int) { delete(off, n) })
	each(d["OFF"], func(n int) { off[n] = true })
	// The usage application for viewing: each group it lists takes the
	// view state its /Usage gives.
	as, _ := deref(d["AS"]).(types.Array)
	for _, e := range as {
		app, _ := deref(e).(types.Dict)
		if app == nil {
			continue
		}
		if ev, _ := deref(app["Event"]).(types.Name); ev != "View" {
			continue
		}
		cats, _ := deref(app["Category"]).(types.Array)
		view := false
		for _, c := range cats {
			if n, _ := deref(c).(types.Name); n == "View" {
				view = true
			}
		}
		if !view {
			continue
		}
		each(app["OCGs"], func(n int) {
			g, _ := deref(*types.NewIndirectRef(n, 0)).(types.Dict)
			u, _ := deref(g["Usage"]).(types.Dict)
			v, _ := deref(u["View"]).(types.Dict)
			switch s, _ := deref(v["ViewState"]).(types.Name); s {
			case "OFF":
				off[n] = true
			case "ON":
				delete(off, n)
			}
		})
	}
	return off
}

// visible reports whether content marked with o (an OCG or OCMD, as in
// an /OC entry) is shown. Anything that is neither, or is broken, has no
// effect, as in viewers.
func (c *copier) visible(o types.Object) bool {
	return c.visibleDepth(o, 0)
}

func (c *copier) visibleDepth(o types.Object, depth int) bool {
	if o == nil || depth > maxNesting {
		return true
	}
	ir, isRef := o.(types.IndirectRef)
	d, _ := c.deref(o).(types.Dict)
	if d == nil {
		return true
	}
	t, _ := c.deref(d["Type"]).(types.Name)
	switch t {
	case "OCG":
		return !isRef || !c.oc[ir.ObjectNumber.Value()]
	case "OCMD":
	default:
		return true
	}
	if ve, ok := c.deref(d["VE"]).(types.Array); ok && len(ve) > 0 {
		return c.expression(ve, depth+1)
	}
	var groups []bool
	switch g := c.deref(d["OCGs"]).(type) {
	case types.Dict:
		groups = append(groups, c.visibleDepth(d["OCGs"], depth+1))
	case types.Array:
		for _, e := range g {
			if gd, _ := c.deref(e).(types.Dict); gd != nil {
				groups = append(groups, c.visibleDepth(e, depth+1))
			}
		}
	}
	if len(groups) == 0 {
		return true
	}
	on, offs := 0, 0
	for _, v := range groups {
		if v {
			on++
		} else {
			offs++
		}
	}
	switch p, _ := c.deref(d["P"]).(types.Name); p {
	case "AllOn":
		return offs == 0
	case "AnyOff":
		return offs > 0
	case "AllOff":
		return on == 0
	default: // AnyOn
		return on > 0
	}
}

// expression evaluates a visibility expression: [/And e ...], [/Or e
// ...], [/Not e], where each e is a group or an expression.
func (c *copier) expression(ve types.Array, depth int) bool {
	if depth > maxNesting || len(ve) == 0 {
		return true
	}
	op, _ := c.deref(ve[0]).(types.Name)
	var vals []bool
	for _, e := range ve[1:] {
		if sub, ok := c.deref(e).(types.Array); ok {
			vals = append(vals, c.expression(sub, depth+1))
		} else {
			vals = append(vals, c.visibleDepth(e, depth+1))
		}
	}
	switch op {
	case "Not":
		return len(vals) != 1 || !vals[0]
	case "And":
		for _, v := range vals {
			if !v {
				return false
			}
		}
		return true
	case "Or":
		for _, v := range vals {
			if v {
				return true
			}
		}
		return len(vals) == 0
	}
	return true
}

// keptInHidden are the operators kept inside content that is not shown:
// they change the graphics or text state without painting, so what
// follows the hidden part is drawn as the viewer draws it.
var keptInHidden = map[string]bool{
	"q": true, "Q": true, "cm": true, "w": true, "J": true, "j": true, "M": true, "d": true, "ri": true, "i": true,
	"gs": true, "CS": true, "cs": true, "SC": true, "SCN": true, "sc": true, "scn": true, "G": true, "g": true,
	"RG": true, "rg": true, "K": true, "k": true, "BT": true, "ET": true, "Tc": true, "Tw": true, "Tz": true,
	"TL": true, "Tf": true, "Tr": true, "Ts": true, "Td": true, "TD": true, "Tm": true, "T*": true,
}

// visibleOps drops from ops what a viewer does not show: content in a
// marked-content sequence whose layer is off and XObjects whose layer is
// off (keeping, of hidden content, only the operators that change the
// state later content is drawn in). Every marked-content operator goes
// too, except on a tagged document's page (page is its object number,
// else 0): there a sequence with an MCID keeps its tag and the MCID (and
// the MCID is recorded as kept), an artifact its type and subtype, and
// nothing else of their property lists, which can carry text that is not
// on the page (/ActualText, /Alt). Marks inside hidden content go with
// it.
func (c *copier) visibleOps(ops []pdfcontent.Op, res types.Dict, page int) []pdfcontent.Op {
	props, _ := c.deref(res["Properties"]).(types.Dict)
	xobjects, _ := c.deref(res["XObject"]).(types.Dict)
	out := make([]pdfcontent.Op, 0, len(ops))
	type seq struct{ hides, kept bool }
	var stack []seq // per open marked-content sequence
	hidden := 0     // how many open sequences hide content
	for _, op := range ops {
		switch op.Operator {
		case "BMC", "BDC":
			hides := false
			if tag, _ := op.NameOperand(0); op.Operator == "BDC" && tag == "OC" {
				if name, ok := op.NameOperand(1); ok && props != nil {
					hides = !c.visible(props[name])
				}
			}
			kept := false
			if page != 0 {
				if m, ok := c.mark(op, page, hidden == 0 && !hides); ok {
					out = append(out, m)
					kept = true
				}
			}
			stack = append(stack, seq{hides, kept})
			if hides {
				hidden++
			}
			continue
		case "EMC":
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				if top.hides {
					hidden--
				}
				if top.kept {
					out = append(out, op)
				}
				stack = stack[:len(stack)-1]
			}
			continue
		case "MP", "DP":
			continue
		}
		if hidden > 0 {
			switch op.Operator {
			case "'":
				out = append(out, pdfcontent.Op{Operator: "T*"})
			case `"`:
				if len(op.Operands) == 3 {
					out = append(out,
						pdfcontent.Op{Operator: "Tw", Operands: op.Operands[:1]},
						pdfcontent.Op{Operator: "Tc", Operands: op.Operands[1:2]},
						pdfcontent.Op{Operator: "T*"})
				}
			default:
				if keptInHidden[op.Operator] {
					out = append(out, op)
				}
			}
			continue
		}
		if op.Operator == "Do" && xobjects != nil {
			if name, ok := op.NameOperand(0); ok {
				if x, ok := c.deref(xobjects[name]).(types.StreamDict); ok && !c.visible(x.Dict["OC"]) {
					continue
				}
			}
		}
		out = append(out, op)
	}
	for _, s := range stack {
		if s.kept {
			out = append(out, pdfcontent.Op{Operator: "EMC"})
		}
	}
	return out
}
