// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

import (
	"bytes"
	"fmt"
	"maps"
	"runtime"
	"strings"
	"testing"
)

// cutResult is what subsetting gives: the font file, the map from
// character to new glyph (for the CIDToGIDMap) and the highest character,
// or the panic it stopped with.
type cutResult struct {
	font     []byte
	codes    map[int]int
	lastRune int
	panicked any
}

// cutNow subsets a copy of ttf for runes as paper's fpdf does: parsed
// first (AddUTF8FontFromBytes), then subset (generateCutFont); parse
// false subsets the file unparsed, as UTF8CutFont does.
func cutNow(ttf []byte, runes []int, parse bool) (r cutResult) {
	defer func() {
		if p := recover(); p != nil {
			r.panicked = p
		}
	}()
	u := newUTF8Font(&fileReader{array: bytes.Clone(ttf)})
	if parse {
		if err := parse1(u); err != nil {
			return cutResult{panicked: err}
		}
	}
	r.font = u.GenerateCutFont(runeSet(runes))
	return cutResult{font: r.font, codes: maps.Clone(u.CodeSymbolDictionary), lastRune: u.LastRune}
}

// cutThen is cutNow with the subsetter as it was before (cutBefore).
func cutThen(ttf []byte, runes []int) (r cutResult) {
	defer func() {
		if p := recover(); p != nil {
			r.panicked = p
		}
	}()
	u := &cutBefore{utf8FontFile: newUTF8Font(&fileReader{array: bytes.Clone(ttf)})}
	r.font = u.GenerateCutFont(runeSet(runes))
	return cutResult{font: r.font, codes: maps.Clone(u.CodeSymbolDictionary), lastRune: u.LastRune}
}

// parseError is a font the parse refused, with an error or a panic.
type parseError struct{ reason any }

// parse1 parses u, returning a parseError if the parse refuses it;
// refused with the cmap panic of TestDamagedCmapRefused, it panics.
func parse1(u *utf8FontFile) (refused any) {
	defer func() {
		if p := recover(); p != nil {
			if msg, ok := p.(string); ok && strings.HasPrefix(msg, "cmap segments map") {
				panic(p)
			}
			refused = parseError{p}
		}
	}()
	if err := u.parseFile(); err != nil {
		return parseError{err}
	}
	return nil
}

// runeSet is the used-runes map fpdf keeps: each character to itself.
func runeSet(runes []int) map[int]int {
	m := make(map[int]int, len(runes))
	for _, r := range runes {
		m[r] = r
	}
	return m
}

// checkCutAsBefore requires the same subset, codes and last character
// from both subsetters, or a panic from both.
func checkCutAsBefore(t *testing.T, name string, ttf []byte, runes []int) {
	t.Helper()
	var nows []cutResult
	for _, parse := range []bool{true, false} {
		now := cutNow(ttf, runes, parse)
		if msg, ok := now.panicked.(string); ok && (strings.HasPrefix(msg, "cmap segments map") || strings.HasPrefix(msg, "composite glyph")) {
			// Refused where the subsetter before ran for minutes or
			// overflowed its stack: nothing to compare
			// (TestDamagedCmapRefused, TestCompositeCycleRefused).
			return
		}
		nows = append(nows, now)
	}
	then := cutThen(ttf, runes)
	for i, now := range nows {
		parse := i == 0
		if _, ok := now.panicked.(parseError); ok {
			continue // refused at the parse, before any subset
		}
		if (now.panicked == nil) != (then.panicked == nil) {
			t.Fatalf("%s, %d runes, parsed %v: panic %v, before %v", name, len(runes), parse, now.panicked, then.panicked)
		}
		if now.panicked != nil {
			continue
		}
		if !bytes.Equal(now.font, then.font) {
			t.Fatalf("%s, %d runes, parsed %v: subset of %d bytes differs from before's %d", name, len(runes), parse, len(now.font), len(then.font))
		}
		if !maps.Equal(now.codes, then.codes) || now.lastRune != then.lastRune {
			t.Fatalf("%s, %d runes, parsed %v: codes or last rune differ from before's", name, len(runes), parse)
		}
	}
}

// TestCutFontAsBefore compares the subsets of seven fonts for sets of
// characters: a paper's, Latin-1, every character the font maps, and
// characters it does not map.
func TestCutFontAsBefore(t *testing.T) {
	text := func(s string) (r []int) {
		for _, c := range s {
			r = append(r, int(c))
		}
		return r
	}
	sets := map[string][]int{
		"paper":    text("Complaints and the Ombudsman – £1,250 in 2023/24 “upheld” ŵ ✓ é ﬁ →"),
		"none":     nil,
		"unmapped": text("\uE000\uFFFF\U0001F600\x00"),
	}
	var latin []int
	for c := 32; c < 256; c++ {
		latin = append(latin, c)
	}
	sets["latin-1"] = latin
	for name, ttf := range hmtxFonts {
		u := newUTF8Font(&fileReader{array: ttf})
		if err := u.parseFile(); err != nil {
			t.Fatal(err)
		}
		var all []int
		for c := range 1 << 16 {
			if _, ok := u.cmapCharSymbol.lookup(c); ok {
				all = append(all, c)
			}
		}
		sets["all"] = all
		for set, runes := range sets {
			checkCutAsBefore(t, fmt.Sprintf("%s (%s)", name, set), ttf, runes)
		}
	}
}

