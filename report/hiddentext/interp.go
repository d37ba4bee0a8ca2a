package hiddentext

import (
	"fmt"
	"github.com/paperhq/paper/report/internal/pdfannot"
	"math"
	"strings"
	"unicode"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfcontent"
)

// Scan interprets every page of a document and returns the text it paints
// that a reader cannot see, and its unapplied Redact annotations, in page
// order. An error means the document could not be checked (a content
// stream that cannot be decoded, or a file past the limits on work): it
// cannot be vouched for.
func Scan(ctx *model.Context) (findings []Finding, err error) {
	defer func() {
		// pdfcpu can panic on malformed objects; a file that cannot
		// be read cannot be vouched for, but it is no crash.
		if r := recover(); r != nil {
			findings, err = nil, fmt.Errorf("a damaged object: %v", r)
		}
	}()
	s := &scanner{ctx: ctx, fonts: map[int]*font{}, forms: map[int][]pdfcontent.Op{}}
	for n := 1; n <= ctx.PageCount; n++ {
		d, _, inh, err := ctx.PageDict(n, false)
		if err != nil {
			return nil, fmt.Errorf("page %d: %v", n, err)
		}
		fs, err := s.page(n, d, inh)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", n, err)
		}
		findings = append(findings, fs...)
	}
	return findings, nil
}

func pdfRect(r *types.Rectangle) (rect, bool) {
	if r == nil || r.LL.X == r.UR.X || r.LL.Y == r.UR.Y {
		return rect{}, false
	}
	out := bounds([2]float64{r.LL.X, r.LL.Y}, [2]float64{r.UR.X, r.UR.Y})
	return out, out.finite()
}

// page scans one page: its content, then its Redact annotations.
func (s *scanner) page(n int, d types.Dict, inh *model.InheritedPageAttrs) ([]Finding, error) {
	var content []byte
	add := func(o types.Object) error {
		data, err := s.stream(o)
		if err != nil {
			return err
		}
		content = append(content, data...)
		content = append(content, '\n')
		return nil
	}
	if c, ok := d["Contents"]; ok {
		if arr, err := s.ctx.DereferenceArray(c); err == nil && arr != nil {
			for _, e := range arr {
				if err := add(e); err != nil {
					return nil, err
				}
			}
		} else if err := add(c); err != nil {
			return nil, err
		}
	}
	return s.pageContent(n, d, inh, content)
}

// pageContent scans a page whose content stream is content.
func (s *scanner) pageContent(n int, d types.Dict, inh *model.InheritedPageAttrs, content []byte) ([]Finding, error) {
	media, ok := pdfRect(inh.MediaBox)
	if !ok {
		media = rect{0, 0, 595.28, 841.89}
	}
	crop := media
	if c, ok := pdfRect(inh.CropBox); ok {
		crop = c.intersect(media)
	}
	// A CropBox outside the MediaBox shows nothing: crop is empty.
	p := &page{s: s, media: media, crop: crop}
	p.band = math.Max(32, (media.y1-media.y0)/1024)
	p.base = media.y0
	nb := int((media.y1-media.y0)/p.band) + 1
	p.glyphBands = make([][]int, nb)
	p.regionBands = make([][]int, nb)
	st := initial(identity)
	ops, err := pdfcontent.Parse(content)
	if err != nil {
		return nil, err
	}
	p.run(ops, inh.Resources, st, 0, nil)
	if s.err != nil {
		return nil, s.err
	}
	extra := p.redactions(d)
	p.appearances(d)
	if s.err != nil {
		return nil, s.err
	}
	return append(p.findings(n), extra(n)...), nil
}

// initial is the graphics state a page's content starts in, under ctm.
func initial(ctm matrix) *gstate {
	return &gstate{ctm: ctm, clip: everything, clipExact: true, fill: black, stroke: black,
		fillAlpha: 1, strokeAlpha: 1, lineWidth: 1, font: defaultFont, th: 1}
}

