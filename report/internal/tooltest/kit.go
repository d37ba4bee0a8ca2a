package tooltest

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// ConvertToPDF converts documents (DOCX files) to PDF with one
// LibreOffice run into outDir, as an author's "Save as PDF" lays them out,
// and returns the PDFs' paths in the same order. The run has its own
// profile under outDir (two LibreOffice instances cannot share one, and a
// user's must not be touched), whose first start takes 10-20 s: it is
// allowed three minutes.
func ConvertToPDF(t testing.TB, outDir string, docs ...string) []string {
	t.Helper()
	soffice := Require(t, "soffice")
	args := []string{"-env:UserInstallation=file://" + filepath.Join(outDir, "lo-profile"), "--headless",
		"--convert-to", "pdf", "--outdir", outDir}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, append(args, docs...)...)
	cmd.Env = append(os.Environ(), "HOME="+outDir)
	msg, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("soffice: %v\n%s", err, msg)
	}
	pdfs := make([]string, len(docs))
	for i, d := range docs {
		pdfs[i] = filepath.Join(outDir, strings.TrimSuffix(filepath.Base(d), filepath.Ext(d))+".pdf")
		if _, err := os.Stat(pdfs[i]); err != nil {
			t.Fatalf("LibreOffice made no PDF of %s:\n%s", d, msg)
		}
	}
	return pdfs
}

// ZipParts returns the files of a zip archive (a DOCX, an XLSX) by name,
// failing the test when it is not one.
func ZipParts(t testing.TB, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip archive: %v", err)
	}
	parts := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		parts[f.Name] = b
	}
	return parts
}

// ZipFile is ZipParts of the file at path.
func ZipFile(t testing.TB, path string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return ZipParts(t, data)
}

// PDFPages returns the text of each page of the PDF at path, as
// pdftotext -layout reads it.
func PDFPages(t testing.TB, path string) []string {
	t.Helper()
	text := string(Run(t, "pdftotext", "-layout", path, "-"))
	return strings.Split(strings.TrimSuffix(text, "\f"), "\f")
}

// PageText returns the text of page p (from 1) of the PDF at path, as
// pdftotext -layout reads it.
func PageText(t testing.TB, path string, p int) string {
	t.Helper()
	return string(Run(t, "pdftotext", "-f", strconv.Itoa(p), "-l", strconv.Itoa(p), "-layout", path, "-"))
}
