package docx

import (
	"bytes"
	"testing"

	"github.com/paperhq/paper/report/doc/doctest"
)

// rFontsOf returns the w:rFonts of the style with id in styles.xml, nil
// if it names none.
func rFontsOf(styles *node, id string) map[string]string {
	for _, s := range styles.all("style") {
		if s.attr["styleId"] == id {
			if rf := s.first("rFonts"); rf != nil {
				return rf.attr
			}
			return nil
		}
	}
	return nil
}

// TestStyleFontsNamed: the body font is the document default and Normal's
// for every script, the heading font the headings' and the title's, and
// the font table declares both with what their files say (PANOSE,
// family, pitch).
func TestStyleFontsNamed(t *testing.T) {
	p := unpack(t, write(t, doctest.StyledSample(doctest.SerifBody(), doctest.SerifHeadings())))
	styles := p.xml(t, "word/styles.xml")
	def := styles.first("docDefaults").first("rFonts").attr
	for _, script := range []string{"ascii", "hAnsi", "cs", "eastAsia"} {
		if def[script] != "Liberation Serif" {
			t.Errorf("default %s font %q, want Liberation Serif", script, def[script])
		}
		for _, id := range []string{"Heading1", "Heading2", "Heading3", "Title", "CouncilName"} {
			if got := rFontsOf(styles, id)[script]; got != "DejaVu Serif" {
				t.Errorf("%s's %s font %q, want DejaVu Serif", id, script, got)
			}
		}
		if got := rFontsOf(styles, sNormal)[script]; got != "Liberation Serif" {
			t.Errorf("Normal's %s font %q, want Liberation Serif", script, got)
		}
	}
	fonts := map[string]*node{}
	for _, f := range p.xml(t, "word/fontTable.xml").all("font") {
		fonts[f.attr["name"]] = f
	}
	if len(fonts) != 2 {
		t.Errorf("font table declares %d fonts, want the two families", len(fonts))
	}
	for name, want := range map[string]string{"Liberation Serif": "02020603050405020304", "DejaVu Serif": "02060603050605020204"} {
		f := fonts[name]
		if f == nil {
			t.Errorf("font table lacks %s", name)
			continue
		}
		if got := f.first("panose1"); got == nil || got.attr["val"] != want {
			t.Errorf("%s: panose1 %v, want %s", name, got, want)
		}
		if got := f.first("family").attr["val"]; got != "roman" {
			t.Errorf("%s: family %s, want roman", name, got)
		}
		if got := f.first("pitch").attr["val"]; got != "variable" {
			t.Errorf("%s: pitch %s, want variable", name, got)
		}
	}
}

// TestStyleFontsChartPicture: the chart's PNG is drawn in the style's
// typeface, so it differs from the default's.
func TestStyleFontsChartPicture(t *testing.T) {
	styled := unpack(t, write(t, doctest.StyledSample(doctest.SerifBody(), nil)))
	plain := unpack(t, write(t, doctest.Sample()))
	a, b := styled.parts["word/media/image1.png"], plain.parts["word/media/image1.png"]
	if len(a) == 0 || len(b) == 0 {
		t.Fatalf("no chart picture: %v", styled.names)
	}
	if bytes.Equal(a, b) {
		t.Error("the chart's picture is the same in Liberation Serif as in Liberation Sans")
	}
}
