//go:build unix

package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/paperhq/paper/report/atomic"
	"github.com/paperhq/paper/report/pack/packtest"
)

// The paper command, built once for the tests that run it as a user
// does: as its own process, under a umask, stopped by signals.
var (
	binOnce sync.Once
	binDir  string
	binPath string
	binErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

func paperBinary(t *testing.T) string {
	t.Helper()
	binOnce.Do(func() {
		binDir, binErr = os.MkdirTemp("", "paper-test-bin-")
		if binErr != nil {
			return
		}
		binPath = filepath.Join(binDir, "paper")
		out, err := exec.Command("go", "build", "-o", binPath, ".").CombinedOutput()
		if err != nil {
			binErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binErr != nil {
		t.Fatal(binErr)
	}
	return binPath
}

// proc is one run of the built command.
type proc struct {
	cmd            *exec.Cmd
	stdout, stderr syncBuffer
	tmp            string // its TMPDIR
}

// syncBuffer is a bytes.Buffer that a test may read while the run writes
// to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startPaper starts the built command under umask with args, with its own
// TMPDIR (returned in proc.tmp) so a test can see its private folder.
func startPaper(t *testing.T, umask int, env []string, args ...string) *proc {
	t.Helper()
	p := &proc{tmp: t.TempDir()}
	p.cmd = exec.Command("sh", append([]string{"-c", fmt.Sprintf(`umask %03o; exec "$0" "$@"`, umask), paperBinary(t)}, args...)...)
	p.cmd.Env = append(append(os.Environ(), "TMPDIR="+p.tmp), env...)
	p.cmd.Stdout, p.cmd.Stderr = &p.stdout, &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return p
}

// wait waits for the run and returns its exit code, failing the test if
// it left anything in its TMPDIR but the user's empty folder for private
// folders.
func (p *proc) wait(t *testing.T) int {
	t.Helper()
	p.cmd.Wait()
	if left := leftInTemp(t, p.tmp); len(left) > 0 {
		t.Errorf("paper %v left %v in its temporary folder", p.cmd.Args[4:], left)
	}
	return p.cmd.ProcessState.ExitCode()
}

// userTempName is the name of the user's folder for private folders.
func userTempName() string { return fmt.Sprintf("paper-%d", os.Getuid()) }

// leftInTemp lists what is in the temporary folder tmp but the user's
// folder for private folders, which stays (0700) with the private
// folders kept for the next run (0700, nothing in them but their lock
// files, which nobody holds).
func leftInTemp(t *testing.T, tmp string) []string {
	t.Helper()
	var left []string
	for _, n := range files(t, tmp) {
		if n != userTempName() {
			left = append(left, n)
			continue
		}
		user := filepath.Join(tmp, n)
		if fi, err := os.Stat(user); err != nil || fi.Mode().Perm() != 0o700 {
			t.Errorf("the user's folder for private folders is %v, %v; want mode 0700", fi.Mode(), err)
		}
		for _, m := range files(t, user) {
			private := filepath.Join(user, m)
			fi, err := os.Stat(private)
			if !strings.HasPrefix(m, tempPrefix) || err != nil || !fi.IsDir() {
				left = append(left, filepath.Join(n, m))
				continue
			}
			if fi.Mode().Perm() != 0o700 {
				t.Errorf("the private folder %s is %04o, want 0700", m, fi.Mode().Perm())
			}
			if f := lockExisting(filepath.Join(private, tempLock)); f == nil {
				t.Errorf("the private folder %s has no lock file, or its lock is held", m)
			} else {
				f.Close()
			}
			for _, o := range files(t, private) {
				if o != tempLock {
					left = append(left, filepath.Join(n, m, o))
				}
			}
		}
	}
	return left
}

// runPaper runs the built command to the end.
func runPaper(t *testing.T, umask int, args ...string) (code int, stderr string) {
	t.Helper()
	p := startPaper(t, umask, nil, args...)
	code = p.wait(t)
	return code, p.stderr.String()
}

// partOne writes a Part I version of the layout fixture (which is Part
// II) as dir/name, with title.
func partOne(t *testing.T, dir, name, title string) string {
	t.Helper()
	src, err := os.ReadFile(layoutFixture)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.Replace(string(src), "part: II\n", "part: I\n", 1)
	s = strings.Replace(s, "exempt_paragraphs: [3, 1]\n", "", 1)
	s = strings.Replace(s, "title: Review of the complaints procedure\n", "title: "+title+"\n", 1)
	if s == string(src) || !strings.Contains(s, "part: I\n") || strings.Contains(s, "exempt_paragraphs: [3, 1]\n") || !strings.Contains(s, title) {
		t.Fatal("the layout fixture no longer has the lines partOne changes")
	}
	os.MkdirAll(dir, 0o755)
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func mode(t *testing.T, path string) os.FileMode {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Mode().Perm()
}

// TestOutputModes checks the modes a council's shared drive sees: new
// outputs follow the umask; the exempt pack and a Part II paper's PDF and
// DOCX are never world-readable; a rebuilt file keeps its mode, and a
// private one loses any world access an earlier version gave it.
func TestOutputModes(t *testing.T) {
	dir := t.TempDir()
	public := partOne(t, filepath.Join(dir, "public"), "report.yaml", "Review of the complaints procedure")
	exempt := copyFixture(t, "report.yaml") // Part II
	agenda := meetingFixture(t, "agenda.yaml")

	for _, tt := range []struct {
		umask          int
		public, exempt os.FileMode
	}{
		{umask: 0o022, public: 0o644, exempt: 0o640},
		{umask: 0o077, public: 0o600, exempt: 0o600},
		{umask: 0o002, public: 0o644, exempt: 0o640},
	} {
		out := t.TempDir()
		for _, def := range []string{public, exempt} {
			sub := filepath.Join(out, filepath.Base(filepath.Dir(def)))
			if code, stderr := runPaper(t, tt.umask, "build", def, "-o", sub); code != exitOK {
				t.Fatalf("build: exit %d: %s", code, stderr)
			}
		}
		if code, stderr := runPaper(t, tt.umask, "pack", agenda, "-o", filepath.Join(out, "pack")); code != exitOK {
			t.Fatalf("pack: exit %d: %s", code, stderr)
		}
		for path, want := range map[string]os.FileMode{
			filepath.Join(out, "public", "report.pdf"):                             tt.public,
			filepath.Join(out, "public", "report.docx"):                            tt.public,
			filepath.Join(out, filepath.Base(filepath.Dir(exempt)), "report.pdf"):  tt.exempt,
			filepath.Join(out, filepath.Base(filepath.Dir(exempt)), "report.docx"): tt.exempt,
			filepath.Join(out, "pack", "agenda-public.pdf"):                        tt.public,
			filepath.Join(out, "pack", "agenda-exempt.pdf"):                        tt.exempt,
		} {
			if got := mode(t, path); got != want {
				t.Errorf("umask %03o: %s is %04o, want %04o", tt.umask, path, got, want)
			}
		}
	}

	// Rebuilt files keep their modes, whatever the umask now; a private
	// output made world-readable by hand (or by an earlier paper) is
	// rebuilt without world access.
	out := t.TempDir()
	runPaper(t, 0o022, "build", public, "-o", out)
	runPaper(t, 0o022, "pack", agenda, "-o", out)
	chmods := map[string]os.FileMode{
		"report.pdf":        0o600,
		"report.docx":       0o664,
		"agenda-public.pdf": 0o600,
		"agenda-exempt.pdf": 0o644,
	}
	for name, m := range chmods {
		if err := os.Chmod(filepath.Join(out, name), m); err != nil {
			t.Fatal(err)
		}
	}
	runPaper(t, 0o000, "build", public, "-o", out)
	runPaper(t, 0o000, "pack", agenda, "-o", out)
	for name, want := range map[string]os.FileMode{
		"report.pdf":        0o600,
		"report.docx":       0o664,
		"agenda-public.pdf": 0o600,
		"agenda-exempt.pdf": 0o640,
	} {
		if got := mode(t, filepath.Join(out, name)); got != want {
			t.Errorf("rebuilt %s is %04o, want %04o", name, got, want)
		}
	}
	// A paper that becomes Part II loses world access on its next build.
	os.Rename(exempt, filepath.Join(filepath.Dir(public), "report.yaml"))
	runPaper(t, 0o022, "build", public, "-o", out)
	if got := mode(t, filepath.Join(out, "report.docx")); got != 0o660 {
		t.Errorf("report.docx of a paper now Part II is %04o, want 0660", got)
	}
}

// runTitle says which of two runs wrote a PDF and a DOCX: their titles
// end "run A" or "run B".
func runTitle(t *testing.T, pdfPath, docxPath string) (pdfRun, docxRun string) {
	t.Helper()
	pdf, err := os.ReadFile(pdfPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range []string{"A", "B"} {
		// fpdf writes the title as UTF-16BE.
		var u bytes.Buffer
		for _, c := range utf16.Encode([]rune("run " + r)) {
			binary.Write(&u, binary.BigEndian, c)
		}
		if bytes.Contains(pdf, u.Bytes()) {
			pdfRun += r
		}
	}
	zr, err := zip.OpenReader(docxPath)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "docProps/core.xml" {
			continue
		}
		rc, _ := f.Open()
		core, _ := io.ReadAll(rc)
		rc.Close()
		for _, r := range []string{"A", "B"} {
			if bytes.Contains(core, []byte("run "+r+"</dc:title>")) {
				docxRun += r
			}
		}
	}
	return pdfRun, docxRun
}

// TestConcurrentBuilds builds two papers with the same name into one
// folder at the same time, round after round: the PDF and the DOCX must
// always come from the same run, and nothing else may be left there.
func TestConcurrentBuilds(t *testing.T) {
	dir := t.TempDir()
	defs := []string{
		partOne(t, filepath.Join(dir, "a"), "report.yaml", "Concurrency run A"),
		partOne(t, filepath.Join(dir, "b"), "report.yaml", "Concurrency run B"),
	}
	out := filepath.Join(dir, "out")
	seen := map[string]int{}
	for round := range 12 {
		var ps []*proc
		for _, def := range defs {
			ps = append(ps, startPaper(t, 0o022, nil, "build", def, "-o", out))
		}
		for _, p := range ps {
			if code := p.wait(t); code != exitOK {
				t.Fatalf("round %d: exit %d: %s", round, code, p.stderr.String())
			}
		}
		pdfRun, docxRun := runTitle(t, filepath.Join(out, "report.pdf"), filepath.Join(out, "report.docx"))
		if len(pdfRun) != 1 || pdfRun != docxRun {
			t.Fatalf("round %d: report.pdf is from run %q, report.docx from run %q", round, pdfRun, docxRun)
		}
		seen[pdfRun]++
		if got := files(t, out); !slices.Equal(got, []string{"report.docx", "report.pdf"}) {
			t.Fatalf("round %d: the folder holds %v", round, got)
		}
	}
	t.Logf("last writer per round: %v", seen)
}

// stopSignals are the signals that stop paper, with the exit code and
// the message of each.
var stopSignals = []struct {
	sig  syscall.Signal
	code int
	msg  string
}{
	{syscall.SIGINT, 130, "paper: stopped by SIGINT (Ctrl-C); no partial outputs or temporary files left\n"},
	{syscall.SIGTERM, 143, "paper: stopped by SIGTERM; no partial outputs or temporary files left\n"},
}

// TestStopSignals stops a pack with SIGINT and with SIGTERM at several
// moments: the exit code is 130 or 143 with a message, the private
// temporary folder is gone (the TMPDIR given is empty), and the output
// folder holds no temporary files and either nothing or both packs
// complete.
func TestStopSignals(t *testing.T) {
	src := t.TempDir()
	m, err := packtest.Write(src, packtest.Spec{Papers: 12})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range stopSignals {
		stopped := 0
		for _, delay := range []time.Duration{0, 30 * time.Millisecond, 120 * time.Millisecond, 250 * time.Millisecond, 400 * time.Millisecond} {
			out := t.TempDir()
			p := startPaper(t, 0o022, nil, "pack", m.Agenda, "-o", out)
			private := waitForPrivateTemp(t, p)
			time.Sleep(delay)
			p.cmd.Process.Signal(tt.sig)
			code := p.wait(t) // which checks the private folder is empty, and free
			if _, err := os.Stat(private); err != nil {
				t.Errorf("%v after %v: the private temporary folder %s is not kept for the next run: %v", tt.sig, delay, private, err)
			}
			switch code {
			case tt.code:
				stopped++
				if p.stderr.String() != tt.msg {
					t.Errorf("%v after %v: stderr %q, want %q", tt.sig, delay, p.stderr.String(), tt.msg)
				}
			case exitOK: // finished before the signal
			default:
				t.Errorf("%v after %v: exit %d, want %d: %s", tt.sig, delay, code, tt.code, p.stderr.String())
			}
			got := files(t, out)
			if len(got) != 0 && !slices.Equal(got, []string{"agenda-exempt.pdf", "agenda-public.pdf"}) {
				t.Errorf("%v after %v: the output folder holds %v", tt.sig, delay, got)
			}
			for _, f := range got {
				if b, _ := os.ReadFile(filepath.Join(out, f)); !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b[max(0, len(b)-64):], []byte("%%EOF")) {
					t.Errorf("%v after %v: %s is not a complete PDF", tt.sig, delay, f)
				}
			}
		}
		if stopped == 0 {
			t.Errorf("%v: no run was stopped by the signal", tt.sig)
		}
		t.Logf("%v: %d of 5 runs stopped before they finished", tt.sig, stopped)
	}
}

// waitForPrivateTemp waits until the run has made its private temporary
// folder (which it does after installing its signal handlers) and
// returns it.
func waitForPrivateTemp(t *testing.T, p *proc) string {
	t.Helper()
	user := filepath.Join(p.tmp, userTempName())
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(2 * time.Millisecond) {
		entries, _ := os.ReadDir(user)
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), tempPrefix) {
				dir := filepath.Join(user, e.Name())
				if fi, err := os.Stat(dir); err == nil && fi.Mode().Perm() != 0o700 {
					t.Errorf("the private temporary folder is %04o, want 0700", fi.Mode().Perm())
				}
				if _, err := os.Stat(filepath.Join(dir, tempLock)); err == nil {
					return dir
				}
			}
		}
	}
	p.cmd.Process.Kill()
	t.Fatalf("paper made no private temporary folder in %s", p.tmp)
	return ""
}

// TestKilledRunCleanedUp kills builds with SIGKILL at several moments
// and checks that the next build into the folder leaves exactly the PDF
// and the DOCX, and that the next run removes the killed run's private
// temporary folder. Stale temporary files of older versions of paper are
// removed too.
func TestKilledRunCleanedUp(t *testing.T) {
	def := partOne(t, t.TempDir(), "report.yaml", "Review of the complaints procedure")
	tmp := t.TempDir()
	for _, delay := range []time.Duration{0, 20 * time.Millisecond, 50 * time.Millisecond, 80 * time.Millisecond, 120 * time.Millisecond, 200 * time.Millisecond} {
		out := t.TempDir()
		os.WriteFile(filepath.Join(out, ".report.pdf.tmp-2417715021"), []byte("an older paper's temp file"), 0o644)
		p := startPaper(t, 0o022, []string{"TMPDIR=" + tmp}, "build", def, "-o", out)
		time.Sleep(delay)
		p.cmd.Process.Signal(syscall.SIGKILL)
		p.cmd.Wait()
		if code, stderr := runPaper(t, 0o022, "build", def, "-o", out); code != exitOK {
			t.Fatalf("after a kill at %v: exit %d: %s", delay, code, stderr)
		}
		if got := files(t, out); !slices.Equal(got, []string{"report.docx", "report.pdf"}) {
			t.Errorf("after a kill at %v and a rebuild: the folder holds %v", delay, got)
		}
	}
	// The next run takes the killed runs' private folder (its lock is
	// free) and empties it.
	p := startPaper(t, 0o022, []string{"TMPDIR=" + tmp}, "check", def)
	p.tmp = tmp
	if code := p.wait(t); code != exitOK {
		t.Errorf("check: exit %d: %s", code, p.stderr.String())
	}
}

// TestStaleTempFolders plants private folders as dead, live and new runs
// leave them, and a folder that is not paper's, in the user's folder for
// them and where earlier versions of paper made them (the temporary
// folder itself, swept by the run that makes the user's folder): the next
// run removes what dead runs left, and in the user's folder what any
// unlocked folder holds (a run writes into its folder only once it holds
// its lock), where earlier versions' ten seconds protected a young
// unlocked folder.
func TestStaleTempFolders(t *testing.T) {
	for _, tt := range []struct {
		name      string
		in        string // the folder planted in, within TMPDIR
		userFirst bool   // the user's folder exists before the run
		youngGoes bool   // the young unlocked folder's files are removed
	}{
		{"in the user's folder", userTempName(), true, true},
		{"where earlier versions made them", ".", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tmp := t.TempDir()
			in := filepath.Join(tmp, tt.in)
			if tt.userFirst {
				os.Mkdir(in, 0o700)
			}
			old := time.Now().Add(-time.Minute)
			mk := func(name string, lock bool, when time.Time) string {
				dir := filepath.Join(in, name)
				os.Mkdir(dir, 0o700)
				os.WriteFile(filepath.Join(dir, "excelize-123"), []byte("personal data"), 0o600)
				if lock {
					l := filepath.Join(dir, tempLock)
					os.WriteFile(l, nil, 0o644)
					os.Chtimes(l, when, when)
				}
				return dir
			}
			dead := mk(tempPrefix+"dead", true, old)
			live := mk(tempPrefix+"live", true, old)
			release, ok, err := atomic.TryLock(filepath.Join(live, tempLock))
			if err != nil || !ok {
				t.Fatal("cannot lock the live folder", err)
			}
			defer release()
			young := mk(tempPrefix+"young", true, time.Now())
			notOurs := mk(tempPrefix+"notes", false, old)

			p := startPaper(t, 0o022, []string{"TMPDIR=" + tmp}, "check", layoutFixture)
			p.cmd.Wait()
			gone, kept := []string{dead}, []string{live, notOurs}
			if tt.youngGoes {
				gone = append(gone, young)
			} else {
				kept = append(kept, young)
			}
			for _, d := range gone {
				if _, err := os.Stat(filepath.Join(d, "excelize-123")); err == nil {
					t.Errorf("%s: a dead run's file is still there", filepath.Base(d))
				}
			}
			for _, d := range kept {
				if _, err := os.Stat(filepath.Join(d, "excelize-123")); err != nil {
					t.Errorf("%s was removed", filepath.Base(d))
				}
			}
		})
	}
}

