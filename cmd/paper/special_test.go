//go:build unix

package main

import (
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/paperhq/paper/report/doc/doctest"
)

// specialKinds makes, at path, each kind of file an input must not be:
// what paper must say about it, and how to make it.
var specialKinds = []struct {
	name, says string
	make       func(t *testing.T, path string)
}{
	{"fifo", "is not a regular file: it is a named pipe (FIFO)", func(t *testing.T, path string) {
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Fatal(err)
		}
	}},
	{"dev-zero", "is not a regular file: it is a device", func(t *testing.T, path string) { symlink(t, "/dev/zero", path) }},
	{"dev-null", "is not a regular file: it is a device", func(t *testing.T, path string) { symlink(t, "/dev/null", path) }},
	{"socket", "is not a regular file: it is a socket", func(t *testing.T, path string) {
		l, err := net.Listen("unix", path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
	}},
	{"folder", "is not a regular file: it is a folder", func(t *testing.T, path string) {
		if err := os.Mkdir(path, 0o700); err != nil {
			t.Fatal(err)
		}
	}},
	{"symlink-to-folder", "is not a regular file: it is a folder", func(t *testing.T, path string) {
		target := path + ".d"
		if err := os.Mkdir(target, 0o700); err != nil {
			t.Fatal(err)
		}
		symlink(t, target, path)
	}},
}

func symlink(t *testing.T, target, path string) {
	t.Helper()
	if err := os.Symlink(target, path); err != nil {
		t.Fatal(err)
	}
}

// runWithin runs the command line, failing the test if it has not
// finished within a minute: an input that blocks paper must fail the
// test, not hang it.
func runWithin(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code           int
		stdout, stderr string
	}
	done := make(chan result, 1)
	go func() {
		c, o, e := runCLI(t, args...)
		done <- result{c, o, e}
	}()
	select {
	case r := <-done:
		return r.code, r.stdout, r.stderr
	case <-time.After(time.Minute):
		t.Fatalf("paper %s did not finish within a minute", strings.Join(args, " "))
	}
	return
}

