package pipeline

import (
	"net/url"
	"os"
	"path/filepath"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/workdays"
)

// DecisionSuffix ends the names of a decision notice's files:
// report.yaml's notice is report-decision.pdf.
const DecisionSuffix = "-decision"

// Decision writes the decision notice of the paper at path, from its
// decision block, in the requested formats (default those of a build),
// named after the definition with DecisionSuffix in opts.OutDir. The
// paper is checked as a build checks it, and on any error nothing is
// written. A Part II paper's notice is written with the paper's mode
// (0640): it holds no exempt text, but is published by a deliberate step
// once the proper officer has read it. opts.Draft and opts.ExemptOK are
// not used.
func Decision(path string, opts Options) (Result, error) {
	formats, err := lookupFormats(opts.Formats)
	if err != nil {
		return Result{}, err
	}
	p, errs := Prepare(path, Options{Date: opts.Date, OutDir: opts.OutDir})
	if p == nil || errs.HasErrors() {
		return Result{}, errs
	}
	if p.Report.Decision == nil {
		return Result{}, diag.List{{File: path, Field: "decision",
			Msg: "the paper has no decision: block; add one (decision: {status: Recommendations approved, published: YYYY-MM-DD}) to write its decision notice"}}
	}
	out, base := outDir(path, opts), baseName(path)
	notice := p.DecisionNotice(reportPDF(out, base))
	res, _, err := write(out, base+DecisionSuffix, formats, notice, Perm(p.Report))
	if err != nil {
		return Result{}, err
	}
	res.Warnings = errs.Warnings()
	return res, nil
}

// DecisionNotice lays out the paper's decision notice (nil without a
// decision block), its web page linking report, the paper's PDF (zero:
// not linked).
func (p *Paper) DecisionNotice(report layout.File) *doc.Document {
	return p.plan.DecisionNotice(report)
}

// decisionWarnings warns when a decision's call-in period runs in a
// year the embedded bank holidays do not cover, where it counts only
// weekends and data.holidays as non-working days.
func decisionWarnings(r *definition.Report) diag.List {
	var l diag.List
	d := r.Decision
	if d == nil || !d.SubjectToCallIn() || d.Published.IsZero() || d.Effective.IsZero() {
		return l
	}
	if workdays.Covers(workdays.FromTime(d.Published)) && workdays.Covers(workdays.FromTime(d.Effective)) {
		return l
	}
	p := r.Pos.At("decision.published")
	l.Warnf(r.File, p.Line, p.Col, "decision.published", "the bank holidays paper knows are those of %d to %d, so the call-in period after %s counts only weekends and data.holidays as non-working days",
		workdays.FirstYear, workdays.LastYear, d.Published.Format("2 January 2006"))
	return l
}

// reportPDF is the paper's PDF as paper build writes it into out, for
// the notice's web page to link: its address beside the notice and its
// size; zero when out holds no such file.
func reportPDF(out, base string) layout.File {
	fi, err := os.Stat(filepath.Join(out, base+".pdf"))
	if err != nil || !fi.Mode().IsRegular() {
		return layout.File{}
	}
	return layout.File{Href: url.PathEscape(base + ".pdf"), Size: fi.Size()}
}