// TestUntrustedUserTemp plants, in place of the user's folder for private
// folders, what someone else could have made to read a run's temporary
// files: a link to a folder they can read, a folder others may enter,
// one owned by another user. The run must not use it: its private folder
// is made in the temporary folder itself, and nothing is written through
// the planted one.
func TestUntrustedUserTemp(t *testing.T) {
	for _, tt := range []struct {
		name  string
		plant func(t *testing.T, user, theirs string)
	}{
		{"a link", func(t *testing.T, user, theirs string) {
			if err := os.Symlink(theirs, user); err != nil {
				t.Fatal(err)
			}
		}},
		{"open to others", func(t *testing.T, user, theirs string) {
			os.Mkdir(user, 0o700)
			os.Chmod(user, 0o755)
		}},
		{"another user's", func(t *testing.T, user, theirs string) {
			os.Mkdir(user, 0o700)
			if err := os.Chown(user, os.Getuid()+1, os.Getgid()); err != nil {
				t.Skipf("cannot give a folder to another user: %v", err)
			}
		}},
		{"a file", func(t *testing.T, user, theirs string) {
			os.WriteFile(user, nil, 0o600)
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tmp, theirs := t.TempDir(), t.TempDir()
			user := filepath.Join(tmp, userTempName())
			tt.plant(t, user, theirs)
			t.Setenv("TMPDIR", tmp)
			var during string
			code := guarded(io.Discard, func(io.Writer) int {
				during = os.TempDir()
				return 0
			})
			if code != 0 {
				t.Fatalf("exit %d", code)
			}
			if filepath.Dir(during) != tmp || !strings.HasPrefix(filepath.Base(during), tempPrefix) {
				t.Errorf("TMPDIR during the command was %s, want a %s folder in %s", during, tempPrefix, tmp)
			}
			if got := files(t, theirs); len(got) > 0 {
				t.Errorf("written through the planted folder: %v", got)
			}
			if got := files(t, tmp); !slices.Equal(got, []string{userTempName()}) {
				t.Errorf("the temporary folder holds %v", got)
			}
			if fi, err := os.Lstat(user); err != nil || fi.IsDir() && fi.Mode().Perm() == 0o700 && fi.Sys().(*syscall.Stat_t).Uid == uint32(os.Getuid()) {
				t.Errorf("the planted folder was changed: %v, %v", fi.Mode(), err)
			}
		})
	}
}

