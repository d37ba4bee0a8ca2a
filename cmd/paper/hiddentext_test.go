package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackRefusesHiddenText runs paper pack and paper check on an agenda
// whose minutes hide a name under a black box (fixtures/hostile): exit 1,
// the finding on standard error, nothing written; allow_hidden_text: true
// publishes it with a warning.
func TestPackRefusesHiddenText(t *testing.T) {
	dir := t.TempDir()
	pdf, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "hostile", "hidden-black-box.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "minutes.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	agenda := filepath.Join(dir, "agenda.yaml")
	src := "council: Kingsbridge City Council\ncommittee: Audit and Governance Committee\ndate: 2026-12-14\nitems:\n" +
		"  - {title: Minutes of the previous meeting, pdf: minutes.pdf}\n"
	if err := os.WriteFile(agenda, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	want := agenda + `:5:51: items[0] (Minutes of the previous meeting): minutes.pdf page 1: text under an opaque box drawn over it: "HIDDEN-BOX Mrs J Smith, 14 Acacia Avenue"`
	for _, cmd := range []string{"pack", "check"} {
		code, _, stderr := runCLI(t, cmd, agenda)
		if code != exitInput || !strings.Contains(stderr, want+"\n") {
			t.Errorf("%s: exit %d, want %d and\n%s\ngot:\n%s", cmd, code, exitInput, want, stderr)
		}
	}
	if got := files(t, dir); len(got) != 2 {
		t.Errorf("a refused pack wrote files: %v", got)
	}
	src = strings.Replace(src, "pdf: minutes.pdf}", "pdf: minutes.pdf, allow_hidden_text: true}", 1)
	if err := os.WriteFile(agenda, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := runCLI(t, "pack", agenda)
	if code != exitOK || !strings.Contains(stderr, "warning: items[0]") || !strings.Contains(stderr, "allowed by allow_hidden_text") {
		t.Errorf("allowed: exit %d\n%s", code, stderr)
	}
	if got := files(t, dir); !contains(got, "agenda-public.pdf") {
		t.Errorf("allowed: no public pack in %v", got)
	}
}
