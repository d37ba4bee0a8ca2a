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
