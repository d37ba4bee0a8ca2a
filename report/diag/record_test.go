package diag

import (
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
)

// TestRecord checks that a recorder sees every input asked for through
// Stat, Open and ReadFile, found or not, and nothing once stopped.
func TestRecord(t *testing.T) {
	dir := t.TempDir()
	here := filepath.Join(dir, "report.yaml")
	os.WriteFile(here, []byte("title: x\n"), 0o644)
	missing := filepath.Join(dir, "complaints.csv")

	var mu sync.Mutex
	var seen []string
	stop := Record(func(p string) {
		mu.Lock()
		seen = append(seen, p)
		mu.Unlock()
	})
	other := Record(func(string) {})
	if _, err := ReadFile(here, 1<<10, "a test file"); err != nil {
		t.Fatal(err)
	}
	if _, err := Open(missing, 1<<10, "a test file"); err == nil {
		t.Fatal("opened a missing file")
	}
	Stat(dir, 1<<10, "a test file") // a folder: refused, but seen
	stop()
	ReadFile(here, 1<<10, "a test file")
	other()

	want := []string{here, missing, dir}
	if !slices.Equal(seen, want) {
		t.Errorf("recorded %q, want %q", seen, want)
	}
}
