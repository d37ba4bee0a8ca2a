package html_test

import (
	"bytes"
	"io"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	paperhtml "github.com/paperhq/paper/report/html"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pipeline"
)

var (
	example    = filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml")
	settlement = filepath.Join("..", "..", "examples", "meeting", "settlement", "report.yaml")
)

// exampleDoc lays out the example paper, as a web page in the
// example's own folder would link its appendices.
func exampleDoc(t testing.TB, draft bool) *doc.Document {
	t.Helper()
	p, errs := pipeline.Prepare(example, pipeline.Options{Draft: draft})
	if p == nil || errs.HasErrors() {
		t.Fatalf("prepare the example: %v", errs)
	}
	return p.Doc
}

// decisionDoc lays out the decision notice of the paper at def, its
// report's PDF linked as paper decision links it beside the paper's.
func decisionDoc(t testing.TB, def string) *doc.Document {
	t.Helper()
	return prepared(t, def).DecisionNotice(layout.File{Href: "report.pdf", Size: 90000})
}

// prepared is the paper at def, checked and laid out as paper build
// lays it out.
func prepared(t testing.TB, def string) *pipeline.Paper {
	t.Helper()
	p, errs := pipeline.Prepare(def, pipeline.Options{})
	if p == nil || errs.HasErrors() {
		t.Fatalf("prepare %s: %v", def, errs)
	}
	return p
}

// fixture is a tree with every block kind: the writers' sample, plus a
// figure with its table of figures behind details, ids on the numbered paragraphs and a
// reference to one, and the web page's words.
func fixture() *doc.Document {
	d := doctest.Sample()
	d.Web = doc.Web{Title: d.Meta.Title + " – Audit and Governance Committee", SkipLink: layout.SkipLink, ShowData: layout.ShowData}
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.NumberedParagraph:
			b.ID = layout.ParagraphID(b.Label)
		case *doc.Figure:
			b.WebData = &doc.Table{Description: "The figures shown in Figure 1", Columns: []doc.Column{{}, {Align: doc.Right}},
				Header: [][]doc.Cell{{{Content: doc.Plain("Year")}, {Content: doc.Plain("Enquiries")}}},
				Rows: [][]doc.Cell{{{Content: doc.Plain("2018/19")}, {Content: doc.Plain("47")}},
					{{Content: doc.Plain("2019/20")}, {Content: doc.Plain("36")}}}}
		}
		return true
	})
	d.Blocks = append(d.Blocks, &doc.Paragraph{Content: []doc.Inline{{Text: "As paragraph "}, {Text: "2.1", Ref: "para-2-1"}, {Text: " says."}}})
	return d
}

func write(t testing.TB, d *doc.Document) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := paperhtml.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func parse(t *testing.T, page []byte) *html.Node {
	t.Helper()
	n, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// all returns every element below n, in document order.
func all(n *html.Node) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				out = append(out, c)
			}
			walk(c)
		}
	}
	walk(n)
	return out
}

func text(n *html.Node) string {
	var sb strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			sb.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(sb.String()), " ")
}

func byTag(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for _, e := range all(n) {
		if e.Data == tag {
			out = append(out, e)
		}
	}
	return out
}

func ids(n *html.Node) map[string]*html.Node {
	m := map[string]*html.Node{}
	for _, e := range all(n) {
		if id, ok := attr(e, "id"); ok {
			m[id] = e
		}
	}
	return m
}

