package layout

import (
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
)

const decisionPaper = `council: Kingsbridge City Council
committee: Cabinet
meeting_date: 2024-09-17
title: Ombudsman letters 2023/24
author: Sam Okafor (Complaints Manager)
reference: CAB/2024/31
key_decision: true
purpose: To report the Ombudsman's letters.
recommendations:
  items:
    - Note the findings set out in section {{ section "findings" }}.
    - Keep Housing as the designated service.
  reasons: Housing has the most complaints at Ombudsman stage.
sections:
  - heading: Findings
    blocks:
      - text: The Ombudsman upheld most complaints.
`

// notice validates src and lays out its decision notice, with the
// paper's PDF linked as report.
func notice(t *testing.T, src string, report File, epoch time.Time) *doc.Document {
	t.Helper()
	r, errs := definition.Parse("report.yaml", []byte(src))
	if !errs.HasErrors() {
		errs = append(errs, definition.Check(r, nil)...)
	}
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	plan, errs := Validate(Input{Report: r, Date: epoch})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	plan.Layout()
	d := plan.DecisionNotice(report)
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	return d
}

// facts returns the notice's facts, label to value, and the web page's
// form of the report's title.
func facts(t *testing.T, d *doc.Document) (map[string]string, []doc.Inline) {
	t.Helper()
	for _, b := range d.Blocks {
		if tb, ok := b.(*doc.Table); ok && tb.Kind == doc.KeyValue {
			m := map[string]string{}
			for _, row := range tb.Rows {
				m[doc.Text(row[0].Content)] = doc.Text(row[1].Content)
			}
			return m, tb.Rows[0][1].Web
		}
	}
	t.Fatal("no facts table")
	return nil, nil
}

// sections returns the text under each level-1 heading, and under each
// level-2 heading as "heading/subheading", list items one a line.
func sections(d *doc.Document) map[string]string {
	out := map[string]string{}
	h1, at := "", ""
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Heading:
			if b.Level == 1 {
				h1, at = b.Text, b.Text
			} else {
				at = h1 + "/" + b.Text
			}
		case *doc.Paragraph:
			if at != "" {
				out[at] += doc.Text(b.Content) + "\n"
			}
		}
		return true
	})
	return out
}

// wantSections checks the text under headings of a notice.
func wantSections(t *testing.T, d *doc.Document, want map[string]string) map[string]string {
	t.Helper()
	s := sections(d)
	for heading, w := range want {
		if s[heading] != w {
			t.Errorf("%s: %q, want %q", heading, s[heading], w)
		}
	}
	return s
}

func TestDecisionNotice(t *testing.T) {
	src := decisionPaper + `decision:
  maker: Cabinet
  status: Recommendations approved
  conflicts:
    - Councillor Ada Brook declared an interest as a council tenant.
  call_in_days: 6
  published: 2024-09-17
`
	d := notice(t, src, File{Href: "report.pdf", Size: 2048}, time.Time{})
	got, web := facts(t, d)
	for label, want := range map[string]string{
		"Title of report:":     "Ombudsman letters 2023/24",
		"Decision maker:":      "Cabinet",
		"Decision status:":     "Recommendations approved",
		"Key decision:":        "Yes",
		"Subject to call-in:":  "Yes",
		"Report author:":       "Sam Okafor (Complaints Manager)",
		"Publication date:":    "17 September 2024",
		"Date of decision:":    "17 September 2024",
		"Call-in period ends:": "25 September 2024",
		"Effective from:":      "26 September 2024",
	} {
		if got[label] != want {
			t.Errorf("%s %q, want %q", label, got[label], want)
		}
	}
	if len(got) != 10 {
		t.Errorf("%d facts: %v", len(got), got)
	}
	if doc.Text(web) != "Ombudsman letters 2023/24\nThe report (PDF, 2 KB)" || web[2].Link != "report.pdf" {
		t.Errorf("the web page's title of the report: %+v", web)
	}
	s := wantSections(t, d, map[string]string{
		"Decision":                 "Note the findings set out in section 1.\nKeep Housing as the designated service.\n",
		"Reasons for the decision": "Housing has the most complaints at Ombudsman stage.\n",
		"Alternative options considered and rejected":       "None\n",
		"Interests declared/Conflicts of interest declared": "Councillor Ada Brook declared an interest as a council tenant.\n",
		"Interests declared/Dispensations granted":          "None\n",
	})
	if _, ok := s["Reasons for urgency"]; ok {
		t.Error("a decision subject to call-in has reasons for urgency")
	}
	if !strings.Contains(s["The report"], "written by Sam Okafor (Complaints Manager) for the meeting of the Cabinet on 17 September 2024 (reference CAB/2024/31).") ||
		!strings.Contains(s["The report"], "published with the agenda") ||
		!strings.Contains(s["The report"], "Section and paragraph numbers in this notice are those of the report.") {
		t.Errorf("the report: %q", s["The report"])
	}
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if p, ok := b.(*doc.Paragraph); ok {
			for _, in := range p.Content {
				if in.Ref != "" {
					t.Errorf("%q cites %s, which the notice does not hold", in.Text, in.Ref)
				}
			}
		}
		return true
	})
	if d.Meta.Title != "Decision notice: Ombudsman letters 2023/24" || d.Page.Marking != "OFFICIAL" || d.Page.Stamp != "" ||
		!d.Meta.Date.Equal(time.Date(2024, 9, 17, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("meta %+v, page %+v", d.Meta, d.Page)
	}
	epoch := time.Unix(1700000000, 0)
	if d := notice(t, src, File{}, epoch); !d.Meta.Date.Equal(epoch) {
		t.Errorf("with SOURCE_DATE_EPOCH the date is %s", d.Meta.Date)
	}
}

