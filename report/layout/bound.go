package layout

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/yamlx"
)

// TableKinds lists the tables bound to the metrics, by the name a
// metrics_table block gives as kind, with what each shows.
var TableKinds = map[string]string{
	"year-by-stage":       "each stage's received, on-time rate, mean working days, upheld rate and escalation rate, a column per year",
	"ombudsman-enquiries": "complaints received at one stage (default: Ombudsman enquiries) and the percentage answered on time, for each year",
	"by-service":          "one year and stage by service: received, outcomes, open, on-time rate and upheld rate, small counts suppressed",
	"comparators":         "the council and its comparators from the Ombudsman's letter: investigations, upheld, upheld rate and upheld per 100,000 residents",
	"letter":              "the Ombudsman's annual letter for one year: counts and rates with the previous year and the similar-authority average",
}

func tableKindNames() []string {
	names := make([]string, 0, len(TableKinds))
	for k := range TableKinds {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}

// binder binds one block (a table or a chart) to the figures, recording
// problems at the block's position.
type binder struct {
	p    *paper
	path string // the block's key path, e.g. sections[1].blocks[4].chart
	what string // "table" or "chart", for messages
	ok   bool   // no problem recorded
	// note explains the marks of totals withheld because a by-service
	// table of the same year and stage withholds them (see shown).
	note string
}

func (b *binder) errorf(key, format string, args ...any) {
	at := b.path
	if key != "" {
		at += "." + key
	}
	pos := b.p.r.Pos.At(at)
	b.p.errs.Errorf(b.p.r.File, pos.Line, pos.Col, at, format, args...)
	b.ok = false
}

// complaints returns the case log's figures or records that the block
// needs them.
func (b *binder) complaints() *metrics.Complaints {
	if f := b.p.in.Figures; f != nil && f.Complaints != nil {
		return f.Complaints
	}
	b.errorf("", "this %s needs the case log: add data: {complaints: complaints.csv}", b.what)
	return nil
}

// letter returns the Ombudsman's figures or records that the block needs
// them.
func (b *binder) letter() *ombudsman.Letter {
	if f := b.p.in.Figures; f != nil && f.Letter != nil {
		return f.Letter
	}
	b.errorf("", "this %s needs the Ombudsman's figures: add data: {ombudsman: ombudsman.yaml}", b.what)
	return nil
}

// years resolves a block's years against the years available: "latest"
// and "previous" are allowed, an unknown year is an error, and none given
// means the last three (or fewer) available.
func (b *binder) years(given []string, available []string) []string {
	if len(given) == 0 {
		return available[max(0, len(available)-3):]
	}
	var out []string
	for i, y := range given {
		ry, err := b.p.year(y)
		if err == nil && !slices.Contains(available, ry) {
			err = fmt.Errorf("no figures for %s (the data covers %s)", ry, joinYears(available))
		}
		if err != nil {
			b.errorf(fmt.Sprintf("years[%d]", i), "%v", err)
			continue
		}
		out = append(out, ry)
	}
	return out
}

// year resolves a single year; empty means the latest available.
func (b *binder) year(given string, available []string) string {
	if len(available) == 0 {
		b.errorf("", "the data holds no years")
		return ""
	}
	if given == "" {
		return available[len(available)-1]
	}
	y, err := b.p.year(given)
	if err == nil && !slices.Contains(available, y) {
		err = fmt.Errorf("no figures for %s (the data covers %s)", y, joinYears(available))
	}
	if err != nil {
		b.errorf("year", "%v", err)
		return ""
	}
	return y
}

// stage resolves a block's stage; empty means def.
func (b *binder) stage(given string, def caselog.Stage) caselog.Stage {
	if given == "" {
		return def
	}
	st, ok := metrics.StageOf(given)
	if !ok {
		msg := fmt.Sprintf("unknown stage %s; use stage1, stage2 or ombudsman", diag.Quote(given))
		if s := yamlx.Suggest(given, metrics.Stages); s != "" {
			msg = fmt.Sprintf("unknown stage %s; did you mean %s?", diag.Quote(given), s)
		}
		b.errorf("stage", "%s", msg)
	}
	return st
}

func joinYears(ys []string) string {
	switch len(ys) {
	case 0:
		return "no years"
	case 1:
		return ys[0]
	}
	return ys[0] + " to " + ys[len(ys)-1]
}

// metricsTable lays out a table bound to the metrics, followed by a note
// when cells are suppressed. Problems (an unknown kind, year or stage,
// missing data) are recorded at the block's position and nothing is
// returned.
func (p *paper) metricsTable(t *definition.MetricsTable, path string) []doc.Block {
	b := &binder{p: p, path: path, what: "table", ok: true}
	var out *doc.Table
	var note string
	switch t.Kind {
	case "year-by-stage":
		out = b.yearByStage(t)
	case "ombudsman-enquiries":
		out = b.enquiries(t)
	case "by-service":
		out, note = b.byService(t)
	case "comparators":
		out = b.comparators(t)
	case "letter":
		out = b.letterTable(t)
	default:
		msg := fmt.Sprintf("unknown table kind %s", diag.Quote(t.Kind))
		if s := yamlx.Suggest(t.Kind, tableKindNames()); s != "" {
			msg += "; did you mean " + s + "?"
		} else {
			msg += "; kinds: " + strings.Join(tableKindNames(), ", ")
		}
		b.errorf("kind", "%s", msg)
	}
	if t.SuppressBelow < 0 {
		b.errorf("suppress_below", "must be a positive whole number, found %d", t.SuppressBelow)
	} else if t.SuppressBelow > 0 && t.Kind != "by-service" {
		b.errorf("suppress_below", "only by-service tables suppress small counts")
	}
	if t.GroupBelow != 0 && t.Kind != "by-service" {
		b.errorf("group_below", "only by-service tables group small services")
	}
	if !b.ok || out == nil {
		return nil
	}
	if t.Caption != "" {
		out.Label = p.nextTableLabel()
		out.Caption = t.Caption
	}
	if note == "" {
		note = b.note
	}
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

func count(n int) string { return FormatNumber(float64(n), 0) }

// pct formats an optional rate as a whole percentage, NA when undefined.
func pct(v *float64) string {
	if v == nil {
		return NA
	}
	return FormatPercent(*v, 0)
}

func days(v *float64) string {
	if v == nil {
		return NA
	}
	return FormatNumber(*v, 1)
}

// stageNames are the words a table uses for each stage's complaints.
var stageNames = [caselog.NumStages]string{"Stage 1 complaints", "Stage 2 complaints", "Ombudsman enquiries"}

// yearByStage: a section per stage, a column per year.
func (b *binder) yearByStage(t *definition.MetricsTable) *doc.Table {
	c := b.complaints()
	if c == nil {
		return nil
	}
	if t.Stage != "" {
		b.errorf("stage", "a year-by-stage table shows every stage; remove stage")
	}
	years := b.years(t.Years, c.YearLabels())
	if len(years) == 0 {
		return nil
	}
	out := &doc.Table{Kind: doc.Grid, Description: "Complaints by stage: received, answered on time, mean working days, upheld and escalated, for " + strings.Join(years, ", ")}
	out.Columns = append(out.Columns, doc.Column{Width: 3.2})
	header := []doc.Cell{text("")}
	for _, y := range years {
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right})
		header = append(header, bold(y))
	}
	out.Header = [][]doc.Cell{header}
	type measure struct {
		label, fig string
		value      func(s *metrics.Stage) string
	}
	for st := caselog.Stage1; st < caselog.NumStages; st++ {
		out.Rows = append(out.Rows, []doc.Cell{{Content: doc.Bold(stageNames[st]), Span: len(years) + 1}})
		ms := []measure{
			{"Received", "received", func(s *metrics.Stage) string { return count(s.Received) }},
			{"Answered on time", "on_time_rate", func(s *metrics.Stage) string { return pct(s.OnTimeRate) }},
			{"Average working days to respond", "", func(s *metrics.Stage) string { return days(s.MeanWorkingDays) }},
			{"Upheld or partly upheld", "upheld_rate", func(s *metrics.Stage) string { return pct(s.UpheldRate) }},
		}
		switch st {
		case caselog.Stage2:
			ms = append(ms, measure{"Escalated from stage 1", "escalation_rate", func(s *metrics.Stage) string { return pct(s.EscalationRate) }})
		case caselog.Ombudsman:
			ms = append(ms, measure{"Escalated from stage 2", "escalation_rate", func(s *metrics.Stage) string { return pct(s.EscalationRate) }})
		}
		for _, m := range ms {
			row := []doc.Cell{text(m.label)}
			for _, y := range years {
				row = append(row, num(b.shown(y, st, m.fig, m.value(c.Years[y].At(st)))))
			}
			out.Rows = append(out.Rows, row)
		}
	}
	return out
}

