package pdf

import (
	"crypto/sha256"
	hexenc "encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/image/font/sfnt"

	"github.com/paperhq/paper/report/doc"
)

// A house style's fonts (doc.Style.BodyFont, HeadingFont) are embedded as
// the default font is, subset to the glyphs used, but each file under its
// own name: the subset tag, a plus sign and the PostScript name from the
// font's name table ("PQRSTU+LiberationSerif-Bold"), which fpdf's fork
// writes directly (SetUTF8FontBaseName).
//
// Every font file is its own fpdf family (style ""), keyed by a hash of
// its bytes: the body and a chart given the same file share one subset,
// and different families never share a key, in a document or in the font
// cache (fontcache.go). A character the style's font lacks is set in
// Liberation Sans (and, failing that, DejaVu Sans) in the same style.

// styleFont is one registered font file of a house style.
type styleFont struct {
	key  string // fpdf family key: "sf" and the start of the file's SHA-256
	ttf  []byte
	name string // the embedded name: subset tag + "+" + PostScript name
	m    *metrics
	cov  *coverage
}

// face is a house style's family: the font file drawing each style, by
// styleIndex. A nil *face is the default, Liberation Sans.
type face struct {
	files [4]*styleFont
	// names say which font each file is, for errors: `font "Council
	// Sans" (bold)`.
	names [4]string
}

func styleIndex(style string) int {
	switch style {
	case "B":
		return 1
	case "I":
		return 2
	case "BI", "IB":
		return 3
	}
	return 0
}

var (
	styleMu sync.Mutex
	// styleByPtr finds a file already registered from the very same bytes
	// without hashing them again; styleByKey holds every file by key.
	styleByPtr = map[ttfPtr]*styleFont{}
	styleByKey = map[string]*styleFont{}
)

type ttfPtr struct {
	p *byte
	n int
}

// faceOf returns the face of a house style's family, nil for none. It
// returns an error for a family without a regular font or with a file
// that is not a TrueType font (an OpenType font with CFF outlines, a
// collection, or not a font at all).
func faceOf(ff *doc.FontFamily) (*face, error) {
	if ff == nil {
		return nil, nil
	}
	if len(ff.Regular) == 0 {
		return nil, fmt.Errorf("pdf: font %q has no regular font file", ff.Name)
	}
	// A missing style is drawn from the nearest given one (doc.FontFamily).
	files := [4][]byte{ff.Regular, ff.Bold, ff.Italic, ff.BoldItalic}
	if files[1] == nil {
		files[1] = files[0]
	}
	if files[2] == nil {
		files[2] = files[0]
	}
	if files[3] == nil {
		switch {
		case ff.Bold != nil:
			files[3] = ff.Bold
		case ff.Italic != nil:
			files[3] = ff.Italic
		default:
			files[3] = ff.Regular
		}
	}
	fc := &face{}
	for i, ttf := range files {
		fc.names[i] = fmt.Sprintf("font %q (%s)", ff.Name, [4]string{"regular", "bold", "italic", "bold italic"}[i])
		sf, err := registerStyleFont(ttf)
		if err != nil {
			return nil, fmt.Errorf("pdf: %s: %w", fc.names[i], err)
		}
		fc.files[i] = sf
	}
	return fc, nil
}

// registerStyleFont returns the registered font of ttf, registering it on
// first use: once per process per file.
func registerStyleFont(ttf []byte) (*styleFont, error) {
	pk := ttfPtr{&ttf[0], len(ttf)}
	styleMu.Lock()
	sf := styleByPtr[pk]
	styleMu.Unlock()
	if sf != nil {
		return sf, nil
	}
	if len(ttf) < 12 {
		return nil, errors.New("not a font file")
	}
	switch string(ttf[:4]) {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return nil, errors.New("OpenType with PostScript (CFF) outlines cannot be embedded; use the TrueType (.ttf) version of the font")
	case "ttcf":
		return nil, errors.New("a font collection (.ttc) cannot be embedded; use a single TrueType font file")
	default:
		return nil, errors.New("not a TrueType font file")
	}
	sum := sha256.Sum256(ttf)
	key := "sf" + hexenc.EncodeToString(sum[:6])
	styleMu.Lock()
	sf = styleByKey[key]
	if sf != nil {
		styleByPtr[pk] = sf
	}
	styleMu.Unlock()
	if sf != nil {
		return sf, nil
	}
	f, err := sfnt.Parse(ttf)
	if err != nil {
		return nil, fmt.Errorf("not a usable TrueType font: %w", err)
	}
	styleMu.Lock()
	defer styleMu.Unlock()
	if sf := styleByKey[key]; sf != nil {
		styleByPtr[pk] = sf
		return sf, nil
	}
	var tag [6]byte
	for i := range tag {
		tag[i] = 'A' + sum[6+i]%26
	}
	sf = &styleFont{
		key:  key,
		ttf:  ttf,
		name: string(tag[:]) + "+" + postScriptName(f),
		m:    &metrics{ttf: ttf},
		cov:  &coverage{ttf: ttf},
	}
	styleByKey[key] = sf
	styleByPtr[pk] = sf
	return sf, nil
}

