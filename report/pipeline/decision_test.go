package pipeline

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/internal/tooltest"
	"golang.org/x/net/html"
)

var (
	example    = filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml")
	settlement = filepath.Join("..", "..", "examples", "meeting", "settlement", "report.yaml")
)

// decideTo writes def's decision notice into out and fails the test on
// any error.
func decideTo(t *testing.T, def, out string, opts Options) Result {
	t.Helper()
	opts.OutDir = out
	res, err := Decision(def, opts)
	if err != nil {
		t.Fatalf("decision %s: %v", def, err)
	}
	return res
}

// TestDecisionNoticeFormats writes the example's notice in every format
// and reads each back with a user's tools: pdftotext and cpdf's PDF/UA-1
// check for the PDF, pandoc for the DOCX, the HTML parsed; the facts,
// dates worked out from the call-in period, resolutions (the paper's
// recommendations, expanded) and interests are in each.
func TestDecisionNoticeFormats(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	tooltest.Require(t, "pandoc")
	out := t.TempDir()
	res := decideTo(t, example, out, Options{Formats: []string{"pdf", "docx", "html"}})
	var names []string
	for _, f := range res.Files {
		names = append(names, filepath.Base(f))
	}
	if got := strings.Join(names, " "); got != "report-decision.docx report-decision.html report-decision.pdf" {
		t.Fatalf("wrote %s", got)
	}
	want := []string{
		"Kingsbridge City Council", "Decision notice",
		"Title of report: Analysis of the Ombudsman's Annual Review Letter 2020/21",
		"Decision maker: Audit and Governance Committee", "Decision status: Recommendations approved",
		"Key decision: No", "Subject to call-in: Yes",
		"Report author: Priya Ashworth (Complaints and Information Governance Manager)",
		"Publication date: 29 September 2021", "Date of decision: 27 September 2021",
		// Wednesday 29 September 2021: five clear working days are 30
		// September, 1, 4, 5 and 6 October.
		"Call-in period ends: 6 October 2021", "Effective from: 7 October 2021",
		"Note the Ombudsman’s annual review letter for 2020/21",
		"set out in paragraphs 2.8 to 2.11",
		"Reviewing the letter each year lets the Committee check",
		"None. The Committee has asked to receive the Ombudsman’s letter every year.",
		"Councillor Idris Marlow declared a non-pecuniary interest",
		"Dispensations granted None",
		"(reference AGC/2021/17)",
	}
	pdfText := squash(string(tooltest.Run(t, "pdftotext", "-layout", filepath.Join(out, "report-decision.pdf"), "-")))
	docxText := squash(string(tooltest.Run(t, "pandoc", "-f", "docx", "-t", "plain", "--wrap=none", filepath.Join(out, "report-decision.docx"))))
	page, err := os.ReadFile(filepath.Join(out, "report-decision.html"))
	if err != nil {
		t.Fatal(err)
	}
	htmlText := pageText(t, page)
	for _, w := range want {
		for format, text := range map[string]string{"PDF": pdfText, "DOCX": docxText, "HTML": htmlText} {
			if !strings.Contains(text, w) {
				t.Errorf("the %s notice lacks %q", format, w)
			}
		}
	}
	if strings.Contains(string(page), `href="report.pdf"`) {
		t.Error("the page links report.pdf, which the folder does not hold")
	}
	if !strings.Contains(string(page), "<title>Decision notice: Analysis of the Ombudsman&#39;s Annual Review Letter 2020/21 – Audit and Governance Committee – 27 September 2021 – Kingsbridge City Council</title>") {
		t.Error("the page's title is not the notice's")
	}

	// With the paper built into the same folder, the page links its PDF.
	buildTo(t, example, out, Options{Formats: []string{"pdf"}})
	decideTo(t, example, out, Options{Formats: []string{"html"}})
	page, _ = os.ReadFile(filepath.Join(out, "report-decision.html"))
	fi, _ := os.Stat(filepath.Join(out, "report.pdf"))
	if want := `<a href="report.pdf">The report (PDF, ` + format.FileSize(fi.Size()) + `)</a>`; !strings.Contains(string(page), want) {
		t.Errorf("the page does not link the paper's PDF as %s", want)
	}
}

