package pack

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"sync"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/paperhq/paper/third_party/fpdf"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// The pack draws its own furniture over every page: "Page N" with the
// page's number in the pack, and in the exempt pack the NOT FOR
// PUBLICATION stamp. It draws in Liberation Sans, the papers' own font,
// embedded as a subset of printable Latin-1 (ASCII and the accented
// letters, £ and the like, which form field values need): the font objects come from a
// one-page PDF that fpdf writes once per process, and are copied into
// each pack like any other page resource.

// Resource names of the furniture fonts on a page; unusual enough never to
// clash with a source's own font names.
const (
	regularFont = "PaperPackR"
	boldFont    = "PaperPackB"
)

// furnitureFonts is the font source: its parsed PDF, the object numbers of
// the two font dictionaries, and glyph widths (per 1000 em) for
// measuring text.
type furnitureFonts struct {
	ctx     *model.Context
	regular int
	bold    int
	widths  [2][256]int
	// names maps fpdf's font names to proper subset names.
	names map[string]string
}

var (
	fontsOnce sync.Once
	fonts     *furnitureFonts
	fontsErr  error
)

// loadFonts returns the furniture fonts, built on first use.
func loadFonts() (*furnitureFonts, error) {
	fontsOnce.Do(func() { fonts, fontsErr = buildFonts() })
	return fonts, fontsErr
}

func buildFonts() (*furnitureFonts, error) {
	f := fpdf.New("P", "pt", "A4", "")
	f.SetCompression(true)
	f.AddUTF8FontFromBytes("packf", "", liberationsansregular.TTF)
	f.AddUTF8FontFromBytes("packf", "B", liberationsansbold.TTF)
	var latin1 strings.Builder
	for c := 32; c < 256; c++ {
		if printable(rune(c)) {
			latin1.WriteRune(rune(c))
		}
	}
	ff := &furnitureFonts{names: map[string]string{}}
	f.AddPage()
	for i, style := range []string{"", "B"} {
		f.SetFont("packf", style, 10)
		f.Text(20, float64(40+20*i), latin1.String())
		for c := 32; c < 256; c++ {
			if printable(rune(c)) {
				ff.widths[i][c] = f.GetStringSymbolWidth(string(rune(c)))
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		return nil, fmt.Errorf("furniture fonts: %w", err)
	}
	ctx, err := pdfcpu.Read(bytes.NewReader(buf.Bytes()), config())
	if err != nil {
		return nil, fmt.Errorf("furniture fonts: %w", err)
	}
	ff.ctx = ctx
	ps, _, err := pages(ctx)
	if err != nil || len(ps) != 1 {
		return nil, fmt.Errorf("furniture fonts: no page")
	}
	res, err := ctx.DereferenceDict(ps[0].resources)
	if err != nil || res == nil {
		return nil, fmt.Errorf("furniture fonts: no resources")
	}
	fd, err := ctx.DereferenceDict(res["Font"])
	if err != nil || fd == nil {
		return nil, fmt.Errorf("furniture fonts: no fonts")
	}
	for _, v := range fd {
		ir, ok := v.(types.IndirectRef)
		if !ok {
			continue
		}
		d, err := ctx.DereferenceDict(ir)
		if err != nil || d == nil {
			continue
		}
		name := d.NameEntry("BaseFont")
		switch {
		case name == nil:
		case strings.HasSuffix(*name, "B"):
			ff.bold = ir.ObjectNumber.Value()
			ff.names[*name] = "PAPRFB+LiberationSans-Bold"
		default:
			ff.regular = ir.ObjectNumber.Value()
			ff.names[*name] = "PAPRFR+LiberationSans"
		}
	}
	if ff.regular == 0 || ff.bold == 0 {
		return nil, fmt.Errorf("furniture fonts: fonts not found")
	}
	return ff, nil
}

// printable reports whether the furniture fonts hold r: printable
// Latin-1.
func printable(r rune) bool { return r >= 32 && r < 127 || r >= 160 && r < 256 }

// width is the width of s in points at size, in the regular (bold=false)
// or bold font. Characters the fonts do not hold count as "?", as
// hexText prints them.
func (ff *furnitureFonts) width(s string, bold bool, size float64) float64 {
	i := 0
	if bold {
		i = 1
	}
	w := 0
	for _, r := range s {
		if !printable(r) {
			r = '?'
		}
		w += ff.widths[i][r]
	}
	return float64(w) * size / 1000
}

// line is one line of furniture text, placed in the page's visible frame
// (origin bottom left, after the page's rotation).
type line struct {
	text  string
	bold  bool
	size  float64
	red   bool
	x, y  float64 // x is the right edge when right, else the centre
	right bool
}

// frame is the page's visible area and how it maps to user space.
type frame struct {
	w, h float64
	cm   [6]float64
}

// newFrame returns the visible frame of a page whose displayed box is
// box and which is rotated by rotate degrees clockwise.
func newFrame(box [4]float64, rotate int) frame {
	x0, y0, x1, y1 := box[0], box[1], box[2], box[3]
	w, h := x1-x0, y1-y0
	switch ((rotate % 360) + 360) % 360 {
	case 90:
		return frame{h, w, [6]float64{0, 1, -1, 0, x1, y0}}
	case 180:
		return frame{w, h, [6]float64{-1, 0, 0, -1, x1, y1}}
	case 270:
		return frame{h, w, [6]float64{0, -1, 1, 0, x0, y1}}
	}
	return frame{w, h, [6]float64{1, 0, 0, 1, x0, y0}}
}

// overlay is the content stream drawing the furniture lines, run after
// the page's own content (which the pack wraps in q ... Q so that nothing
// it leaves in the graphics state affects the furniture).
func (ff *furnitureFonts) overlay(fr frame, lines []line) []byte {
	var b bytes.Buffer
	b.WriteString("Q\nq\n")
	fmt.Fprintf(&b, "%s %s %s %s %s %s cm\n", num(fr.cm[0]), num(fr.cm[1]), num(fr.cm[2]), num(fr.cm[3]), num(fr.cm[4]), num(fr.cm[5]))
	for _, l := range lines {
		font := regularFont
		if l.bold {
			font = boldFont
		}
		size := l.size
		// Shrink a line that would not fit the page, keeping margins.
		if w := ff.width(l.text, l.bold, size); w > fr.w*0.9 {
			size *= fr.w * 0.9 / w
		}
		w := ff.width(l.text, l.bold, size)
		x := l.x - w/2
		if l.right {
			x = l.x - w
		}
		colour := "0 0 0 rg"
		if l.red {
			colour = "0.667 0 0 rg"
		}
		fmt.Fprintf(&b, "BT /%s %s Tf %s %s %s Td %s Tj ET\n", font, num(size), colour, num(x), num(l.y), hexText(l.text))
	}
	b.WriteString("Q\n")
	return b.Bytes()
}

// hexText encodes s for the furniture fonts, whose character codes are
// UTF-16 code units (fpdf's Identity-H encoding of its UTF-8 fonts);
// characters the fonts do not hold become "?".
func hexText(s string) string {
	var b strings.Builder
	b.WriteByte('<')
	for _, r := range s {
		if !printable(r) {
			r = '?'
		}
		fmt.Fprintf(&b, "%04X", r)
	}
	b.WriteByte('>')
	return b.String()
}

// num formats a number for a content stream: at most three decimals.
func num(f float64) string {
	s := strconv.FormatFloat(f, 'f', 3, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	if s == "" || s == "-0" {
		return "0"
	}
	return s
}