// stream decodes a content stream within the limits.
func (s *scanner) stream(o types.Object) ([]byte, error) {
	limit := min(maxStreamBytes, maxTotalBytes-s.bytes)
	data, err := streamData(s.ctx, o, limit)
	if err != nil {
		return nil, err
	}
	s.bytes += len(data)
	return data, nil
}

// streamData decodes a stream, refusing to produce more than limit bytes.
func streamData(ctx *model.Context, o types.Object, limit int) ([]byte, error) {
	sd, _, err := ctx.DereferenceStreamDict(o)
	if err != nil {
		return nil, fmt.Errorf("a content stream cannot be read: %v", err)
	}
	if sd == nil {
		return nil, nil
	}
	data, err := sd.DecodeLengthWithLimit(-1, int64(limit))
	if err != nil {
		if len(sd.Raw) > 0 && strings.Contains(err.Error(), "limit") {
			return nil, fmt.Errorf("a content stream inflates past %d MB: %w", limit>>20, ErrTooComplex)
		}
		return nil, fmt.Errorf("a content stream cannot be decoded: %v", err)
	}
	if len(data) > limit {
		return nil, fmt.Errorf("a content stream inflates past %d MB: %w", limit>>20, ErrTooComplex)
	}
	return data, nil
}

// run interprets a content stream's operators with the given resources,
// starting from st. forms lists the form XObjects being drawn, to refuse
// loops.
func (p *page) run(ops []pdfcontent.Op, res types.Dict, st *gstate, depth int, forms []int) {
	s := p.s
	var stack []*gstate
	var path [][][2]float64 // subpaths, device space
	var rects []bool        // whether each subpath was made by re
	clipPending := false
	var tm, tlm matrix = identity, identity
	var prevEnd [2]float64
	havePrev := false
	inText := false

	for _, o := range ops {
		if s.err != nil {
			return
		}
		s.ops++
		if s.ops > maxOps {
			s.err = ErrTooComplex
			return
		}
		a := o.Operands
		f := func(i int) float64 {
			if i < len(a) && a[i].Kind == pdfcontent.Number && !math.IsNaN(a[i].Num) && !math.IsInf(a[i].Num, 0) {
				return a[i].Num
			}
			return 0
		}
		nums := func(n int) bool {
			if len(a) < n {
				return false
			}
			for _, v := range a[len(a)-n:] {
				if v.Kind != pdfcontent.Number {
					return false
				}
			}
			a = a[len(a)-n:]
			return true
		}
		pt := func(x, y float64) [2]float64 {
			x, y = st.ctm.apply(x, y)
			return [2]float64{x, y}
		}
		switch o.Operator {
		case "q":
			if len(stack) < 1024 {
				c := *st
				stack = append(stack, &c)
			}
		case "Q":
			if len(stack) > 0 {
				st = stack[len(stack)-1]
				stack = stack[:len(stack)-1]
			}
		case "cm":
			if nums(6) {
				st.ctm = matrix{f(0), f(1), f(2), f(3), f(4), f(5)}.then(st.ctm)
			}
		case "w":
			if nums(1) {
				st.lineWidth = math.Abs(f(0))
			}
		case "gs":
			p.extGState(res, a, st)

		// Colour.
		case "g", "G", "rg", "RG", "k", "K":
			sp := spaceGray
			switch o.Operator {
			case "rg", "RG":
				sp = spaceRGB
			case "k", "K":
				sp = spaceCMYK
			}
			if !nums(components(sp)) {
				continue
			}
			c := toRGB(sp, a)
			if o.Operator == strings.ToLower(o.Operator) {
				st.fill, st.fillSpace = c, sp
			} else {
				st.stroke, st.strokeSpace = c, sp
			}
		case "cs", "CS":
			sp := spaceUnknown
			if len(a) > 0 && a[len(a)-1].Kind == pdfcontent.Name {
				sp = p.colourSpace(res, string(a[len(a)-1].Str))
			}
			initial := black // every device space starts black
			if sp == spaceUnknown {
				initial = colour{}
			}
			if o.Operator == "cs" {
				st.fill, st.fillSpace = initial, sp
			} else {
				st.stroke, st.strokeSpace = initial, sp
			}
		case "sc", "scn", "SC", "SCN":
			fillOp := o.Operator[0] == 's'
			sp := st.strokeSpace
			if fillOp {
				sp = st.fillSpace
			}
			c := colour{}
			if sp != spaceUnknown && nums(components(sp)) {
				c = toRGB(sp, a)
			}
			if fillOp {
				st.fill = c
			} else {
				st.stroke = c
			}

		// Paths.
		case "m":
			if nums(2) {
				path = append(path, [][2]float64{pt(f(0), f(1))})
				rects = append(rects, false)
			}
		case "l":
			if nums(2) && len(path) > 0 {
				path[len(path)-1] = append(path[len(path)-1], pt(f(0), f(1)))
				rects[len(rects)-1] = false
			}
		case "c":
			if nums(6) && len(path) > 0 {
				path[len(path)-1] = append(path[len(path)-1], pt(f(0), f(1)), pt(f(2), f(3)), pt(f(4), f(5)))
				rects[len(rects)-1] = false
			}
		case "v", "y":
			if nums(4) && len(path) > 0 {
				path[len(path)-1] = append(path[len(path)-1], pt(f(0), f(1)), pt(f(2), f(3)))
				rects[len(rects)-1] = false
			}
		case "h":
		case "re":
			if nums(4) && len(path) < 100000 {
				x, y, w, h := f(0), f(1), f(2), f(3)
				path = append(path, [][2]float64{pt(x, y), pt(x+w, y), pt(x+w, y+h), pt(x, y+h)})
				rects = append(rects, st.ctm.axisAligned())
			}
		case "W", "W*":
			clipPending = true
		case "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "n":
			fill := o.Operator != "S" && o.Operator != "s" && o.Operator != "n"
			stroke := strings.ContainsAny(o.Operator, "BbSs")
			if len(path) > 0 {
				p.paintPath(path, rects, st, fill, stroke)
				if clipPending {
					box, exact := pathBox(path, rects)
					st.clip = st.clip.intersect(box)
					st.clipExact = st.clipExact && exact
				}
			}
			path, rects, clipPending = nil, nil, false

		// Shadings, images and forms.
		case "sh":
			box := st.clip.intersect(p.media)
			p.paint(region{box: box, exact: st.clipExact, opaque: st.fillAlpha >= 0.999 && !st.softMask, cover: underShading})
		case "BI":
			mask := false
			for _, k := range []string{"IM", "ImageMask"} {
				if v, ok := pdfcontent.Get(o.Operands, k); ok && v.Kind == pdfcontent.Bool && v.Num == 1 {
					mask = true
				}
			}
			p.image(st, mask)
		case "Do":
			if len(a) > 0 && a[len(a)-1].Kind == pdfcontent.Name {
				p.xobject(res, string(a[len(a)-1].Str), st, depth, forms)
			}

		// Text.
		case "BT":
			tm, tlm = identity, identity
			inText = true
			p.textClip, p.textClipUsed = rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}, false
		case "ET":
			if inText && p.textClipUsed {
				st.clip = st.clip.intersect(p.textClip)
				st.clipExact = false
			}
			inText = false
		case "Tf":
			if len(a) >= 2 && a[len(a)-2].Kind == pdfcontent.Name {
				st.font = p.font(res, string(a[len(a)-2].Str))
				st.size = f(len(a) - 1)
			}
		case "Tc", "Tw", "Tz", "TL", "Ts", "Tr":
			if nums(1) {
				st.setText(o.Operator, f(0))
			}
		case "Td", "TD":
			if nums(2) {
				if o.Operator == "TD" {
					st.tl = -f(1)
				}
				tlm = matrix{1, 0, 0, 1, f(0), f(1)}.then(tlm)
				tm = tlm
			}
		case "Tm":
			if nums(6) {
				tlm = matrix{f(0), f(1), f(2), f(3), f(4), f(5)}
				tm = tlm
			}
		case "T*":
			tlm = matrix{1, 0, 0, 1, 0, -st.tl}.then(tlm)
			tm = tlm
		case "Tj", "'", "\"", "TJ":
			if o.Operator == "\"" && len(a) >= 3 {
				st.tw, st.tc = f(len(a)-3), f(len(a)-2)
			}
			if o.Operator == "'" || o.Operator == "\"" {
				tlm = matrix{1, 0, 0, 1, 0, -st.tl}.then(tlm)
				tm = tlm
			}
			if len(a) == 0 {
				continue
			}
			last := a[len(a)-1]
			var parts []pdfcontent.Value
			switch last.Kind {
			case pdfcontent.String:
				parts = []pdfcontent.Value{last}
			case pdfcontent.Array:
				parts = last.Elems
			}
			for _, part := range parts {
				switch part.Kind {
				case pdfcontent.Number:
					adj := part.Num
					if math.IsNaN(adj) || math.IsInf(adj, 0) {
						continue
					}
					tm = matrix{1, 0, 0, 1, -adj / 1000 * st.size * st.th, 0}.then(tm)
				case pdfcontent.String:
					p.show(string(part.Str), st, &tm, &prevEnd, &havePrev)
					if s.err != nil {
						return
					}
				}
			}
		}
	}
}

