package charts

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFit(t *testing.T) {
	f := textFont(nil, labelSize)
	for _, tc := range []struct {
		s     string
		width string // the room is this text's width
		want  string
	}{
		{"Housing", "Housing", "Housing"},
		{"Planning and Building Control", "Planning a…", "Planning a…"},
		{"Planning and Building Control", "Planning an", "Planning…"}, // "Planning a…" is wider
		{"Planning, Building Control", "Planning, B", "Planning…"},    // the comma goes with the space
		{"Housing", "H", "…"},
		{"", "M", ""},
		{strings.Repeat("Waste and Recycling ", 5000), "Waste and R…", "Waste and R…"},
		{"Bad \xff byte in a name", "Bad \uFFFD byte…", "Bad \uFFFD byte…"},
	} {
		got := fit(tc.s, f, f.width(tc.width))
		if got != tc.want {
			t.Errorf("fit(%.40q, width of %q) = %q, want %q", tc.s, tc.width, got, tc.want)
		}
	}
	if got := fit("Housing", f, -1); got != "…" {
		t.Errorf("fit in negative room = %q, want …", got)
	}
}

func TestWrapText(t *testing.T) {
	f := textFont(nil, labelSize)
	m := f.width("M")
	for _, tc := range []struct {
		s     string
		width float64
		most  int
		want  []string
	}{
		{"Adult Social Care", 20, 0, []string{"Adult Social Care"}},
		{"Adult Social Care", 6, 0, []string{"Adult", "Social", "Care"}},
		{"Adult Social Care", 6, 2, []string{"Adult", "Social Care"}},
		{"  Adult\tSocial\n Care ", 20, 0, []string{"Adult Social Care"}},
		{"Harrowgate-and-Wendlebury Council", 6, 0, []string{"Harrowgate-and-Wendlebury", "Council"}},
		{" ", 6, 0, nil},
		{strings.Repeat("Repairs ", 20000), 12, 2, []string{"Repairs Repairs", strings.TrimSpace(strings.Repeat("Repairs ", 19998))}},
	} {
		got := wrapText(tc.s, f, tc.width*m, tc.most)
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("wrapText(%.40q, %g M, %d) = %.80q, want %.80q", tc.s, tc.width, tc.most, got, tc.want)
		}
	}
}

// FuzzFit checks fit and wrapText against what they promise, whatever
// the text: fit returns s when it fits, else the longest prefix that fits
// with "…" after it; wrapText keeps every word, in order, and breaks a
// line only where the next word would not fit.
func FuzzFit(f *testing.F) {
	f.Add("Planning and Building Control", 40.0)
	f.Add("Council Tax, Benefits ,, and   Revenues", 25.0)
	f.Add("Harrowgate-and-Wendlebury-Metropolitan-Borough-Council", 10.0)
	f.Add("ŵ – £1,250\xff\xfe", 5.0)
	f.Fuzz(func(t *testing.T, s string, widthMM float64) {
		font := textFont(nil, labelSize)
		width := mm(widthMM)
		valid := s
		if !utf8.ValidString(s) {
			valid = string([]rune(s))
		}
		got := fit(s, font, width)
		if font.width(s) <= width {
			if got != s {
				t.Fatalf("fit(%q) = %q, but it fits", s, got)
			}
		} else {
			body, ok := strings.CutSuffix(got, "…")
			if !ok || !strings.HasPrefix(valid, body) || strings.TrimRight(body, " ,") != body {
				t.Fatalf("fit(%q) = %q: not a trimmed prefix with an ellipsis", s, got)
			}
			if got != "…" && font.width(got) > width {
				t.Fatalf("fit(%q) = %q, %g wide, more than %g", s, got, font.width(got), width)
			}
			// The next longer prefix that ends in a kept character does
			// not fit.
			rest := valid[len(body):]
			if i := strings.IndexFunc(rest, func(r rune) bool { return r != ' ' && r != ',' }); i >= 0 {
				_, n := utf8.DecodeRuneInString(rest[i:])
				if next := valid[:len(body)+i+n] + "…"; font.width(next) <= width {
					t.Fatalf("fit(%q) = %q, but %q fits too", s, got, next)
				}
			}
		}

		for _, most := range []int{0, 2} {
			lines := wrapText(s, font, width, most)
			if strings.Join(lines, " ") != strings.Join(strings.Fields(s), " ") {
				t.Fatalf("wrapText(%q, %d) = %q lost or moved words", s, most, lines)
			}
			if most > 0 && len(lines) > most {
				t.Fatalf("wrapText(%q, %d) = %d lines", s, most, len(lines))
			}
			for i, ln := range lines {
				if most > 0 && i == len(lines)-1 {
					break // the rest, unwrapped
				}
				if font.width(ln) > width && strings.Contains(ln, " ") {
					t.Fatalf("wrapText(%q): line %q too wide and breakable", s, ln)
				}
				if i+1 < len(lines) {
					next := strings.Fields(lines[i+1])[0]
					if font.width(ln+" "+next) <= width {
						t.Fatalf("wrapText(%q): %q broken before %q, which fits", s, ln, next)
					}
				}
			}
		}
	})
}

