package html_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// TestPrint prints the example's page with headless Chromium, as a
// reader's "Print" would, and reads the PDF back: A4 pages, the web
// links' addresses printed after them, the charts' figures printed
// though closed on screen, the skip link and the figures' "show" not
// printed.
func TestPrint(t *testing.T) {
	chromium := tooltest.Require(t, "chromium")
	tooltest.Require(t, "pdfinfo")
	dir := t.TempDir()
	page := filepath.Join(dir, "report.html")
	if err := os.WriteFile(page, write(t, exampleDoc(t, false)), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(dir, "report.pdf")
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--no-pdf-header-footer", "--print-to-pdf="+pdf, "file://"+page)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("chromium: %v\n%s", err, msg)
	}
	info := string(tooltest.Run(t, "pdfinfo", pdf))
	if !strings.Contains(info, "(A4)") {
		t.Errorf("pages are not A4:\n%s", info)
	}
	text := strings.Join(strings.Fields(string(tooltest.Run(t, "pdftotext", pdf, "-"))), " ")
	for _, want := range []string{
		// pdftotext joins a hyphen a line broke at, so the address is
		// checked up to its first line's end.
		"Ombudsman's review of local government complaints 2020/21 (https://www.lgo.org.uk/",
		"(mailto:complaints@kingsbridge.example)",
		// The table of the figures, after the chart's caption.
		"Figure 1: Ombudsman enquiries and the share answered on time Year",
	} {
		if !strings.Contains(text, strings.Join(strings.Fields(want), " ")) {
			t.Errorf("the printed page lacks %q", want)
		}
	}
	for _, unwanted := range []string{"Skip to main content", "Show the figures in this chart"} {
		if strings.Contains(text, unwanted) {
			t.Errorf("the printed page prints %q", unwanted)
		}
	}
}
