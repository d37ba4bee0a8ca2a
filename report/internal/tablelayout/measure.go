package tablelayout

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/paperhq/paper/report/doc"
)

// Measure returns the width of text in points at size points.
type Measure func(text string, bold, italic bool, size float64) float64

// LongestWord returns the width, in points at size points, of the widest
// piece of runs a line never breaks: a word (text between spaces or line
// breaks, across runs), or in a link or web address the longest stretch
// up to and including a slash, hyphen or the like, where a long address
// may break. bold sets every run bold (a header cell).
func LongestWord(runs []doc.Inline, bold bool, size float64, measure Measure) float64 {
	type piece struct {
		text         string
		bold, italic bool
	}
	var word []piece
	address := false
	widest := 0.0
	flush := func() {
		w := 0.0
		for _, p := range word {
			if !address {
				w += measure(p.text, p.bold, p.italic, size)
				continue
			}
			for _, r := range p.text {
				w += measure(string(r), p.bold, p.italic, size)
				if strings.ContainsRune(AddressBreaks, r) {
					widest = max(widest, w)
					w = 0
				}
			}
		}
		widest = max(widest, w)
		word, address = word[:0], false
	}
	add := func(in doc.Inline, text string) {
		if text == "" {
			return
		}
		word = append(word, piece{text, bold || in.Bold, in.Italic})
		if in.Link != "" || strings.Contains(text, "://") || strings.HasPrefix(text, "www.") {
			address = true
		}
	}
	for _, in := range runs {
		if in.Break {
			flush()
			continue
		}
		text := in.Text
		for {
			i := strings.IndexByte(text, ' ')
			if i < 0 {
				add(in, text)
				break
			}
			add(in, text[:i])
			flush()
			text = text[i+1:]
		}
	}
	flush()
	return widest
}

// AddressBreaks are the characters after which a web address too long for
// its line may break.
const AddressBreaks = "/-?&=_.#"

// Arial measures text in Liberation Sans, which has Arial's metrics: the
// font the DOCX names by default. A character Liberation Sans lacks counts
// as 0.6 em.
func Arial(text string, bold, italic bool, size float64) float64 {
	f := faces[0]
	switch {
	case bold && italic:
		f = faces[3]
	case bold:
		f = faces[1]
	case italic:
		f = faces[2]
	}
	em := 0.0
	for _, r := range text {
		em += f.advance(r)
	}
	return em * size
}

var faces = [4]*face{
	{ttf: liberationsansregular.TTF},
	{ttf: liberationsansbold.TTF},
	{ttf: liberationsansitalic.TTF},
	{ttf: liberationsansbolditalic.TTF},
}

// face holds a font's advance widths in em for the first 0x3000 code
// points, each looked up in the font the first time it is measured: a
// paper's tables use a hundred or so characters, and reading all 12,288
// from the character map and metrics up front cost a build about a
// millisecond of CPU per face.
type face struct {
	ttf []byte

	once sync.Once
	font *sfnt.Font // nil when ttf does not parse
	upem fixed.Int26_6

	// lo[r] is 0 while r has not been looked up, else the bits of its
	// advance (a float32) plus one. Loads and stores are atomic, so that
	// documents laid out at once share the table.
	lo [0x3000]atomic.Uint32

	mu  sync.Mutex // guards buf, for lookups
	buf sfnt.Buffer
}

// missing is the advance, in em, of a character the font lacks.
const missing = 0.6

func (f *face) advance(r rune) float64 {
	if r < 0 || int(r) >= len(f.lo) {
		return missing
	}
	if v := f.lo[r].Load(); v != 0 {
		return float64(math.Float32frombits(v - 1))
	}
	em := float32(f.lookup(r))
	f.lo[r].Store(math.Float32bits(em) + 1)
	return float64(em)
}

// lookup reads r's advance from the font: missing when the font lacks r
// or cannot be read.
func (f *face) lookup(r rune) float64 {
	f.once.Do(func() {
		if font, err := sfnt.Parse(f.ttf); err == nil {
			f.font, f.upem = font, fixed.Int26_6(font.UnitsPerEm())
		}
	})
	if f.font == nil {
		return missing
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	i, err := f.font.GlyphIndex(&f.buf, r)
	if err != nil || i == 0 {
		return missing
	}
	adv, err := f.font.GlyphAdvance(&f.buf, i, f.upem*64, 0)
	if err != nil {
		return missing
	}
	return float64(adv) / 64 / float64(f.upem)
}
