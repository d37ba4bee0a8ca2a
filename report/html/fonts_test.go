package html_test

import (
	"regexp"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc/doctest"
)

// TestStyleFontsNamed: the page sets its text in the house style's body
// font and its headings in the heading font, each followed by widely
// installed fonts of its kind, and its charts' SVG text names the body
// font the same way; the page embeds no font.
func TestStyleFontsNamed(t *testing.T) {
	page := string(write(t, doctest.StyledSample(doctest.SerifBody(), doctest.SerifHeadings())))
	const body = "'Liberation Serif', 'Times New Roman', 'Times', serif"
	const head = "'DejaVu Serif', 'Times New Roman', 'Times', serif"
	for _, want := range []string{
		"html{font-family:" + body + ";",
		"h1,h2,h3,h4,.banner{font-family:" + head + "}",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the style sheet lacks %s", want)
		}
	}
	families := regexp.MustCompile(`<text [^>]*font-family="([^"]*)"`).FindAllStringSubmatch(page, -1)
	if len(families) == 0 {
		t.Fatal("no SVG text on the page")
	}
	for _, m := range families {
		if m[1] != body {
			t.Fatalf("SVG text in %q, want %q", m[1], body)
		}
	}
	if strings.Contains(page, "@font-face") {
		t.Error("the page embeds a font")
	}
	// Without house style fonts the stack is the default one, and there
	// is no heading rule.
	plain := string(write(t, doctest.Sample()))
	if !strings.Contains(plain, `html{font-family:"Arial","Liberation Sans",Arial,Helvetica,sans-serif;`) || strings.Contains(plain, "h1,h2,h3,h4,.banner{font-family") {
		t.Error("the default page's fonts changed")
	}
}
