package selfassess

import (
	"strings"
	"testing"
	"time"
)

func TestParse(t *testing.T) {
	const head = "provisions:\n"
	row := func(s string) string {
		return head + "  - " + strings.ReplaceAll(strings.TrimSpace(s), "\n", "\n    ") + "\n"
	}
	for _, c := range []struct {
		name, src string
		want      []string // each a line of the diagnostics, in order
	}{
		{"complies", row("code: hos\nsection: \"1.1\"\nrequirement: R\ncomplies: yes"), nil},
		{"no action", row("code: hos\nsection: \"1.1\"\nrequirement: R\ncomplies: no"),
			[]string{"f.yaml:5:15: provisions[0].complies: section 1.1 does not comply, so the Code asks for the action the council will take and when: give action and due"}},
		{"partly without due", row("code: lgsco\nsection: \"3.2\"\nrequirement: R\ncomplies: Partly\naction: A"),
			[]string{"f.yaml:5:15: provisions[0].complies: section 3.2 complies only partly, so the Code asks for the action the council will take and when: give due"}},
		{"unknown code", row("code: hso\nsection: \"1.1\"\nrequirement: R\ncomplies: yes"),
			[]string{`f.yaml:2:11: provisions[0].code: "hso" is not one of hos, lgsco; did you mean hos?`}},
		{"bad section", row("code: hos\nsection: 5.8a\nrequirement: R\ncomplies: yes"),
			[]string{`f.yaml:3:14: provisions[0].section: "5.8a" is not a provision's number`}},
		{"unknown key", row("code: hos\nsection: \"1.1\"\nrequirement: R\ncomplies: yes\ncommentry: c"),
			[]string{"f.yaml:6:5: provisions[0].commentry: unknown key; did you mean commentary?"}},
		{"duplicate", row("code: hos\nsection: \"1.1\"\nrequirement: R\ncomplies: yes") + "  - code: hos\n    section: \"1.1\"\n    requirement: R\n    complies: yes\n" +
			"  - code: lgsco\n    section: \"1.1\"\n    requirement: R\n    complies: yes\n",
			[]string{"f.yaml:7:14: warning: provisions[1].section: section 1.1 of the Housing Ombudsman's Complaint Handling Code is assessed twice (also at provisions[0], line 2)"}},
		{"heading", "headings:\n  hos:\n    \"1.2\": X\n" + row("code: hos\nsection: \"1.1\"\nrequirement: R\ncomplies: yes"),
			[]string{`f.yaml:3:12: headings.hos.1.2: "1.2" is not a section number of the Code`}},
		{"empty", "provisions: []\n", []string{"f.yaml:1:13: provisions: no provisions"}},
		{"empty item", "provisions:\n  -\n", []string{"f.yaml:2:4: provisions[0]: an empty provision: give code, section, requirement and complies"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, errs := Parse("f.yaml", []byte(c.src))
			if len(errs) != len(c.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(c.want), errs)
			}
			for i, w := range c.want {
				if got := errs[i].String(); !strings.HasPrefix(got, w) {
					t.Errorf("problem %d:\n got %s\nwant %s…", i, got, w)
				}
			}
		})
	}
}

func TestCheckDueBeforeMeeting(t *testing.T) {
	src := "provisions:\n  - code: hos\n    section: \"5.8\"\n    requirement: R\n    complies: no\n    action: A\n    due: 2025-06-30\n" +
		"  - code: hos\n    section: \"5.9\"\n    requirement: R\n    complies: no\n    action: A\n    due: 2025-07-14\n"
	a, errs := Parse("f.yaml", []byte(src))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	got := a.Check(time.Date(2025, 7, 14, 0, 0, 0, 0, time.UTC))
	if len(got) != 1 || !strings.HasPrefix(got[0].String(), "f.yaml:7:10: warning: provisions[0].due: section 5.8's action is due on 30 June 2025, before the meeting on 14 July 2025") {
		t.Errorf("got %v; want one warning at provisions[0].due (an action due on the meeting day is not late)", got)
	}
	if n := len(a.Check(time.Time{})); n != 0 {
		t.Errorf("with no meeting date: %d warnings, want none", n)
	}
}

func TestHeadingAndRows(t *testing.T) {
	src := "headings: {hos: {\"5\": Stage 1}}\nprovisions:\n  - {code: hos, section: \"5.8\", requirement: R, complies: yes}\n  - {code: lgsco, section: \"1.1\", requirement: R, complies: yes}\n"
	a, errs := Parse("f.yaml", []byte(src))
	if len(errs) != 0 {
		t.Fatal(errs)
	}
	if n, h := a.Heading("hos", "5.8"); n != "5" || h != "Stage 1" {
		t.Errorf("Heading = %q, %q", n, h)
	}
	if rs := a.Rows("lgsco"); len(rs) != 1 || rs[0].Section != "1.1" {
		t.Errorf("Rows(lgsco) = %v", rs)
	}
}
