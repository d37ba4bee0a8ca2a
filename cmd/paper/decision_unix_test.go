//go:build unix

package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDecisionOutputModes: a decision notice's files follow the output
// rules of a build: a Part I paper's follow the umask, a Part II
// paper's are never world-readable (0640), and a notice rebuilt over
// one left world-readable loses that access.
func TestDecisionOutputModes(t *testing.T) {
	out := t.TempDir()
	for _, tt := range []struct {
		def  string
		want os.FileMode
	}{
		{exampleReport, 0o644},
		{settlementReport, 0o640},
	} {
		dir := filepath.Join(out, filepath.Base(filepath.Dir(tt.def)))
		if code, stderr := runPaper(t, 0o022, "decision", tt.def, "-o", dir, "--format", "all"); code != exitOK {
			t.Fatalf("decision %s: exit %d: %s", tt.def, code, stderr)
		}
		for _, name := range []string{"report-decision.pdf", "report-decision.docx", "report-decision.html"} {
			if got := mode(t, filepath.Join(dir, name)); got != tt.want {
				t.Errorf("%s: %s is %04o, want %04o", tt.def, name, got, tt.want)
			}
		}
	}
	exempt := filepath.Join(out, "settlement", "report-decision.pdf")
	os.Chmod(exempt, 0o644)
	runPaper(t, 0o022, "decision", settlementReport, "-o", filepath.Dir(exempt))
	if got := mode(t, exempt); got != 0o640 {
		t.Errorf("a Part II notice rebuilt over a world-readable one is %04o, want 0640", got)
	}
}
