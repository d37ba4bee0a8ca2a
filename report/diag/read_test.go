//go:build unix

package diag

import (
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestReadFileRefuses checks that every kind of path that is not a
// regular file is refused before it is read, so that none can block or
// exhaust memory, and that the size limit holds.
func TestReadFileRefuses(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	folder := filepath.Join(dir, "folder")
	os.Mkdir(folder, 0o700)
	link := filepath.Join(dir, "link")
	os.Symlink(folder, link)
	big := filepath.Join(dir, "big")
	os.WriteFile(big, make([]byte, 2000), 0o600)
	small := filepath.Join(dir, "small")
	os.WriteFile(small, []byte("hello"), 0o600)
	tests := []struct {
		path, want string
	}{
		{fifo, "is not a regular file: it is a named pipe (FIFO)"},
		{sock, "is not a regular file: it is a socket"},
		{"/dev/zero", "is not a regular file: it is a device"},
		{"/dev/null", "is not a regular file: it is a device"},
		{folder, "is not a regular file: it is a folder"},
		{link, "is not a regular file: it is a folder"},
		{big, "the file is 2 KB; a test file is at most 1 KB"},
		{filepath.Join(dir, "missing"), "no such file"},
	}
	for _, tt := range tests {
		done := make(chan error, 1)
		go func() {
			_, err := ReadFile(tt.path, 1000, "a test file")
			done <- err
		}()
		select {
		case err := <-done:
			if err == nil {
				t.Errorf("%s: read, want %q", tt.path, tt.want)
			} else if got := ReadError(err); got != tt.want {
				t.Errorf("%s: got %q, want %q", tt.path, got, tt.want)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: ReadFile blocked", tt.path)
		}
		if err := Stat(tt.path, 1000, "a test file"); err == nil || ReadError(err) != tt.want {
			t.Errorf("Stat(%s) = %v, want %q", tt.path, err, tt.want)
		}
	}
	data, err := ReadFile(small, 5, "a test file")
	if err != nil || string(data) != "hello" {
		t.Errorf("ReadFile(small) = %q, %v", data, err)
	}
	if _, err := ReadFile(small, 4, "a test file"); err == nil || !strings.Contains(err.Error(), "at most 1 KB") {
		t.Errorf("ReadFile(small, 4) = %v, want too large", err)
	}
}

// TestReadFileOneBuffer checks that a file is read whole, into one buffer
// of its size, and that ReadAll, which knows no size, reads what it is
// given up to its limit.
func TestReadFileOneBuffer(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []int{0, 1, 511, 512, 513, 4096, 1 << 20} {
		path := filepath.Join(dir, "f")
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + n)
		}
		if err := os.WriteFile(path, want, 0o600); err != nil {
			t.Fatal(err)
		}
		var got []byte
		allocs := testing.AllocsPerRun(5, func() {
			var err error
			if got, err = ReadFile(path, 2<<20, "a test file"); err != nil {
				t.Fatal(err)
			}
		})
		if string(got) != string(want) {
			t.Errorf("%d bytes: read %d bytes, not the file's", n, len(got))
		}
		if n > 0 && cap(got) != n+1 {
			t.Errorf("%d bytes: read into a buffer of %d", n, cap(got))
		}
		if allocs > 8 {
			t.Errorf("%d bytes: %.0f allocations a read", n, allocs)
		}
		r, err := ReadAll(strings.NewReader(string(want)), int64(n), "a test stream")
		if err != nil || string(r) != string(want) {
			t.Errorf("ReadAll of %d bytes: %d bytes, %v", n, len(r), err)
		}
		if n > 0 {
			if _, err := ReadAll(strings.NewReader(string(want)), int64(n-1), "a test stream"); err == nil || !strings.Contains(err.Error(), "a test stream is at most") {
				t.Errorf("ReadAll of %d bytes, limit %d: %v, want too large", n, n-1, err)
			}
		}
	}
}
