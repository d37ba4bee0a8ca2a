package layout

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
)

// A figure that is undefined (a rate with nothing to divide by: no
// complaints closed, no investigations) prints "n/a" in text and tables
// and "no figure" in a chart. Either is worth a look before a paper goes
// to committee, so each is a warning naming where it prints.

// textAt is the text field being expanded, for warnings raised by the
// template functions.
type textAt struct {
	t    definition.Text
	path string
}

// naWarning warns that a figure cited in text is undefined and prints
// n/a.
func (p *paper) naWarning(name, year, service string) {
	pos := p.text.t.Pos
	if pos.Line == 0 {
		pos = p.r.Pos.At(p.text.path)
	}
	of := year
	if service != "" {
		of += " for " + service
	}
	p.errs.Warnf(p.r.File, pos.Line, pos.Col, p.text.path, "metric %s for %s has no figure (a rate with nothing to divide by, or a figure not given), so the text prints %s", name, of, NA)
}

// maxUndefinedListed bounds the cells a warning lists.
const maxUndefinedListed = 3

// undefined warns when a bound table prints n/a (or a chart's figures
// "no figure"), naming the first such cells by row (under its group
// heading, if any) and column.
func (b *binder) undefined(t *doc.Table) {
	if t == nil || len(t.Header) == 0 {
		return
	}
	head := columnNames(t)
	var cells []string
	n, group := 0, ""
	for _, row := range t.Rows {
		if len(row) == 1 && row[0].Span > 1 {
			group = doc.Text(row[0].Content) + ": "
			continue
		}
		for j, c := range row {
			s := doc.Text(c.Content)
			if j == 0 || (s != NA && s != "no figure") {
				continue
			}
			n++
			if len(cells) < maxUndefinedListed {
				cell := group + doc.Text(row[0].Content)
				if j < len(head) && head[j] != "" {
					cell += ", " + head[j]
				}
				cells = append(cells, cell)
			}
		}
	}
	if n == 0 {
		return
	}
	prints := "prints n/a"
	if b.what == "chart" {
		prints = `shows "no figure"`
	}
	more := ""
	if n > len(cells) {
		more = fmt.Sprintf(" and %d more", n-len(cells))
	}
	b.warnf("", "%s for %d undefined %s (a rate with nothing to divide by, or a figure not given): %s%s", prints, n, plural(n, "figure", "figures"), strings.Join(cells, "; "), more)
}

// columnNames names each column of a table by its header cells, those
// spanning it included: "2020/21 On time".
func columnNames(t *doc.Table) []string {
	names := make([]string, len(t.Columns))
	for _, row := range t.Header {
		j := 0
		for _, c := range row {
			for k := 0; k < max(1, c.Span) && j < len(names); k++ {
				if s := doc.Text(c.Content); s != "" {
					names[j] = strings.TrimSpace(names[j] + " " + s)
				}
				j++
			}
		}
	}
	return names
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
