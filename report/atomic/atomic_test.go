package atomic

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// names lists what is in dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var l []string
	for _, e := range entries {
		l = append(l, e.Name())
	}
	return l
}

// setHook installs a step hook for one test.
func setHook(t *testing.T, f func(step string)) {
	hookFn = f
	t.Cleanup(func() { hookFn = nil })
}

func TestWriteFilesReplacesTogether(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.docx")
	if err := WriteFiles([]File{{a, []byte("one"), 0o644}, {b, []byte("two"), 0o644}}); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{a: "one", b: "two"} {
		got, err := os.ReadFile(p)
		if err != nil || string(got) != want {
			t.Fatalf("%s = %q, %v; want %q", p, got, err, want)
		}
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.docx", "a.pdf"}) {
		t.Fatalf("temporary files left behind: %v", got)
	}
}

func TestFailedWriteLeavesOldFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(a, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The second target's name is too long for a temporary file beside
	// it, so its temp file cannot be created: the first target must not
	// be replaced.
	bad := filepath.Join(dir, strings.Repeat("r", 250)+".docx")
	if err := WriteFiles([]File{{a, []byte("new"), 0o644}, {bad, []byte("x"), 0o644}}); err == nil {
		t.Fatal("expected an error")
	}
	got, _ := os.ReadFile(a)
	if string(got) != "old" {
		t.Fatalf("existing output changed to %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"report.pdf"}) {
		t.Fatalf("temporary files left behind: %v", got)
	}
}

// TestFailedRenameRestoresEarlierFiles makes the last rename of a set
// fail (its target became a folder after the checks) and checks that the
// file already replaced gets its old content back, and that a file the
// set added is removed again.
func TestFailedRenameRestoresEarlierFiles(t *testing.T) {
	dir := t.TempDir()
	a, b, c := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.csv")
	os.WriteFile(a, []byte("old docx"), 0o644)
	os.WriteFile(b, []byte("old pdf"), 0o644)
	setHook(t, func(step string) {
		if step == "rename a.pdf" {
			os.Remove(b)
			os.MkdirAll(filepath.Join(b, "x"), 0o755)
		}
	})
	if err := WriteFiles([]File{{a, []byte("new docx"), 0o644}, {b, []byte("new pdf"), 0o644}, {c, []byte("new csv"), 0o644}}); err == nil {
		t.Fatal("expected an error")
	}
	if got, _ := os.ReadFile(a); string(got) != "old docx" {
		t.Errorf("a.docx = %q, want its old content back", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.docx", "a.pdf"}) {
		t.Errorf("temporary, backup or new files left behind: %v", got)
	}
}

func TestFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf")
	os.WriteFile(a, []byte("old"), 0o644)
	os.Mkdir(b, 0o755)
	err := WriteFiles([]File{{a, []byte("new"), 0o644}, {b, []byte("x"), 0o644}})
	if err == nil || err.Error() != "writing "+b+": a folder or other non-file is in the way" {
		t.Fatalf("got %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "old" {
		t.Errorf("a.docx = %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.docx", "a.pdf"}) {
		t.Errorf("temporary files left behind: %v", got)
	}
}

func TestOneFolderPerSet(t *testing.T) {
	dir := t.TempDir()
	os.Mkdir(filepath.Join(dir, "sub"), 0o755)
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "sub", "a.docx")
	err := WriteFiles([]File{{a, []byte("1"), 0o644}, {b, []byte("2"), 0o644}})
	if err == nil || !strings.Contains(err.Error(), "not in "+dir+", the folder of the other outputs") {
		t.Fatalf("got %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"sub"}) {
		t.Errorf("wrote %v", got)
	}
}

// TestLeftoversRemoved plants what killed runs leave (temporary files and
// backups of this version and of earlier ones, which used os.CreateTemp,
// and a half-written journal) and checks that the next write removes them
// and nothing else.
func TestLeftoversRemoved(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{".report.pdf.tmp-2417715021", ".report.docx.tmp-12", ".report.docx.tmp-12.old", "..paper-journal.tmp-7", "notes.tmp-1", ".profile", "report.pdf"} {
		os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o644)
	}
	// A killed run's temporary folder and old folder go; a folder of the
	// same pattern holding a subfolder is not one of paper's, and stays.
	for _, n := range []string{".agenda-public.tmp-5", ".agenda-public.tmp-5.old"} {
		os.Mkdir(filepath.Join(dir, n), 0o755)
		os.WriteFile(filepath.Join(dir, n, "index.html"), []byte("x"), 0o644)
	}
	os.MkdirAll(filepath.Join(dir, ".photos.tmp-1", "2026"), 0o755)
	if err := writeOne(filepath.Join(dir, "report.pdf"), []byte("new"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, dir), []string{".photos.tmp-1", ".profile", "notes.tmp-1", "report.pdf"}; !slices.Equal(got, want) {
		t.Errorf("after the next write: %v, want %v", got, want)
	}
}

// abortAtTemps makes this test's writes stop, as a signal handler stops
// them, once their temporary files are complete, and returns where it
// records what dir held then. Later writes fail until the test ends.
func abortAtTemps(t *testing.T, dir string) *[]string {
	t.Cleanup(func() {
		state.Lock()
		state.aborted = false
		state.Unlock()
	})
	var inProgress []string
	setHook(t, func(step string) {
		if step == "temps" {
			inProgress = names(t, dir)
			Abort()
		}
	})
	return &inProgress
}

// TestAbort stops a write whose temporary files are complete, as a
// signal handler does: the temporary files go, the targets keep their old
// content, and later writes fail.
func TestAbort(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.pdf")
	os.WriteFile(a, []byte("old"), 0o644)
	inProgress := abortAtTemps(t, dir)
	err := WriteFiles([]File{{a, []byte("new"), 0o644}, {filepath.Join(dir, "a.docx"), []byte("new"), 0o644}})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("got %v, want interrupted", err)
	}
	if len(*inProgress) < 3 {
		t.Fatalf("the hook saw no temporary files: %v", *inProgress)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.pdf"}) {
		t.Errorf("after Abort: %v", got)
	}
	if got, _ := os.ReadFile(a); string(got) != "old" {
		t.Errorf("a.pdf = %q", got)
	}
	hookFn = nil
	if err := writeOne(a, []byte("later"), 0o644); err == nil {
		t.Errorf("a write after Abort succeeded")
	}
}

// TestSecondWriterWaits holds a folder's lock as another run would: a
// write waits for it, tells OnWait after a second, and fails with a clear
// message at LockTimeout, writing nothing; once the lock is released, a
// waiting write goes ahead.
func TestSecondWriterWaits(t *testing.T) {
	dir := t.TempDir()
	release, ok, err := TryLock(filepath.Join(dir, LockName))
	if err != nil || !ok {
		t.Fatalf("TryLock: %v, %v", ok, err)
	}
	old := LockTimeout
	LockTimeout = 1500 * time.Millisecond
	var waited []string
	OnWait = func(d string) { waited = append(waited, d) }
	t.Cleanup(func() { LockTimeout, OnWait = old, nil })

	a := filepath.Join(dir, "a.pdf")
	err = writeOne(a, []byte("x"), 0o644)
	want := dir + ": another paper run has been writing into this folder for over 2 seconds (is it stopped, with Ctrl-Z?); nothing written"
	if err == nil || err.Error() != want {
		t.Errorf("got %v, want %s", err, want)
	}
	if !slices.Equal(waited, []string{dir}) {
		t.Errorf("OnWait was told %v, want once with the folder", waited)
	}
	if got := names(t, dir); !slices.Equal(got, []string{LockName}) {
		t.Errorf("wrote %v while another run held the lock", got)
	}

	go func() {
		time.Sleep(200 * time.Millisecond)
		release()
	}()
	if err := writeOne(a, []byte("x"), 0o644); err != nil {
		t.Errorf("once the lock was released: %v", err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a.pdf"}) {
		t.Errorf("after the write: %v, want the lock file gone", got)
	}
}

// FuzzRecoverJournal gives the next run any journal, as a damaged disk or
// another program might leave one: the run must still write its file, and
// leave no journal, temporary file or backup, and nothing outside the
// folder may change.
func FuzzRecoverJournal(f *testing.F) {
	f.Add([]byte(`[{"Tmp":".report.pdf.tmp-1","Dst":"report.pdf"}]`))
	f.Add([]byte(`[{"Tmp":".report.pdf.tmp-1","Dst":".."}]`))
	f.Add([]byte(`[{"Tmp":"../.report.pdf.tmp-1","Dst":"../outside"}]`))
	f.Add([]byte(`[{"Tmp":"..tmp-1","Dst":""}]`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, journal []byte) {
		root := t.TempDir()
		dir := filepath.Join(root, "out")
		os.Mkdir(dir, 0o755)
		os.WriteFile(filepath.Join(root, "outside"), []byte("keep"), 0o644)
		os.WriteFile(filepath.Join(root, ".report.pdf.tmp-1"), []byte("outside temp"), 0o644)
		os.WriteFile(filepath.Join(dir, ".report.pdf.tmp-1"), []byte("killed run"), 0o644)
		os.WriteFile(filepath.Join(dir, JournalName), journal, 0o644)
		if err := writeOne(filepath.Join(dir, "report.docx"), []byte("new"), 0o644); err != nil {
			t.Fatal(err)
		}
		for _, n := range names(t, dir) {
			if n != "report.docx" && n != "report.pdf" {
				t.Errorf("left %s", n)
			}
		}
		if got := names(t, root); !slices.Equal(got, []string{".report.pdf.tmp-1", "out", "outside"}) {
			t.Errorf("outside the folder: %v", got)
		}
		if b, _ := os.ReadFile(filepath.Join(root, "outside")); string(b) != "keep" {
			t.Errorf("a file outside the folder changed")
		}
	})
}

// TestFolderReplacedWhole rebuilds a folder output: the new folder holds
// exactly the new files (one the old had is gone), the file of the set
// beside it is replaced too, and nothing is left behind.
func TestFolderReplacedWhole(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "agenda-public")
	pack := filepath.Join(dir, "agenda-public.pdf")
	write := func(gen string, files ...string) error {
		f := Folder{Path: site, Perm: 0o644}
		for _, n := range files {
			f.Files = append(f.Files, Entry{Name: n, Data: []byte(gen + " " + n)})
		}
		return WriteSet([]File{{Path: pack, Data: []byte(gen), Perm: 0o644}}, []Folder{f})
	}
	if err := write("one", "index.html", "old.pdf"); err != nil {
		t.Fatal(err)
	}
	if err := write("two", "index.html", "new.pdf"); err != nil {
		t.Fatal(err)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"agenda-public", "agenda-public.pdf"}) {
		t.Errorf("the output folder holds %v", got)
	}
	if got := names(t, site); !slices.Equal(got, []string{"index.html", "new.pdf"}) {
		t.Errorf("the site holds %v", got)
	}
	if got, _ := os.ReadFile(filepath.Join(site, "index.html")); string(got) != "two index.html" {
		t.Errorf("index.html = %q", got)
	}
	if got, _ := os.ReadFile(pack); string(got) != "two" {
		t.Errorf("the pack = %q", got)
	}
}

