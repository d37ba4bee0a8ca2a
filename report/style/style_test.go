package style

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/yamlx"
)

// write puts files into a fresh folder and returns the path of the
// first, the style file.
func write(t *testing.T, files ...string) string {
	t.Helper()
	dir := t.TempDir()
	for i := 0; i+1 < len(files); i += 2 {
		p := filepath.Join(dir, files[i])
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[i+1]), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return filepath.Join(dir, files[0])
}

// messages are a list's messages without the folder of the style file.
func messages(dir string, l interface{ Error() string }) string {
	return strings.ReplaceAll(l.Error(), dir+string(filepath.Separator), "")
}

func TestShippedStyles(t *testing.T) {
	names := Names()
	if strings.Join(names, ",") != "default,cabinet,heritage" {
		t.Fatalf("Names() = %v", names)
	}
	for _, n := range names {
		s, errs := Shipped(n)
		if errs.HasErrors() || s == nil {
			t.Fatalf("%s: %v", n, errs)
		}
		if s.Name != n || len(s.Files) != 0 {
			t.Errorf("%s: name %q, files %v; a shipped style is named so and reads no files", n, s.Name, s.Files)
		}
	}
	def, _ := Shipped("default")
	if !reflect.DeepEqual(def.Doc, doc.DefaultStyle()) || !reflect.DeepEqual(def.FrontSheet, DefaultFrontSheet) || !reflect.DeepEqual(def.SignOff, SignOffRows) {
		t.Errorf("the default style is not the standard paper: %+v", def)
	}
	cab, _ := Shipped("cabinet")
	want := []string{"report_to", "meeting_date", "report_of", "subject", "wards_affected", "key_decision", "exempt_information", "reasons_for_decision", "facts"}
	if !reflect.DeepEqual(cab.FrontSheet, want) || cab.Label("report_to") != "Report to" {
		t.Errorf("cabinet: front sheet %v, report_to %q", cab.FrontSheet, cab.Label("report_to"))
	}
	her, _ := Shipped("heritage")
	if her.Doc.BodyFont == nil || her.Doc.BodyFont.Name != "Liberation Serif" || her.Doc.Font != "Liberation Serif" ||
		her.Doc.BodyFont.Bold == nil || her.Doc.BodyFont.Italic == nil || her.Doc.BodyFont.BoldItalic == nil {
		t.Errorf("heritage: body font %+v", her.Doc.BodyFont)
	}
	if her.Doc.Accent != "5B2A6E" || len(her.Doc.Palette) != 6 || her.Doc.Text != "1B1B1B" {
		t.Errorf("heritage: colours %+v", her.Doc)
	}
}

func TestOpen(t *testing.T) {
	for _, c := range []struct{ ref, want string }{
		{"cabnet", `no style named "cabnet" is shipped with paper; did you mean cabinet? (the shipped styles are default, cabinet, heritage; a style file is named by its path, e.g. house/style.yaml)`},
		{"house/missing.yaml", "house/missing.yaml: no such file"},
	} {
		dir := t.TempDir()
		_, _, msg := Open(c.ref, dir)
		if got := strings.ReplaceAll(msg, dir+string(filepath.Separator), ""); got != c.want {
			t.Errorf("Open(%q) = %q, want %q", c.ref, got, c.want)
		}
	}
	path := write(t, "house/k.yaml", "name: Kingsbridge\nlabels: {lead_director: Responsible Director}\n")
	s, errs, msg := Open("house/k.yaml", filepath.Dir(filepath.Dir(path)))
	if msg != "" || errs.HasErrors() || s.Label("lead_director") != "Responsible Director" || s.Label("author") != "Author" {
		t.Errorf("Open of a style file beside the report: %v %v %q", s, errs, msg)
	}
	if len(s.Files) != 1 || s.Files[0] != path {
		t.Errorf("Files = %v, want the style file", s.Files)
	}
}

