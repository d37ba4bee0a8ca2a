package pack_test

import (
	"bytes"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"golang.org/x/net/html"

	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/internal/hostile"
	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pack/packtest"
	"github.com/paperhq/paper/report/pipeline"
)

var (
	siteOnce  sync.Once
	siteBuilt *built
	siteErr   error
	siteDir   string
)

// siteMeeting returns the shared fixture meeting (see meeting) built
// with --format pdf,html: its packs and its public web site.
func siteMeeting(t *testing.T) (*built, string) {
	t.Helper()
	siteOnce.Do(func() {
		siteDir, siteErr = os.MkdirTemp("", "packsite")
		if siteErr != nil {
			return
		}
		m, err := packtest.Write(siteDir, packtest.Spec{Papers: 3})
		if err != nil {
			siteErr = err
			return
		}
		out := filepath.Join(siteDir, "out")
		res, err := pack.Build(m.Agenda, pack.Options{OutDir: out, Formats: []string{"pdf", "html"}})
		if err != nil {
			siteErr = err
			return
		}
		siteBuilt = &built{m: m, res: res, public: filepath.Join(out, "agenda-public.pdf"), exempt: filepath.Join(out, "agenda-exempt.pdf")}
	})
	if siteErr != nil {
		t.Fatal(siteErr)
	}
	return siteBuilt, filepath.Join(siteDir, "out", "agenda-public")
}

// folder lists the files of a site folder by name, sorted, failing on
// anything that is not a plain file.
func folder(t *testing.T, dir string) []string {
	t.Helper()
	l := names(t, dir)
	for _, n := range l {
		if fi, err := os.Lstat(filepath.Join(dir, n)); err != nil || !fi.Mode().IsRegular() {
			t.Errorf("%s: %s is not a plain file", dir, n)
		}
	}
	return l
}

// names lists what is in dir, sorted.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	l := make([]string, len(entries))
	for i, e := range entries {
		l[i] = e.Name()
	}
	return l
}

// TestSiteContents: the fixture meeting's site holds the agenda's page,
// a page and a PDF for each public paper, a copy of each public appendix
// and of the public minutes, and the public pack; nothing of the Part II
// paper (item 5) or the exempt document (item 7), nor the exempt
// appendices. The copies show their documents' pages without the pack's
// page numbers.
func TestSiteContents(t *testing.T) {
	b, dir := siteMeeting(t)
	want := []string{"agenda-pack.pdf", "index.html", "item-3.pdf",
		"item-4-appendix-a.pdf", "item-4.html", "item-4.pdf",
		"item-6-appendix-a.pdf", "item-6.html", "item-6.pdf"}
	if got := folder(t, dir); !slices.Equal(got, want) {
		t.Errorf("the site holds %v, want %v", got, want)
	}
	if got, want := b.res.Files, []string{b.exempt, b.public, dir + string(filepath.Separator)}; !slices.Equal(got, want) {
		t.Errorf("wrote %v, want %v", got, want)
	}
	pack, _ := os.ReadFile(filepath.Join(dir, "agenda-pack.pdf"))
	public, _ := os.ReadFile(b.public)
	if !bytes.Equal(pack, public) {
		t.Errorf("agenda-pack.pdf is not the public pack")
	}
	// The copies show their documents' pages, as the public pack does.
	for name, text := range map[string]string{
		"item-3.pdf":            "This is page 1 of Minutes of the meeting held on 28 September 2026.",
		"item-4-appendix-a.pdf": "This is page 1 of Appendix A: Summary of figures (paper 1)",
		"item-6-appendix-a.pdf": "This is page 1 of Appendix A: Summary of figures (paper 3)",
		"item-4.pdf":            "Complaints performance report 1",
		"item-6.pdf":            "Complaints performance report 3",
	} {
		got := oneLine(string(tooltest.Run(t, "pdftotext", filepath.Join(dir, name), "-")))
		if !strings.Contains(got, text) {
			t.Errorf("%s: text lacks %q", name, text)
		}
		if own := regexp.MustCompile(`Page \d+ of \d+`).ReplaceAllString(got, ""); regexp.MustCompile(`\bPage \d+\b`).MatchString(own) {
			t.Errorf("%s carries the pack's page numbers: %q", name, got)
		}
		tooltest.Run(t, "qpdf", "--check", filepath.Join(dir, name))
	}
	// A paper's copy is numbered as the paper is on its own.
	if got := string(tooltest.Run(t, "pdftotext", filepath.Join(dir, "item-4.pdf"), "-")); !strings.Contains(got, "Page 1 of ") {
		t.Errorf("item-4.pdf lacks the paper's own page numbers")
	}
}

