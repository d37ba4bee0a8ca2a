package pdf

import (
	"reflect"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
)

// wordsBefore and wrapBefore are words and wrap as they were before
// their spans shared backing arrays: the reference the faster ones must
// match exactly.
func wordsBefore(fc *face, runs []doc.Inline, baseStyle string, size float64) []word {
	var out []word
	var cur word
	flush := func() {
		if len(cur.spans) > 0 {
			out = append(out, cur)
		}
		cur = word{}
	}
	for _, in := range runs {
		if in.Break {
			flush()
			out = append(out, word{brk: true})
			continue
		}
		ts := textStyle{style: styleOf(in, baseStyle), size: size, link: in.Link, face: fc}
		space, _ := fc.familyFor(' ', ts.style)
		text := clean(in.Text)
		for len(text) > 0 {
			i := strings.IndexByte(text, ' ')
			if i < 0 {
				i = len(text)
			}
			if i > 0 {
				for _, s := range spans(text[:i], ts) {
					cur.spans = append(cur.spans, s)
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
				cur.spans = append(cur.spans, sp)
				cur.spaceW += sp.w
				text = text[j:]
				flush()
			}
		}
	}
	flush()
	return out
}

func wrapBefore(fc *face, runs []doc.Inline, baseStyle string, size, width float64) []line {
	var lines []line
	var cur line
	pendingSpace := 0.0
	var pending []span
	newLine := func() {
		cur.trail = pending
		lines = append(lines, cur)
		cur = line{}
		pending, pendingSpace = nil, 0
	}
	for _, wd := range wordsBefore(fc, runs, baseStyle, size) {
		if wd.brk {
			newLine()
			continue
		}
		if len(cur.spans) > 0 && cur.w+pendingSpace+wd.w > width+1e-6 {
			newLine()
		}
		if len(cur.spans) == 0 && wd.w > width+1e-6 {
			for _, piece := range splitLong(wd, width) {
				if len(cur.spans) > 0 {
					newLine()
				}
				cur.spans = append(cur.spans, piece.spans...)
				cur.w = piece.w
			}
			pending, pendingSpace = trailingSpaces(wd)
			continue
		}
		cur.spans = append(cur.spans, pending...)
		cur.w += pendingSpace
		body, spaces := splitTrailing(wd)
		cur.spans = append(cur.spans, body...)
		cur.w += wd.w
		pending, pendingSpace = spaces, wd.spaceW
	}
	if len(cur.spans) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// normalise makes empty span slices nil, so that DeepEqual compares
// contents.
func normalise(lines []line) []line {
	out := make([]line, len(lines))
	for i, ln := range lines {
		if len(ln.spans) == 0 {
			ln.spans = nil
		}
		if len(ln.trail) == 0 {
			ln.trail = nil
		}
		out[i] = ln
	}
	return out
}

// checkWrapAsBefore wraps runs both ways, in the default face and a
// house style's, and checks that the lines and words are the same, and
// that appending to one line's spans leaves the next line's alone.
func checkWrapAsBefore(t *testing.T, runs []doc.Inline, size, width float64) {
	t.Helper()
	fc, err := faceOf(doctest.SerifBody())
	if err != nil {
		t.Fatal(err)
	}
	for _, face := range []*face{nil, fc} {
		for _, style := range []string{"", "B"} {
			if got, want := words(face, runs, style, size), wordsBefore(face, runs, style, size); !reflect.DeepEqual(got, want) {
				t.Fatalf("words(%+v, style %q, size %v): %d words, before %d; not the same", runs, style, size, len(got), len(want))
			}
			got := wrap(face, runs, style, size, width)
			want := wrapBefore(face, runs, style, size, width)
			if !reflect.DeepEqual(normalise(got), normalise(want)) {
				t.Fatalf("wrap(%+v, style %q, size %v, width %v): %d lines, before %d; not the same", runs, style, size, width, len(got), len(want))
			}
			for i := 0; i+1 < len(got); i++ {
				next := append([]span(nil), got[i+1].spans...)
				_ = append(got[i].spans, span{text: "appended"})
				_ = append(got[i].trail, span{text: "appended"})
				if !reflect.DeepEqual(got[i+1].spans, next) && len(next) > 0 {
					t.Fatalf("wrap(%+v): appending to line %d changed line %d", runs, i, i+1)
				}
			}
		}
	}
}

// TestWrapAsBefore compares wrap with the version before shared backing
// arrays on text a paper has: plain and styled runs, links, forced
// breaks, runs of spaces, characters only the fallback font has, words
// longer than the line and web addresses.
func TestWrapAsBefore(t *testing.T) {
	long := "https://www.lgo.org.uk/information-centre/reports/annual-review-reports/local-government-complaint-reviews"
	for _, tc := range []struct {
		runs  []doc.Inline
		width float64
	}{
		{nil, 100},
		{doc.Plain(""), 100},
		{doc.Plain("The council received 1,234 complaints in 2023/24, 12% more than the year before."), 60},
		{doc.Plain("   leading and  double   spaces   "), 30},
		{[]doc.Inline{{Text: "Bold start "}, {Text: "then bold", Bold: true}, {Text: " and italic", Italic: true}, {Break: true}, {Text: "after a break"}}, 40},
		{[]doc.Inline{{Break: true}, {Break: true}}, 40},
		{[]doc.Inline{{Text: "See "}, {Text: long, Link: long}, {Text: " for the reports."}}, 50},
		{doc.Plain("Ωμέγα ≤ ∑ → ✓ mixed with Latin text and 日本語"), 25},
		{doc.Plain(strings.Repeat("x", 300)), 20},
		{doc.Plain("a"), 0},
	} {
		checkWrapAsBefore(t, tc.runs, 10, tc.width)
	}
}

// FuzzWrapAsBefore compares wrap with the version before shared backing
// arrays on any text, split into runs at '|' (bold from the second) and
// with a forced break at '\n'.
func FuzzWrapAsBefore(f *testing.F) {
	f.Add("The council received 1,234 complaints | in 2023/24.\nNext line", 9.0, 50.0)
	f.Add("https://www.lgo.org.uk/a-very-long/path/that-does-not-fit", 9.0, 20.0)
	f.Add("  Ωμέγα  ✓ |日本語 ", 12.0, 10.0)
	f.Fuzz(func(t *testing.T, s string, size, width float64) {
		if !(size > 0 && size < 100) || !(width >= 0 && width < 1000) || len(s) > 2000 {
			t.Skip()
		}
		var runs []doc.Inline
		for i, line := range strings.Split(s, "\n") {
			if i > 0 {
				runs = append(runs, doc.Inline{Break: true})
			}
			for j, part := range strings.Split(line, "|") {
				runs = append(runs, doc.Inline{Text: part, Bold: j > 0})
			}
		}
		checkWrapAsBefore(t, runs, size, width)
	})
}
