package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/hos"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pipeline"
	"github.com/paperhq/paper/report/selfassess"
	"gopkg.in/yaml.v3"
)

// checkFile checks a report or agenda definition, an Ombudsman letter or
// a case log, telling them apart by fileKind.
func checkFile(path, styleRef string) diag.List {
	switch fileKind(path) {
	case kindAgenda:
		return pack.CheckWith(path, pack.Options{Style: styleRef})
	case kindLetter:
		if _, err := ombudsman.Load(path); err != nil {
			return diag.As(err)
		}
		return nil
	case kindHousing:
		if _, err := hos.Load(path); err != nil {
			return diag.As(err)
		}
		return nil
	case kindSelfAssessment:
		_, errs := selfassess.Load(path)
		return errs
	case kindCaseLog:
		log, err := caselog.ReadFile(path, caselog.Options{})
		if err != nil {
			return diag.As(err)
		}
		return log.Warnings
	}
	return pipeline.CheckWith(path, pipeline.Options{Style: styleRef})
}

// kind is what an input file is, for commands given the wrong one.
type kind int

const (
	kindUnknown kind = iota // unreadable or unrecognised: the report's loader says why
	kindReport
	kindAgenda
	kindLetter
	kindCaseLog
	kindHousing // housing-ombudsman.yaml
	kindSelfAssessment
)

// fileKind tells the inputs apart: a case log by its extension; YAML by
// its keys: an agenda lists items, a report has recommendations, an
// Ombudsman letter has years but no committee; the Housing Ombudsman's
// figures name the landlord.
func fileKind(path string) kind {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt", ".xlsx", ".xlsm":
		return kindCaseLog
	}
	// A path that cannot be read (a FIFO, a folder, a huge file) is left
	// to the report's loader, which says why.
	src, err := diag.ReadFile(path, definition.MaxFileSize, "a definition")
	if err != nil {
		return kindUnknown
	}
	var top map[string]yaml.Node
	if yaml.Unmarshal(src, &top) != nil {
		if strings.HasPrefix(strings.ToLower(filepath.Base(path)), "agenda") {
			return kindAgenda
		}
		return kindUnknown
	}
	has := func(k string) bool { _, ok := top[k]; return ok }
	switch {
	case has("recommendations"):
		return kindReport
	case has("items"):
		return kindAgenda
	case has("landlord") && !has("committee"):
		return kindHousing
	case has("years") && !has("committee"):
		return kindLetter
	case has("provisions") && !has("committee"):
		return kindSelfAssessment
	}
	return kindUnknown
}

// wrongCommand is the usage error for a file given to a command that
// does not take its kind, naming the command that does; nil if the kind
// is right. cmd is "build", "decision", "pack" or "preview".
func wrongCommand(cmd, path string) error {
	k := fileKind(path)
	var msg string
	switch {
	case (cmd == "build" || cmd == "decision" || cmd == "preview") && k == kindAgenda:
		msg = fmt.Sprintf("%s is an agenda (it lists items): assemble its packs with paper pack %s", path, path)
	case cmd == "pack" && k == kindReport:
		msg = fmt.Sprintf("%s is a report definition, not an agenda: build the paper with paper build %s, or name it in an agenda's items as {report: %s}", path, path, path)
	case k == kindLetter:
		msg = fmt.Sprintf("%s is an Ombudsman letter (ombudsman.yaml): name it under data: ombudsman: in a report.yaml, check it with paper check %s, or print its figures with paper metrics --ombudsman %s", path, path, path)
	case k == kindHousing:
		msg = fmt.Sprintf("%s is the Housing Ombudsman's figures (housing-ombudsman.yaml): name it under data: housing_ombudsman: in a report.yaml, or check it with paper check %s", path, path)
	case k == kindSelfAssessment:
		msg = fmt.Sprintf("%s is a self-assessment against the Complaint Handling Codes: name it under data: self_assessment: in a report.yaml and lay it out with a self_assessment block, or check it with paper check %s", path, path)
	case k == kindCaseLog:
		msg = fmt.Sprintf("%s is a case log: name it under data: complaints: in a report.yaml, check it with paper check %s, or print its figures with paper metrics %s", path, path, path)
	default:
		return nil
	}
	return usageError{fmt.Errorf("%s: %s", cmd, msg)}
}

// printDisclosure prints the audit of every suppressed by-service grid of
// a checked report: for each, the cells withheld, why (a small count, or
// the small counts it protects), each small count's audited range and the
// rates withheld, so that an officer can show a reviewer the paper was
// checked.
func printDisclosure(w io.Writer, path, styleRef string) error {
	p, errs := pipeline.Prepare(path, pipeline.Options{Style: styleRef})
	if p == nil || errs.HasErrors() {
		return inputError{errs}
	}
	audits, err := layout.Audits(layout.Input{Report: p.Report, Figures: p.Figures, Style: p.Style})
	if err != nil {
		return err
	}
	if len(audits) == 0 {
		fmt.Fprintf(w, "%s: no table or chart suppresses small counts\n", path)
		return nil
	}
	for _, a := range audits {
		pos := p.Report.Pos.At(a.Path)
		fmt.Fprintf(w, "%s:%d:%d: %s: %s %s by service, counts from 1 to %d suppressed\n", path, pos.Line, pos.Col, a.Where, a.Stage, a.Year, a.Below-1)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "  withheld\tcount\twhy\taudited range")
		for _, c := range a.Cells {
			why, rng := "small count", c.Range.String()
			if !c.Sensitive {
				why, rng = "protects "+strings.Join(c.Protects, "; "), ""
				if len(c.Protects) == 0 {
					why = "protects other withheld counts"
				}
			}
			fmt.Fprintf(tw, "  %s\t%d\t%s\t%s\n", c.Name, c.Value, why, rng)
		}
		tw.Flush()
		if len(a.Rates) > 0 {
			fmt.Fprintf(w, "  rates withheld (*): %s\n", strings.Join(a.Rates, "; "))
		}
		verdict := "passed"
		if !a.Passed {
			verdict = "FAILED"
		}
		fmt.Fprintf(w, "  audit (linear programming over every figure the paper publishes of this table): every small count keeps at least 3 possible values: %s\n", verdict)
	}
	return nil
}
