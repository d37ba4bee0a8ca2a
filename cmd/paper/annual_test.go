package main

import (
	"archive/zip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestComplaintsAnnualReportTemplate scaffolds the annual complaints
// report, checks it (no problem, no warning: it fits in ten pages) and
// builds it in every format: the PDF's text (pdftotext), the DOCX's
// document part and the web page hold its Code timescales, refused
// complaints, Housing Ombudsman table and rates, heat map, case
// summaries, you said we did table and both self-assessments. Its self-assessment
// checks on its own, and build and pack say what it is.
func TestComplaintsAnnualReportTemplate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "annual")
	if code, _, stderr := runCLI(t, "new", "complaints-annual-report", dir); code != exitOK {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	def := filepath.Join(dir, "report.yaml")
	if code, stdout, stderr := runCLI(t, "check", def); code != exitOK || stderr != "" || stdout != def+": OK\n" {
		t.Fatalf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "build", def, "-o", out, "--format", "all"); code != exitOK || stderr != "" {
		t.Fatalf("build --format all: exit %d, stderr %q", code, stderr)
	}
	want := []string{
		"Figure 1: Stage 1 complaints received by service and month",
		"Case 1 – Housing Repairs", "What we changed:", "Decided by the Housing Ombudsman, reference 202512345.",
		"You said, we did in 2025/26",
		"Self-assessment against the Housing Ombudsman's Complaint Handling Code",
		"Self-assessment against the Local Government and Social Care Ombudsman's Complaint Handling Code",
		"Scrutiny and oversight: continuous learning and improvement", "Due: 18 December 2026",
		"Statement of the Member Responsible for Complaints",
		// The Code timescales, counted from the acknowledgement (the
		// figures an independent count of complaints.csv gives).
		"Table 1: Performance against the Codes' timescales",
		"acknowledged 94% of them within five working days. It answered 92% within 10 working days of the acknowledgement.",
		"The council refused 33 stage 1 and 2 stage 2 complaints",
		// The Housing Ombudsman beside the LGSCO.
		"The Housing Ombudsman's determinations on the council's homes",
		"50.4 stage 1 and 3.1 stage 2 complaints per 1,000 homes in 2025/26",
		"Its maladministration rate was 50% (50% in 2024/25): the share of the determinations with a finding (all but those outside its jurisdiction or withdrawn) that found severe maladministration, maladministration or partial maladministration.",
		"£3,475.00",
	}
	pdf := pdfText(t, filepath.Join(out, "report.pdf"))
	page, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	web := strings.ReplaceAll(string(page), "&#39;", "'")
	docx := docxText(t, filepath.Join(out, "report.docx"))
	for _, w := range want {
		for name, text := range map[string]string{"PDF": pdf, "web page": web, "DOCX": docx} {
			if name == "PDF" && pdf == "" {
				continue // no pdftotext here: pdfText said so
			}
			if !strings.Contains(text, w) {
				t.Errorf("the %s lacks %q", name, w)
			}
		}
	}
	// The Housing Ombudsman table's comparator and average columns, and
	// its rows (the PDF's text keeps a row on one line).
	for name, text := range map[string]string{"web page": web, "DOCX": docx, "PDF": pdf} {
		want := []string{"Landlord-type average", "Harwick District Council", "Stanmere Borough Council"}
		if name == "PDF" {
			if pdf == "" {
				continue
			}
			want = []string{"Determinations with a finding 8", "Stage 1 complaints per 1,000 homes 50.4", "Compliance rate 92% 90% 100% 81%"}
		}
		for _, w := range want {
			if !strings.Contains(text, w) {
				t.Errorf("the %s's Housing Ombudsman table lacks %q", name, w)
			}
		}
	}
	if !strings.Contains(web, "Heat map: stage 1 complaints received by service and month, 2025/26") {
		t.Error("the web page's heat map has no description")
	}

	sa := filepath.Join(dir, "self-assessment.yaml")
	if code, stdout, stderr := runCLI(t, "check", sa); code != exitOK || stdout != sa+": OK\n" || stderr != "" {
		t.Errorf("check self-assessment.yaml: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	for _, cmd := range []string{"build", "pack"} {
		code, _, stderr := runCLI(t, cmd, sa)
		if code != exitUsage || !strings.Contains(stderr, "is a self-assessment against the Complaint Handling Codes: name it under data: self_assessment:") {
			t.Errorf("%s self-assessment.yaml: exit %d, stderr %q", cmd, code, stderr)
		}
	}
}

// docxText is the text of a DOCX's document part, its runs joined.
func docxText(t *testing.T, path string) string {
	t.Helper()
	z, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	for _, f := range z.File {
		if f.Name != "word/document.xml" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		var text strings.Builder
		for _, part := range strings.Split(string(b), "<w:t") {
			if i := strings.Index(part, ">"); i >= 0 {
				if j := strings.Index(part[i:], "</w:t>"); j >= 0 {
					text.WriteString(part[i+1 : i+j])
				}
			}
		}
		return strings.ReplaceAll(strings.ReplaceAll(text.String(), "&#39;", "'"), "&apos;", "'")
	}
	t.Fatal("no word/document.xml")
	return ""
}

// pdfText is the text pdftotext reads from the PDF at path, its spacing
// folded; "" (with a note) when pdftotext is missing locally, a failure
// when it is missing in CI, as report/internal/tooltest does for the
// packages it may serve.
func pdfText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is required in CI but not installed (Debian package poppler-utils)")
		}
		t.Log("pdftotext not installed (apt-get install poppler-utils): the PDF's text is not checked")
		return ""
	}
	out, err := exec.Command(bin, "-layout", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", path, err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}
