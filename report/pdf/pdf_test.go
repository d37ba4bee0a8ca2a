package pdf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// write renders d to a temporary file and returns its path.
func write(t *testing.T, d *doc.Document) (string, Info) {
	t.Helper()
	var buf bytes.Buffer
	info, err := Write(&buf, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if out := os.Getenv("PDF_OUT"); out != "" {
		os.WriteFile(out, buf.Bytes(), 0o644)
	}
	return path, info
}

func TestSampleReadsBack(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	path, info := write(t, doctest.Sample())
	if info.Pages < 4 {
		t.Fatalf("sample should run to several pages, got %d", info.Pages)
	}
	all := string(tooltest.Run(t, "pdftotext", path, "-"))
	for _, want := range []string{
		"Kingsbridge City Council", "Audit and Governance Committee",
		"Date of meeting:", "14 December 2026", "Confidentiality:", "Part I - Official",
		"Purpose of Report", "1. Executive Summary", "2. Details of the Report",
		"2.1", "2.30", "3.1", "Table 1: Ombudsman enquiries answered on time",
		"Figure 1: Ombudsman enquiries by year",
		// Characters councils' papers contain, extracted as themselves.
		"£1,250", "–", "Ombudsman’s", "café", "ŵ", "✓",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for p := 1; p <= info.Pages; p++ {
		text := tooltest.PageText(t, path, p)
		lines := nonEmptyLines(text)
		if len(lines) < 2 {
			t.Fatalf("page %d is empty", p)
		}
		if !strings.Contains(lines[0], "OFFICIAL") || !strings.Contains(lines[len(lines)-1], "OFFICIAL") {
			t.Errorf("page %d: marking not at top and bottom: first %q last %q", p, lines[0], lines[len(lines)-1])
		}
		if want := fmt.Sprintf("Page %d of %d", p, info.Pages); !strings.Contains(lines[len(lines)-1], want) {
			t.Errorf("page %d: footer %q lacks %q", p, lines[len(lines)-1], want)
		}
		hasTitle := strings.Contains(text, "Analysis of the Ombudsman’s Annual Review Letter 2025/26\n")
		if p == 1 && strings.Contains(lines[1], "Annual Review Letter") {
			t.Errorf("running title printed on page 1")
		}
		if p > 1 && !hasTitle {
			t.Errorf("page %d: running title missing", p)
		}
	}
}

func nonEmptyLines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// TestTableHeaderRepeats checks the long table's header row is printed at
// the top of every page the table crosses.
func TestTableHeaderRepeats(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	d := doctest.Sample()
	path, info := write(t, d)
	pagesWithRows := 0
	for p := 1; p <= info.Pages; p++ {
		text := tooltest.PageText(t, path, p)
		if !regexp.MustCompile(`Month \d+ `).MatchString(text) {
			continue
		}
		pagesWithRows++
		if !regexp.MustCompile(`Month\s+Received\s+On time`).MatchString(text) {
			t.Errorf("page %d has table rows but no repeated header", p)
		}
	}
	if pagesWithRows < 2 {
		t.Fatalf("the long table should cross pages; found rows on %d page(s)", pagesWithRows)
	}
}

// TestHeadingNeverAloneAtFoot fills a page so that a heading would land on
// its last line, and checks it moved to the next page with its paragraph.
func TestHeadingNeverAloneAtFoot(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	for extra := 0; extra < 6; extra++ {
		d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Number: "Page {page} of {pages}"}}
		for i := 0; i < 33+extra; i++ {
			d.Blocks = append(d.Blocks, &doc.Paragraph{Content: doc.Plain(fmt.Sprintf("Line %d.", i))})
		}
		d.Blocks = append(d.Blocks,
			&doc.Heading{Level: 1, Number: "9", Text: "Kept Heading"},
			&doc.Paragraph{Content: doc.Plain("Body after the heading, long enough to wrap over two lines of text on an A4 page with the standard margins, so both lines must follow the heading.")},
		)
		path, info := write(t, d)
		for p := 1; p <= info.Pages; p++ {
			text := tooltest.PageText(t, path, p)
			if strings.Contains(text, "9. Kept Heading") && !strings.Contains(text, "Body after the heading") {
				t.Fatalf("extra=%d: heading alone on page %d:\n%s", extra, p, text)
			}
		}
	}
}

