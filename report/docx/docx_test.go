package docx

import (
	"bytes"
	"image/png"
	"math"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	cpng "github.com/paperhq/paper/report/canvas/png"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
)

// draftSample is the sample as an exempt draft, so every piece of page
// furniture is present.
func draftSample() *doc.Document {
	d := doctest.Sample()
	d.Page.Draft = "DRAFT"
	d.Page.Stamp = "NOT FOR PUBLICATION: paragraph 3 of Part 1 of Schedule 12A"
	d.Page.FirstNumber = 5
	return d
}

func TestPartsAreWellFormedAndDeclared(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    *doc.Document
		want []string
	}{
		{"sample", doctest.Sample(), []string{"word/header2.xml", "word/footer2.xml", "word/media/image1.png"}},
		{"draft", draftSample(), nil},
		{"no running title", newDoc(para("x")), nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := unpack(t, write(t, tc.d))
			for _, name := range append([]string{
				"[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
				"word/document.xml", "word/_rels/document.xml.rels", "word/styles.xml",
				"word/numbering.xml", "word/settings.xml", "word/fontTable.xml",
				"word/header1.xml", "word/footer1.xml",
			}, tc.want...) {
				if _, ok := p.parts[name]; !ok {
					t.Errorf("missing part %s", name)
				}
			}
			if p.names[0] != "[Content_Types].xml" {
				t.Errorf("first part is %s, want [Content_Types].xml", p.names[0])
			}
			for _, name := range p.names {
				if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
					p.xml(t, name)
				}
			}
			// Every part is typed: by an override or by its extension.
			types := p.xml(t, "[Content_Types].xml")
			overrides := map[string]bool{}
			for _, o := range types.all("Override") {
				overrides[o.attr["PartName"]] = true
				if _, ok := p.parts[strings.TrimPrefix(o.attr["PartName"], "/")]; !ok {
					t.Errorf("override for missing part %s", o.attr["PartName"])
				}
			}
			defaults := map[string]bool{}
			for _, d := range types.all("Default") {
				defaults[d.attr["Extension"]] = true
			}
			for _, name := range p.names[1:] {
				ext := strings.TrimPrefix(path.Ext(name), ".")
				if !overrides["/"+name] && !(defaults[ext] && (ext == "rels" || ext == "png" || ext == "svg" || ext == "xlsx")) {
					t.Errorf("part %s has no content type", name)
				}
			}
			// Every internal relationship points at a part.
			for _, relPart := range []string{"_rels/.rels", "word/_rels/document.xml.rels"} {
				dir := path.Dir(path.Dir(relPart))
				for _, r := range p.xml(t, relPart).all("Relationship") {
					if r.attr["TargetMode"] == "External" {
						continue
					}
					target := path.Join(dir, r.attr["Target"])
					if _, ok := p.parts[target]; !ok {
						t.Errorf("%s: %s points at missing %s", relPart, r.attr["Id"], target)
					}
				}
			}
		})
	}
}

// referenced collects the values of an attribute on elements named local.
func referenced(n *node, local string) []string {
	var out []string
	for _, e := range n.all(local) {
		out = append(out, e.attr["val"])
	}
	return out
}

func TestStylesReferencedExist(t *testing.T) {
	p := unpack(t, write(t, draftSample()))
	styles := p.xml(t, "word/styles.xml")
	defined := map[string]string{} // id -> type
	for _, s := range styles.all("style") {
		defined[s.attr["styleId"]] = s.attr["type"]
	}
	want := map[string]string{"pStyle": "paragraph", "rStyle": "character", "tblStyle": "table"}
	used := map[string]bool{}
	for _, part := range []string{"word/document.xml", "word/header1.xml", "word/header2.xml", "word/footer1.xml"} {
		root := p.xml(t, part)
		for elem, typ := range want {
			for _, id := range referenced(root, elem) {
				used[id] = true
				if got, ok := defined[id]; !ok {
					t.Errorf("%s: %s %q is not defined in styles.xml", part, elem, id)
				} else if got != typ {
					t.Errorf("%s: %s %q is a %s style", part, elem, id, got)
				}
			}
		}
	}
	for _, s := range styles.all("style") {
		for _, rel := range []string{"basedOn", "next"} {
			if r := s.first(rel); r != nil && defined[r.attr["val"]] == "" {
				t.Errorf("style %s: %s %q undefined", s.attr["styleId"], rel, r.attr["val"])
			}
		}
	}
	// The sample uses the styles a reader of the paper would look for.
	for _, id := range []string{"Title", "CouncilName", "Heading1", "Heading2", "Heading3", "Heading1Numbered",
		"NumberedParagraph", "ListNumber", "ListBullet", "ListNumber2", "Caption", "ExplanatoryNote", "CouncilTable",
		"TableText", "TableHeading", "FormHeading", "Strong", "Emphasis", "Hyperlink", "Header", "Footer",
		"RunningTitle", "ExemptStamp", "DraftMark", "ChartPicture"} {
		if !used[id] {
			t.Errorf("style %s not used by the sample", id)
		}
	}
	// Heading styles carry outline levels and keep with the next paragraph.
	for i, id := range []string{"Heading1", "Heading2", "Heading3"} {
		s := styleByID(t, styles, id)
		if o := s.first("outlineLvl"); o == nil || o.attr["val"] != strconv.Itoa(i) {
			t.Errorf("%s: outline level %v, want %d", id, o, i)
		}
		if !s.has("keepNext") {
			t.Errorf("%s: no keepNext", id)
		}
	}
	if !strings.Contains(string(p.parts["word/styles.xml"]), `w:ascii="Arial"`) {
		t.Error("house font Arial not in styles.xml")
	}
}

