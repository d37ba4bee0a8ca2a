package fpdf

import (
	"bytes"
	"fmt"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/go-fonts/liberation/liberationserifregular"
)

// generateSCCSDictionariesBefore and parseHMTXTableBefore are the cmap
// and hmtx parsing as they were before the map from glyph to characters
// was dropped (FORK.md): the reference the new parse must match.
func (utf *utf8FontFile) generateSCCSDictionariesBefore(runeCmapPosition int) (symbolCharDictionary map[int][]int, charSymbolDictionary map[int]int) {
	maxRune := 0
	utf.seek(runeCmapPosition + 2)
	size := utf.readUint16()
	rim := runeCmapPosition + size
	utf.skip(2)

	segmentSize := utf.readUint16() / 2
	utf.skip(6)
	completers := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		completers = append(completers, utf.readUint16())
	}
	utf.skip(2)
	beginners := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		beginners = append(beginners, utf.readUint16())
	}
	sizes := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		sizes = append(sizes, int(utf.readInt16()))
	}
	readerPositionStart := utf.fileReader.readerPosition
	positions := make([]int, 0)
	for i := 0; i < segmentSize; i++ {
		positions = append(positions, utf.readUint16())
	}
	chars := 0
	for n := 0; n < segmentSize; n++ {
		chars += max(0, completers[n]+1-beginners[n])
	}
	chars = min(chars, 1<<16) // characters are 16-bit
	symbolCharDictionary = make(map[int][]int, chars)
	charSymbolDictionary = make(map[int]int, chars)
	var symbol int
	for n := 0; n < segmentSize; n++ {
		completePosition := completers[n] + 1
		for char := beginners[n]; char < completePosition; char++ {
			if positions[n] == 0 {
				symbol = (char + sizes[n]) & 0xFFFF
			} else {
				position := (char-beginners[n])*2 + positions[n]
				position = int(readerPositionStart) + 2*n + position
				if position >= rim {
					symbol = 0
				} else {
					symbol = utf.getUint16(position)
					if symbol != 0 {
						symbol = (symbol + sizes[n]) & 0xFFFF
					}
				}
			}
			charSymbolDictionary[char] = symbol
			if char < 196608 {
				maxRune = max(char, maxRune)
			}
			symbolCharDictionary[symbol] = append(symbolCharDictionary[symbol], char)
		}
	}
	return symbolCharDictionary, charSymbolDictionary
}

func (utf *utf8FontFile) parseHMTXTableBefore(numberOfHMetrics, numSymbols int, symbolToChar map[int][]int, scale float64) (charWidths []int) {
	var widths int
	start := utf.SeekTable("hmtx")
	arrayWidths := 0
	var arr []int
	charWidths = make([]int, 256*256)
	charCount := 0
	arr = unpackUint16Array(utf.getRange(start, numberOfHMetrics*4))
	for symbol := 0; symbol < numberOfHMetrics; symbol++ {
		arrayWidths = arr[(symbol*2)+1]
		if _, OK := symbolToChar[symbol]; OK || symbol == 0 {

			if arrayWidths >= (1 << 15) {
				arrayWidths = 0
			}
			if symbol == 0 {
				utf.DefaultWidth = scale * float64(arrayWidths)
				continue
			}
			for _, char := range symbolToChar[symbol] {
				if char != 0 && char != 65535 {
					widths = int(math.Round(scale * float64(arrayWidths)))
					if widths == 0 {
						widths = 65535
					}
					if char < 196608 {
						charWidths[char] = widths
						charCount++
					}
				}
			}
		}
	}
	diff := numSymbols - numberOfHMetrics
	for pos := 0; pos < diff; pos++ {
		symbol := pos + numberOfHMetrics
		if _, OK := symbolToChar[symbol]; OK {
			for _, char := range symbolToChar[symbol] {
				if char != 0 && char != 65535 {
					widths = int(math.Round(scale * float64(arrayWidths)))
					if widths == 0 {
						widths = 65535
					}
					if char < 196608 {
						charWidths[char] = widths
						charCount++
					}
				}
			}
		}
	}
	charWidths[0] = charCount
	return charWidths
}

