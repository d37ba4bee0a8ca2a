package charts

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"strings"
	"testing"

	cpng "github.com/paperhq/paper/report/canvas/png"
	"github.com/paperhq/paper/report/doc"
)

func TestAltTextFromData(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chart Chart
		want  string
	}{
		{"trend: reference 001's Ombudsman enquiries", trendFixture(),
			"Bar chart: Ombudsman enquiries 2018/19 47 (34% on time), 2019/20 36 (53%), 2020/21 39 (69%)."},
		{"comparison per 100,000 residents", comparisonFixture(),
			"Horizontal bar chart: upheld investigations per 100,000 residents, 2020/21: " +
				"Harrowgate and Wendlebury Metropolitan Borough Council 12.1, Kingsbridge City Council (this council) 9.4, " +
				"Eastmoor City Council 9.4, Portmere Council 6.2, Ashdown Unitary Authority no figure; average of the councils shown 9.3."},
		{"comparison of upheld rates with the similar-authority average", rateComparisonFixture(),
			"Horizontal bar chart: share of investigations upheld, 2020/21: Portmere Council 91%, " +
				"Kingsbridge City Council (this council) 83%, Eastmoor City Council 74%, " +
				"Harrowgate and Wendlebury Metropolitan Borough Council 69%, Ashdown Unitary Authority 50%; similar authorities' average 67%."},
		{"by service, suppressed as published", byServiceFixture(),
			"Stacked bar chart: stage 1 complaint outcomes by service, 2020/21: " +
				"Housing 980 (upheld 310, partially upheld 150, not upheld 520); " +
				"Waste and Recycling 425 (upheld 200, partially upheld 45, not upheld 180); " +
				"Parking Services 420 (upheld 120, partially upheld 60, not upheld 240); " +
				"Council Tax and Benefits 223 (upheld withheld, partially upheld fewer than 5, not upheld 150); " +
				"Planning and Building Control 97 (upheld 25, partially upheld 12, not upheld 60); " +
				"Adult Social Care 92 (upheld 40, partially upheld 22, not upheld 30); " +
				"Registrars fewer than 5. Counts below 5, and any that would reveal them, are withheld."},
		{"funnel: reference 001's escalation", funnelFixture(),
			"Funnel chart: complaints received in 2020/21: Stage 1 3,100; Stage 2 237 (7.6% of stage 1); Ombudsman 39 (16% of stage 2)."},
		{"a year of months, listed", monthlyFixture(3),
			"Bar chart: stage 1 complaints received per month April 2019 220 (70% on time), May 2019 257 (83%), June 2019 294 (71%)."},
		{"two years of months, summarised", func() Chart { c := monthlyFixture(24); c.TableBelow = true; return c }(),
			"Bar chart: stage 1 complaints received per month, April 2019 to March 2021: " + FormatCount(sum(monthlyFixture(24).Bars.Values)) +
				" in all, lowest 220 in April 2019, " +
				"highest 309 in September 2020; answered on time from 70% in April 2019 to 94% in March 2021. The table below the chart gives every figure."},
		{"a rate that is undefined", func() Chart { c := trendFixture(); c.Line.Values[1] = Undefined; return c }(),
			"Bar chart: Ombudsman enquiries 2018/19 47 (34% on time), 2019/20 36 (no rate), 2020/21 39 (69%)."},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.chart.Alt(); got != tc.want {
				t.Errorf("alt text\n got: %s\nwant: %s", got, tc.want)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		f    Format
		v    float64
		want string
	}{
		{Count, 3100, "3,100"}, {Count, 1234567, "1,234,567"}, {Count, 0, "0"}, {Count, 46.6, "47"},
		{Decimal, 9.44, "9.4"}, {Decimal, 1234.56, "1,234.6"},
		{Percent, 16.0 / 47, "34%"}, {Percent, 19.0 / 36, "53%"}, {Percent, 237.0 / 3100, "7.6%"},
		{Percent, 0.05, "5%"}, {Percent, 0, "0%"}, {Percent, 1, "100%"}, {Percent, 0.9996, "99.9%"}, {Percent, 0.996, "99.6%"},
		{Percent, 0.0999, "10%"},
	} {
		if got := tc.f.String(tc.v); got != tc.want {
			t.Errorf("format %d of %v = %q, want %q", tc.f, tc.v, got, tc.want)
		}
	}
}