func TestNoDirectFormattingInBody(t *testing.T) {
	p := unpack(t, write(t, draftSample()))
	body := p.xml(t, "word/document.xml")
	for _, banned := range []string{"sz", "szCs", "color", "rFonts", "highlight", "u", "kern"} {
		if n := len(body.all(banned)); n > 0 {
			t.Errorf("document.xml has %d w:%s elements: typography belongs in styles", n, banned)
		}
	}
	// Paragraphs' only spacing is the gap above text that follows a table.
	for _, sp := range body.all("spacing") {
		if len(sp.attr) != 1 || sp.attr["before"] != "160" {
			t.Errorf("paragraph spacing %v in document.xml", sp.attr)
		}
	}
	// Runs may carry a character style and, for a second attribute, b/i.
	for _, rpr := range body.all("rPr") {
		for _, k := range rpr.kids {
			switch k.name {
			case "rStyle", "b", "bCs", "i", "iCs", "noProof":
			default:
				t.Errorf("run property w:%s in document.xml", k.name)
			}
		}
	}
}

func TestNumberingDefinitionsExist(t *testing.T) {
	p := unpack(t, write(t, doctest.Sample()))
	num := p.xml(t, "word/numbering.xml")
	abstract := map[string]bool{}
	for _, a := range num.all("abstractNum") {
		abstract[a.attr["abstractNumId"]] = true
	}
	nums := map[string]*node{}
	for _, n := range num.all("num") {
		nums[n.attr["numId"]] = n
		if id := n.first("abstractNumId").attr["val"]; !abstract[id] {
			t.Errorf("num %s uses undefined abstractNum %s", n.attr["numId"], id)
		}
	}
	for _, part := range []string{"word/document.xml", "word/styles.xml"} {
		for _, id := range referenced(p.xml(t, part), "numId") {
			if nums[id] == nil {
				t.Errorf("%s: numId %s undefined", part, id)
			}
		}
	}
	// Each ordered list has its own instance restarting at its start.
	body := p.xml(t, "word/document.xml")
	recs := findPara(t, body, "Note the Ombudsman")
	id := recs.first("numId").attr["val"]
	if o := nums[id].first("startOverride"); o == nil || o.attr["val"] != "1" {
		t.Errorf("recommendations list %s: no startOverride 1", id)
	}
	nested := findPara(t, body, "upheld decisions").first("numId").attr["val"]
	if nested == id {
		t.Error("two ordered lists share a numbering instance: the second would continue the first")
	}
}

func TestOrderedListHonoursStart(t *testing.T) {
	item := func(s string) doc.ListItem { return doc.ListItem{Blocks: []doc.Block{para(s)}} }
	d := newDoc(
		&doc.List{Ordered: true, Items: []doc.ListItem{item("a"), item("b")}},
		&doc.List{Ordered: true, Start: 4, Items: []doc.ListItem{item("d"), item("e")}},
	)
	p := unpack(t, write(t, d))
	body, num := p.xml(t, "word/document.xml"), p.xml(t, "word/numbering.xml")
	starts := map[string]string{}
	for _, n := range num.all("num") {
		if o := n.first("startOverride"); o != nil {
			starts[n.attr["numId"]] = o.attr["val"]
		}
	}
	for text, want := range map[string]string{"a": "1", "b": "1", "d": "4", "e": "4"} {
		id := findPara(t, body, text).first("numId").attr["val"]
		if starts[id] != want {
			t.Errorf("item %q: list starts at %q, want %s", text, starts[id], want)
		}
	}
}

