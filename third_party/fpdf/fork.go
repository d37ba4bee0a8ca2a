package fpdf

import (
	"fmt"
	"strings"
)

// CopyUTF8Font registers with f the UTF-8 font that src registered (with
// AddUTF8FontFromBytes) as family and style, without parsing the font
// file again: parsing is most of the time it takes to write a short
// document, and an agenda pack writes many. It reports whether it did; it
// does nothing if src has no such UTF-8 font or f already has one.
//
// The copy shares with src only what neither document changes: the font
// file and its advance widths. What a document changes is its own: the
// set of characters it uses, and the subsetter's state, which is reset
// and filled when the document is written (its maps and slices are
// replaced before they are written, so a shallow copy with its own file
// reader suffices). Documents sharing a font may be written in parallel,
// and each gives exactly the bytes AddUTF8FontFromBytes would. Not in
// upstream fpdf: see FORK.md.
func (f *Fpdf) CopyUTF8Font(src *Fpdf, familyStr, styleStr string) bool {
	if f.err != nil || src == nil {
		return false
	}
	key := getFontKey(familyStr, styleStr)
	def, ok := src.fonts[key]
	if !ok || def.Tp != "UTF8" || def.utf8File == nil || def.utf8File.fileReader == nil {
		return false
	}
	if _, ok := f.fonts[key]; ok {
		return false
	}
	// As addFontFromBytes: the characters every document embeds.
	if f.aliasNbPagesStr == "" {
		def.usedRunes = makeSubsetRange(57)
	} else {
		def.usedRunes = makeSubsetRange(32)
	}
	file := *def.utf8File
	reader := *file.fileReader
	file.fileReader = &reader
	def.utf8File = &file
	f.fonts[key] = def
	return true
}

// SetUTF8FontBaseName sets the name under which the UTF-8 font registered
// as family and style is embedded (its /BaseFont and /FontName), in place
// of upstream's "utf8" + family + style: a subset name such as
// "ABCDEF+LiberationSerif-Bold", so that a reader's font list shows the
// font's own PostScript name. name must be a valid PDF name without the
// leading slash (no white space, delimiters or '#'); it reports whether it
// set the name, false for an unknown font or an invalid name. Not in
// upstream fpdf: see FORK.md.
func (f *Fpdf) SetUTF8FontBaseName(familyStr, styleStr, name string) bool {
	key := getFontKey(fontFamilyEscape(familyStr), styleStr)
	def, ok := f.fonts[key]
	if !ok || def.Tp != "UTF8" || name == "" || len(name) > 127 {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c <= ' ' || c >= 0x7F || strings.IndexByte("()<>[]{}/%#", c) >= 0 {
			return false
		}
	}
	def.baseName = name
	f.fonts[key] = def
	return true
}

// generateCutFont subsets a font as GenerateCutFont does, returning an
// error where upstream panics on a damaged file (glyph offsets beyond its
// glyf table, truncated composite glyphs): a font file may be a user's.
// Not in upstream fpdf: see FORK.md.
func generateCutFont(u *utf8FontFile, runes map[int]int) (b []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("damaged font file: %v", r)
		}
	}()
	return u.GenerateCutFont(runes), nil
}