// page is a parsed HTML page of a site.
type page struct {
	name string
	root *html.Node
}

func parse(t *testing.T, dir, name string) page {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	root, err := html.Parse(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return page{name, root}
}

// each calls fn for every element below n, in document order.
func each(n *html.Node, fn func(*html.Node)) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			fn(c)
		}
		each(c, fn)
	}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

// textOf is the text below n, white space as single spaces.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		if n.Type == html.ElementNode && n.Data == "br" {
			b.WriteString(" ")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return oneLine(b.String())
}

// checkSite checks the structure of every page of the site at dir: one
// h1, headings that never skip a level, lang en-GB, a title, the skip
// link first, landmarks, unique ids, and every link either a web or mail
// address or a relative link to a file in the folder (and, with a
// fragment, to an id on that page); every file but the index is linked
// from the index. It returns the pages.
func checkSite(t *testing.T, dir string) map[string]page {
	t.Helper()
	names := folder(t, dir)
	files := map[string]bool{}
	pages := map[string]page{}
	for _, n := range names {
		files[n] = true
		if strings.HasSuffix(n, ".html") {
			pages[n] = parse(t, dir, n)
		}
		if n != strings.ToLower(n) || !regexp.MustCompile(`^[a-z0-9][a-z0-9.-]*$`).MatchString(n) {
			t.Errorf("file name %q is not lower-case letters, digits, hyphens and dots", n)
		}
	}
	if _, ok := pages["index.html"]; !ok {
		t.Fatalf("no index.html in %v", names)
	}
	ids := map[string]map[string]bool{}
	for name, p := range pages {
		ids[name] = map[string]bool{}
		each(p.root, func(n *html.Node) {
			if id, ok := attr(n, "id"); ok {
				if ids[name][id] {
					t.Errorf("%s: id %q given twice", name, id)
				}
				ids[name][id] = true
			}
		})
	}
	linkedFromIndex := map[string]bool{}
	for name, p := range pages {
		var h1, level int
		var firstLink *html.Node
		landmarks := map[string]int{}
		each(p.root, func(n *html.Node) {
			switch n.Data {
			case "html":
				if lang, _ := attr(n, "lang"); lang != "en-GB" {
					t.Errorf("%s: lang %q", name, lang)
				}
			case "title":
				if textOf(n) == "" {
					t.Errorf("%s: empty title", name)
				}
			case "h1", "h2", "h3", "h4", "h5", "h6":
				l := int(n.Data[1] - '0')
				if l == 1 {
					h1++
				}
				if l > level+1 {
					t.Errorf("%s: %s %q follows h%d", name, n.Data, textOf(n), level)
				}
				level = l
			case "header", "main", "footer":
				landmarks[n.Data]++
			case "a":
				if firstLink == nil {
					firstLink = n
				}
				href, ok := attr(n, "href")
				if !ok {
					t.Errorf("%s: a link without href: %q", name, textOf(n))
					return
				}
				if textOf(n) == "" {
					t.Errorf("%s: link to %q has no text", name, href)
				}
				u, err := url.Parse(href)
				if err != nil {
					t.Errorf("%s: link %q: %v", name, href, err)
					return
				}
				switch {
				case u.Scheme == "https" || u.Scheme == "http" || u.Scheme == "mailto":
					return
				case u.Scheme != "" || u.Host != "" || strings.HasPrefix(u.Path, "/") || strings.Contains(u.Path, ".."):
					t.Errorf("%s: link %q is not relative within the folder", name, href)
					return
				}
				target := name
				if u.Path != "" {
					target = u.Path
					if !files[target] {
						t.Errorf("%s: link %q names no file in the folder", name, href)
						return
					}
					if name == "index.html" {
						linkedFromIndex[target] = true
					}
				}
				if u.Fragment != "" && (ids[target] == nil || !ids[target][u.Fragment]) {
					t.Errorf("%s: link %q names no id on %s", name, href, target)
				}
			}
		})
		if h1 != 1 {
			t.Errorf("%s: %d h1 elements, want 1", name, h1)
		}
		for _, l := range []string{"header", "main", "footer"} {
			if landmarks[l] != 1 {
				t.Errorf("%s: %d %s landmarks, want 1", name, landmarks[l], l)
			}
		}
		if href, _ := attr(firstLink, "href"); firstLink == nil || href != "#_main" || textOf(firstLink) != "Skip to main content" {
			t.Errorf("%s: the first link is not the skip link", name)
		}
	}
	for _, n := range names {
		if n != "index.html" && !linkedFromIndex[n] {
			t.Errorf("%s is in the folder but not linked from the index", n)
		}
	}
	return pages
}