func TestLabelsCount(t *testing.T) {
	h := func(n string) *doc.Heading { return &doc.Heading{Level: 1, Number: n, Text: "S" + n} }
	np := func(l string) *doc.NumberedParagraph { return &doc.NumberedParagraph{Label: l} }
	for _, tc := range []struct {
		name   string
		blocks []doc.Block
		want   bool
	}{
		{"empty", nil, true},
		{"sample", doctest.Sample().Blocks, true},
		{"unnumbered headings do not count", []doc.Block{&doc.Heading{Level: 1, Text: "Purpose"}, h("1"), np("1.1"), &doc.Heading{Level: 2, Text: "Sub"}, np("1.2"), h("2"), np("2.1")}, true},
		{"heading numbers skip", []doc.Block{h("1"), np("1.1"), h("3"), np("3.1")}, false},
		{"first section is 2", []doc.Block{h("2"), np("2.1")}, false},
		{"paragraph before any section", []doc.Block{np("0.1"), h("1")}, false},
		{"paragraph numbers skip", []doc.Block{h("1"), np("1.1"), np("1.3")}, false},
		{"paragraphs do not restart", []doc.Block{h("1"), np("1.1"), h("2"), np("2.2")}, false},
		{"heading with trailing dot", []doc.Block{h("1.")}, false},
		{"nested in a list counts in order", []doc.Block{h("1"), &doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{np("1.1")}}}}, np("1.2")}, true},
	} {
		if got := labelsCount(tc.blocks); got != tc.want {
			t.Errorf("%s: labelsCount = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestNumberingIsAutomaticOrLiteral(t *testing.T) {
	t.Run("labels count: Word numbers", func(t *testing.T) {
		p := unpack(t, write(t, doctest.Sample()))
		body := p.xml(t, "word/document.xml")
		np := findPara(t, body, "The Ombudsman investigates")
		if pStyle(np) != sNumbered || strings.Contains(np.plain(), "1.1") {
			t.Errorf("numbered paragraph: style %q text %q; want the style's numbering, no literal label", pStyle(np), np.plain())
		}
		h := findPara(t, body, "Details of the Report")
		if pStyle(h) != sHeading1Numbered || h.plain() != "Details of the Report" {
			t.Errorf("numbered heading: style %q text %q", pStyle(h), h.plain())
		}
		// Unnumbered headings are plain Heading 1: they take no number.
		if pStyle(findPara(t, body, "Purpose of Report")) != "Heading1" {
			t.Error("unnumbered heading not in Heading 1")
		}
		for id, lvl := range map[string]string{sHeading1Numbered: "0", sNumbered: "1"} {
			pr := styleByID(t, p.xml(t, "word/styles.xml"), id).first("numPr")
			if pr == nil || pr.first("numId").attr["val"] != "4" || pr.first("ilvl").attr["val"] != lvl {
				t.Errorf("style %s is not linked to level %s of the body list", id, lvl)
			}
		}
		num := string(p.parts["word/numbering.xml"])
		for _, want := range []string{`<w:lvlText w:val="%1."/>`, `<w:pStyle w:val="NumberedParagraph"/><w:lvlText w:val="%1.%2"/>`} {
			if !strings.Contains(num, want) {
				t.Errorf("numbering.xml lacks %s", want)
			}
		}
	})
	t.Run("labels break the rule: literal text", func(t *testing.T) {
		d := newDoc(
			&doc.Heading{Level: 1, Number: "4", Text: "Finance"},
			&doc.NumberedParagraph{Label: "4.1", Blocks: []doc.Block{para("Costs.")}},
			&doc.NumberedParagraph{Label: "4.7", Blocks: []doc.Block{para("More costs.")}},
		)
		p := unpack(t, write(t, d))
		body := p.xml(t, "word/document.xml")
		if got := findPara(t, body, "Finance").plain(); got != "4.\tFinance" {
			t.Errorf("heading text %q, want literal 4.<tab>Finance", got)
		}
		if got := findPara(t, body, "More costs").plain(); got != "4.7\tMore costs." {
			t.Errorf("paragraph text %q, want literal label", got)
		}
		if body.has("numPr") || strings.Contains(string(p.parts["word/styles.xml"]), `<w:numId w:val="4"/>`) {
			t.Error("literal labels but paragraphs still numbered: the document would show both")
		}
	})
}

func TestTables(t *testing.T) {
	p := unpack(t, write(t, doctest.Sample()))
	body := p.xml(t, "word/document.xml")
	tables := body.all("tbl")
	if len(tables) != 4 {
		t.Fatalf("%d tables, want 4 (facts, appendices, table 1, table 2)", len(tables))
	}
	textWidth := pageW - 2*twips(20)
	for i, tbl := range tables {
		if s := tbl.first("tblStyle"); s == nil || s.attr["val"] != sTable {
			t.Errorf("table %d: no Council Table style", i)
		}
		sum := 0
		for _, g := range tbl.all("gridCol") {
			n, _ := strconv.Atoi(g.attr["w"])
			sum += n
		}
		if sum != textWidth {
			t.Errorf("table %d: grid %d twips, want the text width %d", i, sum, textWidth)
		}
		for j, tr := range tbl.all("tr") {
			if !tr.has("cantSplit") {
				t.Errorf("table %d row %d: may split across pages", i, j)
			}
		}
	}
	headerRows := func(tbl *node) (n int) {
		for _, tr := range tbl.all("tr") {
			if tr.has("tblHeader") {
				n++
			}
		}
		return n
	}
	for _, tc := range []struct {
		i             int
		caption, desc string
		header        int
	}{
		{0, "", "Report details", 1}, // the first fact marks the table as headed
		{1, "", "Appendices with exemption paragraphs", 2},
		{2, "Table 1: Ombudsman enquiries answered on time", "Enquiries per year: 2018/19 47 (34%), 2019/20 36 (53%), 2020/21 39 (69%)", 1},
		{3, "Table 2: Complaints by month", "Complaints by month", 1},
	} {
		tbl := tables[tc.i]
		if got := attrOf(tbl.first("tblCaption")); got != tc.caption {
			t.Errorf("table %d: tblCaption %q, want %q", tc.i, got, tc.caption)
		}
		if got := attrOf(tbl.first("tblDescription")); got != tc.desc {
			t.Errorf("table %d: tblDescription %q, want %q", tc.i, got, tc.desc)
		}
		if got := headerRows(tbl); got != tc.header {
			t.Errorf("table %d: %d header rows, want %d", tc.i, got, tc.header)
		}
		// Header rows come first.
		for j, tr := range tbl.all("tr") {
			if tr.has("tblHeader") != (j < tc.header) {
				t.Errorf("table %d row %d: tblHeader %v", tc.i, j, tr.has("tblHeader"))
			}
		}
	}
	// The form table's spanned header cell covers the seven tick columns,
	// and its second header row is shaded like the first.
	form := tables[1]
	if g := form.first("gridSpan"); g == nil || g.attr["val"] != "7" {
		t.Error("form table: no gridSpan 7")
	}
	if shd := form.all("tr")[1].first("shd"); shd == nil || shd.attr["fill"] != "D9E2F3" {
		t.Error("form table: second header row not shaded with HeaderFill")
	}
	// Its lead header cells ("Ref.", "Title of Appendix") are merged down
	// over the empty cells beneath them, not followed by empty header
	// cells; the tick-column headers are not merged.
	var merges []string
	for _, tr := range form.all("tr")[:2] {
		for _, tc := range tr.all("tc") {
			m := "-"
			if v := tc.first("vMerge"); v != nil {
				m = v.attr["val"]
				if m == "" {
					m = "continue"
				}
			}
			merges = append(merges, m)
		}
	}
	if got, want := strings.Join(merges, " "), "restart restart - continue continue - - - - - - -"; got != want {
		t.Errorf("form table header merges: %s, want %s", got, want)
	}
	// Captions sit above their tables, in Caption, kept with the table.
	c := findPara(t, body, "Table 1: Ombudsman")
	if pStyle(c) != sCaption || !c.has("keepNext") {
		t.Errorf("table caption: style %q keepNext %v", pStyle(c), c.has("keepNext"))
	}
	// Facts labels are Strong; numbers right-aligned by paragraph jc.
	facts := tables[0]
	if r := facts.all("tc")[0].first("rStyle"); r == nil || r.attr["val"] != sStrong {
		t.Error("facts label not Strong")
	}
	if jc := tables[2].all("tr")[1].all("tc")[1].first("jc"); jc == nil || jc.attr["val"] != "right" {
		t.Error("right-aligned column cell has no jc right")
	}
}

func attrOf(n *node) string {
	if n == nil {
		return ""
	}
	return n.attr["val"]
}

func TestEmptyTablesAreNotWritten(t *testing.T) {
	d := newDoc(
		&doc.Table{Label: "Table 1", Caption: "Nothing yet", Columns: []doc.Column{{}}},
		&doc.Table{Kind: doc.KeyValue, Columns: []doc.Column{{Width: 35}, {Width: 65}}},
		para("after"),
	)
	p := unpack(t, write(t, d))
	body := p.xml(t, "word/document.xml")
	if body.has("tbl") {
		t.Error("a table without rows was written: Word rejects w:tbl without w:tr")
	}
	findPara(t, body, "Table 1: Nothing yet")
}

func TestAdjacentTablesStaySeparate(t *testing.T) {
	tbl := func() *doc.Table {
		return &doc.Table{Columns: []doc.Column{{}}, Rows: [][]doc.Cell{{{Content: doc.Plain("x")}}}}
	}
	p := unpack(t, write(t, newDoc(tbl(), tbl())))
	body := p.xml(t, "word/document.xml").first("body")
	var kinds []string
	for _, k := range body.kids {
		kinds = append(kinds, k.name)
	}
	if got := strings.Join(kinds, " "); got != "tbl p tbl sectPr" {
		t.Errorf("body is %q: Word merges tables that touch", got)
	}
}

func TestCoreProperties(t *testing.T) {
	p := unpack(t, write(t, doctest.Sample()))
	core := p.xml(t, "docProps/core.xml")
	for elem, want := range map[string]string{
		"title":    "Analysis of the Ombudsman’s Annual Review Letter 2025/26",
		"creator":  "Morwenna Tregothnan (Complaints Manager)",
		"subject":  "Audit and Governance Committee, 14 December 2026",
		"language": "en-GB",
		"keywords": "complaints, Ombudsman",
		"created":  "2026-12-04T00:00:00Z",
		"modified": "2026-12-04T00:00:00Z",
	} {
		n := core.first(elem)
		if n == nil || n.text.String() != want {
			t.Errorf("core %s = %v, want %q", elem, n, want)
		}
	}
	d := doctest.Sample()
	d.Meta.Date = time.Time{}
	core = unpack(t, write(t, d)).xml(t, "docProps/core.xml")
	if core.has("created") || core.has("modified") {
		t.Error("zero date written: it must be omitted, never the wall clock")
	}
}

func TestSection(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(*doc.Document)
		check func(t *testing.T, s *node)
	}{
		{"A4 and margins", func(d *doc.Document) { d.Style.Margins = [4]float64{25, 20, 15, 30} }, func(t *testing.T, s *node) {
			sz, mar := s.first("pgSz"), s.first("pgMar")
			if sz.attr["w"] != "11906" || sz.attr["h"] != "16838" {
				t.Errorf("page %sx%s, want A4 11906x16838", sz.attr["w"], sz.attr["h"])
			}
			for side, mm := range map[string]float64{"top": 25, "right": 20, "bottom": 15, "left": 30} {
				if got := mar.attr[side]; got != strconv.Itoa(twips(mm)) {
					t.Errorf("margin %s %s twips, want %d", side, got, twips(mm))
				}
			}
		}},
		{"running title: different first page", func(d *doc.Document) { d.Page.RunningTitle = "Paper" }, func(t *testing.T, s *node) {
			if !s.has("titlePg") || len(s.all("headerReference")) != 2 {
				t.Error("no titlePg with first and default headers")
			}
		}},
		{"no running title: one header", func(d *doc.Document) {}, func(t *testing.T, s *node) {
			if s.has("titlePg") || len(s.all("headerReference")) != 1 {
				t.Error("first-page header without a running title")
			}
		}},
		{"first page number", func(d *doc.Document) { d.Page.FirstNumber = 17 }, func(t *testing.T, s *node) {
			if n := s.first("pgNumType"); n == nil || n.attr["start"] != "17" {
				t.Error("no pgNumType start 17")
			}
		}},
		{"absurd margins fall back", func(d *doc.Document) { d.Style.Margins = [4]float64{math.NaN(), 150, -1, 150} }, func(t *testing.T, s *node) {
			mar := s.first("pgMar")
			if mar.attr["top"] != strconv.Itoa(twips(20)) || mar.attr["left"] != strconv.Itoa(twips(20)) || mar.attr["bottom"] != strconv.Itoa(twips(20)) {
				t.Errorf("margins %v", mar.attr)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc(para("x"))
			tc.edit(d)
			tc.check(t, unpack(t, write(t, d)).xml(t, "word/document.xml").first("sectPr"))
		})
	}
}

func TestHeadersAndFooters(t *testing.T) {
	instr := func(n *node) (out []string) {
		for _, i := range n.all("instrText") {
			out = append(out, strings.TrimSpace(i.text.String()))
		}
		return out
	}
	for _, tc := range []struct {
		name   string
		page   doc.Page
		footer string
		fields []string
	}{
		{"page of total", doc.Page{Marking: "OFFICIAL", Number: "Page {page} of {pages}"}, "\tOFFICIAL\tPage 1 of 1", []string{"PAGE", "NUMPAGES"}},
		{"page only", doc.Page{Marking: "OFFICIAL", Number: "Page {page}", FirstNumber: 12}, "\tOFFICIAL\tPage 12", []string{"PAGE"}},
		{"no numbers", doc.Page{Marking: "OFFICIAL"}, "\tOFFICIAL", nil},
		{"no marking", doc.Page{Number: "Page {page}"}, "\t\tPage 1", []string{"PAGE"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := newDoc(para("x"))
			d.Page = tc.page
			f := unpack(t, write(t, d)).xml(t, "word/footer1.xml")
			if got := f.plain(); got != tc.footer {
				t.Errorf("footer %q, want %q", got, tc.footer)
			}
			if got := instr(f); !slices.Equal(got, tc.fields) {
				t.Errorf("fields %v, want %v", got, tc.fields)
			}
		})
	}
	p := unpack(t, write(t, draftSample()))
	def, first := p.xml(t, "word/header1.xml"), p.xml(t, "word/header2.xml")
	if !strings.Contains(def.plain(), "Analysis of the Ombudsman’s Annual Review Letter") {
		t.Error("running title missing from the default header")
	}
	if strings.Contains(first.plain(), "Analysis of the Ombudsman") {
		t.Error("running title on the first page")
	}
	for name, h := range map[string]*node{"default": def, "first": first} {
		text := h.plain()
		for _, want := range []string{"OFFICIAL", "DRAFT", "NOT FOR PUBLICATION"} {
			if !strings.Contains(text, want) {
				t.Errorf("%s header lacks %q: %q", name, want, text)
			}
		}
		tp := h.first("textpath")
		shapes := h.all("shape")
		if len(shapes) != 1 || !strings.HasPrefix(shapes[0].attr["id"], "PowerPlusWaterMarkObject") {
			t.Errorf("%s header: no Word watermark shape", name)
		}
		if tp == nil || len(h.all("textpath")) != 2 || h.all("textpath")[1].attr["string"] != "DRAFT" {
			t.Errorf("%s header: watermark text is not DRAFT", name)
		}
		if s := findPara(t, h, "NOT FOR PUBLICATION"); pStyle(s) != sStamp {
			t.Errorf("%s header: stamp in %q, want Exempt Stamp", name, pStyle(s))
		}
	}
	if a, b := def.all("shape")[0].attr["id"], first.all("shape")[0].attr["id"]; a == b {
		t.Errorf("both headers' watermark shapes are %s", a)
	}
	d := doctest.Sample()
	if strings.Contains(string(unpack(t, write(t, d)).parts["word/header1.xml"]), "DRAFT") {
		t.Error("DRAFT in a final paper's header")
	}
}

func TestDeterministic(t *testing.T) {
	a, b := write(t, doctest.Sample()), write(t, doctest.Sample())
	if !bytes.Equal(a, b) {
		t.Fatal("two writes of the same tree differ")
	}
	for _, f := range unpack(t, a).files {
		if !f.Modified.Equal(time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("%s: modified %v, want the tree's date", f.Name, f.Modified)
		}
	}
	d := doctest.Sample()
	d.Meta.Date = time.Time{}
	for _, f := range unpack(t, write(t, d)).files {
		if f.Modified.UTC().Year() != 1980 {
			t.Errorf("%s: modified %v, want 1980-01-01 for a tree without a date", f.Name, f.Modified)
		}
	}
}

func TestControlCharactersGiveValidXML(t *testing.T) {
	bad := "a\x00b\x01c\x08d\x0be\x1bf\x7fg\u0085h\uFFFEi\uFFFFj\xed\xa0\x80k\xffl&<>\"'"
	want := "abcdefghijkl&<>\"'"
	cell := doc.Cell{Content: doc.Plain(bad)}
	d := &doc.Document{
		Meta: doc.Meta{Title: bad, Author: bad, Subject: bad, Keywords: []string{bad}, Language: bad},
		Page: doc.Page{Marking: bad, RunningTitle: bad, Stamp: bad, Draft: bad, Number: bad + "{page}" + bad + "{pages}"},
		Style: doc.Style{Font: "Ari\x00al", BodySize: math.NaN(), TitleSize: math.Inf(1), SmallSize: -3,
			Accent: "zzzzzz", HeaderFill: "12", Margins: [4]float64{math.Inf(1), 1e9, 0, 20}},
		Blocks: []doc.Block{
			&doc.Title{Kicker: bad, Text: bad},
			&doc.Heading{Level: 1, Number: "1", Text: bad, ID: bad},
			&doc.Paragraph{Content: []doc.Inline{{Text: bad, Bold: true, Italic: true, Link: "https://example.org/" + bad}, {Text: bad, Link: "#" + bad}}},
			&doc.NumberedParagraph{Label: bad, Blocks: []doc.Block{para(bad)}},
			&doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{para(bad)}}}},
			&doc.Table{Label: bad, Caption: bad, Description: bad, Columns: []doc.Column{{Width: math.NaN()}}, Header: [][]doc.Cell{{cell}}, Rows: [][]doc.Cell{{cell}}},
			&doc.Table{Kind: doc.KeyValue, Columns: []doc.Column{{Width: 35}, {Width: 65}}, Rows: [][]doc.Cell{{{Content: doc.Bold(bad)}, cell}}},
			&doc.Figure{Label: bad, Caption: bad, Alt: bad, Graphic: boxGraphic{40, 20}},
		},
	}
	p := unpack(t, write(t, d))
	for _, name := range p.names {
		if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
			p.xml(t, name)
		}
	}
	body := p.xml(t, "word/document.xml")
	if got := findPara(t, body, "abcdef").plain(); !strings.Contains(got, want) {
		t.Errorf("text %q: want the allowed characters kept: %q", got, want)
	}
	if got := body.first("docPr").attr["descr"]; got != want {
		t.Errorf("alt text %q, want %q", got, want)
	}
	if got := p.xml(t, "docProps/core.xml").first("title").text.String(); got != want {
		t.Errorf("core title %q, want %q", got, want)
	}
}