func TestDecisionNoticeOwnWords(t *testing.T) {
	src := decisionPaper + `alternatives: Outsourcing stage 2 reviews.
decision:
  status: Recommendations approved with amendments
  resolutions:
    - Keep Housing as the designated service until March 2026.
  reasons: The letters show where {{ "help" }} is needed.
  dispensations: ["Councillor Ada Brook, to speak and vote."]
  call_in: false
  urgency: The designation lapses on 30 September.
  published: 2024-09-19
`
	d := notice(t, src, File{}, time.Time{})
	got, web := facts(t, d)
	if got["Subject to call-in:"] != "No" || got["Effective from:"] != "17 September 2024" || web != nil {
		t.Errorf("facts %v, web %v", got, web)
	}
	if _, ok := got["Call-in period ends:"]; ok {
		t.Error("a decision not subject to call-in has a call-in period")
	}
	s := wantSections(t, d, map[string]string{
		"Decision":                 "Keep Housing as the designated service until March 2026.\n",
		"Reasons for the decision": "The letters show where help is needed.\n",
		"Alternative options considered and rejected": "Outsourcing stage 2 reviews.\n",
		"Interests declared/Dispensations granted":    "Councillor Ada Brook, to speak and vote.\n",
		"Reasons for urgency":                         "The designation lapses on 30 September.\n",
	})
	if strings.Contains(s["The report"], "Section and paragraph numbers") {
		t.Errorf("a notice citing no section or paragraph says it does: %q", s["The report"])
	}
}

// TestDecisionNoticeOfAPartIIPaper checks that the notice of an exempt
// paper, which is published, holds nothing of the paper but its public
// facts: not its purpose, recommendations, reasons, alternatives,
// implications, body or appendices, nor a link to it; and that it says
// why the report is not published.
func TestDecisionNoticeOfAPartIIPaper(t *testing.T) {
	src := `council: Kingsbridge City Council
committee: Cabinet
meeting_date: 2024-09-17
title: Settlement of a claim
author: Legal Services
part: II
exempt_paragraphs: [3, 5]
classification: OFFICIAL-SENSITIVE
purpose: SECRET-PURPOSE about Mrs Example.
recommendations:
  intro: SECRET-INTRO
  items: [SECRET-RECOMMENDATION of £18,750.]
  reasons: SECRET-REASONS
alternatives: SECRET-ALTERNATIVES
implications:
  financial: SECRET-FINANCE
sections:
  - heading: SECRET-HEADING
    blocks:
      - text: SECRET-BODY
appendices:
  - {ref: A, title: SECRET-APPENDIX, exempt_paragraphs: [5]}
decision:
  status: Recommendations approved
  resolutions: [Approve the settlement on the terms in the exempt report.]
  reasons: It costs less than a trial.
  alternatives: A trial.
  published: 2024-09-18
`
	d := notice(t, src, File{Href: "report.pdf", Size: 4096}, time.Time{})
	all := doc.Outline(d)
	doc.Walk(d.Blocks, func(b doc.Block) bool {
		if tb, ok := b.(*doc.Table); ok {
			for _, row := range tb.Rows {
				for _, c := range row {
					all += doc.Text(c.Web)
					for _, in := range c.Web {
						if in.Link != "" {
							t.Errorf("the notice links %s", in.Link)
						}
					}
				}
			}
		}
		return true
	})
	all += d.Web.Title + d.Page.Stamp
	for _, secret := range []string{"SECRET", "Mrs Example", "18,750", "OFFICIAL-SENSITIVE"} {
		if strings.Contains(all, secret) {
			t.Errorf("the notice of a Part II paper holds %q:\n%s", secret, all)
		}
	}
	if want := "The report is not for publication by virtue of paragraphs 3 and 5 of Part 1 of Schedule 12A to the Local Government Act 1972."; !strings.Contains(sections(d)["The report"], want) {
		t.Errorf("the report: %q", sections(d)["The report"])
	}
}