// setText sets the text state parameter an operator sets.
func (st *gstate) setText(operator string, v float64) {
	switch operator {
	case "Tc":
		st.tc = v
	case "Tw":
		st.tw = v
	case "Tz":
		st.th = v / 100
	case "TL":
		st.tl = v
	case "Ts":
		st.rise = v
	case "Tr":
		st.mode = int(v)
	}
}

// components is the number of operands a colour in sp takes.
func components(sp space) int {
	switch sp {
	case spaceRGB:
		return 3
	case spaceCMYK:
		return 4
	}
	return 1
}

// toRGB converts operands of a device colour space to RGB.
func toRGB(sp space, a []pdfcontent.Value) colour {
	v := make([]float64, len(a))
	for i, o := range a {
		v[i] = math.Max(0, math.Min(1, o.Num))
		if math.IsNaN(o.Num) {
			v[i] = 0
		}
	}
	switch {
	case sp == spaceGray && len(v) == 1:
		return colour{known: true, r: v[0], g: v[0], b: v[0]}
	case sp == spaceRGB && len(v) == 3:
		return colour{known: true, r: v[0], g: v[1], b: v[2]}
	case sp == spaceCMYK && len(v) == 4:
		k := 1 - v[3]
		return colour{known: true, r: (1 - v[0]) * k, g: (1 - v[1]) * k, b: (1 - v[2]) * k}
	}
	return colour{}
}

