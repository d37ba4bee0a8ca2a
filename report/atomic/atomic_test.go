package atomic

import (
	"os"
	"path/filepath"
	"testing"
)

func TestWriteFilesReplacesTogether(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.pdf"), filepath.Join(dir, "a.docx")
	if err := WriteFiles(map[string][]byte{a: []byte("one"), b: []byte("two")}, 0o644); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{a: "one", b: "two"} {
		got, err := os.ReadFile(p)
		if err != nil || string(got) != want {
			t.Fatalf("%s = %q, %v; want %q", p, got, err, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestFailedWriteLeavesOldFiles(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(a, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	// The second target's directory does not exist, so its temp file
	// cannot be created: the first target must not be replaced.
	bad := filepath.Join(dir, "missing", "report.docx")
	if err := WriteFiles(map[string][]byte{a: []byte("new"), bad: []byte("x")}, 0o644); err == nil {
		t.Fatal("expected an error")
	}
	got, _ := os.ReadFile(a)
	if string(got) != "old" {
		t.Fatalf("existing output changed to %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

// TestFailedRenameRestoresEarlierFiles makes the last rename of a set
// fail (its target became a folder after the checks) and checks that the
// file already replaced gets its old content back.
func TestFailedRenameRestoresEarlierFiles(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf")
	os.WriteFile(a, []byte("old docx"), 0o644)
	os.WriteFile(b, []byte("old pdf"), 0o644)
	renameHook = func(dst string) {
		if dst == b {
			os.Remove(b)
			os.MkdirAll(filepath.Join(b, "x"), 0o755)
		}
	}
	defer func() { renameHook = nil }()
	if err := WriteFiles(map[string][]byte{a: []byte("new docx"), b: []byte("new pdf")}, 0o644); err == nil {
		t.Fatal("expected an error")
	}
	if got, _ := os.ReadFile(a); string(got) != "old docx" {
		t.Errorf("a.docx = %q, want its old content back", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary or backup files left behind: %v", entries)
	}
}

func TestFolderInTheWay(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.docx"), filepath.Join(dir, "a.pdf")
	os.WriteFile(a, []byte("old"), 0o644)
	os.Mkdir(b, 0o755)
	err := WriteFiles(map[string][]byte{a: []byte("new"), b: []byte("x")}, 0o644)
	if err == nil || err.Error() != "writing "+b+": a folder or other non-file is in the way" {
		t.Fatalf("got %v", err)
	}
	if got, _ := os.ReadFile(a); string(got) != "old" {
		t.Errorf("a.docx = %q", got)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}
