package pack

import (
	"fmt"
	"math"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfcontent"
)

// Annotations: which are shown, where links may lead, and the
// appearance of a filled form field whose stored appearance is not what
// a viewer shows.

// shown reports whether a viewer shows annotation d on screen: not
// when its flags (a number, or a reference to one) say Hidden or NoView,
// nor when its /OC layer is off.
func (c *copier) shown(d types.Dict) bool {
	var flags int
	switch f := c.deref(d["F"]).(type) {
	case types.Integer:
		flags = int(f)
	case types.Float:
		flags = int(f)
	}
	if flags&2 != 0 || flags&32 != 0 {
		return false
	}
	return c.visible(d["OC"])
}

// webURI returns a link's target when it is a web or mail address: an
// http, https or mailto URI, in ASCII. Other schemes (javascript:,
// file:, data:, a program to launch) never reach the pack.
func webURI(o types.Object) (types.Object, bool) {
	var s string
	switch v := o.(type) {
	case types.StringLiteral:
		b, err := types.Unescape(v.Value())
		if err != nil {
			return nil, false
		}
		s = string(b)
	case types.HexLiteral:
		b, err := v.Bytes()
		if err != nil {
			return nil, false
		}
		s = string(b)
	default:
		return nil, false
	}
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' || r == 0x7f })
	for _, r := range s {
		if r < ' ' || r > '~' {
			return nil, false
		}
	}
	low := strings.ToLower(s)
	for _, scheme := range []string{"http://", "https://", "mailto:"} {
		if strings.HasPrefix(low, scheme) && len(s) > len(scheme) {
			return text(s), true
		}
	}
	return nil, false
}

// acroForm is what the source's interactive form says about drawing its
// fields.
type acroForm struct {
	needAppearances bool
	da              string // default appearance
	q               int    // default alignment
}

func (c *copier) acroForm() acroForm {
	var f acroForm
	root, err := c.ctx.Catalog()
	if err != nil || root == nil {
		return f
	}
	d, _ := c.deref(root["AcroForm"]).(types.Dict)
	if d == nil {
		return f
	}
	if b, ok := c.deref(d["NeedAppearances"]).(types.Boolean); ok {
		f.needAppearances = bool(b)
	}
	f.da = c.textOf(d["DA"])
	if q, ok := c.deref(d["Q"]).(types.Integer); ok {
		f.q = int(q)
	}
	return f
}

// textOf decodes a text string, or returns "".
func (c *copier) textOf(o types.Object) string {
	v := c.deref(o)
	if v == nil {
		return ""
	}
	s, err := c.ctx.DereferenceText(v)
	if err != nil {
		return ""
	}
	return s
}

// inherited looks a field attribute up on the widget, then on its
// parent fields.
func (c *copier) inherited(d types.Dict, key string) types.Object {
	for range maxNesting {
		if v, ok := d[key]; ok {
			return c.deref(v)
		}
		p, _ := c.deref(d["Parent"]).(types.Dict)
		if p == nil {
			return nil
		}
		d = p
	}
	return nil
}

// Field flags (ISO 32000-1, 12.7.4).
const (
	ffMultiline = 1 << 12
	ffPassword  = 1 << 13
	ffCombo     = 1 << 17
	ffComb      = 1 << 24
)

// fieldAppearance draws a text field's (or combo box's) value when a
// viewer would draw it afresh rather than show the stored appearance:
// the form says NeedAppearances, or the widget has no appearance. It
// returns the pack's own form XObject and where its origin goes.
func (c *copier) fieldAppearance(d types.Dict, form acroForm) (outRef, float64, float64, bool) {
	if st, _ := c.deref(d["Subtype"]).(types.Name); st != "Widget" || c.valueFont == 0 {
		return 0, 0, 0, false
	}
	ft, _ := c.inherited(d, "FT").(types.Name)
	flags := 0
	if f, ok := c.inherited(d, "Ff").(types.Integer); ok {
		flags = int(f)
	}
	if ft != "Tx" && (ft != "Ch" || flags&ffCombo == 0) {
		return 0, 0, 0, false
	}
	if !form.needAppearances {
		if ap, _ := c.deref(d["AP"]).(types.Dict); ap != nil && ap["N"] != nil {
			return 0, 0, 0, false
		}
	}
	rect := numbers(c.ctx, d["Rect"], 4)
	if rect == nil {
		return 0, 0, 0, false
	}
	x0, x1 := math.Min(rect[0], rect[2]), math.Max(rect[0], rect[2])
	y0, y1 := math.Min(rect[1], rect[3]), math.Max(rect[1], rect[3])
	w, h := x1-x0, y1-y0
	if w < 1 || h < 1 {
		return 0, 0, 0, false
	}
	var value string
	switch v := c.inherited(d, "V").(type) {
	case types.Array:
		if len(v) > 0 {
			value = c.textOf(v[0])
		}
	default:
		value = c.textOf(v)
	}
	if flags&ffPassword != 0 {
		value = strings.Repeat("*", len([]rune(value)))
	}
	da := form.da
	if s := c.textOf(c.inherited(d, "DA")); s != "" {
		da = s
	}
	q := form.q
	if v, ok := c.inherited(d, "Q").(types.Integer); ok {
		q = int(v)
	}
	maxLen := 0
	if v, ok := c.inherited(d, "MaxLen").(types.Integer); ok {
		maxLen = int(v)
	}
	content := fieldContent(c.ff, value, da, q, flags, maxLen, w, h)
	r := c.out.addStream(types.Dict{
		"Type":      types.Name("XObject"),
		"Subtype":   types.Name("Form"),
		"BBox":      types.Array{types.Integer(0), types.Integer(0), types.Float(w), types.Float(h)},
		"Resources": types.Dict{"Font": types.Dict{regularFont: c.valueFont}},
	}, content)
	return r, x0, y0, true
}