// TestFolderRefusals: a file in the way of a folder, a folder holding a
// subfolder (not paper's to remove) and names that are not plain file
// names are refused, and nothing is written.
func TestFolderRefusals(t *testing.T) {
	for _, tt := range []struct {
		name  string
		setup func(site string)
		files []string
		want  string
	}{
		{"file in the way", func(s string) { os.WriteFile(s, []byte("x"), 0o644) }, []string{"index.html"}, "a file or other non-folder is in the way"},
		{"subfolder", func(s string) { os.MkdirAll(filepath.Join(s, "photos"), 0o755) }, []string{"index.html"}, "it holds photos, which is not a file paper wrote"},
		{"path", func(string) {}, []string{"../index.html"}, `"../index.html" is not a plain file name`},
		{"hidden", func(string) {}, []string{".htaccess"}, `".htaccess" is not a plain file name`},
		{"empty", func(string) {}, []string{""}, `"" is not a plain file name`},
		{"twice", func(string) {}, []string{"a.pdf", "a.pdf"}, "a.pdf named twice"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			site := filepath.Join(dir, "agenda-public")
			tt.setup(site)
			before := names(t, dir)
			f := Folder{Path: site, Perm: 0o644}
			for _, n := range tt.files {
				f.Files = append(f.Files, Entry{Name: n, Data: []byte("x")})
			}
			err := WriteSet([]File{{Path: filepath.Join(dir, "agenda-public.pdf"), Data: []byte("new"), Perm: 0o644}}, []Folder{f})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want %q", err, tt.want)
			}
			if got := names(t, dir); !slices.Equal(got, before) {
				t.Errorf("the folder holds %v, had %v", got, before)
			}
		})
	}
}