// resource looks up a named resource of a category (Font, XObject ...).
func (p *page) resource(res types.Dict, category, name string) types.Object {
	if res == nil {
		return nil
	}
	cat, err := p.s.ctx.DereferenceDict(res[category])
	if err != nil || cat == nil {
		return nil
	}
	return cat[name]
}

// colourSpace reads the family of a colour space set by cs/CS: the
// device spaces, calibrated ones and ICC profiles by their number of
// components; anything else (separations, indexed, patterns, Lab) is
// unknown, and its colours are not guessed.
func (p *page) colourSpace(res types.Dict, name string) space {
	switch name {
	case "DeviceGray", "G", "CalGray":
		return spaceGray
	case "DeviceRGB", "RGB", "CalRGB":
		return spaceRGB
	case "DeviceCMYK", "CMYK":
		return spaceCMYK
	}
	o := p.resource(res, "ColorSpace", name)
	if o == nil {
		return spaceUnknown
	}
	ctx := p.s.ctx
	if n, err := ctx.Dereference(o); err == nil {
		if nm, ok := n.(types.Name); ok {
			return p.colourSpace(nil, string(nm))
		}
	}
	arr, err := ctx.DereferenceArray(o)
	if err != nil || len(arr) == 0 {
		return spaceUnknown
	}
	fam, _ := ctx.Dereference(arr[0])
	switch fam {
	case types.Name("CalGray"):
		return spaceGray
	case types.Name("CalRGB"):
		return spaceRGB
	case types.Name("ICCBased"):
		if len(arr) > 1 {
			if sd, _, err := ctx.DereferenceStreamDict(arr[1]); err == nil && sd != nil {
				if v, ok := num(ctx, sd.Dict["N"]); ok {
					switch v {
					case 1:
						return spaceGray
					case 3:
						return spaceRGB
					case 4:
						return spaceCMYK
					}
				}
			}
		}
	}
	return spaceUnknown
}

