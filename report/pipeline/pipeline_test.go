package pipeline

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// fixture is the layout fixture: every part of the standard paper (a Part
// II, OFFICIAL-SENSITIVE paper published late with reasons for urgency,
// appendices, a table crossing pages, lists in numbered paragraphs), no
// data.
var fixture = filepath.Join("..", "..", "fixtures", "layout", "report.yaml")

// buildTo builds def into out and fails the test on any error.
func buildTo(t *testing.T, def, out string, opts Options) Result {
	t.Helper()
	opts.OutDir = out
	res, err := Build(def, opts)
	if err != nil {
		t.Fatalf("build %s: %v", def, err)
	}
	return res
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, strings.TrimSpace(l))
		}
	}
	return out
}

// squash collapses runs of white space, so that text laid out in columns
// by pdftotext -layout can be matched as a phrase.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPDFReadsBack builds the fixture and reads the PDF back as a user's
// tools see it: the front-sheet fields, headings and paragraph numbers in
// the text, the marking at the top and bottom of every page with "Page N
// of M", the running title from page 2, the table header repeated, a
// bookmark per heading, the metadata, embedded subset fonts and a clean
// qpdf --check.
func TestPDFReadsBack(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	out := t.TempDir()
	buildTo(t, fixture, out, Options{Formats: []string{"pdf"}})
	path := filepath.Join(out, "report.pdf")
	pages := tooltest.PDFPages(t, path)
	all := squash(strings.Join(pages, "\n"))

	for _, want := range []string{
		// The front sheet's banner and facts table, label then value.
		"Kingsbridge City Council Audit and Governance Committee",
		"Date of meeting: 14 December 2026",
		"Title of Report: Review of the complaints procedure",
		"Lead Member: Councillor Tomasz Wren (Cabinet Member for Resources)",
		"Lead Strategic Director: Aisha Delacroix (Strategic Director of Resources)",
		"Author: Colm Fairweather (Complaints Manager)",
		"Contact Email: complaints@kingsbridge.example",
		"Your Reference: AGC/26/9",
		"Key Decision: Yes",
		"Confidentiality: Part II - Official-Sensitive",
		// Front-sheet headings, in the reference's words.
		"Purpose of Report", "Recommendations and Reasons",
		"Alternative options considered and rejected", "Relevance to the Corporate Plan",
		"Carbon Footprint (Environmental) Implications", "Appendices", "Background papers", "Sign off",
		"Originating Senior Leadership Team member: Bea Lindqvist, Service Director",
		"Date approved: 01/12/2026",
		// Recommendations numbered, citing the body's numbers.
		"1. Approve the changes in paragraph 2.1.", "(see section 2)",
		// The body.
		"Reasons for Urgency The review finished later than planned.",
		"1. Executive Summary", "2. Details of the Report", "3. Performance by month", "4. Equalities Implications",
		"1.1 The procedure has two stages:", "2.1 The changes are listed below.",
		"2.3 Stage 1 complaints are now acknowledged", "3.1 The table below",
		"Table 1: Targets before and after", "Table 2: Stage 1 complaints by month, three years",
		"1. finding out what the complainant wants to achieve;",
		// Characters papers contain, extracted as themselves.
		"£12,500 – met", "Ombudsman’s code", "Café owners in Llanfair asked about ŵ.", "✓",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}

	for i, page := range pages {
		n := i + 1
		lines := nonEmptyLines(page)
		if len(lines) < 3 {
			t.Fatalf("page %d is nearly empty: %q", n, page)
		}
		first, last := lines[0], lines[len(lines)-1]
		if first != "OFFICIAL-SENSITIVE" {
			t.Errorf("page %d: first line %q, want the marking", n, first)
		}
		if want := fmt.Sprintf("OFFICIAL-SENSITIVE Page %d of %d", n, len(pages)); squash(last) != want {
			t.Errorf("page %d: last line %q, want %q", n, squash(last), want)
		}
		if !strings.Contains(squash(page), "NOT FOR PUBLICATION by virtue of paragraphs 1 and 3 of Part 1 of Schedule 12A") {
			t.Errorf("page %d: no exempt stamp", n)
		}
		running := slices.Contains(lines[:3], "Review of the complaints procedure")
		if running != (n > 1) {
			t.Errorf("page %d: running title in the header: %v", n, running)
		}
		// Every page with rows of the long table starts them with its header.
		if regexp.MustCompile(`(?m)^\s*\w+ 202[3-6]\s+\d+\s+\d+%`).MatchString(page) &&
			!regexp.MustCompile(`Month\s+Received\s+On time`).MatchString(page) {
			t.Errorf("page %d has rows of table 2 but not its header", n)
		}
	}
	if len(pages) < 4 {
		t.Errorf("%d pages; the fixture's front sheet and body should take at least 4", len(pages))
	}

	tooltest.Run(t, "qpdf", "--check", path)
	if out := tooltest.Matterhorn(t, path); out != "" {
		t.Errorf("cpdf's PDF/UA-1 check reports:\n%s", out)
	}

	info := string(tooltest.Run(t, "pdfinfo", path))
	for _, want := range []string{
		"Title:           Review of the complaints procedure",
		"Author:          Colm Fairweather (Complaints Manager)",
		"Subject:         Audit and Governance Committee, 14 December 2026",
		"Page size:       595.28 x 841.89 pts (A4)",
		"PDF version:     1.7", // tagged, PDF/UA-1
		"Tagged:          yes",
		"Metadata Stream: yes",
		"CreationDate:    Wed Dec  9 00:00:00 2026 UTC", // the publication date, not the clock
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	raw, _ := os.ReadFile(path)
	if !bytes.Contains(raw, []byte("/Lang (en-GB)")) {
		t.Errorf("no /Lang (en-GB) in the catalogue")
	}

	fonts := nonEmptyLines(string(tooltest.Run(t, "pdffonts", path)))[2:]
	if len(fonts) == 0 {
		t.Fatal("pdffonts lists no fonts")
	}
	for _, f := range fonts {
		// name type... encoding emb sub uni object ID
		fs := strings.Fields(f)
		if n := len(fs); n < 6 || fs[n-5] != "yes" || fs[n-4] != "yes" || !strings.Contains(fs[0], "+") {
			t.Errorf("font not embedded as a subset: %s", f)
		}
	}

	// A bookmark for every heading of the front sheet and the body.
	var outline struct {
		Outlines []bookmark `json:"outlines"`
	}
	if err := json.Unmarshal(tooltest.Run(t, "qpdf", "--json", "--json-key=outlines", path), &outline); err != nil {
		t.Fatal(err)
	}
	var titles []string
	var walk func([]bookmark, string)
	walk = func(bs []bookmark, indent string) {
		for _, b := range bs {
			titles = append(titles, indent+b.Title)
			walk(b.Kids, indent+"  ")
		}
	}
	walk(outline.Outlines, "")
	for _, want := range []string{
		"Purpose of Report", "Recommendations and Reasons", "Appendices", "Background papers", "Sign off",
		"Reasons for Urgency", "1. Executive Summary", "2. Details of the Report", "  Changes",
		"3. Performance by month", "  What the figures show", "4. Equalities Implications",
	} {
		if !slices.Contains(titles, want) {
			t.Errorf("no bookmark %q in %q", want, titles)
		}
	}
}

type bookmark struct {
	Title string     `json:"title"`
	Kids  []bookmark `json:"kids"`
}

// TestDraftPDF reads a --draft build back: every page says DRAFT.
func TestDraftPDF(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	out := t.TempDir()
	buildTo(t, fixture, out, Options{Formats: []string{"pdf"}, Draft: true})
	for i, page := range tooltest.PDFPages(t, filepath.Join(out, "report.pdf")) {
		if !regexp.MustCompile(`(?m)^\s*OFFICIAL-SENSITIVE\s+DRAFT\s*$`).MatchString(page) {
			t.Errorf("page %d: header lacks DRAFT beside the marking", i+1)
		}
	}
}

// controlDefinition holds control characters in its text fields, written
// as YAML escapes (a raw control character is refused when the file is
// read): they must never reach the DOCX, whose XML cannot hold them.
const controlDefinition = `council: "Kingsbridge\u0001 City Council"
committee: Audit and Governance Committee
meeting_date: 2026-12-14
title: "Complaints\x07 and compliments"
author: "Colm Fairweather\x1b (Complaints Manager)"
purpose: "To report\0 on complaints\u000b received \x7f in the year."
recommendations:
  items:
    - "Note\u0085 the report."
sections:
  - heading: "Details\x0c"
    blocks:
      - text: "Bell\x07 and vertical tab\u000b in a numbered paragraph."
      - table:
          caption: "Escape\x1b characters"
          columns: ["Stage\x01", Received]
          rows:
            - ["Stage 1\x02", "412\u009c"]
`

// TestControlCharactersGiveValidOutputs builds a definition whose text
// holds control characters: every XML part of the DOCX is well-formed and
// the PDF passes qpdf --check. (LibreOffice opens the DOCX in
// TestDOCXThroughLibreOfficeAndPandoc.)
func TestControlCharactersGiveValidOutputs(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "control.yaml")
	os.WriteFile(def, []byte(controlDefinition), 0o644)
	buildTo(t, def, dir, Options{})
	for name, data := range tooltest.ZipFile(t, filepath.Join(dir, "control.docx")) {
		if !strings.HasSuffix(name, ".xml") && !strings.HasSuffix(name, ".rels") {
			continue
		}
		if err := wellFormed(data); err != nil {
			t.Errorf("%s is not well-formed XML: %v", name, err)
		}
		for _, c := range data {
			if c < 0x20 && c != '\n' && c != '\r' && c != '\t' {
				t.Errorf("%s holds control character %#x", name, c)
				break
			}
		}
	}
	tooltest.Run(t, "qpdf", "--check", filepath.Join(dir, "control.pdf"))
}