// shown is text, the total fig of year and stage as a table prints it,
// or its mark when a by-service table or chart of the same year and
// stage withholds it (one decision per figure for the whole paper).
func (b *binder) shown(year string, st caselog.Stage, fig, text string) string {
	if fig == "" {
		return text
	}
	w, g := b.p.withheldElsewhere(year, st, fig)
	if !w {
		return text
	}
	mark := Withheld
	if strings.HasSuffix(fig, "_rate") {
		mark = rateMark
	}
	b.note = disclosureNote(g.below, true) + " As in " + g.where() + "."
	return mark
}

// enquiries is the three-year table of reference 001: for each year the
// number received at one stage and the percentage answered on time.
func (b *binder) enquiries(t *definition.MetricsTable) *doc.Table {
	c := b.complaints()
	if c == nil {
		return nil
	}
	st := b.stage(t.Stage, caselog.Ombudsman)
	years := b.years(t.Years, c.YearLabels())
	if !b.ok || len(years) == 0 {
		return nil
	}
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("%s received and the percentage answered on time, %s", stageNames[st], strings.Join(years, ", "))}
	out.Columns = append(out.Columns, doc.Column{Width: 2.2})
	h1 := []doc.Cell{text("")}
	h2 := []doc.Cell{text("")}
	row := []doc.Cell{bold(stageNames[st])}
	for _, y := range years {
		s := c.Years[y].At(st)
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right}, doc.Column{Width: 1, Align: doc.Right})
		h1 = append(h1, doc.Cell{Content: doc.Bold(y), Span: 2, Align: doc.Center, AlignSet: true})
		h2 = append(h2, num("Number"), num("On time"))
		row = append(row, num(b.shown(y, st, "received", count(s.Received))), num(b.shown(y, st, "on_time_rate", pct(s.OnTimeRate))))
	}
	out.Header = [][]doc.Cell{h1, h2}
	out.Rows = [][]doc.Cell{row}
	return out
}