// links returns the text and target of every link below n.
func links(n *html.Node) map[string]string {
	l := map[string]string{}
	each(n, func(a *html.Node) {
		if a.Data == "a" {
			href, _ := attr(a, "href")
			l[textOf(a)+" -> "+href] = href
		}
	})
	return l
}

// itemSections splits the index's main content into the agenda items:
// the elements from each item's h3 to the next, by number.
func itemSections(p page) map[int][]*html.Node {
	sections := map[int][]*html.Node{}
	var main *html.Node
	each(p.root, func(n *html.Node) {
		if n.Data == "main" {
			main = n
		}
	})
	cur := 0
	for c := main.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.Data == "h3" {
			id, _ := attr(c, "id")
			cur, _ = strconv.Atoi(strings.TrimPrefix(id, "item-"))
		}
		if cur > 0 && !(c.Data == "p" && attrOr(c, "class") == "note") {
			sections[cur] = append(sections[cur], c)
		}
	}
	return sections
}

func attrOr(n *html.Node, key string) string {
	v, _ := attr(n, key)
	return v
}

// hostileCase is the hostile catalogue's case called name.
func hostileCase(t *testing.T, name string) hostile.Case {
	t.Helper()
	for _, c := range hostile.Cases() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no hostile case %s", name)
	return hostile.Case{}
}

func sectionText(ns []*html.Node) string {
	var parts []string
	for _, n := range ns {
		parts = append(parts, textOf(n))
	}
	return strings.Join(parts, " ")
}

func sectionLinks(ns []*html.Node) []string {
	var l []string
	for _, n := range ns {
		if n.Data == "a" {
			href, _ := attr(n, "href")
			l = append(l, textOf(n)+" -> "+href)
		}
		each(n, func(a *html.Node) {
			if a.Data == "a" {
				href, _ := attr(a, "href")
				l = append(l, textOf(a)+" -> "+href)
			}
		})
	}
	slices.Sort(l)
	return l
}