// fieldContent lays a field's value out in a w × h box: in the size and
// colour of its default appearance (/DA; size 0 fits the box), aligned
// by q (0 left, 1 centred, 2 right), wrapped when the field is
// multiline, one character per cell when it is a comb of maxLen cells.
// The font is the pack's Liberation Sans, metrically Helvetica's match.
func fieldContent(ff *furnitureFonts, value, da string, q, flags, maxLen int, w, h float64) []byte {
	size, colour := 0.0, "0 g"
	if ops, _ := pdfcontent.Parse([]byte(da)); len(ops) > 0 {
		for _, op := range ops {
			switch op.Operator {
			case "Tf":
				if len(op.Operands) == 2 && op.Operands[1].Kind == pdfcontent.Number {
					size = op.Operands[1].Num
				}
			case "g", "rg", "k":
				colour = string(pdfcontent.Append(nil, []pdfcontent.Op{{Operator: op.Operator, Operands: op.Operands}}))
			}
		}
	}
	const pad = 2.0
	multiline := flags&ffMultiline != 0
	if size <= 0 || size > 1000 {
		size = 12
		if !multiline {
			size = math.Min(12, (h-2*pad)/1.15)
			if tw := ff.width(value, false, size); tw > w-2*pad && tw > 0 {
				size = math.Max(4, size*(w-2*pad)/tw)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "q 0 0 %s %s re W n BT /%s %s Tf %s\n", num(w), num(h), regularFont, num(size), strings.TrimSpace(colour))
	show := func(s string, x, y float64) {
		fmt.Fprintf(&b, "1 0 0 1 %s %s Tm %s Tj\n", num(x), num(y), hexText(s))
	}
	align := func(s string) float64 {
		tw := ff.width(s, false, size)
		switch q {
		case 1:
			return (w - tw) / 2
		case 2:
			return w - pad - tw
		}
		return pad
	}
	switch {
	case flags&ffComb != 0 && maxLen > 0 && !multiline:
		cell := w / float64(maxLen)
		y := (h-size)/2 + 0.22*size
		for i, r := range []rune(value) {
			if i >= maxLen {
				break
			}
			s := string(r)
			show(s, cell*float64(i)+(cell-ff.width(s, false, size))/2, y)
		}
	case multiline:
		y := h - pad - 0.9*size
		for _, l := range wrap(ff, value, size, w-2*pad) {
			if y < -size {
				break
			}
			show(l, align(l), y)
			y -= 1.15 * size
		}
	default:
		line := strings.Map(func(r rune) rune {
			if r == '\r' || r == '\n' {
				return ' '
			}
			return r
		}, value)
		show(line, align(line), (h-size)/2+0.22*size)
	}
	b.WriteString("ET Q\n")
	return []byte(b.String())
}

// wrap breaks s into lines no wider than width at size, at spaces and
// at the line breaks s holds.
func wrap(ff *furnitureFonts, s string, size, width float64) []string {
	var lines []string
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	for _, para := range strings.Split(s, "\n") {
		line := ""
		for _, word := range strings.Fields(para) {
			try := word
			if line != "" {
				try = line + " " + word
			}
			if line != "" && ff.width(try, false, size) > width {
				lines = append(lines, line)
				try = word
			}
			line = try
		}
		lines = append(lines, line)
	}
	return lines
}
