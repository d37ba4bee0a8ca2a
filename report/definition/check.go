package definition

import (
	"bytes"
	"fmt"
	"net/mail"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paperhq/paper/report/diag"
)

// Classifications are the protective markings a paper can carry (the
// Government Security Classifications used by councils).
var Classifications = []string{"OFFICIAL", "OFFICIAL-SENSITIVE"}

// ClearDaysRequired is the notice the Local Government Act 1972 requires:
// papers are available five clear days before the meeting.
const ClearDaysRequired = 5

// Calendar tells Check which days are bank holidays, for counting clear
// days. A nil Calendar counts weekends only.
type Calendar interface {
	IsWorkingDay(t time.Time) bool
}

// Check applies the publication and consistency rules to a decoded
// report and normalises it (part "ii" becomes "II", classification upper
// case, defaults filled in). It returns every problem found. The rules:
//
//   - part is I or II; a Part II paper names its exempt paragraphs, and a
//     Part I paper names none (exempt appendices carry their own);
//   - exempt paragraphs are 1-7 (Part 1 of Schedule 12A);
//   - the classification is OFFICIAL or OFFICIAL-SENSITIVE;
//   - a paper published fewer than five clear days before the meeting
//     has reasons for urgency;
//   - there is at least one recommendation and none is empty;
//   - appendix files exist and are PDFs; appendix refs are unique;
//   - every body block is exactly one kind; table rows fit their columns;
//   - section and paragraph ids are unique;
//   - a decision block's status is known, its dates in order, and a
//     decision not subject to call-in gives its urgency (checkDecision).
func Check(r *Report, cal Calendar) diag.List {
	var l diag.List
	r.checkPart(&l)
	r.checkClassification(&l)
	r.checkPublication(&l, cal)
	r.checkRecommendations(&l)
	r.checkAppendices(&l)
	r.checkBody(&l)
	r.checkContacts(&l)
	r.checkDecision(&l, cal)
	r.checkDOCXCharts(&l)
	r.checkLengths(&l)
	return l
}

// checkDOCXCharts checks docx_charts: native (the default) or picture.
func (r *Report) checkDOCXCharts(l *diag.List) {
	switch r.DOCXCharts {
	case "", "native", "picture":
	default:
		r.errorf(l, "docx_charts", "must be native (Word charts, the default) or picture, found %s", diag.Quote(r.DOCXCharts))
	}
}

// Limits on the length of fields, in characters. A one-line field (a
// title, a name, a heading) is printed in a table cell or a page header;
// a text field is one paragraph's worth of markdown. Past these the text
// is almost certainly pasted by mistake, and the layout cannot hold it.
const (
	MaxLine = 300
	MaxText = 20000
)

