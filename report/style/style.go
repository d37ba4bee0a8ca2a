// Package style reads a council's house style: the style file a report or
// agenda names (`style: house/kingsbridge.yaml`) or one of the styles
// shipped with paper (`style: cabinet`), with the files it names (logo,
// fonts, Word template), and checks it: unknown keys with a suggestion,
// files that are missing or not what they claim, text colours under
// 4.5:1 and chart colours under 3:1 against their background, a logo
// without alternative text. Every problem is at the style file's
// line:col.
//
// A Style fills the document tree's doc.Style (colours, palette, font
// families, reference DOCX), the logo block, and the words and rows of
// the layout (labels, headings, front_sheet, sign_off); layout reads
// them. The zero of each part is the councils' standard paper, so a
// report that names no style is laid out exactly as before.
package style

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // the logo's size
	_ "image/png"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/yamlx"
	"golang.org/x/image/font/sfnt"
)

// File is the style file as written.
type File struct {
	Name          string            `yaml:"name"`
	Logo          string            `yaml:"logo"`
	LogoAlt       string            `yaml:"logo_alt"`
	Fonts         Fonts             `yaml:"fonts"`
	Colours       Colours           `yaml:"colours"`
	ChartPalette  []string          `yaml:"chart_palette"`
	Rates         Rates             `yaml:"rates"`
	Labels        map[string]string `yaml:"labels"`
	FrontSheet    []string          `yaml:"front_sheet"`
	Headings      map[string]string `yaml:"headings"`
	SignOff       []string          `yaml:"sign_off"`
	ReferenceDOCX string            `yaml:"reference_docx"`
}

// Fonts names the body and heading typefaces' files.
type Fonts struct {
	Body     Face `yaml:"body"`
	Headings Face `yaml:"headings"`
}

// Face is one typeface's four styles, as TrueType or OpenType files.
type Face struct {
	Regular    string `yaml:"regular"`
	Bold       string `yaml:"bold"`
	Italic     string `yaml:"italic"`
	BoldItalic string `yaml:"bold_italic"`
}

// Colours are the style's colours, each "#RRGGBB".
type Colours struct {
	Accent      string `yaml:"accent"`
	Text        string `yaml:"text"`
	Muted       string `yaml:"muted"`
	TableHeader string `yaml:"table_header"`
	Link        string `yaml:"link"`
}

// Rates sets the paper's default precision for rates.
type Rates struct {
	Decimals *int `yaml:"decimals"`
}

// Style is a loaded, checked house style.
type Style struct {
	// Name is the style's name: the file's name key, or the shipped
	// style's name.
	Name string
	// Doc is the tree's house style: sizes and margins of the standard
	// paper with the style's colours, palette, fonts and Word template.
	Doc doc.Style
	// Logo is printed at the top of page 1 and of a pack's front sheet;
	// nil for none.
	Logo *doc.Image
	// Decimals is the paper's default precision for rates, or nil for
	// the standard rule (whole percentages, one decimal under 10%).
	Decimals *int
	// FrontSheet and SignOff are the facts table's and the sign-off
	// table's rows, in order.
	FrontSheet, SignOff []string
	// Files are the files the style was read from (the style file, its
	// logo, fonts and template), for the inputs of a build; empty for a
	// shipped style, which is part of paper.
	Files []string

	labels, headings map[string]string
	// file and pos place problems found later (a font lacking a
	// character of the style's own words) in the style file.
	file string
	pos  yamlx.Positions
}

// Default is the councils' standard paper: the layout of a report that
// names no style.
func Default() *Style {
	return &Style{
		Name:       "default",
		Doc:        doc.DefaultStyle(),
		FrontSheet: slices.Clone(DefaultFrontSheet),
		SignOff:    slices.Clone(SignOffRows),
		labels:     defaults(Labels),
		headings:   defaults(Headings),
	}
}

// Label is the wording of a label key (see Labels); a nil Style gives
// the default.
func (s *Style) Label(key string) string {
	if s == nil {
		s = std
	}
	if w, ok := s.labels[key]; ok {
		return w
	}
	panic("style: no label " + key) // a key missing from Labels is a bug in layout
}

// Heading is the wording of a heading key (see Headings).
func (s *Style) Heading(key string) string {
	if s == nil {
		s = std
	}
	if w, ok := s.headings[key]; ok {
		return w
	}
	panic("style: no heading " + key)
}

