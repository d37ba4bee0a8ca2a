package layout

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
)

// refs returns the text and Ref of every run of the tree that cites an
// anchor, and the anchors the tree holds.
func refs(d *doc.Document) (cited map[string]string, anchors map[string]bool) {
	cited, anchors = map[string]string{}, map[string]bool{}
	runs := func(rs []doc.Inline) {
		for _, r := range rs {
			if r.Ref != "" {
				cited[r.Text] = r.Ref
			}
		}
	}
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Heading:
			anchors[b.ID] = true
		case *doc.NumberedParagraph:
			anchors[b.ID] = true
		case *doc.Paragraph:
			runs(b.Content)
		case *doc.Table:
			for _, row := range b.Rows {
				for _, c := range row {
					runs(c.Content)
				}
			}
		}
		return true
	})
	return cited, anchors
}

// TestReferencesCarryTheirAnchors checks that section and paragraph
// references print their numbers and carry, as Ref, the id of what they
// cite, which the tree holds (para-2-1 for paragraph 2.1); and that an
// author's link to an anchor the paper lacks keeps its text, unlinked.
func TestReferencesCarryTheirAnchors(t *testing.T) {
	r := loadFixture(t, filepath.Join("..", "..", "fixtures", "layout", "report.yaml"))
	r.Alternatives = definition.Text{S: "See [the summary](#executive-summary) and [nowhere](#no-such-place)."}
	d, errs := Paper(Input{Report: r})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	cited, anchors := refs(d)
	for text, want := range map[string]string{"2": "details", "2.1": "para-2-1", "the summary": "executive-summary"} {
		if cited[text] != want {
			t.Errorf("%q cites %q, want %q (all: %v)", text, cited[text], want, cited)
		}
		if !anchors[want] {
			t.Errorf("the tree has no anchor %q", want)
		}
	}
	if ref, ok := cited["nowhere"]; ok {
		t.Errorf("a link to an anchor the paper lacks kept its Ref %q", ref)
	}
	if !strings.Contains(doc.Outline(d), `"See the summary and nowhere."`) {
		t.Error("the links' text is not printed as it is")
	}
}

func TestWebWords(t *testing.T) {
	r := loadFixture(t, filepath.Join("..", "..", "fixtures", "layout", "report.yaml"))
	d, _ := Paper(Input{Report: r})
	if want := r.Title + " – " + r.Committee + " – " + longDate(r.MeetingDate) + " – " + r.Council; d.Web.Title != want {
		t.Errorf("web title %q, want %q", d.Web.Title, want)
	}
	if d.Web.SkipLink == "" || d.Web.ShowData == "" {
		t.Errorf("web words missing: %+v", d.Web)
	}
}

// TestHeadingIDsUnique: sections whose ids are those of front-sheet
// headings ("purpose", "appendices") keep them, since references cite
// them, and the front sheet's headings take the next free ids, so that
// no two headings share an id; a reference to the section still links
// to the section.
func TestHeadingIDsUnique(t *testing.T) {
	r := loadFixture(t, filepath.Join("..", "..", "fixtures", "layout", "report.yaml"))
	r.Sections = append(r.Sections,
		definition.Section{Heading: "Purpose", Blocks: []definition.Block{{Text: definition.Text{S: "A section called Purpose."}}}},
		definition.Section{Heading: "Further detail", ID: "appendices", Blocks: []definition.Block{{Text: definition.Text{S: "A section with the id appendices."}}}},
		definition.Section{Heading: "Purpose 2", ID: "purpose-2", Blocks: []definition.Block{{Text: definition.Text{S: "And one with the next."}}}})
	r.Alternatives = definition.Text{S: "See [the purpose section](#purpose)."}
	d, errs := Paper(Input{Report: r})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	ids := map[string]string{}
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		var id, what string
		switch b := b.(type) {
		case *doc.Heading:
			id, what = b.ID, b.Number+" "+b.Text
		case *doc.NumberedParagraph:
			id, what = b.ID, b.Label
		}
		if id == "" {
			return true
		}
		if other, ok := ids[id]; ok {
			t.Errorf("id %q is both %q's and %q's", id, other, what)
		}
		ids[id] = what
		return true
	})
	n := strconv.Itoa(len(r.Sections))
	for id, want := range map[string]string{
		"purpose":      strconv.Itoa(len(r.Sections)-2) + " Purpose",
		"appendices":   strconv.Itoa(len(r.Sections)-1) + " Further detail",
		"purpose-2":    n + " Purpose 2",
		"purpose-3":    " Purpose of Report",
		"appendices-2": " Appendices",
	} {
		if ids[id] != want {
			t.Errorf("id %q is %q's, want %q's", id, ids[id], want)
		}
	}
	if cited, _ := refs(d); cited["the purpose section"] != "purpose" {
		t.Errorf("the reference cites %q, want the section's id", cited["the purpose section"])
	}
}