// wellFormed parses data as XML with Go's strict decoder, which rejects
// the characters XML 1.0 forbids.
func wellFormed(data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
	}
}

// TestDOCXThroughLibreOfficeAndPandoc converts the fixture's DOCX, a draft
// and the control-character DOCX with one LibreOffice run (it is slow to
// start), reads the PDFs back, and reads the fixture's DOCX with pandoc:
// headings, lists and tables must come through intact.
func TestDOCXThroughLibreOfficeAndPandoc(t *testing.T) {
	tooltest.Require(t, "soffice")
	tooltest.Require(t, "pdftotext")
	tooltest.Require(t, "pandoc")
	dir := t.TempDir()
	docs := filepath.Join(dir, "docs")
	os.Mkdir(docs, 0o755)
	// Each build into its own folder, then gathered under distinct names.
	gather := func(def, name string, opts Options) {
		out := filepath.Join(dir, name)
		buildTo(t, def, out, Options{Formats: []string{"docx"}, Draft: opts.Draft})
		base := strings.TrimSuffix(filepath.Base(def), ".yaml")
		if err := os.Rename(filepath.Join(out, base+".docx"), filepath.Join(docs, name+".docx")); err != nil {
			t.Fatal(err)
		}
	}
	gather(fixture, "fixture", Options{})
	gather(fixture, "draft", Options{Draft: true})
	control := filepath.Join(dir, "control.yaml")
	os.WriteFile(control, []byte(controlDefinition), 0o644)
	gather(control, "control", Options{})

	pdfDir := filepath.Join(dir, "pdf")
	var files []string
	for _, n := range []string{"fixture", "draft", "control"} {
		files = append(files, filepath.Join(docs, n+".docx"))
	}
	tooltest.ConvertToPDF(t, pdfDir, files...)

	pages := tooltest.PDFPages(t, filepath.Join(pdfDir, "fixture.pdf"))
	all := squash(strings.Join(pages, "\n"))
	for _, want := range []string{
		"Date of meeting: 14 December 2026", "Confidentiality: Part II - Official-Sensitive",
		"Purpose of Report", "Recommendations and Reasons", "Sign off", "Reasons for Urgency",
		// Word's own numbering reproduces the tree's labels.
		"1. Executive Summary", "2. Details of the Report", "1.1 The procedure has two stages:",
		"2.1 The changes are listed below.", "2.4 See the Ombudsman’s guidance", "3.2 Complaints peak in the autumn",
		"1. Approve the changes in paragraph 2.1.", "Table 2: Stage 1 complaints by month, three years",
		"£12,500 – met", "ŵ", "✓",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("LibreOffice's rendering of the DOCX lacks %q", want)
		}
	}
	for i, page := range pages {
		lines := nonEmptyLines(page)
		if lines[0] != "OFFICIAL-SENSITIVE" || squash(lines[len(lines)-1]) != fmt.Sprintf("OFFICIAL-SENSITIVE Page %d of %d", i+1, len(pages)) {
			t.Errorf("DOCX page %d: header %q, footer %q", i+1, lines[0], lines[len(lines)-1])
		}
	}
	for i, page := range tooltest.PDFPages(t, filepath.Join(pdfDir, "draft.pdf")) {
		if !strings.Contains(nonEmptyLines(page)[0], "DRAFT") {
			t.Errorf("draft DOCX page %d: header lacks DRAFT", i+1)
		}
	}
	if got := squash(strings.Join(tooltest.PDFPages(t, filepath.Join(pdfDir, "control.pdf")), " ")); !strings.Contains(got, "Bell and vertical tab in a numbered paragraph.") {
		t.Errorf("the control-character DOCX did not render its text: %q", got)
	}

	// pandoc reads the DOCX's structure: headings by level, lists and
	// tables (pandoc cannot show "2.1" labels: numbered paragraphs read as
	// ordered lists).
	var d pandocDoc
	if err := json.Unmarshal(tooltest.Run(t, "pandoc", "-f", "docx", "-t", "json", filepath.Join(docs, "fixture.docx")), &d); err != nil {
		t.Fatal(err)
	}
	var h1, h2 []string
	var tables, bulletLists, orderedLists int
	walkPandoc(d.Blocks, func(b pandocBlock) {
		switch b.T {
		case "Header":
			var c []json.RawMessage
			json.Unmarshal(b.C, &c)
			var level int
			json.Unmarshal(c[0], &level)
			text := inlineText(c[2])
			if level == 1 {
				h1 = append(h1, text)
			} else if level == 2 {
				h2 = append(h2, text)
			}
		case "Table":
			tables++
		case "BulletList":
			bulletLists++
		case "OrderedList":
			orderedLists++
		}
	})
	wantH1 := []string{"Purpose of Report", "Recommendations and Reasons", "Alternative options considered and rejected",
		"Relevance to the Corporate Plan", "Implications for the Medium Term Financial Plan and Resource Implications",
		"Carbon Footprint (Environmental) Implications", "Other Implications: e.g. Health and Safety, Risk Management, Child Poverty",
		"Equalities Implications", "Appendices", "Background papers", "Sign off", "Reasons for Urgency",
		"Executive Summary", "Details of the Report", "Performance by month", "Equalities Implications"}
	if !slices.Equal(h1, wantH1) {
		t.Errorf("pandoc level 1 headings:\n%q\nwant\n%q", h1, wantH1)
	}
	if want := []string{"Changes", "What the figures show"}; !slices.Equal(h2, want) {
		t.Errorf("pandoc level 2 headings %q, want %q", h2, want)
	}
	// facts, appendices, background papers, sign off, table 1, table 2
	if tables != 6 {
		t.Errorf("pandoc read %d tables, want 6", tables)
	}
	if bulletLists == 0 || orderedLists == 0 {
		t.Errorf("pandoc read %d bullet and %d ordered lists", bulletLists, orderedLists)
	}
	md := string(tooltest.Run(t, "pandoc", "-f", "docx", "-t", "plain", "--columns=200", filepath.Join(docs, "fixture.docx")))
	for _, want := range []string{"March 2026", "Costings", "finding out what the complainant wants to achieve;"} {
		if !strings.Contains(md, want) {
			t.Errorf("pandoc's text lacks %q", want)
		}
	}
}