// TestFormTableKeptTogether fills a page so that a sign-off style form
// table would start near its foot, and checks the table is never split:
// all its rows, and its heading, land on one page.
func TestFormTableKeptTogether(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	form := &doc.Table{Kind: doc.Form, Columns: []doc.Column{{Width: 1}, {Width: 2}}}
	for i := 1; i <= 6; i++ {
		form.Rows = append(form.Rows, []doc.Cell{{Content: doc.Bold(fmt.Sprintf("Form row %d", i))}, {Content: doc.Plain("value")}})
	}
	for extra := 0; extra < 8; extra++ {
		d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Number: "Page {page} of {pages}"}}
		for i := 0; i < 26+extra; i++ {
			d.Blocks = append(d.Blocks, &doc.Paragraph{Content: doc.Plain(fmt.Sprintf("Line %d.", i))})
		}
		d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: "Sign off"}, form)
		path, info := write(t, d)
		found := false
		for p := 1; p <= info.Pages; p++ {
			text := tooltest.PageText(t, path, p)
			n := strings.Count(text, "Form row")
			if n == 0 {
				continue
			}
			found = true
			if n != 6 || !strings.Contains(text, "Sign off") {
				t.Fatalf("extra=%d: page %d holds %d of the 6 form rows (heading there: %v):\n%s", extra, p, n, strings.Contains(text, "Sign off"), text)
			}
		}
		if !found {
			t.Fatalf("extra=%d: form table not printed", extra)
		}
	}
}

func TestDraftAndStamp(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	d := doctest.Sample()
	d.Page.Draft = "DRAFT"
	d.Page.Stamp = "NOT FOR PUBLICATION by virtue of paragraph 3"
	d.Page.Number = "Page {page}"
	d.Page.FirstNumber = 41
	path, info := write(t, d)
	for p := 1; p <= info.Pages; p++ {
		text := tooltest.PageText(t, path, p)
		for _, want := range []string{"DRAFT", "NOT FOR PUBLICATION by virtue of paragraph 3", fmt.Sprintf("Page %d\n", 40+p)} {
			if !strings.Contains(text, want) {
				t.Errorf("page %d lacks %q", p, want)
			}
		}
		if strings.Contains(text, " of ") && regexp.MustCompile(`Page \d+ of`).MatchString(text) {
			t.Errorf("page %d: PageOnly numbering printed a total", p)
		}
	}
}

func TestFontsEmbeddedSubsetAndNoImages(t *testing.T) {
	tooltest.Require(t, "pdffonts")
	path, _ := write(t, doctest.Sample())
	fonts := string(tooltest.Run(t, "pdffonts", path))
	lines := nonEmptyLines(fonts)[2:]
	if len(lines) == 0 {
		t.Fatal("no fonts listed")
	}
	for _, l := range lines {
		f := strings.Fields(l)
		// name type... encoding emb sub uni id gen
		n := len(f)
		if f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" {
			t.Errorf("font not embedded, subset and mapped to Unicode: %s", l)
		}
		if !strings.Contains(f[0], "+LiberationSans") && !strings.Contains(f[0], "+DejaVuSans") {
			t.Errorf("unexpected font %s", f[0])
		}
	}
	images := nonEmptyLines(string(tooltest.Run(t, "pdfimages", "-list", path)))
	if len(images) > 2 {
		t.Errorf("charts must be vectors, found images:\n%s", strings.Join(images, "\n"))
	}
}

