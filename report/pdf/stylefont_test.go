package pdf

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

var updateGolden = flag.Bool("update", false, "rewrite testdata/unstyled-sample.sha256")

// TestUnstyledSameBytes: a tree with no house style fonts gives exactly
// the PDF it gave before house styles had fonts. The hash was recorded
// from that writer; a change that means to alter the default PDF must
// say so by updating it (go test ./report/pdf -run TestUnstyledSameBytes -update).
func TestUnstyledSameBytes(t *testing.T) {
	var buf bytes.Buffer
	if _, err := Write(&buf, doctest.Sample()); err != nil {
		t.Fatal(err)
	}
	tooltest.SameHash(t, filepath.Join("testdata", "unstyled-sample.sha256"), buf.Bytes(), *updateGolden)
}

// pdfFonts returns pdffonts' rows as name -> the row's fields.
func pdfFonts(t *testing.T, path string, args ...string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, l := range nonEmptyLines(string(tooltest.Run(t, "pdffonts", append(args, path)...)))[2:] {
		f := strings.Fields(l)
		out[f[0]] = f
	}
	return out
}

// TestStyleFontsEmbedded: a fully styled tree embeds only the style's
// fonts, subset under their PostScript names, mapped to Unicode; the
// headings are in the heading family; characters the style's font lacks
// (✓) are in the fallback; and the text reads back.
func TestStyleFontsEmbedded(t *testing.T) {
	tooltest.Require(t, "pdffonts")
	path, _ := write(t, doctest.StyledSample(doctest.SerifBody(), doctest.SerifHeadings()))
	fonts := pdfFonts(t, path)
	subset := regexp.MustCompile(`^[A-Z]{6}\+(.+)$`)
	seen := map[string]bool{}
	for name, f := range fonts {
		n := len(f)
		if f[1] != "CID" || f[2] != "TrueType" || f[n-5] != "yes" || f[n-4] != "yes" || f[n-3] != "yes" {
			t.Errorf("%s: want CID TrueType, embedded, subset, with a Unicode map: %v", name, f)
		}
		m := subset.FindStringSubmatch(name)
		if m == nil {
			t.Errorf("%s is not a subset name", name)
			continue
		}
		seen[m[1]] = true
	}
	for _, want := range []string{"LiberationSerif", "LiberationSerif-Bold", "LiberationSerif-Italic", "DejaVuSerif-Bold", "DejaVuSerif-BoldItalic", "DejaVuSans"} {
		if !seen[want] {
			t.Errorf("no %s embedded; fonts: %v", want, seen)
		}
	}
	for name := range seen {
		if strings.HasPrefix(name, "LiberationSans") {
			t.Errorf("%s embedded in a fully styled paper", name)
		}
	}
	text := tooltest.PageText(t, path, 1)
	for _, want := range []string{"costing £1,250 – with café ŵ and italic words", "Purpose of Report", "✓"} {
		if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
			t.Errorf("page 1's text lacks %q:\n%s", want, text)
		}
	}
}

// TestStyleFontsPDFUA: the styled paper passes cpdf's PDF/UA-1 check, as
// the default one does.
func TestStyleFontsPDFUA(t *testing.T) {
	tooltest.Cpdf(t)
	path, _ := write(t, doctest.StyledSample(doctest.SerifBody(), nil))
	if out := tooltest.Matterhorn(t, path); out != "" {
		t.Errorf("cpdf's PDF/UA-1 check reports:\n%s", out)
	}
}

// TestStyleFontErrors: files the writer cannot embed are errors naming
// the font, never a panic or a PDF in another font.
func TestStyleFontErrors(t *testing.T) {
	serif := doctest.SerifBody()
	cff := append([]byte("OTTO"), serif.Regular[4:]...)
	for _, tc := range []struct {
		name string
		ff   *doc.FontFamily
		want string
	}{
		{"no regular", &doc.FontFamily{Name: "Council Sans", Bold: serif.Bold}, `font "Council Sans" has no regular font file`},
		{"not a font", &doc.FontFamily{Name: "Council Sans", Regular: []byte("PK\x03\x04 a zip, not a font")}, "not a TrueType font file"},
		{"CFF", &doc.FontFamily{Name: "Council Sans", Regular: cff}, "PostScript (CFF) outlines"},
		{"truncated bold", &doc.FontFamily{Name: "Council Sans", Regular: serif.Regular, Bold: serif.Bold[:2000]}, `font "Council Sans" (bold): not a usable TrueType font`},
	} {
		d := doctest.Sample()
		d.Style.HeadingFont = tc.ff
		var buf bytes.Buffer
		_, err := Write(&buf, d)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want %q", tc.name, err, tc.want)
		}
	}
}

