package html_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc/doctest"
)

// TestStyledPage: a house style's logo is one img, its picture inline as
// a data: address, with its alternative text; the style's colours are in
// the style sheet.
func TestStyledPage(t *testing.T) {
	page := write(t, styledFixture(t))
	imgs := byTag(parse(t, page), "img")
	if len(imgs) != 1 {
		t.Fatalf("%d img elements, want the logo", len(imgs))
	}
	src, _ := attr(imgs[0], "src")
	alt, _ := attr(imgs[0], "alt")
	data, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(src, "data:image/png;base64,"))
	if err != nil || !bytes.Equal(data, doctest.LogoPNG()) || alt != "Kingsbridge City Council" {
		t.Errorf("the logo's img: src %.40q (%v), alt %q", src, err, alt)
	}
	css := text(byTag(parse(t, page), "style")[0])
	for _, c := range []string{"color:#1b1b1b", "color:#1f4e79", "color:#5b2a6e", "background:#ede4f0", "color:#4a4a4a"} {
		if !strings.Contains(css, c) {
			t.Errorf("the style sheet lacks %s", c)
		}
	}
}