func TestMetadataAndChecks(t *testing.T) {
	tooltest.Require(t, "pdfinfo")
	path, _ := write(t, doctest.Sample())
	info := string(tooltest.Run(t, "pdfinfo", path))
	for _, want := range []string{
		"Title:           Analysis of the Ombudsman’s Annual Review Letter 2025/26",
		"Author:          Morwenna Tregothnan (Complaints Manager)",
		"Subject:         Audit and Governance Committee, 14 December 2026",
		"CreationDate:    Fri Dec  4 00:00:00 2026 UTC",
		"Page size:       595.28 x 841.89 pts (A4)",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	raw, _ := os.ReadFile(path)
	if !bytes.Contains(raw, []byte("/Lang (en-GB)")) {
		t.Error("document language not set")
	}
	tooltest.Run(t, "qpdf", "--check", path)
}

func TestBookmarks(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Write(&buf, doctest.Sample()); err != nil {
		t.Fatal(err)
	}
	bms, err := api.Bookmarks(bytes.NewReader(buf.Bytes()), model.NewDefaultConfiguration())
	if err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, b := range bms {
		titles = append(titles, b.Title)
		for _, k := range b.Kids {
			titles = append(titles, "  "+k.Title)
		}
	}
	got := strings.Join(titles, "\n")
	for _, want := range []string{"Purpose of Report", "1. Executive Summary", "2. Details of the Report", "  Number of Cases", "3. Equalities Implications"} {
		if !strings.Contains(got, want) {
			t.Errorf("bookmarks lack %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "A minor heading") {
		t.Error("level 3 headings should not be bookmarks")
	}
}

func TestChartLabelsAreText(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	path, _ := write(t, doctest.Sample())
	all := string(tooltest.Run(t, "pdftotext", path, "-"))
	for _, want := range []string{"2018/19", "2019/20", "2020/21", "Ombudsman enquiries"} {
		if !strings.Contains(all, want) {
			t.Errorf("chart label %q not extractable as text", want)
		}
	}
	// The alternative text is the Figure's /Alt, not text on the page
	// (TestTaggedSample).
	if strings.Contains(all, "Bar chart: Ombudsman enquiries 2018/19 47") {
		t.Error("figure alternative text is drawn as page text")
	}
}

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if _, err := Write(&a, doctest.Sample()); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(&b, doctest.Sample()); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two writes of the same tree differ")
	}
}

func TestInvalidTreesAreErrors(t *testing.T) {
	tests := []struct {
		name string
		d    *doc.Document
	}{
		{"nil block", &doc.Document{Blocks: []doc.Block{nil}}},
		{"ragged table", &doc.Document{Blocks: []doc.Block{&doc.Table{Columns: []doc.Column{{}, {}}, Rows: [][]doc.Cell{{{}}}}}}},
		{"heading level", &doc.Document{Blocks: []doc.Block{&doc.Heading{Level: 7}}}},
		{"figure without alt", &doc.Document{Blocks: []doc.Block{&doc.Figure{Graphic: doctest.BarGraphic()}}}},
	}
	for _, tt := range tests {
		if _, err := Write(&bytes.Buffer{}, tt.d); err == nil {
			t.Errorf("%s: expected an error", tt.name)
		}
	}
	if _, err := Write(&bytes.Buffer{}, nil); err == nil {
		t.Error("nil document: expected an error")
	}
}

// TestHostileText feeds text no paper should contain: control characters,
// very long words, empty runs, characters no font has.
func TestHostileText(t *testing.T) {
	long := strings.Repeat("x", 3000)
	d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Marking: "OFFICIAL\x00\x1b", RunningTitle: long}, Blocks: []doc.Block{
		&doc.Paragraph{Content: []doc.Inline{{Text: "bell\x07 nul\x00 esc\x1b tab\t end"}, {}, {Break: true}, {Text: long}}},
		&doc.Paragraph{Content: doc.Plain("Private use \uE000 and emoji 🙂 and CJK 漢字")},
		&doc.Table{Columns: []doc.Column{{}}, Rows: [][]doc.Cell{{{Content: doc.Plain(strings.Repeat("word ", 2000))}}}},
	}}
	var buf bytes.Buffer
	if _, err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	if err := api.Validate(bytes.NewReader(buf.Bytes()), model.NewDefaultConfiguration()); err != nil {
		t.Fatalf("output does not validate: %v", err)
	}
}