// TestFailedRenameRestoresFolder makes the rename after a folder's fail:
// the old folder is back, whole, and nothing is left behind.
func TestFailedRenameRestoresFolder(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "a-public")
	after := filepath.Join(dir, "a-public.pdf")
	old := Folder{Path: site, Perm: 0o644, Files: []Entry{{"index.html", []byte("old")}}}
	if err := WriteSet(nil, []Folder{old}); err != nil {
		t.Fatal(err)
	}
	setHook(t, func(step string) {
		if step == "rename a-public.pdf" {
			os.Mkdir(after, 0o755)
			os.WriteFile(filepath.Join(after, "x"), nil, 0o644)
		}
	})
	nw := Folder{Path: site, Perm: 0o644, Files: []Entry{{"index.html", []byte("new")}, {"b.pdf", []byte("new")}}}
	if err := WriteSet([]File{{Path: after, Data: []byte("new"), Perm: 0o644}}, []Folder{nw}); err == nil {
		t.Fatal("expected an error")
	}
	if got := names(t, site); !slices.Equal(got, []string{"index.html"}) {
		t.Errorf("the folder holds %v", got)
	}
	if got, _ := os.ReadFile(filepath.Join(site, "index.html")); string(got) != "old" {
		t.Errorf("index.html = %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"a-public", "a-public.pdf"}) {
		t.Errorf("left behind: %v", got)
	}
}