// TestSiteStructure checks the fixture meeting's site page by page (see
// checkSite), then what the index says of each item: its number and
// title, the agenda's words, and links to exactly the item's public
// files, each with its type and real size; an exempt item gives its
// notice's words and links nothing.
func TestSiteStructure(t *testing.T) {
	_, dir := siteMeeting(t)
	pages := checkSite(t, dir)
	size := func(name string) string {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return format.FileSize(fi.Size())
	}
	idx := pages["index.html"]
	sections := itemSections(idx)
	for _, tt := range []struct {
		n      int
		words  []string
		links  []string
		absent []string
	}{
		{1, []string{"1. Apologies for absence", "To receive apologies for absence."}, nil, nil},
		{3, []string{"3. Minutes of the previous meeting", "To confirm the minutes of the meeting held on 28 September 2026."},
			[]string{"Document (PDF, " + size("item-3.pdf") + ") -> item-3.pdf"}, nil},
		{4, []string{"4. Complaints performance report 1", "Report of Daniel Okonjo (Strategic Director of Resources)",
			"Case summaries", "NOT FOR PUBLICATION Appendix B to this report is not for publication because it contains exempt information as described in paragraphs 1 and 2 of Part 1 of Schedule 12A to the Local Government Act 1972:",
			"Paragraph 1: Information relating to any individual."},
			[]string{"Appendix A (PDF, " + size("item-4-appendix-a.pdf") + ") -> item-4-appendix-a.pdf",
				"Report (PDF, " + size("item-4.pdf") + ") -> item-4.pdf", "Report (web page) -> item-4.html"}, nil},
		{5, []string{"5. Settlement of claim 2", "Exempt: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972",
			"NOT FOR PUBLICATION This report is not for publication because it contains exempt information as described in paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972:",
			"Paragraph 3: Information relating to the financial or business affairs of any particular person",
			"It has been sent to members of the Committee."}, nil, []string{"Legal advice", "Appendix"}},
		{7, []string{"7. Staffing matter", "Exempt: paragraphs 1 and 4 of Part 1",
			"This document is not for publication", "Paragraph 4: Information relating to any consultations"}, nil, nil},
	} {
		text := sectionText(sections[tt.n])
		for _, w := range tt.words {
			if !strings.Contains(text, w) {
				t.Errorf("item %d: the index lacks %q in %q", tt.n, w, text)
			}
		}
		for _, w := range tt.absent {
			if strings.Contains(text, w) {
				t.Errorf("item %d: the index gives %q", tt.n, w)
			}
		}
		if got := sectionLinks(sections[tt.n]); !slices.Equal(got, tt.links) {
			t.Errorf("item %d links %q, want %q", tt.n, got, tt.links)
		}
	}
	if got := links(idx.root); got["Agenda pack (PDF, "+size("agenda-pack.pdf")+") -> agenda-pack.pdf"] == "" {
		t.Errorf("the index does not link the pack with its size: %v", got)
	}
	// A paper's page: back to the agenda, and its appendix linked to
	// its copy with the copy's size.
	p := pages["item-4.html"]
	l := links(p.root)
	for _, want := range []string{"Back to the agenda -> index.html", "Appendix A (PDF, " + size("item-4-appendix-a.pdf") + ") -> item-4-appendix-a.pdf"} {
		if l[want] == "" {
			t.Errorf("item-4.html lacks the link %q: %v", want, l)
		}
	}
	if text := textOf(p.root); !strings.Contains(text, "Appendix B is not for publication by virtue of paragraphs 1 and 2") {
		t.Errorf("item-4.html does not say appendix B is not for publication")
	}
}

// TestSiteCarriesNoExemptMaterial searches every file of the site, and
// every file name, for the markers the fixture plants in exempt inputs
// (a Part II paper's text, title-page fields, tables and appendix; exempt
// appendices' and an exempt document's pages, metadata, bookmarks,
// attachments and file names) and for those in the parts of public PDFs
// a pack never carries: in every page's HTML, and in every PDF's bytes,
// decompressed bytes, text, metadata, bookmarks and attachments.
func TestSiteCarriesNoExemptMaterial(t *testing.T) {
	b, dir := siteMeeting(t)
	if len(b.m.Exempt) < 30 {
		t.Fatalf("fixture plants only %d exempt markers", len(b.m.Exempt))
	}
	for _, name := range folder(t, dir) {
		path := filepath.Join(dir, name)
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		haystacks := map[string][]byte{"name": []byte(name), "bytes": raw}
		if strings.HasSuffix(name, ".html") {
			haystacks["unescaped"] = []byte(html.UnescapeString(string(raw)))
		} else {
			haystacks["decompressed"] = decompressed(t, path)
			haystacks["text"] = tooltest.Run(t, "pdftotext", path, "-")
			haystacks["metadata"] = tooltest.Run(t, "pdfinfo", "-meta", path)
			haystacks["bookmarks"] = tooltest.Run(t, "qpdf", "--json", "--json-key=outlines", path)
			haystacks["attachments"] = tooltest.Run(t, "qpdf", "--list-attachments", path)
		}
		for where, hay := range haystacks {
			for _, set := range []struct {
				prefix  string
				markers []packtest.Marker
			}{{"XQZ", b.m.Exempt}, {"PUBQZ", b.m.Public}} {
				if enc := find(hay, set.prefix); len(enc) > 0 {
					t.Errorf("%s: %s: marker prefix %s found (%v)", name, where, set.prefix, enc)
					for _, mk := range set.markers {
						if len(find(hay, mk.Text)) > 0 {
							t.Errorf("  from %s", mk.Where)
						}
					}
				}
			}
		}
	}
	// The words the public agenda gives of exempt items are there: the
	// search looks where they would be.
	index, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, w := range []string{"Settlement of claim 2", "Staffing matter", "Case summaries"} {
		if !bytes.Contains(index, []byte(w)) {
			t.Errorf("index.html lacks %q", w)
		}
	}
}