func TestPicture(t *testing.T) {
	for _, tc := range []struct {
		name    string
		width   float64 // Figure.Width, mm
		printed float64 // expected printed width, mm
	}{
		{"text width", 0, 170},
		{"80 mm", 80, 80},
		{"wider than the text", 400, 170},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fig := &doc.Figure{Label: "Figure 1", Caption: "Ombudsman enquiries by year", Alt: "Bar chart: 47, 36, 39",
				Width: tc.width, Graphic: doctest.BarGraphic(), Picture: true}
			p := unpack(t, write(t, newDoc(fig)))
			data, ok := p.parts["word/media/image1.png"]
			if !ok {
				t.Fatal("no media part")
			}
			cfg, err := png.DecodeConfig(bytes.NewReader(data))
			if err != nil {
				t.Fatalf("media is not a PNG: %v", err)
			}
			body := p.xml(t, "word/document.xml")
			ext := body.first("extent")
			cx, _ := strconv.ParseFloat(ext.attr["cx"], 64)
			cy, _ := strconv.ParseFloat(ext.attr["cy"], 64)
			if mm := cx / 36000; math.Abs(mm-tc.printed) > 0.1 {
				t.Errorf("printed width %.1f mm, want %.0f", mm, tc.printed)
			}
			if got, want := cy/cx, 360.0/640; math.Abs(got-want) > 0.001 {
				t.Errorf("aspect %.3f, want the graphic's %.3f", got, want)
			}
			dpi := float64(cfg.Width) / (cx / 914400)
			if cfg.Width < 1200 || dpi < 200 {
				t.Errorf("PNG %d px wide, %.0f dpi at its printed size: want ≥1200 px and ≥200 dpi", cfg.Width, dpi)
			}
			docPr, cNvPr := body.first("docPr"), body.first("cNvPr")
			if docPr.attr["descr"] != fig.Alt || cNvPr.attr["descr"] != fig.Alt {
				t.Errorf("descr %q / %q, want the Alt text", docPr.attr["descr"], cNvPr.attr["descr"])
			}
			if docPr.attr["title"] != fig.Caption {
				t.Errorf("title %q, want the caption", docPr.attr["title"])
			}
			// The picture is embedded by a relationship to the media part.
			embed := body.first("blip").attr["embed"]
			var target string
			for _, r := range p.xml(t, "word/_rels/document.xml.rels").all("Relationship") {
				if r.attr["Id"] == embed {
					target = r.attr["Target"]
				}
			}
			if target != "media/image1.png" {
				t.Errorf("blip %s targets %q", embed, target)
			}
			c := findPara(t, body, "Figure 1: Ombudsman enquiries by year")
			if pStyle(c) != sCaption {
				t.Errorf("figure caption in %q", pStyle(c))
			}
		})
	}
}