// writeOne writes one file through WriteFiles.
func writeOne(path string, data []byte, perm os.FileMode) error {
	return WriteFiles([]File{{Path: path, Data: data, Perm: perm}})
}

// FuzzFolderNames gives a folder output a file of any name: WriteSet
// either refuses it, writing nothing, or writes exactly that file into
// the folder, and nothing outside it.
func FuzzFolderNames(f *testing.F) {
	for _, s := range []string{"index.html", "../x", ".htaccess", "", ".", "..", "a/b", `a\b`, "a\x00b", "item-1.pdf", " "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		root := t.TempDir()
		dir := filepath.Join(root, "out")
		os.Mkdir(dir, 0o755)
		site := filepath.Join(dir, "agenda-public")
		err := WriteSet(nil, []Folder{{Path: site, Perm: 0o644, Files: []Entry{{Name: name, Data: []byte("x")}}}})
		if got := names(t, root); !slices.Equal(got, []string{"out"}) {
			t.Fatalf("%q: outside the output folder: %v", name, got)
		}
		if err != nil {
			if got := names(t, dir); len(got) != 0 {
				t.Fatalf("%q refused (%v), yet the folder holds %v", name, err, got)
			}
			return
		}
		if got := names(t, dir); !slices.Equal(got, []string{"agenda-public"}) {
			t.Fatalf("%q: the output folder holds %v", name, got)
		}
		if got := names(t, site); !slices.Equal(got, []string{name}) {
			t.Fatalf("%q: the site holds %v", name, got)
		}
	})
}

// TestAbortFolder stops a set holding a folder once its temporary folder
// is complete, as a signal handler does: the temporary folder and its
// files go, and the old folder stays as it was.
func TestAbortFolder(t *testing.T) {
	dir := t.TempDir()
	site := filepath.Join(dir, "agenda-public")
	if err := WriteSet(nil, []Folder{{Path: site, Perm: 0o644, Files: []Entry{{"index.html", []byte("old")}}}}); err != nil {
		t.Fatal(err)
	}
	inProgress := abortAtTemps(t, dir)
	err := WriteSet(nil, []Folder{{Path: site, Perm: 0o644, Files: []Entry{{"index.html", []byte("new")}, {"item-1.pdf", []byte("new")}}}})
	if err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("got %v, want interrupted", err)
	}
	if len(*inProgress) < 2 {
		t.Fatalf("the hook saw no temporary folder: %v", *inProgress)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"agenda-public"}) {
		t.Errorf("after Abort: %v", got)
	}
	if got := names(t, site); !slices.Equal(got, []string{"index.html"}) {
		t.Errorf("the folder holds %v", got)
	}
	if got, _ := os.ReadFile(filepath.Join(site, "index.html")); string(got) != "old" {
		t.Errorf("index.html = %q", got)
	}
}

