package pdf

import (
	"sync"

	"github.com/paperhq/paper/third_party/fpdf"
)

// Registering a TrueType font with fpdf (AddUTF8FontFromBytes) parses the
// whole font file: about 40% of the CPU time of an agenda pack, which
// renders many documents, when done per document.
//
// The cache does it once per process per font. The first document that
// needs a font registers it on a private prototype document; every later
// document receives a copy of the prototype's parsed font (CopyUTF8Font,
// which the project's copy of fpdf adds). A copy shares only what no
// document changes, so documents may be written in parallel, and the
// output is byte for byte what AddUTF8FontFromBytes gives
// (TestFontCacheSameBytes).

// fontCacheOff turns the cache off; tests compare both ways.
var fontCacheOff = false

type protoFont struct {
	once   sync.Once
	family string
	style  string
	ttf    []byte
	doc    *fpdf.Fpdf // the prototype, with this one font registered
}

var (
	protoMu    sync.Mutex
	protoFonts = map[string]*protoFont{}
)

// addFont registers ttf as family and style with f, from the cache when
// it can.
func addFont(f *fpdf.Fpdf, family, style string, ttf []byte) {
	if !fontCacheOff {
		p := proto(family, style, ttf)
		if p.doc != nil && p.ttfIs(ttf) && f.CopyUTF8Font(p.doc, family, style) {
			return
		}
	}
	f.AddUTF8FontFromBytes(family, style, ttf)
}

// proto is the cache's prototype of family and style, parsed from ttf
// (by this call, or waiting for the one under way).
func proto(family, style string, ttf []byte) *protoFont {
	protoMu.Lock()
	p := protoFonts[family+style]
	if p == nil {
		p = &protoFont{family: family, style: style, ttf: ttf}
		protoFonts[family+style] = p
	}
	protoMu.Unlock()
	p.once.Do(p.load)
	return p
}

// ttfIs reports whether ttf is the very file the prototype parsed.
func (p *protoFont) ttfIs(ttf []byte) bool {
	return len(ttf) == len(p.ttf) && (len(ttf) == 0 || &ttf[0] == &p.ttf[0])
}

// load registers the font on a prototype document; p.doc stays nil if
// fpdf cannot parse it, and documents then register it themselves (and
// report the error).
func (p *protoFont) load() {
	doc := fpdf.New("P", "mm", "A4", "")
	doc.AddUTF8FontFromBytes(p.family, p.style, p.ttf)
	if doc.Error() == nil {
		p.doc = doc
	}
}
