package definition

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const minimal = `council: Kingsbridge City Council
committee: Audit and Governance Committee
meeting_date: 2026-12-14
title: Annual complaints report
author: Priya Ashworth (Complaints Manager)
purpose: To report on complaints.
recommendations:
  items:
    - Note the report.
`

func load(t *testing.T, extra string) ([]string, *Report) {
	t.Helper()
	path := filepath.Join("testdata", "report.yaml")
	r, errs := Parse(path, []byte(minimal+extra))
	if !errs.HasErrors() {
		errs = append(errs, Check(r, nil)...)
	}
	var msgs []string
	for _, d := range errs {
		msgs = append(msgs, d.String())
	}
	return msgs, r
}

func TestMinimalIsValid(t *testing.T) {
	msgs, r := load(t, "")
	if len(msgs) != 0 {
		t.Fatalf("minimal definition has problems: %v", msgs)
	}
	if r.Part != "I" || r.Classification != "OFFICIAL" {
		t.Errorf("defaults not filled: part %q classification %q", r.Part, r.Classification)
	}
	if got := r.Resolve("complaints.csv"); got != filepath.Join("testdata", "complaints.csv") {
		t.Errorf("Resolve = %q", got)
	}
}

func TestCheckRules(t *testing.T) {
	tests := []struct {
		name, extra string
		want        string // a substring of one message; "" means valid
	}{
		{"part II without paragraphs", "part: II\n", "report.yaml:10:7: part: a Part II paper must give exempt_paragraphs"},
		{"part II with paragraphs", "part: II\nexempt_paragraphs: [3]\n", ""},
		{"part lower case", "part: ii\nexempt_paragraphs: [1, 2]\n", ""},
		{"bad part", "part: III\n", `part: must be I (public) or II (exempt), found "III"`},
		{"docx charts native", "docx_charts: native\n", ""},
		{"docx charts picture", "docx_charts: picture\n", ""},
		{"docx charts unknown", "docx_charts: pictures\n", `report.yaml:10:14: docx_charts: must be native (Word charts, the default) or picture, found "pictures"`},
		{"paragraph 8", "part: II\nexempt_paragraphs: [3, 8]\n", "report.yaml:11:24: exempt_paragraphs[1]: paragraph 8 does not exist"},
		{"paragraph twice", "part: II\nexempt_paragraphs: [3, 3]\n", "paragraph 3 given twice"},
		{"part I with paragraphs", "exempt_paragraphs: [1]\n", "given for a Part I (public) paper"},
		{"classification", "classification: secret\n", `"secret" is not a protective marking`},
		{"official sensitive", "classification: official sensitive\n", ""},
		{"late without urgency", "published: 2026-12-10\n", "published: 10 December 2026 leaves 1 clear day before the meeting on 14 December 2026"},
		{"late with urgency", "published: 2026-12-10\nurgency: The figures arrived late.\n", ""},
		{"five clear days", "published: 2026-12-04\n", ""},
		{"published after meeting", "published: 2026-12-15\n", "is after the meeting"},
		{"duplicate key", "recommendations:\n  items: [\"\"]\n", "duplicate key"},
		{"appendix missing file", "appendices:\n  - {ref: A, title: Letter, file: missing.pdf}\n", "appendices[0].file: missing.pdf: no such file"},
		{"appendix not pdf", "appendices:\n  - {ref: A, title: Notes, file: notes.txt}\n", "notes.txt is not a PDF file"},
		{"appendix ok", "appendices:\n  - {ref: A, title: Letter, file: appendix.pdf, exempt_paragraphs: [1]}\n", ""},
		{"appendix paragraph 0", "appendices:\n  - {ref: A, title: Letter, exempt_paragraphs: [0]}\n", "appendices[0].exempt_paragraphs[0]: paragraph 0 does not exist"},
		{"duplicate appendix", "appendices:\n  - {ref: A, title: One}\n  - {ref: A, title: Two}\n", "appendix A given twice"},
		{"background url", "background_papers:\n  - {title: Letter, url: lgo.org.uk}\n", "is not a web address"},
		{"block with two kinds", "sections:\n  - heading: One\n    blocks:\n      - {text: a, subheading: b}\n", "a block holds one thing, found text and subheading"},
		{"empty block", "sections:\n  - heading: One\n    blocks:\n      - {id: x}\n", "a block needs one of text"},
		{"ragged table", "sections:\n  - heading: One\n    blocks:\n      - table: {columns: [a, b], rows: [[1, 2], [3]]}\n", "row has 1 cells but the table has 2 columns"},
		{"bad align", "sections:\n  - heading: One\n    blocks:\n      - table: {columns: [a], align: [middle], rows: [[1]]}\n", `"middle": use left, right or center`},
		{"duplicate ids", "sections:\n  - heading: One\n    blocks:\n      - {text: a, id: x}\n      - {text: b, id: x}\n", `report.yaml:14:23: sections[0].blocks[1].id: id "x" is already used on line 13`},
		{"duplicate headings", "sections:\n  - heading: Details\n  - heading: details\n", `report.yaml:12:14: sections[1].heading: this section's id "details" (made from its heading) is already used on line 11; give this section its own, e.g. id: details-2`},
		{"bad section id", "sections:\n  - heading: One\n    id: Section One\n", `report.yaml:12:9: sections[0].id: id "Section One": use lower-case letters, digits and hyphens, e.g. "section-one"`},
		{"long name", "lead_member: " + strings.Repeat("x", 301) + "\n", "report.yaml:10:14: lead_member: 301 characters; at most 300 fit on one line of the paper"},
		{"long text", "alternatives: " + strings.Repeat("word ", 4001) + "\n", "report.yaml:10:15: alternatives: 20004 characters; a text field holds at most 20000"},
		{"bad email", "contact_email: nobody\n", `"nobody" is not an email address`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			msgs, _ := load(t, tt.extra)
			all := strings.Join(msgs, "\n")
			if tt.want == "" {
				if len(msgs) != 0 {
					t.Fatalf("expected valid, got:\n%s", all)
				}
				return
			}
			if !strings.Contains(all, tt.want) {
				t.Fatalf("messages\n%s\ndo not contain %q", all, tt.want)
			}
		})
	}
}