// TestPageStructure checks, on the example paper and on the fixture
// with every block kind, what a screen reader's user relies on: the
// language, the title, the skip link to main, the landmarks, one h1 and
// headings that never skip a level, tables with captions and scoped
// header cells, figures with a caption and an SVG named by its text,
// numbered paragraphs with their ids and numbers, internal links that
// arrive, and nothing fetched from anywhere.
func TestPageStructure(t *testing.T) {
	for name, d := range map[string]*doc.Document{"example": exampleDoc(t, false), "fixture": fixture()} {
		t.Run(name, func(t *testing.T) {
			page := write(t, d)
			root := parse(t, page)
			id := ids(root)
			htmlEl := byTag(root, "html")[0]
			if lang, _ := attr(htmlEl, "lang"); lang != "en-GB" {
				t.Errorf("lang = %q", lang)
			}
			if got := text(byTag(root, "title")[0]); got != d.Web.Title || got == "" {
				t.Errorf("title %q, want %q", got, d.Web.Title)
			}
			body := byTag(root, "body")[0]
			first := all(body)[0]
			if href, _ := attr(first, "href"); first.Data != "a" || text(first) != layout.SkipLink || id[strings.TrimPrefix(href, "#")] == nil || id[strings.TrimPrefix(href, "#")].Data != "main" {
				t.Errorf("the page's first element is <%s href=%q>%s, not a skip link to main", first.Data, href, text(first))
			}
			for _, tag := range []string{"header", "main", "footer"} {
				if n := len(byTag(root, tag)); n != 1 {
					t.Errorf("%d %s landmarks, want 1", n, tag)
				}
			}
			if h1 := byTag(root, "h1"); len(h1) != 1 || text(h1[0]) != d.Meta.Title {
				t.Errorf("h1s: %d, want 1 reading %q", len(h1), d.Meta.Title)
			}
			level := 0
			for _, e := range all(root) {
				if len(e.Data) == 2 && e.Data[0] == 'h' && e.Data[1] >= '1' && e.Data[1] <= '6' {
					l := int(e.Data[1] - '0')
					if l > level+1 {
						t.Errorf("<%s>%s</%s> skips a level after h%d", e.Data, text(e), e.Data, level)
					}
					level = l
				}
			}
			for _, tbl := range byTag(root, "table") {
				if c := byTag(tbl, "caption"); len(c) != 1 || text(c[0]) == "" {
					t.Errorf("a table without a caption: %.80s", text(tbl))
				}
				for _, th := range byTag(tbl, "th") {
					if s, _ := attr(th, "scope"); s != "col" && s != "row" {
						t.Errorf("th %q has scope %q", text(th), s)
					}
				}
				for _, cell := range append(byTag(tbl, "td"), byTag(tbl, "th")...) {
					if hs, ok := attr(cell, "headers"); ok {
						for _, h := range strings.Fields(hs) {
							if e := id[h]; e == nil || e.Data != "th" {
								t.Errorf("cell %q names header %q, which is no th", text(cell), h)
							}
						}
					}
				}
			}
			figures := byTag(root, "figure")
			if len(figures) == 0 {
				t.Fatal("no figures")
			}
			for _, f := range figures {
				svgs, caps := byTag(f, "svg"), byTag(f, "figcaption")
				if len(svgs) != 1 || len(caps) != 1 || text(caps[0]) == "" {
					t.Errorf("figure with %d svg and %d figcaption", len(svgs), len(caps))
					continue
				}
				s := svgs[0]
				if role, _ := attr(s, "role"); role != "img" {
					t.Errorf("svg role %q", role)
				}
				names, _ := attr(s, "aria-labelledby")
				var said []string
				for _, n := range strings.Fields(names) {
					if e := id[n]; e != nil && (e.Data == "title" || e.Data == "desc") && e.Parent == s {
						said = append(said, text(e))
					}
				}
				if len(said) != 2 || said[0] == "" || said[1] == "" {
					t.Errorf("svg named by %q, which gives %q, want its title and desc", names, said)
				}
			}
			var paras int
			doc.Walk(d.Blocks, func(b doc.Block) bool {
				if np, ok := b.(*doc.NumberedParagraph); ok {
					paras++
					e := id[np.ID]
					if np.ID == "" || e == nil || !strings.HasPrefix(text(e), np.Label+" ") {
						t.Errorf("numbered paragraph %s: id %q, element %v", np.Label, np.ID, e != nil)
					}
				}
				return true
			})
			if paras == 0 {
				t.Error("no numbered paragraphs")
			}
			internal := 0
			for _, a := range byTag(root, "a") {
				href, _ := attr(a, "href")
				if target, ok := strings.CutPrefix(href, "#"); ok {
					internal++
					if id[target] == nil {
						t.Errorf("link %q to #%s, which is not on the page", text(a), target)
					}
				}
			}
			if internal < 2 {
				t.Errorf("%d internal links, want the skip link and references", internal)
			}
			for _, e := range all(root) {
				switch e.Data {
				case "script", "link", "img", "iframe", "object", "embed":
					t.Errorf("the page has a <%s>", e.Data)
				}
				for _, a := range e.Attr {
					if a.Key == "src" || a.Key == "srcset" || (a.Key == "href" && e.Data != "a") {
						t.Errorf("<%s %s=%q> fetches something", e.Data, a.Key, a.Val)
					}
				}
			}
			for _, st := range byTag(root, "style") {
				if s := text(st); strings.Contains(s, "url(") || strings.Contains(s, "@import") || strings.Contains(s, "@font-face") {
					t.Error("the style sheet fetches something")
				}
			}
		})
	}
}

