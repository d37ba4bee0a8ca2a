package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// TestExemptBackgroundPaperHasNoAddress builds a Part I paper, which is
// published, with a public and an exempt background paper: the PDF (its
// text, and its bytes decompressed by qpdf) and every part of the DOCX
// show the exempt one's title and exemption but hold its address
// nowhere, while the public one keeps its address and link.
func TestExemptBackgroundPaperHasNoAddress(t *testing.T) {
	const public = "https://www.lgo.org.uk/complaint-handling-code"
	const private = "https://intranet.kingsbridge.example/legal/QZPRIVATEQZ-settlement.pdf"
	dir := t.TempDir()
	def := filepath.Join(dir, "report.yaml")
	src := `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2026-12-14
title: Complaints report
author: Tobias Wrenfield
purpose: To report.
recommendations: {items: [Note the report.]}
background_papers:
  - {title: Complaint handling code, url: "` + public + `"}
  - {title: Legal advice on the settlement, url: "` + private + `", exempt_paragraphs: [5]}
`
	if err := os.WriteFile(def, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	buildTo(t, def, dir, Options{})

	text := squash(strings.Join(tooltest.PDFPages(t, filepath.Join(dir, "report.pdf")), " "))
	for _, want := range []string{"Legal advice on the settlement", "Exempt: paragraph 5 of Part 1 of Schedule 12A", public} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	qdf := filepath.Join(dir, "qdf.pdf")
	tooltest.Run(t, "qpdf", "--qdf", "--object-streams=disable", "--decode-level=all", filepath.Join(dir, "report.pdf"), qdf)
	pdfBytes, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(pdfBytes, []byte("/URI ("+public+")")) {
		t.Error("the PDF lost the public background paper's link")
	}
	for _, marker := range []string{"QZPRIVATEQZ", "intranet.kingsbridge.example"} {
		if bytes.Contains(pdfBytes, []byte(marker)) || strings.Contains(text, marker) {
			t.Errorf("the PDF holds the exempt background paper's address (%s)", marker)
		}
	}

	var all []byte
	for name, b := range tooltest.ZipFile(t, filepath.Join(dir, "report.docx")) {
		if bytes.Contains(b, []byte("intranet.kingsbridge.example")) {
			t.Errorf("the DOCX's %s holds the exempt background paper's address", name)
		}
		all = append(all, b...)
	}
	for _, want := range []string{public, "Exempt: paragraph 5 of Part 1 of Schedule 12A"} {
		if !bytes.Contains(all, []byte(want)) {
			t.Errorf("the DOCX lacks %q", want)
		}
	}
}
