package metrics

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteText writes the figures as a readable table per year, the stages
// side by side, then the same for each service.
func (c *Complaints) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	for _, y := range c.years {
		writeYear(tw, y, c.Years[y])
	}
	for _, s := range c.services {
		fmt.Fprintf(tw, "%s\t\t\t\t\n", s)
		for _, y := range c.years {
			writeYear(tw, "  "+y, c.Services[s][y])
		}
	}
	return tw.Flush()
}

func writeYear(w io.Writer, label string, y *Year) {
	stages := []*Stage{&y.Stage1, &y.Stage2, &y.Ombudsman}
	fmt.Fprintf(w, "%s\tStage 1\tStage 2\tOmbudsman\t\n", label)
	for _, f := range Fields {
		cells := make([]string, len(stages))
		for i, s := range stages {
			v, ok, err := s.Field(f)
			switch {
			case err != nil:
				cells[i] = ""
			case !ok:
				cells[i] = "-"
			case strings.HasSuffix(f, "_rate"):
				cells[i] = strconv.FormatFloat(v*100, 'f', 1, 64) + "%"
			case f == "mean_working_days":
				cells[i] = strconv.FormatFloat(v, 'f', 1, 64)
			default:
				cells[i] = strconv.FormatFloat(v, 'f', 0, 64)
			}
		}
		fmt.Fprintf(w, "  %s\t%s\t\n", strings.ReplaceAll(f, "_", " "), strings.Join(cells, "\t"))
	}
	fmt.Fprintf(w, "\t\t\t\t\n")
}
