package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var (
	exampleReport    = filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml")
	settlementReport = filepath.Join("..", "..", "examples", "meeting", "settlement", "report.yaml")
)

// TestDecisionCommand runs paper decision as a user does: the notice's
// files named after the definition (pdf and docx by default, html with
// --format), listed on standard output; a paper without a decision
// block, a bad format and a bad SOURCE_DATE_EPOCH refused with nothing
// written.
func TestDecisionCommand(t *testing.T) {
	out := t.TempDir()
	code, stdout, stderr := runCLI(t, "decision", exampleReport, "-o", out)
	if want := "wrote " + filepath.Join(out, "report-decision.docx") + "\nwrote " + filepath.Join(out, "report-decision.pdf") + "\n"; code != exitOK || stdout != want || stderr != "" {
		t.Errorf("paper decision: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, stdout, stderr, want)
	}
	web := filepath.Join(out, "web")
	code, stdout, _ = runCLI(t, "decision", settlementReport, "-o", web, "--format", "HTML")
	if code != exitOK || stdout != "wrote "+filepath.Join(web, "report-decision.html")+"\n" {
		t.Errorf("paper decision --format HTML of a Part II paper: exit %d, %q", code, stdout)
	}

	empty := t.TempDir()
	for _, tt := range []struct {
		args []string
		env  string
		code int
		want string
	}{
		{[]string{"decision", layoutFixture, "-o", empty}, "", exitInput,
			layoutFixture + ": decision: the paper has no decision: block; add one (decision: {status: Recommendations approved, published: YYYY-MM-DD}) to write its decision notice\n"},
		{[]string{"decision", exampleReport, "-o", empty, "--format", "pdf,odt"}, "", exitUsage,
			"paper: --format: unknown format \"odt\" (known: pdf, docx, html, all)\nRun 'paper --help' for usage.\n"},
		{[]string{"decision", exampleReport, "-o", empty}, "1.7e9", exitUsage, "paper: SOURCE_DATE_EPOCH=\"1.7e9\": not a whole number"},
		{[]string{"decision"}, "", exitUsage, "paper: decision: expected one report.yaml, got 0 argument(s)"},
	} {
		t.Setenv("SOURCE_DATE_EPOCH", tt.env)
		if tt.env == "" {
			os.Unsetenv("SOURCE_DATE_EPOCH")
		}
		code, stdout, stderr := runCLI(t, tt.args...)
		if code != tt.code || !strings.HasPrefix(stderr, tt.want) || stdout != "" {
			t.Errorf("paper %s: exit %d, stdout %q, stderr %q; want exit %d and %q", strings.Join(tt.args, " "), code, stdout, stderr, tt.code, tt.want)
		}
	}
	if entries, _ := os.ReadDir(empty); len(entries) > 0 {
		t.Errorf("refused runs wrote %d files", len(entries))
	}
}
