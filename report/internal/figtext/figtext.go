// Package figtext holds what the readers of the Ombudsmen's figures
// (report/ombudsman, report/hos) share: a figure that may not be given,
// read as a metric value, and the aligned text table paper metrics
// prints them in.
package figtext

import (
	"io"
	"strings"
	"unicode/utf8"
)

// Count returns a count that may not be given as a metric value: ok is
// false when p is nil.
func Count(p *int) (v float64, ok bool, err error) {
	if p == nil {
		return 0, false, nil
	}
	return float64(*p), true, nil
}

// Rate returns a rate (or any figure) that may not be given, as Count.
func Rate(p *float64) (v float64, ok bool, err error) {
	if p == nil {
		return 0, false, nil
	}
	return *p, true, nil
}

// WriteTable writes rows of cells with the first column aligned left and
// the others right, two spaces between columns, each column as wide as
// its widest cell.
func WriteTable(w io.Writer, table [][]string) error {
	var width []int
	for _, line := range table {
		for i, cell := range line {
			if i == len(width) {
				width = append(width, 0)
			}
			width[i] = max(width[i], utf8.RuneCountInString(cell))
		}
	}
	var sb strings.Builder
	for _, line := range table {
		for i, cell := range line {
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(cell))
			if i == 0 {
				sb.WriteString(cell + pad)
			} else {
				sb.WriteString("  " + pad + cell)
			}
		}
		sb.WriteString("\n")
	}
	_, err := io.WriteString(w, sb.String())
	return err
}
