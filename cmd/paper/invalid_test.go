package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestInvalidDefinitions runs the catalogue in fixtures/invalid through
// the command line: for each NAME.yaml, both `paper check` and
// `paper build -o DIR` (and, for the decision-* cases, `paper decision
// -o DIR --format all`) must exit 1, print exactly NAME.want on standard
// error (paths relative to the catalogue's folder) and nothing on
// standard output, and build and decision must write nothing at all. Adding a case is
// adding its two files (see fixtures/invalid/README.md).
func TestInvalidDefinitions(t *testing.T) {
	dir := filepath.Join("..", "..", "fixtures", "invalid")
	paths, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) < 25 {
		t.Fatalf("the catalogue in %s has %d cases; expected at least 25", dir, len(paths))
	}
	type testCase struct {
		name, path, want, skip string
	}
	var cases []testCase
	for _, p := range paths {
		name := strings.TrimSuffix(filepath.Base(p), ".yaml")
		want, err := os.ReadFile(filepath.Join(dir, name+".want"))
		if err != nil {
			t.Errorf("%s has no expected output: %v", p, err)
			continue
		}
		cases = append(cases, testCase{name: name, path: p, want: string(want)})
	}

	// A file the user cannot read: git keeps no such permission, so the
	// test makes it. Root reads anything, so there the case cannot exist.
	unreadable := filepath.Join(t.TempDir(), "unreadable.yaml")
	valid, err := os.ReadFile(filepath.Join(dir, "folder.yaml", "report.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(unreadable, valid, 0); err != nil {
		t.Fatal(err)
	}
	skip := ""
	if os.Geteuid() == 0 {
		skip = "running as root, who can read a file with no read permission: the unreadable-file case cannot be made (the folder.yaml case covers a path that cannot be read as a file)"
	}
	cases = append(cases, testCase{name: "unreadable", path: unreadable, want: "unreadable.yaml: permission denied: cannot read the file\n", skip: skip})

	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.skip != "" {
				t.Skip(c.skip)
			}
			out := filepath.Join(t.TempDir(), "out")
			prefix := filepath.Dir(c.path) + string(filepath.Separator)
			runs := [][]string{{"check", c.path}, {"build", c.path, "-o", out}}
			if strings.HasPrefix(c.name, "decision-") {
				runs = append(runs, []string{"decision", c.path, "-o", out, "--format", "all"})
			}
			for _, args := range runs {
				code, stdout, stderr := runCLI(t, args...)
				got := strings.ReplaceAll(stderr, prefix, "")
				if code != exitInput {
					t.Errorf("paper %s: exit %d, want %d", args[0], code, exitInput)
				}
				if got != c.want {
					t.Errorf("paper %s printed:\n%s\nwant:\n%s", args[0], got, c.want)
				}
				if stdout != "" {
					t.Errorf("paper %s printed on standard output: %q", args[0], stdout)
				}
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("build created the output folder %s for invalid input", out)
			}
			for _, ext := range []string{".pdf", ".docx", ".html", "-decision.pdf", "-decision.docx", "-decision.html"} {
				if _, err := os.Stat(filepath.Join(filepath.Dir(c.path), c.name+ext)); err == nil {
					t.Errorf("%s%s written beside the definition", c.name, ext)
				}
			}
		})
	}
}
