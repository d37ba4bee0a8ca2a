package charts_test

import (
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/golang/freetype/truetype"
	"github.com/wcharczuk/go-chart/v2"
	"github.com/wcharczuk/go-chart/v2/drawing"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// nullRenderer draws nothing, so that a benchmark measures the chart's
// own layout and not a backend's.
type nullRenderer struct{}

func nullProvider(w, h int) (chart.Renderer, error) { return nullRenderer{}, nil }

func (nullRenderer) ResetStyle()                                        {}
func (nullRenderer) GetDPI() float64                                    { return chart.DefaultDPI }
func (nullRenderer) SetDPI(float64)                                     {}
func (nullRenderer) SetClassName(string)                                {}
func (nullRenderer) SetStrokeColor(drawing.Color)                       {}
func (nullRenderer) SetFillColor(drawing.Color)                         {}
func (nullRenderer) SetStrokeWidth(float64)                             {}
func (nullRenderer) SetStrokeDashArray([]float64)                       {}
func (nullRenderer) MoveTo(int, int)                                    {}
func (nullRenderer) LineTo(int, int)                                    {}
func (nullRenderer) QuadCurveTo(int, int, int, int)                     {}
func (nullRenderer) ArcTo(int, int, float64, float64, float64, float64) {}
func (nullRenderer) Close()                                             {}
func (nullRenderer) Stroke()                                            {}
func (nullRenderer) Fill()                                              {}
func (nullRenderer) FillStroke()                                        {}
func (nullRenderer) Circle(float64, int, int)                           {}
func (nullRenderer) SetFont(*truetype.Font)                             {}
func (nullRenderer) SetFontColor(drawing.Color)                         {}
func (nullRenderer) SetFontSize(float64)                                {}
func (nullRenderer) Text(string, int, int)                              {}
func (nullRenderer) MeasureText(string) chart.Box                       { return chart.Box{} }
func (nullRenderer) SetTextRotation(float64)                            {}
func (nullRenderer) ClearTextRotation()                                 {}
func (nullRenderer) Save(io.Writer) error                               { return nil }

// longLabels returns n service names of about size bytes each, words of
// ordinary length so that they wrap, each name different.
func longLabels(n, size int) []string {
	words := []string{"Housing", "Repairs", "and", "Maintenance", "Council", "Tax", "Planning", "Building", "Control", "Adult", "Social", "Care"}
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		fmt.Fprintf(&b, "Service %d", i+1)
		for j := 0; b.Len() < size; j++ {
			b.WriteString(" " + words[(i+j)%len(words)])
		}
		out[i] = b.String()
	}
	return out
}

// labelCharts is one chart of each kind whose category labels are n
// labels of size bytes: the services, comparators, years or stages.
func labelCharts(n, size int) []charts.Chart {
	labels := longLabels(n, size)
	st := &charts.Stacked{Subject: "outcomes by service", Parts: []string{"Upheld", "Partially upheld", "Not upheld"}, Axis: "Complaints"}
	bars := &charts.Bars{Subject: "upheld rate", Series: charts.Series{Name: "Upheld", Format: charts.Percent}, Reference: &charts.Reference{Label: "Average", Value: 0.5}}
	cols := &charts.Columns{Subject: "complaints by service", Bars: charts.Series{Name: "Complaints", Format: charts.Count}}
	fu := &charts.Funnel{Subject: "complaints received"}
	for i, l := range labels {
		st.Rows = append(st.Rows, charts.StackRow{Label: l, Counts: []int{10 + i, 5, 20}})
		bars.Rows = append(bars.Rows, charts.Row{Label: l, Value: charts.V(float64(i%10+1) / 10)})
		cols.Labels = append(cols.Labels, l)
		cols.Bars.Values = append(cols.Bars.Values, charts.V(float64(10+i)))
		if i < 6 {
			fu.Steps = append(fu.Steps, charts.Step{Label: l, Count: float64(int(1000) >> i), Rate: charts.V(0.5), Into: "the next stage"})
		}
	}
	if len(fu.Steps) == 1 {
		fu.Steps = append(fu.Steps, charts.Step{Label: "Stage 2", Count: 10, Rate: charts.V(0.01), Into: "stage 2"})
	}
	return []charts.Chart{st, bars, cols, fu}
}

// BenchmarkLabelFitting lays out and draws charts whose category labels
// total 100 KB (and one label of 10,000 characters, the case that once
// took 11.6 s), the cost a case log's long Service column puts on
// `paper check`: every label measured, wrapped and shortened to fit,
// onto a renderer that draws nothing. The target is under 50 ms a chart.
func BenchmarkLabelFitting(b *testing.B) {
	for _, c := range []struct {
		name    string
		n, size int
	}{
		{"one-label-of-10000", 1, 10_000},
		{"one-label-of-100000", 1, 100_000},
		{"300-labels-of-340", 300, 340},
	} {
		for _, ch := range labelCharts(c.n, c.size) {
			b.Run(c.name+"/"+strings.TrimPrefix(fmt.Sprintf("%T", ch), "*charts."), func(b *testing.B) {
				start := tooltest.CPUTime()
				for b.Loop() {
					if err := ch.Render(nullProvider, io.Discard); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(tooltest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