var std = Default()

// Limits on the files a style reads. A style file is a page of YAML; a
// font family's file is a few megabytes (a CJK font tens); a Word
// template with its header images a few megabytes.
const (
	MaxFileSize = 1 << 20
	MaxFontSize = 64 << 20
	MaxLogoSize = 2 << 20
	MaxDOCXSize = 32 << 20
)

// LogoWidth is the logo's printed width in millimetres, and LogoHeight
// the most it may stand: a taller logo is printed narrower.
const (
	LogoWidth  = 45
	LogoHeight = 25
)

// source reads the files a style names: from the disk, beside the style
// file, or from paper's own shipped styles.
type source interface {
	read(name string, max int64, what string) ([]byte, error)
	// path is how problems name the file.
	path(name string) string
}

type disk struct{ dir string }

func (d disk) path(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(d.dir, filepath.FromSlash(name))
}

func (d disk) read(name string, max int64, what string) ([]byte, error) {
	return diag.ReadFile(d.path(name), max, what)
}

// Load reads the style file at path and the files it names, relative to
// its folder, and checks them. It returns the style and every problem;
// a style with errors must not be used.
func Load(path string) (*Style, diag.List) {
	src, err := diag.ReadFile(path, MaxFileSize, "a style file")
	if err != nil {
		return nil, diag.List{{File: path, Msg: diag.ReadError(err)}}
	}
	s, errs := parse(path, src, disk{filepath.Dir(path)})
	if s != nil {
		s.Files = append([]string{path}, s.Files...)
	}
	return s, errs
}

// parse decodes and checks a style file's text, reading the files it
// names from src.
func parse(path string, text []byte, src source) (*Style, diag.List) {
	var f File
	pos, errs := yamlx.Decode(path, text, &f)
	if _, ok := pos[""]; !ok || len(f.Name+f.Logo) == 0 && errs.HasErrors() && len(pos) <= 1 {
		return nil, errs // not a style file at all (empty, not YAML)
	}
	// Decoding problems (an unknown key, a value of the wrong type) leave
	// the rest decoded: check it too, so one run reports them all.
	c := &checker{file: path, pos: pos, src: src, errs: errs}
	s := Default()
	s.Name, s.file, s.pos = f.Name, path, pos
	c.colours(&f, &s.Doc)
	c.palette(f.ChartPalette, &s.Doc)
	s.Doc.BodyFont = c.face("fonts.body", f.Fonts.Body)
	s.Doc.HeadingFont = c.face("fonts.headings", f.Fonts.Headings)
	if s.Doc.HeadingFont != nil && s.Doc.BodyFont == nil {
		c.errorf("fonts.headings", "heading fonts are given without body fonts; give fonts.body too (the body is set in Liberation Sans otherwise, and one paper in two families of which only one is the council's reads oddly)")
	}
	if s.Doc.BodyFont != nil {
		s.Doc.Font = s.Doc.BodyFont.Name
	}
	s.Logo = c.logo(f.Logo, f.LogoAlt)
	if f.ReferenceDOCX != "" {
		s.Doc.ReferenceDOCX = c.read("reference_docx", f.ReferenceDOCX, MaxDOCXSize, "a Word document")
		if b := s.Doc.ReferenceDOCX; b != nil && !bytes.HasPrefix(b, []byte("PK\x03\x04")) {
			c.errorf("reference_docx", "%s is not a Word document (.docx or .dotx): it is not a zip file", c.src.path(f.ReferenceDOCX))
			s.Doc.ReferenceDOCX = nil
		}
	}
	if d := f.Rates.Decimals; d != nil {
		if *d < 0 || *d > MaxDecimals {
			c.errorf("rates.decimals", "%d decimal places; give 0 to %d", *d, MaxDecimals)
		} else {
			s.Decimals = d
		}
	}
	c.words("labels", "label", f.Labels, Labels, s.labels)
	c.words("headings", "heading", f.Headings, Headings, s.headings)
	if f.FrontSheet != nil {
		s.FrontSheet = c.rows("front_sheet", f.FrontSheet, FrontSheetRows)
	}
	if f.SignOff != nil {
		s.SignOff = c.rows("sign_off", f.SignOff, SignOffRows)
	}
	s.Files = c.files
	return s, c.errs
}

