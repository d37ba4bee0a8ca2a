package pdf

import (
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// headings returns the headings of blocks as printed, in order.
func headings(blocks []doc.Block) []string {
	var out []string
	doc.Walk(blocks, func(b doc.Block) bool {
		if h, ok := b.(*doc.Heading); ok {
			out = append(out, clean(headingText(h)))
		}
		return true
	})
	return out
}

// checkTagged asserts what a screen reader relies on in the tagged PDF of
// d at path.
func checkTagged(t *testing.T, d *doc.Document, path string) *pdftags.Tree {
	t.Helper()
	tt, err := pdftags.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range tt.Problems {
		t.Error(p)
	}
	if len(tt.Elems) == 0 || tt.Elems[0].Role != "Document" {
		t.Fatalf("the tree does not start with a Document element")
	}
	var gotHeadings []string
	level := 0
	tables, figures := 0, 0
	for i, e := range tt.Elems {
		switch e.Role {
		case "H1", "H2", "H3":
			n := int(e.Role[1] - '0')
			if n > level+1 {
				t.Errorf("heading %q is %s after H%d: a level skipped", e.Text, e.Role, level)
			}
			level = n
			gotHeadings = append(gotHeadings, e.Text)
		case "Figure":
			figures++
			if strings.TrimSpace(e.Alt) == "" {
				t.Errorf("Figure %d has no /Alt", figures)
			}
			if _, ok := e.Dict["A"]; !ok {
				t.Errorf("Figure %d has no attributes (BBox)", figures)
			}
		case "Table":
			tables++
			th := false
			for _, k := range tt.Elems[i+1:] {
				if k.Depth <= e.Depth {
					break
				}
				th = th || k.Role == "TH"
			}
			if !th {
				t.Errorf("table %d (%.40q) has no TH", tables, e.Text)
			}
		case "":
			t.Errorf("element %d has no role", i)
		}
	}
	want := headings(d.Blocks)
	if strings.Join(gotHeadings, "\n") != strings.Join(want, "\n") {
		t.Errorf("headings in the structure tree:\n%s\nwant, in the document's order:\n%s", strings.Join(gotHeadings, "\n"), strings.Join(want, "\n"))
	}
	var figs, tabs int
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Figure:
			figs++
			if b.Data != nil {
				tabs++
			}
		case *doc.Table:
			tabs++
		case *doc.Image:
			figs++ // a picture is a Figure too
		}
		return true
	})
	if figures != figs || tables != tabs {
		t.Errorf("%d Figure and %d Table elements, want %d and %d", figures, tables, figs, tabs)
	}
	return tt
}

func TestTaggedSample(t *testing.T) {
	d := doctest.Sample()
	path, _ := write(t, d)
	tt := checkTagged(t, d, path)
	all := tt.Elems[0].Text
	// The body reads in the document's order, the furniture not at all.
	for _, s := range []string{"Kingsbridge City Council", "Purpose of Report", "2.1", "Table 1: Ombudsman enquiries answered on time", "Figure 1: Ombudsman enquiries by year"} {
		if !strings.Contains(all, s) {
			t.Errorf("the structure tree's text lacks %q", s)
		}
	}
	if i, j := strings.Index(all, "Purpose of Report"), strings.Index(all, "Figure 1:"); i < 0 || j < i {
		t.Error("Purpose of Report does not come before Figure 1 in reading order")
	}
	if strings.Contains(all, "Page 1 of") {
		t.Error("the page numbers are read as content")
	}
	numbers, titles := 0, 0
	for _, a := range tt.Artifacts {
		if strings.HasPrefix(a, "Page ") {
			numbers++
		}
		if a == clean(d.Page.RunningTitle) {
			titles++
		}
	}
	if numbers == 0 || titles != numbers-1 {
		t.Errorf("%d page numbers and %d running titles are artifacts, want one a page (none on page 1)", numbers, titles)
	}
	// The chart is one Figure: its labels are inside it, its description
	// is its /Alt.
	for _, e := range tt.Elems {
		if e.Role == "Figure" {
			if !strings.HasPrefix(e.Alt, "Bar chart: Ombudsman enquiries 2018/19 47") {
				t.Errorf("Figure /Alt = %q", e.Alt)
			}
			if !strings.Contains(e.Text, "2018/19") {
				t.Errorf("the chart's labels are not inside its Figure: %q", e.Text)
			}
			break
		}
	}
}