type pandocDoc struct {
	Blocks []pandocBlock `json:"blocks"`
}

type pandocBlock struct {
	T string          `json:"t"`
	C json.RawMessage `json:"c"`
}

// walkPandoc calls fn for every block in pandoc's JSON, descending into
// any nested content that holds blocks.
func walkPandoc(bs []pandocBlock, fn func(pandocBlock)) {
	for _, b := range bs {
		fn(b)
		var anything any
		json.Unmarshal(b.C, &anything)
		var nested func(v any)
		nested = func(v any) {
			switch v := v.(type) {
			case []any:
				for _, x := range v {
					nested(x)
				}
			case map[string]any:
				if t, ok := v["t"].(string); ok && isBlock(t) {
					raw, _ := json.Marshal(v)
					var inner pandocBlock
					json.Unmarshal(raw, &inner)
					walkPandoc([]pandocBlock{inner}, fn)
					return
				}
				for _, x := range v {
					nested(x)
				}
			}
		}
		nested(anything)
	}
}

func isBlock(t string) bool {
	switch t {
	case "Plain", "Para", "Header", "BulletList", "OrderedList", "Table", "Div", "BlockQuote", "LineBlock", "CodeBlock", "HorizontalRule", "DefinitionList", "Figure":
		return true
	}
	return false
}

