package pack

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/writers"
)

// FuzzSlug gives an appendix reference of any text: its part of the
// site's file name is a non-empty run of lower-case letters, digits and
// single hyphens, neither starting nor ending with one, short, and the
// same every time.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"A", "b", "C1", "A (part 2)", "../../etc", "", "   ", "Ä", "appendix-b-XQZ", "x\x00y", "ﬁ", "A/B\\C"} {
		f.Add(s)
	}
	ok := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	f.Fuzz(func(t *testing.T, ref string) {
		got := slug(ref, 7)
		if !ok.MatchString(got) || len(got) > 18 {
			t.Fatalf("slug(%q) = %q", ref, got)
		}
		if again := slug(ref, 7); again != got {
			t.Fatalf("slug(%q) = %q, then %q", ref, got, again)
		}
	})
}

// FuzzSiteIndex lays out the agenda's page from any agenda words (an
// item's title, its Markdown text, a paper's "Report of" field, an
// appendix's reference and title) and writes it: the page parses, has
// one h1 and the item's heading, no element a writer of the tree never
// makes (script, style outside the head, iframe, img, form …), and links
// only to the site's files, the web and mail.
func FuzzSiteIndex(f *testing.F) {
	f.Add("Minutes", "To confirm the [minutes](https://example.org/m).", "the Director", "A", "Figures")
	f.Add("<script>alert(1)</script>", "[x](javascript:alert(1)) <img src=x onerror=alert(1)>", "[D](https://evil.example)", "../A", "</li><li>")
	f.Add("", "", "", "", "")
	f.Add("Item", "<iframe src=//evil.example></iframe>\n\n# Heading", "", "B", "")
	page, _ := writers.Lookup("html")
	f.Fuzz(func(t *testing.T, title, text, reportOf, ref, appTitle string) {
		m := layout.Meeting{Council: "Kingsbridge City Council", Committee: "Audit and Governance Committee", Date: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)}
		items := []layout.SiteItem{
			{Entry: layout.AgendaEntry{Title: title, Text: text}},
			{Entry: layout.AgendaEntry{Title: title, ReportOf: reportOf}, Paper: true, Page: "item-2.html", PDF: &layout.File{Href: "item-2.pdf", Size: 1},
				Appendices: []layout.SiteAppendix{{Ref: ref, Title: appTitle, File: &layout.File{Href: "item-2-appendix-" + slug(ref, 1) + ".pdf", Size: 2}},
					{Ref: ref, Title: appTitle, Notice: &layout.NoticeOf{Item: 2, Title: title, Appendix: ref, AppendixTitle: appTitle, Exemption: "paragraph 1", Paragraphs: []int{1}}}}},
		}
		var buf bytes.Buffer
		if _, err := page.Write(&buf, layout.SiteIndex(m, items, &layout.File{Href: sitePack, Size: 3}, time.Time{})); err != nil {
			t.Fatal(err)
		}
		root, err := html.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		h1, h3 := 0, 0
		var walk func(n *html.Node)
		walk = func(n *html.Node) {
			if n.Type == html.ElementNode {
				switch n.Data {
				case "h1":
					h1++
				case "h3":
					h3++
				case "script", "iframe", "img", "form", "input", "object", "embed", "link", "base", "meta", "svg":
					if n.Data != "meta" || n.Parent == nil || n.Parent.Data != "head" {
						t.Fatalf("the page holds a %s element", n.Data)
					}
				}
				for _, a := range n.Attr {
					if strings.HasPrefix(strings.ToLower(a.Key), "on") {
						t.Fatalf("a %s element has the attribute %s", n.Data, a.Key)
					}
					if a.Key == "href" && !siteHref(a.Val) {
						t.Fatalf("a link to %q", a.Val)
					}
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				walk(c)
			}
		}
		walk(root)
		if h1 != 1 || h3 != 2 {
			t.Fatalf("%d h1 and %d h3 elements, want 1 and 2", h1, h3)
		}
	})
}

// siteHref reports whether a link on the agenda page goes where one may:
// a file of the site, an id on the page, the web or mail.
func siteHref(h string) bool {
	if regexp.MustCompile(`^(#[a-z0-9_-]+|[a-z0-9-]+\.(html|pdf))$`).MatchString(h) {
		return true
	}
	low := strings.ToLower(h)
	return strings.HasPrefix(low, "https://") || strings.HasPrefix(low, "http://") || strings.HasPrefix(low, "mailto:")
}