func TestNiceScaleStartsAtZeroAndHoldsTheData(t *testing.T) {
	for _, max := range []float64{0.3, 1, 3, 7, 9.44, 12.1, 39, 47, 51.7, 99, 100, 237, 980, 3100, 3418, 123456} {
		for _, whole := range []bool{true, false} {
			for _, n := range []int{0, 4, 5} {
				s := niceScale(max, n, whole)
				ticks := s.ticks()
				if ticks[0] != 0 {
					t.Errorf("scale for %v starts at %v", max, ticks[0])
				}
				if s.max() < max {
					t.Errorf("scale for %v tops out at %v", max, s.max())
				}
				if n > 0 && s.n != n {
					t.Errorf("scale for %v has %d steps, want %d", max, s.n, n)
				}
				if whole && s.step != float64(int64(s.step)) {
					t.Errorf("count scale for %v steps by %v", max, s.step)
				}
				if s.max() > max*2.6+1 && !(whole && s.step == 1) {
					t.Errorf("scale for %v wastes space: up to %v", max, s.max())
				}
			}
		}
	}
}

// stress returns charts at the edges of what layout must handle: long
// names, many rows, tiny and zero values, the narrowest width.
func stress() map[string]Chart {
	m := map[string]Chart{}
	for name, c := range map[string]Chart{
		"trend": trendFixture(), "comparison": comparisonFixture(), "rates": rateComparisonFixture(),
		"by-service": byServiceFixture(), "funnel": funnelFixture(),
		"monthly": monthlyFixture(12), "monthly-24": monthlyFixture(24), "monthly-36": monthlyFixture(36),
		"heatmap": heatmapFixture(),
	} {
		m[name] = c
	}
	narrow := func(c Chart) Chart {
		switch c := c.(type) {
		case *Columns:
			c.Width = MinWidth
		case *Bars:
			c.Width = MinWidth
		case *Stacked:
			c.Width = MinWidth
		case *Funnel:
			c.Width = MinWidth
		}
		return c
	}
	m["trend narrow"] = narrow(trendFixture())
	m["comparison narrow"] = narrow(comparisonFixture())
	m["by-service narrow"] = narrow(byServiceFixture())
	m["funnel narrow"] = narrow(funnelFixture())
	m["monthly narrow"] = narrow(monthlyFixture(12))
	m["monthly-36 narrow"] = narrow(monthlyFixture(36))

	titled := trendFixture()
	titled.Title = "Ombudsman enquiries, 2018/19 to 2020/21"
	m["trend with title"] = titled

	tens := trendFixture()
	tens.Labels = []string{"2011/12", "2012/13", "2013/14", "2014/15", "2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2020/21"}
	tens.Bars.Values, tens.Line.Values = nil, nil
	for i := range tens.Labels {
		tens.Bars.Values = append(tens.Bars.Values, V(float64(3000+i*40)))
		tens.Line.Values = append(tens.Line.Values, V(float64(i)/10))
	}
	m["trend ten years"] = tens

	low := trendFixture()
	low.Bars.Values = []Value{V(1), V(0), V(2)}
	low.Line.Values = []Value{V(1), Undefined, V(0)}
	m["trend tiny values"] = low

	nolines := trendFixture()
	nolines.Line = Series{}
	m["trend without a rate"] = nolines

	many := &Stacked{Subject: "many services", Parts: []string{"Upheld", "Partially upheld", "Not upheld"}, SuppressBelow: 5}
	for i := 0; i < 25; i++ {
		many.Rows = append(many.Rows, StackRow{Label: fmt.Sprintf("Service number %d with a long directorate name attached", i), Counts: []int{i * 3, i, 40 - i}})
	}
	m["by-service many long names"] = many

	tiny := funnelFixture()
	tiny.Steps[1].Count, tiny.Steps[2].Count = 0, 0
	tiny.Steps[1].Rate, tiny.Steps[2].Rate = V(0), Undefined
	m["funnel nothing escalated"] = tiny
	return m
}

