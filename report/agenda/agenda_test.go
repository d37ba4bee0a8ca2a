package agenda

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func load(t *testing.T, src string) (*Agenda, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "agenda.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	a, errs := Load(path)
	if a != nil && !errs.HasErrors() {
		errs = append(errs, Check(a)...)
	}
	return a, errs.Error()
}

const valid = `council: Kingsbridge City Council
committee: Audit and Governance Committee
date: 2026-12-14
time: "10:00"
venue: Committee Room 2, Civic Centre
members: [Councillor A (Chair), Councillor B (Vice-Chair)]
contact: Democratic Services, democratic.services@kingsbridge.example
items:
  - {title: Apologies for absence, text: To receive apologies for absence.}
  - {title: Minutes of the previous meeting, pdf: minutes.pdf}
  - {report: ../drafts/report.yaml}
  - {title: Staffing matter, pdf: note.pdf, exempt_paragraphs: [1, 4]}
`

func TestLoadValid(t *testing.T) {
	a, errs := load(t, valid)
	if errs != "" {
		t.Fatalf("errors: %s", errs)
	}
	if a.Classification != "OFFICIAL" {
		t.Errorf("default classification %q, want OFFICIAL", a.Classification)
	}
	if len(a.Items) != 4 || a.Items[2].Report != "../drafts/report.yaml" || len(a.Items[3].ExemptParagraphs) != 2 {
		t.Errorf("items: %+v", a.Items)
	}
	if got := a.Resolve("minutes.pdf"); got != filepath.Join(a.Dir, "minutes.pdf") {
		t.Errorf("Resolve: %s", got)
	}
	if a.Members[0] != "Councillor A (Chair)" || a.Date.Format("2006-01-02") != "2026-12-14" {
		t.Errorf("meeting facts: %+v", a)
	}
}

func TestProblems(t *testing.T) {
	for _, tc := range []struct{ name, from, to, want string }{
		{"unknown key", "venue:", "venu:", "agenda.yaml:5:1: venu: unknown key; did you mean venue?"},
		{"missing council", "council: Kingsbridge City Council\n", "", "council"},
		{"bad date", "date: 2026-12-14", "date: 14/12/2026", "date"},
		{"two documents", "pdf: minutes.pdf}", "pdf: minutes.pdf, report: r.yaml}", "agenda.yaml:10:5: items[1]: an item includes one document, a pdf or a report, found pdf and report"},
		{"no title", "{title: Apologies for absence, text:", "{text:", "items[0]: needs a title"},
		{"paragraph 8", "[1, 4]", "[1, 8]", "items[3].exempt_paragraphs[1]: paragraph 8 does not exist"},
		{"exemption on a report", "{report: ../drafts/report.yaml}", "{report: ../drafts/report.yaml, exempt_paragraphs: [3]}", "items[2].exempt_paragraphs: a paper's exemption is set in its report.yaml"},
		{"allow_hidden_text on a text item", "text: To receive apologies for absence.}", "text: To receive apologies for absence., allow_hidden_text: true}", "items[0].allow_hidden_text: applies to an item's pdf or its paper's appendices; this item has neither"},
		{"allow_hidden_text not a bool", "pdf: minutes.pdf}", "pdf: minutes.pdf, allow_hidden_text: maybe}", "items[1].allow_hidden_text"},
		{"bad marking", "items:", "classification: SECRETISH\nitems:", `classification: "SECRETISH" is not a protective marking`},
		{"no items", "items:\n", "items: []\n", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(valid, tc.from, tc.to, 1)
			if tc.name == "no items" {
				src = valid[:strings.Index(valid, "items:")] + "items: []\n"
				tc.want = "items: an agenda needs at least one item"
			}
			if src == valid {
				t.Fatalf("edit %q did not apply", tc.from)
			}
			_, errs := load(t, src)
			if !strings.Contains(errs, tc.want) {
				t.Errorf("errors lack %q:\n%s", tc.want, errs)
			}
		})
	}
}

// FuzzLoad: any bytes as agenda.yaml give an agenda or positioned
// errors, never a panic.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(valid))
	f.Add([]byte("items: [{title: a, pdf: b, report: c, exempt_paragraphs: [0, 9, -1]}]\n"))
	f.Add([]byte("council: &a [*a]\n"))
	f.Add([]byte("date: 2026-02-30\nitems: {}\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		path := filepath.Join(t.TempDir(), "agenda.yaml")
		if err := os.WriteFile(path, src, 0o644); err != nil {
			t.Fatal(err)
		}
		a, errs := Load(path)
		if a != nil && !errs.HasErrors() {
			Check(a)
		}
	})
}