// TestSiteAxe runs axe-core over the index and each paper's page of the
// fixture meeting's site and the example meeting's: no WCAG 2.0, 2.1 or
// 2.2 A or AA rule may be violated.
func TestSiteAxe(t *testing.T) {
	axe := tooltest.RequireAxe(t)
	_, dir := siteMeeting(t)
	example := exampleSite(t)
	var paths []string
	for _, d := range []string{dir, example} {
		matches, _ := filepath.Glob(filepath.Join(d, "*.html"))
		paths = append(paths, matches...)
	}
	if len(paths) < 5 {
		t.Fatalf("only %d pages: %v", len(paths), paths)
	}
	axe.Check(t, paths...)
}

// exampleSite builds examples/meeting with --format html and returns its
// site's folder.
func exampleSite(t *testing.T) string {
	t.Helper()
	out := t.TempDir()
	res, err := pack.Build(filepath.Join("..", "..", "examples", "meeting", "agenda.yaml"), pack.Options{OutDir: out, Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(out, "agenda-public")
	if want := []string{dir + string(filepath.Separator)}; !slices.Equal(res.Files, want) {
		t.Fatalf("wrote %v, want %v", res.Files, want)
	}
	return dir
}

// TestExampleSite: the example meeting's site passes the structure
// checks; its Part II paper (item 5) and exempt appendix C have no file;
// every PDF in it is tagged throughout (pdftags) and passes cpdf's
// PDF/UA-1 (Matterhorn) check, as the packs do.
func TestExampleSite(t *testing.T) {
	dir := exampleSite(t)
	checkSite(t, dir)
	want := []string{"agenda-pack.pdf", "index.html", "item-3.pdf", "item-4-appendix-a.pdf", "item-4-appendix-b.pdf", "item-4.html", "item-4.pdf"}
	if got := folder(t, dir); !slices.Equal(got, want) {
		t.Errorf("the example site holds %v, want %v", got, want)
	}
	for _, n := range want {
		if !strings.HasSuffix(n, ".pdf") {
			continue
		}
		path := filepath.Join(dir, n)
		tree, err := pdftags.Read(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range tree.Problems {
			t.Errorf("%s: %s", n, p)
		}
		if out := tooltest.Matterhorn(t, path); out != "" {
			t.Errorf("%s: cpdf's PDF/UA-1 check reports:\n%s", n, out)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "agenda-public.pdf")); err == nil {
		t.Errorf("--format html alone wrote the PDF pack")
	}
}

// TestSiteRebuild: a rebuild replaces the folder whole (an item dropped
// from the agenda takes its files with it), the same inputs give the
// same bytes, and the folder and its files follow the umask as the
// public pack does.
func TestSiteRebuild(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1})
	if err != nil {
		t.Fatal(err)
	}
	opts := pack.Options{OutDir: filepath.Join(dir, "out"), Formats: []string{"html"}}
	old := syscall.Umask(0o027)
	_, err = pack.Build(m.Agenda, opts)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(dir, "out", "agenda-public")
	fi, _ := os.Stat(site)
	if got := fi.Mode().Perm(); got != 0o750 {
		t.Errorf("the folder's mode is %04o under umask 027, want 0750", got)
	}
	first := map[string][]byte{}
	for _, n := range folder(t, site) {
		fi, _ := os.Stat(filepath.Join(site, n))
		if got := fi.Mode().Perm(); got != 0o640 {
			t.Errorf("%s: mode %04o under umask 027, want 0640", n, got)
		}
		first[n], _ = os.ReadFile(filepath.Join(site, n))
	}
	if len(first) < 4 {
		t.Fatalf("the site holds %d files", len(first))
	}
	// The same inputs again: the same files, byte for byte.
	if _, err := pack.Build(m.Agenda, opts); err != nil {
		t.Fatal(err)
	}
	for _, n := range folder(t, site) {
		b, _ := os.ReadFile(filepath.Join(site, n))
		if !bytes.Equal(b, first[n]) {
			t.Errorf("%s differs between two builds of the same inputs", n)
		}
	}
	// The minutes leave the agenda: their copy leaves the folder.
	edit(t, m.Agenda, "  - {title: Minutes of the previous meeting, text: To confirm the minutes of the meeting held on 28 September 2026., pdf: minutes.pdf}\n", "")
	if _, err := pack.Build(m.Agenda, opts); err != nil {
		t.Fatal(err)
	}
	got := folder(t, site)
	// Item 3 is now the paper.
	if b, _ := os.ReadFile(filepath.Join(site, "item-3.pdf")); bytes.Equal(b, first["item-3.pdf"]) || !slices.Contains(got, "item-3.html") {
		t.Errorf("the minutes' copy is still in the folder: %v", got)
	}
	if slices.Contains(got, "item-4.pdf") || slices.Contains(got, "item-4.html") {
		t.Errorf("files of the old item 4 are still in the folder: %v", got)
	}
	if left := names(t, filepath.Join(dir, "out")); !slices.Equal(left, []string{"agenda-public"}) {
		t.Errorf("the output folder holds %v", left)
	}
}

// TestSiteHiddenText: an outside PDF that fails the hidden-text check
// fails the site as it fails the public pack: the same error, and
// nothing written.
func TestSiteHiddenText(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1})
	if err != nil {
		t.Fatal(err)
	}
	box := hostileCase(t, "hidden-black-box")
	if err := os.WriteFile(filepath.Join(dir, "minutes.pdf"), box.Build(), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	_, err = pack.Build(m.Agenda, pack.Options{OutDir: out, Formats: []string{"html"}})
	want := `minutes.pdf page 1: text under an opaque box drawn over it: "` + box.HiddenText
	if err == nil || !strings.Contains(err.Error(), want) {
		t.Fatalf("got %v, want an error containing %q", err, want)
	}
	if _, err := os.Stat(out); err == nil {
		t.Errorf("a failed site build wrote its output folder")
	}
}

