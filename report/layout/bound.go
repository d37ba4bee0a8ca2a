package layout

import (
	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/metrics"
)

// bindTable binds a metrics_table block to the figures through its
// kind's registry entry: the options are checked, then resolved and the
// table laid out, followed by a note when cells are withheld. The table
// is numbered when it is laid out. Problems (an unknown kind, year or
// stage, missing data) are recorded at their positions and nothing is
// returned.
func (p *paper) bindTable(t *definition.MetricsTable, path string) []doc.Block {
	k, b := p.tableBinder(t, path)
	if !b.ok {
		return nil
	}
	out, note := k.bind(b, t)
	if !b.ok || out == nil {
		return nil
	}
	out.Caption = t.Caption
	b.undefined(out)
	if note == "" {
		return []doc.Block{out}
	}
	return []doc.Block{out, &doc.Paragraph{Style: doc.Note, Content: doc.Plain(note)}}
}

// Cell helpers.
func text(s string) doc.Cell { return doc.Cell{Content: doc.Plain(s)} }
func bold(s string) doc.Cell { return doc.Cell{Content: doc.Bold(s)} }
func num(s string) doc.Cell  { return doc.Cell{Content: doc.Plain(s), Align: doc.Right, AlignSet: true} }
func boldNum(s string) doc.Cell {
	return doc.Cell{Content: doc.Bold(s), Align: doc.Right, AlignSet: true}
}

func count(n int) string { return format.Count(n) }

// pct formats an optional rate at the paper's precision, NA when undefined.
func (p *paper) pct(v *float64) string {
	if v == nil {
		return NA
	}
	return format.PercentFloat(*v, p.precision().Digits())
}

// precision is the paper's precision for rates: its style's
// rates.decimals, else the standard rule (whole percentages, one decimal
// under 10%).
func (p *paper) precision() format.Precision {
	if st := p.in.Style; st != nil && st.Decimals != nil {
		return format.Fixed(*st.Decimals)
	}
	return format.Precision{}
}

func days(v *float64) string {
	if v == nil {
		return NA
	}
	return format.NumberFloat(*v, 1)
}

// stageNames are the words a table uses for each stage's complaints.
var stageNames = [caselog.NumStages]string{"Stage 1 complaints", "Stage 2 complaints", "Ombudsman enquiries"}

// serviceRow is one service's figures for a year and stage.
type serviceRow struct {
	name string
	s    *metrics.Stage
}

// rateMark stands for a withheld rate.
const rateMark = "*"

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}

// tableBinder finds a table block's kind in the registry and checks the
// block's options against it, recording problems on the binder.
func (p *paper) tableBinder(t *definition.MetricsTable, path string) (*tableKind, *binder) {
	k := findTable(t.Kind)
	kind := ""
	if k != nil {
		kind = t.Kind
	}
	b := p.newBinder(path, "table", kind, t.Caption)
	if k == nil {
		b.unknownKind(t.Kind, kindNames(TableKinds()))
		return nil, b
	}
	b.checkOptions(&k.Kind, TableCommon, t)
	return k, b
}
