package style

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// readmeSection returns the README's text from heading to the next
// heading of the same or a higher level.
func readmeSection(t *testing.T, text, heading string) string {
	t.Helper()
	i := strings.Index(text, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("the README has no section %q", heading)
	}
	level := strings.Index(heading, " ")
	rest := text[i+len(heading)+2:]
	for _, m := range regexp.MustCompile(`(?m)^#{1,6} `).FindAllStringIndex(rest, -1) {
		if m[1]-m[0]-1 <= level {
			return rest[:m[0]]
		}
	}
	return rest
}

var row = regexp.MustCompile("(?m)^\\| `([a-z_]+)` \\| ([^|]*(?:\\\\\\|[^|]*)*) \\|")

// TestREADMEListsTheWords checks that the README's House styles section
// lists exactly the labels, headings, front-sheet rows and sign-off rows
// the code has, in its order and with its default wording.
func TestREADMEListsTheWords(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	house := readmeSection(t, string(b), "## House styles")
	for _, c := range []struct {
		heading string
		words   []Word
	}{{"### Labels", Labels}, {"### Headings", Headings}} {
		var got []Word
		for _, m := range row.FindAllStringSubmatch(readmeSection(t, house, c.heading), -1) {
			got = append(got, Word{m[1], strings.ReplaceAll(strings.TrimSpace(m[2]), `\|`, "|")})
		}
		if !slices.Equal(got, c.words) {
			for i := 0; i < max(len(got), len(c.words)); i++ {
				var g, w Word
				if i < len(got) {
					g = got[i]
				}
				if i < len(c.words) {
					w = c.words[i]
				}
				if g != w {
					t.Errorf("%s: row %d of the README is %+v; the code has %+v", c.heading, i+1, g, w)
				}
			}
		}
	}
	var rows []string
	for _, m := range row.FindAllStringSubmatch(readmeSection(t, house, "### Front sheet rows"), -1) {
		rows = append(rows, m[1])
	}
	if !slices.Equal(rows, FrontSheetRows) {
		t.Errorf("the README's front sheet rows are %v; the code has %v", rows, FrontSheetRows)
	}
	var signOff []string
	for _, m := range regexp.MustCompile("`([a-z_]+)`").FindAllStringSubmatch(readmeSection(t, house, "### Sign-off rows"), -1) {
		if m[1] != "sign_off" && !strings.HasPrefix(m[1], "sign_off.") {
			signOff = append(signOff, m[1])
		}
	}
	if !slices.Equal(signOff, SignOffRows) {
		t.Errorf("the README's sign-off rows are %v; the code has %v", signOff, SignOffRows)
	}
	for _, n := range Names() {
		if !strings.Contains(readmeSection(t, house, "### The shipped styles"), "| `"+n+"` |") {
			t.Errorf("the README does not describe the shipped style %s", n)
		}
	}
}
