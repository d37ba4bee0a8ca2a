// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

// blocks is a table of 16-bit values by 16-bit character, stored in
// blocks of 256 characters made only for the blocks the table is made for: a font
// maps a few dozen of the 256 (21 for Liberation Sans, 42 for DejaVu
// Sans), so the table is a few kilobytes where a slice by character is a
// few hundred and a map tens. A character outside the blocks reads as 0.
// Not in upstream fpdf: see FORK.md.
type blocks struct {
	// index holds, for each block of 256 characters, 1 + its index in
	// v, or 0 when the table has no such block.
	index [256]uint16
	v     []uint16
}

// makeBlocks returns a table of zeros with the blocks marked in used.
func makeBlocks(used *[256]bool) blocks {
	var b blocks
	n := 0
	for i, ok := range used {
		if ok {
			n++
			b.index[i] = uint16(n)
		}
	}
	b.v = make([]uint16, n*256)
	return b
}

// at returns the value of character c, 0 outside the table's blocks.
func (b *blocks) at(c int) uint16 {
	if uint(c) >= 1<<16 {
		return 0
	}
	i := b.index[c>>8]
	if i == 0 {
		return 0
	}
	return b.v[int(i-1)<<8|c&0xFF]
}

// set stores v as the value of character c, which must lie in one of the
// table's blocks.
func (b *blocks) set(c int, v uint16) {
	b.v[int(b.index[c>>8]-1)<<8|c&0xFF] = v
}

// charWidths holds a UTF-8 font's advance widths by character, as
// upstream's 65,536-entry []int did (512 KB a font, most of it zeros): 0
// for a character the font does not map, 65535 for a zero width, and at
// character 0 the count of characters with a width. It stores them in
// 16 bits by block (11 KB for Liberation Sans); a width that does not
// fit (only a damaged font's: a tiny unitsPerEm, an advance read past
// the metrics) is kept in wide. Not in upstream fpdf: see FORK.md.
//
// A charWidths is read-only once parseHMTXTable has filled it, so the
// documents sharing a parsed font (CopyUTF8Font) share it.
type charWidths struct {
	w    blocks
	wide map[int]int
}

// newCharWidths returns an empty table with room for the blocks of the
// characters in used (a bitmap of blocks).
func newCharWidths(used *[256]bool) *charWidths {
	return &charWidths{w: makeBlocks(used)}
}

// at returns the width of character c: what upstream's CharWidths[c]
// held for c below 65,536, and 0 (no width) for any other c.
func (cw *charWidths) at(c int) int {
	v := cw.w.at(c)
	if v == 0xFFFF && cw.wide != nil {
		if x, ok := cw.wide[c]; ok {
			return x
		}
	}
	return int(v)
}

// set stores width w of character c, whose block newCharWidths was
// given.
func (cw *charWidths) set(c, w int) {
	if w >= 0 && w <= 0xFFFF {
		cw.w.set(c, uint16(w))
		if cw.wide != nil {
			delete(cw.wide, c)
		}
		return
	}
	cw.w.set(c, 0xFFFF)
	if cw.wide == nil {
		cw.wide = make(map[int]int)
	}
	cw.wide[c] = w
}

// cmapTable is a font's Unicode cmap, from character to glyph, in place
// of upstream's map[int]int (tens of kilobytes a font, made on every
// parse). Read-only once generateSCCSDictionaries has filled it. Not in
// upstream fpdf: see FORK.md.
type cmapTable struct {
	// glyph holds 1 + the glyph of each character the cmap lists, 0 for
	// one it does not, in 16 bits: the characters of glyph 65535 (not a
	// glyph a valid font has: 65,535 glyphs are numbered from 0) are in
	// last instead.
	glyph blocks
	last  map[int]bool
	n     int
}

// lookup returns the glyph of character c and whether the cmap lists c,
// as upstream's map lookup did.
func (t *cmapTable) lookup(c int) (glyph int, ok bool) {
	if t == nil {
		return 0, false
	}
	if g := t.glyph.at(c); g != 0 {
		return int(g) - 1, true
	}
	if t.last[c] {
		return 0xFFFF, true
	}
	return 0, false
}

// set maps character c, in one of the table's blocks, to glyph, a later
// mapping of c replacing an earlier one.
func (t *cmapTable) set(c, glyph int) {
	if _, ok := t.lookup(c); !ok {
		t.n++
	}
	if glyph == 0xFFFF {
		t.glyph.set(c, 0)
		if t.last == nil {
			t.last = make(map[int]bool)
		}
		t.last[c] = true
		return
	}
	t.glyph.set(c, uint16(glyph+1))
	delete(t.last, c)
}

// len returns the number of characters the cmap lists.
func (t *cmapTable) len() int {
	if t == nil {
		return 0
	}
	return t.n
}
