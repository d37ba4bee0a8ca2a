package hiddentext

import (
	"slices"
	"sort"
	"unicode/utf16"

	pdffont "github.com/pdfcpu/pdfcpu/pkg/font"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfcontent"
)

// font is what the scanner needs of a font: how to split a string into
// character codes, each code's advance width and the text it stands for.
type font struct {
	codeLen int             // bytes per character code: 1, or 2 for composite fonts
	widths  map[int]float64 // advance per code, in text space units (1/1000 em for most fonts)
	dw      float64         // advance of codes not in widths
	toUni   *cmap           // ToUnicode
	scale   float64         // glyph space to text space: 0.001, or Type 3's FontMatrix
	std     string          // a standard 14 font's name, for its metrics
	approx  bool            // no metrics at all: 0.5 em a glyph
}

// defaultFont is used when a font cannot be read: one-byte codes, 0.5 em
// each, text read as Windows-1252.
var defaultFont = &font{codeLen: 1, scale: 0.001, dw: 500, approx: true}

// loadFont reads a font dictionary. It never fails: what it cannot read
// it approximates.
func loadFont(ctx *model.Context, o types.Object) *font {
	d, err := ctx.DereferenceDict(o)
	if err != nil || d == nil {
		return defaultFont
	}
	f := &font{codeLen: 1, scale: 0.001, dw: -1}
	sub := ""
	if s := d.Subtype(); s != nil {
		sub = *s
	}
	if tu, ok := d["ToUnicode"]; ok {
		if data, err := streamData(ctx, tu, 1<<20); err == nil {
			f.toUni, _ = parseCMap(data)
		}
	}
	if sub == "Type0" {
		f.codeLen = 2
		// Identity-H/V and most predefined CMaps use two-byte codes; an
		// embedded CMap says how long its codes are.
		if enc, ok := d["Encoding"]; ok {
			if _, named := enc.(types.Name); !named {
				if data, err := streamData(ctx, enc, 1<<20); err == nil {
					if _, n := parseCMap(data); n == 1 {
						f.codeLen = 1
					}
				}
			}
		}
		f.dw = 1000
		desc, _ := ctx.DereferenceArray(d["DescendantFonts"])
		if len(desc) > 0 {
			if cid, err := ctx.DereferenceDict(desc[0]); err == nil && cid != nil {
				if v, ok := num(ctx, cid["DW"]); ok {
					f.dw = v
				}
				f.widths = cidWidths(ctx, cid["W"])
			}
		}
		return f
	}
	if sub == "Type3" {
		if m, ok := nums(ctx, d["FontMatrix"], 6); ok && m[0] != 0 {
			f.scale = m[0]
		}
	}
	first := 0
	if v, ok := num(ctx, d["FirstChar"]); ok {
		first = int(v)
	}
	if arr, err := ctx.DereferenceArray(d["Widths"]); err == nil && len(arr) > 0 {
		f.widths = map[int]float64{}
		for i, e := range arr {
			if v, ok := num(ctx, e); ok && i < 256 {
				f.widths[first+i] = v
			}
		}
	}
	if fd, err := ctx.DereferenceDict(d["FontDescriptor"]); err == nil && fd != nil {
		if v, ok := num(ctx, fd["MissingWidth"]); ok && v > 0 {
			f.dw = v
		}
	}
	if f.widths == nil {
		if bf := d.NameEntry("BaseFont"); bf != nil {
			name := *bf
			if len(name) > 7 && name[6] == '+' {
				name = name[7:]
			}
			if pdffont.IsCoreFont(name) {
				f.std = name
			}
		}
		if f.std == "" {
			f.approx = true
		}
	}
	if f.dw < 0 {
		f.dw = 500 // the stated approximation: half an em
		if f.scale != 0.001 {
			f.dw = 0.5 / f.scale
		}
	}
	return f
}

// cidWidths reads a composite font's /W array: c [w1 w2 ...] or
// first last w.
func cidWidths(ctx *model.Context, o types.Object) map[int]float64 {
	arr, err := ctx.DereferenceArray(o)
	if err != nil {
		return nil
	}
	w := map[int]float64{}
	for i := 0; i < len(arr); {
		c, ok := num(ctx, arr[i])
		if !ok || i+1 >= len(arr) {
			break
		}
		if list, err := ctx.DereferenceArray(arr[i+1]); err == nil && list != nil {
			for j, e := range list {
				if v, ok := num(ctx, e); ok && len(w) < 1<<16 {
					w[int(c)+j] = v
				}
			}
			i += 2
			continue
		}
		last, ok1 := num(ctx, arr[i+1])
		if i+2 >= len(arr) {
			break
		}
		v, ok2 := num(ctx, arr[i+2])
		if !ok1 || !ok2 {
			break
		}
		for k := int(c); k <= int(last) && k-int(c) < 1<<16 && len(w) < 1<<16; k++ {
			w[k] = v
		}
		i += 3
	}
	return w
}

// width is the advance of code in glyph space units.
func (f *font) width(code int) float64 {
	if w, ok := f.widths[code]; ok {
		return w
	}
	if f.std != "" {
		if w, err := pdffont.CharWidth(f.std, rune(code)); err == nil && w > 0 {
			return float64(w)
		}
	}
	return f.dw
}

