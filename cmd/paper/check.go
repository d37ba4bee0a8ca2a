package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"github.com/paperhq/paper/report/build"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pack"
	"gopkg.in/yaml.v3"
)

// checkFile checks a report or an agenda definition, telling them apart
// by their keys: an agenda lists items, a report has recommendations.
func checkFile(path string) diag.List {
	if isAgenda(path) {
		return pack.Check(path)
	}
	return build.Check(path)
}

func isAgenda(path string) bool {
	// A path that cannot be read (a FIFO, a folder, a huge file) is left
	// to the report's loader, which says why.
	src, err := diag.ReadFile(path, definition.MaxFileSize, "a definition")
	if err != nil {
		return false
	}
	var top map[string]yaml.Node
	if yaml.Unmarshal(src, &top) != nil {
		return strings.HasPrefix(strings.ToLower(filepath.Base(path)), "agenda")
	}
	_, items := top["items"]
	_, recs := top["recommendations"]
	return items && !recs
}

// printDisclosure prints the audit of every suppressed by-service grid of
// a checked report: for each, the cells withheld, why (a small count, or
// the small counts it protects), each small count's audited range and the
// rates withheld, so that an officer can show a reviewer the paper was
// checked.
func printDisclosure(w io.Writer, path string) error {
	p, errs := build.Prepare(path, false)
	if p == nil || errs.HasErrors() {
		return inputError{errs}
	}
	audits, err := layout.Audits(layout.Input{Report: p.Report, Figures: p.Figures})
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