// pageText is the text a browser shows of a web page, white space
// squashed: every text node outside the head, each followed by a space.
func pageText(t *testing.T, page []byte) string {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "head" {
			return
		}
		if n.Type == html.TextNode {
			b.WriteString(n.Data + " ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return squash(b.String())
}

// TestDecisionNoticesArePDFUA checks both examples' notices as published
// documents must be: cpdf reports nothing, every operator is tagged or
// an artifact, headings start at H1 and skip no level.
func TestDecisionNoticesArePDFUA(t *testing.T) {
	tooltest.Cpdf(t)
	for _, def := range []string{example, settlement} {
		out := t.TempDir()
		decideTo(t, def, out, Options{Formats: []string{"pdf"}})
		path := filepath.Join(out, "report-decision.pdf")
		if findings := tooltest.Matterhorn(t, path); findings != "" {
			t.Errorf("%s: cpdf's PDF/UA-1 check reports:\n%s", def, findings)
		}
		tree, err := pdftags.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range tree.Problems {
			t.Errorf("%s: %s", def, p)
		}
		level := 0
		for _, e := range tree.Elems {
			if len(e.Role) == 2 && e.Role[0] == 'H' && e.Role[1] >= '1' && e.Role[1] <= '6' {
				l := int(e.Role[1] - '0')
				if l > level+1 {
					t.Errorf("%s: heading %s %q skips a level", def, e.Role, e.Text)
				}
				level = l
			}
		}
		if level == 0 {
			t.Errorf("%s: no headings in the structure tree", def)
		}
	}
}

// TestDecisionNoticeOfAPartIIPaper writes the Part II example's notice,
// which is for publication, and reads it back: the resolutions, reasons
// and alternatives are the decision block's, the report is said to be
// exempt, and nothing of the exempt paper (its sum, its body, its
// purpose, its recommendations, its appendix) is in any format. Its
// files are created 0640, as the paper's are.
func TestDecisionNoticeOfAPartIIPaper(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	tooltest.Require(t, "pandoc")
	out := t.TempDir()
	buildTo(t, settlement, out, Options{Formats: []string{"pdf"}})
	res := decideTo(t, settlement, out, Options{Formats: []string{"pdf", "docx", "html"}})
	texts := map[string]string{
		"PDF":  squash(string(tooltest.Run(t, "pdftotext", filepath.Join(out, "report-decision.pdf"), "-"))),
		"DOCX": squash(string(tooltest.Run(t, "pandoc", "-f", "docx", "-t", "plain", "--wrap=none", filepath.Join(out, "report-decision.docx")))),
	}
	page, _ := os.ReadFile(filepath.Join(out, "report-decision.html"))
	texts["HTML"] = pageText(t, page)
	for format, text := range texts {
		for _, w := range []string{
			"Approve the settlement of the claim on the terms set out in the exempt report.",
			"Subject to call-in: No", "Effective from: 27 September 2021",
			"Reasons for urgency", "The claimant’s offer to settle lapsed on 30 September 2021",
			"The report is not for publication by virtue of paragraphs 3 and 5 of Part 1 of Schedule 12A",
		} {
			if !strings.Contains(strings.ReplaceAll(text, "'", "’"), w) {
				t.Errorf("the %s notice lacks %q", format, w)
			}
		}
		for _, secret := range []string{"18,750", "disabled facilities", "Counsel", "To seek the Committee", "at the sum set out", "Legal advice on the settlement", "insurance provision", "OFFICIAL-SENSITIVE", "NOT FOR PUBLICATION"} {
			if strings.Contains(text, secret) {
				t.Errorf("the %s notice of a Part II paper holds %q", format, secret)
			}
		}
	}
	if strings.Contains(string(page), `href="report.pdf"`) {
		t.Error("the page links the exempt paper's PDF")
	}
	for _, f := range res.Files {
		fi, err := os.Stat(f)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm()&0o007 != 0 {
			t.Errorf("%s is %04o: a Part II paper's notice is never created world-readable", f, fi.Mode().Perm())
		}
	}
}

// TestDecisionNoticeIsDeterministic writes the notice twice into two
// folders: the same bytes, dated SOURCE_DATE_EPOCH when set, else the
// notice's publication date, never the clock.
func TestDecisionNoticeIsDeterministic(t *testing.T) {
	epoch := time.Unix(1727000000, 0).UTC()
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	formats := Options{Formats: []string{"pdf", "docx", "html"}, Date: epoch}
	decideTo(t, example, a, formats)
	decideTo(t, example, b, formats)
	formats.Date = time.Time{}
	decideTo(t, example, c, formats)
	for _, name := range []string{"report-decision.pdf", "report-decision.docx", "report-decision.html"} {
		x, _ := os.ReadFile(filepath.Join(a, name))
		y, _ := os.ReadFile(filepath.Join(b, name))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs", name)
		}
	}
	pdf, _ := os.ReadFile(filepath.Join(a, "report-decision.pdf"))
	if !bytes.Contains(pdf, []byte("/CreationDate (D:"+epoch.Format("20060102150405"))) {
		t.Error("the PDF is not dated SOURCE_DATE_EPOCH")
	}
	pdf, _ = os.ReadFile(filepath.Join(c, "report-decision.pdf"))
	if !bytes.Contains(pdf, []byte("/CreationDate (D:20210929000000")) {
		t.Error("without SOURCE_DATE_EPOCH, the PDF is not dated the notice's publication, 29 September 2021")
	}
}

// TestDecisionWithoutABlock: a paper with no decision block has no
// notice: an error naming the key, and nothing written.
func TestDecisionWithoutABlock(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	_, err := Decision(fixture, Options{OutDir: out})
	if got, want := diag.As(err).Error(), fixture+": decision: the paper has no decision: block; add one (decision: {status: Recommendations approved, published: YYYY-MM-DD}) to write its decision notice"; got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
	if _, err := os.Stat(out); !os.IsNotExist(err) {
		t.Error("the output folder was made")
	}
}

// TestDecisionOutsideTheBankHolidays: a call-in period in a year whose
// bank holidays paper does not hold is counted, with a warning at the
// publication date saying so.
func TestDecisionOutsideTheBankHolidays(t *testing.T) {
	src, err := os.ReadFile(example)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	s := strings.NewReplacer("meeting: 2021-09-27\n", "meeting: 2031-01-06\n", "published: 2021-09-29\n", "published: 2031-01-07\n").Replace(string(src))
	for _, f := range []string{"complaints.csv", "ombudsman.yaml", "appendix-a.pdf", "appendix-b.pdf", "appendix-c.pdf"} {
		b, _ := os.ReadFile(filepath.Join(filepath.Dir(example), f))
		os.WriteFile(filepath.Join(dir, f), b, 0o644)
	}
	def := filepath.Join(dir, "report.yaml")
	os.WriteFile(def, []byte(s), 0o644)
	res := decideTo(t, def, dir, Options{Formats: []string{"pdf"}})
	var warned []string
	for _, w := range res.Warnings {
		if w.Field == "decision.published" {
			warned = append(warned, w.String())
		}
	}
	if want := ": warning: decision.published: the bank holidays paper knows are those of 2010 to 2030, so the call-in period after 7 January 2031 counts only weekends and data.holidays as non-working days"; len(warned) != 1 || !strings.HasSuffix(warned[0], want) {
		t.Errorf("warnings %q, want one ending %q", warned, want)
	}
}
