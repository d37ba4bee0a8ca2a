package pdf

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"

	"github.com/paperhq/paper/third_party/fpdf"
)

// Overlays: text drawn over pages that were laid out elsewhere, as the
// agenda pack draws its page numbers, NOT FOR PUBLICATION stamps and
// form-field values over the pages it merges. The writer of those pages
// is not this package, so an overlay is content stream bytes to append
// to a page plus the fonts it names: Liberation Sans, the papers' own
// font, regular and bold, embedded as a subset of printable Latin-1
// (ASCII and the accented letters, £ and the like, which form field
// values need). The fonts come as a one-page tagged PDF written once per
// process; the caller copies its two font objects into its output under
// the resource names OverlayRegular and OverlayBold. Its ToUnicode maps
// list only the characters the subset holds (PDF/UA forbids a map to
// U+0000).

// Resource names of the overlay fonts on a page: unusual enough never to
// clash with a merged page's own font names.
const (
	OverlayRegular = "PaperPackR"
	OverlayBold    = "PaperPackB"
)

// OverlayFonts are the overlay's fonts and their glyph widths.
type OverlayFonts struct {
	// PDF holds one page showing every printable Latin-1 character in
	// both fonts; the bold font's /BaseFont ends in "B". The caller gives
	// them subset names of its own as it copies them.
	PDF    []byte
	widths [2][256]int // per 1000 em
}

// LoadOverlayFonts returns the overlay fonts, made on first use.
func LoadOverlayFonts() (*OverlayFonts, error) { return overlayFonts() }

var overlayFonts = sync.OnceValues(makeOverlayFonts)

func makeOverlayFonts() (*OverlayFonts, error) {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(true)
	f.SetTagged(true)
	f.SetCatalogSort(true)
	f.SetTitle("paper overlay fonts", true)
	f.SetLang("en-GB")
	f.AddUTF8FontFromBytes("packf", "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes("packf", "B", liberationsansbold.TTF)
	var latin1 strings.Builder
	for c := 32; c < 256; c++ {
		if OverlayPrintable(rune(c)) {
			latin1.WriteRune(rune(c))
		}
	}
	o := &OverlayFonts{}
	f.AddPage()
	for i, style := range []string{"", "B"} {
		f.SetFont("packf", style, 10)
		f.Text(20, float64(40+20*i), latin1.String())
		for c := 32; c < 256; c++ {
			if OverlayPrintable(rune(c)) {
				o.widths[i][c] = f.GetStringSymbolWidth(string(rune(c)))
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("overlay fonts: %w", err)
	}
	o.PDF = buf.Bytes()
	return o, nil
}

// OverlayPrintable reports whether the overlay fonts hold r: printable
// Latin-1.
func OverlayPrintable(r rune) bool { return r >= 32 && r < 127 || r >= 160 && r < 256 }

// Width is the width of s in points at size, in the regular or bold
// font. Characters the fonts do not hold count as "?", as OverlayString
// shows them.
func (o *OverlayFonts) Width(s string, bold bool, size float64) float64 {
	i := 0
	if bold {
		i = 1
	}
	w := 0
	for _, r := range s {
		if !OverlayPrintable(r) {
			r = '?'
		}
		w += o.widths[i][r]
	}
	return float64(w) * size / 1000
}

// OverlayString encodes s for showing in an overlay font (a hex string
// of the UTF-16 code units fpdf's Identity-H encoding uses); characters
// the fonts do not hold become "?".
func OverlayString(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		if !OverlayPrintable(r) {
			r = '?'
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}

// OverlayLine is one line of overlay text, in the page's visible frame
// (origin bottom left, points).
type OverlayLine struct {
	Text  string
	Bold  bool
	Size  float64
	Red   bool
	X, Y  float64 // X is the right edge when Right, else the centre
	Right bool
}

// OverlayGroup is lines drawn as one marked-content sequence: real
// content of a structure element (Tag, with the page's MCID) when Tag is
// set, else an artifact of type Pagination with Subtype (Header,
// Footer).
type OverlayGroup struct {
	Lines   []OverlayLine
	Tag     string
	MCID    int
	Subtype string
}

// Overlay returns the content drawing groups on a page whose visible
// frame is width points wide and maps to user space by cm. It starts
// with Q, to close the q the caller opened before the page's own
// content, so that nothing that content left in the graphics state
// affects the overlay. A line too wide for the page shrinks to fit,
// keeping margins.
func (o *OverlayFonts) Overlay(cm [6]float64, width float64, groups []OverlayGroup) []byte {
	var b bytes.Buffer
	b.WriteString("Q\nq\n")
	fmt.Fprintf(&b, "%s %s %s %s %s %s cm\n", ContentNumber(cm[0]), ContentNumber(cm[1]), ContentNumber(cm[2]), ContentNumber(cm[3]), ContentNumber(cm[4]), ContentNumber(cm[5]))
	for _, g := range groups {
		if len(g.Lines) == 0 {
			continue
		}
		if g.Tag != "" {
			fmt.Fprintf(&b, "/%s <</MCID %d>> BDC\n", g.Tag, g.MCID)
		} else if g.Subtype != "" {
			fmt.Fprintf(&b, "/Artifact <</Type /Pagination /Subtype /%s>> BDC\n", g.Subtype)
		} else {
			b.WriteString("/Artifact <</Type /Pagination>> BDC\n")
		}
		for _, l := range g.Lines {
			font := OverlayRegular
			if l.Bold {
				font = OverlayBold
			}
			size := l.Size
			if w := o.Width(l.Text, l.Bold, size); w > width*0.9 {
				size *= width * 0.9 / w
			}
			w := o.Width(l.Text, l.Bold, size)
			x := l.X - w/2
			if l.Right {
				x = l.X - w
			}
			colour := "0 0 0 rg"
			if l.Red {
				colour = "0.667 0 0 rg"
			}
			fmt.Fprintf(&b, "BT /%s %s Tf %s %s %s Td %s Tj ET\n", font, ContentNumber(size), colour, ContentNumber(x), ContentNumber(l.Y), OverlayString(l.Text))
		}
		b.WriteString("EMC\n")
	}
	b.WriteString("Q\n")
	return b.Bytes()
}

// ContentNumber formats a number for a content stream: at most three
// decimals, no trailing zeros, never "-0".
func ContentNumber(f float64) string {
	s := strconv.FormatFloat(f, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" || s == "-0" {
		return "0"
	}
	return s
}
