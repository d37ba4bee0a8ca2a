package tablelayout

import (
	"strings"
	"sync"

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
// points, read once.
type face struct {
	once sync.Once
	ttf  []byte
	lo   []float32
}

func (f *face) advance(r rune) float64 {
	f.once.Do(f.load)
	if r >= 0 && int(r) < len(f.lo) {
		return float64(f.lo[r])
	}
	return 0.6
}

func (f *face) load() {
	f.lo = make([]float32, 0x3000)
	for i := range f.lo {
		f.lo[i] = 0.6
	}
	font, err := sfnt.Parse(f.ttf)
	if err != nil {
		return
	}
	upem := fixed.Int26_6(font.UnitsPerEm())
	var buf sfnt.Buffer
	for r := range f.lo {
		i, err := font.GlyphIndex(&buf, rune(r))
		if err != nil || i == 0 {
			continue
		}
		adv, err := font.GlyphAdvance(&buf, i, upem*64, 0)
		if err != nil {
			continue
		}
		f.lo[r] = float32(float64(adv) / 64 / float64(upem))
	}
}
