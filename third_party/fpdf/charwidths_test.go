// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

import (
	"math"
	"testing"

	"github.com/go-fonts/liberation/liberationsansregular"
)

// TestCharWidths checks that the block table gives back every width it
// was given, including those that do not fit in 16 bits, and 0 for
// characters outside its blocks or past 16 bits.
func TestCharWidths(t *testing.T) {
	var used [256]bool
	used[0], used[0x20], used[0xFF] = true, true, true
	cw := newCharWidths(&used)
	sets := []struct{ c, w int }{
		{0, 2327}, {0x41, 667}, {0x2013, 556}, {0x2014, 65535}, {0x2019, 70000},
		{0xFFFC, math.MinInt}, {0xFFFD, -1}, {0xFFFE, 1}, {0x42, 1 << 20},
	}
	for _, s := range sets {
		cw.set(s.c, s.w)
	}
	cw.set(0x42, 12) // a wide width replaced by a narrow one
	want := map[int]int{0x42: 12}
	for _, s := range sets {
		if _, ok := want[s.c]; !ok {
			want[s.c] = s.w
		}
	}
	for c, w := range want {
		if got := cw.at(c); got != w {
			t.Errorf("at(%#x) = %d, want %d", c, got, w)
		}
	}
	for _, c := range []int{0x43, 0x2000, 0x100, 0x1FFF, 0x3000, 0xFF00, 0x10000, 0x1F600, -1, math.MaxInt} {
		if got := cw.at(c); got != 0 {
			t.Errorf("at(%#x) = %d, want 0 (no width)", c, got)
		}
	}
}

// TestCmapTable checks that the cmap table gives back the glyph of each
// character set, the last one set for a character set twice, glyph 65535
// (which a damaged cmap gives) included, and no glyph for others.
func TestCmapTable(t *testing.T) {
	var used [256]bool
	used[0], used[0x20] = true, true
	cm := &cmapTable{glyph: makeBlocks(&used)}
	sets := []struct{ c, glyph int }{
		{0x41, 36}, {0, 0}, {0x2013, 0xFFFF}, {0x2014, 0xFFFE}, {0x42, 0xFFFF}, {0x42, 37}, {0x2015, 5}, {0x2015, 0xFFFF},
	}
	for _, s := range sets {
		cm.set(s.c, s.glyph)
	}
	want := map[int]int{0x41: 36, 0: 0, 0x2013: 0xFFFF, 0x2014: 0xFFFE, 0x42: 37, 0x2015: 0xFFFF}
	for c := range 1 << 16 {
		g, ok := cm.lookup(c)
		if w, in := want[c]; ok != in || g != w && in {
			t.Errorf("lookup(%#x) = %d, %v; want %d, %v", c, g, ok, w, in)
		}
	}
	if cm.len() != len(want) {
		t.Errorf("len() = %d, want %d", cm.len(), len(want))
	}
	if g, ok := (*cmapTable)(nil).lookup(0x41); ok || g != 0 {
		t.Errorf("a nil table finds glyph %d", g)
	}
}

// TestStringWidthPastBMP checks that measuring a character past 16 bits
// with a UTF-8 font gives the font's missing width. Upstream's 65,536
// widths made GetStringWidth panic (index out of range) on U+10000
// exactly, and SplitText on any character past U+FFFF.
func TestStringWidthPastBMP(t *testing.T) {
	f := New("P", "pt", "A4", "")
	f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	f.SetFont("sans", "", 10)
	f.AddPage()
	missing := f.currentFont.Desc.MissingWidth
	a := f.GetStringSymbolWidth("A")
	if a == 0 {
		t.Fatal("no width for A")
	}
	for _, s := range []string{"\U00010000", "\U0001F600"} {
		if got := f.GetStringSymbolWidth("A" + s); got != a+missing {
			t.Errorf("width of A%+q = %d, want %d + %d", s, got, a, missing)
		}
		if lines := f.SplitText("A"+s+" A", 1000); len(lines) != 1 {
			t.Errorf("SplitText(A%+q A) = %q, want one line", s, lines)
		}
	}
	if err := f.Error(); err != nil {
		t.Fatal(err)
	}
}
