package pdfgen

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
)

func TestPagesReadBack(t *testing.T) {
	f, pages := NewPages("", Page{Content: Text(72, 700, 12, "First (page)")}, Page{Content: Text(72, 700, 12, "Second page")})
	if len(pages) != 2 {
		t.Fatalf("got %d page numbers, want 2", len(pages))
	}
	f.Info = f.Add("<< /Title (pdfgen test) >>")
	path := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(path, f.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	tooltest.Run(t, "qpdf", "--check", path)
	text := string(tooltest.Run(t, "pdftotext", "-layout", path, "-"))
	for _, want := range []string{"First (page)", "Second page"} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext: missing %q in %q", want, text)
		}
	}
	if got := strings.Count(text, "\f"); got != 2 {
		t.Errorf("pdftotext: %d pages, want 2", got)
	}
}

func TestFlateStream(t *testing.T) {
	f, _ := NewPages("")
	n := f.FlateStream("/Type /XObject", bytes.Repeat([]byte("x"), 1000))
	body := f.objs[n-1]
	if !strings.Contains(body, "/Filter /FlateDecode") || len(body) > 200 {
		t.Errorf("flate stream body %q: want a short compressed stream", body)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	os.WriteFile(path, f.Bytes(), 0o644)
	tooltest.Require(t, "qpdf")
	if out, err := exec.Command("qpdf", "--check", path).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
}