// misplaced returns what a recorded chart draws outside its bounds, or
// on top of other text: what a reader would see cut off or overprinted.
func misplaced(r *recorder) []string {
	var out []string
	bounds := rect{0, 0, r.w, r.h}
	for i, a := range r.texts {
		if !a.box.inside(bounds) {
			out = append(out, fmt.Sprintf("%q at %v is outside the chart %v", a.s, a.box, bounds))
		}
		for _, o := range r.texts[i+1:] {
			if a.box.overlaps(o.box) {
				out = append(out, fmt.Sprintf("%q %v overlaps %q %v", a.s, a.box, o.s, o.box))
			}
		}
	}
	return out
}

// TestLargeValuesKeepLabelsInside draws figures of ten million (the
// cases FuzzCharts found: a reference line's label, shortened to leave
// room for "100.0%", ran off the right edge with a longer figure; the
// scale's last tick label, "10,000,000", centred on a tick at the
// chart's edge, ran off it) in every format and width.
func TestLargeValuesKeepLabelsInside(t *testing.T) {
	long := "Harrowgate and Wendlebury Metropolitan Borough Council, average of the similar authorities in the Ombudsman's annual review letter"
	for _, width := range []float64{MinWidth, 100, 170, MaxWidth} {
		for _, format := range []Format{Count, Decimal, Percent} {
			bars := &Bars{Subject: "complaints", Width: width, Series: Series{Name: "Complaints", Format: format, Axis: "Complaints received"},
				Rows:      []Row{{Label: "Housing", Value: V(1e7)}, {Label: long, Value: V(12336), Own: true}, {Label: "Planning", Value: V(1)}},
				Reference: &Reference{Label: long, Value: 1e7}}
			cols := &Columns{Subject: "complaints", Width: width, Labels: []string{"2019/20", "2020/21", long},
				Bars: Series{Name: "Complaints", Format: format, Axis: "Complaints received", Values: []Value{V(1e7), V(12336), V(1e7)}},
				Line: Series{Name: "On time", Format: Percent, Axis: "On time", Values: []Value{V(1e7), V(0.5), V(1)}}}
			st := &Stacked{Subject: "outcomes", Width: width, Parts: []string{"Upheld", "Partially upheld", "Not upheld"}, Axis: "Complaints",
				Rows: []StackRow{{Label: long, Counts: []int{1e7, 12336, 1e7}}, {Label: "Housing", Counts: []int{1, 2, 3}}}}
			fu := &Funnel{Subject: "complaints", Width: width, Steps: []Step{{Label: "Stage 1", Count: 1e7},
				{Label: long, Count: 1e7, Rate: V(1), Into: "stage 2"}, {Label: "Ombudsman", Count: 12336, Rate: V(0.0012336), Into: "the Ombudsman"}}}
			// The scale runs to the reference's ten million; the bars'
			// figures keep little room right of it for the last tick.
			ref := &Bars{Subject: "complaints", Width: width, Series: Series{Name: "Complaints", Format: format},
				Rows: []Row{{Label: "Housing", Value: V(0.19)}}, Reference: &Reference{Label: "Average", Value: 1e7}}
			for _, c := range []Chart{bars, ref, cols, st, fu} {
				r, err := record(c)
				if err != nil {
					t.Fatalf("%T width %g format %d: %v", c, width, format, err)
				}
				for _, m := range misplaced(r) {
					t.Errorf("%T width %g format %d: %s", c, width, format, m)
				}
			}
		}
	}
}
