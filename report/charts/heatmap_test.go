package charts

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// TestHeatShadesContrast checks that the value printed on every shade of
// the scale, and the mark on a withheld cell, has a contrast of at least
// 4.5:1 (WCAG 1.4.3) and that the shades run from light to dark.
func TestHeatShadesContrast(t *testing.T) {
	prev := 2.0
	for i, s := range HeatShades {
		tc, ratio := TextOnShade(s)
		if ratio < 4.5 {
			t.Errorf("shade %d (%02X%02X%02X): text %02X%02X%02X has contrast %.2f:1, under 4.5:1", i, s.R, s.G, s.B, tc.R, tc.G, tc.B, ratio)
		}
		if l := luminance(s); l >= prev {
			t.Errorf("shade %d is no darker than shade %d", i, i-1)
		} else {
			prev = l
		}
	}
	if r := contrast(ink, withheld); r < 4.5 {
		t.Errorf("the withheld mark has contrast %.2f:1 on its grey", r)
	}
	if r := contrast(ink, white); r < 4.5 {
		t.Errorf("totals have contrast %.2f:1", r)
	}
}

func heatFixture() *Heatmap {
	h := &Heatmap{Subject: "stage 1 complaints received by service and month, 2024/25", RowName: "Service", ColName: "Month", TotalName: "All services",
		Rows: []string{"Housing", "Planning"}, Cols: []string{"Apr", "May"}, LongCols: []string{"April 2024", "May 2024"}, Withheld: "[c]", Note: "[c]: withheld"}
	h.Cells = [][]HeatCell{{{Value: V(120)}, {Value: V(95)}}, {{Hidden: true}, {Hidden: true}}}
	h.RowTotals = []HeatCell{{Value: V(215)}, {Value: V(7)}}
	h.ColTotals = []HeatCell{{Hidden: true}, {Hidden: true}}
	h.Total = HeatCell{Value: V(222)}
	h.Busiest = "the busiest month was April 2024 (123 received)"
	return h
}

func TestHeatmap(t *testing.T) {
	h := heatFixture()
	if err := h.Check(); err != nil {
		t.Fatal(err)
	}
	alt := h.Alt()
	for _, want := range []string{"Heat map: stage 1 complaints received by service and month, 2024/25, 2 services by 2 months.",
		"Highest: Housing in April 2024 (120), Housing in May 2024 (95).", "The busiest month was April 2024 (123 received).", "withheld"} {
		if !strings.Contains(alt, want) {
			t.Errorf("alt text %q lacks %q", alt, want)
		}
	}
	tb := h.Table()
	if got := len(tb.Rows); got != 4 {
		t.Fatalf("%d table rows, want 2 services, the total and the note", got)
	}
	var row []string
	for _, c := range tb.Rows[1] {
		row = append(row, doc.Text(c.Content))
	}
	if strings.Join(row, "|") != "Planning|[c]|[c]|7" {
		t.Errorf("Planning's row reads %v", row)
	}
	var rec hatchCounter
	if err := h.Draw(&rec); err != nil {
		t.Fatal(err)
	}
	var drawn []string
	for _, d := range rec.texts {
		drawn = append(drawn, d.s)
	}
	texts := strings.Join(drawn, " ")
	for _, want := range []string{"120", "95", "215", "[c]", "222", "All services", "Total"} {
		if !strings.Contains(texts, want) {
			t.Errorf("the drawing's text lacks %q: %s", want, texts)
		}
	}
	if rec.hatches == 0 {
		t.Error("withheld cells are not hatched")
	}

	rate := heatFixture()
	rate.Format = Percent
	rate.Cells[0] = []HeatCell{{Value: V(0.5)}, {}}
	if err := rate.Check(); err != nil {
		t.Fatal(err)
	}
	if tb := rate.Table(); doc.Text(tb.Rows[0][2].Content) != "n/a" || doc.Text(tb.Rows[0][1].Content) != "50%" {
		t.Errorf("a rate map's cells read %q, %q", doc.Text(tb.Rows[0][1].Content), doc.Text(tb.Rows[0][2].Content))
	}
	rate.Cells[0][0] = HeatCell{Value: V(1.5)}
	if err := rate.Check(); err == nil {
		t.Error("a rate of 150% was accepted")
	}
	empty := heatFixture()
	empty.Cells = [][]HeatCell{{{Value: V(0)}, {Value: V(0)}}, {{Value: V(0)}, {}}}
	if err := empty.Check(); !errors.Is(err, ErrEmpty) {
		t.Errorf("all zero: %v", err)
	}
}

