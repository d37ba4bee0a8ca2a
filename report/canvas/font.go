package canvas

import (
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/math/fixed"
)

// Family is the font family every drawing's text is set in: Liberation
// Sans, metric-compatible with Arial, embedded in the binary. Backends
// that name a font rather than embed one (SVG) name this family first.
const Family = "Liberation Sans"

// Liberation Sans metrics, as fractions of the em.
const (
	CapHeight = 0.729 // capitals above the baseline
	Descent   = 0.212 // descenders below it
)

// PtToMM converts points to millimetres.
const PtToMM = 25.4 / 72

// Font is a text style: Liberation Sans, regular or bold, at Size
// points at the drawing's natural size.
type Font struct {
	Size float64
	Bold bool
}

// Face returns the font's face.
func (f Font) Face() *Face {
	r, b := faces()
	if f.Bold {
		return b
	}
	return r
}

// Width is the advance of s in millimetres: the sum of its characters'
// advances, added one by one in order.
func (f Font) Width(s string) float64 { return f.Face().Ems(s, 0) * f.Size * PtToMM }

// Face is a loaded font with its advance widths.
//
// Runes below 0x3000, where almost all text lies, are looked up in a
// table filled 256 runes at a time as text first needs them, without a
// lock: measuring is the inner loop of fitting labels, and a long label
// is measured character by character.
type Face struct {
	font   *truetype.Font
	upem   float64
	lo     [0x3000]float64 // advance in ems of each rune below 0x3000
	blocks [0x3000 / 256]sync.Once
	mu     sync.Mutex
	adv    map[rune]float64 // advance in ems of other runes
}

var (
	facesOnce     sync.Once
	regular, bold *Face
)

func loadFace(ttf []byte) *Face {
	f, err := truetype.Parse(ttf)
	if err != nil {
		panic("canvas: embedded font: " + err.Error()) // the font is compiled in
	}
	return &Face{font: f, upem: float64(f.FUnitsPerEm()), adv: map[rune]float64{}}
}

func faces() (*Face, *Face) {
	facesOnce.Do(func() {
		regular = loadFace(liberationsansregular.TTF)
		bold = loadFace(liberationsansbold.TTF)
	})
	return regular, bold
}

// TrueType returns the parsed font, for a backend that rasterises glyphs.
func (f *Face) TrueType() *truetype.Font { return f.font }

// Advance returns the advance width of r in ems.
func (f *Face) Advance(r rune) float64 {
	if r >= 0 && r < rune(len(f.lo)) {
		b := r / 256
		f.blocks[b].Do(func() {
			for r := b * 256; r < (b+1)*256; r++ {
				f.lo[r] = f.measure(r)
			}
		})
		return f.lo[r]
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if a, ok := f.adv[r]; ok {
		return a
	}
	a := f.measure(r)
	f.adv[r] = a
	return a
}

// measure reads the advance width of r in ems from the font.
func (f *Face) measure(r rune) float64 {
	i := f.font.Index(r)
	return float64(f.font.HMetric(fixed.Int26_6(f.upem), i).AdvanceWidth) / f.upem
}

// Ems returns from plus the advances of s's characters, in ems, added
// one by one in order (as Font.Width adds them).
func (f *Face) Ems(s string, from float64) float64 {
	for _, r := range s {
		from += f.Advance(r)
	}
	return from
}
