package charts_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// nullCanvas draws nothing, so that a benchmark measures the chart's
// own layout work.
type nullCanvas struct{}

func (nullCanvas) Fill(*canvas.Path, canvas.Color)                          {}
func (nullCanvas) Stroke(*canvas.Path, canvas.Pen)                          {}
func (nullCanvas) Hatch(*canvas.Path, canvas.Hatch)                         {}
func (nullCanvas) Text(string, canvas.Font, float64, float64, canvas.Color) {}
func (nullCanvas) PushClip(*canvas.Path)                                    {}
func (nullCanvas) PopClip()                                                 {}
func (nullCanvas) BeginFigure(string)                                       {}
func (nullCanvas) EndFigure()                                               {}

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
					if err := ch.Draw(nullCanvas{}); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(tooltest.CPUTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
