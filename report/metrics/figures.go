package metrics

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/hos"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/yamlx"
)

// Figures are everything a paper's text, tables and charts can cite: the
// case log's figures, the Ombudsman's letters and the Housing
// Ombudsman's figures. Any may be nil.
type Figures struct {
	Complaints *Complaints
	Letter     *ombudsman.Letter
	Housing    *hos.Figures
}

// HousingPer1000 are the metric names of complaints per 1,000 homes, by
// stage: the case log's received count for the year at that stage, over
// the housing services named in housing-ombudsman.yaml (every service
// when it names none), per 1,000 of the year's homes.
var HousingPer1000 = []string{"per_1000_homes.stage1", "per_1000_homes.stage2"}

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
	for _, n := range append(hos.Metrics(), HousingPer1000...) {
		names = append(names, "hos."+n)
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
	if rest, ok := strings.CutPrefix(metric, "hos."); ok {
		if f.Housing == nil {
			return 0, false, fmt.Errorf("%s needs the Housing Ombudsman's figures: add data: {housing_ombudsman: housing-ombudsman.yaml}", diag.Quote(metric))
		}
		if service != "" {
			return 0, false, fmt.Errorf("the Housing Ombudsman's figures are not broken down by the case log's services")
		}
		if p, ok := ParsePeriod(year); ok && p.Kind != 'Y' {
			return 0, false, fmt.Errorf("the Housing Ombudsman's figures are for whole financial years, not %s; give the year, %s", p, Period{Start: p.Start, Kind: 'Y'})
		}
		if i := slices.Index(HousingPer1000, rest); i >= 0 {
			return f.HousingPerThousand(year, caselog.Stage(i))
		}
		return f.Housing.Value(rest, year)
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
			msg += `; metrics are named like "stage1.on_time_rate", "foi.on_time_rate", "letter.upheld_rate" or "hos.maladministration_rate"`
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

// HousingPerThousand returns the complaints received at stage st in year
// per 1,000 homes (see HousingPer1000). ok is false without the homes.
func (f *Figures) HousingPerThousand(year string, st caselog.Stage) (float64, bool, error) {
	homes, ok, err := f.Housing.Value("homes", year)
	if err != nil || !ok || homes <= 0 {
		return 0, false, err
	}
	if f.Complaints == nil {
		return 0, false, fmt.Errorf("complaints per 1,000 homes need the case log: add data: {complaints: complaints.csv}")
	}
	n := 0
	if len(f.Housing.HousingServices) == 0 {
		y, err := f.Complaints.Lookup(year, "")
		if err != nil {
			return 0, false, err
		}
		n = y.At(st).Received
	} else {
		y, err := f.Complaints.Group(year, f.Housing.HousingServices)
		if err != nil {
			return 0, false, err
		}
		n = y.At(st).Received
	}
	return float64(n) / homes * 1000, true, nil
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
