package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"unsafe"
)

// openPTY opens a pseudo-terminal pair: what is written to the slave
// reads from the master, and the slave is a terminal.
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		m.Close()
		t.Skipf("cannot unlock a pseudo-terminal: %v", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		m.Close()
		t.Skipf("cannot name a pseudo-terminal: %v", e)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		m.Close()
		t.Skipf("cannot open a pseudo-terminal: %v", err)
	}
	return m, s
}

// TestPackProgressOnATerminal runs pack with standard error on a
// terminal: progress is printed item by item, and --quiet silences it.
func TestPackProgressOnATerminal(t *testing.T) {
	for _, quiet := range []bool{false, true} {
		agenda := meetingFixture(t, "agenda.yaml")
		master, slave := openPTY(t)
		var got bytes.Buffer
		done := make(chan struct{})
		go func() {
			io.Copy(&got, master) // ends with EIO once the slave is closed
			close(done)
		}()
		args := []string{"pack", agenda, "-o", filepath.Join(t.TempDir(), "out")}
		if quiet {
			args = append(args, "--quiet")
		}
		var stdout bytes.Buffer
		code := run(args, strings.NewReader(""), &stdout, slave)
		slave.Close()
		<-done
		master.Close()
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, got.String())
		}
		text := strings.ReplaceAll(got.String(), "\r\n", "\n")
		if quiet {
			if text != "" {
				t.Errorf("--quiet on a terminal printed:\n%s", text)
			}
			continue
		}
		for _, want := range []string{
			"paper: item 3: reading minutes.pdf\n",
			"paper: item 4: checking paper01/report.yaml\n",
			"paper: item 5: checking paper02/report.yaml\n",
			"paper: assembling the public pack\n",
			"paper: assembling the exempt pack\n",
		} {
			if !strings.Contains(text, want) {
				t.Errorf("progress on the terminal lacks %q:\n%s", want, text)
			}
		}
	}
}