// TestSitePaperPage: a paper's page on the site is the page paper build
// --format html writes of it, but for the link back to the agenda and
// its appendix links, which go to the copies beside it.
func TestSitePaperPage(t *testing.T) {
	dir := exampleSite(t)
	site, err := os.ReadFile(filepath.Join(dir, "item-4.html"))
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	res, err := pipeline.Build(filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml"), pipeline.Options{OutDir: out, Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	built, err := os.ReadFile(res.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	up := `<p class="up"><a href="index.html">Back to the agenda</a></p>` + "\n"
	if !bytes.Contains(site, []byte(up)) {
		t.Errorf("the site's page lacks %q", up)
	}
	appendixLink := regexp.MustCompile(`<a href="([^"]*)">Appendix ([A-Z]) \(PDF, [^)]*\)</a>`)
	var hrefs []string
	for _, m := range appendixLink.FindAllSubmatch(site, -1) {
		hrefs = append(hrefs, string(m[1]))
	}
	if want := []string{"item-4-appendix-a.pdf", "item-4-appendix-b.pdf"}; !slices.Equal(hrefs, want) {
		t.Errorf("the site's page links the appendices at %q, want %q", hrefs, want)
	}
	norm := func(b []byte) string {
		return string(appendixLink.ReplaceAll(bytes.Replace(b, []byte(up), nil, 1), []byte("<a>Appendix $2</a>")))
	}
	if a, b := norm(site), norm(built); a != b {
		i := 0
		for i < len(a) && i < len(b) && a[i] == b[i] {
			i++
		}
		t.Errorf("the site's page differs from paper build's at byte %d:\nsite:  %.200q\nbuild: %.200q", i, a[i:], b[i:])
	}
}

// TestSiteAppendixNames: appendix references that make the same file
// name ("A", "a", "A 2" and "a-2") get distinct, numbered names, linked
// from the index, the same on every build.
func TestSiteAppendixNames(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1})
	if err != nil {
		t.Fatal(err)
	}
	edit(t, filepath.Join(dir, "paper01", "report.yaml"), "  - {ref: C, title: Complaint handling code}\n",
		"  - {ref: a, title: Lower case, file: appendix-a.pdf}\n  - {ref: A 2, title: Spaced, file: appendix-a.pdf}\n  - {ref: a-2, title: Hyphened, file: appendix-a.pdf}\n")
	out := filepath.Join(dir, "out")
	if _, err := pack.Build(m.Agenda, pack.Options{OutDir: out, Formats: []string{"html"}}); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(out, "agenda-public")
	checkSite(t, site)
	var got []string
	for _, n := range folder(t, site) {
		if strings.HasPrefix(n, "item-4-appendix-") {
			got = append(got, n)
		}
	}
	// A, a, A 2, a-2 in order: a, a-2, then a-2 taken twice over.
	want := []string{"item-4-appendix-a-2-2.pdf", "item-4-appendix-a-2-3.pdf", "item-4-appendix-a-2.pdf", "item-4-appendix-a.pdf"}
	if !slices.Equal(got, want) {
		t.Errorf("appendix files %v, want %v", got, want)
	}
}

