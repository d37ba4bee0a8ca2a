package doc

// ChartData is a chart's figures described without drawing them, for a
// writer that writes charts in its own format (the DOCX's DrawingML
// charts, which Word can restyle and whose data it can edit). Every
// number, label and colour is decided by the chart: the writer only
// translates. A Graphic that can be described so implements Charted.
type ChartData struct {
	// Kind is how the categories are drawn: ClusteredColumn (vertical
	// bars), ClusteredBar or StackedBar (horizontal bars, first category
	// at the top).
	Kind ChartKind
	// Title is printed on the chart itself; empty prints none.
	Title string
	// CategoryTitle names the categories ("Year", "Council"); it heads
	// the data's first column. ValueTitle titles the primary value axis
	// ("Enquiries"), SecondaryTitle the secondary one ("On time"); empty
	// prints no axis title.
	CategoryTitle, ValueTitle, SecondaryTitle string
	// Categories are the category labels, in drawing order.
	Categories []string
	// Groups label runs of categories on a second level beneath them
	// (the financial year beneath its months); none means one level.
	Groups []ChartGroup
	// Series are the figures, in legend order; bar series come before
	// line series.
	Series []ChartSeries
	// ValueMax and ValueStep are the primary value axis' end and the
	// step between its labelled values, as the drawing has them; zero
	// leaves them to the writer's application.
	ValueMax, ValueStep float64
	// Legend says the chart shows a legend.
	Legend bool
}

// ChartGroup labels the categories [From, To) of a ChartData.
type ChartGroup struct {
	Label    string
	From, To int
}

// ChartKind is the shape of a chart's bars.
type ChartKind int

const (
	// ClusteredColumn draws vertical bars side by side.
	ClusteredColumn ChartKind = iota
	// ClusteredBar draws horizontal bars; its series overlap, so that
	// series with a figure in different categories (the council's own,
	// the comparators) share one bar's place and each has its legend
	// entry.
	ClusteredBar
	// StackedBar draws horizontal bars, each series stacked on the last.
	StackedBar
)

// ChartSeries is one series of a ChartData.
type ChartSeries struct {
	// Name is the legend entry and the data's column heading.
	Name string
	// Values are the figures, one per category; Missing[i] true means
	// value i has no figure (drawn as a gap, written as an empty cell).
	Values  []float64
	Missing []bool
	// Format is an Excel number format code for the value labels and
	// the data ("#,##0", "0.0", "0%").
	Format string
	// Colour is the series' fill (bars) or stroke (lines), "RRGGBB";
	// Hatch, when set, is the colour of diagonal hatching drawn over the
	// fill.
	Colour, Hatch string
	// Bold prints the series' value labels in bold (the council's own).
	Bold bool
	// Line draws the series as a line with markers rather than bars;
	// Dashed makes it dashed and without markers (an average across the
	// chart). Secondary reads it against the secondary value axis, which
	// runs from 0 to 1 (0% to 100%).
	Line, Dashed, Secondary bool
	// Labels prints each value on its bar or marker, in LabelColour
	// ("RRGGBB", near black when empty); labels inside a hatched bar sit
	// on a patch of Colour.
	Labels      bool
	LabelColour string
}

// Charted is a Graphic that can also describe itself as ChartData. A nil
// result means the chart has no such form (a funnel) and is drawn.
type Charted interface {
	ChartData() *ChartData
}