// specialFixture writes a small valid paper with a case log, an
// Ombudsman letter and an appendix, and an agenda with that paper and a
// PDF item, into a fresh folder, and returns the folder.
func specialFixture(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	copyFile := func(src, dst string) {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, dst), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	example := filepath.Join("..", "..", "examples")
	copyFile(filepath.Join(example, "lgsco-annual-review", "ombudsman.yaml"), "ombudsman.yaml")
	copyFile(filepath.Join(example, "lgsco-annual-review", "appendix-a.pdf"), "appendix.pdf")
	copyFile(filepath.Join(example, "meeting", "minutes.pdf"), "minutes.pdf")
	for name, content := range map[string]string{
		"complaints.csv": "Reference,Stage,Service,Received,Responded,Outcome\n" +
			"C1,1,Housing,2021-04-06,2021-04-12,Upheld\nC2,2,Housing,2021-05-04,,\n",
		"report.yaml": `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2026-12-14
title: Complaints report
author: Colm Fairweather
purpose: To report complaints.
recommendations:
  items: [Note the report.]
appendices:
  - {ref: A, title: Analysis, file: appendix.pdf}
data: {complaints: complaints.csv, ombudsman: ombudsman.yaml}
style: house.yaml
`,
		"house.yaml": "name: Kingsbridge\nlogo: logo.png\nlogo_alt: Kingsbridge\nfonts: {body: {regular: body.ttf}}\n",
		"logo.png":   string(doctest.LogoPNG()),
		"body.ttf":   string(liberationserifregular.TTF),
		"agenda.yaml": `council: Kingsbridge City Council
committee: Audit and Governance Committee
date: 2026-12-14
style: house.yaml
items:
  - {title: Minutes of the previous meeting, pdf: minutes.pdf}
  - {report: report.yaml}
`,
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestSpecialFileInputs gives every kind of input path a FIFO, a
// device, a socket, a folder and a symbolic link to a folder, through
// the command line: each must be refused at once, exit 1, saying it is
// not a regular file, with nothing written.
func TestSpecialFileInputs(t *testing.T) {
	inputs := []struct {
		name string
		file string   // the input replaced by a special file
		args []string // the commands that read it, relative to the folder
	}{
		{"report", "report.yaml", []string{"check report.yaml", "build report.yaml -o out", "decision report.yaml -o out"}},
		{"agenda", "agenda.yaml", []string{"check agenda.yaml", "pack agenda.yaml -o out"}},
		{"data.complaints", "complaints.csv", []string{"check report.yaml", "build report.yaml -o out", "metrics complaints.csv"}},
		{"data.ombudsman", "ombudsman.yaml", []string{"check report.yaml", "metrics complaints.csv --ombudsman ombudsman.yaml"}},
		{"appendix", "appendix.pdf", []string{"check report.yaml", "pack agenda.yaml -o out"}},
		{"pdf item", "minutes.pdf", []string{"check agenda.yaml", "pack agenda.yaml -o out"}},
		{"style", "house.yaml", []string{"check report.yaml", "build report.yaml -o out", "check agenda.yaml", "pack agenda.yaml -o out"}},
		{"logo", "logo.png", []string{"check report.yaml", "build report.yaml -o out", "pack agenda.yaml -o out"}},
		{"font", "body.ttf", []string{"check report.yaml", "build report.yaml -o out"}},
	}
	// The fixture as written passes: every failure below is the special
	// file's.
	dir := specialFixture(t)
	for _, cmd := range []string{"check report.yaml", "check agenda.yaml", "metrics complaints.csv --ombudsman ombudsman.yaml"} {
		if code, _, stderr := runWithin(t, inDir(dir, cmd)...); code != exitOK {
			t.Fatalf("paper %s: exit %d: %s", cmd, code, stderr)
		}
	}
	for _, in := range inputs {
		for _, kind := range specialKinds {
			t.Run(in.name+"/"+kind.name, func(t *testing.T) {
				dir := specialFixture(t)
				path := filepath.Join(dir, in.file)
				if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
					t.Fatal(err)
				}
				kind.make(t, path)
				for _, cmd := range in.args {
					code, stdout, stderr := runWithin(t, inDir(dir, cmd)...)
					if code != exitInput {
						t.Errorf("paper %s: exit %d, want %d; stderr:\n%s", cmd, code, exitInput, stderr)
					}
					if !saysAbout(stderr, in.file, kind.says) {
						t.Errorf("paper %s: no line of stderr says %s %q:\n%s", cmd, in.file, kind.says, stderr)
					}
					if strings.Contains(stderr, "is not a PDF file") {
						t.Errorf("paper %s: a special file called not a PDF:\n%s", cmd, stderr)
					}
					if strings.Contains(stdout, "wrote") {
						t.Errorf("paper %s wrote output: %s", cmd, stdout)
					}
				}
				if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
					t.Errorf("out was created: %v", files(t, filepath.Join(dir, "out")))
				}
			})
		}
	}
}

// inDir splits a command and makes its file arguments paths in dir.
func inDir(dir, cmd string) []string {
	args := strings.Fields(cmd)
	for i, a := range args {
		if i > 0 && strings.Contains(a, ".") || a == "out" {
			args[i] = filepath.Join(dir, a)
		}
	}
	return args
}

// saysAbout reports whether a line of stderr names file and then says
// msg, as "report.yaml:11:7: data.complaints: complaints.csv: is not a
// regular file: it is a socket" does.
func saysAbout(stderr, file, msg string) bool {
	for _, line := range strings.Split(stderr, "\n") {
		if i := strings.Index(line, file+": "); i >= 0 && strings.Contains(line[i:], msg) {
			return true
		}
	}
	return false
}