// checkLengths folds one-line fields onto one line (a YAML block scalar
// leaves newlines in them) and reports fields longer than the limits.
func (r *Report) checkLengths(l *diag.List) {
	line := func(path string, s *string) {
		if strings.ContainsAny(*s, "\n\r\t") {
			*s = strings.Join(strings.Fields(*s), " ")
		}
		if n := utf8.RuneCountInString(*s); n > MaxLine {
			r.errorf(l, path, "%d characters; at most %d fit on one line of the paper", n, MaxLine)
		}
	}
	text := func(path string, t Text) {
		if n := utf8.RuneCountInString(t.S); n > MaxText {
			r.errorf(l, path, "%d characters; a text field holds at most %d: split it into several paragraphs", n, MaxText)
		}
	}
	for _, f := range []struct {
		path string
		s    *string
	}{
		{"council", &r.Council}, {"committee", &r.Committee}, {"title", &r.Title},
		{"lead_member", &r.LeadMember}, {"lead_director", &r.LeadDirector}, {"author", &r.Author},
		{"contact_email", &r.ContactEmail}, {"reference", &r.Reference},
		{"sign_off.finance", &r.SignOff.Finance}, {"sign_off.legal", &r.SignOff.Legal},
		{"sign_off.monitoring_officer", &r.SignOff.MonitoringOfficer}, {"sign_off.hr", &r.SignOff.HR},
		{"sign_off.assets", &r.SignOff.Assets}, {"sign_off.procurement", &r.SignOff.Procurement},
		{"sign_off.originating_slt_member", &r.SignOff.OriginatingSLTMember},
		{"sign_off.cabinet_member_approval", &r.SignOff.CabinetMemberApproval},
		{"report_to", &r.ReportTo}, {"report_of", &r.ReportOf}, {"subject", &r.Subject},
		{"wards_affected", &r.WardsAffected}, {"exempt_information", &r.ExemptInformation},
	} {
		line(f.path, f.s)
	}
	for _, f := range []struct {
		path string
		t    Text
	}{
		{"urgency", r.Urgency}, {"purpose", r.Purpose}, {"recommendations.intro", r.Recommendations.Intro},
		{"recommendations.reasons", r.Recommendations.Reasons}, {"alternatives", r.Alternatives},
		{"corporate_plan", r.CorporatePlan}, {"implications.financial", r.Implications.Financial},
		{"implications.carbon", r.Implications.Carbon}, {"implications.other", r.Implications.Other},
		{"implications.equalities", r.Implications.Equalities}, {"implications.legal", r.Implications.Legal},
		{"reasons_for_decision", r.ReasonsForDecision},
	} {
		text(f.path, f.t)
	}
	for i, it := range r.Recommendations.Items {
		text(fmt.Sprintf("recommendations.items[%d]", i), it)
	}
	if d := r.Decision; d != nil {
		line("decision.maker", &d.Maker)
		line("decision.status", &d.Status)
		text("decision.reasons", d.Reasons)
		text("decision.alternatives", d.Alternatives)
		text("decision.urgency", d.Urgency)
		for _, list := range []struct {
			key string
			ts  []Text
		}{{"resolutions", d.Resolutions}, {"conflicts", d.Conflicts}, {"dispensations", d.Dispensations}} {
			for i, t := range list.ts {
				text(fmt.Sprintf("decision.%s[%d]", list.key, i), t)
			}
		}
	}
	for i := range r.Sections {
		s := &r.Sections[i]
		at := fmt.Sprintf("sections[%d]", i)
		line(at+".heading", &s.Heading)
		for j := range s.Blocks {
			b := &s.Blocks[j]
			bat := fmt.Sprintf("%s.blocks[%d]", at, j)
			text(bat+".text", b.Text)
			line(bat+".subheading", &b.Subheading)
			if t := b.Table; t != nil {
				line(bat+".table.caption", &t.Caption)
				for k := range t.Columns {
					line(fmt.Sprintf("%s.table.columns[%d]", bat, k), &t.Columns[k])
				}
				for k, row := range t.Rows {
					for c, cell := range row {
						text(fmt.Sprintf("%s.table.rows[%d][%d]", bat, k, c), cell)
					}
				}
			}
		}
	}
	for i := range r.Facts {
		f := &r.Facts[i]
		line(fmt.Sprintf("facts[%d].label", i), &f.Label)
		line(fmt.Sprintf("facts[%d].value", i), &f.Value)
	}
	for i := range r.Appendices {
		a := &r.Appendices[i]
		line(fmt.Sprintf("appendices[%d].ref", i), &a.Ref)
		line(fmt.Sprintf("appendices[%d].title", i), &a.Title)
	}
	for i := range r.BackgroundPapers {
		b := &r.BackgroundPapers[i]
		line(fmt.Sprintf("background_papers[%d].title", i), &b.Title)
		line(fmt.Sprintf("background_papers[%d].url", i), &b.URL)
	}
}