func TestLabelsNeitherOverlapNorLeaveTheChart(t *testing.T) {
	for name, c := range stress() {
		t.Run(name, func(t *testing.T) {
			r, err := record(c)
			if err != nil {
				t.Fatal(err)
			}
			if r.clips != 0 {
				t.Errorf("%d clips left pushed", r.clips)
			}
			bounds := rect{0, 0, r.w, r.h}
			for i, a := range r.texts {
				if !a.box.inside(bounds) {
					t.Errorf("%q at %v is cut off by the chart's edge %v", a.s, a.box, bounds)
				}
				if pt := a.pt; pt < 8.99 {
					t.Errorf("%q is %.1f pt, below 9 pt", a.s, pt)
				}
				for _, b := range r.texts[i+1:] {
					if a.box.overlaps(b.box) {
						t.Errorf("%q %v overlaps %q %v", a.s, a.box, b.s, b.box)
					}
				}
			}
			for _, s := range r.shapes {
				for _, p := range s.pts {
					if p[0] < -1e-9 || p[1] < -1e-9 || p[0] > r.w+1e-9 || p[1] > r.h+1e-9 {
						t.Errorf("a shape reaches %v, outside the %g×%g chart", p, r.w, r.h)
						break
					}
				}
			}
		})
	}
}

func TestScalesStartAtZeroAndRatesRunToAHundred(t *testing.T) {
	for name, c := range stress() {
		r, err := record(c)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := c.(*Funnel); ok {
			continue // no scale: widths are proportional to the counts
		}
		if !r.has("0") && !r.has("0%") {
			t.Errorf("%s: no zero on the value scale: %q", name, r.textsOf())
		}
		percent := false
		switch c := c.(type) {
		case *Columns:
			percent = c.Line.defined()
		case *Bars:
			percent = c.Series.Format == Percent
		}
		if percent && (!r.has("0%") || !r.has("100%")) {
			t.Errorf("%s: the rate scale does not run from 0%% to 100%%: %q", name, r.textsOf())
		}
	}
}

func TestSuppressedCountsAreNeverDrawn(t *testing.T) {
	c := byServiceFixture()
	r, err := record(c)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.textsOf() {
		if s == "3" || s == "70" || s == "73" {
			t.Errorf("the chart prints %q, a suppressed count or one that reveals it", s)
		}
	}
	if !r.has("<5") || !r.has("Withheld (small numbers)") {
		t.Errorf("suppression not shown: %q", r.textsOf())
	}
	// The table matches the chart: a small count "<5", its protector "*",
	// a small row last with every count withheld.
	tb := c.Table()
	row := func(label string) []string {
		for _, r := range tb.Rows {
			if doc.Text(r[0].Content) == label {
				var out []string
				for _, c := range r[1:] {
					out = append(out, doc.Text(c.Content))
				}
				return out
			}
		}
		t.Fatalf("no row %s", label)
		return nil
	}
	if got := strings.Join(row("Council Tax and Benefits"), " "); got != "* <5 150 223" {
		t.Errorf("Council Tax and Benefits row = %s", got)
	}
	if got := strings.Join(row("Registrars"), " "); got != "* * * <5" {
		t.Errorf("Registrars row = %s", got)
	}
	if last := doc.Text(tb.Rows[len(tb.Rows)-2][0].Content); last != "Registrars" {
		t.Errorf("the small row is not last but %s", last)
	}
}