// extGState applies the fill and stroke opacity and soft mask of a
// graphics state parameter dictionary.
func (p *page) extGState(res types.Dict, a []pdfcontent.Value, st *gstate) {
	if len(a) == 0 || a[len(a)-1].Kind != pdfcontent.Name {
		return
	}
	ctx := p.s.ctx
	d, err := ctx.DereferenceDict(p.resource(res, "ExtGState", string(a[len(a)-1].Str)))
	if err != nil || d == nil {
		return
	}
	if v, ok := num(ctx, d["ca"]); ok {
		st.fillAlpha = v
	}
	if v, ok := num(ctx, d["CA"]); ok {
		st.strokeAlpha = v
	}
	if sm, ok := d["SMask"]; ok {
		n, _ := ctx.Dereference(sm)
		st.softMask = n != types.Name("None")
	}
	if v, ok := num(ctx, d["LW"]); ok {
		st.lineWidth = math.Abs(v)
	}
	if arr, err := ctx.DereferenceArray(d["Font"]); err == nil && len(arr) == 2 {
		st.font = p.fontObject(arr[0])
		if v, ok := num(ctx, arr[1]); ok {
			st.size = v
		}
	}
}

func (p *page) font(res types.Dict, name string) *font {
	return p.fontObject(p.resource(res, "Font", name))
}

func (p *page) fontObject(o types.Object) *font {
	if o == nil {
		return defaultFont
	}
	if ir, ok := o.(types.IndirectRef); ok {
		n := ir.ObjectNumber.Value()
		if f, ok := p.s.fonts[n]; ok {
			return f
		}
		f := loadFont(p.s.ctx, o)
		p.s.fonts[n] = f
		return f
	}
	return loadFont(p.s.ctx, o)
}

// pathBox is a path's bounding box, and whether the path is exactly that
// box (one rectangle).
func pathBox(path [][][2]float64, rects []bool) (rect, bool) {
	var pts [][2]float64
	for _, sp := range path {
		pts = append(pts, sp...)
	}
	box := bounds(pts...)
	return box, len(path) == 1 && isRect(path[0], rects[0])
}

// isRect reports whether a subpath is an axis-aligned rectangle: made by
// re under an axis-aligned matrix, or four corners joined by lines.
func isRect(sp [][2]float64, byRe bool) bool {
	if byRe {
		return true
	}
	if len(sp) == 5 && sp[4] == sp[0] {
		sp = sp[:4]
	}
	if len(sp) != 4 {
		return false
	}
	for i := range 4 {
		a, b := sp[i], sp[(i+1)%4]
		if (a[0] == b[0]) == (a[1] == b[1]) {
			return false
		}
	}
	return true
}