// parseTablesBefore is parseTables with the functions above, returning
// the widths as upstream's CharWidths held them and the cmap as its map.
func (utf *utf8FontFile) parseTablesBefore() ([]int, map[int]int) {
	f := utf.parseNAMETable()
	utf.parseHEADTable()
	n := utf.parseHHEATable()
	w := utf.parseOS2Table()
	utf.parsePOSTTable(w)
	runeCMAPPosition := utf.parseCMAPTable(f)
	utf.SeekTable("maxp")
	utf.skip(4)
	numSymbols := utf.readUint16()
	symbolCharDictionary, charSymbolDictionary := utf.generateSCCSDictionariesBefore(runeCMAPPosition)
	scale := 1000.0 / float64(utf.fontElementSize)
	return utf.parseHMTXTableBefore(n, numSymbols, symbolCharDictionary, scale), charSymbolDictionary
}

// cmapMap returns the cmap t as upstream's map from character to glyph.
func cmapMap(t *cmapTable) map[int]int {
	m := make(map[int]int, t.len())
	for c := range 1 << 16 {
		if g, ok := t.lookup(c); ok {
			m[c] = g
		}
	}
	return m
}

// allWidths returns the 65,536 widths of cw as upstream's CharWidths held
// them.
func allWidths(cw *charWidths) []int {
	w := make([]int, 1<<16)
	for c := range w {
		w[c] = cw.at(c)
	}
	return w
}

// parsedWidths parses ttf the new way and the old, returning for each
// its widths, default width and cmap, or the panic it stopped with.
func parsedWidths(ttf []byte, before bool) (widths []int, def float64, cmap map[int]int, panicked any) {
	defer func() { panicked = recover() }()
	u := newUTF8Font(&fileReader{array: ttf})
	if before {
		u.fileReader.readerPosition = 0
		u.tableDescriptions = make(map[string]*tableDescription)
		u.outTablesData = make(map[string][]byte)
		if c := uint32(u.readUint32()); c != 0x00010000 && c != 0x74727565 {
			return nil, 0, nil, "not TrueType"
		}
		u.generateTableDescriptions()
		widths, cmap = u.parseTablesBefore()
		return widths, u.DefaultWidth, cmap, nil
	} else if err := u.parseFile(); err != nil {
		return nil, 0, nil, "not TrueType"
	}
	if m := cmapMap(u.cmapCharSymbol); len(m) != u.cmapCharSymbol.len() {
		panic(fmt.Sprintf("cmap table counts %d characters, holds %d", u.cmapCharSymbol.len(), len(m)))
	}
	return allWidths(u.CharWidths), u.DefaultWidth, cmapMap(u.cmapCharSymbol), nil
}

// checkHMTXAsUpstream requires the same widths, default width and cmap
// (or the same panic) from both parses of ttf.
func checkHMTXAsUpstream(t *testing.T, name string, ttf []byte) {
	t.Helper()
	w1, d1, c1, p1 := parsedWidths(ttf, false)
	if msg, ok := p1.(string); ok && strings.HasPrefix(msg, "cmap segments map") {
		// Refused where upstream's parse ran for minutes: nothing to
		// compare (TestDamagedCmapRefused).
		return
	}
	w0, d0, c0, p0 := parsedWidths(ttf, true)
	if (p1 == nil) != (p0 == nil) {
		t.Fatalf("%s: panic %v, before %v", name, p1, p0)
	}
	if p1 != nil {
		return
	}
	if !reflect.DeepEqual(w1, w0) {
		for i := range w1 {
			if i < len(w0) && w1[i] != w0[i] {
				t.Fatalf("%s: width of U+%04X %d, before %d", name, i, w1[i], w0[i])
			}
		}
		t.Fatalf("%s: %d widths, before %d", name, len(w1), len(w0))
	}
	if d1 != d0 && !(math.IsNaN(d1) && math.IsNaN(d0)) {
		t.Fatalf("%s: default width %v, before %v", name, d1, d0)
	}
	if !reflect.DeepEqual(c1, c0) {
		t.Fatalf("%s: cmap of %d characters, before %d", name, len(c1), len(c0))
	}
}

