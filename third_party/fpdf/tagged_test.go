package fpdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/go-fonts/liberation/liberationsansregular"
)

// taggedSample draws a two-page document through the tagging calls: a
// mapped custom role, a heading, a paragraph continuing onto page 2 with a
// link in it, a figure with its box and alternative text, and footers
// drawn as artifacts afterwards on each page, as report/pdf draws them.
func taggedSample(tagged, compress bool) *Fpdf {
	f := New("P", "mm", "A4", "")
	f.SetCompression(compress)
	f.SetCatalogSort(true)
	date := time.Date(2021, 9, 22, 0, 0, 0, 0, time.UTC)
	f.SetCreationDate(date)
	f.SetModificationDate(date)
	f.SetTitle("Annual review & <letter>", true)
	f.SetAuthor("Priya Ashworth", true)
	f.SetLang("en-GB")
	f.SetTagged(tagged)
	f.AddRoleMap("Title", "P")
	f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
	f.SetAutoPageBreak(false, 0)
	f.AddPage()
	f.SetFont("sans", "", 12)
	f.BeginStruct("Document", nil)
	f.BeginStruct("Title", nil)
	f.Text(20, 20, "Committee")
	f.EndStruct()
	f.BeginArtifact("Layout", "")
	f.Line(20, 22, 190, 22)
	f.EndArtifact()
	f.BeginStruct("H1", &StructOptions{ID: "h-purpose"})
	f.Text(20, 30, "Purpose of Report")
	f.EndStruct()
	f.BeginStruct("P", nil)
	f.Text(20, 40, "The council received ")
	f.BeginStruct("Link", nil)
	f.Text(70, 40, "the letter")
	f.LinkStringDescribed(70, 36, 20, 5, "https://www.lgo.org.uk/", "the letter, https://www.lgo.org.uk/")
	f.EndStruct()
	f.AddPage()
	f.Text(20, 20, "and answered it.")
	f.EndStruct()
	fig := f.BeginStruct("Figure", &StructOptions{Alt: "A bar chart: 55 in 2020/21."})
	f.Rect(20, 30, 50, 40, "D")
	f.Text(25, 50, "55")
	f.SetStructBBox(fig, 20, 30, 50, 40)
	f.EndStruct()
	f.EndStruct()
	for p := 1; p <= 2; p++ {
		f.SetPage(p)
		f.BeginArtifact("Pagination", "Footer")
		f.Text(170, 290, "Page")
		f.EndArtifact()
	}
	return f
}

func output(t *testing.T, f *Fpdf) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestTaggingOffSameBytes checks that with tagging off the tagging calls
// write nothing: the document is byte for byte the one drawn without them.
func TestTaggingOffSameBytes(t *testing.T) {
	plain := func() *Fpdf {
		f := New("P", "mm", "A4", "")
		f.SetCatalogSort(true)
		date := time.Date(2021, 9, 22, 0, 0, 0, 0, time.UTC)
		f.SetCreationDate(date)
		f.SetModificationDate(date)
		f.SetTitle("Annual review & <letter>", true)
		f.SetAuthor("Priya Ashworth", true)
		f.SetLang("en-GB")
		f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
		f.SetAutoPageBreak(false, 0)
		f.AddPage()
		f.SetFont("sans", "", 12)
		f.Text(20, 20, "Committee")
		f.Line(20, 22, 190, 22)
		f.Text(20, 30, "Purpose of Report")
		f.Text(20, 40, "The council received ")
		f.Text(70, 40, "the letter")
		f.LinkString(70, 36, 20, 5, "https://www.lgo.org.uk/")
		f.AddPage()
		f.Text(20, 20, "and answered it.")
		f.Rect(20, 30, 50, 40, "D")
		f.Text(25, 50, "55")
		for p := 1; p <= 2; p++ {
			f.SetPage(p)
			f.Text(170, 290, "Page")
		}
		return f
	}
	for _, compress := range []bool{false, true} {
		want := plain()
		want.SetCompression(compress)
		if got, w := output(t, taggedSample(false, compress)), output(t, want); !bytes.Equal(got, w) {
			t.Errorf("compress %v: untagged output differs from the same drawing without tagging calls", compress)
		}
	}
}

// contentOps matches the painting operators of fpdf's content streams:
// text showing, rectangles, path painting.
var contentOps = regexp.MustCompile(`(?m)( Tj| TJ| re [fFSsBb]?| [fSsBb]\*?)$| [fSsBb] Q$| Tj ET`)