// TestExampleContent checks what a reader of the example's web page
// looks for: the references as links to their paragraphs, the
// appendices with type and size, the exempt appendix as its notice, the
// background paper linked by its title, a chart's figures in details.
func TestExampleContent(t *testing.T) {
	root := parse(t, write(t, exampleDoc(t, false)))
	links := map[string]string{}
	for _, a := range byTag(root, "a") {
		href, _ := attr(a, "href")
		links[text(a)] = href
	}
	for txt, want := range map[string]string{
		"2.8": "#para-2-8",
		"2":   "#details",
		"Ombudsman's review of local government complaints 2020/21": "https://www.lgo.org.uk/information-centre/reports/annual-review-reports",
	} {
		if links[txt] != want {
			t.Errorf("link %q goes to %q, want %q", txt, links[txt], want)
		}
	}
	sizes := regexp.MustCompile(`^Appendix ([AB]) \(PDF, [1-9][0-9]* KB\)$`)
	found := 0
	for txt, href := range links {
		if m := sizes.FindStringSubmatch(txt); m != nil {
			found++
			if want := "appendix-" + strings.ToLower(m[1]) + ".pdf"; href != want {
				t.Errorf("%s links %q, want %q", txt, href, want)
			}
		}
		if strings.Contains(href, "appendix-c") {
			t.Errorf("the exempt appendix C is linked: %q", href)
		}
	}
	if found != 2 {
		t.Errorf("%d appendix links with type and size, want 2; links: %v", found, links)
	}
	if page := text(root); !strings.Contains(page, "Appendix C is not for publication by virtue of paragraphs 1 and 2 of Part 1 of Schedule 12A") {
		t.Error("the exempt appendix's notice is missing")
	}
	details := byTag(root, "details")
	if len(details) == 0 {
		t.Fatal("no chart's figures in details")
	}
	for _, d := range details {
		if s := byTag(d, "summary"); len(s) != 1 || text(s[0]) != layout.ShowData || len(byTag(d, "table")) != 1 {
			t.Errorf("details %.60q has no summary or table", text(d))
		}
	}
}

// TestTwoLevelHeaders checks the appendices table, whose header has two
// rows (the Schedule 12A paragraphs' numbers under one heading): each
// data cell names the header cells over it and its row's header.
func TestTwoLevelHeaders(t *testing.T) {
	root := parse(t, write(t, exampleDoc(t, false)))
	id := ids(root)
	var table *html.Node
	for _, tbl := range byTag(root, "table") {
		if strings.Contains(text(tbl), "Title of Appendix") {
			table = tbl
		}
	}
	if table == nil {
		t.Fatal("no appendices table")
	}
	for _, tr := range byTag(byTag(table, "tbody")[0], "tr") {
		cells := append(byTag(tr, "th"), byTag(tr, "td")...)
		row := text(cells[0])
		last := cells[len(cells)-1]
		hs, _ := attr(last, "headers")
		var said []string
		for _, h := range strings.Fields(hs) {
			said = append(said, text(id[h]))
		}
		got := strings.Join(said, " / ")
		if !strings.HasPrefix(got, "Exemption Paragraph Number (if applicable)") || !strings.Contains(got, " / 7 / "+row) {
			t.Errorf("row %s: its paragraph 7 cell is headed %q", row, got)
		}
	}
	if th := byTag(byTag(table, "thead")[0], "th"); text(th[0]) != "Ref." {
		t.Errorf("first header %q", text(th[0]))
	} else if rs, _ := attr(th[0], "rowspan"); rs != "2" {
		t.Errorf("Ref. spans %q rows, want 2 (nothing under it)", rs)
	}
	region := table.Parent
	if r, _ := attr(region, "role"); r != "region" {
		t.Fatalf("the wide table is not in a region, but in <%s>", region.Data)
	}
	if ti, _ := attr(region, "tabindex"); ti != "0" {
		t.Errorf("the region's tabindex is %q, so a keyboard cannot scroll it", ti)
	}
	label, _ := attr(region, "aria-labelledby")
	if c := id[label]; c == nil || c.Data != "caption" {
		t.Errorf("the region is labelled by %q, not the table's caption", label)
	}
}

// TestMarkingsAtTheTop checks that the classification, DRAFT and a Part
// II paper's stamp are the first things in the page's header, and the
// classification again in its footer.
func TestMarkingsAtTheTop(t *testing.T) {
	d := exampleDoc(t, true)
	d.Page.Stamp = "NOT FOR PUBLICATION by virtue of paragraph 1"
	root := parse(t, write(t, d))
	header := text(byTag(root, "header")[0])
	if want := "OFFICIAL DRAFT NOT FOR PUBLICATION by virtue of paragraph 1"; header != want {
		t.Errorf("header %q, want %q", header, want)
	}
	if footer := text(byTag(root, "footer")[0]); footer != "OFFICIAL" {
		t.Errorf("footer %q", footer)
	}
	plain := text(byTag(parse(t, write(t, exampleDoc(t, false))), "header")[0])
	if plain != "OFFICIAL" {
		t.Errorf("a paper that is no draft has the header %q", plain)
	}
}

func TestDeterministic(t *testing.T) {
	if a, b := write(t, exampleDoc(t, false)), write(t, exampleDoc(t, false)); !bytes.Equal(a, b) {
		t.Error("two writes of the example differ")
	}
}

func TestRefusesAMalformedTree(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{&doc.Figure{Label: "Figure 1", Alt: "x"}}}
	if err := paperhtml.Write(io.Discard, d); err == nil || !strings.Contains(err.Error(), "Figure 1: no graphic") {
		t.Errorf("a figure without a graphic gave %v", err)
	}
}

// BenchmarkWriteExample writes the example paper's page: its tree laid
// out once, then written.
func BenchmarkWriteExample(b *testing.B) {
	d := exampleDoc(b, false)
	b.ReportAllocs()
	for b.Loop() {
		if err := paperhtml.Write(io.Discard, d); err != nil {
			b.Fatal(err)
		}
	}
}
