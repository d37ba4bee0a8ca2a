package layout

import (
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
)

// metricsTable lays out a table bound to the metrics.
func (p *paper) metricsTable(t *definition.MetricsTable, path string) *doc.Table {
	pos := p.r.Pos.At(path)
	p.errs.Errorf(p.r.File, pos.Line, pos.Col, path, "metrics tables are not available yet")
	return nil
}

// chart lays out a chart bound to the metrics.
func (p *paper) chart(c *definition.Chart, path string) *doc.Figure {
	pos := p.r.Pos.At(path)
	p.errs.Errorf(p.r.File, pos.Line, pos.Col, path, "charts are not available yet")
	return nil
}
