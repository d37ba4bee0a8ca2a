// Package tooltest lets tests use real clients (pdftotext, qpdf, pandoc,
// LibreOffice) the way a user would: locally a missing tool skips the test
// with a message saying what to install; in CI (CI set in the environment)
// a missing tool fails the test, so CI can never go green by skipping.
package tooltest

import (
	"os"
	"os/exec"
	"testing"
)

// packages maps a command to the Debian package that provides it.
var packages = map[string]string{
	"pdftotext": "poppler-utils",
	"pdftoppm":  "poppler-utils",
	"pdfinfo":   "poppler-utils",
	"pdffonts":  "poppler-utils",
	"pdfimages": "poppler-utils",
	"qpdf":      "qpdf",
	"pandoc":    "pandoc",
	"soffice":   "libreoffice-writer-nogui",
	"mlr":       "miller",
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
