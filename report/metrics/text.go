package metrics

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/paperhq/paper/report/format"
)

// WriteText writes the figures as a readable table per year, the stages
// side by side, then the same for each service under a "Service: name"
// heading. Labels
// are aligned on the left and figures on the right, in columns of one
// width throughout, so the tables can be compared by eye; rates are
// percentages to one decimal place and an undefined figure is "-".
func (c *Complaints) WriteText(w io.Writer) error { return c.writeText(w, false) }

// WriteTextQuarters writes what WriteText does with, after each year's
// table, the tables of its quarters and halves that have cases
// ("2024/25 Q1" ... "2024/25 H2"), for the council as a whole.
func (c *Complaints) WriteTextQuarters(w io.Writer) error { return c.writeText(w, true) }

func (c *Complaints) writeText(w io.Writer, quarters bool) error {
	var rows [][]string // nil is a blank line; one cell is a heading
	table := func(label string, y *Year) {
		if n := len(rows); n > 0 && len(rows[n-1]) != 1 {
			rows = append(rows, nil)
		}
		rows = append(rows, []string{label, "Stage 1", "Stage 2", "Ombudsman"})
		stages := []*Stage{&y.Stage1, &y.Stage2, &y.Ombudsman}
		for _, f := range Fields {
			if f == "refused" && !c.hasRefused || strings.HasPrefix(f, "acknowledged") && !c.hasAck {
				continue // figures the data cannot have
			}
			row := []string{"  " + strings.ReplaceAll(f, "_", " ")}
			for _, s := range stages {
				row = append(row, formatField(s, f))
			}
			rows = append(rows, row)
		}
	}
	qs, hs := c.partLabels()
	for _, y := range c.years {
		table(y, c.Years[y])
		if !quarters {
			continue
		}
		for _, parts := range [][]string{qs, hs} {
			for _, l := range parts {
				// A year before 1000 ("0/01", from a log dated in year
				// 1) has parts that Lookup cannot read back: left out.
				if p := c.At(l, ""); p != nil && strings.HasPrefix(l, y+" ") {
					table(l, p)
				}
			}
		}
	}
	for _, s := range c.services {
		rows = append(rows, nil, []string{"Service: " + s})
		for _, y := range c.years {
			table(y, c.Services[s][y])
		}
	}
	if err := writeAligned(w, rows); err != nil || c.Requests == nil {
		return err
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return err
	}
	return c.Requests.writeText(w, quarters)
}

// writeAligned writes rows as writeText lays them out: nil is a blank
// line, one cell a heading, and the cells of the others in columns.
func writeAligned(w io.Writer, rows [][]string) error {
	var width []int
	for _, r := range rows {
		if len(r) < 2 {
			continue
		}
		for i, cell := range r {
			if i >= len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(cell))
		}
	}
	bw := bufio.NewWriter(w)
	for _, r := range rows {
		var line strings.Builder
		for i, cell := range r {
			switch {
			case len(r) == 1:
				line.WriteString(cell)
			case i == 0:
				line.WriteString(cell + strings.Repeat(" ", width[0]-utf8.RuneCountInString(cell)))
			default:
				line.WriteString(strings.Repeat(" ", 2+width[i]-utf8.RuneCountInString(cell)) + cell)
			}
		}
		bw.WriteString(strings.TrimRight(line.String(), " "))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// formatField formats one figure of a stage for WriteText: blank where the
// figure does not exist (stage 1's escalation rate), "-" where it is
// undefined.
func formatField(s *Stage, f string) string {
	v, ok, err := s.Field(f)
	switch {
	case err != nil:
		return ""
	case !ok:
		return "-"
	case strings.HasSuffix(f, "_rate"):
		return format.PercentFloat(v, 1)
	case f == "mean_working_days":
		return format.NumberFloat(v, 1)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}