// TestOneOutput writes sets of one output, which take one rename: no
// journal and no backup is ever written (checked at every step), an
// existing target is replaced, and a rename that fails leaves the old
// target as it was and nothing behind. One folder that replaces another
// takes two renames, and so is journaled.
func TestOneOutput(t *testing.T) {
	for _, tt := range []struct {
		name     string
		old      string // content of an existing report.pdf; "" for none
		folder   bool   // the output is the folder site, which exists
		atRename func(t *testing.T, dir string)
		want     string // report.pdf's content afterwards
		wantErr  string // the error, with DIR for the folder
		steps    []string
	}{
		{name: "new", want: "new", steps: []string{"write report.pdf", "temps", "rename report.pdf", "done"}},
		{name: "replaced", old: "old", want: "new", steps: []string{"write report.pdf", "temps", "rename report.pdf", "done"}},
		{
			name: "rename fails", old: "old", want: "old",
			atRename: func(t *testing.T, dir string) {
				for _, n := range names(t, dir) {
					if strings.HasPrefix(n, ".report.pdf.tmp-") {
						os.Remove(filepath.Join(dir, n))
					}
				}
			},
			wantErr: "writing DIR/report.pdf: no such file or directory",
			steps:   []string{"write report.pdf", "temps", "rename report.pdf"},
		},
		{
			name: "folder put in the way", old: "old",
			atRename: func(t *testing.T, dir string) {
				p := filepath.Join(dir, "report.pdf")
				os.Remove(p)
				os.MkdirAll(filepath.Join(p, "notes"), 0o755)
			},
			wantErr: "writing DIR/report.pdf: file exists",
			steps:   []string{"write report.pdf", "temps", "rename report.pdf"},
		},
		{name: "new folder", folder: true, steps: []string{"write site/index.html", "temps", "rename site", "done"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			target := filepath.Join(dir, "report.pdf")
			if tt.old != "" {
				os.WriteFile(target, []byte(tt.old), 0o644)
			}
			var steps []string
			setHook(t, func(step string) {
				steps = append(steps, step)
				for _, n := range names(t, dir) {
					if n == JournalName || strings.HasPrefix(n, "."+JournalName) || strings.HasSuffix(n, ".old") {
						t.Errorf("at %q the folder holds %s", step, n)
					}
				}
				if step == "rename report.pdf" && tt.atRename != nil {
					tt.atRename(t, dir)
				}
			})
			var err error
			if tt.folder {
				err = WriteSet(nil, []Folder{{Path: filepath.Join(dir, "site"), Perm: 0o644, Files: []Entry{{"index.html", []byte("new")}}}})
			} else {
				err = writeOne(target, []byte("new"), 0o644)
			}
			if got, want := fmt.Sprint(err), strings.ReplaceAll(cmp.Or(tt.wantErr, "<nil>"), "DIR", dir); got != want {
				t.Errorf("error %s, want %s", got, want)
			}
			if !slices.Equal(steps, tt.steps) {
				t.Errorf("steps %q, want %q", steps, tt.steps)
			}
			var want []string
			switch {
			case tt.folder:
				want = []string{"site"}
			case tt.want != "" || tt.old != "":
				want = []string{"report.pdf"}
			}
			if got := names(t, dir); !slices.Equal(got, want) {
				t.Errorf("the folder holds %v, want %v", got, want)
			}
			if tt.want != "" {
				if got, _ := os.ReadFile(target); string(got) != tt.want {
					t.Errorf("report.pdf = %q, want %q", got, tt.want)
				}
			}
		})
	}
}