// codes splits a shown string into character codes.
func (f *font) codes(s string) []int {
	out := make([]int, 0, len(s)/f.codeLen+1)
	for i := 0; i < len(s); i += f.codeLen {
		c := int(s[i])
		if f.codeLen == 2 {
			if i+1 < len(s) {
				c = c<<8 | int(s[i+1])
			} else {
				c <<= 8
			}
		}
		out = append(out, c)
	}
	return out
}

// text is what code stands for: its ToUnicode mapping, else (one-byte
// codes) the Windows-1252 character, else U+FFFD.
func (f *font) text(code int) string {
	if s, ok := f.toUni.lookup(code); ok {
		return s
	}
	if f.codeLen == 1 {
		if code >= 0x80 && code < 0xa0 {
			return string(cp1252[code-0x80])
		}
		if code < 0x20 {
			return "\ufffd"
		}
		return string(rune(code))
	}
	return "\ufffd"
}

// cp1252 is Windows-1252 from 0x80 to 0x9f.
var cp1252 = []rune("€\ufffd‚ƒ„…†‡ˆ‰Š‹Œ\ufffdŽ\ufffd\ufffd‘’“”•–—˜™š›œ\ufffdžŸ")

// cmap is a ToUnicode CMap: single codes (bfchar) and ranges (bfrange),
// kept as ranges so that a CMap mapping all 65,536 codes costs nothing.
type cmap struct {
	chars  map[int]string
	ranges []cmapRange // sorted by lo
}

type cmapRange struct {
	lo, hi int
	base   []rune   // the text of lo; each next code adds 1 to its last rune
	each   []string // or the text of each code
}

// lookup returns the text of code.
func (m *cmap) lookup(c int) (string, bool) {
	if m == nil {
		return "", false
	}
	if s, ok := m.chars[c]; ok {
		return s, true
	}
	i := sort.Search(len(m.ranges), func(i int) bool { return m.ranges[i].hi >= c })
	for ; i < len(m.ranges) && m.ranges[i].lo <= c; i++ {
		r := m.ranges[i]
		if c > r.hi {
			continue
		}
		if r.each != nil {
			if c-r.lo < len(r.each) {
				return r.each[c-r.lo], true
			}
			return "", false
		}
		out := slices.Clone(r.base)
		if len(out) > 0 {
			out[len(out)-1] += rune(c - r.lo)
		}
		return string(out), true
	}
	return "", false
}

// maxCMapEntries bounds a CMap's mappings, against a hostile one.
const maxCMapEntries = 1 << 16

// parseCMap reads a CMap's bfchar and bfrange mappings and the byte
// length of its code space (0 when it gives none).
func parseCMap(data []byte) (*cmap, int) {
	m := &cmap{chars: map[int]string{}}
	codeLen := 0
	ops, err := pdfcontent.Parse(data)
	if err != nil {
		return nil, 0
	}
	str := func(v pdfcontent.Value) bool { return v.Kind == pdfcontent.String }
	for _, o := range ops {
		a := o.Operands
		switch o.Operator {
		case "endcodespacerange":
			for i := 0; i+1 < len(a); i += 2 {
				if str(a[i]) && len(a[i].Str) > 0 {
					codeLen = max(codeLen, len(a[i].Str))
				}
			}
		case "endbfchar":
			for i := 0; i+1 < len(a) && len(m.chars) < maxCMapEntries; i += 2 {
				if str(a[i]) && str(a[i+1]) {
					m.chars[code(a[i].Str)] = utf16be(a[i+1].Str)
				}
			}
		case "endbfrange":
			for i := 0; i+2 < len(a) && len(m.ranges) < maxCMapEntries; i += 3 {
				if !str(a[i]) || !str(a[i+1]) {
					continue
				}
				r := cmapRange{lo: code(a[i].Str), hi: code(a[i+1].Str)}
				if r.hi < r.lo {
					continue
				}
				switch dst := a[i+2]; dst.Kind {
				case pdfcontent.String:
					r.base = []rune(utf16be(dst.Str))
				case pdfcontent.Array:
					for _, e := range dst.Elems[:min(len(dst.Elems), r.hi-r.lo+1)] {
						r.each = append(r.each, utf16be(e.Str))
					}
					if r.each == nil {
						continue
					}
				default:
					continue
				}
				m.ranges = append(m.ranges, r)
			}
		}
	}
	sort.SliceStable(m.ranges, func(i, j int) bool { return m.ranges[i].lo < m.ranges[j].lo })
	return m, codeLen
}

func code(s []byte) int {
	c := 0
	for i := 0; i < len(s) && i < 4; i++ {
		c = c<<8 | int(s[i])
	}
	return c
}

func utf16be(s []byte) string {
	u := make([]uint16, 0, len(s)/2)
	for i := 0; i+1 < len(s); i += 2 {
		u = append(u, uint16(s[i])<<8|uint16(s[i+1]))
	}
	return string(utf16.Decode(u))
}