// inlineText flattens pandoc inlines to text.
func inlineText(raw json.RawMessage) string {
	var inlines []struct {
		T string          `json:"t"`
		C json.RawMessage `json:"c"`
	}
	json.Unmarshal(raw, &inlines)
	var sb strings.Builder
	for _, in := range inlines {
		switch in.T {
		case "Str":
			var s string
			json.Unmarshal(in.C, &s)
			sb.WriteString(s)
		case "Space", "SoftBreak":
			sb.WriteString(" ")
		case "Strong", "Emph":
			sb.WriteString(inlineText(in.C))
		}
	}
	return sb.String()
}

// TestDeterministic builds the fixture twice: the PDF and the DOCX are
// byte-identical, and SOURCE_DATE_EPOCH sets the date in both.
func TestDeterministic(t *testing.T) {
	var date time.Time
	build := func() (pdf, docx []byte) {
		out := t.TempDir()
		buildTo(t, fixture, out, Options{Date: date})
		pdf, _ = os.ReadFile(filepath.Join(out, "report.pdf"))
		docx, _ = os.ReadFile(filepath.Join(out, "report.docx"))
		return pdf, docx
	}
	p1, d1 := build()
	p2, d2 := build()
	if !bytes.Equal(p1, p2) || !bytes.Equal(d1, d2) {
		t.Fatalf("two builds differ: pdf %v, docx %v", bytes.Equal(p1, p2), bytes.Equal(d1, d2))
	}

	date = time.Unix(1767225600, 0) // 2026-01-01T00:00:00Z
	p3, d3 := build()
	p4, d4 := build()
	if !bytes.Equal(p3, p4) || !bytes.Equal(d3, d4) {
		t.Fatalf("two builds with SOURCE_DATE_EPOCH differ")
	}
	if bytes.Equal(p1, p3) || bytes.Equal(d1, d3) {
		t.Errorf("SOURCE_DATE_EPOCH changed nothing")
	}
	if !bytes.Contains(p3, []byte("/CreationDate (D:20260101000000")) {
		t.Errorf("PDF creation date is not SOURCE_DATE_EPOCH")
	}
	zr, err := zip.NewReader(bytes.NewReader(d3), int64(len(d3)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(f.Modified.UTC()) || f.Modified.UTC().Format("2006-01-02") != "2026-01-01" {
			t.Errorf("zip entry %s dated %v", f.Name, f.Modified)
		}
		if f.Name == "docProps/core.xml" {
			rc, _ := f.Open()
			core, _ := io.ReadAll(rc)
			rc.Close()
			if !bytes.Contains(core, []byte(">2026-01-01T00:00:00Z</dcterms:created>")) {
				t.Errorf("core.xml created date is not SOURCE_DATE_EPOCH:\n%s", core)
			}
		}
	}
}

// TestFailedBuildLeavesEarlierOutputs checks atomicity: after a good
// build, a build that fails (the definition made invalid; a folder in the
// way of one output) leaves both earlier outputs byte for byte and no
// temporary files.
func TestFailedBuildLeavesEarlierOutputs(t *testing.T) {
	dir := t.TempDir()
	def := filepath.Join(dir, "report.yaml")
	src, _ := os.ReadFile(fixture)
	os.WriteFile(def, src, 0o644)
	out := filepath.Join(dir, "out")
	buildTo(t, def, out, Options{})
	snapshot := func() map[string]string {
		m := map[string]string{}
		entries, _ := os.ReadDir(out)
		for _, e := range entries {
			b, _ := os.ReadFile(filepath.Join(out, e.Name()))
			m[e.Name()] = string(b)
		}
		return m
	}
	before := snapshot()
	if len(before) != 2 {
		t.Fatalf("first build wrote %d files", len(before))
	}

	// An invalid definition: nothing written.
	os.WriteFile(def, bytes.Replace(src, []byte("exempt_paragraphs: [3, 1]"), []byte("exempt_paragraphs: [3, 9]"), 1), 0o644)
	if _, err := Build(def, Options{OutDir: out}); err == nil || !strings.Contains(err.Error(), "paragraph 9 does not exist") {
		t.Fatalf("want the paragraph error, got %v", err)
	}
	if after := snapshot(); !equalMaps(before, after) {
		t.Errorf("a failed build changed the outputs: %v", keys(after))
	}

	// A valid definition that cannot be written: report.pdf's place is
	// taken by a folder. The DOCX, written first, must not be replaced.
	os.WriteFile(def, bytes.Replace(src, []byte("title: Review of the complaints procedure"), []byte("title: Review of the complaints procedure, revised"), 1), 0o644)
	pdfOut := filepath.Join(out, "report.pdf")
	os.Rename(pdfOut, filepath.Join(dir, "keep.pdf"))
	os.MkdirAll(filepath.Join(pdfOut, "x"), 0o755)
	if _, err := Build(def, Options{OutDir: out}); err == nil {
		t.Fatal("build into a folder named report.pdf succeeded")
	}
	os.RemoveAll(pdfOut)
	os.Rename(filepath.Join(dir, "keep.pdf"), pdfOut)
	if after := snapshot(); !equalMaps(before, after) {
		t.Errorf("a failed write changed the outputs or left files: %v", keys(after))
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