// TestSiteShowsNoExemptLinks: a Part I paper's exempt background paper is
// listed on its page by title with its exemption, and its address is
// nowhere in the site; a public background paper keeps its link.
func TestSiteShowsNoExemptLinks(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1})
	if err != nil {
		t.Fatal(err)
	}
	const (
		publicURL = "https://www.lgo.org.uk/complaint-handling-code"
		exemptURL = "https://intranet.kingsbridge.example/legal/XQZBGURL-settlement.pdf"
	)
	edit(t, filepath.Join(dir, "paper01", "report.yaml"), "  - {title: Complaint handling code}\n",
		"  - {title: Complaint handling code, url: \""+publicURL+"\"}\n"+
			"  - {title: Legal advice on the settlement, url: \""+exemptURL+"\", exempt_paragraphs: [5]}\n")
	out := filepath.Join(dir, "out")
	if _, err := pack.Build(m.Agenda, pack.Options{OutDir: out, Formats: []string{"html"}}); err != nil {
		t.Fatal(err)
	}
	site := filepath.Join(out, "agenda-public")
	for _, n := range folder(t, site) {
		path := filepath.Join(site, n)
		hay, _ := os.ReadFile(path)
		if strings.HasSuffix(n, ".pdf") {
			hay = append(decompressed(t, path), tooltest.Run(t, "pdftotext", path, "-")...)
		}
		for _, marker := range []string{"XQZBGURL", "intranet.kingsbridge.example"} {
			if where := find(hay, marker); len(where) > 0 {
				t.Errorf("%s holds %q (%v)", n, marker, where)
			}
		}
	}
	p := parse(t, site, "item-4.html")
	if l := links(p.root); l["Complaint handling code -> "+publicURL] == "" {
		t.Errorf("the public background paper lost its link: %v", l)
	}
	if text := textOf(p.root); !strings.Contains(text, "Legal advice on the settlement Exempt: paragraph 5 of Part 1 of Schedule 12A") {
		t.Errorf("the page does not list the exempt background paper by title with its exemption")
	}
}
