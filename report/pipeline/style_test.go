package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// exampleReport is the example paper, with data, charts and appendices.
const exampleReport = "../../examples/lgsco-annual-review/report.yaml"

// layoutFixture is a paper with every part of the front sheet and no data.
const layoutFixture = "../../fixtures/layout/report.yaml"

// build builds the paper at path with opts and fails the test on error.
func build(t *testing.T, path string, opts Options) {
	t.Helper()
	if _, err := Build(path, opts); err != nil {
		t.Fatalf("building %s: %v", path, err)
	}
}

// HouseStyle writes a style file with a logo into a fresh folder and
// returns its path.
func houseStyle(t *testing.T, text string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), doctest.LogoPNG(), 0o644); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "house.yaml")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestShippedStylesBuildTheExample builds the example paper in every
// format in each shipped style, and checks that each style's front sheet
// reads as it should in the PDF's text.
func TestShippedStylesBuildTheExample(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	for _, c := range []struct {
		style string
		// rows are the facts table's first labels, in order.
		rows     []string
		headings []string
	}{
		{"default", []string{"Date of meeting:", "Title of Report:", "Lead Member:", "Lead Strategic Director:"}, []string{"Purpose of Report", "Recommendations and Reasons"}},
		{"cabinet", []string{"Report to:", "Date:", "Report of:", "Subject:", "Wards affected:", "Key decision:", "Exempt information:", "Reasons for decision:"}, []string{"Purpose of the report", "Recommendations"}},
		{"heritage", []string{"Date of meeting:", "Title of Report:"}, []string{"Purpose of the Report", "Recommendations and Reasons for Them"}},
	} {
		t.Run(c.style, func(t *testing.T) {
			out := t.TempDir()
			build(t, exampleReport, Options{Style: c.style, Formats: []string{"pdf", "docx", "html"}, OutDir: out})
			for _, ext := range []string{".pdf", ".docx", ".html"} {
				if fi, err := os.Stat(filepath.Join(out, "report"+ext)); err != nil || fi.Size() == 0 {
					t.Errorf("report%s not written: %v", ext, err)
				}
			}
			page := tooltest.PageText(t, filepath.Join(out, "report.pdf"), 1)
			inOrder(t, page, append(c.rows, c.headings...))
		})
	}
}

// inOrder checks that the words appear in text, each on a line of its
// own start (after the table's indent), in the order given.
func inOrder(t *testing.T, text string, words []string) {
	t.Helper()
	at := 0
	for _, w := range words {
		re := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(w))
		loc := re.FindStringIndex(text[at:])
		if loc == nil {
			t.Errorf("%q not found after the text before it; page:\n%s", w, text)
			return
		}
		at += loc[1]
	}
}