func TestSecondarySuppression(t *testing.T) {
	for _, tc := range []struct {
		counts []int
		want   string
	}{
		{[]int{3, 0, 40}, "<5 0 * 43"},       // one small count: the next smallest is withheld too
		{[]int{1, 2, 40}, "<5 <5 * 43"},      // two small counts adding to 3: still below 5
		{[]int{4, 9, 40}, "<5 * 40 53"},      // 4 + 9 = 13: enough
		{[]int{10, 20, 30}, "10 20 30 60"},   // nothing small
		{[]int{0, 0, 12}, "0 0 12 12"},       // zeros are not small
		{[]int{2, 1, 1}, "* * * <5"},         // a small total hides the row
		{[]int{0, 0, 0}, "0 0 0 0"},          // nothing at all
		{[]int{300, 2, 250}, "300 <5 * 552"}, // withholds the smallest other
	} {
		s := &Stacked{Parts: []string{"a", "b", "c"}, SuppressBelow: 5, Rows: []StackRow{{Label: "x", Counts: tc.counts}}}
		var got []string
		for _, c := range s.Table().Rows[0][1:] {
			got = append(got, doc.Text(c.Content))
		}
		if g := strings.Join(got, " "); g != tc.want {
			t.Errorf("%v published as %s, want %s", tc.counts, g, tc.want)
		}
	}
}

func TestEmptyDataIsAnError(t *testing.T) {
	for _, tc := range []struct {
		name  string
		chart Chart
	}{
		{"no years", &Columns{Bars: Series{Name: "Received"}}},
		{"all zero", &Columns{Labels: []string{"2020/21"}, Bars: Series{Name: "Received", Values: []Value{V(0)}}}},
		{"all missing", &Columns{Labels: []string{"2020/21"}, Bars: Series{Name: "Received", Values: []Value{Undefined}}}},
		{"no councils", &Bars{}},
		{"no figures", &Bars{Rows: []Row{{Label: "A"}, {Label: "B", Value: V(0)}}}},
		{"no services", &Stacked{Parts: []string{"Upheld"}}},
		{"no outcomes", &Stacked{Parts: []string{"Upheld"}, Rows: []StackRow{{Label: "Housing", Counts: []int{0}}}}},
		{"no stages", &Funnel{}},
		{"nothing at stage 1", &Funnel{Steps: []Step{{Label: "Stage 1"}, {Label: "Stage 2"}}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.chart.Check()
			if !errors.Is(err, ErrEmpty) {
				t.Fatalf("Check() = %v, want ErrEmpty", err)
			}
			if err := tc.chart.Draw(&recorder{}); !errors.Is(err, ErrEmpty) {
				t.Errorf("Draw() = %v, want ErrEmpty", err)
			}
		})
	}
}

func TestMalformedDataIsAnErrorNotAPanic(t *testing.T) {
	for _, c := range []Chart{
		&Columns{Labels: []string{"a", "b"}, Bars: Series{Values: []Value{V(1)}}},
		&Columns{Labels: []string{"a"}, Bars: Series{Values: []Value{V(-1)}}},
		&Columns{Labels: []string{"a"}, Bars: Series{Values: []Value{V(1)}}, Line: Series{Values: []Value{V(1), V(2)}}},
		&Bars{Rows: []Row{{Label: "a", Value: V(-3)}}},
		&Stacked{Parts: []string{"a", "b"}, Rows: []StackRow{{Label: "x", Counts: []int{1}}}},
		&Stacked{Parts: []string{"a"}, Rows: []StackRow{{Label: "x", Counts: []int{-1}}}},
		&Funnel{Steps: []Step{{Label: "a", Count: -1}}},
	} {
		if err := c.Check(); err == nil {
			t.Errorf("%T %+v: no error", c, c)
		}
	}
}

