// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

// charWidths holds a UTF-8 font's advance widths by character, as
// upstream's 65,536-entry []int did (512 KB a font, most of it zeros): 0
// for a character the font does not map, 65535 for a zero width, and at
// character 0 the count of characters with a width. It stores them in
// blocks of 256 characters, made only for the blocks the font maps: 21
// blocks (11 KB) for Liberation Sans, 42 for DejaVu Sans. A width that
// does not fit in 16 bits (only a damaged font's: a tiny unitsPerEm, an
// advance read past the metrics) is kept in wide. Not in upstream fpdf:
// see FORK.md.
//
// A charWidths is read-only once parseHMTXTable has filled it, so the
// documents sharing a parsed font (CopyUTF8Font) share it.
type charWidths struct {
	// block holds, for each block of 256 characters, 1 + its index in
	// w, or 0 when the font maps none of its characters.
	block [256]uint16
	w     []uint16
	wide  map[int]int
}

// newCharWidths returns an empty table with room for the blocks of the
// characters in used (a bitmap of blocks).
func newCharWidths(used *[256]bool) *charWidths {
	cw := &charWidths{}
	n := 0
	for b, ok := range used {
		if ok {
			n++
			cw.block[b] = uint16(n)
		}
	}
	cw.w = make([]uint16, n*256)
	return cw
}

// at returns the width of character c: what upstream's CharWidths[c]
// held for c below 65,536, and 0 (no width) for any other c.
func (cw *charWidths) at(c int) int {
	if uint(c) >= 1<<16 {
		return 0
	}
	b := cw.block[c>>8]
	if b == 0 {
		return 0
	}
	v := cw.w[int(b-1)<<8|c&0xFF]
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
	i := int(cw.block[c>>8]-1)<<8 | c&0xFF
	if w >= 0 && w <= 0xFFFF {
		cw.w[i] = uint16(w)
		if cw.wide != nil {
			delete(cw.wide, c)
		}
		return
	}
	cw.w[i] = 0xFFFF
	if cw.wide == nil {
		cw.wide = make(map[int]int)
	}
	cw.wide[c] = w
}
