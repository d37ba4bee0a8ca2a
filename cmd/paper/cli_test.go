package main

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/writers"
	"github.com/paperhq/paper/templates"
)

// runCLI runs the command line in-process through run, the function main
// calls, and returns the exit code and what was printed.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// layoutFixture is a valid definition that exercises every part of the
// layout and needs no data.
var layoutFixture = filepath.Join("..", "..", "fixtures", "layout", "report.yaml")

// The example meeting's agenda and the example paper's case log, for
// commands given the wrong kind of file.
var (
	agendaExample  = filepath.Join("..", "..", "examples", "meeting", "agenda.yaml")
	caseLogExample = filepath.Join("..", "..", "examples", "lgsco-annual-review", "complaints.csv")
)

// copyFixture copies the layout fixture into a fresh folder as name and
// returns its path.
func copyFixture(t *testing.T, name string) string {
	t.Helper()
	src, err := os.ReadFile(layoutFixture)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, src, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// files lists the names in dir, sorted.
func files(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestExitCodes(t *testing.T) {
	invalid := filepath.Join("..", "..", "fixtures", "invalid", "paragraph-8.yaml")
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // a substring; "" means nothing printed
		stderr     string // a substring; "" means nothing printed
		wantOutDir bool
	}{
		{"no command", nil, exitUsage, "", "no command given; the commands are new, check, build, decision, metrics, pack and preview", false},
		{"unknown command", []string{"bild", layoutFixture}, exitUsage, "", `unknown command "bild"`, false},
		{"check without a file", []string{"check"}, exitUsage, "", "check: expected one report.yaml or agenda.yaml, got 0 argument(s)", false},
		{"build with two files", []string{"build", layoutFixture, layoutFixture}, exitUsage, "", "build: expected one report.yaml, got 2 argument(s)", false},
		{"unknown flag", []string{"build", layoutFixture, "--colour"}, exitUsage, "", "unknown flag: --colour", false},
		{"unknown format", []string{"build", layoutFixture, "--format", "pdf,odt", "-o", "OUT"}, exitUsage, "", `--format: unknown format "odt" (known: pdf, docx, html, all)`, false},
		{"-o without a folder", []string{"build", layoutFixture, "-o"}, exitUsage, "", "flag needs an argument", false},
		{"unknown template", []string{"new", "annual-report", "OUT"}, exitUsage, "", `new: no template "annual-report"; the templates are `, false},
		{"help", []string{"--help"}, exitOK, "Exit codes: 0 success", "", false},
		{"check valid", []string{"check", layoutFixture}, exitOK, "report.yaml: OK\n", "", false},
		{"check invalid", []string{"check", invalid}, exitInput, "", "paragraph-8.yaml:14:24: exempt_paragraphs[1]: paragraph 8 does not exist", false},
		{"check missing file", []string{"check", "no-such-report.yaml"}, exitInput, "", "no-such-report.yaml: no such file\n", false},
		{"build invalid", []string{"build", invalid, "-o", "OUT"}, exitInput, "", "paragraph 8 does not exist", false},
		{"build valid", []string{"build", layoutFixture, "-o", "OUT"}, exitOK, "wrote OUT/report.docx\nwrote OUT/report.pdf\n", "", true},
		{"preview an agenda", []string{"preview", agendaExample}, exitUsage, "", "paper: preview: " + agendaExample + " is an agenda (it lists items): assemble its packs with paper pack " + agendaExample + "\n", false},
		{"preview a case log", []string{"preview", caseLogExample}, exitUsage, "", "paper: preview: " + caseLogExample + " is a case log: name it under data: complaints: in a report.yaml", false},
		{"preview missing file", []string{"preview", "no-such-report.yaml"}, exitInput, "", "no-such-report.yaml: no such file\n", false},
		{"preview a folder", []string{"preview", "testdata"}, exitInput, "", "testdata: is not a regular file: it is a folder", false},
		{"preview with two files", []string{"preview", layoutFixture, layoutFixture}, exitUsage, "", "preview: expected one report.yaml, got 2 argument(s)", false},
		{"preview on no port", []string{"preview", layoutFixture, "--port", "70000"}, exitUsage, "", "--port: 70000 is not a port (0 to 65535; 0 picks a free one)", false},
		{"preview on a named port", []string{"preview", layoutFixture, "--port", "http"}, exitUsage, "", `invalid argument "http" for "--port"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			args := slices.Clone(tt.args)
			for i, a := range args {
				if a == "OUT" {
					args[i] = out
				}
			}
			code, stdout, stderr := runCLI(t, args...)
			stdout = strings.ReplaceAll(stdout, out, "OUT")
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, stderr)
			}
			for _, c := range []struct{ name, got, want string }{{"stdout", stdout, tt.stdout}, {"stderr", stderr, tt.stderr}} {
				if c.want == "" && c.got != "" {
					t.Errorf("%s: printed %q, want nothing", c.name, c.got)
				}
				if !strings.Contains(c.got, c.want) {
					t.Errorf("%s: %q lacks %q", c.name, c.got, c.want)
				}
			}
			if tt.code == exitUsage && !strings.Contains(stderr, "Run 'paper --help' for usage.") {
				t.Errorf("a usage error should point at --help: %q", stderr)
			}
			_, err := os.Stat(out)
			if exists := err == nil; exists != tt.wantOutDir {
				t.Errorf("output folder exists: %v, want %v", exists, tt.wantOutDir)
			}
		})
	}
}

// TestBuildNamesOutputsAfterTheDefinition checks the output names, the
// default output folder (beside the definition), -o and --format.
func TestBuildNamesOutputsAfterTheDefinition(t *testing.T) {
	def := copyFixture(t, "item-7-complaints.yaml")
	dir := filepath.Dir(def)

	code, stdout, stderr := runCLI(t, "build", def)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, want := files(t, dir), []string{"item-7-complaints.docx", "item-7-complaints.pdf", "item-7-complaints.yaml"}; !slices.Equal(got, want) {
		t.Errorf("beside the definition: %v, want %v", got, want)
	}
	want := fmt.Sprintf("wrote %s\nwrote %s\n", filepath.Join(dir, "item-7-complaints.docx"), filepath.Join(dir, "item-7-complaints.pdf"))
	if stdout != want {
		t.Errorf("stdout %q, want %q", stdout, want)
	}

	for _, tt := range []struct {
		format string
		want   []string
	}{
		{"pdf", []string{"item-7-complaints.pdf"}},
		{"docx", []string{"item-7-complaints.docx"}},
		{" DOCX , pdf ", []string{"item-7-complaints.docx", "item-7-complaints.pdf"}},
	} {
		out := filepath.Join(t.TempDir(), "nested", "out")
		if code, _, stderr := runCLI(t, "build", def, "-o", out, "--format", tt.format); code != exitOK {
			t.Fatalf("--format %q: exit %d: %s", tt.format, code, stderr)
		}
		if got := files(t, out); !slices.Equal(got, tt.want) {
			t.Errorf("--format %q wrote %v, want %v", tt.format, got, tt.want)
		}
	}

	// -o naming a file, not a folder: an input error, nothing written.
	notDir := filepath.Join(t.TempDir(), "out.pdf")
	os.WriteFile(notDir, []byte("keep"), 0o644)
	code, _, stderr = runCLI(t, "build", def, "-o", notDir)
	if code != exitInput || stderr != notDir+": is a file, not a folder: -o names the folder to write into\n" {
		t.Errorf("-o FILE: exit %d, stderr %q", code, stderr)
	}
	if b, _ := os.ReadFile(notDir); string(b) != "keep" {
		t.Errorf("-o FILE overwrote the file")
	}
}

// TestDraftFlag checks that --draft reaches the writers: the DOCX header
// carries Word's DRAFT watermark only with the flag. (report/pipeline reads
// every page of a draft PDF back.)
func TestDraftFlag(t *testing.T) {
	for _, draft := range []bool{true, false} {
		out := t.TempDir()
		args := []string{"build", layoutFixture, "-o", out, "--format", "docx"}
		if draft {
			args = append(args, "--draft")
		}
		if code, _, stderr := runCLI(t, args...); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		zr, err := zip.OpenReader(filepath.Join(out, "report.docx"))
		if err != nil {
			t.Fatal(err)
		}
		var header []byte
		for _, f := range zr.File {
			if f.Name == "word/header1.xml" {
				rc, _ := f.Open()
				header, _ = io.ReadAll(rc)
				rc.Close()
			}
		}
		zr.Close()
		if has := bytes.Contains(header, []byte(`string="DRAFT"`)); has != draft {
			t.Errorf("--draft=%v: watermark in the header: %v", draft, has)
		}
	}
}

// TestNewScaffoldsAPaperThatChecks scaffolds every template, checks and
// builds the result as written, and checks that new never overwrites.
func TestNewScaffoldsAPaperThatChecks(t *testing.T) {
	names := templates.Names()
	if !slices.Contains(names, "lgsco-annual-review") || !slices.Contains(names, "blank") {
		t.Fatalf("templates %v lack lgsco-annual-review or blank", names)
	}
	for _, name := range names {
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "drafts", "ombudsman-2026")
			code, stdout, stderr := runCLI(t, "new", name, dir)
			if code != exitOK {
				t.Fatalf("new: exit %d: %s", code, stderr)
			}
			def := filepath.Join(dir, "report.yaml")
			if !strings.Contains(stdout, "wrote "+def+"\n") || !strings.Contains(stdout, "paper check "+def) {
				t.Errorf("new printed %q", stdout)
			}
			code, stdout, stderr = runCLI(t, "check", def)
			if code != exitOK || stderr != "" || stdout != def+": OK\n" {
				t.Errorf("check of the scaffold: exit %d, stdout %q, stderr %q", code, stdout, stderr)
			}
			out := filepath.Join(dir, "out")
			if code, _, stderr := runCLI(t, "build", def, "-o", out); code != exitOK || stderr != "" {
				t.Errorf("build of the scaffold: exit %d, stderr %q", code, stderr)
			}

			// Never overwrite: an edited report.yaml survives a second
			// new, and a file removed since is not put back either.
			written := files(t, dir)
			if err := os.WriteFile(def, []byte("# edited\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			var removed string
			for _, f := range written {
				if f != "report.yaml" && f != "out" {
					removed = filepath.Join(dir, f)
					os.Remove(removed)
					break
				}
			}
			code, _, stderr = runCLI(t, "new", name, dir)
			exists := regexp.MustCompile(`^` + regexp.QuoteMeta(dir+string(filepath.Separator)) + `[\w.-]+ already exists; choose an empty folder\n$`)
			if code != exitInput || !exists.MatchString(stderr) {
				t.Errorf("second new: exit %d, stderr %q", code, stderr)
			}
			if b, _ := os.ReadFile(def); string(b) != "# edited\n" {
				t.Errorf("new overwrote report.yaml")
			}
			if removed != "" {
				if _, err := os.Stat(removed); err == nil {
					t.Errorf("a refused new still wrote %s", removed)
				}
			}
		})
	}
}

// TestLongPaperWarns checks the warning for a paper over ten pages: exit
// 0, the warning on standard error, from both check and build.
func TestLongPaperWarns(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "invalid", "folder.yaml", "report.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var sb strings.Builder
	sb.Write(src)
	sb.WriteString("sections:\n")
	for i := 1; i <= 12; i++ {
		fmt.Fprintf(&sb, "  - heading: Section %d\n    blocks:\n", i)
		for j := 0; j < 8; j++ {
			sb.WriteString("      - text: " + strings.Repeat("Complaints are answered within ten working days at stage 1. ", 8) + "\n")
		}
	}
	def := filepath.Join(t.TempDir(), "long.yaml")
	os.WriteFile(def, []byte(sb.String()), 0o644)
	warning := regexp.MustCompile(`^` + regexp.QuoteMeta(def) + `: warning: the paper runs to 1\d pages, more than 10; consider moving detail into appendices\n$`)

	code, stdout, stderr := runCLI(t, "check", def)
	if code != exitOK || !warning.MatchString(stderr) || stdout != def+": OK, with 1 warning\n" {
		t.Errorf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	code, _, stderr = runCLI(t, "build", def, "-o", t.TempDir(), "--format", "pdf")
	if code != exitOK || !warning.MatchString(stderr) {
		t.Errorf("build: exit %d, stderr %q", code, stderr)
	}
}

// TestHTMLOfAPartIIPaper checks that --format html (alone or in all)
// refuses an exempt paper, which is not for the website, with exit 1 and
// nothing written, unless --exempt-ok is given; and that all writes
// every format. The layout fixture is a Part II paper.
func TestHTMLOfAPartIIPaper(t *testing.T) {
	for _, tt := range []struct {
		args   []string
		code   int
		stdout string
	}{
		{[]string{"--format", "html"}, exitInput, ""},
		{[]string{"--format", "pdf,ALL"}, exitInput, ""},
		{[]string{"--format", "html", "--exempt-ok"}, exitOK, "wrote OUT/report.html\n"},
		{[]string{"--format", "all", "--exempt-ok"}, exitOK, "wrote OUT/report.docx\nwrote OUT/report.html\nwrote OUT/report.pdf\n"},
	} {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runCLI(t, append([]string{"build", layoutFixture, "-o", out}, tt.args...)...)
		stdout = strings.ReplaceAll(stdout, out, "OUT")
		if code != tt.code || stdout != tt.stdout {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want %d, %q", tt.args, code, stdout, stderr, tt.code, tt.stdout)
		}
		if tt.code == exitInput {
			if !strings.Contains(stderr, "report.yaml:12:7: part: a Part II (exempt) paper is not for the website, so --format html is refused; to write the page for members anyway, add --exempt-ok") {
				t.Errorf("%v: stderr %q does not say why html is refused", tt.args, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("%v: refused, but made %s", tt.args, out)
			}
		}
	}
}

// TestFormatFlag checks --format's edge cases: naming no format is a
// usage error (not "every format"), and a format named twice is written
// once.
func TestFormatFlag(t *testing.T) {
	for _, tt := range []struct {
		format string
		code   int
		stdout string
		stderr string
	}{
		{"", exitUsage, "", "paper: --format: no format given (known: pdf, docx, html, all)\nRun 'paper --help' for usage.\n"},
		{" , ", exitUsage, "", "paper: --format: no format given (known: pdf, docx, html, all)\nRun 'paper --help' for usage.\n"},
		{"pdf,pdf", exitOK, "wrote OUT/report.pdf\n", ""},
		{"PDF, docx ,pdf", exitOK, "wrote OUT/report.docx\nwrote OUT/report.pdf\n", ""},
	} {
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runCLI(t, "build", layoutFixture, "-o", out, "--format", tt.format)
		stdout = strings.ReplaceAll(stdout, out, "OUT")
		if code != tt.code || stdout != tt.stdout || stderr != tt.stderr {
			t.Errorf("--format %q: exit %d, stdout %q, stderr %q; want %d, %q, %q", tt.format, code, stdout, stderr, tt.code, tt.stdout, tt.stderr)
		}
		if tt.code != exitOK {
			if _, err := os.Stat(out); err == nil {
				t.Errorf("--format %q: wrote into %s", tt.format, out)
			}
		}
	}
}

// TestSourceDateEpoch checks that an invalid SOURCE_DATE_EPOCH stops
// build and pack with exit 2 and writes nothing, and that a valid one is
// the date in the PDF.
func TestSourceDateEpoch(t *testing.T) {
	agenda := meetingFixture(t, "agenda.yaml")
	for _, env := range []string{"soon", "-1", "1.7e9", "253402300800", "99999999999999999999"} {
		t.Setenv("SOURCE_DATE_EPOCH", env)
		for _, args := range [][]string{{"build", layoutFixture}, {"pack", agenda}} {
			out := filepath.Join(t.TempDir(), "out")
			code, stdout, stderr := runCLI(t, append(args, "-o", out)...)
			if code != exitUsage || stdout != "" || !strings.HasPrefix(stderr, fmt.Sprintf("paper: SOURCE_DATE_EPOCH=%q: ", env)) {
				t.Errorf("SOURCE_DATE_EPOCH=%q %s: exit %d, stdout %q, stderr %q", env, args[0], code, stdout, stderr)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("SOURCE_DATE_EPOCH=%q %s: wrote into %s", env, args[0], out)
			}
		}
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1700000000")
	out := t.TempDir()
	if code, _, stderr := runCLI(t, "build", layoutFixture, "-o", out, "--format", "pdf"); code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	pdf, _ := os.ReadFile(filepath.Join(out, "report.pdf"))
	if !bytes.Contains(pdf, []byte("/CreationDate (D:20231114221320")) {
		t.Errorf("the PDF does not carry SOURCE_DATE_EPOCH's date, 2023-11-14 22:13:20 UTC")
	}
}

// FuzzParseFormats checks --format on any text: either a usage error, or
// known formats, each once.
func FuzzParseFormats(f *testing.F) {
	for _, s := range []string{"", "pdf", "pdf,docx", " DOCX , pdf ", "pdf,pdf", ",", "odt", "pdf,,docx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseFormats(s, writers.Names())
		if err != nil {
			var ue usageError
			if !errors.As(err, &ue) || got != nil || !strings.HasPrefix(err.Error(), "--format: ") {
				t.Fatalf("%q: %v (%T), %v", s, err, err, got)
			}
			return
		}
		if len(got) == 0 {
			t.Fatalf("%q: no formats and no error", s)
		}
		for i, f := range got {
			if !slices.Contains(writers.Names(), f) || slices.Contains(got[:i], f) {
				t.Fatalf("%q: %v", s, got)
			}
		}
	})
}

// TestCheckDisclosure: check --disclosure prints, for the example's
// suppressed by-service table and chart, each withheld cell, why and each
// small count's audited range, and the verdict.
func TestCheckDisclosure(t *testing.T) {
	example := filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml")
	code, stdout, stderr := runCLI(t, "check", "--disclosure", example)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{
		"report.yaml:152:11: Table 4, Figure 4: stage1 2020/21 by service, counts from 1 to 4 suppressed",
		"withheld", "audited range",
		regexp.MustCompile(`Housing, Open +1 +small count +1 to \d+`).FindString(stdout),
		"protects Housing, Open",
		"rates withheld (*):",
		"every small count keeps at least 3 possible values: passed",
		"report.yaml: OK",
	} {
		if want == "" || !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	if code, _, stderr := runCLI(t, "check", "--disclosure", filepath.Join("..", "..", "examples", "meeting", "agenda.yaml")); code != 2 {
		t.Errorf("--disclosure on an agenda: exit %d, %s", code, stderr)
	}
}

// TestVersion: paper --version prints paper's version and the Go version
// on standard output and exits 0.
func TestVersion(t *testing.T) {
	for _, arg := range []string{"--version", "-v"} {
		code, stdout, stderr := runCLI(t, arg)
		if code != 0 || stderr != "" {
			t.Fatalf("%s: exit %d, stderr %q", arg, code, stderr)
		}
		if !strings.HasPrefix(stdout, "paper ") || !strings.Contains(stdout, "built with "+runtime.Version()) || strings.Count(stdout, "\n") != 1 {
			t.Errorf("%s printed %q", arg, stdout)
		}
	}
	version = "v9.8.7"
	defer func() { version = "" }()
	if _, stdout, _ := runCLI(t, "--version"); !strings.HasPrefix(stdout, "paper v9.8.7, built with go") {
		t.Errorf("with a release version: %q", stdout)
	}
}

// TestWrongKindOfFile: a command given another kind of input says what
// the file is and which command takes it (exit 2, nothing written), and
// check takes every kind.
func TestWrongKindOfFile(t *testing.T) {
	ex := filepath.Join("..", "..", "examples")
	report := filepath.Join(ex, "lgsco-annual-review", "report.yaml")
	agenda := filepath.Join(ex, "meeting", "agenda.yaml")
	letter := filepath.Join(ex, "lgsco-annual-review", "ombudsman.yaml")
	caseLog := filepath.Join(ex, "lgsco-annual-review", "complaints.csv")
	out := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"build", agenda, "-o", out}, "build: " + agenda + " is an agenda (it lists items): assemble its packs with paper pack " + agenda},
		{[]string{"pack", report, "-o", out}, "pack: " + report + " is a report definition, not an agenda: build the paper with paper build " + report},
		{[]string{"build", letter, "-o", out}, "build: " + letter + " is an Ombudsman letter (ombudsman.yaml): name it under data: ombudsman: in a report.yaml"},
		{[]string{"pack", caseLog, "-o", out}, "pack: " + caseLog + " is a case log: name it under data: complaints: in a report.yaml, check it with paper check " + caseLog},
		{[]string{"decision", agenda, "-o", out}, "decision: " + agenda + " is an agenda (it lists items): assemble its packs with paper pack " + agenda},
		{[]string{"decision", letter, "-o", out}, "decision: " + letter + " is an Ombudsman letter (ombudsman.yaml)"},
		{[]string{"decision", caseLog, "-o", out}, "decision: " + caseLog + " is a case log"},
	} {
		code, _, stderr := runCLI(t, tt.args...)
		if code != 2 || !strings.Contains(stderr, tt.want) {
			t.Errorf("paper %s: exit %d, stderr %q; want exit 2 and %q", strings.Join(tt.args, " "), code, stderr, tt.want)
		}
	}
	if entries, _ := os.ReadDir(out); len(entries) > 0 {
		t.Errorf("wrote %d files", len(entries))
	}
	for _, f := range []string{letter, caseLog} {
		if code, stdout, stderr := runCLI(t, "check", f); code != 0 || stdout != f+": OK\n" {
			t.Errorf("paper check %s: exit %d, %q %q", f, code, stdout, stderr)
		}
	}
	bad := filepath.Join(t.TempDir(), "complaints.csv")
	os.WriteFile(bad, []byte("Reference,Stage,Service,Received\nC1,Stage 9,Housing,2021-02-01\n"), 0o644)
	if code, _, stderr := runCLI(t, "check", bad); code != 1 || !strings.Contains(stderr, `complaints.csv:2: Stage: "Stage 9" is not a stage`) {
		t.Errorf("paper check of a bad case log: exit %d, %q", code, stderr)
	}
}

// TestNewHelpListsTemplates: each way of asking for paper new's help
// lists every template with the first line of its report.yaml, which the
// help reads only when it is shown.
func TestNewHelpListsTemplates(t *testing.T) {
	for _, args := range [][]string{{"new", "--help"}, {"new", "-h"}, {"help", "new"}} {
		code, stdout, stderr := runCLI(t, args...)
		if code != exitOK {
			t.Fatalf("paper %v: exit %d: %s", args, code, stderr)
		}
		if !strings.HasPrefix(stdout, "Scaffold a report.yaml from a template into DIR") {
			t.Errorf("paper %v: help starts %.60q", args, stdout)
		}
		for _, n := range templates.Names() {
			if line := fmt.Sprintf("  %-22s %s\n", n, templates.Describe(n)); !strings.Contains(stdout, line) || templates.Describe(n) == "" {
				t.Errorf("paper %v: no line %q in the help", args, line)
			}
		}
	}
}
