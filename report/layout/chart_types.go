package layout

import (
	"slices"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/metrics"
)

// chartTypeValues are the values of a trend or monthly chart's type:
// complaints (the default) or a request or enquiry type's key.
var chartTypeValues = func() []string {
	v := []string{"complaints"}
	for _, t := range caselog.RequestTypes {
		v = append(v, t.Key())
	}
	return v
}()

// chartRequestMeasures and chartRequestRates are the figures a chart of
// requests or enquiries can draw: they have no outcomes or escalation.
var (
	chartRequestMeasures = []string{"received", "closed", "open", "on_time", "mean_working_days"}
	chartRequestRates    = []string{"on_time_rate", "none"}
)

// chartType reads a chart's type option: the request or enquiry type it
// names, and true, or false for complaints. A request type takes no
// stage and none of the complaints' or the letter's own measures; such a
// problem is recorded (b.ok turns false).
func (b *binder) chartType(c *definition.Chart, letter bool, measure string) (caselog.Type, bool) {
	if c.Type == "" || c.Type == "complaints" {
		return caselog.Complaint, false
	}
	t, _ := caselog.TypeOf(c.Type)
	switch {
	case b.set("stage"):
		b.errorf("stage", "stage does not apply to %s, which have no stages; leave it out, or leave out type", chartTypeNoun(t))
	case letter || !slices.Contains(chartRequestMeasures, measure):
		b.errorf("measure", "%s cannot go with type %s: use %s", measure, c.Type, strings.Join(chartRequestMeasures, ", "))
	}
	return t, true
}

// requestFigures returns the case log's request and enquiry figures or
// records, at the option key (the block's when empty), that the block
// needs them.
func (b *binder) requestFigures(key string) *metrics.Requests {
	f := b.p.in.Figures
	switch {
	case f == nil || f.Complaints == nil:
		b.errorf(key, "needs the case log: add data: {complaints: complaints.csv}")
	case f.Complaints.Requests == nil || len(f.Complaints.Requests.YearLabels()) == 0:
		b.errorf(key, "counts the case log's information requests and enquiries, and it has none: add a Type column (FOI, EIR, SAR, Member enquiry, MP enquiry; blank or Complaint for complaints), or map yours with data: columns: {Type: HEADER}")
	default:
		return f.Complaints.Requests
	}
	return nil
}

// chartTypeNoun names a type's rows in a sentence: "FOI requests".
func chartTypeNoun(t caselog.Type) string {
	n, _, _ := chartTypeWords(t)
	return n
}

// chartTypeWords describes a request or enquiry type as chartStageWords
// does a stage: the noun, the legend's word and the axis title.
func chartTypeWords(t caselog.Type) (noun, short, axis string) {
	switch t {
	case caselog.FOI:
		return "FOI requests", "FOI requests", "Requests"
	case caselog.FOIReview:
		return "FOI internal reviews", "Reviews", "Reviews"
	case caselog.EIR:
		return "EIR requests", "EIR requests", "Requests"
	case caselog.EIRReview:
		return "EIR internal reviews", "Reviews", "Reviews"
	case caselog.SAR:
		return "subject access requests", "Requests", "Requests"
	case caselog.MemberEnquiry:
		return "member enquiries", "Enquiries", "Enquiries"
	}
	return "MP enquiries", "Enquiries", "Enquiries"
}
