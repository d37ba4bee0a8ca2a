package tablelayout

import (
	"fmt"
	"math"
	"testing"

	"github.com/paperhq/paper/report/doc"
)

func near(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestWidths(t *testing.T) {
	tests := []struct {
		name          string
		hints, mins   []float64
		width         float64
		want          []float64
		wordsMayBreak bool
	}{
		{"hints alone when every column holds its words", []float64{3, 1, 1}, []float64{10, 10, 10}, 100, []float64{60, 20, 20}, false},
		// The middle column needs 30, not its 20: the others give up 10
		// between them, 50:10 as they are 50 and 10 above their minimums.
		{"a narrow column grows, the others pay by what they spare", []float64{3, 1, 1}, []float64{10, 30, 10}, 100, []float64{60 - 10*50.0/60, 30, 20 - 10*10.0/60}, false},
		{"two columns grow", []float64{2, 1, 1}, []float64{20, 30, 30}, 100, []float64{40, 30, 30}, false},
		{"minimums exactly fill the width", []float64{5, 1}, []float64{40, 60}, 100, []float64{40, 60}, false},
		{"minimums beyond the width share it by minimum", []float64{1, 1}, []float64{90, 30}, 100, []float64{75, 25}, true},
		{"no minimums", []float64{1, 3}, nil, 100, []float64{25, 75}, false},
		{"no columns", nil, nil, 100, []float64{}, false},
	}
	for _, tt := range tests {
		got := Widths(tt.hints, tt.mins, tt.width)
		if !near(got, tt.want) {
			t.Errorf("%s: widths %v, want %v", tt.name, got, tt.want)
		}
		if tt.mins != nil && Fits(tt.mins, tt.width) == tt.wordsMayBreak {
			t.Errorf("%s: Fits = %v", tt.name, !tt.wordsMayBreak)
		}
	}
}

// FuzzWidths checks what Widths promises for any columns: the widths fill
// the width exactly, no column is below its minimum when the minimums fit,
// and the hints alone decide when they already give every column its
// minimum.
func FuzzWidths(f *testing.F) {
	f.Add([]byte{3, 1, 1, 10, 30, 10}, uint16(100))
	f.Add([]byte{1, 1, 90, 30}, uint16(100))
	f.Add([]byte{0, 0, 0, 200, 1, 1}, uint16(170))
	f.Fuzz(func(t *testing.T, data []byte, w uint16) {
		n := len(data) / 2
		if n == 0 || w == 0 {
			return
		}
		hints, mins := make([]float64, n), make([]float64, n)
		for i := range n {
			hints[i] = float64(data[i]) // zero counts as 1, as in Hints
			if hints[i] == 0 {
				hints[i] = 1
			}
			mins[i] = float64(data[n+i]) / 2
		}
		width := float64(w)
		got := Widths(hints, mins, width)
		if s := sum(got); math.Abs(s-width) > 1e-6*width {
			t.Fatalf("widths %v add up to %v, not %v", got, s, width)
		}
		if !Fits(mins, width) {
			return
		}
		plain := true
		for i := range got {
			if got[i] < mins[i]-1e-6 {
				t.Fatalf("column %d is %v, below its minimum %v (widths %v, minimums %v)", i, got[i], mins[i], got, mins)
			}
			if hints[i]/sum(hints)*width < mins[i] {
				plain = false
			}
		}
		if plain {
			for i := range got {
				if math.Abs(got[i]-hints[i]/sum(hints)*width) > 1e-6 {
					t.Fatalf("column %d moved from its hint's share though every column held its words: %v", i, got)
				}
			}
		}
	})
}

func cell(s string) doc.Cell { return doc.Cell{Content: doc.Plain(s)} }

func TestMins(t *testing.T) {
	// A cell's minimum is its text's length; header cells count double.
	cellMin := func(c doc.Cell, header bool) float64 {
		n := float64(len(doc.Text(c.Content)))
		if header {
			return 2 * n
		}
		return n
	}
	tests := []struct {
		name string
		t    *doc.Table
		want []float64
	}{
		{"widest cell of each column, header rows as headers",
			&doc.Table{Columns: []doc.Column{{}, {}}, Header: [][]doc.Cell{{cell("ab"), cell("c")}},
				Rows: [][]doc.Cell{{cell("abcde"), cell("x")}, {cell("a"), cell("xyz")}}},
			[]float64{5, 3}},
		// The span needs 12 across columns holding 2 and 4: the 6 short
		// is shared 1:2 by the hints.
		{"a span's shortfall shared by hint",
			&doc.Table{Columns: []doc.Column{{Width: 1}, {Width: 2}}, Rows: [][]doc.Cell{
				{cell("ab"), cell("abcd")}, {{Content: doc.Plain("abcdefghijkl"), Span: 2}}}},
			[]float64{4, 8}},
		{"a span already held adds nothing",
			&doc.Table{Columns: []doc.Column{{}, {}, {}}, Rows: [][]doc.Cell{
				{cell("abcd"), cell("abcd"), cell("a")}, {{Content: doc.Plain("Stage 2"), Span: 3}}}},
			[]float64{4, 4, 1}},
		{"cells beyond the columns are ignored",
			&doc.Table{Columns: []doc.Column{{}}, Rows: [][]doc.Cell{{cell("ab"), cell("abcdef")}}},
			[]float64{2}},
	}
	for _, tt := range tests {
		if got := Mins(tt.t, cellMin); !near(got, tt.want) {
			t.Errorf("%s: minimums %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestLongestWord(t *testing.T) {
	// One unit per character, two when bold.
	measure := func(text string, bold, italic bool, size float64) float64 {
		n := float64(len([]rune(text)))
		if bold {
			n *= 2
		}
		return n * size
	}
	tests := []struct {
		name string
		runs []doc.Inline
		bold bool
		want float64
	}{
		{"longest word", doc.Plain("Upheld per 100,000 residents"), false, 9},
		{"a header cell is bold", doc.Plain("Upheld per 100,000 residents"), true, 18},
		{"a word across runs", []doc.Inline{{Text: "Total "}, {Text: "1,589", Bold: true}, {Text: "†"}}, false, 11},
		{"a line break ends a word", []doc.Inline{{Text: "Investi"}, {Break: true}, {Text: "gations"}}, false, 7},
		{"an address breaks after slashes and hyphens",
			[]doc.Inline{{Text: "https://www.lgo.org.uk/information-centre/reports", Link: "https://www.lgo.org.uk/information-centre/reports"}}, false, float64(len("information-"))},
		{"an address without a link", doc.Plain("see www.example.org/annual-review"), false, float64(len("example."))},
		{"a hyphenated word is not an address", doc.Plain("year-on-year"), false, 12},
		{"empty", nil, false, 0},
	}
	for _, tt := range tests {
		if got := LongestWord(tt.runs, tt.bold, 1, measure); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
	// In Liberation Sans, bold is wider than regular.
	if r, b := Arial("Investigations", false, false, 11), Arial("Investigations", true, false, 11); !(b > r && r > 50 && r < 80) {
		t.Errorf("Arial widths of Investigations at 11 pt: regular %v, bold %v", r, b)
	}
}

func TestKeepWithNext(t *testing.T) {
	group := []doc.Cell{{Content: doc.Plain("Stage 2 complaints"), Span: 3}}
	row := []doc.Cell{cell("Received"), cell("1"), cell("2")}
	tab := &doc.Table{Columns: []doc.Column{{}, {}, {}}, Rows: [][]doc.Cell{group, row, row, group, row, row, row}}
	var got []bool
	for i := range tab.Rows {
		got = append(got, KeepWithNext(tab, i))
	}
	want := []bool{true, false, false, true, false, true, false}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("kept with next: %v, want %v", got, want)
	}
	one := &doc.Table{Columns: []doc.Column{{}}, Rows: [][]doc.Cell{{cell("a")}, {cell("b")}, {cell("c")}}}
	if GroupHeading(one, one.Rows[0]) {
		t.Error("a one-column table has no group headings")
	}
}

// TestArialAdvances checks the widths Arial measures, in em, against
// Arial's (and Liberation Sans's) metrics: units of a 2048-unit em.
func TestArialAdvances(t *testing.T) {
	tests := []struct {
		text         string
		bold, italic bool
		want         float64
	}{
		{"i", false, false, 455.0 / 2048},
		{"W", false, false, 1933.0 / 2048},
		{" ", false, false, 569.0 / 2048},
		{"i", true, false, 569.0 / 2048},
		{"£", false, false, 1139.0 / 2048},
		{"–", false, false, 1139.0 / 2048}, // en dash
		{"iW", false, false, (455.0 + 1933) / 2048},
		{"\u2e80", false, false, 0.6}, // a CJK radical the font lacks
		{"\u4e00", false, false, 0.6}, // beyond the table
		{"", false, false, 0},
	}
	for _, tt := range tests {
		// Twice: the first looks the characters up, the second reads
		// what the first kept.
		for range 2 {
			if got := Arial(tt.text, tt.bold, tt.italic, 1); math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("Arial(%q, bold %v, italic %v): %v em, want %v", tt.text, tt.bold, tt.italic, got, tt.want)
			}
		}
	}
}

// TestArialConcurrent measures from several goroutines at once, as
// documents written side by side do (run with -race), and checks they
// agree with one another.
func TestArialConcurrent(t *testing.T) {
	const text = "Complaints upheld by the Ombudsman, 2020/21: £1,250 – “remedies”"
	got := make([]float64, 8)
	done := make(chan int)
	for i := range got {
		go func() {
			got[i] = Arial(text, i%2 == 1, i%4 >= 2, 10)
			done <- i
		}()
	}
	for range got {
		<-done
	}
	for i, w := range got {
		if want := Arial(text, i%2 == 1, i%4 >= 2, 10); w != want || !(w > 200 && w < 400) {
			t.Errorf("goroutine %d: %v, want %v (between 200 and 400 pt)", i, w, want)
		}
	}
}
