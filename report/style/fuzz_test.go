package style

import (
	"errors"
	"slices"
	"testing"

	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/paperhq/paper/report/doc/doctest"
)

// files is a source of a few fixed files: a PNG logo, a font and text.
type files map[string][]byte

func (f files) path(name string) string { return name }

func (f files) read(name string, max int64, what string) ([]byte, error) {
	b, ok := f[name]
	if !ok {
		return nil, errors.New("no such file")
	}
	return b, nil
}

// FuzzParse decodes style files from bytes, reading the files they name
// from a fixed set: no input panics, and a style without errors is
// usable: every colour six hex digits, the rows known, every label set.
func FuzzParse(f *testing.F) {
	for _, n := range Names() {
		src, _ := Source(n)
		f.Add(src)
	}
	f.Add([]byte("logo: logo.png\nlogo_alt: K\nfonts: {body: {regular: font.ttf, bold: text.txt}}\ncolours: {accent: \"#123456\", table_header: \"#FFFFFF\"}\n"))
	f.Add([]byte("labels: {lead_director: Director}\nfront_sheet: [title, facts, title]\nsign_off: []\nrates: {decimals: 2}\n"))
	src := files{"logo.png": doctest.LogoPNG(), "font.ttf": liberationserifregular.TTF, "text.txt": []byte("text")}
	f.Fuzz(func(t *testing.T, b []byte) {
		s, errs := parse("k.yaml", b, src)
		if s == nil || errs.HasErrors() {
			return
		}
		for _, c := range append([]string{s.Doc.Accent, s.Doc.HeaderFill}, s.Doc.Palette...) {
			if _, ok := parseColour(c); !ok {
				t.Errorf("colour %q", c)
			}
		}
		for _, k := range s.FrontSheet {
			if !slices.Contains(FrontSheetRows, k) {
				t.Errorf("front sheet row %q", k)
			}
		}
		for _, k := range s.SignOff {
			if !slices.Contains(SignOffRows, k) {
				t.Errorf("sign-off row %q", k)
			}
		}
		for _, w := range Labels {
			if s.Label(w.Key) == "" {
				t.Errorf("label %s empty", w.Key)
			}
		}
		for _, w := range Headings {
			if s.Heading(w.Key) == "" {
				t.Errorf("heading %s empty", w.Key)
			}
		}
		if s.Logo != nil && (s.Logo.Alt == "" || s.Logo.Width <= 0) {
			t.Errorf("logo %+v", s.Logo)
		}
		s.CheckText([]Text{{File: "r.yaml", S: string(b)}})
	})
}