// TestTaggedLogo: the logo is a Figure with its alternative text and
// box, first in reading order, its picture drawn once, on page 1.
func TestTaggedLogo(t *testing.T) {
	d := doctest.Sample()
	d.Blocks = append([]doc.Block{doctest.Logo()}, d.Blocks...)
	path, _ := write(t, d)
	tt := checkTagged(t, d, path)
	var first *pdftags.Elem
	for i := range tt.Elems {
		if tt.Elems[i].Depth == 1 {
			first = tt.Elems[i]
			break
		}
	}
	if first == nil || first.Role != "Figure" || first.Alt != "Kingsbridge City Council" {
		t.Errorf("the first element is %+v, want the logo's Figure with its /Alt", first)
	}
	lines := strings.Split(strings.TrimSpace(string(tooltest.Run(t, "pdfimages", "-list", path))), "\n")[2:]
	if len(lines) != 1 || strings.Fields(lines[0])[0] != "1" || strings.Fields(lines[0])[3] != "240" {
		t.Errorf("pdfimages -list: %q, want the 240-pixel logo once, on page 1", lines)
	}
}

// TestTaggedStampAndDraft: the NOT FOR PUBLICATION stamp is content once,
// first in reading order, and furniture on the other pages; DRAFT and its
// watermark are furniture.
func TestTaggedStampAndDraft(t *testing.T) {
	d := doctest.Sample()
	d.Page.Stamp = "NOT FOR PUBLICATION: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"
	d.Page.Draft = "DRAFT"
	path, info := write(t, d)
	tt := checkTagged(t, d, path)
	all := tt.Elems[0].Text
	if n := strings.Count(all, "NOT FOR PUBLICATION"); n != 1 || !strings.HasPrefix(all, "NOT FOR PUBLICATION") {
		t.Errorf("the stamp is in the structure tree %d times (want once, first): %.80q", n, all)
	}
	if strings.Contains(all, "DRAFT") {
		t.Error("DRAFT is read as content")
	}
	stamps, drafts := 0, 0
	for _, a := range tt.Artifacts {
		if a == "PUBLICATION:" { // the stamp is drawn a word at a time
			stamps++
		}
		if a == "DRAFT" {
			drafts++
		}
	}
	if stamps != info.Pages-1 || drafts != 2*info.Pages {
		t.Errorf("%d stamp and %d DRAFT artifacts on %d pages, want %d and %d", stamps, drafts, info.Pages, info.Pages-1, 2*info.Pages)
	}
}

