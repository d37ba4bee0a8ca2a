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
// table "no figure"), naming the first cells by row and column.
func (b *binder) undefined(t *doc.Table) {
	if t == nil || len(t.Header) == 0 {
		return
	}
	head := t.Header[len(t.Header)-1]
	var cells []string
	n := 0
	for _, row := range t.Rows {
		for j, c := range row {
			s := doc.Text(c.Content)
			if j == 0 || (s != NA && s != "no figure") {
				continue
			}
			n++
			if len(cells) < maxUndefinedListed {
				col := ""
				if j < len(head) {
					col = doc.Text(head[j].Content)
				}
				cells = append(cells, strings.TrimSpace(doc.Text(row[0].Content)+", "+col))
			}
		}
	}
	if n == 0 {
		return
	}
	what := "prints n/a"
	if b.what == "chart" {
		what = "has no figure"
	}
	more := ""
	if n > len(cells) {
		more = fmt.Sprintf(" and %d more", n-len(cells))
	}
	b.warnf("", "%s for %d %s (a rate with nothing to divide by, or a figure not given): %s%s", what, n, plural(n, "figure", "figures"), strings.Join(cells, "; "), more)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