// paintPath records a filled or stroked path. Each rectangle of a fill
// is an exact area when the rectangles do not overlap (so no fill rule
// can punch a hole in one); any other shape counts only by its bounding
// box, as something that makes the colour under text unknown, never as a
// cover.
func (p *page) paintPath(path [][][2]float64, rects []bool, st *gstate, fill, stroke bool) {
	if fill {
		opaque := st.fillAlpha >= 0.999 && !st.softMask
		boxes := make([]rect, len(path))
		allRects := true
		for i, sp := range path {
			boxes[i] = bounds(sp...)
			if !isRect(sp, rects[i]) {
				allRects = false
			}
		}
		if allRects && len(path) <= 64 {
			for i := range boxes {
				for j := i + 1; j < len(boxes); j++ {
					if boxes[i].overlaps(boxes[j]) {
						allRects = false
					}
				}
			}
		} else {
			allRects = false
		}
		if allRects {
			for _, b := range boxes {
				p.paint(region{box: b.intersect(st.clip), exact: st.clipExact, opaque: opaque, col: st.fill, cover: underBox})
			}
		} else {
			box, _ := pathBox(path, rects)
			p.paint(region{box: box.intersect(st.clip), col: st.fill})
		}
	}
	if stroke {
		box, _ := pathBox(path, rects)
		// The line width in device space, generously.
		w := st.lineWidth * math.Max(math.Hypot(st.ctm[0], st.ctm[1]), math.Hypot(st.ctm[2], st.ctm[3]))
		w = math.Max(w, 1) / 2
		box = rect{box.x0 - w, box.y0 - w, box.x1 + w, box.y1 + w}
		p.paint(region{box: box.intersect(st.clip), col: st.stroke})
	}
}

// image records an image: it covers its unit square under the CTM, and
// hides what lies under it when it is opaque (no mask, no transparency).
func (p *page) image(st *gstate, mask bool) {
	box := rect{0, 0, 1, 1}.transform(st.ctm).intersect(st.clip)
	exact := st.ctm.axisAligned() && st.clipExact
	opaque := !mask && st.fillAlpha >= 0.999 && !st.softMask
	p.paint(region{box: box, exact: exact, opaque: opaque, cover: underImage})
}

// xobject draws the image or form XObject named name in res.
func (p *page) xobject(res types.Dict, name string, st *gstate, depth int, forms []int) {
	if ir, ok := p.resource(res, "XObject", name).(types.IndirectRef); ok {
		p.draw(ir, res, st, depth, forms)
	}
}

// draw draws an image or form XObject; a form without resources of its
// own uses res.
func (p *page) draw(ir types.IndirectRef, res types.Dict, st *gstate, depth int, forms []int) {
	ctx := p.s.ctx
	n := ir.ObjectNumber.Value()
	sd, _, err := ctx.DereferenceStreamDict(ir)
	if err != nil || sd == nil {
		return
	}
	sub := sd.Dict.Subtype()
	if sub == nil || (*sub != "Image" && *sub != "Form") {
		return
	}
	if *sub == "Image" {
		mask := false
		if b := sd.Dict.BooleanEntry("ImageMask"); b != nil && *b {
			mask = true
		}
		for _, k := range []string{"SMask", "Mask", "SMaskInData"} {
			if v, ok := sd.Dict[k]; ok && v != nil {
				if i, ok := v.(types.Integer); ok && i == 0 {
					continue
				}
				mask = true
			}
		}
		p.image(st, mask)
		return
	}
	if depth >= maxFormDepth {
		return
	}
	for _, f := range forms {
		if f == n {
			return // a form that draws itself
		}
	}
	ops, ok := p.s.forms[n]
	if !ok {
		data, err := p.s.stream(ir)
		if err == nil {
			ops, err = pdfcontent.Parse(data)
		}
		if err != nil {
			if p.s.err == nil {
				p.s.err = err
			}
			return
		}
		p.s.forms[n] = ops
	}
	inner := *st
	if m, ok := nums(ctx, sd.Dict["Matrix"], 6); ok {
		inner.ctm = matrix(m).then(st.ctm)
	}
	if b, ok := nums(ctx, sd.Dict["BBox"], 4); ok {
		box := bounds([2]float64{b[0], b[1]}, [2]float64{b[2], b[3]})
		inner.clip = st.clip.intersect(box.transform(inner.ctm))
		inner.clipExact = st.clipExact && inner.ctm.axisAligned()
	}
	fres := res
	if r, err := ctx.DereferenceDict(sd.Dict["Resources"]); err == nil && r != nil {
		fres = r
	}
	p.run(ops, fres, &inner, depth+1, append(forms, n))
}