func TestHeatClasses(t *testing.T) {
	for _, c := range []struct {
		top    float64
		labels string
	}{
		{3, "0 1 2 3"},
		{6, "0 1 2 3 4 5 6"},
		{84, "0 1–20 21–40 41–60 61–80 81–100"},
		{250, "0 1–50 51–100 101–150 151–200 201–250"},
	} {
		h := heatFixture()
		h.Cells[0] = []HeatCell{{Value: V(c.top)}, {Value: V(1)}}
		var got []string
		for _, k := range h.classes() {
			got = append(got, k.label)
		}
		if strings.Join(got, " ") != c.labels {
			t.Errorf("largest %g: bands %v, want %s", c.top, got, c.labels)
		}
		if s := h.shade(h.classes(), c.top); s != HeatShades[len(HeatShades)-1] && len(got) > 2 {
			t.Errorf("largest %g is not the darkest shade", c.top)
		}
	}
}

// hatchCounter records a drawing and counts its hatches.
type hatchCounter struct {
	recorder
	hatches int
}

func (h *hatchCounter) Hatch(p *canvas.Path, hh canvas.Hatch) { h.hatches++; h.recorder.Hatch(p, hh) }

// heatmap builds a heat map from fuzz bytes: up to 12 rows by up to 14
// columns of counts or rates, some withheld, at any width.
func (d *fuzzData) heatmap() *Heatmap {
	h := &Heatmap{Title: d.str(), Subject: d.str(), RowName: d.str(), ColName: d.str(), TotalName: d.str(), Withheld: "[c]",
		Width: []float64{0, MinWidth, 100, 170, MaxWidth}[d.byte()%5], Format: Format(d.byte() % 3)}
	rows, cols := int(d.byte()%13), int(d.byte()%15)
	cell := func() HeatCell {
		v := d.value()
		if h.Format == Percent && v.OK {
			v.V = math.Min(v.V, 1)
		}
		return HeatCell{Value: v, Hidden: d.byte()%6 == 0}
	}
	for j := 0; j < cols; j++ {
		h.Cols = append(h.Cols, d.str())
		h.LongCols = append(h.LongCols, d.str())
		h.ColTotals = append(h.ColTotals, cell())
	}
	for i := 0; i < rows; i++ {
		h.Rows = append(h.Rows, d.str())
		var r []HeatCell
		for j := 0; j < cols; j++ {
			r = append(r, cell())
		}
		h.Cells = append(h.Cells, r)
		h.RowTotals = append(h.RowTotals, cell())
	}
	h.Total = cell()
	return h
}

// FuzzHeatmap draws heat maps of arbitrary data under FuzzCharts' checks.
func FuzzHeatmap(f *testing.F) {
	f.Add([]byte{3, 0, 4, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Add([]byte{1, 2, 12, 14, 200, 100, 6, 6, 6, 0, 0, 0, 5, 3})
	f.Fuzz(func(t *testing.T, b []byte) { checkDrawn(t, (&fuzzData{b: b}).heatmap()) })
}

func TestHeatmapListTable(t *testing.T) {
	h := heatFixture()
	h.ListTable = true
	tb := h.Table()
	var rows []string
	for _, r := range tb.Rows {
		var cs []string
		for _, c := range r {
			cs = append(cs, doc.Text(c.Content))
		}
		rows = append(rows, strings.Join(cs, "|"))
	}
	want := []string{"Housing|April 2024|120", "Housing|May 2024|95", "Housing|Total|215", "Planning|April 2024|[c]", "Planning|May 2024|[c]", "Planning|Total|7",
		"All services|April 2024|[c]", "All services|May 2024|[c]", "All services|Total|222", "[c]: withheld"}
	if strings.Join(rows, "\n") != strings.Join(want, "\n") {
		t.Errorf("list table:\n%s\nwant:\n%s", strings.Join(rows, "\n"), strings.Join(want, "\n"))
	}
}