func TestChecks(t *testing.T) {
	for _, c := range []struct {
		name  string
		files []string
		want  string
	}{
		{"muted too pale", []string{"k.yaml", "name: K\ncolours:\n  text: \"#0B0C0C\"\n  muted: \"#999999\"\n"},
			`k.yaml:4:10: colours.muted: #999999 has a contrast of 2.8:1 against white; text needs at least 4.5:1`},
		{"table header too dark for the default text", []string{"k.yaml", "colours: {table_header: \"#333333\"}\n"},
			`k.yaml:1:25: colours.table_header: #333333 has a contrast of 1.6:1 against the text colour #000000 printed on it; text needs at least 4.5:1`},
		{"a comment, not a colour", []string{"k.yaml", "colours:\n  link: #1D70B8\n"},
			`k.yaml:2:8: colours.link: empty; write a colour in quotes, "#1D4F91": in YAML an unquoted # starts a comment`},
		{"one chart colour", []string{"k.yaml", "chart_palette: [\"#1D4F91\"]\n"},
			`k.yaml:1:16: chart_palette: give at least 2 colours: charts tell their series apart by colour`},
		{"logo without alt", []string{"k.yaml", "logo: logo.png\n", "logo.png", string(doctest.LogoPNG())},
			`k.yaml:1:7: logo: a logo needs logo_alt, its alternative text for screen readers (usually the council's name)`},
		{"alt without logo", []string{"k.yaml", "logo_alt: Kingsbridge\n"},
			`k.yaml:1:11: logo_alt: given without a logo`},
		{"decimals", []string{"k.yaml", "rates: {decimals: 5}\n"},
			`k.yaml:1:19: rates.decimals: 5 decimal places; give 0 to 3`},
		{"empty label", []string{"k.yaml", "labels: {author: \"\"}\n"},
			`k.yaml:1:18: labels.author: empty; leave the key out to keep the default, "Author"`},
		{"unknown label far from any", []string{"k.yaml", "labels: {chairman: Chair}\n"},
			`k.yaml:1:20: labels.chairman: unknown label (the README's House styles section lists the labels)`},
		{"heading fonts alone", []string{"k.yaml", "fonts: {headings: {regular: serif.ttf}}\n", "serif.ttf", string(liberationserifregular.TTF)},
			`k.yaml:1:19: fonts.headings: heading fonts are given without body fonts; give fonts.body too (the body is set in Liberation Sans otherwise, and one paper in two families of which only one is the council's reads oddly)`},
		{"a folder for a logo", []string{"k.yaml", "logo: pics\nlogo_alt: K\n", "pics/x", ""},
			`k.yaml:1:7: logo: pics: is not a regular file: it is a folder`},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := write(t, c.files...)
			_, errs := Load(path)
			if got := messages(filepath.Dir(path), errs); got != c.want {
				t.Errorf("got\n%s\nwant\n%s", got, c.want)
			}
		})
	}
}

// TestLogoLimit gives a logo one byte over 2 MB, as a sparse file.
func TestLogoLimit(t *testing.T) {
	path := write(t, "k.yaml", "logo: big.png\nlogo_alt: Kingsbridge\n")
	f, err := os.Create(filepath.Join(filepath.Dir(path), "big.png"))
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(MaxLogoSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	_, errs := Load(path)
	want := "k.yaml:1:7: logo: big.png is larger than 2 MB; a logo is a small picture (save it smaller, or as a JPEG)"
	if got := messages(filepath.Dir(path), errs); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}

func TestLogo(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 100, 200))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	img.Set(0, 0, color.Black)
	var jb bytes.Buffer
	if err := jpeg.Encode(&jb, img, nil); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name, data, format string
		width              float64
	}{
		{"logo.png", string(doctest.LogoPNG()), "png", LogoWidth},     // 3:1, 45 by 15 mm
		{"logo.jpg", jb.String(), "jpeg", LogoHeight * 100.0 / 200.0}, // tall: 25 mm high
	} {
		path := write(t, "k.yaml", "logo: "+c.name+"\nlogo_alt: Kingsbridge City Council\n", c.name, c.data)
		s, errs := Load(path)
		if errs.HasErrors() {
			t.Fatalf("%s: %v", c.name, errs)
		}
		if l := s.Logo; l == nil || l.Format != c.format || l.Width != c.width || l.Alt != "Kingsbridge City Council" || !bytes.Equal(l.Data, []byte(c.data)) {
			t.Errorf("%s: logo %+v", c.name, s.Logo)
		}
		if len(s.Files) != 2 {
			t.Errorf("%s: files %v, want the style file and the logo", c.name, s.Files)
		}
	}
}

func TestCheckText(t *testing.T) {
	s, _ := Shipped("heritage")
	texts := []Text{
		{File: "report.yaml", Field: "purpose", S: "Done ✓ and ✓ again", At: pos(3, 10)},
		{File: "report.yaml", Field: "sections[0].heading", S: "Cwm Rhondda ŵ ✓ 中", Heading: true, At: pos(9, 14),
			Locate: func(off int) (int, int, bool) { return 9, 14 + off, true }},
	}
	got := s.CheckText(texts).Error()
	want := "report.yaml:3:10: purpose: the body font Liberation Serif has no ✓ (U+2713); use a font that has it, or write the text without it\n" +
		"report.yaml:9:33: sections[0].heading: the body font Liberation Serif has no 中 (U+4E2D); use a font that has it, or write the text without it"
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if l := Default().CheckText(texts); len(l) != 0 {
		t.Errorf("the default style (Liberation Sans, with fallbacks) found %v", l)
	}
}

func TestContrast(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want string
	}{{"000000", "FFFFFF", "21.0"}, {"FFFFFF", "FFFFFF", "1.0"}, {"999999", "FFFFFF", "2.8"}, {"767676", "FFFFFF", "4.5"}, {"777777", "FFFFFF", "4.4"}} {
		if got := ratio(Contrast(c.a, c.b)); got != c.want {
			t.Errorf("Contrast(%s, %s) prints %s, want %s", c.a, c.b, got, c.want)
		}
	}
}

func TestRowLabel(t *testing.T) {
	for in, want := range map[string]string{"Report to": "Report to:", "Key decision?": "Key decision?", "Date:": "Date:", "": ""} {
		if got := RowLabel(in); got != want {
			t.Errorf("RowLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

func pos(line, col int) yamlx.Pos { return yamlx.Pos{Line: line, Col: col} }
