//go:build unix

package atomic

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
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
		dir := os.Getenv("ATOMIC_TEST_DIR")
		var folders []Folder
		if os.Getenv("ATOMIC_TEST_FOLDER") != "" {
			folders = []Folder{site(dir, "two")}
		}
		WriteSet(generation(dir, "two"), folders)
		os.Exit(0) // the step was never reached; the parent reports it
	}
	if gen := os.Getenv("ATOMIC_TEST_WRITE"); gen != "" {
		// Writer A renames slowly; writer B starts renaming later but
		// renames at once: writers that did not take turns would leave
		// B's first file beside A's others.
		hookFn = func(step string) {
			switch {
			case gen == "A" && strings.HasPrefix(step, "rename "):
				time.Sleep(10 * time.Millisecond)
			case gen == "B" && step == "temps":
				time.Sleep(5 * time.Millisecond)
			}
		}
		// Start together: when the parent removes the gate file.
		for _, err := os.Stat(os.Getenv("ATOMIC_TEST_GATE")); err == nil; _, err = os.Stat(os.Getenv("ATOMIC_TEST_GATE")) {
			time.Sleep(time.Millisecond)
		}
		if err := WriteFiles(generation(os.Getenv("ATOMIC_TEST_DIR"), gen)); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestConcurrentWritersTakeTurns runs two writers (processes) into one
// folder at once, round after round, timed so that their renames would
// cross: the folder must always hold one writer's complete set and
// nothing else.
func TestConcurrentWritersTakeTurns(t *testing.T) {
	dir := t.TempDir()
	gate := filepath.Join(t.TempDir(), "gate")
	last := map[string]int{}
	for round := range 10 {
		os.WriteFile(gate, nil, 0o644)
		var cmds []*exec.Cmd
		var outs []*strings.Builder
		for _, gen := range []string{"A", "B"} {
			cmd := exec.Command(os.Args[0], "-test.run=^$")
			cmd.Env = append(os.Environ(), "ATOMIC_TEST_WRITE="+gen, "ATOMIC_TEST_DIR="+dir, "ATOMIC_TEST_GATE="+gate)
			var out strings.Builder
			cmd.Stderr = &out
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			cmds, outs = append(cmds, cmd), append(outs, &out)
		}
		time.Sleep(50 * time.Millisecond) // both are waiting at the gate
		os.Remove(gate)
		for i, cmd := range cmds {
			if err := cmd.Wait(); err != nil {
				t.Fatalf("round %d: writer %d: %v: %s", round, i, err, outs[i])
			}
		}
		if got, want := names(t, dir), []string{"report.docx", "report.pdf", "report.txt"}; !slices.Equal(got, want) {
			t.Fatalf("round %d: the folder holds %v, want %v", round, got, want)
		}
		var gens []string
		for _, n := range []string{"report.docx", "report.pdf", "report.txt"} {
			b, _ := os.ReadFile(filepath.Join(dir, n))
			gen, _, _ := strings.Cut(string(b), " ")
			gens = append(gens, gen)
		}
		if gens[0] != gens[1] || gens[1] != gens[2] {
			t.Fatalf("round %d: the files come from writers %v", round, gens)
		}
		last[gens[0]]++
	}
	t.Logf("last writer per round: %v", last)
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

// killedAt runs the second generation's write in a process of its own
// (see TestMain) with env, and kills it at step.
func killedAt(t *testing.T, step string, env ...string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(append(os.Environ(), "ATOMIC_TEST_KILL_AT="+step), env...)
	err := cmd.Run()
	ws, _ := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if err == nil || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the run was not killed at %q: %v", step, err)
	}
}

// site is one run's folder output: a web site whose files name the run;
// the second run's has a file the first's has not, and lacks one.
func site(dir, gen string) Folder {
	names := []string{"index.html", "item-1.pdf"}
	if gen != "one" {
		names = []string{"index.html", "item-2.pdf"}
	}
	f := Folder{Path: filepath.Join(dir, "report-site"), Perm: 0o644}
	for _, n := range names {
		f.Files = append(f.Files, Entry{Name: n, Data: []byte(gen + " " + n)})
	}
	return f
}

// TestKilledFolderAtEachStep kills a write of a set holding a folder at
// every step of its commit, the folder's rename included; the next run
// into the folder must leave the files and the folder of one run, whole,
// and nothing else.
func TestKilledFolderAtEachStep(t *testing.T) {
	for _, tt := range []struct {
		step string
		want string
	}{
		{"temps", "one"},
		{"journal", "one"},
		{"rename report-site", "two"},
		{"rename report.docx", "two"},
		{"done", "two"},
	} {
		t.Run(tt.step, func(t *testing.T) {
			dir := t.TempDir()
			if err := WriteSet(generation(dir, "one"), []Folder{site(dir, "one")}); err != nil {
				t.Fatal(err)
			}
			killedAt(t, tt.step, "ATOMIC_TEST_DIR="+dir, "ATOMIC_TEST_FOLDER=1")
			left := names(t, dir)
			if err := writeOne(filepath.Join(dir, "report.txt"), []byte("three report.txt"), 0o644); err != nil {
				t.Fatal(err)
			}
			if got, want := names(t, dir), []string{"report-site", "report.docx", "report.pdf", "report.txt"}; !slices.Equal(got, want) {
				t.Fatalf("after the next run: %v, want %v (killed run left %v)", got, want, left)
			}
			want := site(dir, tt.want)
			var wantNames []string
			for _, e := range want.Files {
				wantNames = append(wantNames, e.Name)
				got, _ := os.ReadFile(filepath.Join(want.Path, e.Name))
				if string(got) != string(e.Data) {
					t.Errorf("%s = %q, want %q", e.Name, got, e.Data)
				}
			}
			if got := names(t, want.Path); !slices.Equal(got, wantNames) {
				t.Errorf("the folder holds %v, want %v", got, wantNames)
			}
			for _, n := range []string{"report.docx", "report.pdf"} {
				got, _ := os.ReadFile(filepath.Join(dir, n))
				if w := tt.want + " " + n; string(got) != w {
					t.Errorf("%s = %q, want %q", n, got, w)
				}
			}
		})
	}
}

// TestFolderModes checks a folder's modes under two umasks: new, its
// files follow the umask and the folder has search permission where
// they may be read; rebuilt, the folder keeps its mode and its files get
// the same without execute; and a private folder loses world access.
func TestFolderModes(t *testing.T) {
	for _, tt := range []struct {
		name            string
		umask           int
		old             os.FileMode // 0: no earlier folder
		perm            os.FileMode
		wantDir, wantFi os.FileMode
	}{
		{"new, umask 022", 0o022, 0, 0o644, 0o755, 0o644},
		{"new, umask 077", 0o077, 0, 0o644, 0o700, 0o600},
		{"new, umask 002", 0o002, 0, 0o644, 0o755, 0o644},
		{"new private, umask 022", 0o022, 0, 0o640, 0o750, 0o640},
		{"rebuilt 0750 keeps it", 0o022, 0o750, 0o644, 0o750, 0o640},
		{"rebuilt 0775 keeps it", 0o022, 0o775, 0o644, 0o775, 0o664},
		{"rebuilt private 0755 loses world access", 0o022, 0o755, 0o640, 0o750, 0o640},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			f := site(dir, "one")
			f.Perm = tt.perm
			if tt.old != 0 {
				os.Mkdir(f.Path, 0o700)
				os.WriteFile(filepath.Join(f.Path, "old.html"), []byte("old"), 0o644)
				os.Chmod(f.Path, tt.old)
			}
			old := syscall.Umask(tt.umask)
			err := WriteSet(nil, []Folder{f})
			syscall.Umask(old)
			if err != nil {
				t.Fatal(err)
			}
			fi, err := os.Stat(f.Path)
			if err != nil {
				t.Fatal(err)
			}
			if got := fi.Mode().Perm(); got != tt.wantDir {
				t.Errorf("folder mode %04o, want %04o", got, tt.wantDir)
			}
			for _, e := range f.Files {
				fi, err := os.Stat(filepath.Join(f.Path, e.Name))
				if err != nil {
					t.Fatal(err)
				}
				if got := fi.Mode().Perm(); got != tt.wantFi {
					t.Errorf("%s: mode %04o, want %04o", e.Name, got, tt.wantFi)
				}
			}
			if got := names(t, f.Path); !slices.Equal(got, []string{"index.html", "item-1.pdf"}) {
				t.Errorf("the folder holds %v", got)
			}
		})
	}
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
			killedAt(t, tt.step, "ATOMIC_TEST_DIR="+dir)
			left := names(t, dir)
			if len(left) <= 3 {
				t.Fatalf("the killed run left nothing to clean up: %v", left)
			}

			next := filepath.Join(dir, "report.txt")
			if err := writeOne(next, []byte("three report.txt"), 0o644); err != nil {
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
			err := writeOne(p, []byte("new"), tt.perm)
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

// TestConcurrentTempWriteFails writes sets whose temporary files are
// written side by side under a file size limit (RLIMIT_FSIZE, as a quota
// or a full disk stops a write), with the writes started in a shuffled
// order each round so that any of them may fail first: the error is the
// first failing output's in name order every time, no temporary file is
// left, and no target is touched.
func TestConcurrentTempWriteFails(t *testing.T) {
	// The limit binds every file the test process writes, go test's own
	// log of the files a test opens among them (testlog.txt, which
	// "file too large" would fail): a megabyte leaves that log room.
	const limit = 1 << 20
	big, small := strings.Repeat("x", limit+4096), "new"
	for _, tt := range []struct {
		name  string
		sizes map[string]string // content by output
		want  string
	}{
		{"all fail", map[string]string{"a.docx": big, "a.pdf": big, "a.txt": big}, "writing DIR/a.docx: file too large"},
		{"the later fail", map[string]string{"a.docx": small, "a.pdf": big, "a.txt": big}, "writing DIR/a.pdf: file too large"},
		{"the last fails", map[string]string{"a.docx": small, "a.pdf": small, "a.txt": big}, "writing DIR/a.txt: file too large"},
		{"a folder's file fails", map[string]string{"a.docx": small, "a.pdf": small, "a.txt": small, "site/b.html": big, "site/a.html": small}, "writing DIR/site/b.html: file too large"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			var files []File
			var site *Folder
			for n, data := range tt.sizes {
				if folder, name, ok := strings.Cut(n, "/"); ok {
					if site == nil {
						site = &Folder{Path: filepath.Join(dir, folder), Perm: 0o644}
					}
					site.Files = append(site.Files, Entry{Name: name, Data: []byte(data)})
					continue
				}
				p := filepath.Join(dir, n)
				os.WriteFile(p, []byte("old"), 0o644)
				files = append(files, File{Path: p, Data: []byte(data), Perm: 0o644})
			}
			var folders []Folder
			if site != nil {
				slices.SortFunc(site.Files, func(a, b Entry) int { return strings.Compare(a.Name, b.Name) })
				folders = []Folder{*site}
			}
			before := names(t, dir)
			// Each round delays a different write, so that the others
			// finish (and fail) before it.
			var order []string
			for n := range tt.sizes {
				order = append(order, n)
			}
			slices.Sort(order)
			for round := range 3 * len(order) {
				late := order[round%len(order)]
				setHook(t, func(step string) {
					if step == "write "+late {
						time.Sleep(time.Duration(1+round%3) * time.Millisecond)
					}
				})
				err := withFileSizeLimit(t, limit, func() error { return WriteSet(files, folders) })
				if got, want := fmt.Sprint(err), strings.ReplaceAll(tt.want, "DIR", dir); got != want {
					t.Fatalf("round %d (%s late): error %s, want %s", round, late, got, want)
				}
				if got := names(t, dir); !slices.Equal(got, before) {
					t.Fatalf("round %d: the folder holds %v, had %v", round, got, before)
				}
				for _, f := range files {
					if got, _ := os.ReadFile(f.Path); string(got) != "old" {
						t.Fatalf("round %d: %s = %q, want it untouched", round, filepath.Base(f.Path), got)
					}
				}
			}
		})
	}
}

// withFileSizeLimit runs f with the process's file size limit at limit
// bytes: a write past it fails with EFBIG (Go ignores the SIGXFSZ that
// comes with it).
func withFileSizeLimit(t *testing.T, limit uint64, f func() error) error {
	t.Helper()
	var old syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_FSIZE, &old); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: old.Max}); err != nil {
		t.Fatal(err)
	}
	defer syscall.Setrlimit(syscall.RLIMIT_FSIZE, &old)
	return f()
}
