package charts

import (
	"fmt"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// The charts below describe themselves as doc.ChartData, so a writer can
// write them in its own chart format (the DOCX's native Word charts)
// with the same figures, colours and hatching as the drawing. The funnel
// has no such form: no bar or line chart draws it.
var (
	_ doc.Charted = (*Columns)(nil)
	_ doc.Charted = (*Bars)(nil)
	_ doc.Charted = (*Stacked)(nil)
)

// hexColour is c as "RRGGBB".
func hexColour(c canvas.Color) string { return fmt.Sprintf("%02X%02X%02X", c.R, c.G, c.B) }

// numFormat is the Excel number format code that writes values as f
// does: "3,100", "9.4", "34%" and "7.6%" (one decimal place under 10%).
func (f Format) numFormat() string {
	switch f {
	case Percent:
		return "[<0.1]0.0%;0%"
	case Decimal:
		return "#,##0.0"
	}
	return "#,##0"
}

// series converts values to a ChartSeries' figures.
func chartValues(vs []Value) (v []float64, missing []bool) {
	v, missing = make([]float64, len(vs)), make([]bool, len(vs))
	for i, x := range vs {
		v[i], missing[i] = x.V, !x.OK
	}
	return v, missing
}

// ChartData describes the column chart: the bars as a clustered column
// series on the primary axis and the rate, when there is one, as a line
// with markers on a secondary axis from 0% to 100%.
func (c *Columns) ChartData() *doc.ChartData {
	if c.Check() != nil {
		return nil
	}
	d := &doc.ChartData{Kind: doc.ClusteredColumn, Title: c.Title, CategoryTitle: orDefault(c.CategoryName, "Category"),
		ValueTitle: c.Bars.Axis, Legend: true}
	f := c.frame()
	d.ValueMax, d.ValueStep = f.left.max(), f.left.step
	d.Categories, _ = c.categoryLabels(f.plot.w() / float64(len(c.Labels)))
	d.Categories = append([]string(nil), d.Categories...)
	for _, g := range c.Groups {
		d.Groups = append(d.Groups, doc.ChartGroup{Label: g.Label, From: g.From, To: g.To})
	}
	bar := c.Palette.at(0)
	// Value labels over more than a year's months would crowd each
	// other; the table and the alternative text give the figures.
	labels := len(c.Labels) <= 12
	v, miss := chartValues(c.Bars.Values)
	d.Series = append(d.Series, doc.ChartSeries{Name: c.Bars.Name, Values: v, Missing: miss,
		Format: c.Bars.Format.numFormat(), Colour: hexColour(bar), Labels: labels})
	if c.hasLine() {
		v, miss := chartValues(c.Line.Values)
		d.SecondaryTitle = c.Line.Axis
		d.Series = append(d.Series, doc.ChartSeries{Name: c.Line.Name, Values: v, Missing: miss,
			Format: Percent.numFormat(), Colour: hexColour(c.Palette.lineColour(bar)), Line: true,
			Secondary: true, Labels: labels})
	}
	return d
}

// ChartData describes the comparison: one horizontal bar series in the
// chart's order for the comparators and one for the council's own bar,
// in its own colour and hatched (so each has its legend entry, as
// drawn), and the reference (an average) as a dashed line.
func (b *Bars) ChartData() *doc.ChartData {
	if b.Check() != nil {
		return nil
	}
	sp, rows := b.spec()
	own, other := b.colours()
	d := &doc.ChartData{Kind: doc.ClusteredBar, Title: b.Title, CategoryTitle: orDefault(b.CategoryName, "Category"),
		ValueTitle: b.Series.Axis, ValueMax: sp.scale.max(), ValueStep: sp.scale.step}
	s := doc.ChartSeries{Name: orDefault(b.OthersName, b.Series.Name), Format: b.Series.Format.numFormat(), Colour: hexColour(other.fill), Labels: true}
	o := doc.ChartSeries{Name: orDefault(b.OwnName, "This council"), Format: s.Format, Colour: hexColour(own.fill), Hatch: hatchOf(own), Labels: true, Bold: true}
	hasOwn := false
	for _, r := range rows {
		d.Categories = append(d.Categories, r.Label)
		s.Values = append(s.Values, r.Value.V)
		s.Missing = append(s.Missing, !r.Value.OK || r.Own)
		o.Values = append(o.Values, r.Value.V)
		o.Missing = append(o.Missing, !r.Value.OK || !r.Own)
		hasOwn = hasOwn || r.Own
	}
	if hasOwn {
		d.Series = append(d.Series, o)
	}
	d.Series = append(d.Series, s)
	d.Legend = true
	if r := b.Reference; r != nil {
		ref := doc.ChartSeries{Name: r.Label, Format: s.Format, Colour: hexColour(axisInk), Line: true, Dashed: true}
		for range rows {
			ref.Values = append(ref.Values, r.Value)
			ref.Missing = append(ref.Missing, false)
		}
		d.Series = append(d.Series, ref)
	}
	return d
}

// ChartData describes the stacked chart: a series per part, in stacking
// order, neighbouring parts hatched as drawn. A withheld count is never
// in it: its cell is missing, and where the chart draws the withheld
// counts together, their sum is one grey, hatched "Withheld" series; a
// row whose total is small has no figures at all.
func (s *Stacked) ChartData() *doc.ChartData {
	if s.Check() != nil {
		return nil
	}
	sp, rows := s.spec()
	d := &doc.ChartData{Kind: doc.StackedBar, Title: s.Title, CategoryTitle: orDefault(s.CategoryName, "Category"),
		ValueTitle: s.Axis, ValueMax: sp.scale.max(), ValueStep: sp.scale.step, Legend: true}
	for _, r := range rows {
		d.Categories = append(d.Categories, r.Label)
	}
	for j, p := range s.Parts {
		st := s.partStyle(j)
		ser := doc.ChartSeries{Name: p, Format: Count.numFormat(), Colour: hexColour(st.fill), Hatch: hatchOf(st), Labels: true,
			LabelColour: hexColour(textOn(st.fill))}
		for _, r := range rows {
			hide := r.smallTotal || r.state[j] != shown
			n := 0.0
			if !hide {
				n = float64(r.Counts[j])
			}
			ser.Values = append(ser.Values, n)
			ser.Missing = append(ser.Missing, hide)
		}
		d.Series = append(d.Series, ser)
	}
	if s.drawsWithheld(rows) {
		ser := doc.ChartSeries{Name: "Withheld (small numbers)", Format: Count.numFormat(), Colour: hexColour(withheld), Hatch: hexColour(textOnHatch(withheld))}
		for _, r := range rows {
			held := 0
			for j, st := range r.state {
				if st != shown {
					held += r.Counts[j]
				}
			}
			ok := !r.smallTotal && r.heldSum && held > 0
			if !ok {
				held = 0
			}
			ser.Values = append(ser.Values, float64(held))
			ser.Missing = append(ser.Missing, !ok)
		}
		d.Series = append(d.Series, ser)
	}
	return d
}

// hatchOf is the colour of b's hatching, "" when it has none.
func hatchOf(b bar) string {
	if !b.hatched {
		return ""
	}
	return hexColour(textOnHatch(b.fill))
}
