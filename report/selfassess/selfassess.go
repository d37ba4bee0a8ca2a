// Package selfassess reads a council's self-assessment against the
// Complaint Handling Codes (self-assessment.yaml): for each provision of
// the Housing Ombudsman's Code (hos) or the Local Government and Social
// Care Ombudsman's (lgsco), the requirement, whether the council
// complies, the evidence, commentary and, where it does not fully comply,
// the action it will take and by when. Both Codes ask for it every year,
// reported to the governing body with the annual complaints report.
//
// Parse decodes strictly (unknown keys and values are errors with a
// did-you-mean suggestion) and checks the rules that need nothing but
// the file; Check adds the one that needs the meeting date. Every
// problem carries the file:line:col of the value at fault.
package selfassess

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
)

// MaxFileSize bounds self-assessment.yaml, as a report definition is
// bounded: both Codes together have under a hundred provisions.
const MaxFileSize = 4 << 20

// Codes are the Complaint Handling Codes a row can belong to, by the key
// report.yaml and self-assessment.yaml use.
var Codes = []string{"hos", "lgsco"}

// CodeNames names each Code in full, as a caption says it.
var CodeNames = map[string]string{
	"hos":   "the Housing Ombudsman's Complaint Handling Code",
	"lgsco": "the Local Government and Social Care Ombudsman's Complaint Handling Code",
}

// Compliance values a row's complies takes.
var Compliance = []string{"yes", "no", "partly"}

// File is self-assessment.yaml as written.
type File struct {
	// Headings names the Codes' sections, by code and section number:
	// {hos: {"1": "Definition of a complaint"}}; a provision "1.2" is
	// printed under section 1's heading.
	Headings map[string]map[string]string `yaml:"headings"`
	// Provisions are the rows of the self-assessment form.
	Provisions []Row `yaml:"provisions,required"`
}

// Row is one provision of a Code as the council assesses itself against
// it.
type Row struct {
	Code        string    `yaml:"code,required"`
	Section     string    `yaml:"section,required"`
	Requirement string    `yaml:"requirement,required"`
	Complies    string    `yaml:"complies,required"`
	Evidence    string    `yaml:"evidence"`
	Commentary  string    `yaml:"commentary"`
	Action      string    `yaml:"action"`
	Due         time.Time `yaml:"due"`
}

// Assessment is a checked self-assessment.
type Assessment struct {
	File
	// Path is the file's name in diagnostics.
	Path string
	// Pos holds the position of every value by key path
	// ("provisions[3].due").
	Pos yamlx.Positions
}

// Load reads and checks the self-assessment at path.
func Load(path string) (*Assessment, diag.List) {
	src, err := diag.ReadFile(path, MaxFileSize, "a self-assessment")
	if err != nil {
		return nil, diag.List{{File: path, Msg: diag.ReadError(err)}}
	}
	return Parse(path, src)
}

var sectionRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^[0-9]{1,2}(\.[0-9]{1,2}){0,2}$`) })

// Parse decodes and checks a self-assessment from src, naming it path in
// diagnostics. It returns the assessment (nil when the file could not be
// decoded at all) and every problem, in file order:
//
//   - code is hos or lgsco, complies yes, no or partly (with a
//     suggestion for a near miss);
//   - section is a provision's number, like 5.8;
//   - a provision that does not comply, or complies partly, gives the
//     action the council will take and its due date (an error: the Codes
//     ask for both);
//   - a section given twice for one Code is a warning (a copied row);
//   - a heading names a Code and a section number.
func Parse(path string, src []byte) (*Assessment, diag.List) {
	a := &Assessment{Path: path}
	pos, errs := yamlx.Decode(path, src, &a.File)
	a.Pos = pos
	at := func(key string) yamlx.Pos { return pos.At(key) }
	errorf := func(key, format string, args ...any) {
		p := at(key)
		errs.Errorf(path, p.Line, p.Col, key, format, args...)
	}
	warnf := func(key, format string, args ...any) {
		p := at(key)
		errs.Warnf(path, p.Line, p.Col, key, format, args...)
	}
	oneOf := func(key, v string, known []string) bool {
		if v == "" || slices.Contains(known, v) {
			return true
		}
		msg := fmt.Sprintf("%s is not one of %s", diag.Quote(v), strings.Join(known, ", "))
		if s := yamlx.Suggest(strings.ToLower(v), known); s != "" {
			msg += "; did you mean " + s + "?"
		}
		errorf(key, "%s", msg)
		return false
	}
	for _, code := range slices.Sorted(mapKeys(a.Headings)) {
		key := "headings." + diag.Excerpt(code)
		if !oneOf(key, code, Codes) {
			continue
		}
		for _, n := range slices.Sorted(mapKeys(a.Headings[code])) {
			if !sectionRE().MatchString(n) || strings.Contains(n, ".") {
				errorf(key+"."+diag.Excerpt(n), "%s is not a section number of the Code: give the section's whole number, like \"5\"", diag.Quote(n))
			}
		}
	}
	first := map[[2]string]int{}
	for i := range a.Provisions {
		r := &a.Provisions[i]
		key := fmt.Sprintf("provisions[%d]", i)
		r.Code = strings.TrimSpace(r.Code)
		r.Complies = strings.ToLower(strings.TrimSpace(r.Complies))
		r.Section = strings.TrimSpace(r.Section)
		// An item left empty ("-") decodes to no values at all, and the
		// decoder's required-key check never sees it.
		if r.Code == "" && r.Section == "" && r.Requirement == "" && r.Complies == "" && !reported(errs, key) {
			errorf(key, "an empty provision: give code, section, requirement and complies")
			continue
		}
		codeOK := oneOf(key+".code", r.Code, Codes)
		oneOf(key+".complies", r.Complies, Compliance)
		if r.Section != "" && !sectionRE().MatchString(r.Section) {
			errorf(key+".section", "%s is not a provision's number: write it as the Code numbers it, like \"5.8\" (in quotes, so that 5.10 is not read as 5.1)", diag.Quote(r.Section))
		} else if r.Section != "" && codeOK && r.Code != "" {
			k := [2]string{r.Code, r.Section}
			if j, dup := first[k]; dup {
				warnf(key+".section", "section %s of %s is assessed twice (also at provisions[%d], line %d); is one a copy?", r.Section, CodeNames[r.Code], j, at(fmt.Sprintf("provisions[%d]", j)).Line)
			} else {
				first[k] = i
			}
		}
		if r.Complies == "no" || r.Complies == "partly" {
			var missing []string
			if strings.TrimSpace(r.Action) == "" {
				missing = append(missing, "action")
			}
			if r.Due.IsZero() {
				missing = append(missing, "due")
			}
			if len(missing) > 0 {
				what := "does not comply"
				if r.Complies == "partly" {
					what = "complies only partly"
				}
				errorf(key+".complies", "section %s %s, so the Code asks for the action the council will take and when: give %s", r.Section, what, strings.Join(missing, " and "))
			}
		}
	}
	slices.SortStableFunc(errs, func(x, y diag.Diagnostic) int {
		return cmp.Or(cmp.Compare(x.Line, y.Line), cmp.Compare(x.Col, y.Col))
	})
	if len(a.Provisions) == 0 && !errs.HasErrors() {
		errorf("provisions", "no provisions: list each provision of the Code with code, section, requirement and complies")
	}
	return a, errs
}

// Check warns of actions due before the meeting that receives the
// self-assessment: a date already past when members read it is either
// done (say so, and mark the provision complied with) or overdue.
func (a *Assessment) Check(meeting time.Time) diag.List {
	var l diag.List
	if meeting.IsZero() {
		return l
	}
	for i, r := range a.Provisions {
		if r.Due.IsZero() || !r.Due.Before(meeting) {
			continue
		}
		key := fmt.Sprintf("provisions[%d].due", i)
		p := a.Pos.At(key)
		l.Warnf(a.Path, p.Line, p.Col, key, "section %s's action is due on %s, before the meeting on %s: if it is done, say so and update complies; if not, give the new date",
			r.Section, r.Due.Format("2 January 2006"), meeting.Format("2 January 2006"))
	}
	return l
}

// Rows returns the provisions of one Code, in the order given.
func (a *Assessment) Rows(code string) []Row {
	var out []Row
	for _, r := range a.Provisions {
		if r.Code == code {
			out = append(out, r)
		}
	}
	return out
}

// Heading is the heading of the Code's section that provision section
// ("5.8") belongs to, and that section's number ("5"); "" when the file
// gives none.
func (a *Assessment) Heading(code, section string) (num, heading string) {
	num, _, _ = strings.Cut(section, ".")
	return num, a.Headings[code][num]
}

// reported says whether errs holds a problem at key or inside it.
func reported(errs diag.List, key string) bool {
	for _, d := range errs {
		if d.Field == key || strings.HasPrefix(d.Field, key+".") {
			return true
		}
	}
	return false
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
