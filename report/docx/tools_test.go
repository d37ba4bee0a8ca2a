package docx

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// convertToPDF writes each document as name.docx and converts them all
// with one LibreOffice run, the way an author's "Save as PDF" would lay
// them out. Each run has its own profile: LibreOffice cannot run two
// instances on one. It returns the PDF paths by name.
func convertToPDF(t *testing.T, docs map[string]*doc.Document) map[string]string {
	t.Helper()
	tooltest.Require(t, "soffice")
	dir := t.TempDir()
	var names, paths []string
	for name, d := range docs {
		path := filepath.Join(dir, name+".docx")
		if err := os.WriteFile(path, write(t, d), 0o644); err != nil {
			t.Fatal(err)
		}
		names, paths = append(names, name), append(paths, path)
	}
	out := map[string]string{}
	for i, pdf := range tooltest.ConvertToPDF(t, dir, paths...) {
		out[names[i]] = pdf
	}
	return out
}

// pdfText returns the layout text of pages first..last (0 = to the end).
func pdfText(t *testing.T, pdf string, first, last int) string {
	t.Helper()
	args := []string{"-layout", "-f", strconv.Itoa(first)}
	if last > 0 {
		args = append(args, "-l", strconv.Itoa(last))
	}
	return string(tooltest.Run(t, "pdftotext", append(args, pdf, "-")...))
}

func pdfPages(t *testing.T, pdf string) int {
	t.Helper()
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(string(tooltest.Run(t, "pdfinfo", pdf)))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// literalDoc's labels break the counting rule, so they are text.
func literalDoc() *doc.Document {
	return newDoc(
		&doc.Heading{Level: 1, Number: "4", Text: "Finance"},
		&doc.NumberedParagraph{Label: "4.1", Blocks: []doc.Block{para("Costs are within budget.")}},
		&doc.NumberedParagraph{Label: "4.7", Blocks: []doc.Block{para("Savings are on track.")}},
	)
}

// watermarkDoc is a nearly empty page, so anything drawn in the middle
// of it is the watermark.
func watermarkDoc(draft bool) *doc.Document {
	d := newDoc(para("Short."))
	if draft {
		d.Page.Draft = "DRAFT"
	}
	return d
}

func TestLibreOfficeRendersTheDocument(t *testing.T) {
	pdfs := convertToPDF(t, map[string]*doc.Document{
		"sample":   doctest.Sample(),
		"literal":  literalDoc(),
		"draft":    watermarkDoc(true),
		"final":    watermarkDoc(false),
		"exempted": draftSample(),
		"widths":   widthsDoc(),
	})

	t.Run("table words printed whole", func(t *testing.T) { checkWordsWhole(t, pdfs["widths"]) })

	t.Run("text, numbering and page numbers", func(t *testing.T) {
		pdf := pdfs["sample"]
		pages := pdfPages(t, pdf)
		all := pdfText(t, pdf, 1, 0)
		for _, want := range []string{
			"Kingsbridge City Council", "Audit and Governance Committee", "Date of meeting:", "14 December 2026",
			"Purpose of Report", "£1,250 – with café ŵ", "Table 1: Ombudsman enquiries answered on time",
			"Figure 1: Ombudsman enquiries by year", "Month 80", "There are no equalities implications.",
		} {
			if !strings.Contains(all, want) {
				t.Errorf("PDF text lacks %q", want)
			}
		}
		// Word's automatic numbers, as LibreOffice lays them out, are the
		// tree's labels: the recommendations 1-3, sections 1-3 and the
		// paragraphs under each.
		for _, re := range []string{
			`(?m)^\s*1\.\s+Note the Ombudsman’s figures`, `(?m)^\s*3\.\s+Ask for a further report`,
			`(?m)^\s*1\.\s+Executive Summary`, `(?m)^\s*2\.\s+Details of the Report`, `(?m)^\s*3\.\s+Equalities Implications`,
			`(?m)^\s*1\.1\s+The Ombudsman investigates`, `(?m)^\s*1\.2\s+This report covers`,
			`(?m)^\s*2\.1\s+The table below`, `(?m)^\s*2\.2\s+Complaints by service`, `(?m)^\s*2\.30\s+Filler`,
			`(?m)^\s*3\.1\s+There are no equalities`, `(?m)^\s*a\.\s+upheld decisions`,
		} {
			if !regexp.MustCompile(re).MatchString(all) {
				t.Errorf("PDF text does not match %s", re)
			}
		}
		// Unnumbered headings took no number.
		if regexp.MustCompile(`\d\.\s+Purpose of Report`).MatchString(all) {
			t.Error("unnumbered heading printed with a number")
		}
		for p := 1; p <= pages; p++ {
			text := pdfText(t, pdf, p, p)
			if want := "Page " + strconv.Itoa(p) + " of " + strconv.Itoa(pages); !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q", p, want)
			}
			if n := strings.Count(text, "OFFICIAL"); n != 2 {
				t.Errorf("page %d shows the marking %d times, want header and footer", p, n)
			}
			// The running title is the header's second line from page 2.
			var lines []string
			for _, l := range strings.Split(text, "\n") {
				if l = strings.TrimSpace(l); l != "" {
					lines = append(lines, l)
				}
			}
			running := len(lines) > 1 && lines[1] == "Analysis of the Ombudsman’s Annual Review Letter 2025/26"
			if running != (p > 1) {
				t.Errorf("page %d: running title shown = %v", p, running)
			}
		}
		// The long table's header row repeats on the pages it crosses.
		repeated := 0
		for p := 1; p <= pages; p++ {
			if regexp.MustCompile(`(?m)^\s*Month\s+Received\s+On time`).MatchString(pdfText(t, pdf, p, p)) {
				repeated++
			}
		}
		if repeated < 2 {
			t.Errorf("table header on %d pages, want it repeated", repeated)
		}
	})

	t.Run("the picture survives", func(t *testing.T) {
		list := string(tooltest.Run(t, "pdfimages", "-list", pdfs["sample"]))
		var widths []int
		for _, line := range strings.Split(list, "\n") {
			f := strings.Fields(line)
			if len(f) > 4 && f[2] == "image" {
				w, _ := strconv.Atoi(f[3])
				widths = append(widths, w)
			}
		}
		// The sample's figure is an SVG picture: LibreOffice shows its PNG.
		if len(widths) != 1 || widths[0] < fallbackPixels {
			t.Errorf("images in the PDF %v, want one at least %d px wide:\n%s", widths, fallbackPixels, list)
		}
	})

	t.Run("literal labels print once", func(t *testing.T) {
		text := pdfText(t, pdfs["literal"], 1, 0)
		for _, re := range []string{`(?m)^\s*4\.\s+Finance`, `(?m)^\s*4\.1\s+Costs are within budget`, `(?m)^\s*4\.7\s+Savings are on track`} {
			if !regexp.MustCompile(re).MatchString(text) {
				t.Errorf("PDF text does not match %s:\n%s", re, text)
			}
		}
		if strings.Contains(text, "1.1") || strings.Contains(text, "4.7 4.7") {
			t.Errorf("automatic numbers next to literal labels:\n%s", text)
		}
	})

	t.Run("page furniture of an exempt draft", func(t *testing.T) {
		pdf := pdfs["exempted"]
		first := pdfText(t, pdf, 1, 1)
		for _, want := range []string{"DRAFT", "NOT FOR PUBLICATION", "Page 5 of"} {
			if !strings.Contains(first, want) {
				t.Errorf("page 1 lacks %q", want)
			}
		}
	})

	t.Run("draft watermark is drawn", func(t *testing.T) {
		draft, final := middleInk(t, pdfs["draft"]), middleInk(t, pdfs["final"])
		if final != 0 {
			t.Errorf("final paper: %d grey pixels mid-page, want none", final)
		}
		if draft < 200 {
			t.Errorf("draft: %d grey pixels mid-page, want the DRAFT watermark", draft)
		}
	})
}

