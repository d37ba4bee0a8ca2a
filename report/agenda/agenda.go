// Package agenda reads a meeting's agenda definition, agenda.yaml: the
// meeting's facts (council, committee, date, time, venue, membership,
// contact) and its numbered items, each a short text, a PDF, or a paper
// defined by its own report.yaml.
package agenda

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
)

// Agenda is a meeting's agenda definition.
type Agenda struct {
	Council   string    `yaml:"council,required"`
	Committee string    `yaml:"committee,required"`
	Date      time.Time `yaml:"date,required"`
	Time      string    `yaml:"time"`
	Venue     string    `yaml:"venue"`
	Members   []string  `yaml:"members"`
	Contact   string    `yaml:"contact"`
	// Classification is the marking of the pack's own pages (front sheet,
	// notices); papers keep their own. Default OFFICIAL.
	Classification string `yaml:"classification"`
	// Style is the house style of the pack's own pages (front sheet,
	// agenda, notices): a style file's path, relative to the agenda, or
	// a shipped style's name. Each paper keeps its own style.
	Style string `yaml:"style"`
	Items []Item `yaml:"items,required"`

	File string          `yaml:"-"`
	Dir  string          `yaml:"-"`
	Pos  yamlx.Positions `yaml:"-"`
	// Src is the file's text, to place messages about part of a value.
	Src []byte `yaml:"-"`
}

// Item is one numbered agenda item: a title, optionally a short text
// printed under it on the agenda, and at most one document: a PDF or a
// paper. A paper's title comes from its report.yaml unless given.
type Item struct {
	Title string     `yaml:"title"`
	Text  yamlx.Text `yaml:"text"`
	// PDF is a document to include as it is, e.g. the previous minutes.
	PDF string `yaml:"pdf"`
	// Report is a paper's report.yaml, built with the same layout as
	// `paper build`.
	Report string `yaml:"report"`
	// ExemptParagraphs makes a text or PDF item exempt (a paper says so
	// in its own report.yaml).
	ExemptParagraphs []int `yaml:"exempt_paragraphs"`
	// AllowHiddenText lets the item's PDF (or its paper's appendices)
	// into the public pack although they paint text a reader cannot see,
	// once a person has checked that text is fit to publish.
	AllowHiddenText bool `yaml:"allow_hidden_text"`
}

// Load reads and decodes the agenda at path.
func Load(path string) (*Agenda, diag.List) {
	src, err := diag.ReadFile(path, definition.MaxFileSize, "an agenda")
	if err != nil {
		return nil, diag.List{{File: path, Msg: diag.ReadError(err)}}
	}
	a := &Agenda{File: path, Dir: filepath.Dir(path), Src: src}
	pos, errs := yamlx.Decode(path, src, a)
	a.Pos = pos
	return a, errs
}

// Resolve returns path relative to the agenda's directory.
func (a *Agenda) Resolve(path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(a.Dir, path)
}

// Errorf records an error at key path.
func (a *Agenda) Errorf(l *diag.List, path, format string, args ...any) {
	p := a.Pos.At(path)
	l.Errorf(a.File, p.Line, p.Col, path, format, args...)
}

// Warnf records a warning at key path.
func (a *Agenda) Warnf(l *diag.List, path, format string, args ...any) {
	p := a.Pos.At(path)
	l.Warnf(a.File, p.Line, p.Col, path, format, args...)
}

// Check checks the agenda's own rules; the papers and PDFs it names are
// opened and checked by the pack builder, which names the item in every
// problem it finds.
func Check(a *Agenda) diag.List {
	var l diag.List
	if c, ok := definition.Classification(a.Classification); ok {
		a.Classification = c
	} else {
		a.Errorf(&l, "classification", "%s is not a protective marking; use %s", diag.Quote(a.Classification), strings.Join(definition.Classifications, " or "))
	}
	if len(a.Items) == 0 {
		if _, given := a.Pos["items"]; given {
			a.Errorf(&l, "items", "an agenda needs at least one item")
		}
	}
	for i, it := range a.Items {
		at := fmt.Sprintf("items[%d]", i)
		var kinds []string
		if it.PDF != "" {
			kinds = append(kinds, "pdf")
		}
		if it.Report != "" {
			kinds = append(kinds, "report")
		}
		if len(kinds) > 1 {
			a.Errorf(&l, at, "an item includes one document, a pdf or a report, found %s", strings.Join(kinds, " and "))
		}
		if it.Report == "" && strings.TrimSpace(it.Title) == "" {
			a.Errorf(&l, at, "needs a title")
		}
		if it.AllowHiddenText && it.PDF == "" && it.Report == "" {
			a.Errorf(&l, at+".allow_hidden_text", "applies to an item's pdf or its paper's appendices; this item has neither")
		}
		if it.Report != "" && len(it.ExemptParagraphs) > 0 {
			a.Errorf(&l, at+".exempt_paragraphs", "a paper's exemption is set in its report.yaml (part: II, exempt_paragraphs)")
		}
		for _, p := range definition.ParagraphProblems(it.ExemptParagraphs) {
			a.Errorf(&l, fmt.Sprintf("%s.exempt_paragraphs[%d]", at, p.Index), "%s", p.Msg)
		}
	}
	return l
}