func TestFigureDataTableFollowsCaption(t *testing.T) {
	fig := &doc.Figure{Label: "Figure 1", Caption: "Cases", Alt: "Bar chart", Graphic: boxGraphic{64, 36},
		Data: &doc.Table{Columns: []doc.Column{{}, {}}, Header: [][]doc.Cell{{{Content: doc.Plain("Year")}, {Content: doc.Plain("Cases")}}},
			Rows: [][]doc.Cell{{{Content: doc.Plain("2020/21")}, {Content: doc.Plain("39")}}}}}
	body := unpack(t, write(t, newDoc(fig))).xml(t, "word/document.xml").first("body")
	var seq []string
	for _, k := range body.kids {
		if k.name == "p" {
			seq = append(seq, "p:"+pStyle(k))
		} else {
			seq = append(seq, k.name)
		}
	}
	if got := strings.Join(seq, " "); got != "p:ChartPicture p:Caption tbl sectPr" {
		t.Errorf("body %s", got)
	}
}

func TestHyperlinks(t *testing.T) {
	d := newDoc(
		&doc.Heading{Level: 1, Text: "Details", ID: "details-2"},
		&doc.Paragraph{Content: []doc.Inline{
			{Text: "the ", Link: "https://www.lgo.org.uk/"},
			{Text: "Ombudsman", Bold: true, Link: "https://www.lgo.org.uk/"},
			{Text: " and "},
			{Text: "again", Link: "https://www.lgo.org.uk/"},
			{Text: " mail", Link: "mailto:complaints@example.org"},
			{Text: " bad", Link: "javascript:alert(1)"},
			{Text: " see details", Link: "#details-2"},
			{Text: " missing", Link: "#nowhere"},
			{Break: true},
			{Text: "space", Link: "https://example.org/a b"},
			{Text: " odd mail", Link: "mailto:a b<c>@example.org?subject=50%"},
		}},
	)
	p := unpack(t, write(t, d))
	body := p.xml(t, "word/document.xml")
	rels := map[string]*node{}
	for _, r := range p.xml(t, "word/_rels/document.xml.rels").all("Relationship") {
		rels[r.attr["Id"]] = r
	}
	var targets []string
	for _, h := range body.all("hyperlink") {
		if a := h.attr["anchor"]; a != "" {
			targets = append(targets, "#"+a+" "+h.plain())
			continue
		}
		r := rels[h.attr["id"]]
		if r == nil || r.attr["TargetMode"] != "External" {
			t.Fatalf("hyperlink %s has no external relationship", h.attr["id"])
		}
		targets = append(targets, r.attr["Target"]+" "+h.plain())
		for _, rs := range h.all("rStyle") {
			if rs.attr["val"] != sHyperlink {
				t.Errorf("link run in %s", rs.attr["val"])
			}
		}
	}
	want := []string{
		"https://www.lgo.org.uk/ the Ombudsman",
		"https://www.lgo.org.uk/ again",
		"mailto:complaints@example.org  mail",
		"#details_2  see details",
		"https://example.org/a%20b space",
		"mailto:a%20b%3Cc%3E@example.org?subject=50%25  odd mail",
	}
	if !slices.Equal(targets, want) {
		t.Errorf("links\n%q\nwant\n%q", targets, want)
	}
	n := 0
	for _, r := range rels {
		if r.attr["Target"] == "https://www.lgo.org.uk/" {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d relationships for one URL, want 1", n)
	}
	if b := body.first("bookmarkStart"); b == nil || b.attr["name"] != "details_2" {
		t.Error("heading ID is not a bookmark")
	}
	text := findPara(t, body, "bad").plain()
	if !strings.Contains(text, " bad") || !strings.Contains(text, " missing\nspace") {
		t.Errorf("text of dropped links lost: %q", text)
	}
	// A bold link keeps its bold as w:b next to the Hyperlink style.
	for _, r := range body.all("r") {
		if r.plain() == "Ombudsman" && !r.has("b") {
			t.Error("bold link lost its bold")
		}
	}
}

func TestRunsUseCharacterStyles(t *testing.T) {
	d := newDoc(&doc.Paragraph{Content: []doc.Inline{
		{Text: "plain "}, {Text: "bold", Bold: true}, {Text: "italic", Italic: true}, {Text: "both", Bold: true, Italic: true},
		{Text: " two  spaces "},
	}})
	body := unpack(t, write(t, d)).xml(t, "word/document.xml")
	got := map[string]string{}
	for _, r := range body.all("r") {
		var props []string
		if rpr := r.first("rPr"); rpr != nil {
			for _, k := range rpr.kids {
				if k.name == "rStyle" {
					props = append(props, k.attr["val"])
				} else {
					props = append(props, k.name)
				}
			}
		}
		got[r.plain()] = strings.Join(props, ",")
	}
	for text, want := range map[string]string{"plain ": "", "bold": "Strong", "italic": "Emphasis", "both": "Strong,i,iCs", " two  spaces ": ""} {
		if got[text] != want {
			t.Errorf("run %q: %q, want %q", text, got[text], want)
		}
	}
	for _, tn := range body.all("t") {
		if s := tn.text.String(); needsPreserve(s) != (tn.attr["space"] == "preserve") {
			t.Errorf("w:t %q: xml:space %q", s, tn.attr["space"])
		}
	}
}

func TestListsIndentUnderNumberedParagraphs(t *testing.T) {
	p := unpack(t, write(t, doctest.Sample()))
	body, num := p.xml(t, "word/document.xml"), p.xml(t, "word/numbering.xml")
	abstractOf := map[string]string{}
	for _, n := range num.all("num") {
		abstractOf[n.attr["numId"]] = n.first("abstractNumId").attr["val"]
	}
	leftOf := func(abs string, ilvl string) int {
		for _, a := range num.all("abstractNum") {
			if a.attr["abstractNumId"] != abs {
				continue
			}
			for _, l := range a.all("lvl") {
				if l.attr["ilvl"] == ilvl {
					n, _ := strconv.Atoi(l.first("ind").attr["left"])
					return n
				}
			}
		}
		return -1
	}
	for _, tc := range []struct {
		text string
		min  int
	}{
		{"complaints referred", npIndent + 1}, // under 1.2
		{"upheld decisions", npIndent + listStep + 1},
		{"Note the Ombudsman", 1}, // at the margin
	} {
		np := findPara(t, body, tc.text)
		pr := np.first("numPr")
		left := leftOf(abstractOf[pr.first("numId").attr["val"]], pr.first("ilvl").attr["val"])
		if left < tc.min || (tc.min == 1 && left > listStep) {
			t.Errorf("%q: text indent %d twips, want ≥ %d", tc.text, left, tc.min)
		}
	}
	if s := pStyle(findPara(t, body, "upheld decisions")); s != "ListNumber2" {
		t.Errorf("nested ordered item in %q, want List Number 2", s)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		d    *doc.Document
		want string
	}{
		{"nil document", nil, "nil document"},
		{"bad heading level", newDoc(&doc.Heading{Level: 5, Text: "x"}), "level 5"},
		{"figure without alt", newDoc(&doc.Figure{Label: "Figure 1", Graphic: boxGraphic{10, 10}}), "alternative text"},
		{"graphic fails", newDoc(&doc.Figure{Label: "Figure 2", Alt: "a", Graphic: errGraphic{}}), "Figure 2: no data"},
		{"graphic panics", newDoc(&doc.Figure{Label: "Figure 3", Alt: "a", Graphic: panicGraphic{}}), "boom"},
		{"graphic too thin to draw", newDoc(&doc.Figure{Label: "Figure 4", Alt: "a", Graphic: thinGraphic{}}), "Figure 4: png: drawing size out of range"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := Write(&buf, tc.d)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one mentioning %q", err, tc.want)
			}
			if buf.Len() != 0 {
				t.Errorf("%d bytes written before the error", buf.Len())
			}
		})
	}
}

