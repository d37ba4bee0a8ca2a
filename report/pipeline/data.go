package pipeline

import (
	"fmt"
	"maps"
	"math"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/hos"
	"github.com/paperhq/paper/report/internal/par"
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

// Targets reads a report's data.targets (stage1, stage2, ombudsman, and
// acknowledge for the acknowledgement, and the information requests' and
// enquiries' keys of RequestTarget) into targets, reporting unknown keys
// and targets out of range at their keys (the rule is Target's and
// RequestTarget's, as for paper metrics --target).
func Targets(r *definition.Report) (t metrics.Targets, acknowledge int, rt metrics.RequestTargets, l diag.List) {
	t, acknowledge = metrics.DefaultTargets(), metrics.DefaultAcknowledge
	for _, k := range slices.Sorted(maps.Keys(r.Data.Targets)) {
		at := "data.targets." + k
		p := r.Pos.At(at)
		if types, ok, err := RequestTarget(k, r.Data.Targets[k]); ok {
			if err != nil {
				l.Errorf(r.File, p.Line, p.Col, at, "%v", err)
			}
			for _, ty := range types {
				rt[ty] = r.Data.Targets[k]
			}
			continue
		}
		st, ack, err := Target(k, r.Data.Targets[k])
		switch {
		case err != nil:
			l.Errorf(r.File, p.Line, p.Col, at, "%v", err)
		case ack:
			acknowledge = r.Data.Targets[k]
		default:
			t[st] = r.Data.Targets[k]
		}
	}
	return t, acknowledge, rt, l
}

// AcknowledgeTarget is the key of data.targets (and paper metrics
// --target) for the working days allowed to acknowledge a complaint.
const AcknowledgeTarget = "acknowledge"

// MaxTarget is the longest working-day target: a year's working days.
const MaxTarget = 260

// Target checks one working-day target, wherever it is given (a
// report's data.targets, paper metrics --target): the key must be
// stage1, stage2, ombudsman or acknowledge (ack reports the last) and the
// days from 1 to MaxTarget. The targets of information requests and
// enquiries are RequestTarget's.
func Target(key string, days int) (st caselog.Stage, ack bool, err error) {
	st, ok := metrics.StageOf(key)
	ack = key == AcknowledgeTarget
	if !ok && !ack {
		return 0, false, unknownTarget(key)
	}
	if days < 1 || days > MaxTarget {
		return 0, false, fmt.Errorf("a target is a number of working days from 1 to %d, found %d", MaxTarget, days)
	}
	return st, ack, nil
}

// Deadline bases: where data.deadlines_from counts a deadline from.
const (
	FromReceived     = "received"
	FromAcknowledged = "acknowledged"
)

// deadlinesFrom reads data.deadlines_from: whether deadlines count from
// the acknowledgement.
func deadlinesFrom(r *definition.Report) (bool, diag.List) {
	var l diag.List
	switch v := r.Data.DeadlinesFrom; v {
	case "", FromReceived:
		return false, nil
	case FromAcknowledged:
		return true, nil
	default:
		p := r.Pos.At("data.deadlines_from")
		msg := fmt.Sprintf("%s is not where a deadline counts from; use %s (the default) or %s", diag.Quote(v), FromReceived, FromAcknowledged)
		if s := yamlx.Suggest(v, []string{FromReceived, FromAcknowledged}); s != "" {
			msg += "; did you mean " + s + "?"
		}
		l.Errorf(r.File, p.Line, p.Col, "data.deadlines_from", "%s", msg)
		return false, l
	}
}

// columnMapping checks data.columns: its keys must be the case log's
// standard column names (the rule is Column's, as for paper metrics
// --column).
func columnMapping(r *definition.Report) (map[string]string, diag.List) {
	var l diag.List
	m := map[string]string{}
	for _, k := range slices.Sorted(maps.Keys(r.Data.Columns)) {
		std, err := Column(k)
		if err != nil {
			at := "data.columns." + k
			p := r.Pos.At(at)
			l.Errorf(r.File, p.Line, p.Col, at, "%v", err)
			continue
		}
		m[std] = r.Data.Columns[k]
	}
	return m, l
}

// Column checks the name of a case log column being mapped to an
// export's header, wherever it is given (data.columns, paper metrics
// --column), and returns its standard spelling.
func Column(name string) (string, error) {
	std, ok := caselog.StandardColumn(name)
	if ok {
		return std, nil
	}
	msg := fmt.Sprintf("%s is not a case log column", diag.Quote(name))
	if s := yamlx.Suggest(name, caselog.Columns); s != "" {
		return "", fmt.Errorf("%s; did you mean %s?", msg, s)
	}
	return "", fmt.Errorf("%s; map any of %v to your export's headers", msg, caselog.Columns)
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

// loadData is the data stage: it checks the report's data.* keys, reads
// its case log and Ombudsman figures, computes the figures its text,
// tables and charts cite and checks data.year against them. It returns
// the figures whenever every named file was read, even with problems in
// data.targets or data.year, so that the checks that need the figures
// can run too; nil when the report names no data or a file could not be
// read. figuresOnly says only the figures are wanted (paper metrics):
// the case log is then streamed (metrics.Stream), not stored, and the
// size of a CSV is not limited. A build streams it too, within the
// limit, when no heat map of the paper counts its rows
// (layout.NeedsRows).
func loadData(r *definition.Report, cal *workdays.Calendar, figuresOnly bool) (*layout.Figures, diag.List) {
	d := r.Data
	if d.Complaints == "" && d.Ombudsman == "" && d.HousingOmbudsman == "" {
		var l diag.List
		if d.Year != "" {
			p := r.Pos.At("data.year")
			l.Errorf(r.File, p.Line, p.Col, "data.year", "is the reporting year of the report's data, and the report names none: give data.complaints (a case log) or data.ombudsman")
		}
		return nil, l
	}
	var errs diag.List
	// A missing or unreadable file is the report's problem: say so at
	// the line that names it.
	complaintsMax, complaintsWhat := caselog.SizeLimit(d.Complaints)
	if figuresOnly && caselog.IsText(d.Complaints) {
		complaintsMax = math.MaxInt64
	}
	for _, f := range []struct {
		key, path, what string
		max             int64
	}{
		{"data.complaints", d.Complaints, complaintsWhat, complaintsMax},
		{"data.ombudsman", d.Ombudsman, "an Ombudsman letter", ombudsman.MaxFileSize},
		{"data.housing_ombudsman", d.HousingOmbudsman, "a Housing Ombudsman file", hos.MaxFileSize},
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
		return nil, append(errs, reportingYear(r, nil)...)
	}
	fig := &metrics.Figures{}
	unread := false
	// The Ombudsman's files (YAML, a millisecond to parse) are read on a
	// goroutine of their own while the case log is read and counted, on
	// the core the build's font parsing leaves idle by then; their
	// problems are added after the case log's, as when read in turn.
	var (
		letter                *ombudsman.Letter
		housing               *hos.Figures
		letterErr, housingErr error
	)
	letters := par.Start(func() {
		if d.Ombudsman != "" {
			letter, letterErr = ombudsman.Load(r.Resolve(d.Ombudsman))
		}
		if d.HousingOmbudsman != "" {
			housing, housingErr = hos.Load(r.Resolve(d.HousingOmbudsman))
		}
	})
	if d.Complaints != "" {
		targets, ack, requestTargets, terrs := Targets(r)
		fromAck, ferrs := deadlinesFrom(r)
		errs = append(errs, ferrs...)
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
		errs = append(errs, cerrs...)
		errs = append(errs, verrs...)
		// A target out of range does not change how the case log is
		// read: it is reported, and the figures are still computed (with
		// the default target), so the checks that need them run too.
		read := false
		if !errs.HasErrors() {
			p := r.Pos.At("data.complaints")
			at := diag.Diagnostic{File: r.File, Line: p.Line, Col: p.Col, Field: "data.complaints"}
			ro := caselog.Options{Name: r.Resolve(d.Complaints), Columns: cols, Services: d.Services, Values: vals, Sheet: d.Sheet, Encoding: enc, At: at, DeadlinesFromAcknowledged: fromAck}
			opt := metrics.Options{Calendar: cal, Targets: targets, Acknowledge: ack, FromAcknowledged: fromAck, Requests: requestTargets}
			var log *caselog.Log
			var complaints *metrics.Complaints
			var err error
			// A paper without a heat map needs only the figures: the
			// case log is then streamed, its rows counted as they are
			// read (the same figures, warnings and problems as stored
			// rows give: metrics.Stream), which costs reading and
			// counting the example's case log about 40% less CPU than
			// storing its 10,700 rows and counting them after.
			if figuresOnly || !layout.NeedsRows(r) {
				complaints, log, err = metrics.Stream(r.Resolve(d.Complaints), ro, opt)
			} else if log, err = caselog.ReadFile(r.Resolve(d.Complaints), ro); err == nil && (!fromAck || log.HasAcknowledged) {
				complaints = metrics.Compute(log, opt)
			}
			if err != nil {
				errs = append(errs, diag.As(err)...)
			} else if fromAck && !log.HasAcknowledged {
				p := r.Pos.At("data.deadlines_from")
				errs.Errorf(r.File, p.Line, p.Col, "data.deadlines_from", "counts deadlines from the Acknowledged column, and %s has none; map its header in the report's data: columns: {Acknowledged: HEADER}, or leave deadlines_from out to count from Received", d.Complaints)
			} else {
				fig.Complaints = complaints
				errs = append(errs, log.Warnings...)
				errs = append(errs, aliasWarnings(r, log)...)
				errs = append(errs, holidayWarnings(r, complaints)...)
				read = true
			}
		}
		errs = append(errs, terrs...)
		unread = !read
	}
	letters()
	if d.Ombudsman != "" {
		if letterErr != nil {
			errs = append(errs, diag.As(letterErr)...)
			unread = true
		} else {
			fig.Letter = letter
		}
	}
	if d.HousingOmbudsman != "" {
		if housingErr != nil {
			errs = append(errs, diag.As(housingErr)...)
			unread = true
		} else {
			fig.Housing = housing
			errs = append(errs, housingServices(d.HousingOmbudsman, fig)...)
		}
	}
	if unread {
		// Without the figures data.year can still be checked as a year.
		return nil, append(errs, reportingYear(r, nil)...)
	}
	errs = append(errs, reportingYear(r, fig)...)
	return fig, errs
}

// housingServices checks that the housing services housing-ombudsman.yaml
// names are services of the case log, at each name in that file.
func housingServices(file string, fig *layout.Figures) diag.List {
	var l diag.List
	if fig.Complaints == nil {
		return nil
	}
	for i, s := range fig.Housing.HousingServices {
		if _, err := fig.Complaints.Service(s); err != nil {
			p := fig.Housing.ServicePos[i]
			l.Errorf(file, p.Line, p.Col, fmt.Sprintf("housing_services[%d]", i), "%v", err)
		}
	}
	return l
}

// reportingYear checks data.year against the figures (a financial year
// they cover, latest or previous; only the form of the year when fig is
// nil) and warns when the reporting year is a
// part year: a few cases logged after 1 April make the new year the
// latest, and figures cited as latest would then describe a month or two.
func reportingYear(r *definition.Report, fig *layout.Figures) diag.List {
	var l diag.List
	d := r.Data
	year, err := layout.ReportingYear(d, fig)
	if err != nil {
		p := r.Pos.At("data.year")
		l.Errorf(r.File, p.Line, p.Col, "data.year", "%v", err)
		return l
	}
	if fig == nil || fig.Complaints == nil {
		return l
	}
	label, months, last, ok := fig.Complaints.PartYear()
	if !ok || label != year {
		return l
	}
	span := "April " + last.Format("2006")
	if months > 1 {
		span = "April to " + last.Format("January 2006")
	}
	if d.Year == "" || d.Year == "latest" {
		at := "data.complaints"
		if d.Year != "" {
			at = "data.year"
		}
		advice := ""
		if full, err := layout.ReportingYear(definition.Data{Year: "previous", Ombudsman: d.Ombudsman}, fig); err == nil {
			advice = fmt.Sprintf("; set data.year: %s to report on the last full year, or leave out the newer cases", full)
		}
		p := r.Pos.At(at)
		l.Warnf(r.File, p.Line, p.Col, at, "%s: the latest year in the data, %s, has cases from %s only (%d of 12 months), so the reporting year and every figure cited as \"latest\" cover a part year%s",
			d.Complaints, label, span, months, advice)
		return l
	}
	p := r.Pos.At("data.year")
	l.Warnf(r.File, p.Line, p.Col, "data.year", "the reporting year, %s, has cases in %s from %s only (%d of 12 months), so its figures cover a part year", label, d.Complaints, span, months)
	return l
}

// holidayWarnings warns when the case log's dates run into years the
// embedded bank holidays do not cover and data.holidays lists no day of.
func holidayWarnings(r *definition.Report, c *metrics.Complaints) diag.List {
	listed := make([]workdays.Day, len(r.Data.Holidays))
	for i, t := range r.Data.Holidays {
		listed[i] = workdays.FromTime(t)
	}
	years := c.UncoveredYears(listed)
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
	if r.Data.Complaints == "" && r.Data.Ombudsman == "" && r.Data.HousingOmbudsman == "" {
		p := r.Pos.At("data")
		errs.Errorf(r.File, p.Line, p.Col, "data", "the report names no data: give data.complaints (a case log) or data.ombudsman (the letter's figures)")
		return nil, errs
	}
	cal, calErrs := calendar(r)
	errs = append(errs, calErrs...)
	if errs.HasErrors() {
		return nil, errs
	}
	fig, dataErrs := loadData(r, cal, true)
	errs = append(errs, dataErrs...)
	if errs.HasErrors() {
		return nil, errs
	}
	return fig, errs
}