func TestTaggedStructure(t *testing.T) {
	pdf := string(output(t, taggedSample(true, false)))
	if !strings.HasPrefix(pdf, "%PDF-1.7\n") {
		t.Errorf("header %q, want PDF 1.7", pdf[:9])
	}
	// Every painting operator of each page sits inside a marked-content
	// sequence, and sequences balance.
	streams := regexp.MustCompile(`(?s)<</Length \d+>>\nstream\n(.*?)\nendstream`).FindAllStringSubmatch(pdf, -1)
	pages := 0
	for _, m := range streams {
		body := m[1]
		if !strings.Contains(body, " Td ") {
			continue // not a page
		}
		pages++
		depth := 0
		for _, ln := range strings.Split(body, "\n") {
			switch {
			case strings.HasSuffix(ln, " BDC"), strings.HasSuffix(ln, " BMC"):
				depth++
			case ln == "EMC":
				depth--
				if depth < 0 {
					t.Fatalf("page %d: EMC without a sequence", pages)
				}
			case contentOps.MatchString(ln) && depth == 0:
				t.Errorf("page %d: %q is neither tagged nor an artifact", pages, ln)
			}
		}
		if depth != 0 {
			t.Errorf("page %d: %d sequences left open", pages, depth)
		}
	}
	if pages != 2 {
		t.Fatalf("found %d page streams, want 2", pages)
	}
	for _, want := range []string{
		"/Title <</MCID 0>> BDC", "/H1 <</MCID 1>> BDC", "/Link <</MCID 3>> BDC",
		"/Artifact <</Type /Layout>> BDC", "/Artifact <</Type /Pagination /Subtype /Footer>> BDC",
		// The paragraph continues on page 2 as the same element.
		"/P <</MCID 0>> BDC",
		"/Type /StructTreeRoot", "/ParentTreeNextKey 3", "/StructParents 1", "/Tabs /S",
		"/StructParent 2", "/Type /OBJR", "/Type /MCR", "/RoleMap <</Title /P >>",
		"/IDTree <</Names [(h-purpose)", "/ID (h-purpose)",
		"/Alt (A bar chart: 55 in 2020/21.)", "/O /Layout /BBox [56.69 643.46 198.43 756.85]",
		"/Contents (the letter, https://www.lgo.org.uk/)",
		"/MarkInfo <</Marked true>>", "/ViewerPreferences <</DisplayDocTitle true>>",
		"<pdfuaid:part>1</pdfuaid:part>", "<rdf:li xml:lang=\"x-default\">Annual review &amp; &lt;letter&gt;</rdf:li>",
		"<dc:creator><rdf:Seq><rdf:li>Priya Ashworth</rdf:li>", "<rdf:li>en-GB</rdf:li>",
		"<0043> <0043>", // C of "Committee"
	} {
		if !strings.Contains(pdf, want) {
			t.Errorf("tagged output lacks %q", want)
		}
	}
	for _, bad := range []string{"<0000> <FFFF> <0000>", "<0000> <0000>"} {
		if strings.Contains(pdf, bad) {
			t.Errorf("tagged output has %q", bad)
		}
	}
	// The paragraph: its page-1 text, then the link element, then the
	// page-2 text through a marked-content reference.
	if !regexp.MustCompile(`/S /P /P \d+ 0 R /Pg \d+ 0 R /K \[2 \d+ 0 R <</Type /MCR /Pg \d+ 0 R /MCID 0>> \]`).MatchString(pdf) {
		t.Error("the paragraph is not one element across the page break")
	}
	if !regexp.MustCompile(`/S /Link /P \d+ 0 R /Pg \d+ 0 R /K \[3 <</Type /OBJR /Obj \d+ 0 R /Pg \d+ 0 R>> \]`).MatchString(pdf) {
		t.Error("the link element does not hold its text and its annotation")
	}
}

func TestTaggingMisuse(t *testing.T) {
	for _, tc := range []struct {
		name string
		draw func(f *Fpdf)
		want string
	}{
		{"unmapped role", func(f *Fpdf) { f.BeginStruct("Banner", nil) }, `"Banner" is neither standard nor role-mapped`},
		{"end without begin", func(f *Fpdf) { f.EndStruct() }, "EndStruct without an open structure element"},
		{"end artifact as element", func(f *Fpdf) { f.BeginArtifact("Layout", ""); f.EndStruct() }, "EndStruct without"},
		{"left open", func(f *Fpdf) { f.BeginStruct("P", nil) }, "1 structure elements or artifacts left open"},
		{"element in artifact", func(f *Fpdf) { f.BeginArtifact("", ""); f.BeginStruct("P", nil) }, "opened inside an artifact"},
		{"duplicate id", func(f *Fpdf) {
			f.BeginStruct("P", &StructOptions{ID: "a"})
			f.EndStruct()
			f.BeginStruct("P", &StructOptions{ID: "a"})
		}, `ID "a" used twice`},
		{"link outside element", func(f *Fpdf) { f.LinkStringDescribed(0, 0, 1, 1, "https://x.example/", "x") }, "needs an open structure element"},
	} {
		f := New("P", "mm", "A4", "")
		f.SetTagged(true)
		f.AddPage()
		tc.draw(f)
		var b bytes.Buffer
		err := f.Output(&b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
	f := New("P", "mm", "A4", "")
	f.AddPage()
	f.SetTagged(true)
	if f.Error() == nil {
		t.Error("SetTagged after the first page: no error")
	}
}
