package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/pack/packtest"
)

// meetingFixture writes the generated fixture meeting (two papers, the
// second Part II, exempt appendices and an exempt PDF item) into a fresh
// folder, with its agenda named name, and returns the agenda's path.
func meetingFixture(t *testing.T, name string) string {
	t.Helper()
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 2})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if path != m.Agenda {
		if err := os.Rename(m.Agenda, path); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestPackCommand(t *testing.T) {
	t.Run("outputs named after the agenda, in its folder", func(t *testing.T) {
		agenda := meetingFixture(t, "meeting-2026-12-14.yaml")
		code, stdout, stderr := runCLI(t, "pack", agenda)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		dir := filepath.Dir(agenda)
		for _, f := range []string{"meeting-2026-12-14-public.pdf", "meeting-2026-12-14-exempt.pdf"} {
			if !strings.Contains(stdout, "wrote "+filepath.Join(dir, f)+"\n") {
				t.Errorf("stdout does not report %s:\n%s", f, stdout)
			}
			if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
				t.Errorf("%s not written", f)
			}
		}
		// Not a terminal: no progress.
		if stderr != "" {
			t.Errorf("stderr is not a terminal, yet got:\n%s", stderr)
		}
	})
	t.Run("-o", func(t *testing.T) {
		agenda := meetingFixture(t, "agenda.yaml")
		out := filepath.Join(t.TempDir(), "packs", "2026-12-14")
		code, _, stderr := runCLI(t, "pack", agenda, "-o", out)
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		if got := strings.Join(files(t, out), " "); got != "agenda-exempt.pdf agenda-public.pdf" {
			t.Errorf("-o folder holds %s", got)
		}
		if got := files(t, filepath.Dir(agenda)); contains(got, "agenda-public.pdf") {
			t.Errorf("with -o, the agenda's folder got a pack too")
		}
	})
	t.Run("--quiet", func(t *testing.T) {
		agenda := meetingFixture(t, "agenda.yaml")
		code, _, stderr := runCLI(t, "pack", "--quiet", agenda)
		if code != exitOK || stderr != "" {
			t.Errorf("exit %d, stderr %q", code, stderr)
		}
	})
	t.Run("missing paper: exit 1 naming the item, nothing written", func(t *testing.T) {
		agenda := meetingFixture(t, "agenda.yaml")
		os.Remove(filepath.Join(filepath.Dir(agenda), "paper02", "report.yaml"))
		before := files(t, filepath.Dir(agenda))
		code, stdout, stderr := runCLI(t, "pack", agenda)
		if code != exitInput {
			t.Errorf("exit %d, want %d", code, exitInput)
		}
		if !strings.Contains(stderr, "agenda.yaml:") || !strings.Contains(stderr, "item 5: paper02/report.yaml: no such file") {
			t.Errorf("stderr:\n%s", stderr)
		}
		if stdout != "" {
			t.Errorf("stdout: %q", stdout)
		}
		if after := files(t, filepath.Dir(agenda)); strings.Join(after, " ") != strings.Join(before, " ") {
			t.Errorf("files changed: %v -> %v", before, after)
		}
	})
	t.Run("damaged appendix: exit 1 naming the item", func(t *testing.T) {
		agenda := meetingFixture(t, "agenda.yaml")
		app := filepath.Join(filepath.Dir(agenda), "paper01", "appendix-a.pdf")
		data, _ := os.ReadFile(app)
		os.WriteFile(app, data[:len(data)/3], 0o644)
		code, _, stderr := runCLI(t, "pack", agenda, "-o", filepath.Join(t.TempDir(), "out"))
		if code != exitInput || !strings.Contains(stderr, "item 4 (Complaints performance report 1): appendix A (appendix-a.pdf): is damaged") {
			t.Errorf("exit %d, stderr:\n%s", code, stderr)
		}
	})
	t.Run("--format", func(t *testing.T) {
		for _, tt := range []struct {
			format string
			want   string // what the output folder holds
		}{
			{"html", "agenda-public"},
			{"pdf", "agenda-exempt.pdf agenda-public.pdf"},
			{"PDF, html", "agenda-exempt.pdf agenda-public agenda-public.pdf"},
			{"all", "agenda-exempt.pdf agenda-public agenda-public.pdf"},
			{"html,html", "agenda-public"},
		} {
			agenda := meetingFixture(t, "agenda.yaml")
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := runCLI(t, "pack", agenda, "-o", out, "--format", tt.format)
			if code != exitOK {
				t.Fatalf("--format %q: exit %d: %s", tt.format, code, stderr)
			}
			if got := strings.Join(files(t, out), " "); got != tt.want {
				t.Errorf("--format %q: the folder holds %s, want %s", tt.format, got, tt.want)
			}
			if strings.Contains(tt.want, "agenda-public ") || strings.HasSuffix(tt.want, "agenda-public") {
				if site := filepath.Join(out, "agenda-public") + string(filepath.Separator); !strings.Contains(stdout, "wrote "+site+"\n") {
					t.Errorf("--format %q: stdout does not report %s:\n%s", tt.format, site, stdout)
				}
			}
		}
		for _, format := range []string{"docx", "", " , "} {
			agenda := meetingFixture(t, "agenda.yaml")
			code, _, stderr := runCLI(t, "pack", agenda, "--format", format)
			want := "--format: unknown format \"docx\" (known: pdf, html, all)"
			if format != "docx" {
				want = "--format: no format given (known: pdf, html, all)"
			}
			if code != exitUsage || !strings.Contains(stderr, want) {
				t.Errorf("--format %q: exit %d, stderr %q, want %d and %q", format, code, stderr, exitUsage, want)
			}
		}
	})
	t.Run("usage errors", func(t *testing.T) {
		for _, args := range [][]string{{"pack"}, {"pack", "a.yaml", "b.yaml"}, {"pack", "a.yaml", "--colour"}, {"pack", "a.yaml", "-o"}} {
			if code, _, stderr := runCLI(t, args...); code != exitUsage {
				t.Errorf("%v: exit %d, want %d: %s", args, code, exitUsage, stderr)
			}
		}
	})
}