func (r *Report) checkPart(l *diag.List) {
	switch strings.ToUpper(strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(r.Part, "Part "), "part "))) {
	case "", "I", "1":
		r.Part = "I"
	case "II", "2":
		r.Part = "II"
	default:
		r.errorf(l, "part", "must be I (public) or II (exempt), found %s", diag.Quote(r.Part))
		return
	}
	r.checkParagraphs(l, "exempt_paragraphs", r.ExemptParagraphs)
	switch {
	case r.Part == "II" && len(r.ExemptParagraphs) == 0:
		r.errorf(l, "part", "a Part II paper must give exempt_paragraphs: the paragraphs (1-7) of Part 1 of Schedule 12A to the Local Government Act 1972 that make it exempt")
	case r.Part == "I" && len(r.ExemptParagraphs) > 0:
		r.errorf(l, "exempt_paragraphs", "given for a Part I (public) paper; set part: II, or move them to the exempt appendix")
	}
}

// checkParagraphs checks a list of Schedule 12A paragraph numbers.
func (r *Report) checkParagraphs(l *diag.List, path string, ps []int) {
	for _, p := range ParagraphProblems(ps) {
		r.errorf(l, fmt.Sprintf("%s[%d]", path, p.Index), "%s", p.Msg)
	}
}

// Problem is a problem with one element of a list.
type Problem struct {
	Index int
	Msg   string
}

// ParagraphProblems checks Schedule 12A paragraph numbers: each is 1-7
// and given once.
func ParagraphProblems(ps []int) []Problem {
	var out []Problem
	seen := map[int]bool{}
	for i, p := range ps {
		if p < 1 || p > 7 {
			out = append(out, Problem{i, fmt.Sprintf("paragraph %d does not exist: Part 1 of Schedule 12A has paragraphs 1 to 7", p)})
		}
		if seen[p] {
			out = append(out, Problem{i, fmt.Sprintf("paragraph %d given twice", p)})
		}
		seen[p] = true
	}
	return out
}

func (r *Report) checkClassification(l *diag.List) {
	c, ok := Classification(r.Classification)
	if !ok {
		r.errorf(l, "classification", "%s is not a protective marking; use %s", diag.Quote(r.Classification), strings.Join(Classifications, " or "))
		return
	}
	r.Classification = c
}

// Classification normalises a protective marking ("official sensitive"
// becomes "OFFICIAL-SENSITIVE"; empty becomes "OFFICIAL") and reports
// whether it is one of Classifications.
func Classification(s string) (string, bool) {
	c := strings.Join(strings.Fields(strings.ToUpper(s)), "-")
	if c == "" {
		return "OFFICIAL", true
	}
	for _, ok := range Classifications {
		if c == ok {
			return c, true
		}
	}
	return s, false
}

// ClearDays counts the clear days between publication and the meeting:
// days strictly between the two that are neither weekends nor bank
// holidays.
func ClearDays(published, meeting time.Time, cal Calendar) int {
	n := 0
	for d := published.AddDate(0, 0, 1); d.Before(meeting); d = d.AddDate(0, 0, 1) {
		if working(d, cal) {
			n++
		}
	}
	return n
}