// FuzzCutFontAsBefore compares the two subsetters for any text, on
// fonts with one byte changed in one of the tables the subset comes from
// (head, loca, glyf, hmtx, cmap) or anywhere.
func FuzzCutFontAsBefore(f *testing.F) {
	f.Add("LiberationSans", "Complaints ŵ – £1,250", 2, 100, byte(0xFF))
	f.Add("DejaVuSans", "✓ → é", 1, 40, byte(0x01))
	f.Add("LiberationSerif", "ﬁ Ǻ", 5, 0, byte(0))
	f.Add("LiberationSans-Bold", "Àéîõü", 3, 7, byte(0x80))
	f.Fuzz(func(t *testing.T, name, text string, table, at int, b byte) {
		ttf, ok := hmtxFonts[name]
		if !ok || at < 0 || table < 0 || len(text) > 200 {
			t.Skip()
		}
		ttf = bytes.Clone(ttf)
		if b != 0 {
			u := newUTF8Font(&fileReader{array: ttf})
			u.readUint32()
			u.tableDescriptions = make(map[string]*tableDescription)
			u.generateTableDescriptions()
			pos, size := 0, len(ttf)
			if names := []string{"head", "loca", "glyf", "hmtx", "cmap"}; table%6 < len(names) {
				if d := u.tableDescriptions[names[table%6]]; d != nil && d.size > 0 && d.position+d.size <= len(ttf) {
					pos, size = d.position, d.size
				}
			}
			ttf[pos+at%size] ^= b
		}
		var runes []int
		for _, c := range text {
			runes = append(runes, int(c))
		}
		checkCutAsBefore(t, name, ttf, runes)
	})
}

// TestDamagedLocaBounded checks that subsetting a font whose loca table
// gives a glyph gigabytes (one byte changed, the case FuzzCutFontAsBefore
// found) fails as a damaged font without first making room for
// gigabytes of glyphs.
func TestDamagedLocaBounded(t *testing.T) {
	ttf := bytes.Clone(hmtxFonts["LiberationSans"])
	u := newUTF8Font(&fileReader{array: ttf})
	u.readUint32()
	u.tableDescriptions = make(map[string]*tableDescription)
	u.generateTableDescriptions()
	ttf[u.tableDescriptions["loca"].position+100] ^= 0xFF
	f := New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", ttf)
	f.SetFont("sans", "", 10)
	f.AddPage()
	f.Text(10, 10, "Complaints ŵ – £1,250")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var out bytes.Buffer
	err := f.Output(&out)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "damaged font file") {
		t.Errorf("error %v, want a damaged font file", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 64<<20 {
		t.Errorf("%d MB allocated to refuse the font", alloc>>20)
	}
}

// TestSubsetLeavesFileAlone checks that subsetting a font does not
// write to its file, which documents sharing a parsed font share:
// upstream's getMetrics appended each glyph's bearing to a slice of the
// file, so that a font with fewer metrics than glyphs (here a damaged
// directory entry, found by FuzzCutFontAsBefore, corpus entry
// ce2254a8) was changed by each subset, and the next differed.
func TestSubsetLeavesFileAlone(t *testing.T) {
	ttf := bytes.Clone(hmtxFonts["LiberationSans"])
	ttf[199] ^= 0x9E
	file := bytes.Clone(ttf)
	u := newUTF8Font(&fileReader{array: ttf})
	if err := u.parseFile(); err != nil {
		t.Fatal(err)
	}
	runes := runeSet([]int{'0', 'A', 'ŵ'})
	first := u.GenerateCutFont(runes)
	second := u.GenerateCutFont(runes)
	if !bytes.Equal(ttf, file) {
		t.Error("subsetting changed the font file")
	}
	if len(first) == 0 || !bytes.Equal(first, second) {
		t.Errorf("two subsets of %d and %d bytes differ", len(first), len(second))
	}
}

// TestCompositeCycleRefused checks that a font with a composite glyph
// among its own components (one byte of Liberation Sans's table
// directory changed, found by FuzzCutFontAsBefore, corpus entry
// bb8a836d) is the document's error, a damaged font file, where the
// subsetter recursed until the stack overflowed and the process died.
func TestCompositeCycleRefused(t *testing.T) {
	ttf := bytes.Clone(hmtxFonts["LiberationSans"])
	ttf[246] ^= 0x7E
	f := New("P", "mm", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", ttf)
	f.SetFont("sans", "", 10)
	f.AddPage()
	f.Text(10, 10, "0")
	f.Close() // as report/pdf finishes a document, before Output
	if err := f.Error(); err == nil || !strings.Contains(err.Error(), "damaged font file: composite glyph") {
		t.Errorf("error %v, want a damaged font file", err)
	}
}
