package style

import (
	"unicode"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/yamlx"
	"golang.org/x/image/font/sfnt"
)

// Text is one string the layout prints, with where it was written, for
// CheckText.
type Text struct {
	// File is the file the text was read from and Field its key path
	// there ("sections[2].blocks[0].text").
	File, Field string
	S           string
	// Heading is true for text set in the heading font (the committee's
	// name, section headings and subheadings).
	Heading bool
	// Locate gives the line and column of the character at byte offset
	// off of S; nil, or ok false, places the problem at At.
	Locate func(off int) (line, col int, ok bool)
	At     yamlx.Pos
}

// CheckText reports each character of the texts that the style's font
// for it cannot draw, once per character and font, at the first place
// it is written: "the body font DejaVu Serif has no ŵ (U+0175)". The
// style's own labels and headings are checked too. A style with no
// fonts of its own (Liberation Sans, with paper's fallbacks) finds
// nothing.
func (s *Style) CheckText(texts []Text) diag.List {
	if s == nil || s.Doc.BodyFont == nil {
		return nil
	}
	body := parsed(s.Doc.BodyFont)
	head := body
	headName := "body"
	if s.Doc.HeadingFont != nil {
		head, headName = parsed(s.Doc.HeadingFont), "heading"
	}
	if body == nil || head == nil {
		return nil
	}
	texts = append(s.ownTexts(), texts...)
	var l diag.List
	var buf sfnt.Buffer
	type miss struct {
		font *sfnt.Font
		r    rune
	}
	seen := map[miss]bool{}
	for _, t := range texts {
		f, role, fam := body, "body", s.Doc.BodyFont
		if t.Heading {
			f, role, fam = head, headName, s.Doc.HeadingFont
			if fam == nil {
				fam = s.Doc.BodyFont
			}
		}
		for off, r := range t.S {
			if r < 0x20 || unicode.IsSpace(r) || r == unicode.ReplacementChar || seen[miss{f, r}] {
				continue
			}
			if g, err := f.GlyphIndex(&buf, r); err == nil && g != 0 {
				continue
			}
			seen[miss{f, r}] = true
			pos := t.At
			if t.Locate != nil {
				if line, col, ok := t.Locate(off); ok {
					pos = yamlx.Pos{Line: line, Col: col}
				}
			}
			l.Errorf(t.File, pos.Line, pos.Col, t.Field, "the %s font %s has no %c (U+%04X); use a font that has it, or write the text without it", role, fam.Name, r, r)
		}
	}
	return l
}

// ownTexts are the style's own words, as texts to check.
func (s *Style) ownTexts() []Text {
	var ts []Text
	for _, group := range []struct {
		key     string
		words   []Word
		m       map[string]string
		heading bool
	}{{"labels", Labels, s.labels, false}, {"headings", Headings, s.headings, true}} {
		for _, w := range group.words {
			if v := group.m[w.Key]; v != w.Default {
				path := group.key + "." + w.Key
				ts = append(ts, Text{File: s.file, Field: path, S: v, Heading: group.heading, At: s.pos.At(path)})
			}
		}
	}
	return ts
}

// parsed is a family's regular font, parsed (the style checked that it
// parses).
func parsed(f *doc.FontFamily) *sfnt.Font {
	fnt, err := sfnt.Parse(f.Regular)
	if err != nil {
		return nil
	}
	return fnt
}