// TestReplacedFolderJournaled replaces a folder, alone in its set: its
// two renames (the old folder aside, the new one in) are journaled.
func TestReplacedFolderJournaled(t *testing.T) {
	dir := t.TempDir()
	site := func(gen string) []Folder {
		return []Folder{{Path: filepath.Join(dir, "site"), Perm: 0o644, Files: []Entry{{"index.html", []byte(gen)}}}}
	}
	if err := WriteSet(nil, site("one")); err != nil {
		t.Fatal(err)
	}
	journaled := false
	setHook(t, func(step string) {
		if step == "rename site" {
			_, err := os.Stat(filepath.Join(dir, JournalName))
			journaled = err == nil
		}
	})
	if err := WriteSet(nil, site("two")); err != nil {
		t.Fatal(err)
	}
	if !journaled {
		t.Errorf("no journal while the folder was renamed")
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "site", "index.html")); string(got) != "two" {
		t.Errorf("index.html = %q", got)
	}
	if got := names(t, dir); !slices.Equal(got, []string{"site"}) {
		t.Errorf("the folder holds %v", got)
	}
}

// BenchmarkWriteFiles rebuilds outputs the size of the example paper's
// (a 213 KB PDF, a 72 KB DOCX) in a folder where they exist, as a
// second build does: --format pdf's one file, and the PDF + DOCX set.
// The time is mostly the disk's: the syncs of the files and the folder.
func BenchmarkWriteFiles(b *testing.B) {
	pdf, docx := make([]byte, 213<<10), make([]byte, 72<<10)
	for _, bb := range []struct {
		name  string
		files []string
	}{
		{"pdf", []string{"report.pdf"}},
		{"pdf+docx", []string{"report.pdf", "report.docx"}},
	} {
		b.Run(bb.name, func(b *testing.B) {
			dir := b.TempDir()
			var files []File
			for _, n := range bb.files {
				data := pdf
				if strings.HasSuffix(n, ".docx") {
					data = docx
				}
				files = append(files, File{Path: filepath.Join(dir, n), Data: data, Perm: 0o644})
			}
			if err := WriteFiles(files); err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if err := WriteFiles(files); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// FuzzLeftover checks leftover against the regular expression it
// stands for, on any name.
func FuzzLeftover(f *testing.F) {
	for _, s := range []string{".report.pdf.tmp-2417715021", ".report.docx.tmp-12.old", "..paper-journal.tmp-7", "notes.tmp-1", ".tmp-1", "..tmp-1", ".a.tmp-", ".a.tmp-1x", ".a.tmp-1.old.old", ".a\n.tmp-1", ".a.tmp-1\n", ".a.tmp-1.tmp-2", ".a.tmp-x.tmp-2", ".profile", ".old"} {
		f.Add(s)
	}
	re := regexp.MustCompile(`^\..+\.tmp-[0-9]+(\.old)?$`)
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := leftover(name), re.MatchString(name); got != want {
			t.Errorf("leftover(%q) = %v, the expression says %v", name, got, want)
		}
	})
}

// TestAbortWhileWriting stops a set as a signal handler does while its
// temporary files are being written side by side, at each of them: the
// write fails as interrupted, and the folder holds what it held before.
func TestAbortWhileWriting(t *testing.T) {
	for _, at := range []string{"write a.docx", "write a.pdf", "write site/b.html", "write " + JournalName} {
		t.Run(at, func(t *testing.T) {
			dir := t.TempDir()
			a := filepath.Join(dir, "a.pdf")
			os.WriteFile(a, []byte("old"), 0o644)
			before := names(t, dir)
			t.Cleanup(func() {
				state.Lock()
				state.aborted = false
				state.Unlock()
			})
			setHook(t, func(step string) {
				if step == at {
					Abort()
				}
			})
			site := Folder{Path: filepath.Join(dir, "site"), Perm: 0o644}
			for _, n := range []string{"a.html", "b.html", "c.html"} {
				site.Files = append(site.Files, Entry{Name: n, Data: []byte("new")})
			}
			err := WriteSet([]File{{a, []byte("new"), 0o644}, {filepath.Join(dir, "a.docx"), []byte("new"), 0o644}}, []Folder{site})
			if !errors.Is(err, errAborted) {
				t.Errorf("got %v, want interrupted", err)
			}
			if got := names(t, dir); !slices.Equal(got, before) {
				t.Errorf("after Abort the folder holds %v, had %v", got, before)
			}
			if got, _ := os.ReadFile(a); string(got) != "old" {
				t.Errorf("a.pdf = %q", got)
			}
		})
	}
}
