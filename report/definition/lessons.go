package definition

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
)

// SelfAssessment is a body block laying out one Code's provisions from
// data.self_assessment as the self-assessment form.
type SelfAssessment struct {
	// Code is hos (the Housing Ombudsman's Code) or lgsco.
	Code string `yaml:"code,required"`
	// Caption follows "Table N: "; empty gives "Self-assessment against
	// the ... Complaint Handling Code".
	Caption string `yaml:"caption"`
}

// Lessons is a body block of lessons learned from complaints: a list of
// cases (lessons: [...]) laid out as numbered case summaries ("Case 1 –
// Housing"), or {style: you-said-we-did, caption, items: [...]} laid out
// as a two-column table.
type Lessons struct {
	// Style is case-summaries (the default) or you-said-we-did.
	Style string `yaml:"style"`
	// Caption names the you-said-we-did table; empty gives "You said, we
	// did".
	Caption string `yaml:"caption"`
	// Items are the cases; a plain list under lessons: is read as items.
	Items []Lesson `yaml:"items,list"`
}

// LessonStyles are the ways a lessons block is laid out.
var LessonStyles = []string{"case-summaries", "you-said-we-did"}

// LessonOmbudsmen are the values of a lesson's ombudsman.
var LessonOmbudsmen = []string{"lgsco", "hos", "none"}

// Lesson is one case a complaint taught the council something by.
type Lesson struct {
	Service      string `yaml:"service,required"`
	WhatHappened Text   `yaml:"what_happened,required"`
	Finding      Text   `yaml:"finding"`
	Remedy       Text   `yaml:"remedy"`
	Improvement  Text   `yaml:"improvement,required"`
	// Ombudsman is the Ombudsman that decided the case: lgsco, hos or
	// none (the default: the council's own complaints process).
	Ombudsman string `yaml:"ombudsman"`
	// Reference is the Ombudsman's case reference.
	Reference string `yaml:"reference"`
}

// ItemsPath is the key path of the lessons block's items as written:
// at.items when the block is a mapping, at itself when it is a list.
func (r *Report) ItemsPath(at string) string {
	if _, ok := r.Pos[at+".items"]; ok {
		return at + ".items"
	}
	if _, ok := r.Pos[at+".style"]; ok {
		return at + ".items"
	}
	if _, ok := r.Pos[at+".caption"]; ok {
		return at + ".items"
	}
	return at
}

// checkLessons checks a lessons block: its style and each item's
// ombudsman, and warns of what looks like personal information in a
// summary, which is published and must be anonymous.
func (r *Report) checkLessons(l *diag.List, at string, ls *Lessons) {
	oneOf := func(key, v string, known []string) {
		if v == "" || slices.Contains(known, v) {
			return
		}
		msg := fmt.Sprintf("%s is not one of %s", diag.Quote(v), strings.Join(known, ", "))
		if s := yamlx.Suggest(v, known); s != "" {
			msg += "; did you mean " + s + "?"
		}
		r.errorf(l, key, "%s", msg)
	}
	oneOf(at+".style", ls.Style, LessonStyles)
	items := r.ItemsPath(at)
	if len(ls.Items) == 0 {
		r.errorf(l, items, "no lessons: list each case with service, what_happened and improvement")
	}
	for i, it := range ls.Items {
		key := fmt.Sprintf("%s[%d]", items, i)
		if it == (Lesson{}) {
			// An item left empty ("-") decodes to no values, and the
			// decoder's required-key check never sees it.
			r.errorf(l, key, "an empty lesson: give service, what_happened and improvement")
			continue
		}
		oneOf(key+".ombudsman", it.Ombudsman, LessonOmbudsmen)
		for _, f := range []struct {
			name string
			t    Text
		}{{"what_happened", it.WhatHappened}, {"finding", it.Finding}, {"remedy", it.Remedy}, {"improvement", it.Improvement}} {
			for _, m := range PersonalDetails(f.t.S) {
				line, col, ok := yamlx.Locate(r.Src, f.t, m.Offset)
				if !ok {
					p := r.Pos.At(key + "." + f.name)
					line, col = p.Line, p.Col
				}
				l.Warnf(r.File, line, col, key+"."+f.name, "%s looks like %s; published case summaries must be anonymous: write \"the resident\", \"Mrs X\" or the like, and leave contact details out", diag.Quote(m.Text), m.What)
			}
		}
	}
}

// Personal is a piece of text that looks like personal information.
type Personal struct {
	// Offset is its byte offset in the text, Text the match.
	Offset int
	Text   string
	// What says what it looks like: "a person's name".
	What string
}

var (
	titledNameRE = regexp.MustCompile(`\b(?:Mr|Mrs|Ms|Miss|Dr|Mx)\.?\s+(?:[A-Z]\.\s*)*[A-Z][a-z][A-Za-z'’-]*(?:\s+[A-Z][a-z][A-Za-z'’-]*)?`)
	emailRE      = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	// A UK number: 0 and 9 or 10 more digits, or +44 and 9 or 10, with
	// the spaces, hyphens and brackets people write between them.
	phoneRE = regexp.MustCompile(`(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?\b0)[0-9](?:[\s-]?\)?[\s-]?[0-9]){8,10}\b`)
)

// PersonalDetails finds what looks like a person's name after a title
// (Mr Smith, Mrs A. Jones; not the Ombudsman's anonymised "Mrs X"), an
// email address or a UK telephone number in s.
func PersonalDetails(s string) []Personal {
	var out []Personal
	add := func(re *regexp.Regexp, what string, ok func(string) bool) {
		for _, m := range re.FindAllStringIndex(s, -1) {
			if t := s[m[0]:m[1]]; ok(t) {
				out = append(out, Personal{m[0], t, what})
			}
		}
	}
	all := func(string) bool { return true }
	add(titledNameRE, "a person's name", all)
	add(emailRE, "an email address", all)
	add(phoneRE, "a telephone number", func(t string) bool {
		n := 0
		for _, c := range t {
			if c >= '0' && c <= '9' {
				n++
			}
		}
		if strings.HasPrefix(t, "+44") {
			return n == 11 || n == 12
		}
		return n == 10 || n == 11
	})
	slices.SortFunc(out, func(a, b Personal) int { return a.Offset - b.Offset })
	return out
}

// SelfAssessmentCodes are the values of a self_assessment block's code:
// hos (the Housing Ombudsman's Code) and lgsco.
var SelfAssessmentCodes = []string{"hos", "lgsco"}

// checkSelfAssessment checks a self_assessment block's code, and that
// the report names the file it lays out.
func (r *Report) checkSelfAssessment(l *diag.List, at string, s *SelfAssessment) {
	if s.Code != "" && !slices.Contains(SelfAssessmentCodes, s.Code) {
		msg := fmt.Sprintf("%s is not a Complaint Handling Code; use hos (the Housing Ombudsman's) or lgsco (the Local Government and Social Care Ombudsman's)", diag.Quote(s.Code))
		if sg := yamlx.Suggest(strings.ToLower(s.Code), SelfAssessmentCodes); sg != "" {
			msg += "; did you mean " + sg + "?"
		}
		r.errorf(l, at+".code", "%s", msg)
	}
	if r.Data.SelfAssessment == "" {
		r.errorf(l, at, "lays out the self-assessment, and the report names none: add data: {self_assessment: self-assessment.yaml}")
	}
}
