package pipeline

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/workdays"
	"github.com/paperhq/paper/report/yamlx"
)

// calendar returns the working-day calendar of the report: England and
// Wales bank holidays plus the days the report adds under data.holidays.
func calendar(r *definition.Report) (*workdays.Calendar, diag.List) {
	if len(r.Data.Holidays) == 0 {
		return workdays.EnglandAndWales(), nil
	}
	extra := make([]workdays.Day, len(r.Data.Holidays))
	for i, t := range r.Data.Holidays {
		extra[i] = workdays.FromTime(t)
	}
	return workdays.New(extra...), nil
}

// Targets reads a report's data.targets (stage1, stage2, ombudsman) into
// working-day targets, reporting unknown stages and targets that are not
// positive.
func Targets(r *definition.Report) (metrics.Targets, diag.List) {
	var l diag.List
	t := metrics.DefaultTargets()
	keys := make([]string, 0, len(r.Data.Targets))
	for k := range r.Data.Targets {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		at := "data.targets." + k
		p := r.Pos.At(at)
		st, ok := metrics.StageOf(k)
		if !ok {
			msg := "unknown stage; use stage1, stage2 or ombudsman"
			if s := yamlx.Suggest(k, metrics.Stages); s != "" {
				msg = "unknown stage; did you mean " + s + "?"
			}
			l.Errorf(r.File, p.Line, p.Col, at, "%s", msg)
			continue
		}
		v := r.Data.Targets[k]
		if v < 1 || v > 260 {
			l.Errorf(r.File, p.Line, p.Col, at, "a target is a number of working days from 1 to 260, found %d", v)
			continue
		}
		t[st] = v
	}
	return t, l
}

// columnMapping checks data.columns: its keys must be the case log's
// standard column names.
func columnMapping(r *definition.Report) (map[string]string, diag.List) {
	var l diag.List
	m := map[string]string{}
	keys := make([]string, 0, len(r.Data.Columns))
	for k := range r.Data.Columns {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		std, ok := caselog.StandardColumn(k)
		if !ok {
			at := "data.columns." + k
			p := r.Pos.At(at)
			msg := fmt.Sprintf("%s is not a case log column", diag.Quote(k))
			if s := yamlx.Suggest(k, caselog.Columns); s != "" {
				msg += "; did you mean " + s + "?"
			} else {
				msg += fmt.Sprintf("; map any of %v to your export's headers", caselog.Columns)
			}
			l.Errorf(r.File, p.Line, p.Col, at, "%s", msg)
			continue
		}
		m[std] = r.Data.Columns[k]
	}
	return m, l
}

// valueMaps checks data.values, placing each problem at its key.
func valueMaps(r *definition.Report) (caselog.Values, diag.List) {
	v, probs := caselog.ParseValues(r.Data.Values)
	var l diag.List
	for _, pr := range probs {
		at := "data.values." + pr.Column
		if pr.Value != "" {
			at += "." + pr.Value
		}
		p := r.Pos.At(at)
		l.Errorf(r.File, p.Line, p.Col, at, "%s", pr.Msg)
	}
	return v, l
}

