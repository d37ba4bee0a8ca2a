// Command paper turns a YAML report definition plus a council's complaint
// data into finished committee papers (PDF and DOCX) and agenda packs.
//
//	paper new lgsco-annual-review drafts/ombudsman   scaffold a report.yaml
//	paper check drafts/ombudsman/report.yaml         list every problem
//	paper build drafts/ombudsman/report.yaml -o out  write report.pdf and report.docx
//	paper decision drafts/ombudsman/report.yaml      write the decision notice, report-decision.pdf and .docx
//	paper metrics complaints.csv --json              print the complaint metrics
//	paper pack meetings/2026-12-14/agenda.yaml       assemble the agenda pack
//	paper preview drafts/ombudsman/report.yaml       serve the paper's page as you edit
//
// Exit codes: 0 success (warnings may be printed), 1 invalid input
// (nothing written), 2 usage error, 3 internal error, 130 and 143 stopped
// by SIGINT and SIGTERM.
package main

import (
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"
	"syscall"

	"github.com/paperhq/paper/report/atomic"
)

func main() {
	tuneGC(os.Args[1:], os.Getenv)
	os.Exit(guarded(os.Stderr, func(stderr io.Writer) int { return run(os.Args[1:], os.Stdin, os.Stdout, stderr) }))
}

// guarded is main without the exit: it runs the command line (cmd)
// inside a private temporary folder and stops cleanly on SIGINT and
// SIGTERM.
//
// Libraries paper uses write temporary files (the XLSX reader's hold
// personal data from the case log) into the system's temporary folder.
// So the process's temporary folder (TMPDIR, which os.TempDir reads) is
// pointed at a folder only this user can read, taken at start and emptied
// (or removed) on every way out: success, error, a panic, SIGINT,
// SIGTERM. A run killed outright (kill -9) cannot; the next run does (see
// newPrivateTemp).
//
// On SIGINT or SIGTERM a command that serves (preview) shuts its server
// down, the temporary files of outputs being written are removed (a set of outputs already being renamed into place is finished
// first, so the folder holds one run's complete set either way), then
// what is in the private folder, and the process exits 128 plus the
// signal's number.
// The command writes its messages through the stderr it is given, which
// falls silent once a signal has arrived: a write the signal cut short
// fails, and its "interrupted" error would only repeat, less clearly,
// the one line the signal prints.
func guarded(stderr io.Writer, cmd func(stderr io.Writer) int) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	tmp, err := newPrivateTemp()
	if err != nil {
		fmt.Fprintf(stderr, "paper: %v\n", err)
		return exitInput
	}
	var once sync.Once
	cleanup := func() { once.Do(tmp.remove) }
	defer cleanup()
	gate := &gatedWriter{w: stderr}
	go func() {
		sig := <-sigs
		gate.close()
		stop()
		atomic.Abort()
		cleanup()
		fmt.Fprintf(stderr, "paper: stopped by %s; no partial outputs or temporary files left\n", signalName(sig))
		os.Exit(exitSignal + signalNumber(sig))
	}()
	atomic.OnWait = func(dir string) {
		fmt.Fprintf(gate, "paper: waiting for another paper run to finish writing into %s\n", dir)
	}
	code := cmd(gate)
	if gate.closed() {
		select {} // the signal's goroutine is exiting with the signal's code
	}
	return code
}

// gatedWriter passes writes on until it is closed, then drops them.
type gatedWriter struct {
	mu   sync.Mutex
	w    io.Writer
	shut bool
}

func (g *gatedWriter) Write(b []byte) (int, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.shut {
		return len(b), nil
	}
	return g.w.Write(b)
}

func (g *gatedWriter) close() {
	g.mu.Lock()
	g.shut = true
	g.mu.Unlock()
}

func (g *gatedWriter) closed() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.shut
}

// signalName names a signal as users know it.
func signalName(sig os.Signal) string {
	switch sig {
	case os.Interrupt:
		return "SIGINT (Ctrl-C)"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return sig.String()
}

func signalNumber(sig os.Signal) int {
	if s, ok := sig.(syscall.Signal); ok {
		return int(s)
	}
	return 0
}