// show paints a string's glyphs and advances the text matrix.
func (p *page) show(str string, st *gstate, tm *matrix, prevEnd *[2]float64, havePrev *bool) {
	f := st.font
	for _, code := range f.codes(str) {
		w0 := f.width(code) * f.scale
		if math.IsNaN(w0) || math.IsInf(w0, 0) {
			w0 = 0.5
		}
		trm := matrix{st.size * st.th, 0, 0, st.size, 0, st.rise}.then(*tm).then(st.ctm)
		bw := math.Max(w0, 0.1)
		box := rect{0, -0.2, bw, 0.75}.transform(trm)
		size := math.Min(math.Hypot(trm[0], trm[1]), math.Hypot(trm[2], trm[3]))
		sx, sy := trm.apply(0, 0)
		g := glyph{box: box, text: f.text(code), size: size}
		if *havePrev && math.Hypot(sx-prevEnd[0], sy-prevEnd[1]) > 0.15*size {
			g.pre = " "
		}
		ex, ey := trm.apply(w0, 0)
		*prevEnd, *havePrev = [2]float64{ex, ey}, true
		g.reason = p.visibility(g, st)
		if st.mode >= 4 && box.finite() {
			p.textClip, p.textClipUsed = p.textClip.union(box), true
		}
		p.addGlyph(g)
		if p.s.err != nil {
			return
		}
		tx := (w0*st.size + st.tc) * st.th
		if f.codeLen == 1 && code == 32 {
			tx += st.tw * st.th
		}
		*tm = matrix{1, 0, 0, 1, tx, 0}.then(*tm)
	}
}

// visibility says why a glyph being painted cannot be seen, or none.
func (p *page) visibility(g glyph, st *gstate) how {
	mode := st.mode
	fills := mode == 0 || mode == 2 || mode == 4 || mode == 6
	strokes := mode == 1 || mode == 2 || mode == 5 || mode == 6
	switch {
	case mode == 3 && g.box.finite() && p.overImage(g.box):
		// A scan's OCR layer: invisible text over the page's picture,
		// so that the scan can be searched. What it says is what the
		// picture shows; it is still hidden if something covers it.
		return none
	case mode == 3:
		return invisibleMode
	case mode == 7:
		return clipMode
	case mode < 0 || mode > 7:
		return invisibleMode // not a mode: viewers paint nothing
	case (!fills || st.fillAlpha <= 0.001) && (!strokes || st.strokeAlpha <= 0.001):
		return transparent
	case !g.box.finite() || g.size < 1:
		return tooSmall
	case !g.box.overlaps(p.media):
		return offPage
	case !g.box.overlaps(p.crop):
		return outsideCrop
	case !g.box.overlaps(st.clip):
		return clipped
	}
	if st.softMask {
		return none
	}
	bg := p.background(g.box)
	if (!fills || st.fill.same(bg)) && (!strokes || st.stroke.same(bg)) {
		return sameColour
	}
	return none
}

// redactions marks glyphs under the page's Redact annotations, and
// returns the findings for annotations with no text under them.
func (p *page) redactions(d types.Dict) func(int) []Finding {
	ctx := p.s.ctx
	var empty []rect
	annots, err := ctx.DereferenceArray(d["Annots"])
	if err == nil {
		for _, e := range annots {
			a, err := ctx.DereferenceDict(e)
			if err != nil || a == nil {
				continue
			}
			if st := a.Subtype(); st == nil || *st != "Redact" {
				continue
			}
			r, ok := nums(ctx, a["Rect"], 4)
			if !ok {
				continue
			}
			box := bounds([2]float64{r[0], r[1]}, [2]float64{r[2], r[3]})
			found := false
			for i := range p.glyphs {
				g := &p.glyphs[i]
				if !g.box.overlaps(box) {
					continue
				}
				if strings.TrimSpace(g.text) != "" {
					found = true
				}
				if g.reason == none {
					g.reason = underRedact
				}
			}
			if !p.tick(len(p.glyphs)) {
				return nil
			}
			if !found {
				empty = append(empty, box)
			}
		}
	}
	return func(n int) []Finding {
		var out []Finding
		for _, b := range empty {
			out = append(out, Finding{Page: n, How: "an unapplied Redact annotation (what it marks is still in the file)",
				Box: [4]float64{b.x0, b.y0, b.x1, b.y1}})
		}
		return out
	}
}

