package pack_test

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
)

// TestExampleMeeting builds examples/meeting, the pack the README shows:
// the example paper with its exempt appendix C (named complainants), and
// a Part II settlement paper with exempt legal advice. The public pack
// must hold none of their exempt text; the exempt pack all of it.
func TestExampleMeeting(t *testing.T) {
	agenda := filepath.Join("..", "..", "examples", "meeting", "agenda.yaml")
	out := t.TempDir()
	res, err := pack.Build(agenda, pack.Options{OutDir: out})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Warnings) > 0 {
		t.Errorf("the example warns: %v", res.Warnings)
	}
	public := filepath.Join(out, "agenda-public.pdf")
	exempt := filepath.Join(out, "agenda-exempt.pdf")
	pub := tooltest.Run(t, "pdftotext", public, "-")
	pubRaw := decompressed(t, public)
	ex := tooltest.Run(t, "pdftotext", exempt, "-")
	for _, secret := range []string{
		"Idris Fenwick-Hale", "Marguerite Osei", "Tannery Court", // appendix C
		"£18,750", "Counsel advises", // the Part II paper and its appendix
	} {
		if bytes.Contains(pub, []byte(secret)) || len(find(pubRaw, secret)) > 0 {
			t.Errorf("exempt text %q is in the public pack", secret)
		}
		if !bytes.Contains(ex, []byte(secret)) {
			t.Errorf("exempt text %q is missing from the exempt pack", secret)
		}
	}
	for _, want := range []string{
		"Settlement of a Claim Arising from a Complaint",
		"Exempt: paragraphs 3 and 5 of Part 1 of Schedule 12A to the Local",
		"Appendix C to this report is not for publication",
		"Analysis of the Ombudsman's Annual Review Letter 2020/21",
	} {
		if !strings.Contains(string(pub), want) {
			t.Errorf("public pack lacks %q", want)
		}
	}
	for _, f := range []string{public, exempt} {
		tooltest.Run(t, "qpdf", "--check", f)
	}
}