// pngOf draws c with the raster backend at 8 pixels a millimetre.
func pngOf(t *testing.T, c Chart) []byte {
	t.Helper()
	img, err := cpng.Draw(c, 8)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := cpng.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDeterministic(t *testing.T) {
	for name, c := range stress() {
		a, err := record(c)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := record(c)
		if a.log.String() != b.log.String() {
			t.Errorf("%s: two drawings of the same data differ", name)
		}
	}
	// And pixel for pixel through the raster backend.
	c := byServiceFixture()
	if !bytes.Equal(pngOf(t, c), pngOf(t, c)) {
		t.Error("two PNGs of the same chart differ")
	}
}

func TestRastersWithTheDocumentFont(t *testing.T) {
	// The raster backend draws the text in legible ink.
	img, err := png.Decode(bytes.NewReader(pngOf(t, trendFixture())))
	if err != nil {
		t.Fatal(err)
	}
	dark := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bb, a := img.At(x, y).RGBA()
			if a > 0xC000 && r < 0x4000 && g < 0x4000 && bb < 0x4000 {
				dark++
			}
		}
	}
	if dark < 500 {
		t.Errorf("only %d dark pixels: no text drawn?", dark)
	}
	_ = image.Rect
}

func TestColoursReadWithoutColour(t *testing.T) {
	p, _ := ParsePalette(nil)
	// Text on every fill used is readable (WCAG AA, 4.5:1).
	for i := 0; i < 3; i++ {
		if c := contrast(p.at(i), textOn(p.at(i))); c < 4.5 {
			t.Errorf("text on palette colour %d has contrast %.2f", i, c)
		}
	}
	// The line stands out from the page (WCAG 1.4.11, 3:1).
	if c := contrast(p.lineColour(p.at(0)), white); c < 3 {
		t.Errorf("rate line contrast %.2f against white", c)
	}
	// Adjacent parts of a stacked bar differ by pattern or clearly in
	// greyscale lightness.
	s := byServiceFixture()
	for i := 1; i < len(s.Parts); i++ {
		a, b := s.partStyle(i-1), s.partStyle(i)
		if a.hatched == b.hatched && contrast(a.fill, b.fill) < 1.3 {
			t.Errorf("parts %d and %d look alike in greyscale", i-1, i)
		}
	}
	// The council's own bar differs from the comparators' in pattern too.
	own, other := comparisonFixture().colours()
	if own.hatched == other.hatched {
		t.Error("the council's own bar is told apart by colour alone")
	}
	// A palette that is not RRGGBB is an error.
	if _, err := ParsePalette([]string{"blue"}); err == nil {
		t.Error("ParsePalette(blue): no error")
	}
}

func TestTablesCarryTheFigures(t *testing.T) {
	tb := trendFixture().Table()
	var got []string
	for _, r := range tb.Rows {
		var cells []string
		for _, c := range r {
			cells = append(cells, doc.Text(c.Content))
		}
		got = append(got, strings.Join(cells, " "))
	}
	want := "2018/19 47 34%|2019/20 36 53%|2020/21 39 69%"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("trend table %s, want %s", g, want)
	}
	if h := doc.Text(tb.Header[0][1].Content); h != "Enquiries received" {
		t.Errorf("header %q", h)
	}
	// The line is a rate whatever format it was given.
	m := monthlyFixture(2)
	m.Line.Format = Count
	if got := doc.Text(m.Table().Rows[0][2].Content); got != "70%" {
		t.Errorf("monthly rate in the table %q, want 70%%", got)
	}
	ft := funnelFixture().Table()
	if r := ft.Rows[2]; doc.Text(r[1].Content) != "39" || doc.Text(r[2].Content) != "16%" {
		t.Errorf("funnel table row %v", r)
	}
}

func sum(vs []Value) float64 {
	t := 0.0
	for _, v := range vs {
		t += v.V
	}
	return t
}
