//go:build unix

package atomic

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestMain lets the test binary act as a run that is killed: with
// ATOMIC_TEST_KILL_AT set it writes the second generation of files into
// ATOMIC_TEST_DIR and sends itself SIGKILL at that step.
func TestMain(m *testing.M) {
	if step := os.Getenv("ATOMIC_TEST_KILL_AT"); step != "" {
		hookFn = func(s string) {
			if s == step {
				syscall.Kill(os.Getpid(), syscall.SIGKILL)
				select {}
			}
		}
		WriteFiles(generation(os.Getenv("ATOMIC_TEST_DIR"), "two"))
		os.Exit(0) // the step was never reached; the parent reports it
	}
	os.Exit(m.Run())
}

// generation is one run's outputs: three files whose content names the
// run.
func generation(dir, gen string) []File {
	var l []File
	for _, n := range []string{"report.docx", "report.pdf", "report.txt"} {
		l = append(l, File{Path: filepath.Join(dir, n), Data: []byte(gen + " " + n), Perm: 0o644})
	}
	return l
}

// TestKilledAtEachStep kills a write with SIGKILL at every step of its
// commit: before the journal, before each rename, after the renames. The
// next run into the folder (which here writes only report.txt, as a build
// with --format pdf writes only the PDF) must leave no temporary files, a
// consistent set from one run (the first before the journal, the killed
// run's once it was written), and its own file.
func TestKilledAtEachStep(t *testing.T) {
	for _, tt := range []struct {
		step string
		want string // the generation the other files are from
	}{
		{"temps", "one"},
		{"journal", "one"},
		{"rename report.docx", "two"},
		{"rename report.pdf", "two"},
		{"rename report.txt", "two"},
		{"done", "two"},
	} {
		t.Run(tt.step, func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteFiles(generation(dir, "one")); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "ATOMIC_TEST_KILL_AT="+tt.step, "ATOMIC_TEST_DIR="+dir)
			err := cmd.Run()
			ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
			if err == nil || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
				t.Fatalf("the run was not killed at %q: %v", tt.step, err)
			}
			left := names(t, dir)
			if len(left) <= 3 {
				t.Fatalf("the killed run left nothing to clean up: %v", left)
			}

			next := filepath.Join(dir, "report.txt")
			if err := WriteFile(next, []byte("three report.txt"), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, want := names(t, dir), []string{"report.docx", "report.pdf", "report.txt"}; !slices.Equal(got, want) {
				t.Fatalf("after the next run: %v, want %v (killed run left %v)", got, want, left)
			}
			for _, n := range []string{"report.docx", "report.pdf"} {
				got, _ := os.ReadFile(filepath.Join(dir, n))
				if want := tt.want + " " + n; string(got) != want {
					t.Errorf("%s = %q, want %q", n, got, want)
				}
			}
			if got, _ := os.ReadFile(next); string(got) != "three report.txt" {
				t.Errorf("report.txt = %q", got)
			}
		})
	}
}

// TestModes checks modes under two umasks: a new file follows the umask;
// a rebuilt file keeps its mode; a private file (0640) is never
// world-readable, new or rebuilt; and no temporary file is ever readable
// more widely than the file it becomes.
func TestModes(t *testing.T) {
	tests := []struct {
		name  string
		umask int
		old   os.FileMode // 0: no earlier file
		perm  os.FileMode
		want  os.FileMode
	}{
		{"new, umask 022", 0o022, 0, 0o644, 0o644},
		{"new, umask 077", 0o077, 0, 0o644, 0o600},
		{"new, umask 002", 0o002, 0, 0o644, 0o644},
		{"new private, umask 022", 0o022, 0, 0o640, 0o640},
		{"new private, umask 077", 0o077, 0, 0o640, 0o600},
		{"new private, umask 000", 0o000, 0, 0o640, 0o640},
		{"rebuilt 0600 keeps it", 0o022, 0o600, 0o644, 0o600},
		{"rebuilt 0664 keeps it", 0o022, 0o664, 0o644, 0o664},
		{"rebuilt 0600 keeps it under umask 000", 0o000, 0o600, 0o644, 0o600},
		{"rebuilt private 0600 keeps it", 0o022, 0o600, 0o640, 0o600},
		{"rebuilt private 0644 loses world-read", 0o022, 0o644, 0o640, 0o640},
		{"rebuilt private 0666 loses world access", 0o000, 0o666, 0o640, 0o660},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			p := filepath.Join(dir, "report-exempt.pdf")
			if tt.old != 0 {
				os.WriteFile(p, []byte("old"), 0o600)
				if err := os.Chmod(p, tt.old); err != nil {
					t.Fatal(err)
				}
			}
			var tmpModes []os.FileMode
			setHook(t, func(step string) {
				if step != "temps" {
					return
				}
				entries, _ := os.ReadDir(dir)
				for _, e := range entries {
					if strings.Contains(e.Name(), ".tmp-") && !strings.HasSuffix(e.Name(), ".old") {
						fi, _ := e.Info()
						tmpModes = append(tmpModes, fi.Mode().Perm())
					}
				}
			})
			old := syscall.Umask(tt.umask)
			err := WriteFile(p, []byte("new"), tt.perm)
			syscall.Umask(old)
			if err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != tt.want {
				t.Errorf("mode %04o, want %04o", got, tt.want)
			}
			if len(tmpModes) != 1 || tmpModes[0]&^tt.want != 0 {
				t.Errorf("temporary file modes %04o, want one within %04o", tmpModes, tt.want)
			}
		})
	}
}