func ExampleWrite() {
	d := &doc.Document{
		Meta:  doc.Meta{Title: "Complaints update", Language: "en-GB"},
		Page:  doc.Page{Marking: "OFFICIAL", Number: "Page {page} of {pages}"},
		Style: doc.DefaultStyle(),
		Blocks: []doc.Block{
			&doc.Heading{Level: 1, Number: "1", Text: "Summary"},
			&doc.NumberedParagraph{Label: "1.1", Blocks: []doc.Block{&doc.Paragraph{Content: doc.Plain("Complaints fell this year.")}}},
		},
	}
	var buf bytes.Buffer
	info, err := Write(&buf, d)
	fmt.Println(info.Pages, err, bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")))
	// Output: 1 <nil> true
}

// FuzzWrite feeds the writer arbitrary trees: it must return a PDF that
// pdfcpu can read, or an error, never panic.
func FuzzWrite(f *testing.F) {
	f.Add([]byte("\x05Title\x03Bob\x08OFFICIAL\x00\x01\x00\x02\x05\x02\x03abc\x06\x02\x02\x01\x03x"))
	f.Add([]byte{5, 3, 2, 1, 0, 9, 9, 9, 4, 4, 4, 4, 8, 8, 8, 8, 3, 3, 3, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		d := doctest.FromBytes(data)
		var buf bytes.Buffer
		if _, err := Write(&buf, d); err != nil {
			if strings.Contains(err.Error(), "internal error") {
				t.Fatalf("writer panicked: %v", err)
			}
			return
		}
		// Tagged throughout, whatever the tree.
		tree := readTagged(t, buf.Bytes())
		level := 0
		for _, e := range tree.Elems {
			if len(e.Role) == 2 && e.Role[0] == 'H' {
				n := int(e.Role[1] - '0')
				if n > level+1 {
					t.Errorf("%s after H%d: a heading level skipped", e.Role, level)
				}
				level = n
			}
		}
	})
}

// TestLongAddressesBreakAtSlashes checks that a web address too long for
// its line breaks after a slash or hyphen, not mid-word, and loses no
// character.
func TestLongAddressesBreakAtSlashes(t *testing.T) {
	url := "https://www.lgo.org.uk/information-centre/reports/annual-review-reports/local-government-complaint-reviews"
	for _, width := range []float64{40, 60, 85} {
		lines := wrap(nil, []doc.Inline{{Text: url, Link: url}}, "", 9, width)
		if len(lines) < 2 {
			t.Fatalf("width %v: not wrapped", width)
		}
		var joined strings.Builder
		for i, ln := range lines {
			var text strings.Builder
			for _, s := range ln.spans {
				text.WriteString(s.text)
			}
			if ln.w > width+1e-6 {
				t.Errorf("width %v: line %q is %.1f mm", width, text.String(), ln.w)
			}
			if i < len(lines)-1 && !strings.ContainsAny(text.String()[len(text.String())-1:], "/-.") {
				t.Errorf("width %v: line %q breaks mid-word", width, text.String())
			}
			joined.WriteString(text.String())
		}
		if joined.String() != url {
			t.Errorf("width %v: wrapped text %q", width, joined.String())
		}
	}
}

// TestOnlyUsedFontsEmbedded checks that a paper embeds the fonts it sets
// text in and no others: each embedded font costs file size and the time
// to subset and compress it.
func TestOnlyUsedFontsEmbedded(t *testing.T) {
	tooltest.Require(t, "pdffonts")
	tests := []struct {
		name  string
		runs  []doc.Inline
		fonts []string
	}{
		{"plain and bold", []doc.Inline{{Text: "Plain and "}, {Text: "bold", Bold: true}}, []string{"LiberationSans", "LiberationSansB"}},
		{"italic and a tick", []doc.Inline{{Text: "Italic ✓", Italic: true}}, []string{"DejaVuSans", "LiberationSans", "LiberationSansB", "LiberationSansI"}},
	}
	for _, tt := range tests {
		// The marking is bold and the page number regular on every page.
		d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Marking: "OFFICIAL"}, Blocks: []doc.Block{&doc.Paragraph{Content: tt.runs}}}
		path, _ := write(t, d)
		var got []string
		for _, l := range nonEmptyLines(string(tooltest.Run(t, "pdffonts", path)))[2:] {
			name := strings.Fields(l)[0]
			got = append(got, name[strings.IndexByte(name, '+')+1:])
		}
		sort.Strings(got)
		if strings.Join(got, " ") != strings.Join(tt.fonts, " ") {
			t.Errorf("%s: embedded fonts %v, want %v", tt.name, got, tt.fonts)
		}
	}
}

