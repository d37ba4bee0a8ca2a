package hiddentext

import (
	"errors"
	"fmt"
	"math"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/paperhq/paper/report/internal/pdfcontent"
)

// Limits on the work one document may cost, so that no file can make a
// scan run for minutes or fill memory: decoded content per stream and in
// all, operators interpreted (forms drawn many times count each time),
// glyphs (in all, and on one page, which holds them all in memory), comparisons between glyphs and painted areas, and the depth of
// forms inside forms.
const (
	maxStreamBytes = 64 << 20
	maxTotalBytes  = 256 << 20
	maxOps         = 20_000_000
	maxGlyphs      = 20_000_000
	maxPageGlyphs  = 500_000
	maxWork        = 400_000_000
	maxFormDepth   = 12
)

// ErrTooComplex is returned for a file that would cost more to check
// than any real document does: the check cannot vouch for it.
var ErrTooComplex = errors.New("too complex to check for hidden text")

// scanner scans one document.
type scanner struct {
	ctx   *model.Context
	fonts map[int]*font           // by object number
	forms map[int][]pdfcontent.Op // form XObjects' operators, by object number
	bytes int
	ops   int
	work  int
	nglyf int
	err   error
}

// colour is a colour as the scanner knows it: RGB, or unknown (a colour
// space it does not interpret).
type colour struct {
	known   bool
	r, g, b float64
}

var (
	black = colour{known: true}
	white = colour{known: true, r: 1, g: 1, b: 1}
)

// same reports whether two colours cannot be told apart on screen:
// known, and no channel differing by more than 3%.
func (c colour) same(d colour) bool {
	return c.known && d.known && math.Abs(c.r-d.r) <= 0.03 && math.Abs(c.g-d.g) <= 0.03 && math.Abs(c.b-d.b) <= 0.03
}

// space is a colour space's family, for reading sc/scn operands.
type space int

const (
	spaceGray space = iota
	spaceRGB
	spaceCMYK
	spaceUnknown
)

// gstate is the graphics state, text state included, saved by q and
// restored by Q.
type gstate struct {
	ctm                        matrix
	clip                       rect
	clipExact                  bool // the clip is exactly the rectangle clip
	fill, stroke               colour
	fillSpace, strokeSpace     space
	fillAlpha, strokeAlpha     float64
	softMask                   bool
	lineWidth                  float64
	font                       *font
	size, tc, tw, th, tl, rise float64
	mode                       int
}

// how a glyph is hidden; none when it is not.
type how int

const (
	none how = iota
	invisibleMode
	clipMode
	transparent
	tooSmall
	offPage
	outsideCrop
	clipped
	sameColour
	underBox
	underImage
	underShading
	underRedact
)

// describe words a reason for "text HOW".
func (h how) describe(size float64) string {
	switch h {
	case invisibleMode:
		return "in invisible render mode 3"
	case clipMode:
		return "in render mode 7 (a clip, never painted)"
	case transparent:
		return "fully transparent (opacity 0)"
	case tooSmall:
		return fmt.Sprintf("under 1 pt (%.2g pt)", size)
	case offPage:
		return "off the page (outside the MediaBox)"
	case outsideCrop:
		return "outside the CropBox (cut off when shown)"
	case clipped:
		return "clipped away"
	case sameColour:
		return "in the same colour as what lies under it"
	case underBox:
		return "under an opaque box drawn over it"
	case underImage:
		return "under an image drawn over it"
	case underShading:
		return "under a shading drawn over it"
	case underRedact:
		return "under an unapplied Redact annotation"
	}
	return ""
}

// glyph is one painted character.
type glyph struct {
	box    rect
	text   string
	pre    string // " " when a gap separates it from the glyph before
	size   float64
	reason how
}

// region is a painted area: a fill, stroke, image or shading.
type region struct {
	box    rect
	exact  bool // box is exactly the painted area
	opaque bool
	col    colour // what it paints, when one colour
	cover  how    // what covering glyphs makes them
}

// page is the state of one page's scan.
type page struct {
	s       *scanner
	media   rect
	crop    rect
	glyphs  []glyph
	regions []region
	// bands index glyphs (not yet hidden) and regions by horizontal
	// band of the page, so that a fill is compared only with nearby
	// glyphs.
	band         float64
	base         float64
	glyphBands   [][]int
	regionBands  [][]int
	textClip     rect // union of glyphs shown in a clipping render mode
	textClipUsed bool
}