// serviceRow is one service's figures for a year and stage.
type serviceRow struct {
	name string
	s    *metrics.Stage
}

// byService: one year and stage, a row per service with complaints (or
// per group of small ones), and the note explaining withheld figures if
// any. What it withholds is decided once for the paper (see serviceGrid).
func (b *binder) byService(t *definition.MetricsTable) (*doc.Table, string) {
	c := b.complaints()
	if c == nil {
		return nil, ""
	}
	if len(t.Years) > 0 {
		b.errorf("years", "a by-service table shows one year; give year instead")
	}
	if t.GroupBelow < 0 {
		b.errorf("group_below", "must be a positive whole number, found %d", t.GroupBelow)
	}
	st := b.stage(t.Stage, caselog.Stage1)
	y := b.year(t.Year, c.YearLabels())
	if !b.ok {
		return nil, ""
	}
	g := b.p.grid(y, st)
	if g == nil {
		return nil, ""
	}
	g.consistent(b.path, t.SuppressBelow, t.GroupBelow, b.errorf)
	if g.err != nil {
		b.errorf("suppress_below", "%v", g.err)
	}
	if !b.ok {
		return nil, ""
	}
	if len(g.rows) == 0 {
		b.errorf("", "no %s in %s: there is nothing to tabulate", lower(stageNames[st]), y)
		return nil, ""
	}
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("%s in %s by service: received, outcomes, open, on time and upheld rate", stageNames[st], y)}
	heads := []string{"Service", "Received", "Upheld", "Partly upheld", "Not upheld", "Withdrawn", "Open", "On time", "Upheld rate"}
	header := make([]doc.Cell, len(heads))
	for i, h := range heads {
		if i == 0 {
			out.Columns = append(out.Columns, doc.Column{Width: 2.6})
			header[i] = bold(h)
			continue
		}
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right})
		header[i] = doc.Cell{Content: doc.Bold(h), Align: doc.Right, AlignSet: true}
	}
	out.Header = [][]doc.Cell{header}
	anyHidden, anyRate := false, false
	row := func(i int, name string, s *metrics.Stage, cellOf func(string) doc.Cell, label doc.Cell) []doc.Cell {
		cells := []doc.Cell{label}
		for j, n := range []int{s.Received, s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.Withdrawn, s.Open} {
			if g.hidden(i, j) {
				cells = append(cells, cellOf(Withheld))
				anyHidden = true
				continue
			}
			cells = append(cells, cellOf(count(n)))
		}
		for _, upheld := range []bool{false, true} {
			v := s.OnTimeRate
			if upheld {
				v = s.UpheldRate
			}
			if g.rateHidden(i, upheld) {
				cells = append(cells, cellOf(rateMark))
				anyRate = true
				continue
			}
			cells = append(cells, cellOf(pct(v)))
		}
		return cells
	}
	for _, i := range g.displayOrder() {
		r := g.rows[i]
		out.Rows = append(out.Rows, row(i, r.name, r.s, num, text(r.name)))
	}
	out.Rows = append(out.Rows, row(len(g.rows), "Total", g.total, boldNum, bold("Total")))
	note := ""
	if anyHidden || anyRate {
		note = disclosureNote(g.below, anyRate)
	}
	if len(g.grouped) > 0 {
		if note != "" {
			note += " "
		}
		note += fmt.Sprintf("%s: the %d services with fewer than %d complaints each, together.", OtherServices, len(g.grouped), g.group)
	}
	return out, note
}

// rateMark stands for a withheld rate.
const rateMark = "*"

func lower(s string) string {
	if s == "" {
		return s
	}
	return string(s[0]|0x20) + s[1:]
}

