package pdf

import (
	"reflect"
	"sync"
	"unsafe"

	"github.com/go-pdf/fpdf"
)

// Registering a TrueType font with fpdf (AddUTF8FontFromBytes) parses the
// whole font file and then JSON-encodes the parsed widths of all 65,536
// code points to make an identifier: about 40% of the CPU time of an
// agenda pack, which renders many documents, when done per document.
//
// fontCache does it once per process per font. The first document that
// needs a font registers it on a private prototype document; every later
// document receives a copy of the prototype's parsed font definition.
// fpdf has no API for this, so the copy is made by reflection on fpdf's
// unexported fields (its version is pinned in go.mod). What a copy shares
// with the prototype is read-only: the font bytes and the advance widths.
// What a document changes is its own: the set of characters used
// (usedRunes) and the parser state its subsetter resets and fills when the
// document is written (utf8File, with its own file reader). So documents
// may be written in parallel, and the output is byte for byte what
// AddUTF8FontFromBytes gives (TestFontCacheSameBytes).
//
// If fpdf's internals ever differ from what this code expects, the check
// in protoFont.load fails and every document registers its fonts the
// ordinary way: slower, never wrong.

// fontCacheOff turns the cache off; tests compare both ways.
var fontCacheOff = false

type protoFont struct {
	once   sync.Once
	family string
	style  string
	ttf    []byte
	key    reflect.Value // the font's key in fpdf's fonts map
	def    reflect.Value // the parsed definition (fpdf's fontDefType)
	ok     bool
}

var (
	protoMu    sync.Mutex
	protoFonts = map[string]*protoFont{}
)

// addFont registers ttf as family and style with f, from the cache when
// it can.
func addFont(f *fpdf.Fpdf, family, style string, ttf []byte) {
	if !fontCacheOff {
		protoMu.Lock()
		p := protoFonts[family+style]
		if p == nil {
			p = &protoFont{family: family, style: style, ttf: ttf}
			protoFonts[family+style] = p
		}
		protoMu.Unlock()
		p.once.Do(p.load)
		if p.ok && p.ttfIs(ttf) && p.copyTo(f) {
			return
		}
	}
	f.AddUTF8FontFromBytes(family, style, ttf)
}

// ttfIs reports whether ttf is the very file the prototype parsed.
func (p *protoFont) ttfIs(ttf []byte) bool {
	return len(ttf) == len(p.ttf) && (len(ttf) == 0 || &ttf[0] == &p.ttf[0])
}

// load registers the font on a prototype document and checks that fpdf
// stores it as this code expects.
func (p *protoFont) load() {
	defer func() {
		if recover() != nil {
			p.ok = false
		}
	}()
	proto := fpdf.New("P", "mm", "A4", "")
	proto.AddUTF8FontFromBytes(p.family, p.style, p.ttf)
	if proto.Error() != nil {
		return
	}
	fonts, ok := fontsMap(proto)
	if !ok || fonts.Len() != 1 {
		return
	}
	iter := fonts.MapRange()
	iter.Next()
	p.key, p.def = iter.Key(), iter.Value()
	def := p.def
	used := def.FieldByName("usedRunes")
	file := def.FieldByName("utf8File")
	if !used.IsValid() || used.Kind() != reflect.Map || used.IsNil() ||
		!file.IsValid() || file.Kind() != reflect.Pointer || file.IsNil() ||
		file.Elem().Kind() != reflect.Struct {
		return
	}
	reader := file.Elem().FieldByName("fileReader")
	if !reader.IsValid() || reader.Kind() != reflect.Pointer || reader.IsNil() ||
		reader.Elem().Kind() != reflect.Struct {
		return
	}
	p.ok = true
}

// copyTo gives f its own copy of the prototype's font definition.
func (p *protoFont) copyTo(f *fpdf.Fpdf) (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	fonts, ok := fontsMap(f)
	if !ok || fonts.MapIndex(p.key).IsValid() {
		return false
	}
	def := reflect.New(p.def.Type()).Elem()
	def.Set(p.def)
	// The characters used: the prototype's initial set, copied.
	used := settable(def.FieldByName("usedRunes"))
	runes := reflect.MakeMapWithSize(used.Type(), used.Len())
	iter := used.MapRange()
	for iter.Next() {
		runes.SetMapIndex(iter.Key(), iter.Value())
	}
	used.Set(runes)
	// The parser state: a shallow copy with its own file reader. The
	// subsetter replaces every map and slice it writes before writing it.
	file := settable(def.FieldByName("utf8File"))
	fileCopy := reflect.New(file.Type().Elem())
	fileCopy.Elem().Set(file.Elem())
	reader := settable(fileCopy.Elem().FieldByName("fileReader"))
	readerCopy := reflect.New(reader.Type().Elem())
	readerCopy.Elem().Set(reader.Elem())
	reader.Set(readerCopy)
	file.Set(fileCopy)
	fonts.SetMapIndex(p.key, def)
	return true
}

// fontsMap returns f's map of registered fonts, writable.
func fontsMap(f *fpdf.Fpdf) (reflect.Value, bool) {
	v := reflect.ValueOf(f).Elem().FieldByName("fonts")
	if !v.IsValid() || v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String || v.Type().Elem().Kind() != reflect.Struct {
		return reflect.Value{}, false
	}
	return settable(v), true
}

// settable returns the addressable value v (an unexported field) as one
// that may be read and set.
func settable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}