func (p *page) bandRange(r rect) (int, int, bool) {
	n := len(p.glyphBands)
	if r.y1 < p.base || r.y0 > p.base+float64(n)*p.band || math.IsNaN(r.y0) || math.IsNaN(r.y1) {
		return 0, 0, false
	}
	lo := int(math.Floor((math.Max(r.y0, p.base) - p.base) / p.band))
	hi := int(math.Floor((math.Min(r.y1, p.base+float64(n)*p.band) - p.base) / p.band))
	return max(lo, 0), min(hi, n-1), true
}

func (p *page) tick(n int) bool {
	p.s.work += n
	if p.s.work > maxWork && p.s.err == nil {
		p.s.err = ErrTooComplex
	}
	return p.s.err == nil
}

// addGlyph records a painted glyph, hidden for reason (none when it is
// visible so far).
func (p *page) addGlyph(g glyph) {
	p.s.nglyf++
	if (p.s.nglyf > maxGlyphs || len(p.glyphs) >= maxPageGlyphs) && p.s.err == nil {
		p.s.err = ErrTooComplex
	}
	i := len(p.glyphs)
	p.glyphs = append(p.glyphs, g)
	if g.reason != none {
		return
	}
	if lo, hi, ok := p.bandRange(g.box); ok {
		for b := lo; b <= hi; b++ {
			p.glyphBands[b] = append(p.glyphBands[b], i)
		}
	}
}

// under returns the last area painted under box (overlapping it), if any.
func (p *page) under(box rect) (region, bool) {
	lo, hi, ok := p.bandRange(box)
	if !ok {
		return region{}, false
	}
	last := -1
	for b := lo; b <= hi; b++ {
		ids := p.regionBands[b]
		for k := len(ids) - 1; k >= 0 && ids[k] > last; k-- {
			if !p.tick(1) {
				return region{}, true // unknown: the scan stops anyway
			}
			if p.regions[ids[k]].box.overlaps(box) {
				last = ids[k]
				break
			}
		}
	}
	if last < 0 {
		return region{}, false
	}
	return p.regions[last], true
}

// background is the colour under box: the page's white, or the last
// area painted over it when that is one known opaque colour covering the
// whole box; unknown when what lies under it is mixed, an image or
// transparent.
func (p *page) background(box rect) colour {
	r, ok := p.under(box)
	if !ok {
		return white
	}
	if r.exact && r.opaque && r.box.contains(box, 0) {
		return r.col
	}
	return colour{}
}

// overImage reports whether box lies on an opaque image painted before
// it: invisible text there is a scan's OCR layer.
func (p *page) overImage(box rect) bool {
	r, ok := p.under(box)
	return ok && r.cover == underImage && r.exact && r.opaque && r.box.contains(box, 0.5)
}

// paint records a painted area and hides the glyphs it covers.
func (p *page) paint(r region) {
	if r.box.empty() {
		return
	}
	i := len(p.regions)
	p.regions = append(p.regions, r)
	lo, hi, ok := p.bandRange(r.box)
	if !ok {
		return
	}
	for b := lo; b <= hi; b++ {
		p.regionBands[b] = append(p.regionBands[b], i)
	}
	if !r.exact || !r.opaque || r.cover == none {
		return
	}
	for b := lo; b <= hi; b++ {
		ids := p.glyphBands[b]
		keep := ids[:0]
		if !p.tick(len(ids)) {
			return
		}
		for _, g := range ids {
			gl := &p.glyphs[g]
			if gl.reason == none && r.box.contains(gl.box, 0.5) {
				gl.reason = r.cover
			}
			if gl.reason == none {
				keep = append(keep, g)
			}
		}
		p.glyphBands[b] = keep
	}
}

// Finding is text on a page that is painted but cannot be seen, or an
// unapplied redaction.
type Finding struct {
	// Page counts from 1.
	Page int
	// How says how the text is hidden, worded to follow "text":
	// "under an opaque box drawn over it", "clipped away" ...
	How string
	// Text is the hidden text's first 40 characters, white space folded;
	// empty for a Redact annotation with no text under it.
	Text string
	// Box is the text's bounding box in the page's default user space
	// (points, origin bottom left, before the page's /Rotate):
	// [x0 y0 x1 y1].
	Box [4]float64
}

// String words the finding as the pack reports it: page 3: text under an
// opaque box drawn over it: "Mrs J Smith, 14 Acacia Ave".
func (f Finding) String() string {
	if f.Text == "" {
		return fmt.Sprintf("page %d: %s", f.Page, f.How)
	}
	return fmt.Sprintf("page %d: text %s: %q", f.Page, f.How, f.Text)
}