// TestOutlineWellFormed writes papers whose headings start below the top
// level or jump levels, and reads the outline back with qpdf: every item
// is reached once from the outline root through First and Next, each
// item's Parent is the node it hangs from (never itself), Last is the
// last child, and titles read back as written.
func TestOutlineWellFormed(t *testing.T) {
	tooltest.Require(t, "qpdf")
	h := func(level int, text string) doc.Block { return &doc.Heading{Level: level, Text: text} }
	tests := []struct {
		name     string
		headings []doc.Block
		want     string // the outline, two spaces per level
	}{
		{"starts at level 2", []doc.Block{h(2, "Ombudsman’s letter"), h(1, "Details"), h(2, "Escalation")},
			"Ombudsman’s letter\nDetails\n  Escalation\n"},
		{"only level 2", []doc.Block{h(2, "One"), h(2, "Two")}, "One\nTwo\n"},
		{"ordinary", []doc.Block{h(1, "Purpose"), h(2, "Sub"), h(2, "Sub two"), h(1, "Details"), h(2, "Sub three")},
			"Purpose\n  Sub\n  Sub two\nDetails\n  Sub three\n"},
		{"level 3 is not bookmarked", []doc.Block{h(1, "Top"), h(3, "Minor"), h(2, "Sub")}, "Top\n  Sub\n"},
	}
	for _, tt := range tests {
		d := &doc.Document{Style: doc.DefaultStyle(), Blocks: tt.headings}
		path, _ := write(t, d)
		got, problems := readOutline(t, path)
		for _, p := range problems {
			t.Errorf("%s: %s", tt.name, p)
		}
		if got != tt.want {
			t.Errorf("%s: outline\n%s\nwant\n%s", tt.name, got, tt.want)
		}
	}
}

// TestOutlineLevels checks outlineLevel on its own: first level 0, never
// more than one level deeper than the item before.
func TestOutlineLevels(t *testing.T) {
	tests := []struct{ in, want []int }{
		{[]int{1, 0, 1}, []int{0, 0, 1}},
		{[]int{0, 2, 2, 1, 0}, []int{0, 1, 1, 1, 0}},
		{[]int{3, 3}, []int{0, 0}},
		{[]int{0, 1, 2, 3, 1, 3}, []int{0, 1, 2, 3, 1, 2}},
		{[]int{0, 2, 1, 2}, []int{0, 1, 1, 2}},
	}
	for _, tt := range tests {
		w := &writer{}
		var got []int
		for _, l := range tt.in {
			got = append(got, w.outlineLevel(l))
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("levels %v became %v, want %v", tt.in, got, tt.want)
		}
	}
}