// TestTaggedTableHeaders checks a two-row header: the spanning cell has
// ColSpan, the empty cells under single headers make them RowSpan 2, and
// body cells name their column's headers; a group row is a row header.
func TestTaggedTableHeaders(t *testing.T) {
	tbl := &doc.Table{
		Columns: []doc.Column{{}, {}, {}},
		Header: [][]doc.Cell{
			{{Content: doc.Plain("Service")}, {Content: doc.Plain("Complaints"), Span: 2}},
			{{}, {Content: doc.Plain("2019/20")}, {Content: doc.Plain("2020/21")}},
		},
		Rows: [][]doc.Cell{
			{{Content: doc.Plain("Adults"), Span: 3}},
			{{Content: doc.Plain("Care")}, {Content: doc.Plain("9")}, {Content: doc.Plain("11")}},
		},
	}
	d := &doc.Document{Meta: doc.Meta{Title: "T", Language: "en-GB"}, Style: doc.DefaultStyle(), Blocks: []doc.Block{tbl}}
	path, _ := write(t, d)
	tt := checkTagged(t, d, path)
	var got []string
	for _, e := range tt.Elems {
		if e.Role != "TH" && e.Role != "TD" {
			continue
		}
		s := e.Role + " " + e.Text
		if a, ok := e.Dict["A"].(types.Dict); ok {
			for _, k := range []string{"Scope", "ColSpan", "RowSpan", "Headers"} {
				if v, ok := a[k]; ok {
					s += " " + k + "=" + v.String()
				}
			}
		}
		if id, ok := e.Dict["ID"]; ok {
			s += " id=" + id.String()
		}
		got = append(got, s)
	}
	want := []string{
		"TH Service Scope=Column RowSpan=2 id=(t1-h0-0)",
		"TH Complaints Scope=Column ColSpan=2 id=(t1-h0-1)",
		"TH 2019/20 Scope=Column id=(t1-h1-1)",
		"TH 2020/21 Scope=Column id=(t1-h1-2)",
		"TH Adults Scope=Row ColSpan=3 id=(t1-g0)",
		"TD Care Headers=[(t1-h0-0) (t1-g0)]",
		"TD 9 Headers=[(t1-h0-1) (t1-h1-1) (t1-g0)]",
		"TD 11 Headers=[(t1-h0-1) (t1-h1-2) (t1-g0)]",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("cells:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMatterhorn runs the PDF/UA-1 checker on papers of every shape the
// doctest trees have.
func TestMatterhorn(t *testing.T) {
	tooltest.Cpdf(t)
	stamped := doctest.Sample()
	stamped.Page.Stamp = "NOT FOR PUBLICATION: paragraph 1"
	stamped.Page.Draft = "DRAFT"
	logo := doctest.Sample()
	logo.Blocks = append([]doc.Block{doctest.Logo()}, logo.Blocks...)
	for name, d := range map[string]*doc.Document{"sample": doctest.Sample(), "stamped draft": stamped, "logo": logo} {
		path, _ := write(t, d)
		if out := tooltest.Matterhorn(t, path); out != "" {
			t.Errorf("%s: cpdf's PDF/UA-1 check reports:\n%s", name, out)
		}
	}
}

// TestStructText reads the tree back with pdfinfo -struct-text, as a
// reviewer would: headings and table cells in document order.
func TestStructText(t *testing.T) {
	tooltest.Require(t, "pdfinfo")
	path, _ := write(t, doctest.Sample())
	out := string(tooltest.Run(t, "pdfinfo", "-struct-text", path))
	last := -1
	for _, want := range []string{"H1 (block)", `"Purpose of Report"`, "TH", "TD", `"1. Executive Summary"`, "Figure", "Caption", `"Figure 1: Ombudsman enquiries by year"`} {
		i := strings.Index(out[last+1:], want)
		if i < 0 {
			t.Fatalf("pdfinfo -struct-text: %q missing or out of order after byte %d:\n%s", want, last, out)
		}
		last += 1 + i
	}
}

// TestTaggedHeadingLevels: the first heading is H1 and none skips a level,
// whatever levels the tree gives (an appendix's first heading is a
// subheading under its title).
func TestTaggedHeadingLevels(t *testing.T) {
	d := &doc.Document{Meta: doc.Meta{Title: "Appendix", Language: "en-GB"}, Style: doc.DefaultStyle(), Blocks: []doc.Block{
		&doc.Title{Text: "Appendix A"},
		&doc.Heading{Level: 2, Text: "What the letter says"},
		&doc.Heading{Level: 3, Text: "Upheld"},
		&doc.Heading{Level: 1, Number: "2", Text: "Details"},
		&doc.Heading{Level: 3, Text: "Minor"},
	}}
	path, _ := write(t, d)
	tt := checkTagged(t, d, path)
	var got []string
	for _, e := range tt.Elems {
		if strings.HasPrefix(e.Role, "H") {
			got = append(got, e.Role+" "+e.Text)
		}
	}
	want := "H1 What the letter says|H2 Upheld|H1 2. Details|H2 Minor"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("headings %s, want %s", g, want)
	}
}

// TestTaggedLinkAcrossLines: a link that wraps is one Link element, its
// text whole, with an annotation for each line.
func TestTaggedLinkAcrossLines(t *testing.T) {
	url := "https://www.lgo.org.uk/information-centre/reports/annual-review-reports"
	d := &doc.Document{Meta: doc.Meta{Title: "Links", Language: "en-GB"}, Style: doc.DefaultStyle(), Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{
			{Text: "The Ombudsman publishes "},
			{Text: "its annual review of local government complaints and the letters to every council in England", Link: url},
			{Text: " each July."},
		}},
	}}
	path, _ := write(t, d)
	tt := checkTagged(t, d, path)
	var links []*pdftags.Elem
	for _, e := range tt.Elems {
		if e.Role == "Link" {
			links = append(links, e)
		}
	}
	if len(links) != 1 {
		t.Fatalf("%d Link elements, want 1", len(links))
	}
	if got := strings.Join(strings.Fields(links[0].Text), " "); got != "its annual review of local government complaints and the letters to every council in England" {
		t.Errorf("Link text %q", got)
	}
	kids, _ := links[0].Dict["K"].(types.Array)
	objrs := 0
	for _, k := range kids {
		if d, ok := k.(types.Dict); ok && d.NameEntry("Type") != nil && *d.NameEntry("Type") == "OBJR" {
			objrs++
		}
	}
	if objrs < 2 {
		t.Errorf("%d annotations in the wrapped link, want one per line", objrs)
	}
}
