package metrics

import (
	"fmt"

	"github.com/paperhq/paper/report/caselog"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/yamlx"
)

// Figures are everything a paper's text, tables and charts can cite: the
// case log's figures and the Ombudsman's letters. Either may be nil.
type Figures struct {
	Complaints *Complaints
	Letter     *ombudsman.Letter
}

// Names lists every metric name Value accepts: "stage1.received" ...
// "ombudsman.escalation_rate", then "letter.upheld_rate" ...
func Names() []string {
	var names []string
	for _, s := range Stages {
		for _, f := range Fields {
			if s == "stage1" && f == "escalation_rate" {
				continue
			}
			names = append(names, s+"."+f)
		}
	}
	for _, n := range ombudsman.Metrics() {
		names = append(names, "letter."+n)
	}
	return names
}

// Value returns a figure for a financial year ("2020/21") or, from the
// case log, a quarter or half of one ("2020/21 Q1", "2020/21 H2"), for the whole
// council or, with service, for one service of the case log. Names are
// "<stage>.<figure>" (stage1, stage2 or ombudsman; see Fields) for the
// case log and "letter.<figure>" for the Ombudsman's letter (see
// ombudsman.Metrics). ok is false when the figure is undefined; err names
// an unknown metric, year or service.
func (f *Figures) Value(metric, year, service string) (float64, bool, error) {
	if rest, ok := strings.CutPrefix(metric, "letter."); ok {
		if f.Letter == nil {
			return 0, false, fmt.Errorf("%s needs the Ombudsman's figures: add data: {ombudsman: ombudsman.yaml}", diag.Quote(metric))
		}
		if service != "" {
			return 0, false, fmt.Errorf("the Ombudsman's figures are not broken down by the case log's services")
		}
		if p, ok := ParsePeriod(year); ok && p.Kind != 'Y' {
			return 0, false, fmt.Errorf("the Ombudsman's letter gives figures for whole financial years, not %s; give the year, %s", p, Period{Start: p.Start, Kind: 'Y'})
		}
		return f.Letter.Value(rest, year)
	}
	if t, field, ok := RequestMetric(metric); ok {
		r, err := f.request(metric, t, year, service)
		if err != nil {
			return 0, false, err
		}
		return r.Field(field)
	}
	stage, field, _ := strings.Cut(metric, ".")
	st, okStage := StageOf(stage)
	if !okStage || !slices.Contains(Fields, field) {
		msg := fmt.Sprintf("unknown metric %s", diag.Quote(metric))
		if s := yamlx.Suggest(metric, append(Names(), RequestNames()...)); s != "" {
			msg += "; did you mean " + s + "?"
		} else {
			msg += `; metrics are named like "stage1.on_time_rate", "foi.on_time_rate" or "letter.upheld_rate"`
		}
		return 0, false, fmt.Errorf("%s", msg)
	}
	if f.Complaints == nil {
		return 0, false, fmt.Errorf("%s needs the case log: add data: {complaints: complaints.csv}", diag.Quote(metric))
	}
	y, err := f.Complaints.Lookup(year, service)
	if err != nil {
		return 0, false, err
	}
	return y.At(st).Field(field)
}

func suggest(s string, known []string) string {
	if m := yamlx.Suggest(s, known); m != "" {
		return "; did you mean " + m + "?"
	}
	return ""
}

// request returns the figures of a request type for Value and Text.
func (f *Figures) request(metric string, t caselog.Type, year, service string) (*Request, error) {
	if f.Complaints == nil {
		return nil, fmt.Errorf("%s needs the case log: add data: {complaints: complaints.csv}", diag.Quote(metric))
	}
	if f.Complaints.Requests == nil {
		return nil, fmt.Errorf("%s counts the case log's %s rows, and it has no Type column to tell them from complaints; add one (Complaint, FOI, EIR, SAR, Member enquiry, MP enquiry), or map yours with data: columns: {Type: HEADER}", diag.Quote(metric), t)
	}
	return f.Complaints.Requests.Lookup(t, year, service)
}

// Text returns a figure that is a word: an FOI or EIR request's ICO band
// ("foi.band": good, adequate or unsatisfactory). ok is false when it is
// undefined (no request closed); err as Value's, and for a metric that is
// not a word.
func (f *Figures) Text(metric, year, service string) (string, bool, error) {
	t, field, ok := RequestMetric(metric)
	if !ok || field != "band" {
		return "", false, fmt.Errorf("%s is not a figure in words; only foi.band and eir.band are", diag.Quote(metric))
	}
	r, err := f.request(metric, t, year, service)
	if err != nil || r.Band == nil {
		return "", false, err
	}
	return string(*r.Band), true, nil
}