// FuzzDecision feeds arbitrary decision blocks, on a Part I and on a
// Part II paper, through the checks, validation and the notice's
// layout. Whatever the block, Check and Validate return problems rather
// than panicking; a block that passes lays out a well-formed notice
// whose dates agree (a decision subject to call-in takes effect on a
// weekday after its publication, a decision not subject to it when it is
// taken); and a Part II paper's notice holds no text of the paper but
// what the block itself says.
//
//	go test ./report/layout -run '^$' -fuzz FuzzDecision -fuzztime 5m -parallel 1
func FuzzDecision(f *testing.F) {
	for _, seed := range []string{
		"status: Recommendations approved\npublished: 2024-09-17\ncall_in_days: 6\n",
		"status: noted\nmeeting: 2024-12-23\npublished: 2024-12-24\nconflicts: [Cllr A.]\n",
		"status: Deferred\nresolutions: [Defer to {{ section \"findings\" }}.]\nreasons: Later.\nalternatives: None.\npublished: 2024-09-20\n",
		"status: Recommendations approved\nresolutions: [Approve.]\nreasons: R.\nalternatives: A.\ncall_in: false\nurgency: Now.\npublished: 2024-09-18\n",
		"{status: Noted, published: 2030-12-30, call_in_days: 30}",
	} {
		f.Add(seed, false)
		f.Add(seed, true)
	}
	const secret = `purpose: SECRET-PURPOSE
recommendations:
  items: [SECRET-RECOMMENDATION]
  reasons: SECRET-REASONS
alternatives: SECRET-ALTERNATIVES
sections:
  - heading: SECRET-HEADING
    id: findings
    blocks:
      - text: SECRET-BODY
`
	base := strings.Split(decisionPaper, "purpose:")[0]
	f.Fuzz(func(t *testing.T, block string, part2 bool) {
		var lines []string
		for _, l := range strings.Split(block, "\n") {
			lines = append(lines, "  "+l)
		}
		src := base + secret + "decision:\n" + strings.Join(lines, "\n") + "\n"
		if part2 {
			src += "part: II\nexempt_paragraphs: [3]\n"
		}
		r, errs := definition.Parse("report.yaml", []byte(src))
		if errs.HasErrors() || r.Decision == nil {
			return
		}
		if errs := definition.Check(r, nil); errs.HasErrors() {
			return
		}
		plan, errs := Validate(Input{Report: r})
		if errs.HasErrors() {
			return
		}
		plan.Layout()
		n := plan.DecisionNotice(File{Href: "report.pdf", Size: 1})
		if err := n.Check(); err != nil {
			t.Fatalf("a checked decision block lays out a malformed notice: %v", err)
		}
		d := r.Decision
		if d.SubjectToCallIn() {
			if !d.Effective.After(d.CallInEnds) || d.CallInEnds.Before(d.Published.AddDate(0, 0, d.CallInDays)) ||
				d.Effective.Weekday() == time.Saturday || d.Effective.Weekday() == time.Sunday {
				t.Fatalf("published %s, %d days: call-in ends %s, effective %s", d.Published, d.CallInDays, d.CallInEnds, d.Effective)
			}
		} else if !d.Effective.Equal(d.Meeting) {
			t.Fatalf("not subject to call-in: effective %s, decided %s", d.Effective, d.Meeting)
		}
		if part2 && !strings.Contains(block, "SECRET") {
			text := doc.Outline(n) + n.Web.Title
			if strings.Contains(text, "SECRET") {
				t.Fatalf("a Part II paper's notice quotes the paper:\n%s", text)
			}
		}
	})
}