// MaxDecimals is the most decimal places rates.decimals may ask for.
const MaxDecimals = 3

type checker struct {
	file  string
	pos   yamlx.Positions
	src   source
	errs  diag.List
	files []string
}

func (c *checker) errorf(path, format string, args ...any) {
	p := c.pos.At(path)
	c.errs.Errorf(c.file, p.Line, p.Col, path, format, args...)
}

// file reads a file the style names at key path, or reports why not.
func (c *checker) read(path, name string, max int64, what string) []byte {
	b, err := c.src.read(name, max, what)
	if err != nil {
		var tl *diag.TooLargeError
		if errors.As(err, &tl) && path == "logo" {
			c.errorf(path, "%s is larger than 2 MB; a logo is a small picture (save it smaller, or as a JPEG)", c.src.path(name))
			return nil
		}
		c.errorf(path, "%s: %s", c.src.path(name), diag.ReadError(err))
		return nil
	}
	if _, ok := c.src.(disk); ok {
		c.files = append(c.files, c.src.path(name))
	}
	return b
}

// colours reads the colours into st, checking each text colour's
// contrast against white (and the text's against the table header's
// fill, which it is printed on).
func (c *checker) colours(f *File, st *doc.Style) {
	col := func(key, v string) string {
		path := "colours." + key
		if v == "" {
			if _, given := c.pos[path]; given {
				c.errorf(path, "empty; write a colour in quotes, \"#1D4F91\": in YAML an unquoted # starts a comment")
			}
			return ""
		}
		hex, ok := parseColour(v)
		if !ok {
			c.errorf(path, "%s is not a colour; write it as \"#RRGGBB\", e.g. \"#1D4F91\"", diag.Quote(v))
		}
		return hex
	}
	cs := f.Colours
	accent, text, muted, link := col("accent", cs.Accent), col("text", cs.Text), col("muted", cs.Muted), col("link", cs.Link)
	for _, t := range []struct{ key, hex string }{{"accent", accent}, {"text", text}, {"muted", muted}, {"link", link}} {
		if t.hex == "" {
			continue
		}
		if r := Contrast(t.hex, "FFFFFF"); r < TextContrast {
			c.errorf("colours."+t.key, "#%s has a contrast of %s:1 against white; text needs at least 4.5:1", t.hex, ratio(r))
		}
	}
	if h := col("table_header", cs.TableHeader); h != "" {
		on := text
		if on == "" {
			on = "000000" // the writers' default text colour
		}
		if r := Contrast(h, on); r < TextContrast {
			c.errorf("colours.table_header", "#%s has a contrast of %s:1 against the text colour #%s printed on it; text needs at least 4.5:1", h, ratio(r), on)
		}
		st.HeaderFill = h
	}
	if accent != "" {
		st.Accent = accent
	}
	st.Text, st.Muted, st.Link = text, muted, link
}

// palette reads the chart colours, each at least 3:1 against white.
func (c *checker) palette(p []string, st *doc.Style) {
	if p == nil {
		return
	}
	if len(p) < 2 {
		c.errorf("chart_palette", "give at least 2 colours: charts tell their series apart by colour")
	}
	out := make([]string, 0, len(p))
	for i, v := range p {
		path := fmt.Sprintf("chart_palette[%d]", i)
		hex, ok := parseColour(v)
		if !ok {
			c.errorf(path, "%s is not a colour; write it as \"#RRGGBB\" in quotes", diag.Quote(v))
			continue
		}
		if r := Contrast(hex, "FFFFFF"); r < ChartContrast {
			c.errorf(path, "#%s has a contrast of %s:1 against white; chart colours need at least 3:1", hex, ratio(r))
		}
		out = append(out, hex)
	}
	st.Palette = out
}