// TestStyleKeyInTheReport names a style file relative to report.yaml,
// which relabels and reorders the facts table, renames a heading,
// reorders the sign-off table and adds the report's own facts; --style
// on the command line overrides it.
func TestStyleKeyInTheReport(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	dir := t.TempDir()
	report := filepath.Join(dir, "report.yaml")
	if err := os.MkdirAll(filepath.Join(dir, "house"), 0o755); err != nil {
		t.Fatal(err)
	}
	style := `name: Kingsbridge City Council
labels: {lead_director: Responsible Director, key_decision: "Key decision?", legal: Legal}
headings: {purpose: Why this report}
front_sheet: [title, key_decision, facts, lead_director, meeting_date]
sign_off: [legal, finance, date_approved]
`
	if err := os.WriteFile(filepath.Join(dir, "house", "k.yaml"), []byte(style), 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := os.ReadFile(layoutFixture)
	if err != nil {
		t.Fatal(err)
	}
	src = append(src, []byte("style: house/k.yaml\nfacts:\n  - {label: Wards affected, value: All wards}\n")...)
	if err := os.WriteFile(report, src, 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	build(t, report, Options{OutDir: out})
	text := strings.Join(tooltest.PDFPages(t, filepath.Join(out, "report.pdf")), "\f")
	inOrder(t, text, []string{"Title of Report:", "Key decision?", "Wards affected:", "Responsible Director:", "Date of meeting:", "Why this report"})
	if strings.Contains(text, "Lead Member:") || strings.Contains(text, "Purpose of Report") {
		t.Error("a row the style leaves out, or a heading it renames, is still printed")
	}
	i := strings.Index(text, "Sign off")
	if i < 0 {
		t.Fatal("no sign-off table")
	}
	inOrder(t, text[i:], []string{"Legal", "Date approved:"})
	if strings.Contains(text[i:], "Mon Off") || strings.Contains(text[i:], "Originating Senior") {
		t.Error("the sign-off table prints rows the style leaves out")
	}

	// --style overrides the report's key.
	out2 := t.TempDir()
	build(t, report, Options{Style: "cabinet", OutDir: out2})
	inOrder(t, tooltest.PageText(t, filepath.Join(out2, "report.pdf"), 1), []string{"Report to:", "Date:", "Report of:"})
}

// TestLogo: a style's logo is on page 1 of the paper only, with its
// alternative text in every format.
func TestLogo(t *testing.T) {
	tooltest.Require(t, "pdfimages")
	style := houseStyle(t, "name: Kingsbridge City Council\nlogo: logo.png\nlogo_alt: Kingsbridge City Council crest\n")
	out := t.TempDir()
	build(t, exampleReport, Options{Style: style, Formats: []string{"pdf", "docx", "html"}, OutDir: out})
	if got := imagePages(t, filepath.Join(out, "report.pdf")); got != "1" {
		t.Errorf("pdfimages finds pictures on pages %q of the paper, want the logo on page 1 only", got)
	}
	parts := tooltest.ZipFile(t, filepath.Join(out, "report.docx"))
	if _, ok := parts["word/media/image1.png"]; !ok {
		t.Error("the DOCX has no word/media/image1.png")
	}
	if !bytes.Contains(parts["word/document.xml"], []byte(`name="Logo" descr="Kingsbridge City Council crest"`)) {
		t.Error("the DOCX's logo has no descr")
	}
	md := strings.Join(strings.Fields(string(tooltest.Run(t, "pandoc", filepath.Join(out, "report.docx"), "-t", "markdown"))), " ")
	if !strings.HasPrefix(md, "![Kingsbridge City Council crest](media/image1.png)") {
		t.Errorf("pandoc does not read the logo, with its alt, first in the DOCX: %.120s", md)
	}
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	if !regexp.MustCompile(`<img src="data:image/png;base64,[A-Za-z0-9+/=]+" alt="Kingsbridge City Council crest"`).Match(html) {
		t.Error("the HTML has no img of the logo with its alt")
	}

}

// imagePages lists the pages pdfimages -list finds pictures on.
func imagePages(t *testing.T, pdf string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(string(tooltest.Run(t, "pdfimages", "-list", pdf))), "\n")
	var pages []string
	for _, l := range lines[2:] {
		pages = append(pages, strings.Fields(l)[0])
	}
	return strings.Join(pages, ",")
}

// TestRatesDecimals: a style's rates.decimals is the paper's precision
// for rates in tables and chart labels; text that fixes its own
// (percent 0) keeps it, and scale ticks stay whole percentages.
func TestRatesDecimals(t *testing.T) {
	style := houseStyle(t, "name: One decimal\nrates: {decimals: 1}\n")
	out := t.TempDir()
	build(t, exampleReport, Options{Style: style, OutDir: out, Formats: []string{"pdf"}})
	text := strings.Join(strings.Fields(string(tooltest.Run(t, "pdftotext", filepath.Join(out, "report.pdf"), "-"))), " ")
	for _, want := range []string{
		"Number On time Number On time Number On time 47 34.0% 36 52.8% 39 69.4%", // Table 1
		"16.5% escalated to the Ombudsman",                                        // the funnel chart's label
		"rose from 34% to 69%",                                                    // percent 0 in the text
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF's text lacks %q", want)
		}
	}
	if strings.Contains(text, "20.0%") || !strings.Contains(text, "20%") {
		t.Error("a scale's ticks are not whole percentages")
	}
}

// TestStyleColours: the heritage style's text, muted, accent, link and
// table header colours are in every writer's output: the PDF's content
// streams (as qpdf decompresses them), the DOCX's styles and the page's
// style sheet.
func TestStyleColours(t *testing.T) {
	out := t.TempDir()
	build(t, exampleReport, Options{Style: "heritage", OutDir: out, Formats: []string{"pdf", "docx", "html"}})
	qdf := filepath.Join(out, "qdf.pdf")
	tooltest.Run(t, "qpdf", "--qdf", "--object-streams=disable", filepath.Join(out, "report.pdf"), qdf)
	pdf, err := os.ReadFile(qdf)
	if err != nil {
		t.Fatal(err)
	}
	for what, op := range map[string]string{
		"text #1B1B1B": "0.106 g", "muted #4A4A4A": "0.290 g", "accent #5B2A6E": "0.357 0.165 0.431 rg",
		"link #1F4E79": "0.122 0.306 0.475 rg", "table header #EDE4F0": "0.929 0.894 0.941 rg",
	} {
		if !regexp.MustCompile(`(^|\s)` + regexp.QuoteMeta(op) + `\s`).Match(pdf) {
			t.Errorf("the PDF draws nothing in the %s (%q)", what, op)
		}
	}
	styles := tooltest.ZipFile(t, filepath.Join(out, "report.docx"))["word/styles.xml"]
	html, _ := os.ReadFile(filepath.Join(out, "report.html"))
	for _, c := range []string{"1B1B1B", "4A4A4A", "5B2A6E", "1F4E79", "EDE4F0"} {
		if !bytes.Contains(styles, []byte(`w:val="`+c+`"`)) && !bytes.Contains(styles, []byte(`w:fill="`+c+`"`)) {
			t.Errorf("the DOCX's styles do not use #%s", c)
		}
		if !bytes.Contains(html, []byte("#"+strings.ToLower(c))) {
			t.Errorf("the page's style sheet does not use #%s", c)
		}
	}
}
