package pdf

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
)

// The PDF embeds Liberation Sans, metric-compatible with Arial (the usual
// council font), as UTF-8 TrueType; fpdf subsets it to the glyphs used.
// Characters Liberation Sans lacks (✓ in the Schedule 12A tick columns,
// arrows, some symbols) fall back, glyph by glyph, to DejaVu Sans. Each
// font (family and style) is registered, and so embedded, only when a
// document first sets text in it (useFont).
//
// The family keys are chosen so that fpdf's font names ("utf8" + key +
// style) are exactly as long as the subset names PDF readers expect
// ("ABCDEF+LiberationSans" + style), which useFont gives them
// (subsetName).
const (
	mainFamily     = "liberationsans-ps"
	fallbackFamily = "dejavusans-ps"
)

// subsetName is the name the default font family (mainFamily or
// fallbackFamily) is embedded under in style: a six-letter subset tag,
// a plus sign and the PostScript family, so that tools such as pdffonts
// and PDF/A checkers see the fonts as the subsets they are. It is set
// when the font is registered (useFont), in place of fpdf's "utf8" +
// key + style, which it is exactly as long as.
func subsetName(family, style string) string {
	tag := "PAPERD"
	switch style {
	case "BI":
		tag = "PAPERA"
	case "B":
		tag = "PAPERB"
	case "I":
		tag = "PAPERC"
	}
	switch family {
	case mainFamily:
		return tag + "+LiberationSans" + style
	case fallbackFamily:
		return tag + "+DejaVuSans" + style
	}
	return ""
}

// coverage answers "does this font have a glyph for r?" quickly; built
// once per process from the font files.
type coverage struct {
	once sync.Once
	ttf  []byte
	set  map[rune]bool
	// lo is a bitmap for the Basic Multilingual Plane's first 0x3000
	// code points, where almost all text lies.
	lo [0x3000 / 64]uint64
}

func (c *coverage) has(r rune) bool {
	c.once.Do(c.load)
	if r < 0x3000 {
		return c.lo[r/64]&(1<<(uint(r)%64)) != 0
	}
	return c.set[r]
}

func (c *coverage) load() {
	c.set = map[rune]bool{}
	f, err := sfnt.Parse(c.ttf)
	if err != nil {
		return
	}
	var buf sfnt.Buffer
	for r := rune(0x20); r < 0x3000; r++ {
		if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
			c.lo[r/64] |= 1 << (uint(r) % 64)
		}
	}
	// Beyond the table: the ranges of symbols and punctuation papers use.
	for _, rg := range [][2]rune{{0xFB00, 0xFB06}, {0xFE30, 0xFE4F}, {0x1F300, 0x1F6FF}} {
		for r := rg[0]; r <= rg[1]; r++ {
			if i, err := f.GlyphIndex(&buf, r); err == nil && i != 0 {
				c.set[r] = true
			}
		}
	}
}

var (
	mainCoverage     = &coverage{ttf: liberationsansregular.TTF}
	fallbackCoverage = &coverage{ttf: dejavusans.TTF}
)

// fontFor returns the family that draws r: the main font when it has the
// glyph, else the fallback when it has it, else the main font (which draws
// its "missing glyph" box; never a crash).
func fontFor(r rune) string {
	if r < 0x80 || mainCoverage.has(r) {
		return mainFamily
	}
	if fallbackCoverage.has(r) {
		return fallbackFamily
	}
	return mainFamily
}

// fontFiles are the font files by family and style.
var fontFiles = map[string][]byte{
	mainFamily:           liberationsansregular.TTF,
	mainFamily + "B":     liberationsansbold.TTF,
	mainFamily + "I":     liberationsansitalic.TTF,
	mainFamily + "BI":    liberationsansbolditalic.TTF,
	fallbackFamily:       dejavusans.TTF,
	fallbackFamily + "B": dejavusansbold.TTF,
}

// useFont registers a font with the document the first time it is set:
// fpdf embeds every registered font, used or not, and subsetting and
// compressing a font is much of the time it takes to write a document.
func (w *writer) useFont(family, style string) {
	key := family + style
	if w.fonts[key] {
		return
	}
	if w.fonts == nil {
		w.fonts = map[string]bool{}
	}
	if sf := styleFontByKey(family); sf != nil {
		w.addStyleFont(sf, family, style)
	} else {
		addFont(w.f, family, style, fontFiles[key])
		w.f.SetUTF8FontBaseName(family, style, subsetName(family, style))
	}
	w.fonts[key] = true
}

// clean prepares text for fpdf: invalid UTF-8 becomes U+FFFD, control
// characters are dropped (tabs and newlines become spaces), and
// characters outside the Basic Multilingual Plane, which fpdf's TrueType
// embedding cannot address (emoji, say), become U+FFFD so the reader sees
// something was there.
func clean(s string) string {
	// Bytes that are not UTF-8 (a Latin-1 file read as UTF-8, say) become
	// U+FFFD: fpdf's UTF-16 conversion of titles panics on them.
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	ok := true
	for _, r := range s {
		if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r > 0xFFFF || r == 0xFFFE {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	out := make([]rune, 0, len(s))
	for _, r := range s {
		switch {
		case r == '\t' || r == '\n' || r == '\r':
			out = append(out, ' ')
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) || r == 0xFFFE:
		case r > 0xFFFF:
			out = append(out, unicode.ReplacementChar)
		default:
			out = append(out, r)
		}
	}
	return string(out)
}