func (r *Report) checkPublication(l *diag.List, cal Calendar) {
	if r.Published.IsZero() || r.MeetingDate.IsZero() {
		return
	}
	if r.Published.After(r.MeetingDate) {
		r.errorf(l, "published", "%s is after the meeting on %s", r.Published.Format("2 January 2006"), r.MeetingDate.Format("2 January 2006"))
		return
	}
	// Count at most a few weeks: more is plainly enough notice.
	if r.MeetingDate.Sub(r.Published) > 60*24*time.Hour {
		return
	}
	n := ClearDays(r.Published, r.MeetingDate, cal)
	if n < ClearDaysRequired && strings.TrimSpace(r.Urgency.S) == "" {
		r.errorf(l, "published", "%s leaves %d clear day%s before the meeting on %s; five are required, so give urgency: the Reasons for Urgency (section 100B(4)(b))",
			r.Published.Format("2 January 2006"), n, plural(n), r.MeetingDate.Format("2 January 2006"))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

func (r *Report) checkRecommendations(l *diag.List) {
	if len(r.Recommendations.Items) == 0 {
		if _, given := r.Pos["recommendations.items"]; given {
			r.errorf(l, "recommendations.items", "at least one recommendation is required")
		}
		return
	}
	for i, it := range r.Recommendations.Items {
		if strings.TrimSpace(it.S) == "" {
			r.errorf(l, fmt.Sprintf("recommendations.items[%d]", i), "recommendation %d is empty", i+1)
		}
	}
}

func (r *Report) checkAppendices(l *diag.List) {
	refs := map[string]int{}
	for i, a := range r.Appendices {
		at := fmt.Sprintf("appendices[%d]", i)
		if prev, dup := refs[a.Ref]; dup && a.Ref != "" {
			r.errorf(l, at+".ref", "appendix %s given twice (first at appendices[%d])", a.Ref, prev)
		}
		refs[a.Ref] = i
		r.checkParagraphs(l, at+".exempt_paragraphs", a.ExemptParagraphs)
		if a.File != "" {
			r.checkPDF(l, at+".file", a.File)
		}
	}
	for i, b := range r.BackgroundPapers {
		at := fmt.Sprintf("background_papers[%d]", i)
		r.checkParagraphs(l, at+".exempt_paragraphs", b.ExemptParagraphs)
		if b.URL != "" {
			u, err := url.Parse(b.URL)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				r.errorf(l, at+".url", "%s is not a web address (http:// or https://)", diag.Quote(b.URL))
			}
		}
	}
}

// checkPDF checks that an appendix file exists and starts like a PDF.
func (r *Report) checkPDF(l *diag.List, at, file string) {
	path := r.Resolve(file)
	f, err := diag.Open(path, MaxPDFSize, "an appendix PDF")
	if err != nil {
		r.errorf(l, at, "%s: %s", file, diag.ReadError(err))
		return
	}
	defer f.Close()
	head := make([]byte, 1024)
	n, _ := f.Read(head)
	if !bytes.Contains(head[:n], []byte("%PDF-")) {
		r.errorf(l, at, "%s is not a PDF file", file)
	}
}

var idRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

func (r *Report) checkBody(l *diag.List) {
	ids := map[string]string{}
	claim := func(at, id string) {
		if id == "" {
			return
		}
		if !idRE.MatchString(id) {
			eg := Slug(id)
			if eg == "" {
				eg = "details"
			}
			r.errorf(l, at, "id %s: use lower-case letters, digits and hyphens, e.g. %s", diag.Quote(id), diag.Quote(eg))
			return
		}
		if prev, dup := ids[id]; dup {
			where := fmt.Sprintf("line %d", r.Pos.At(prev).Line)
			if strings.HasSuffix(at, ".heading") {
				// The id was made from the heading: say so, and how to fix it.
				r.errorf(l, at, "this section's id %q (made from its heading) is already used on %s; give this section its own, e.g. id: %s-2", id, where, id)
				return
			}
			r.errorf(l, at, "id %q is already used on %s", id, where)
			return
		}
		ids[id] = at
	}
	for i, s := range r.Sections {
		at := fmt.Sprintf("sections[%d]", i)
		if s.ID != "" {
			claim(at+".id", s.ID)
		} else {
			claim(at+".heading", Slug(s.Heading))
		}
		for j, b := range s.Blocks {
			bat := fmt.Sprintf("%s.blocks[%d]", at, j)
			r.checkBlock(l, bat, b)
			claim(bat+".id", b.ID)
		}
	}
}

func (r *Report) checkBlock(l *diag.List, at string, b Block) {
	var kinds []string
	if b.Text.S != "" {
		kinds = append(kinds, "text")
	}
	if b.Subheading != "" {
		kinds = append(kinds, "subheading")
	}
	if b.Table != nil {
		kinds = append(kinds, "table")
	}
	if b.PageBreak {
		kinds = append(kinds, "page_break")
	}
	if b.MetricsTable != nil {
		kinds = append(kinds, "metrics_table")
	}
	if b.Chart != nil {
		kinds = append(kinds, "chart")
	}
	if b.SelfAssessment != nil {
		kinds = append(kinds, "self_assessment")
		r.checkSelfAssessment(l, at+".self_assessment", b.SelfAssessment)
	}
	if b.Lessons != nil {
		kinds = append(kinds, "lessons")
		r.checkLessons(l, at+".lessons", b.Lessons)
	}
	switch {
	case len(kinds) == 0:
		r.errorf(l, at, "a block needs one of text, subheading, table, metrics_table, chart, self_assessment, lessons or page_break")
	case len(kinds) > 1:
		r.errorf(l, at, "a block holds one thing, found %s; make each its own list item", strings.Join(kinds, " and "))
	}
	if b.ID != "" && b.Text.S == "" {
		r.errorf(l, at+".id", "only text blocks (numbered paragraphs) take an id")
	}
	if t := b.Table; t != nil {
		for i, a := range t.Align {
			switch a {
			case "left", "right", "center", "centre":
			default:
				r.errorf(l, fmt.Sprintf("%s.table.align[%d]", at, i), "%s: use left, right or center", diag.Quote(a))
			}
		}
		if len(t.Align) > len(t.Columns) {
			r.errorf(l, at+".table.align", "%d alignments for %d columns", len(t.Align), len(t.Columns))
		}
		for i, row := range t.Rows {
			if len(row) != len(t.Columns) {
				r.errorf(l, fmt.Sprintf("%s.table.rows[%d]", at, i), "row has %d cells but the table has %d columns", len(row), len(t.Columns))
			}
		}
	}
}

func (r *Report) checkContacts(l *diag.List) {
	if r.ContactEmail != "" {
		if _, err := mail.ParseAddress(r.ContactEmail); err != nil {
			r.errorf(l, "contact_email", "%s is not an email address", diag.Quote(r.ContactEmail))
		}
	}
	if !r.SignOff.DateAgreed.IsZero() && !r.MeetingDate.IsZero() && r.SignOff.DateAgreed.After(r.MeetingDate) {
		r.warnf(l, "sign_off.date_agreed", "agreed after the meeting date")
	}
	if !r.SignOff.DateApproved.IsZero() && !r.MeetingDate.IsZero() && r.SignOff.DateApproved.After(r.MeetingDate) {
		r.warnf(l, "sign_off.date_approved", "approved after the meeting date")
	}
}

var slugRE = regexp.MustCompile(`[^a-z0-9]+`)

// Slug makes an id from a heading: "Details of the Report" becomes
// "details-of-the-report".
func Slug(s string) string {
	return strings.Trim(slugRE.ReplaceAllString(strings.ToLower(s), "-"), "-")
}

// SectionID returns the id a section is cited by.
func (s Section) SectionID() string {
	if s.ID != "" {
		return s.ID
	}
	return Slug(s.Heading)
}

// Exemption words the Schedule 12A paragraphs that exempt a paper, as the
// agenda and notices print it: "paragraph 3 of Part 1 of Schedule 12A to
// the Local Government Act 1972", "paragraphs 1, 2 and 3 of ...".
func Exemption(paras []int) string {
	ps := append([]int(nil), paras...)
	sort.Ints(ps)
	var words []string
	for i, p := range ps {
		if i > 0 && p == ps[i-1] {
			continue
		}
		words = append(words, strconv.Itoa(p))
	}
	const tail = " of Part 1 of Schedule 12A to the Local Government Act 1972"
	switch len(words) {
	case 0:
		return "Part 1 of Schedule 12A to the Local Government Act 1972"
	case 1:
		return "paragraph " + words[0] + tail
	}
	return "paragraphs " + strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1] + tail
}