// TestPrivateTempRemovedOnPanic runs a command that panics (as a bug in
// a library might, past run's own recovery) after writing a temporary
// file, as the XLSX reader does: the file is removed as the panic goes
// by, and while the command ran TMPDIR pointed into the private folder.
func TestPrivateTempRemovedOnPanic(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	var during string
	func() {
		defer func() {
			if r := recover(); r != "a bug" {
				t.Errorf("recovered %v, want the command's panic", r)
			}
		}()
		guarded(io.Discard, func(io.Writer) int {
			during = os.TempDir()
			f, err := os.CreateTemp("", "excelize-")
			if err != nil {
				t.Fatal(err)
			}
			f.WriteString("Case Reference,Complainant\n")
			f.Close()
			panic("a bug")
		})
	}()
	if user := filepath.Join(tmp, userTempName()); filepath.Dir(during) != user || !strings.HasPrefix(filepath.Base(during), tempPrefix) {
		t.Errorf("TMPDIR during the command was %s, want a %s folder in %s", during, tempPrefix, user)
	}
	if left := leftInTemp(t, tmp); len(left) > 0 {
		t.Errorf("left in the temporary folder: %v", left)
	}
}

// TestPrivateTempReused runs commands one after another and one inside
// another, as runs at the same time are, in one TMPDIR: a run takes the
// folder the one before it left, emptied of the earlier run's files; a
// run while another holds it gets a folder of its own; and what a run
// killed outright left in a folder is removed by the next run, which then
// uses it.
func TestPrivateTempReused(t *testing.T) {
	tmp := t.TempDir()
	during := func() (dir string) {
		t.Setenv("TMPDIR", tmp)
		guarded(io.Discard, func(io.Writer) int {
			dir = os.TempDir()
			os.WriteFile(filepath.Join(dir, "excelize-1"), []byte("personal data"), 0o600)
			return 0
		})
		return dir
	}
	first := during()
	if got := files(t, first); !slices.Equal(got, []string{tempLock}) {
		t.Errorf("after the first run its folder holds %v", got)
	}
	if second := during(); second != first {
		t.Errorf("the second run used %s, not the first's %s", second, first)
	}

	var outer, inner string
	t.Setenv("TMPDIR", tmp)
	guarded(io.Discard, func(io.Writer) int {
		outer = os.TempDir()
		inner = during()
		return 0
	})
	if outer != first || inner == outer || filepath.Dir(inner) != filepath.Dir(outer) {
		t.Errorf("runs at the same time used %s and %s (the first run's: %s)", outer, inner, first)
	}

	// A run killed outright leaves its file, and its lock free.
	os.WriteFile(filepath.Join(first, "excelize-2"), []byte("personal data"), 0o600)
	next := during()
	if left := leftInTemp(t, tmp); len(left) > 0 {
		t.Errorf("after the next run: %v", left)
	}
	if got := files(t, filepath.Dir(first)); len(got) != 1 || filepath.Join(filepath.Dir(first), got[0]) != next {
		t.Errorf("the user's folder holds %v, want the one folder the last run used (%s)", got, next)
	}
}

// BenchmarkPrivateTemp takes and gives back a run's private folder: kept
// in the user's folder, as on Unix, and made and removed each run, as
// where the user's folder cannot be used (here a file is in its place).
// cpu-ms/op is the process's user and system time.
func BenchmarkPrivateTemp(b *testing.B) {
	for _, bb := range []struct {
		name  string
		plant func(user string)
	}{
		{"kept", func(string) {}},
		{"made", func(user string) { os.WriteFile(user, nil, 0o600) }},
	} {
		b.Run(bb.name, func(b *testing.B) {
			tmp := b.TempDir()
			bb.plant(filepath.Join(tmp, userTempName()))
			b.Setenv("TMPDIR", tmp)
			var before, after syscall.Rusage
			syscall.Getrusage(syscall.RUSAGE_SELF, &before)
			for b.Loop() {
				p, err := newPrivateTemp()
				if err != nil {
					b.Fatal(err)
				}
				p.remove()
				os.Setenv("TMPDIR", tmp)
			}
			syscall.Getrusage(syscall.RUSAGE_SELF, &after)
			cpu := after.Utime.Nano() + after.Stime.Nano() - before.Utime.Nano() - before.Stime.Nano()
			b.ReportMetric(float64(cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}