func TestOneLineFieldsAreFolded(t *testing.T) {
	msgs, r := load(t, "lead_member: >\n  Councillor Ada Brook\n  (Cabinet Member)\nsections:\n  - heading: |\n      Two\n      lines\n")
	if len(msgs) != 0 {
		t.Fatal(msgs)
	}
	if r.LeadMember != "Councillor Ada Brook (Cabinet Member)" || r.Sections[0].Heading != "Two lines" {
		t.Errorf("not folded: %q, %q", r.LeadMember, r.Sections[0].Heading)
	}
}

func TestEmptyRecommendations(t *testing.T) {
	src := strings.Replace(minimal, "  items:\n    - Note the report.\n", "  items: [\"  \"]\n", 1)
	r, errs := Parse("report.yaml", []byte(src))
	errs = append(errs, Check(r, nil)...)
	if !strings.Contains(errs.Error(), "recommendations.items[0]: recommendation 1 is empty") {
		t.Fatalf("got %v", errs)
	}
	src = strings.Replace(minimal, "  items:\n    - Note the report.\n", "  items: []\n", 1)
	r, errs = Parse("report.yaml", []byte(src))
	errs = append(errs, Check(r, nil)...)
	if !strings.Contains(errs.Error(), "recommendations.items: ") {
		t.Fatalf("got %v", errs)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, errs := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !strings.HasSuffix(errs.Error(), "nope.yaml: no such file") {
		t.Fatalf("got %v", errs)
	}
}

func TestLoadFolderOrHugeFile(t *testing.T) {
	dir := t.TempDir()
	_, errs := Load(dir)
	if got, want := errs.Error(), dir+": is not a regular file: it is a folder"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	os.WriteFile(filepath.Join(dir, "report.yaml"), []byte(minimal), 0o644)
	_, errs = Load(dir)
	if got, want := errs.Error(), dir+": is not a regular file: it is a folder; did you mean "+filepath.Join(dir, "report.yaml")+"?"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	big := filepath.Join(dir, "big.yaml")
	os.WriteFile(big, make([]byte, 5<<20), 0o644)
	_, errs = Load(big)
	if got, want := errs.Error(), big+": the file is 5.0 MB; a report definition is at most 4.0 MB (put long material in appendices)"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestLoadUnreadable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root can read any file")
	}
	p := filepath.Join(t.TempDir(), "r.yaml")
	os.WriteFile(p, []byte(minimal), 0)
	_, errs := Load(p)
	if !strings.Contains(errs.Error(), "permission denied") {
		t.Fatalf("got %v", errs)
	}
}

// holidays is a calendar with extra closed days.
type holidays map[string]bool

func (h holidays) IsWorkingDay(t time.Time) bool {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return !h[t.Format("2006-01-02")]
}

func TestClearDays(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	tests := []struct {
		pub, meet string
		cal       Calendar
		want      int
	}{
		{"2026-12-04", "2026-12-14", nil, 5},                                              // Fri -> Mon: Mon-Fri between
		{"2026-12-07", "2026-12-14", nil, 4},                                              // Mon -> Mon
		{"2026-12-13", "2026-12-14", nil, 0},                                              // day before
		{"2026-12-14", "2026-12-14", nil, 0},                                              // same day
		{"2026-12-18", "2026-12-31", holidays{"2026-12-25": true, "2026-12-28": true}, 6}, // Christmas, substitute Boxing Day
	}
	for _, tt := range tests {
		if got := ClearDays(d(tt.pub), d(tt.meet), tt.cal); got != tt.want {
			t.Errorf("ClearDays(%s, %s) = %d, want %d", tt.pub, tt.meet, got, tt.want)
		}
	}
}

func TestExemption(t *testing.T) {
	for _, tt := range []struct {
		ps   []int
		want string
	}{
		{[]int{3}, "paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"},
		{[]int{3, 1, 2}, "paragraphs 1, 2 and 3 of Part 1 of Schedule 12A to the Local Government Act 1972"},
		{[]int{5, 5}, "paragraph 5 of Part 1 of Schedule 12A to the Local Government Act 1972"},
	} {
		if got := Exemption(tt.ps); got != tt.want {
			t.Errorf("Exemption(%v) = %q", tt.ps, got)
		}
	}
}
