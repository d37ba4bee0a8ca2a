package metrics

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"unicode/utf8"
)

// WriteText writes the figures as a readable table per year, the stages
// side by side, then the same for each service.
func (c *Complaints) WriteText(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	// tabwriter right-aligns every cell, so labels padded to one width
	// read as left-aligned.
	labelWidth := 20
	for _, s := range c.services {
		labelWidth = max(labelWidth, utf8.RuneCountInString(s))
	}
	for _, y := range c.years {
		writeYear(tw, labelWidth, y, c.Years[y])
	}
	for _, s := range c.services {
		fmt.Fprintf(tw, "%-*s\t\t\t\t\n", labelWidth, s)
		for _, y := range c.years {
			writeYear(tw, labelWidth, "  "+y, c.Services[s][y])
		}
	}
	return tw.Flush()
}

func writeYear(w io.Writer, labelWidth int, label string, y *Year) {
	stages := []*Stage{&y.Stage1, &y.Stage2, &y.Ombudsman}
	fmt.Fprintf(w, "%-*s\tStage 1\tStage 2\tOmbudsman\t\n", labelWidth, label)
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
		fmt.Fprintf(w, "%-*s\t%s\t\n", labelWidth, "  "+strings.ReplaceAll(f, "_", " "), strings.Join(cells, "\t"))
	}
	fmt.Fprintf(w, "\t\t\t\t\n")
}