// face reads one typeface's files; nil when none is named.
func (c *checker) face(path string, f Face) *doc.FontFamily {
	if f == (Face{}) {
		return nil
	}
	fam := &doc.FontFamily{}
	for _, s := range []struct {
		key, name string
		into      *[]byte
	}{{"regular", f.Regular, &fam.Regular}, {"bold", f.Bold, &fam.Bold}, {"italic", f.Italic, &fam.Italic}, {"bold_italic", f.BoldItalic, &fam.BoldItalic}} {
		if s.name == "" {
			continue
		}
		at := path + "." + s.key
		b := c.read(at, s.name, MaxFontSize, "a font")
		if b == nil {
			continue
		}
		fnt, err := sfnt.Parse(b)
		if err != nil {
			c.errorf(at, "%s is not a TrueType or OpenType font (%v)", c.src.path(s.name), strings.TrimPrefix(err.Error(), "sfnt: "))
			continue
		}
		if s.key == "regular" {
			fam.Name = familyName(fnt)
		}
		*s.into = b
	}
	if f.Regular == "" {
		c.errorf(path+".regular", "required, but missing: the family's regular style is the one every other falls back to")
	}
	if fam.Regular == nil {
		return nil
	}
	return fam
}

// familyName is a font's family name from its name table: the typographic
// family when it has one ("DejaVu Serif"), else the family.
func familyName(f *sfnt.Font) string {
	var buf sfnt.Buffer
	for _, id := range []sfnt.NameID{sfnt.NameIDTypographicFamily, sfnt.NameIDFamily} {
		if n, err := f.Name(&buf, id); err == nil && strings.TrimSpace(n) != "" {
			return strings.TrimSpace(n)
		}
	}
	return "Unnamed font"
}

// logo reads the logo: a PNG or JPEG of at most MaxLogoSize, with its
// alternative text.
func (c *checker) logo(name, alt string) *doc.Image {
	if name == "" {
		if alt != "" {
			c.errorf("logo_alt", "given without a logo")
		}
		return nil
	}
	if strings.TrimSpace(alt) == "" {
		c.errorf("logo", "a logo needs logo_alt, its alternative text for screen readers (usually the council's name)")
	}
	b := c.read("logo", name, MaxLogoSize, "a picture")
	if b == nil {
		return nil
	}
	cfg, kind, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil || (kind != "png" && kind != "jpeg") || cfg.Width < 1 || cfg.Height < 1 {
		c.errorf("logo", "%s is not a PNG or JPEG picture", c.src.path(name))
		return nil
	}
	w := float64(LogoWidth)
	if h := w * float64(cfg.Height) / float64(cfg.Width); h > LogoHeight {
		w = LogoHeight * float64(cfg.Width) / float64(cfg.Height)
	}
	return &doc.Image{Data: b, Format: kind, Alt: strings.TrimSpace(alt), Width: w, PixelWidth: cfg.Width, PixelHeight: cfg.Height}
}

// words reads a map of wordings over their defaults.
func (c *checker) words(path, what string, given map[string]string, known []Word, into map[string]string) {
	names := keys(known)
	for _, k := range sortedKeys(given) {
		at := path + "." + diag.Excerpt(k)
		if _, ok := into[k]; !ok {
			msg := "unknown " + what
			if s := yamlx.Suggest(k, names); s != "" {
				msg += "; did you mean " + s + "?"
			} else {
				msg += " (the README's House styles section lists the " + path + ")"
			}
			c.errorf(at, "%s", msg)
			continue
		}
		v := strings.Join(strings.Fields(given[k]), " ")
		switch {
		case v == "":
			c.errorf(at, "empty; leave the key out to keep the default, %s", diag.Quote(into[k]))
			continue
		case utf8.RuneCountInString(v) > maxWords:
			c.errorf(at, "%d characters; a label or heading holds at most %d", utf8.RuneCountInString(v), maxWords)
			continue
		}
		into[k] = v
	}
}

// maxWords is the longest wording (the exemption note is the longest
// default).
const maxWords = 600

// rows reads a list of row keys: each known, none twice.
func (c *checker) rows(path string, given, known []string) []string {
	seen := map[string]int{}
	var out []string
	for i, k := range given {
		at := fmt.Sprintf("%s[%d]", path, i)
		if !slices.Contains(known, k) {
			msg := "unknown row " + diag.Quote(k)
			if s := yamlx.Suggest(k, known); s != "" {
				msg += "; did you mean " + s + "?"
			} else {
				msg += "; the rows are " + strings.Join(known, ", ")
			}
			c.errorf(at, "%s", msg)
			continue
		}
		if j, dup := seen[k]; dup {
			c.errorf(at, "%s is listed twice (also at %s[%d])", k, path, j)
			continue
		}
		seen[k] = i
		out = append(out, k)
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