// middleInk renders page 1 and counts the non-white pixels in the middle
// third of the page, where the watermark sits and the short test body
// does not reach.
func middleInk(t *testing.T, pdf string) int {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "pg")
	tooltest.Run(t, "pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, prefix)
	data, err := os.ReadFile(prefix + ".png")
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	mid := image.Rect(b.Dx()/4, b.Dy()/3, 3*b.Dx()/4, 2*b.Dy()/3)
	n := 0
	for y := mid.Min.Y; y < mid.Max.Y; y++ {
		for x := mid.Min.X; x < mid.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r>>8 < 250 || g>>8 < 250 || bl>>8 < 250 {
				n++
			}
		}
	}
	return n
}

func TestPandocReadsTheSample(t *testing.T) {
	tooltest.Require(t, "pandoc")
	path := filepath.Join(t.TempDir(), "sample.docx")
	if err := os.WriteFile(path, write(t, doctest.Sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	md := string(tooltest.Run(t, "pandoc", "-f", "docx", "-t", "markdown", "--wrap=none", path))
	for _, re := range []string{
		// Headings keep their levels, numbered or not.
		`(?m)^# Purpose of Report$`, `(?m)^# Recommendations and Reasons$`, `(?m)^# Executive Summary$`,
		`(?m)^# Details of the Report$`, `(?m)^## Number of Cases$`, `(?m)^### A minor heading$`,
		// Ordered and bulleted lists, and the nested ordered list.
		`(?m)^1\.\s+Note the Ombudsman's figures in section 2\.$`, `(?m)^3\.\s+Ask for a further report in twelve months\.$`,
		`(?m)^-\s+complaints referred to the Ombudsman;$`, `(?m)^\s+a\.\s+upheld decisions$`, `(?m)^\s+b\.\s+compliance with recommendations$`,
		// Inline formatting and links.
		`\*\*Ombudsman's\*\*`, `\*italic words\*`, `\[link to the Ombudsman\]\(https://www\.lgo\.org\.uk/\)`,
		// Tables keep their cells in rows.
		`(?m)^\s*Answered on time\s+34%\s+53%\s+69%\s*$`, `(?m)^\s*Month 80\s+179\s+79%\s*$`,
		`\*\*Date of meeting:\*\*\s+14 December 2026`,
		// The picture, with its alternative text.
		`!\[Bar chart: Ombudsman enquiries 2018/19 47, 2019/20 36, 2020/21 39\]\(media/image1\.png "Ombudsman enquiries by year"\)`,
	} {
		if !regexp.MustCompile(re).MatchString(md) {
			t.Errorf("pandoc markdown does not match %s", re)
		}
	}
	if t.Failed() {
		t.Logf("pandoc output:\n%s", md)
	}
}