// loadData reads the report's case log and Ombudsman figures and computes
// the figures its text, tables and charts cite. It returns nil figures
// when the report names no data.
func loadData(r *definition.Report, cal *workdays.Calendar) (*layout.Figures, diag.List) {
	d := r.Data
	if d.Complaints == "" && d.Ombudsman == "" {
		return nil, nil
	}
	var errs diag.List
	// A missing or unreadable file is the report's problem: say so at
	// the line that names it.
	complaintsMax, complaintsWhat := caselog.SizeLimit(d.Complaints)
	for _, f := range []struct {
		key, path, what string
		max             int64
	}{
		{"data.complaints", d.Complaints, complaintsWhat, complaintsMax},
		{"data.ombudsman", d.Ombudsman, "an Ombudsman letter", ombudsman.MaxFileSize},
	} {
		if f.path == "" {
			continue
		}
		if err := diag.Stat(r.Resolve(f.path), f.max, f.what); err != nil {
			p := r.Pos.At(f.key)
			errs.Errorf(r.File, p.Line, p.Col, f.key, "%s: %s", f.path, diag.ReadError(err))
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	fig := &metrics.Figures{}
	if d.Complaints != "" {
		targets, terrs := Targets(r)
		cols, cerrs := columnMapping(r)
		vals, verrs := valueMaps(r)
		if ext := strings.ToLower(filepath.Ext(d.Complaints)); d.Sheet != "" && ext != ".xlsx" && ext != ".xlsm" {
			p := r.Pos.At("data.sheet")
			errs.Errorf(r.File, p.Line, p.Col, "data.sheet", "picks a worksheet of an XLSX case log, and %s is not one: leave data.sheet out", d.Complaints)
		}
		enc, ok := caselog.NormalizeEncoding(d.Encoding)
		if p := r.Pos.At("data.encoding"); d.Encoding != "" && !ok {
			errs.Errorf(r.File, p.Line, p.Col, "data.encoding", "%s is not an encoding paper reads; use %s", diag.Quote(d.Encoding), caselog.EncodingNames())
		} else if d.Encoding != "" && !caselog.IsText(d.Complaints) {
			errs.Errorf(r.File, p.Line, p.Col, "data.encoding", "applies to a CSV case log, and %s is not one: leave data.encoding out", d.Complaints)
		}
		errs = append(errs, terrs...)
		errs = append(errs, cerrs...)
		errs = append(errs, verrs...)
		if !errs.HasErrors() {
			p := r.Pos.At("data.complaints")
			at := diag.Diagnostic{File: r.File, Line: p.Line, Col: p.Col, Field: "data.complaints"}
			log, err := caselog.ReadFile(r.Resolve(d.Complaints), caselog.Options{Name: r.Resolve(d.Complaints), Columns: cols, Services: d.Services, Values: vals, Sheet: d.Sheet, Encoding: enc, At: at})
			if err != nil {
				errs = append(errs, diag.As(err)...)
			} else {
				fig.Complaints = metrics.Compute(log, metrics.Options{Calendar: cal, Targets: targets})
				errs = append(errs, log.Warnings...)
				errs = append(errs, aliasWarnings(r, log)...)
				errs = append(errs, holidayWarnings(r, log)...)
				if label, n, last, ok := fig.Complaints.PartYear(); ok {
					p := r.Pos.At("data.complaints")
					errs.Warnf(r.File, p.Line, p.Col, "data.complaints", "%s: %s", d.Complaints, metrics.PartYearMessage(label, n, last))
				}
			}
		}
	}
	if d.Ombudsman != "" {
		letter, err := ombudsman.Load(r.Resolve(d.Ombudsman))
		if err != nil {
			errs = append(errs, diag.As(err)...)
		} else {
			fig.Letter = letter
		}
	}
	if errs.HasErrors() {
		return nil, errs
	}
	return fig, errs
}

// holidayWarnings warns when the case log's dates run into years the
// embedded bank holidays do not cover and data.holidays lists no day of.
func holidayWarnings(r *definition.Report, log *caselog.Log) diag.List {
	listed := make([]workdays.Day, len(r.Data.Holidays))
	for i, t := range r.Data.Holidays {
		listed[i] = workdays.FromTime(t)
	}
	years := metrics.UncoveredYears(log, listed)
	if len(years) == 0 {
		return nil
	}
	var l diag.List
	p := r.Pos.At("data.complaints")
	l.Warnf(r.File, p.Line, p.Col, "data.complaints", "%s: %s; list those years' bank holidays under data.holidays",
		r.Data.Complaints, metrics.UncoveredMessage(years))
	return l
}

// aliasWarnings warns at each data.services key that matched no service
// in the case log: a typo there would leave the service it meant split.
func aliasWarnings(r *definition.Report, log *caselog.Log) diag.List {
	var l diag.List
	for _, k := range log.UnusedAliases {
		at := "data.services." + k
		p := r.Pos.At(at)
		msg := fmt.Sprintf("%s is not a service in %s", diag.Quote(k), r.Data.Complaints)
		if s := yamlx.Suggest(k, log.Services); s != "" {
			msg += "; did you mean " + diag.Quote(s) + "?"
		}
		l.Warnf(r.File, p.Line, p.Col, at, "%s", msg)
	}
	return l
}

// Data loads the report definition at path and reads its data: block
// alone (the case log with its sheet, encoding, columns, values and
// services, the targets and holidays, and the Ombudsman's letter), for
// paper metrics: the figures a build would cite, without checking or
// laying out the paper. It returns every problem found and warning.
func Data(path string) (*layout.Figures, diag.List) {
	r, errs := definition.Load(path)
	if r == nil || errs.HasErrors() {
		return nil, errs
	}
	if r.Data.Complaints == "" && r.Data.Ombudsman == "" {
		p := r.Pos.At("data")
		errs.Errorf(r.File, p.Line, p.Col, "data", "the report names no data: give data.complaints (a case log) or data.ombudsman (the letter's figures)")
		return nil, errs
	}
	cal, calErrs := calendar(r)
	errs = append(errs, calErrs...)
	if errs.HasErrors() {
		return nil, errs
	}
	fig, dataErrs := loadData(r, cal)
	errs = append(errs, dataErrs...)
	if errs.HasErrors() {
		return nil, errs
	}
	return fig, errs
}
