package pipeline

import (
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/selfassess"
)

// loadSelfAssessment reads the report's data.self_assessment, when it
// names one, and checks it against the meeting: a file that cannot be
// read is an error at the key naming it; the file's own problems are at
// their lines in it.
func loadSelfAssessment(r *definition.Report) (*selfassess.Assessment, diag.List) {
	name := r.Data.SelfAssessment
	if name == "" {
		return nil, nil
	}
	var l diag.List
	if err := diag.Stat(r.Resolve(name), selfassess.MaxFileSize, "a self-assessment"); err != nil {
		p := r.Pos.At("data.self_assessment")
		l.Errorf(r.File, p.Line, p.Col, "data.self_assessment", "%s: %s", name, diag.ReadError(err))
		return nil, l
	}
	a, errs := selfassess.Load(r.Resolve(name))
	l = append(l, errs...)
	if a == nil {
		return nil, l
	}
	// The dates are checked whatever else is wrong, so one run lists
	// every problem.
	l = append(l, a.Check(r.MeetingDate)...)
	if errs.HasErrors() {
		return nil, l
	}
	return a, l
}