// readOutline walks a PDF's outline as qpdf's JSON shows its objects and
// returns it as indented titles, with every structural problem found.
func readOutline(t *testing.T, path string) (string, []string) {
	t.Helper()
	var js struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	var objs map[string]struct {
		Value map[string]any `json:"value"`
	}
	if err := json.Unmarshal(tooltest.Run(t, "qpdf", "--json", "--json-key=qpdf", path), &js); err != nil {
		t.Fatal(err)
	}
	if len(js.Qpdf) != 2 {
		t.Fatalf("qpdf JSON: %d parts, want 2", len(js.Qpdf))
	}
	if err := json.Unmarshal(js.Qpdf[1], &objs); err != nil {
		t.Fatal(err)
	}
	get := func(ref any) map[string]any {
		s, _ := ref.(string)
		return objs["obj:"+s].Value
	}
	var trailer map[string]any
	for k, o := range objs {
		if k == "trailer" {
			trailer = o.Value
		}
	}
	root := get(trailer["/Root"])
	outlinesRef, _ := root["/Outlines"].(string)
	items := 0
	for _, o := range objs {
		// Outline items: a title and a parent (the Info dictionary has
		// a title, pages have parents).
		_, title := o.Value["/Title"]
		_, parent := o.Value["/Parent"]
		if title && parent {
			items++
		}
	}
	var problems []string
	var out strings.Builder
	seen := map[string]bool{}
	var walk func(parent string, depth int)
	walk = func(parent string, depth int) {
		node := get(parent)
		ref, _ := node["/First"].(string)
		last := ""
		for ref != "" {
			if seen[ref] {
				problems = append(problems, "item "+ref+" reached twice")
				return
			}
			seen[ref] = true
			it := get(ref)
			for _, k := range []string{"/Parent", "/First", "/Last", "/Next", "/Prev"} {
				if it[k] == ref {
					problems = append(problems, fmt.Sprintf("item %s is its own %s", ref, k))
				}
			}
			if it["/Parent"] != parent {
				problems = append(problems, fmt.Sprintf("item %s has parent %v, hangs from %s", ref, it["/Parent"], parent))
			}
			title, _ := it["/Title"].(string)
			out.WriteString(strings.Repeat("  ", depth) + strings.TrimPrefix(title, "u:") + "\n")
			if it["/First"] != nil && it["/First"] != ref {
				walk(ref, depth+1)
			}
			last = ref
			ref, _ = it["/Next"].(string)
		}
		if node["/Last"] != nil && node["/Last"] != last {
			problems = append(problems, fmt.Sprintf("%s: Last is %v, its last child %s", parent, node["/Last"], last))
		}
	}
	if outlinesRef != "" {
		walk(outlinesRef, 0)
	}
	if len(seen) != items {
		problems = append(problems, fmt.Sprintf("%d outline items, %d reachable from the root", items, len(seen)))
	}
	return out.String(), problems
}

// TestStampClearOfBody prints exempt stamps of several lengths and reads
// the words' boxes back with pdftotext: the stamp is whole, on one line
// when it fits on one at the small text size, and the body starts well
// clear of its last line on every page, whatever its length.
func TestStampClearOfBody(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	const minGap = 6 / ptToMM // points between the stamp's last line and the body
	word := regexp.MustCompile(`<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>`)
	for _, tt := range []struct {
		stamp   string
		oneLine bool
	}{
		{"NOT FOR PUBLICATION by virtue of paragraph 3", true},
		{"NOT FOR PUBLICATION by virtue of paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972", true},
		{"NOT FOR PUBLICATION by virtue of paragraphs 1 and 3 of Part 1 of Schedule 12A to the Local Government Act 1972", false},
		{"NOT FOR PUBLICATION by virtue of paragraphs 1, 2, 3, 4, 5, 6 and 7 of Part 1 of Schedule 12A to the Local Government Act 1972, as the council’s monitoring officer has advised", false},
	} {
		d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Marking: "OFFICIAL-SENSITIVE", RunningTitle: "Running title", Stamp: tt.stamp}, Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: "Bodyheading"}, &doc.PageBreak{}, &doc.Heading{Level: 1, Text: "Bodyheading"},
		}}
		path, _ := write(t, d)
		pages := strings.Split(string(tooltest.Run(t, "pdftotext", "-bbox", path, "-")), "</page>")
		for p, page := range pages[:2] {
			var stamp []string
			stampBottom, bodyTop := 0.0, 0.0
			lines := map[string]bool{}
			for _, m := range word.FindAllStringSubmatch(page, -1) {
				var y0, y1 float64
				fmt.Sscan(m[1], &y0)
				fmt.Sscan(m[2], &y1)
				switch {
				case m[3] == "Bodyheading":
					bodyTop = y0
				case y0 > 35 && y0 < 200: // below the marking and running title
					stamp = append(stamp, m[3])
					stampBottom = max(stampBottom, y1)
					lines[m[1]] = true
				}
			}
			if got := strings.Join(stamp, " "); got != tt.stamp {
				t.Errorf("page %d: stamp %q, want %q", p+1, got, tt.stamp)
			}
			if tt.oneLine && len(lines) != 1 {
				t.Errorf("page %d: stamp %q on %d lines, want one", p+1, tt.stamp, len(lines))
			}
			if gap := bodyTop - stampBottom; gap < minGap {
				t.Errorf("page %d: stamp %q ends %.1f mm above the body, want at least %.0f mm", p+1, tt.stamp, gap*ptToMM, minGap*ptToMM)
			}
		}
	}
}
