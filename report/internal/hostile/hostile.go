// Package hostile is the catalogue of hostile PDFs: hand-built files that
// try to carry into a public agenda pack something their reader cannot
// see (a layer switched off, a hidden annotation, metadata, text under a
// black box) or to exhaust paper (a stream that inflates a thousandfold).
// Each case says what it tries and what a pack made from it must and must
// not contain. The files are written with report/internal/pdfgen and kept
// in fixtures/hostile (go run ./report/internal/hostile/gen fixtures/hostile),
// so a person can open them; a test checks the folder is up to date.
//
// Cases register themselves from the files of this package, one file per
// theme, so that each file reads as a list of attacks.
package hostile

import (
	"fmt"
	"sort"
)

// Case is one hostile PDF and what paper must do with it when it is a
// public item (a pdf item, or a Part I paper's public appendix) of an
// agenda pack.
type Case struct {
	// Name is the fixture's file name without .pdf: lower case and
	// hyphens, e.g. "layer-off".
	Name string
	// About says in a sentence what the file tries.
	About string
	// Build writes the file.
	Build func() []byte

	// Absent lists strings that must not appear anywhere in the public
	// pack: neither in its decompressed bytes (qpdf --qdf
	// --object-streams=disable) nor in its text (pdftotext).
	Absent []string
	// Visible lists strings the public pack's text must show, because
	// the source shows them (a filled form field's value, say).
	Visible []string
	// Hidden, when not empty, says the file hides text a reader cannot
	// see: the public pack must fail (exit 1) with a finding whose "how
	// it is hidden" contains Hidden and whose excerpt begins HiddenText,
	// unless the item says allow_hidden_text: true; the exempt pack only
	// warns.
	Hidden, HiddenText string
	// Err, when not empty, is part of the error the pack must fail
	// with, naming the item (a stream that inflates past the bound).
	Err string
	// Tagged says the file is a tagged PDF: both packs made from it must
	// be well tagged (every painting operator inside an MCID'd element
	// or an artifact, every MCID with one parent, the parent tree
	// agreeing), whatever its structure tree tries.
	Tagged bool
}

var cases = map[string]Case{}

// register adds c to the catalogue; a name used twice is a programming
// error in this package, caught by its tests at init.
func register(c Case) {
	if _, dup := cases[c.Name]; dup {
		panic(fmt.Sprintf("hostile: case %q registered twice", c.Name))
	}
	cases[c.Name] = c
}

// Cases returns the catalogue sorted by name.
func Cases() []Case {
	out := make([]Case, 0, len(cases))
	for _, c := range cases {
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
