package caselog

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperhq/paper/bench/synth"
)

// TestReadFileCutShort: a case log cut short once ReadFile has mapped it
// (still being written, or replaced in place) is a reading error, not a
// crash, for each encoding's first reading of the text.
func TestReadFileCutShort(t *testing.T) {
	var b bytes.Buffer
	if err := synth.Write(&b, 20000, 1); err != nil {
		t.Fatal(err)
	}
	defer func() { afterMap = nil }()
	for _, enc := range []string{"", UTF8, Windows1252} {
		path := filepath.Join(t.TempDir(), "complaints.csv")
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		afterMap = func() {
			if err := os.Truncate(path, 100<<10); err != nil {
				t.Fatal(err)
			}
		}
		_, err := ReadFile(path, Options{Name: "complaints.csv", Encoding: enc})
		want := "complaints.csv: cannot read the case log: the file was cut short while it was read (is it still being written?); read it again when it is complete"
		if err == nil || err.Error() != want {
			t.Errorf("encoding %q: got %v, want %q", enc, err, want)
		}
	}
}

// TestReadFileNotMapped: a case log that cannot be mapped (mapping
// off, or an empty file) is read into memory, with the same log and
// problems.
func TestReadFileNotMapped(t *testing.T) {
	dir := t.TempDir()
	full := filepath.Join(dir, "log.csv")
	os.WriteFile(full, []byte("Reference,Stage,Service,Received\nC1,1,Housing,2021-02-05\nC2,2,Parks,2021-03-05\n"), 0o644)
	empty := filepath.Join(dir, "empty.csv")
	os.WriteFile(empty, nil, 0o644)
	mapped, err := ReadFile(full, Options{Name: "log.csv"})
	if err != nil {
		t.Fatal(err)
	}
	defer func(old bool) { mapFiles = old }(mapFiles)
	mapFiles = false
	read, err := ReadFile(full, Options{Name: "log.csv"})
	if err != nil {
		t.Fatal(err)
	}
	if len(read.Rows) != 2 || len(mapped.Rows) != 2 || read.Services[0] != mapped.Services[0] || read.Rows[1] != mapped.Rows[1] {
		t.Errorf("read %+v, mapped %+v", read, mapped)
	}
	mapFiles = true
	_, err = ReadFile(empty, Options{Name: "empty.csv"})
	if want := "empty.csv: the file is empty; a case log needs a header row naming its columns (Reference, Stage, Service, Received, ...)"; err == nil || err.Error() != want {
		t.Errorf("empty file: got %v, want %q", err, want)
	}
}