func TestTypedNilBlocksDoNotPanic(t *testing.T) {
	// d.Check lets typed nil pointers of some kinds through; the writer
	// skips them.
	d := newDoc((*doc.Title)(nil), (*doc.Paragraph)(nil), (*doc.PageBreak)(nil), para("x"))
	p := unpack(t, write(t, d))
	findPara(t, p.xml(t, "word/document.xml"), "x")
}

func TestScaledDrawingKeepsLayout(t *testing.T) {
	// Drawing at 1 pixel a millimetre and at the DOCX's resolution must
	// put the chart's ink in the same place, scaled: the layout does not
	// change with the resolution.
	g := doctest.BarGraphic()
	big, bw, _, err := renderPNG(g, 0) // 1,200 px
	if err != nil {
		t.Fatal(err)
	}
	small, err := cpng.Draw(g, 1)
	if err != nil {
		t.Fatal(err)
	}
	var flat bytes.Buffer // on white, as the DOCX has it
	if err := cpng.Encode(&flat, small); err != nil {
		t.Fatal(err)
	}
	one, err := png.Decode(&flat)
	if err != nil {
		t.Fatal(err)
	}
	gw, _ := g.Size()
	s := float64(bw) / gw
	img, err := png.Decode(bytes.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	box, base := inkBox(img), inkBox(one)
	for i, v := range []float64{float64(box.Min.X), float64(box.Min.Y), float64(box.Max.X), float64(box.Max.Y)} {
		want := []int{base.Min.X, base.Min.Y, base.Max.X, base.Max.Y}[i]
		if math.Abs(v/s-float64(want)) > 1.5 {
			t.Errorf("ink box %v at %.3f px/mm is %v at 1 px/mm: layout changed", box, s, base)
			break
		}
	}
}

func styleByID(t testing.TB, styles *node, id string) *node {
	t.Helper()
	for _, s := range styles.all("style") {
		if s.attr["styleId"] == id {
			return s
		}
	}
	t.Fatalf("no style %s", id)
	return nil
}

func TestStylesFollowHouseStyle(t *testing.T) {
	st := doc.DefaultStyle()
	st.Font = "Verdana"
	st.BodySize, st.TitleSize, st.SmallSize = 11, 24, 8
	st.HeadingSize = [3]float64{16, 13, 11.5}
	st.Accent, st.HeaderFill = "00704a", "E2EFDA"
	d := newDoc(para("x"))
	d.Style = st
	styles := unpack(t, write(t, d)).xml(t, "word/styles.xml")
	val := func(id, prop string) string {
		s := styleByID(t, styles, id)
		if n := s.first(prop); n != nil {
			if prop == "rFonts" {
				return n.attr["ascii"]
			}
			if prop == "shd" {
				return n.attr["fill"]
			}
			return n.attr["val"]
		}
		return ""
	}
	for _, tc := range []struct{ id, prop, want string }{
		{"Normal", "rFonts", "Verdana"},
		{"Normal", "sz", "22"},
		{"Title", "sz", "48"},
		{"Title", "color", "00704A"},
		{"Heading1", "sz", "32"},
		{"Heading2", "sz", "26"},
		{"Heading3", "sz", "23"},
		{"Heading1", "color", "00704A"},
		{"ExplanatoryNote", "sz", "16"},
		{"Header", "sz", "16"},
		{"TableText", "sz", "20"},
		{"CouncilTable", "shd", "E2EFDA"},
	} {
		if got := val(tc.id, tc.prop); got != tc.want {
			t.Errorf("%s %s = %q, want %q", tc.id, tc.prop, got, tc.want)
		}
	}
}

func TestNumberedParagraphContent(t *testing.T) {
	cell := doc.Cell{Content: doc.Plain("1,200")}
	d := newDoc(
		&doc.Heading{Level: 1, Number: "1", Text: "Finance"},
		&doc.NumberedParagraph{Label: "1.1", Blocks: []doc.Block{
			para("First."),
			para("Second paragraph of 1.1."),
			&doc.Table{Columns: []doc.Column{{}}, Rows: [][]doc.Cell{{cell}}},
			para("After the table."),
		}},
		&doc.NumberedParagraph{Label: "1.2", Blocks: []doc.Block{&doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{para("item")}}}}}},
	)
	body := unpack(t, write(t, d)).xml(t, "word/document.xml")
	if s := pStyle(findPara(t, body, "Second paragraph")); s != sNumberedCont {
		t.Errorf("second paragraph of a number in %q, want Numbered Paragraph Continue", s)
	}
	tbl := body.first("tbl")
	if in := tbl.first("tblInd"); in == nil || in.attr["w"] != strconv.Itoa(npIndent) {
		t.Error("table in a numbered paragraph not indented to its text")
	}
	if w := tbl.first("tblW").attr["w"]; w != strconv.Itoa(pageW-2*twips(20)-npIndent) {
		t.Errorf("table width %s, want the text width less the indent", w)
	}
	after := findPara(t, body, "After the table")
	if sp := after.first("spacing"); sp == nil || sp.attr["before"] != "160" {
		t.Error("no space between a table and the text under it")
	}
	if findPara(t, body, "First.").has("spacing") || findPara(t, body, "Second paragraph").has("spacing") {
		t.Error("space above a paragraph that does not follow a table")
	}
	// A numbered paragraph that opens with a list still gets its number.
	var labelled int
	for _, p := range paragraphs(body) {
		if pStyle(p) == sNumbered {
			labelled++
		}
	}
	if labelled != 2 {
		t.Errorf("%d Numbered Paragraph paragraphs, want 2", labelled)
	}
}
