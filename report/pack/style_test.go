package pack_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
)

// TestPackTakesTheAgendasStyle: an agenda's style (its style key, a file
// beside agenda.yaml) gives the pack's own pages their logo and wording,
// and each paper keeps its own: the logo is on the front sheet, page 1,
// of both packs and on no paper's page; --style overrides the key.
func TestPackTakesTheAgendasStyle(t *testing.T) {
	tooltest.Require(t, "pdfimages")
	dir := t.TempDir()
	report, err := filepath.Abs(filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "logo.png"), doctest.LogoPNG(), 0o644); err != nil {
		t.Fatal(err)
	}
	style := "name: Kingsbridge City Council\nlogo: logo.png\nlogo_alt: Kingsbridge City Council\nlabels: {pack_venue: Where, agenda_item: No.}\nheadings: {agenda: Business}\n"
	if err := os.WriteFile(filepath.Join(dir, "house.yaml"), []byte(style), 0o644); err != nil {
		t.Fatal(err)
	}
	agenda := filepath.Join(dir, "agenda.yaml")
	text := "council: Kingsbridge City Council\ncommittee: Audit and Governance Committee\ndate: 2021-09-27\nvenue: Civic Centre\nstyle: house.yaml\nitems:\n  - title: Apologies\n  - report: " + report + "\n"
	if err := os.WriteFile(agenda, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	if _, err := pack.Build(agenda, pack.Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"agenda-public.pdf", "agenda-exempt.pdf"} {
		path := filepath.Join(out, p)
		lines := strings.Split(strings.TrimSpace(string(tooltest.Run(t, "pdfimages", "-list", path))), "\n")[2:]
		if len(lines) != 1 || strings.Fields(lines[0])[0] != "1" {
			t.Errorf("%s: pdfimages lists %q, want the logo once, on page 1", p, lines)
		}
		front := tooltest.PageText(t, path, 1)
		for _, w := range []string{"Where:", "Business", "No."} {
			if !strings.Contains(front, w) {
				t.Errorf("%s: the front sheet lacks the style's %q:\n%s", p, w, front)
			}
		}
	}
	paper := tooltest.PageText(t, filepath.Join(out, "agenda-public.pdf"), 2)
	if !strings.Contains(paper, "Lead Strategic Director:") {
		t.Errorf("the paper in the pack lost its own (standard) wording:\n%s", paper)
	}

	// --style names the pack's style in place of the key.
	out2 := t.TempDir()
	if _, err := pack.Build(agenda, pack.Options{OutDir: out2, Style: "default"}); err != nil {
		t.Fatal(err)
	}
	if lines := strings.Split(strings.TrimSpace(string(tooltest.Run(t, "pdfimages", "-list", filepath.Join(out2, "agenda-public.pdf")))), "\n"); len(lines) != 2 {
		t.Errorf("with --style default the pack still has pictures: %q", lines[2:])
	}
}

// TestAgendaStyleProblems: a style the agenda names that does not exist,
// or that fails its checks, is a check error at its key or line.
func TestAgendaStyleProblems(t *testing.T) {
	dir := t.TempDir()
	agenda := filepath.Join(dir, "agenda.yaml")
	if err := os.WriteFile(filepath.Join(dir, "pale.yaml"), []byte("colours: {muted: \"#AAAAAA\"}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for style, want := range map[string]string{
		"none.yaml": "agenda.yaml:4:8: style: " + filepath.Join(dir, "none.yaml") + ": no such file",
		"pale.yaml": filepath.Join(dir, "pale.yaml") + ":1:18: colours.muted: #AAAAAA has a contrast of 2.3:1 against white; text needs at least 4.5:1",
	} {
		text := "council: Kingsbridge City Council\ncommittee: Audit and Governance Committee\ndate: 2021-09-27\nstyle: " + style + "\nitems:\n  - title: Apologies\n"
		if err := os.WriteFile(agenda, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := strings.TrimSpace(strings.ReplaceAll(pack.Check(agenda).Error(), dir+string(filepath.Separator), "")); got != strings.ReplaceAll(want, dir+string(filepath.Separator), "") {
			t.Errorf("style %s: got %q, want %q", style, got, want)
		}
	}
}

// TestAgendaWordsInTheStylesFont: the agenda's own words are printed in
// its style's font, so a character the font lacks is an error at it.
func TestAgendaWordsInTheStylesFont(t *testing.T) {
	agenda := filepath.Join(t.TempDir(), "agenda.yaml")
	text := "council: Kingsbridge City Council\ncommittee: Audit and Governance Committee\ndate: 2021-09-27\nstyle: heritage\nvenue: Siambr y Cyngor ✓\nitems:\n  - title: Apologies\n"
	if err := os.WriteFile(agenda, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	want := agenda + ":5:24: venue: the body font Liberation Serif has no ✓ (U+2713); use a font that has it, or write the text without it"
	if got := pack.Check(agenda).Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
