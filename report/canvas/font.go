package canvas

import (
	"errors"
	"fmt"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/golang/freetype/truetype"
	"golang.org/x/image/math/fixed"

	"github.com/paperhq/paper/report/internal/fontinfo"
)

// Family is the font family a drawing's text is set in unless its Font
// names a house style's Typeface: Liberation Sans, metric-compatible
// with Arial, embedded in the binary. Backends that name a font rather
// than embed one (SVG) name this family first.
const Family = "Liberation Sans"

// Liberation Sans metrics, as fractions of the em.
const (
	CapHeight = 0.729 // capitals above the baseline
	Descent   = 0.212 // descenders below it
)

// PtToMM converts points to millimetres.
const PtToMM = 25.4 / 72

// Font is a text style: a typeface, regular or bold, at Size points at
// the drawing's natural size.
type Font struct {
	Size float64
	Bold bool
	// Typeface is the house style's family; nil is Liberation Sans.
	Typeface *Typeface
}

// Face returns the font's face.
func (f Font) Face() *Face {
	if t := f.Typeface; t != nil {
		if f.Bold {
			return t.bold
		}
		return t.regular
	}
	r, b := faces()
	if f.Bold {
		return b
	}
	return r
}

// Typeface is a house style's font family for a drawing's text, parsed
// once from its TrueType or OpenType files. A character the family lacks
// is measured and drawn in Liberation Sans of the same weight.
type Typeface struct {
	name                string
	generic             fontinfo.Generic
	regular, bold       *Face
	regularTTF, boldTTF []byte
}

// NewTypeface parses the regular and bold files of the family called
// name; a nil bold means the regular for bold text too. It returns an
// error for a file that is not a font. The same name and files (the same
// slices, as a house style loaded once gives every chart) give the same
// Typeface, parsed once per process.
func NewTypeface(name string, regular, bold []byte) (*Typeface, error) {
	if len(bold) == 0 {
		bold = regular
	}
	if len(regular) == 0 {
		return nil, fmt.Errorf("canvas: font %q: no font file", name)
	}
	k := typefaceKey{name, &regular[0], len(regular), &bold[0], len(bold)}
	typefacesMu.Lock()
	defer typefacesMu.Unlock()
	if t := typefaces[k]; t != nil {
		return t, nil
	}
	t, err := newTypeface(name, regular, bold)
	if err == nil {
		typefaces[k] = t
	}
	return t, err
}

type typefaceKey struct {
	name  string
	reg   *byte
	nreg  int
	bold  *byte
	nbold int
}

var (
	typefacesMu sync.Mutex
	typefaces   = map[typefaceKey]*Typeface{}
)

func newTypeface(name string, regular, bold []byte) (*Typeface, error) {
	lr, lb := faces()
	r, err := parseFace(name, regular, lr)
	if err != nil {
		return nil, fmt.Errorf("canvas: font %q: %w", name, err)
	}
	b := r
	if &bold[0] != &regular[0] {
		if b, err = parseFace(name, bold, lb); err != nil {
			return nil, fmt.Errorf("canvas: font %q (bold): %w", name, err)
		}
	}
	return &Typeface{name: name, generic: fontinfo.Parse(regular).Generic(name), regular: r, bold: b, regularTTF: regular, boldTTF: bold}, nil
}

// Name is the family name, as a backend that names fonts writes it.
func (t *Typeface) Name() string { return t.name }

// Stack is the CSS font-family list for the typeface: its name, then
// widely installed fonts of its kind (serif, sans serif, monospace) and
// the generic family.
func (t *Typeface) Stack() string { return fontinfo.Stack(t.name, t.generic) }

// Files returns the font files the typeface was parsed from, for a
// backend that embeds them (the PDF writer embeds the same subset as the
// body text's).
func (t *Typeface) Files() (regular, bold []byte) { return t.regularTTF, t.boldTTF }

// Stack is the CSS font-family list for f's typeface.
func (f Font) Stack() string {
	if f.Typeface != nil {
		return f.Typeface.Stack()
	}
	return Family + ", Arial, Helvetica, sans-serif"
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
	font *truetype.Font
	name string // the family's name
	// fallback draws the characters font lacks; nil for the default
	// faces.
	fallback *Face
	upem     float64
	lo       [0x3000]float64 // advance in ems of each rune below 0x3000
	blocks   [0x3000 / 256]sync.Once
	mu       sync.Mutex
	adv      map[rune]float64 // advance in ems of other runes
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
	return &Face{font: f, name: Family, upem: float64(f.FUnitsPerEm()), adv: map[rune]float64{}}
}

// parseFace parses a house style's font file, with fallback for the
// characters it lacks.
func parseFace(name string, ttf []byte, fallback *Face) (*Face, error) {
	if len(ttf) == 0 {
		return nil, errors.New("no font file")
	}
	f, err := truetype.Parse(ttf)
	if err != nil {
		return nil, err
	}
	return &Face{font: f, fallback: fallback, name: name, upem: float64(f.FUnitsPerEm()), adv: map[rune]float64{}}, nil
}

// Name is the family's name: Family for the default faces.
func (f *Face) Name() string { return f.name }

func faces() (*Face, *Face) {
	facesOnce.Do(func() {
		regular = loadFace(liberationsansregular.TTF)
		bold = loadFace(liberationsansbold.TTF)
	})
	return regular, bold
}

// TrueType returns the parsed font, for a backend that rasterises glyphs.
func (f *Face) TrueType() *truetype.Font { return f.font }

// For returns the face that draws r: f, or its fallback when f lacks the
// character (a house style's font without ŵ, say).
func (f *Face) For(r rune) *Face {
	if f.fallback != nil && r >= ' ' && f.font.Index(r) == 0 {
		return f.fallback
	}
	return f
}

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
	if g := f.For(r); g != f {
		return g.measure(r)
	}
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
