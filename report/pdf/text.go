package pdf

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/tablelayout"
)

// ptToMM converts points to millimetres.
const ptToMM = 25.4 / 72

// metrics holds one font's advance widths, in em units, read from its
// hmtx table. Measuring with our own table (rather than fpdf's
// GetStringWidth) has no side effect on the page being drawn.
//
// Runes below 0x3000, where almost all text lies, are looked up in a
// table filled 256 runes at a time as text first needs them: a paper uses
// a few blocks of the 48, and a short command should not pay for reading
// twelve thousand advances per font.
type metrics struct {
	once   sync.Once
	ttf    []byte
	upem   float64
	lo     [0x3000]float32 // advance per rune below 0x3000, in em
	blocks [0x3000 / 256]sync.Once
	font   *sfnt.Font
	mu     sync.Mutex
	other  map[rune]float32
}

func (m *metrics) load() {
	m.other = map[rune]float32{}
	m.upem = 1000
	if f, err := sfnt.Parse(m.ttf); err == nil {
		m.font = f
		m.upem = float64(f.UnitsPerEm())
	}
}

// loadBlock fills the table for the 256 runes from b×256.
func (m *metrics) loadBlock(b rune) {
	var buf sfnt.Buffer
	for r := b * 256; r < (b+1)*256; r++ {
		m.lo[r] = m.advance(&buf, r)
	}
}

func (m *metrics) advance(buf *sfnt.Buffer, r rune) float32 {
	if m.font == nil {
		return 0.5
	}
	i, err := m.font.GlyphIndex(buf, r)
	if err != nil {
		return 0.5
	}
	adv, err := m.font.GlyphAdvance(buf, i, fixed.Int26_6(m.upem*64), 0)
	if err != nil {
		return 0.5
	}
	return float32(float64(adv) / 64 / m.upem)
}