var hmtxFonts = map[string][]byte{
	"LiberationSans": liberationsansregular.TTF, "LiberationSans-Bold": liberationsansbold.TTF,
	"LiberationSans-Italic": liberationsansitalic.TTF, "LiberationSans-BoldItalic": liberationsansbolditalic.TTF,
	"LiberationSerif": liberationserifregular.TTF, "DejaVuSans": dejavusans.TTF, "DejaVuSans-Bold": dejavusansbold.TTF,
}

// TestParseHMTXAsUpstream compares the widths, default width and cmap
// of the new parse with the old on real fonts.
func TestParseHMTXAsUpstream(t *testing.T) {
	for name, ttf := range hmtxFonts {
		checkHMTXAsUpstream(t, name, ttf)
		if w, _, _, _ := parsedWidths(ttf, false); w[int('A')] == 0 {
			t.Errorf("%s: no width for A", name)
		}
	}
}

// FuzzParseHMTXAsUpstream compares the two parses on damaged fonts: one
// byte changed in one of the tables the widths come from (hhea's count
// of metrics, maxp's of glyphs, hmtx, cmap) or anywhere in the file.
func FuzzParseHMTXAsUpstream(f *testing.F) {
	f.Add("LiberationSans", 2, 34, byte(0xFF))
	f.Add("DejaVuSans", 3, 60000, byte(0x01))
	f.Add("LiberationSerif", 1, 4, byte(0x80))
	f.Add("LiberationSans", 4, 3000, byte(0x10))
	f.Fuzz(func(t *testing.T, name string, table, at int, b byte) {
		ttf, ok := hmtxFonts[name]
		if !ok || at < 0 || table < 0 {
			t.Skip()
		}
		ttf = append([]byte(nil), ttf...)
		u := newUTF8Font(&fileReader{array: ttf})
		u.readUint32()
		u.tableDescriptions = make(map[string]*tableDescription)
		u.generateTableDescriptions()
		pos, size := 0, len(ttf)
		if names := []string{"hhea", "maxp", "hmtx", "cmap"}; table%5 < len(names) {
			if d := u.tableDescriptions[names[table%5]]; d != nil && d.size > 0 && d.position+d.size <= len(ttf) {
				pos, size = d.position, d.size
			}
		}
		ttf[pos+at%size] ^= b
		checkHMTXAsUpstream(t, name, ttf)
	})
}

// TestDamagedCmapRefused checks that a font whose cmap segments overlap
// into millions of characters (a byte of Liberation Sans's cmap header
// changed: the case the fuzzer found, which took upstream's parse 30 s)
// is refused at once as a damaged font, the document's error, not parsed
// for tens of seconds.
func TestDamagedCmapRefused(t *testing.T) {
	ttf := append([]byte(nil), liberationsansregular.TTF...)
	u := newUTF8Font(&fileReader{array: ttf})
	u.readUint32()
	u.tableDescriptions = make(map[string]*tableDescription)
	u.generateTableDescriptions()
	d := u.tableDescriptions["cmap"]
	ttf[d.position+34] ^= 0xE2
	start := time.Now()
	f := New("P", "mm", "A4", "")
	func() {
		defer func() {
			if r := recover(); r != nil {
				f.SetError(fmt.Errorf("font sans: damaged font file: %v", r))
			}
		}()
		f.AddUTF8FontFromBytes("sans", "", ttf)
	}()
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the damaged font took %v to refuse", took)
	}
	if err := f.Error(); err == nil || !strings.Contains(err.Error(), "cmap segments map") {
		t.Errorf("error %v, want the cmap refused", err)
	}
	var out bytes.Buffer
	if f.Output(&out) == nil {
		t.Error("a document with the damaged font was written")
	}
}