func TestCheckAgenda(t *testing.T) {
	agenda := meetingFixture(t, "agenda.yaml")
	code, stdout, stderr := runCLI(t, "check", agenda)
	if code != exitOK || !strings.Contains(stdout, "agenda.yaml: OK") {
		t.Errorf("check: exit %d\n%s%s", code, stdout, stderr)
	}
	// check opens every paper and PDF the agenda names.
	os.WriteFile(filepath.Join(filepath.Dir(agenda), "minutes.pdf"), []byte("not a pdf"), 0o644)
	edit := filepath.Join(filepath.Dir(agenda), "paper01", "report.yaml")
	src, _ := os.ReadFile(edit)
	os.WriteFile(edit, []byte(strings.Replace(string(src), "purpose:", "purpsoe:", 1)), 0o644)
	// A problem in the agenda itself does not hide its papers' problems.
	asrc, _ := os.ReadFile(agenda)
	os.WriteFile(agenda, append([]byte("classification: SECRET\n"), asrc...), 0o644)
	code, _, stderr = runCLI(t, "check", agenda)
	if code != exitInput {
		t.Errorf("check of a broken agenda: exit %d", code)
	}
	for _, want := range []string{
		`classification: "SECRET" is not a protective marking`,
		"item 3 (Minutes of the previous meeting): minutes.pdf: is not a PDF file",
		"item 4 (Complaints performance report 1): paper01/report.yaml does not pass check",
		"purpsoe: unknown key; did you mean purpose?",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("check's errors lack %q:\n%s", want, stderr)
		}
	}
	if got := files(t, filepath.Dir(agenda)); contains(got, "agenda-public.pdf") {
		t.Errorf("check wrote a pack")
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