// width returns the advance of r in em.
func (m *metrics) width(r rune) float64 {
	m.once.Do(m.load)
	if r >= 0 && r < 0x3000 {
		b := r / 256
		m.blocks[b].Do(func() { m.loadBlock(b) })
		return float64(m.lo[r])
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if w, ok := m.other[r]; ok {
		return float64(w)
	}
	var buf sfnt.Buffer
	w := m.advance(&buf, r)
	if m.other != nil {
		m.other[r] = w
	}
	return float64(w)
}

var fontMetrics = map[string]*metrics{
	mainFamily:           {ttf: liberationsansregular.TTF},
	mainFamily + "B":     {ttf: liberationsansbold.TTF},
	mainFamily + "I":     {ttf: liberationsansitalic.TTF},
	mainFamily + "BI":    {ttf: liberationsansbolditalic.TTF},
	fallbackFamily:       {ttf: dejavusans.TTF},
	fallbackFamily + "B": {ttf: dejavusansbold.TTF},
}

// fallbackStyle maps a style to the fallback font's: it has no italics.
func fallbackStyle(style string) string {
	if strings.Contains(style, "B") {
		return "B"
	}
	return ""
}

// textWidth measures s in mm at size points in face fc and style, using
// the fallback's widths for characters the face's font lacks.
func textWidth(fc *face, s, style string, size float64) float64 {
	var em float64
	for _, r := range s {
		em += metricsOf(fc.familyFor(r, style)).width(r)
	}
	return em * size * ptToMM
}

// span is a piece of text in one font, the unit drawn with one Text call.
type span struct {
	text   string
	family string
	style  string // "", "B", "I", "BI"
	size   float64
	link   string
	w      float64 // width in mm
}

// textStyle is how a run of text is set.
type textStyle struct {
	style string
	size  float64
	link  string
	face  *face // nil: Liberation Sans
}

func styleOf(in doc.Inline, base string) string {
	bold := in.Bold || strings.Contains(base, "B")
	italic := in.Italic || strings.Contains(base, "I")
	switch {
	case bold && italic:
		return "BI"
	case bold:
		return "B"
	case italic:
		return "I"
	}
	return ""
}

// spans splits text into spans by font family, measuring each.
func spans(text string, ts textStyle) []span {
	return appendSpans(nil, text, ts)
}

// appendSpans appends the spans of text to out, as spans splits it.
func appendSpans(out []span, text string, ts textStyle) []span {
	start := 0
	cur := ""
	for i, r := range text {
		fam := mainFamily
		if ts.face != nil {
			fam, _ = ts.face.familyFor(r, ts.style)
		} else if r >= 0x80 {
			fam = fontFor(r)
		}
		if i == 0 {
			cur = fam
			continue
		}
		if fam != cur {
			out = append(out, makeSpan(text[start:i], cur, ts))
			start, cur = i, fam
		}
	}
	if start < len(text) {
		out = append(out, makeSpan(text[start:], cur, ts))
	}
	return out
}

func makeSpan(text, family string, ts textStyle) span {
	style := ts.style
	switch {
	case family == fallbackFamily:
		style = fallbackStyle(style)
	case family != mainFamily:
		style = "" // a house style's font: one file per style
	}
	var em float64
	m := metricsOf(family, style)
	for _, r := range text {
		em += m.width(r)
	}
	return span{text: text, family: family, style: style, size: ts.size, link: ts.link, w: em * ts.size * ptToMM}
}

// line is one laid-out line of text.
type line struct {
	spans []span
	w     float64
	// trail holds the spaces the line broke at, not counted in w: drawn
	// after the line (invisible), they keep the words of consecutive
	// lines apart in the text a screen reader or a copy reads.
	trail []span
}

// word is a unit of line breaking: a word and the spaces after it.
type word struct {
	spans  []span
	w      float64 // without trailing spaces
	spaceW float64 // the trailing spaces
	brk    bool    // a forced line break
}

// words splits runs into breakable words. The words' spans share one
// backing array (each word's slice is capped at its end, so appending to
// one copies): a paragraph costs a few allocations, not two a word.
func words(fc *face, runs []doc.Inline, baseStyle string, size float64) []word {
	return wordsInto(nil, fc, runs, baseStyle, size)
}

// wordScratch is room for words that a caller reads and lets go of
// before it splits more text into words (wrap, which copies the spans it
// keeps, and longestWord): the words of every paragraph and cell of a
// paper are made in it, and its slices are kept for the next, where
// words alone made them afresh for each (about 0.5 MB a paper).
type wordScratch struct {
	out    []word
	all    []span
	counts []int
}

var wordScratches = sync.Pool{New: func() any { return new(wordScratch) }}

// wordsInto is words, making the words in sc, if not nil: they are then
// valid until sc is used again.
func wordsInto(sc *wordScratch, fc *face, runs []doc.Inline, baseStyle string, size float64) []word {
	// all holds every word's spans in order; counts holds how many are
	// each word's, so the slices are cut once all has stopped growing.
	// Each space ends a word: room for the words a count of them gives,
	// and for a span of text and one of spaces in each, is made at once.
	n := 0
	for _, in := range runs {
		n += strings.Count(in.Text, " ") + 1
	}
	var out []word
	var all []span
	var counts []int
	if sc != nil {
		out = slices.Grow(sc.out[:0], n)
		all = slices.Grow(sc.all[:0], 2*n)
		counts = slices.Grow(sc.counts[:0], n)
		defer func() { sc.out, sc.all, sc.counts = out[:0], all[:0], counts[:0] }()
	} else {
		out = make([]word, 0, n)
		all = make([]span, 0, 2*n)
		counts = make([]int, 0, n)
	}
	var cur word
	start := 0
	flush := func() {
		if len(all) > start {
			out = append(out, cur)
			counts = append(counts, len(all)-start)
		}
		cur = word{}
		start = len(all)
	}
	for _, in := range runs {
		if in.Break {
			flush()
			out = append(out, word{brk: true})
			counts = append(counts, 0)
			continue
		}
		ts := textStyle{style: styleOf(in, baseStyle), size: size, link: in.Link, face: fc}
		space, _ := fc.familyFor(' ', ts.style)
		text := clean(in.Text)
		for len(text) > 0 {
			// Take the next word characters, then the next spaces.
			i := strings.IndexByte(text, ' ')
			if i < 0 {
				i = len(text)
			}
			if i > 0 {
				n := len(all)
				all = appendSpans(all, text[:i], ts)
				for _, s := range all[n:] {
					cur.w += cur.spaceW + s.w
					cur.spaceW = 0
				}
				text = text[i:]
			}
			j := 0
			for j < len(text) && text[j] == ' ' {
				j++
			}
			if j > 0 {
				sp := makeSpan(text[:j], space, ts)
				all = append(all, sp)
				cur.spaceW += sp.w
				text = text[j:]
				flush()
			}
		}
	}
	flush()
	if len(out) == 0 {
		return nil
	}
	pos := 0
	for i, n := range counts {
		if n > 0 {
			out[i].spans = all[pos : pos+n : pos+n]
			pos += n
		}
	}
	return out
}

// wrap breaks runs into lines no wider than width mm. The lines' spans
// share one backing array, as the words' do; the words are made in a
// pooled wordScratch, which none of the lines refers to.
func wrap(fc *face, runs []doc.Inline, baseStyle string, size, width float64) []line {
	sc := wordScratches.Get().(*wordScratch)
	defer wordScratches.Put(sc)
	ws := wordsInto(sc, fc, runs, baseStyle, size)
	var lines []line
	// buf holds every line's spans and trailing spaces in order; the
	// current line's are buf[lineStart:]. It has room for every word's
	// spans, each of which goes into a line or a trail once (a word
	// broken between characters may need more).
	n := 0
	for _, wd := range ws {
		n += len(wd.spans)
	}
	buf := make([]span, 0, n)
	lineStart := 0
	var cur line
	pendingSpace := 0.0
	var pending []span
	endLine := func() {
		if n := len(buf); n > lineStart {
			cur.spans = buf[lineStart:n:n]
		}
		lineStart = len(buf)
	}
	newLine := func() {
		endLine()
		if len(pending) > 0 {
			// Copied out of the scratch words, after the line's spans.
			buf = append(buf, pending...)
			cur.trail = buf[lineStart:len(buf):len(buf)]
			lineStart = len(buf)
		}
		lines = append(lines, cur)
		cur = line{}
		pending, pendingSpace = nil, 0
	}
	for _, wd := range ws {
		if wd.brk {
			newLine()
			continue
		}
		if len(buf) > lineStart && cur.w+pendingSpace+wd.w > width+1e-6 {
			newLine()
		}
		if len(buf) == lineStart && wd.w > width+1e-6 {
			// A word longer than the line: break it between characters.
			for _, piece := range splitLong(wd, width) {
				if len(buf) > lineStart {
					newLine()
				}
				buf = append(buf, piece.spans...)
				cur.w = piece.w
			}
			pending, pendingSpace = trailingSpaces(wd)
			continue
		}
		buf = append(buf, pending...)
		cur.w += pendingSpace
		body, spaces := splitTrailing(wd)
		buf = append(buf, body...)
		cur.w += wd.w
		pending, pendingSpace = spaces, wd.spaceW
	}
	endLine()
	if len(cur.spans) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	// A trailing forced break leaves an empty last line: keep it only if
	// it is the sole line.
	return lines
}

// wrapKey identifies one wrapping of runs: the very slice (the tree is
// not changed while it is written), its face, style, size and width.
type wrapKey struct {
	runs        *doc.Inline
	n           int
	fc          *face
	style       string
	size, width float64
}

// wrapped is a remembered wrapping. It holds the runs so that their
// memory, whose address is in the key, cannot be reused by other runs
// while the entry exists.
type wrapped struct {
	runs  []doc.Inline
	lines []line
}

// measure wraps runs as wrap does and remembers the lines, for the text
// that is measured before it is drawn: the first block of a numbered
// paragraph or list item (ensure), a table's rows (its lead on a page,
// then each row, and header rows again on every page). The lines are
// read, never changed, by whoever draws them.
func (w *writer) measure(fc *face, runs []doc.Inline, style string, size, width float64) []line {
	if len(runs) == 0 {
		return wrap(fc, runs, style, size, width)
	}
	k := wrapKey{runs: &runs[0], n: len(runs), fc: fc, style: style, size: size, width: width}
	if e, ok := w.wraps[k]; ok {
		return e.lines
	}
	lines := wrap(fc, runs, style, size, width)
	if w.wraps == nil {
		w.wraps = map[wrapKey]wrapped{}
	}
	w.wraps[k] = wrapped{runs: runs, lines: lines}
	return lines
}

// lines wraps runs as wrap does, taking the lines measure remembered if
// it did, without remembering them otherwise.
func (w *writer) lines(fc *face, runs []doc.Inline, style string, size, width float64) []line {
	if len(runs) > 0 {
		k := wrapKey{runs: &runs[0], n: len(runs), fc: fc, style: style, size: size, width: width}
		if e, ok := w.wraps[k]; ok {
			return e.lines
		}
	}
	return wrap(fc, runs, style, size, width)
}

// splitTrailing separates a word's trailing space spans from its body.
func splitTrailing(wd word) (body, spaces []span) {
	n := len(wd.spans)
	for n > 0 && strings.TrimLeft(wd.spans[n-1].text, " ") == "" {
		n--
	}
	return wd.spans[:n], wd.spans[n:]
}

func trailingSpaces(wd word) ([]span, float64) {
	_, sp := splitTrailing(wd)
	return sp, wd.spaceW
}

// longestWord is the width of the widest piece of runs that wrap keeps on
// one line whatever the width: a word, or in a web address the longest
// stretch between the places wrap breaks it (see splitLong).
func longestWord(fc *face, runs []doc.Inline, baseStyle string, size float64) float64 {
	m := 0.0
	sc := wordScratches.Get().(*wordScratch)
	defer wordScratches.Put(sc)
	for _, wd := range wordsInto(sc, fc, runs, baseStyle, size) {
		if wd.brk {
			continue
		}
		if !isAddress(wd) {
			m = max(m, wd.w)
			continue
		}
		body, _ := splitTrailing(wd)
		piece := 0.0
		for _, s := range body {
			ts := textStyle{style: s.style, size: s.size}
			for _, r := range s.text {
				piece += makeSpan(string(r), s.family, ts).w
				if strings.ContainsRune(addressBreaks, r) {
					m = max(m, piece)
					piece = 0
				}
			}
		}
		m = max(m, piece)
	}
	return m
}

// addressBreaks are the characters a web address breaks after.
const addressBreaks = tablelayout.AddressBreaks

// isAddress reports whether a word is a web or mail address, which wrap
// breaks after slashes and the like when it is too long for its line.
func isAddress(wd word) bool {
	for _, s := range wd.spans {
		if s.link != "" || strings.Contains(s.text, "://") || strings.HasPrefix(s.text, "www.") {
			return true
		}
	}
	return false
}

// splitLong breaks an over-long word into pieces that fit width.
func splitLong(wd word, width float64) []line {
	var out []line
	var cur line
	body, _ := splitTrailing(wd)
	for _, s := range body {
		rest := s.text
		for rest != "" {
			// Take as many characters as fit.
			take, w := 0, 0.0
			for i, r := range rest {
				rw := makeSpan(string(r), s.family, textStyle{style: s.style, size: s.size, link: s.link}).w
				if cur.w+w+rw > width && (cur.w > 0 || i > 0) {
					break
				}
				take = i + utf8.RuneLen(r)
				w += rw
			}
			if take == 0 {
				out = append(out, cur)
				cur = line{}
				continue
			}
			if take < len(rest) {
				// Break a web address after a slash, hyphen or the like
				// rather than mid-word, when one is in this piece.
				if k := strings.LastIndexAny(rest[:take], addressBreaks); k > 0 && k+1 < take {
					take = k + 1
					w = makeSpan(rest[:take], s.family, textStyle{style: s.style, size: s.size, link: s.link}).w
				}
			}
			piece := s
			piece.text, piece.w = rest[:take], w
			cur.spans = append(cur.spans, piece)
			cur.w += w
			rest = rest[take:]
			if rest != "" {
				out = append(out, cur)
				cur = line{}
			}
		}
	}
	if len(cur.spans) > 0 {
		out = append(out, cur)
	}
	return out
}