// TestOversizeInputs gives every kind of input a file one byte over its
// limit (a sparse file, so the test writes nothing): each is refused
// before it is read, with the limit in the message.
func TestOversizeInputs(t *testing.T) {
	for _, in := range []struct {
		file string
		size int64
		cmd  string
		says string
	}{
		{"report.yaml", 4<<20 + 1, "check report.yaml", "the file is over 4.0 MB; a report definition is at most 4.0 MB (put long material in appendices)"},
		{"agenda.yaml", 4<<20 + 1, "pack agenda.yaml -o out", "the file is over 4.0 MB; an agenda is at most 4.0 MB"},
		{"complaints.csv", 512<<20 + 1, "check report.yaml", "the file is over 512.0 MB; a CSV case log is at most 512.0 MB"},
		{"ombudsman.yaml", 4<<20 + 1, "metrics complaints.csv --ombudsman ombudsman.yaml", "the file is over 4.0 MB; an Ombudsman letter is at most 4.0 MB"},
		{"appendix.pdf", 100<<20 + 1, "check report.yaml", "the file is over 100.0 MB; an appendix PDF is at most 100.0 MB"},
		{"minutes.pdf", 100<<20 + 1, "pack agenda.yaml -o out", "the file is over 100.0 MB; a PDF to merge is at most 100.0 MB"},
		{"house.yaml", 1<<20 + 1, "check report.yaml", "the file is over 1.0 MB; a style file is at most 1.0 MB"},
		{"house.yaml", 1<<20 + 1, "pack agenda.yaml -o out", "the file is over 1.0 MB; a style file is at most 1.0 MB"},
		{"body.ttf", 64<<20 + 1, "check report.yaml", "the file is over 64.0 MB; a font is at most 64.0 MB"},
	} {
		t.Run(in.file+"/"+strings.Fields(in.cmd)[0], func(t *testing.T) {
			dir := specialFixture(t)
			if err := os.Truncate(filepath.Join(dir, in.file), in.size); err != nil {
				t.Fatal(err)
			}
			code, _, stderr := runWithin(t, inDir(dir, in.cmd)...)
			if code != exitInput {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitInput, stderr)
			}
			if !saysAbout(stderr, in.file, in.says) {
				t.Errorf("no line of stderr says %s %q:\n%s", in.file, in.says, stderr)
			}
		})
	}
}

// TestMetricsStreamsPastTheCSVLimit: paper metrics streams a CSV case
// log, so the 512 MB limit of the stored reading does not apply; the same
// sparse file, the fixture followed by 512 MB of zero bytes with no
// newline, is read up to the row it cannot end, and refused at its line.
func TestMetricsStreamsPastTheCSVLimit(t *testing.T) {
	dir := specialFixture(t)
	if err := os.Truncate(filepath.Join(dir, "complaints.csv"), 512<<20+1); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runWithin(t, inDir(dir, "metrics complaints.csv --json")...)
	want := regexp.MustCompile(`complaints\.csv:\d+: a row longer than 8 MB starts on this line: rows of a case log are short, so a quoted value is probably not closed \(a " missing\), or the file is not a CSV`)
	if code != exitInput || stdout != "" || !want.MatchString(stderr) || strings.Contains(stderr, "512") {
		t.Errorf("exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
}

// TestCheckOfACaseLogQuotesAnExcerpt: a case log under a name check does
// not know as one (a .dat export) is one 791 KB YAML string; the message
// quotes its start only.
func TestCheckOfACaseLogQuotesAnExcerpt(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "examples", "lgsco-annual-review", "complaints.csv"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "complaints.dat")
	if err := os.WriteFile(path, src, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runWithin(t, "check", path)
	if code != exitInput || stdout != "" {
		t.Errorf("exit %d, stdout %q", code, stdout)
	}
	want := `complaints.dat:1:1: expected a mapping of keys such as council, committee, meeting_date, found "Reference,Stage,Service,Received,Responded,Due,Outcome KCC-2…"` + "\n"
	if !strings.HasSuffix(stderr, want) || len(stderr) > 300 {
		t.Errorf("stderr (%d bytes) %.300q, want it to end %q", len(stderr), stderr, want)
	}
}
