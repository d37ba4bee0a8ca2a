// Package tooltest holds what tests share: real clients (pdftotext, qpdf,
// pandoc, LibreOffice, the cpdf PDF/UA checker) run the way a user would,
// and helpers to read outputs back (a zip archive's parts, a PDF's page
// text, the CPU time used). Locally a missing tool skips the test with a
// message saying what to install; in CI (CI set in the environment) a
// missing tool fails the test, so CI can never go green by skipping.
package tooltest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// packages maps a command to the Debian package that provides it.
var packages = map[string]string{
	"pdftotext":    "poppler-utils",
	"pdftoppm":     "poppler-utils",
	"pdfinfo":      "poppler-utils",
	"pdffonts":     "poppler-utils",
	"pdfimages":    "poppler-utils",
	"qpdf":         "qpdf",
	"pandoc":       "pandoc",
	"soffice":      "libreoffice-writer-nogui",
	"mlr":          "miller",
	"xmllint":      "libxml2-utils",
	"chromium":     "chromium",
	"chromedriver": "chromium-driver",
}

// Require returns the path of command, skipping the test when it is
// missing locally and failing it when it is missing in CI.
func Require(t testing.TB, command string) string {
	t.Helper()
	path, err := exec.LookPath(command)
	if err == nil {
		return path
	}
	pkg := packages[command]
	if pkg == "" {
		pkg = command
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is required in CI but not installed (Debian package %s; .ci/run installs it)", command, pkg)
	}
	t.Skipf("skipping: %s not installed (apt-get install %s)", command, pkg)
	return ""
}

// Run runs command with args, failing the test with its output on error,
// and returns its standard output.
func Run(t testing.TB, command string, args ...string) []byte {
	t.Helper()
	path := Require(t, command)
	cmd := exec.Command(path, args...)
	var stderr []byte
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		stderr = ee.Stderr
	}
	if err != nil {
		t.Fatalf("%s %v: %v\n%s%s", command, args, err, out, stderr)
	}
	return out
}

// Axe is the axe-core accessibility checker's command line, run in
// headless Chromium through Debian's chromedriver.
type Axe struct{ CLI, Chromium, Chromedriver string }

// RequireAxe returns the axe-core command line that .ci/run installs with
// npm into .ci/axe of the repository, and the Chromium and chromedriver
// it drives. Locally a missing one skips the test; in CI it fails it.
func RequireAxe(t testing.TB) Axe {
	t.Helper()
	chromium := Require(t, "chromium")
	driver := Require(t, "chromedriver")
	if root := repoRoot(); root != "" {
		cli := filepath.Join(root, ".ci", "axe", "node_modules", ".bin", "axe")
		if _, err := os.Stat(cli); err == nil {
			return Axe{CLI: cli, Chromium: chromium, Chromedriver: driver}
		}
	}
	const install = "cd .ci/axe && PUPPETEER_SKIP_DOWNLOAD=1 CHROMEDRIVER_SKIP_DOWNLOAD=true npm install --prefix . axe-core @axe-core/cli"
	if os.Getenv("CI") != "" {
		t.Fatalf("the axe-core command line is required in CI but not in .ci/axe (.ci/run installs it: %s)", install)
	}
	t.Skipf("skipping: the axe-core command line is not installed in .ci/axe (%s)", install)
	return Axe{}
}

// AxeTags are the axe-core rules of WCAG 2.0, 2.1 and 2.2 at levels A
// and AA (WCAG 2.2 adds no level A rule to axe's).
const AxeTags = "wcag2a,wcag2aa,wcag21a,wcag21aa,wcag22aa"

// Check runs axe-core in headless Chromium over the HTML files at paths
// (absolute) with the rules of AxeTags, and reports each violation, and
// each page on which axe passed too few rules to have loaded it, as an
// error of t.
func (a Axe) Check(t testing.TB, paths ...string) {
	t.Helper()
	home := t.TempDir()
	var urls []string
	for _, p := range paths {
		urls = append(urls, "file://"+p)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	args := append(urls, "--tags", AxeTags, "--stdout",
		"--chrome-path", a.Chromium, "--chromedriver-path", a.Chromedriver,
		// Chromium's sandbox needs user namespaces, which CI's
		// containers (running as root) do not give it.
		"--chrome-options=headless,no-sandbox,disable-gpu,disable-dev-shm-usage")
	cmd := exec.CommandContext(ctx, a.CLI, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("axe: %v\n%s%s", err, out, msg)
	}
	var results []struct {
		URL        string `json:"url"`
		Violations []struct {
			ID, Help string
			Nodes    []struct {
				Target []any `json:"target"`
			} `json:"nodes"`
		} `json:"violations"`
		Passes []struct{ ID string } `json:"passes"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("axe's report is not JSON: %v\n%.500s", err, out)
	}
	if len(results) != len(urls) {
		t.Fatalf("axe checked %d pages, want %d", len(results), len(urls))
	}
	for _, r := range results {
		if len(r.Passes) < 10 {
			t.Errorf("%s: axe passed only %d rules: did the page load?", r.URL, len(r.Passes))
		}
		for _, v := range r.Violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			t.Errorf("%s: %s (%s) at %s", filepath.Base(r.URL), v.ID, v.Help, strings.Join(where, ", "))
		}
	}
}

// repoRoot is the folder holding go.mod above the working directory, or
// "".
func repoRoot() string {
	dir, err := os.Getwd()
	if err != nil {
		return ""
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// Cpdf returns the path of the cpdf PDF/UA checker: cpdf on PATH, else
// ../shared/tools/cpdf beside the repository (where CI puts it). Locally
// a missing checker skips the test; in CI it fails it.
func Cpdf(t testing.TB) string {
	t.Helper()
	if path, err := exec.LookPath("cpdf"); err == nil {
		return path
	}
	if dir, err := os.Getwd(); err == nil {
		for {
			if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
				p := filepath.Join(dir, "..", "shared", "tools", "cpdf")
				if _, err := os.Stat(p); err == nil {
					return p
				}
				break
			}
			parent := filepath.Dir(dir)
			if parent == dir {
				break
			}
			dir = parent
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("cpdf is required in CI but not found on PATH or at ../shared/tools/cpdf")
	}
	t.Skip("skipping: cpdf (the PDF/UA checker) not on PATH or at ../shared/tools/cpdf")
	return ""
}

// Matterhorn runs cpdf's PDF/UA-1 Matterhorn check on the PDF at path and
// returns its findings, one failed checkpoint a line: empty when the file
// passes.
func Matterhorn(t testing.TB, path string) string {
	t.Helper()
	out, err := exec.Command(Cpdf(t), "-verify", "PDF/UA-1(matterhorn)", path).CombinedOutput()
	if err != nil {
		t.Fatalf("cpdf -verify %s: %v\n%s", path, err, out)
	}
	return strings.TrimSpace(string(out))
}
