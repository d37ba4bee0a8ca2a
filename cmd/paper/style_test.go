package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// build runs paper build with args and fails the test unless it exits 0.
func build(t *testing.T, args ...string) {
	t.Helper()
	if code, _, stderr := runCLI(t, append([]string{"build"}, args...)...); code != exitOK {
		t.Fatalf("paper build %v: exit %d\n%s", args, code, stderr)
	}
}

// TestDefaultStyleIsTheStandardPaper: naming the default style, in the
// report or on the command line, gives the same bytes as naming none.
func TestDefaultStyleIsTheStandardPaper(t *testing.T) {
	plain, named, flag := t.TempDir(), t.TempDir(), t.TempDir()
	report := copyFixture(t, "report.yaml")
	src, _ := os.ReadFile(report)
	styled := filepath.Join(filepath.Dir(report), "styled.yaml")
	if err := os.WriteFile(styled, append(src, []byte("style: default\n")...), 0o644); err != nil {
		t.Fatal(err)
	}
	build(t, report, "--format", "all", "--exempt-ok", "-o", plain)
	build(t, styled, "--format", "all", "--exempt-ok", "-o", named)
	build(t, report, "--style", "default", "--format", "all", "--exempt-ok", "-o", flag)
	for _, ext := range []string{".pdf", ".docx", ".html"} {
		want, err := os.ReadFile(filepath.Join(plain, "report"+ext))
		if err != nil {
			t.Fatal(err)
		}
		for _, got := range []string{filepath.Join(named, "styled"+ext), filepath.Join(flag, "report"+ext)} {
			b, err := os.ReadFile(got)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(b, want) {
				t.Errorf("%s differs from the build with no style", got)
			}
		}
	}
}

// TestStyleFlagProblems: a --style that names nothing is exit 1, with
// nothing written.
func TestStyleFlagProblems(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"build", layoutFixture, "--style", "heritag", "-o", out}, `--style: no style named "heritag" is shipped with paper; did you mean heritage?`},
		{[]string{"check", layoutFixture, "--style", "house/none.yaml"}, "--style: house/none.yaml: no such file"},
		{[]string{"pack", filepath.Join("..", "..", "examples", "meeting", "agenda.yaml"), "--style", "house/none.yaml", "-o", out}, "--style: house/none.yaml: no such file"},
	} {
		code, stdout, stderr := runCLI(t, c.args...)
		if code != exitInput || !strings.HasPrefix(stderr, c.want) || stdout != "" {
			t.Errorf("paper %v: exit %d, stdout %q, stderr %q; want exit 1 and %q", c.args, code, stdout, stderr, c.want)
		}
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("an invalid --style wrote the output folder")
	}
}

// TestNewWithStyle scaffolds a report that names a shipped style and
// passes check as written.
func TestNewWithStyle(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "paper")
	if code, _, stderr := runCLI(t, "new", "lgsco-annual-review", dir, "--style", "cabinet"); code != exitOK {
		t.Fatalf("paper new --style cabinet: exit %d\n%s", code, stderr)
	}
	src, err := os.ReadFile(filepath.Join(dir, "report.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^style: cabinet$`).Match(src) {
		t.Errorf("report.yaml does not name the style:\n%s", src[:min(len(src), 1500)])
	}
	if code, stdout, stderr := runCLI(t, "check", filepath.Join(dir, "report.yaml")); code != exitOK {
		t.Errorf("the scaffolded paper fails check: exit %d\n%s%s", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "new", "blank", filepath.Join(t.TempDir(), "x"), "--style", "cabnet"); code != exitUsage || !strings.Contains(stderr, "no shipped style \"cabnet\"") {
		t.Errorf("paper new --style cabnet: exit %d, %s", code, stderr)
	}
}