// TestStyleFontCacheKeys: two families in one process never share a font
// in the cache: each document embeds its own family, and the second
// document of a family gives the first's bytes.
func TestStyleFontCacheKeys(t *testing.T) {
	tooltest.Require(t, "pdffonts")
	var outs [3][]byte
	for i, ff := range []*doc.FontFamily{doctest.SerifBody(), doctest.SerifHeadings(), doctest.SerifBody()} {
		var buf bytes.Buffer
		if _, err := Write(&buf, doctest.StyledSample(ff, nil)); err != nil {
			t.Fatal(err)
		}
		outs[i] = buf.Bytes()
	}
	if !bytes.Equal(outs[0], outs[2]) {
		t.Error("the same styled tree written twice gives different bytes")
	}
	for i, want := range []string{"LiberationSerif", "DejaVuSerif"} {
		path := filepath.Join(t.TempDir(), "out.pdf")
		if err := os.WriteFile(path, outs[i], 0o644); err != nil {
			t.Fatal(err)
		}
		for name := range pdfFonts(t, path) {
			if !strings.Contains(name, "+"+want) && !strings.Contains(name, "+DejaVuSans") {
				t.Errorf("document %d in %s embeds %s", i, want, name)
			}
		}
	}
}

// FuzzStyleFont gives the writer damaged house style font files (the
// user's files): each is an error naming the font, or a PDF in it; never
// a panic or an internal error.
func FuzzStyleFont(f *testing.F) {
	serif := doctest.SerifBody().Regular
	f.Add(serif[:3000], 0, byte(0))
	f.Add(serif, 12, byte(0xFF))
	f.Add(serif, 200, byte(0x10))
	f.Add(serif, 60000, byte(0x01))
	f.Fuzz(func(t *testing.T, ttf []byte, at int, b byte) {
		if len(ttf) > 0 && at >= 0 {
			ttf = append([]byte(nil), ttf...)
			ttf[at%len(ttf)] ^= b
		}
		d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Marking: "OFFICIAL", Number: "Page {page} of {pages}"},
			Blocks: []doc.Block{
				&doc.Heading{Level: 1, Text: "Purpose of Report"},
				&doc.Paragraph{Content: []doc.Inline{{Text: "Café ŵ £1,250 – "}, {Text: "bold", Bold: true}, {Text: " ✓"}}},
			}}
		d.Style.BodyFont = &doc.FontFamily{Name: "Fuzz", Regular: ttf}
		var buf bytes.Buffer
		_, err := Write(&buf, d)
		if err != nil {
			if !strings.Contains(err.Error(), `font "Fuzz"`) {
				t.Fatalf("error not naming the font: %v", err)
			}
			return
		}
		if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
			t.Fatal("no PDF")
		}
	})
}

// TestDamagedGlyph: a font whose glyph for ŵ points past its glyf table
// (found by FuzzStyleFont) embeds until a paper uses ŵ, and then is an
// error naming the font, not an internal error.
func TestDamagedGlyph(t *testing.T) {
	ttf, err := doctest.DamagedGlyph(doctest.SerifBody().Regular, 'ŵ')
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want string
	}{
		{"Plain text", ""},
		{"Dŵr", `pdf: font "Damaged Serif" (regular): not a usable TrueType font: damaged font file`},
	} {
		d := &doc.Document{Style: doc.DefaultStyle(), Blocks: []doc.Block{&doc.Paragraph{Content: doc.Plain(tc.text)}}}
		d.Style.BodyFont = &doc.FontFamily{Name: "Damaged Serif", Regular: ttf}
		var out bytes.Buffer
		_, err := Write(&out, d)
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tc.want)) {
			t.Errorf("%q: error %v, want %q", tc.text, err, tc.want)
		}
		// The font is subset as the document is finished: a failure
		// there leaves the writer empty, not holding half a PDF.
		if err != nil && out.Len() > 0 {
			t.Errorf("%q: %d bytes written with the error", tc.text, out.Len())
		}
	}
}
