package pack_test

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pack/packtest"
)

// uris returns the targets of every URI action in a decompressed PDF:
// the live links a reader can follow.
func uris(qdf []byte) []string {
	var out []string
	for _, m := range regexp.MustCompile(`/URI\s*\(((?:[^()\\]|\\.)*)\)`).FindAllSubmatch(qdf, -1) {
		out = append(out, string(m[1]))
	}
	return out
}

// oneLine is s with every run of white space as one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// TestPublicPackShowsNoExemptLinks: in the public pack, a Part I
// paper's exempt background paper is listed by title with its
// exemption and without its address, which appears nowhere in the file
// (decompressed, in any encoding); a public background paper keeps its
// live link. The agenda's "Report of" lines are printed as the papers
// give them, a Markdown link in lead_director or author included, and
// link nowhere. The exempt pack keeps a Part II paper's link to its
// exempt background paper: it is for members.
func TestPublicPackShowsNoExemptLinks(t *testing.T) {
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 2})
	if err != nil {
		t.Fatal(err)
	}
	const (
		publicURL  = "https://www.lgo.org.uk/complaint-handling-code"
		exemptURL  = "https://intranet.kingsbridge.example/legal/XQZBGURL-settlement.pdf"
		membersURL = "https://members.kingsbridge.example/XQZMEMBERSURL"
		leadLink   = "[D Okonjo](https://evil.example/lead)"
		authorLink = "[T Wrenfield](https://evil.example/author)"
	)
	// Paper 1 is Part I: a public and an exempt background paper, and a
	// "Report of" line from its author. Paper 2 is Part II: its lead
	// director's name is a Markdown link.
	p1 := filepath.Join(dir, "paper01", "report.yaml")
	edit(t, p1, "  - {title: Complaint handling code}\n",
		"  - {title: Complaint handling code, url: \""+publicURL+"\"}\n"+
			"  - {title: Legal advice on the settlement, url: \""+exemptURL+"\", exempt_paragraphs: [5]}\n")
	edit(t, p1, "lead_director: Daniel Okonjo (Strategic Director of Resources)\n", "")
	edit(t, p1, "author: Tobias Wrenfield (Complaints Manager)", "author: \""+authorLink+"\"")
	p2 := filepath.Join(dir, "paper02", "report.yaml")
	edit(t, p2, "lead_director: Daniel Okonjo (Strategic Director of Resources)", "lead_director: \""+leadLink+"\"")
	edit(t, p2, "background_papers:\n", "background_papers:\n  - {title: Counsel's opinion, url: \""+membersURL+"\", exempt_paragraphs: [5]}\n")

	out := filepath.Join(dir, "out")
	if _, err := pack.Build(m.Agenda, pack.Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	public, exemptPack := filepath.Join(out, "agenda-public.pdf"), filepath.Join(out, "agenda-exempt.pdf")

	qdf := decompressed(t, public)
	text := oneLine(strings.Join(pages(t, public), " "))
	for _, want := range []string{
		"Report of " + authorLink,
		"Report of " + leadLink,
		"Legal advice on the settlement",
		"Exempt: paragraph 5 of Part 1 of Schedule 12A to the Local Government Act 1972",
		publicURL,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the public pack's text lacks %q", want)
		}
	}
	for _, marker := range []string{"XQZBGURL", "intranet.kingsbridge.example", "XQZMEMBERSURL"} {
		if where := find(qdf, marker); len(where) > 0 {
			t.Errorf("the decompressed public pack holds %q (%v)", marker, where)
		}
		if strings.Contains(text, marker) {
			t.Errorf("the public pack's text holds %q", marker)
		}
	}
	links := uris(qdf)
	if !bytes.Contains(qdf, []byte("/URI ("+publicURL+")")) {
		t.Errorf("the public background paper lost its link; links: %q", links)
	}
	for _, l := range links {
		if strings.Contains(l, "evil.example") || strings.Contains(l, "kingsbridge.example/legal") {
			t.Errorf("the public pack links to %q", l)
		}
	}

	exempt := decompressed(t, exemptPack)
	if !bytes.Contains(exempt, []byte("/URI ("+membersURL+")")) {
		t.Errorf("the exempt pack lacks the Part II paper's link to its background paper; links: %q", uris(exempt))
	}
	for _, l := range uris(exempt) {
		if strings.Contains(l, "evil.example") {
			t.Errorf("the exempt pack links to %q", l)
		}
	}
	if et := oneLine(strings.Join(pages(t, exemptPack), " ")); !strings.Contains(et, "Report of "+leadLink) {
		t.Errorf("the exempt pack's agenda lacks %q", "Report of "+leadLink)
	}
}