// postScriptName is the font's PostScript name (name ID 6), else its
// full name, made a valid PostScript name: printable ASCII without
// spaces or PDF delimiters, at most 63 characters (PDF 1.7 annex C).
func postScriptName(f *sfnt.Font) string {
	var buf sfnt.Buffer
	var name string
	for _, id := range []sfnt.NameID{sfnt.NameIDPostScript, sfnt.NameIDFull, sfnt.NameIDFamily} {
		if s, err := f.Name(&buf, id); err == nil && strings.TrimSpace(s) != "" {
			name = s
			break
		}
	}
	var b strings.Builder
	for _, r := range name {
		if r > ' ' && r < 0x7F && !strings.ContainsRune("()<>[]{}/%#", r) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	if len(s) > 63 {
		s = s[:63]
	}
	if s == "" {
		s = "Font"
	}
	return s
}

// styleFontByKey returns the registered style font with fpdf family key,
// nil if key is not one (the default fonts).
func styleFontByKey(key string) *styleFont {
	if !strings.HasPrefix(key, "sf") {
		return nil
	}
	styleMu.Lock()
	defer styleMu.Unlock()
	return styleByKey[key]
}

// metricsOf returns the advance widths of the font registered as family
// and style.
func metricsOf(family, style string) *metrics {
	// Most text is in the default family: no key to build and hash.
	if family == mainFamily {
		switch style {
		case "":
			return mainMetrics[0]
		case "B":
			return mainMetrics[1]
		case "I":
			return mainMetrics[2]
		case "BI":
			return mainMetrics[3]
		}
	}
	if m := fontMetrics[family+style]; m != nil {
		return m
	}
	if sf := styleFontByKey(family); sf != nil {
		return sf.m
	}
	return fontMetrics[mainFamily+style]
}

// mainMetrics are the default family's metrics by style: "", B, I, BI.
var mainMetrics = [4]*metrics{fontMetrics[mainFamily], fontMetrics[mainFamily+"B"], fontMetrics[mainFamily+"I"], fontMetrics[mainFamily+"BI"]}

// familyFor returns the family and style that draw r in face fc and style:
// the style's font when it has the glyph, else the default fonts'.
func (fc *face) familyFor(r rune, style string) (string, string) {
	if fc != nil {
		sf := fc.files[styleIndex(style)]
		if sf.cov.has(r) {
			return sf.key, ""
		}
	}
	fam := mainFamily
	if r >= 0x80 {
		fam = fontFor(r)
	}
	if fam == fallbackFamily {
		return fam, fallbackStyle(style)
	}
	return fam, style
}

// regular returns the family and style of the face's regular font.
func (fc *face) regular() (string, string) {
	if fc == nil {
		return mainFamily, ""
	}
	return fc.files[0].key, ""
}

// styled returns the family and style of the face's font for style,
// ignoring coverage (for a bookmark's font, which draws nothing).
func (fc *face) styled(style string) (string, string) {
	if fc == nil {
		return mainFamily, style
	}
	return fc.files[styleIndex(style)].key, ""
}

// name records the faces' files under their fonts' names, for fontError.
func (w *writer) name(fc *face) {
	if fc == nil {
		return
	}
	if w.fontNames == nil {
		w.fontNames = map[string]string{}
	}
	for i, sf := range fc.files {
		if _, ok := w.fontNames[sf.key]; !ok {
			w.fontNames[sf.key] = fc.names[i]
		}
	}
}

// fontError names the house style's font in an error fpdf gives about
// it (a damaged file found when it is parsed or subset), which names the
// file's key; other errors are returned as they are.
func (w *writer) fontError(err error) error {
	msg := err.Error()
	for key, name := range w.fontNames {
		if i := strings.Index(msg, "font "+key+": "); i >= 0 {
			return fmt.Errorf("pdf: %s: not a usable TrueType font: %s", name, msg[i+len("font "+key+": "):])
		}
	}
	return err
}

// addStyleFont registers a house style's font file with the document. A
// damaged file that the parsers accepted can still make fpdf's parser
// panic: that is the document's error, naming the font.
func (w *writer) addStyleFont(sf *styleFont, family, style string) {
	defer func() {
		if r := recover(); r != nil {
			w.f.SetError(fmt.Errorf("font %s: damaged font file: %v", family, r))
		}
	}()
	addFont(w.f, family, style, sf.ttf)
	w.f.SetUTF8FontBaseName(family, style, sf.name)
}