// comparators: the council and its comparators by upheld per 100,000.
func (b *binder) comparators(t *definition.MetricsTable) *doc.Table {
	l := b.letter()
	if l == nil {
		return nil
	}
	y := b.year(t.Year, l.YearLabels())
	if !b.ok {
		return nil
	}
	rows := l.SortedComparators(y)
	if len(rows) < 2 {
		b.errorf("", "the Ombudsman's figures for %s list no comparator councils: add years.%q.comparators to the Ombudsman's file", y, y)
		return nil
	}
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("Ombudsman investigations and upheld decisions in %s for %s and comparable councils, fewest upheld per 100,000 residents first", y, l.Council)}
	heads := []string{"Council", "Population", "Investigations", "Upheld", "Upheld rate", "Upheld per 100,000 residents"}
	out.Columns = []doc.Column{{Width: 3}, {Width: 1.2, Align: doc.Right}, {Width: 1.3, Align: doc.Right}, {Width: 1, Align: doc.Right}, {Width: 1, Align: doc.Right}, {Width: 1.4, Align: doc.Right}}
	header := make([]doc.Cell, len(heads))
	for i, h := range heads {
		header[i] = doc.Cell{Content: doc.Bold(h), Align: out.Columns[i].Align, AlignSet: true}
	}
	out.Header = [][]doc.Cell{header}
	for _, r := range rows {
		pop := NA
		if r.Population > 0 {
			pop = count(r.Population)
		}
		per := NA
		if r.UpheldPer100k != nil {
			per = FormatNumber(*r.UpheldPer100k, 1)
		}
		cells := []string{r.Name, pop, count(r.Investigations), count(r.Upheld), pct(r.UpheldRate), per}
		row := make([]doc.Cell, len(cells))
		for i, s := range cells {
			row[i] = doc.Cell{Content: []doc.Inline{{Text: s, Bold: r.Own}}, Align: out.Columns[i].Align, AlignSet: true}
		}
		out.Rows = append(out.Rows, row)
	}
	if avg := l.Years[y].Average.UpheldRate; avg != nil {
		label := "Average of similar authorities"
		if l.AuthorityType != "" {
			label = "Average of similar authorities (" + l.AuthorityType + ")"
		}
		out.Rows = append(out.Rows, []doc.Cell{{Content: []doc.Inline{{Text: label, Italic: true}}, Span: 4}, num(pct(avg)), num("")})
	}
	return out
}

// letterTable: the annual letter's figures for a year, with the previous
// year and the similar-authority average.
func (b *binder) letterTable(t *definition.MetricsTable) *doc.Table {
	l := b.letter()
	if l == nil {
		return nil
	}
	y := b.year(t.Year, l.YearLabels())
	if !b.ok {
		return nil
	}
	prev, _ := previousYear(y)
	_, hasPrev := l.Years[prev]
	out := &doc.Table{Kind: doc.Grid, Description: fmt.Sprintf("The Ombudsman's annual letter for %s: complaints, decisions and rates", y)}
	out.Columns = []doc.Column{{Width: 3.4}, {Width: 1, Align: doc.Right}}
	header := []doc.Cell{bold(""), boldNum(y)}
	if hasPrev {
		out.Columns = append(out.Columns, doc.Column{Width: 1, Align: doc.Right})
		header = append(header, boldNum(prev))
	}
	out.Columns = append(out.Columns, doc.Column{Width: 1.4, Align: doc.Right})
	header = append(header, boldNum("Similar authorities"))
	out.Header = [][]doc.Cell{header}
	rows := []struct {
		label, metric, avg string
		rate               bool
	}{
		{"Complaints and enquiries received", "received", "", false},
		{"Decisions made", "decided", "", false},
		{"Detailed investigations", "investigations", "", false},
		{"Upheld", "upheld", "", false},
		{"Upheld rate", "upheld_rate", "average.upheld_rate", true},
		{"Recommendations complied with", "compliance_rate", "average.compliance_rate", true},
		{"Satisfactory remedy by the council", "remedy_rate", "average.remedy_rate", true},
	}
	format := func(v float64, ok, rate bool) string {
		switch {
		case !ok:
			return NA
		case rate:
			return FormatPercent(v, 0)
		}
		return FormatNumber(v, 0)
	}
	for _, r := range rows {
		v, ok, _ := l.Value(r.metric, y)
		row := []doc.Cell{text(r.label), num(format(v, ok, r.rate))}
		if hasPrev {
			pv, pok, _ := l.Value(r.metric, prev)
			row = append(row, num(format(pv, pok, r.rate)))
		}
		avg := ""
		if r.avg != "" {
			av, aok, _ := l.Value(r.avg, y)
			avg = format(av, aok, true)
		}
		out.Rows = append(out.Rows, append(row, num(avg)))
	}
	return out
}