// appearances draws the page's annotations as the agenda pack draws them
// into its pages: every annotation but links and pop-ups that is not
// hidden, its normal appearance's bounding box mapped onto its rectangle
// (ISO 32000-1, 12.5.5). A black Square annotation over text hides it as
// a black rectangle in the content does.
func (p *page) appearances(d types.Dict) {
	ctx := p.s.ctx
	annots, err := ctx.DereferenceArray(d["Annots"])
	if err != nil {
		return
	}
	for _, e := range annots {
		a, err := ctx.DereferenceDict(e)
		if err != nil || a == nil {
			continue
		}
		if st := a.Subtype(); st != nil && (*st == "Link" || *st == "Popup") {
			continue
		}
		if f, ok := num(ctx, a["F"]); ok && (int(f)&2 != 0 || int(f)&32 != 0) {
			continue
		}
		ir, _, cm, ok := pdfannot.Normal(ctx, a)
		if !ok {
			continue
		}
		p.draw(ir, nil, initial(matrix(cm)), 0, nil)
	}
}

// findings groups the page's hidden glyphs into findings: each run of
// consecutive glyphs hidden the same way is one, unless it is only white
// space.
func (p *page) findings(n int) []Finding {
	var out []Finding
	for i := 0; i < len(p.glyphs); {
		g := p.glyphs[i]
		if g.reason == none {
			i++
			continue
		}
		j := i
		var text strings.Builder
		box := rect{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)}
		for ; j < len(p.glyphs) && p.glyphs[j].reason == g.reason; j++ {
			if text.Len() < 400 {
				if j > i {
					text.WriteString(p.glyphs[j].pre)
				}
				text.WriteString(p.glyphs[j].text)
			}
			if p.glyphs[j].box.finite() {
				box = box.union(p.glyphs[j].box)
			}
		}
		if !box.finite() {
			box = rect{} // nothing of it is anywhere on a page
		}
		if ex := excerpt(text.String()); ex != "" {
			out = append(out, Finding{Page: n, How: g.reason.describe(g.size), Text: ex,
				Box: [4]float64{box.x0, box.y0, box.x1, box.y1}})
		}
		i = j
	}
	return out
}

// excerpt folds white space and control characters and keeps the first
// 40 characters.
func excerpt(s string) string {
	folded := strings.Fields(strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s))
	r := []rune(strings.Join(folded, " "))
	if len(r) > 40 {
		r = r[:40]
	}
	return strings.TrimSpace(string(r))
}

// num reads a number, following a reference.
func num(ctx *model.Context, o types.Object) (float64, bool) {
	if o == nil {
		return 0, false
	}
	v, err := ctx.Dereference(o)
	if err != nil {
		return 0, false
	}
	var f float64
	switch v := v.(type) {
	case types.Integer:
		f = float64(v)
	case types.Float:
		f = float64(v)
	default:
		return 0, false
	}
	return f, !math.IsNaN(f) && !math.IsInf(f, 0)
}

// nums reads an array of n numbers.
func nums(ctx *model.Context, o types.Object, n int) ([]float64, bool) {
	arr, err := ctx.DereferenceArray(o)
	if err != nil || len(arr) != n {
		return nil, false
	}
	out := make([]float64, n)
	for i, e := range arr {
		v, ok := num(ctx, e)
		if !ok {
			return nil, false
		}
		out[i] = v
	}
	return out, true
}
