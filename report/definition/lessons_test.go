package definition

import (
	"reflect"
	"strings"
	"testing"
)

func TestPersonalDetails(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		{"Mr Smith complained.", []string{"Mr Smith"}},
		{"Mrs A. Jones and Dr. Patel", []string{"Mrs A. Jones", "Dr. Patel"}},
		{"Ms Okafor-Reid, Miss Brown and Mx Lee", []string{"Ms Okafor-Reid", "Miss Brown", "Mx Lee"}},
		{"Mrs X and Mr Y, as the Ombudsman writes them", nil},
		{"the resident (Mrs B) was told", nil},
		{"write to a.jones@example.co.uk today", []string{"a.jones@example.co.uk"}},
		{"call 01632 960123 or 07700-900-123", []string{"01632 960123", "07700-900-123"}},
		{"ring (020) 7946 0958 or +44 20 7946 0958", []string{"(020) 7946 0958", "+44 20 7946 0958"}},
		{"Ombudsman reference 24 001 234, £1,250 paid on 01/02/2025, case 202312345", nil},
		{"a 10 working day target and 0 cases", nil},
	} {
		var got []string
		for _, p := range PersonalDetails(c.text) {
			got = append(got, p.Text)
			if c.text[p.Offset:p.Offset+len(p.Text)] != p.Text {
				t.Errorf("%q: offset %d does not hold %q", c.text, p.Offset, p.Text)
			}
		}
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("PersonalDetails(%q) = %q, want %q", c.text, got, c.want)
		}
	}
}

func TestLessonsListOrMapping(t *testing.T) {
	const head = "council: C\ncommittee: K\nmeeting_date: 2025-07-14\ntitle: T\nauthor: A\npurpose: P\nrecommendations: {items: [Note]}\nsections:\n  - heading: H\n    blocks:\n"
	for _, c := range []struct {
		name, block, path string
		style             string
	}{
		{"list", "      - lessons:\n          - {service: Housing, what_happened: W, improvement: I}\n", "sections[0].blocks[0].lessons", ""},
		{"mapping", "      - lessons:\n          style: you-said-we-did\n          items:\n            - {service: Housing, what_happened: W, improvement: I}\n", "sections[0].blocks[0].lessons.items", "you-said-we-did"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, errs := Parse("r.yaml", []byte(head+c.block))
			if len(errs) != 0 {
				t.Fatal(errs)
			}
			ls := r.Sections[0].Blocks[0].Lessons
			if ls == nil || len(ls.Items) != 1 || ls.Items[0].Service != "Housing" || ls.Style != c.style {
				t.Fatalf("decoded %+v", ls)
			}
			if got := r.ItemsPath("sections[0].blocks[0].lessons"); got != c.path {
				t.Errorf("ItemsPath = %s, want %s", got, c.path)
			}
			if l := Check(r, nil); len(l) != 0 {
				t.Errorf("Check: %v", l)
			}
		})
	}
	r, _ := Parse("r.yaml", []byte(head+"      - lessons:\n          -\n"))
	if l := Check(r, nil); len(l) != 1 || l[0].String() != "r.yaml:12:12: sections[0].blocks[0].lessons[0]: an empty lesson: give service, what_happened and improvement" {
		t.Errorf("an empty lesson: %v", l)
	}
	_, errs := Parse("r.yaml", []byte(head+"      - lessons:\n          - {service: Housing, what_happened: W}\n"))
	if len(errs) != 1 || !strings.Contains(errs[0].String(), "lessons[0].improvement: required, but missing") {
		t.Errorf("a lesson without improvement: %v", errs)
	}
}

// FuzzPersonalDetails checks that every match is where it says, in any
// text, and that the anonymised forms the Ombudsmen use are never taken
// for a name.
func FuzzPersonalDetails(f *testing.F) {
	for _, s := range []string{"Mrs A. Jones, 01632 960123", "write to a@b.example", "+44 (0) 20 7946 0958", "Mrs X and Mr Y", "Dr.\u00a0Ó Briain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, p := range PersonalDetails(s) {
			if p.Offset < 0 || p.Offset+len(p.Text) > len(s) || s[p.Offset:p.Offset+len(p.Text)] != p.Text {
				t.Fatalf("match %q at %d is not in %q", p.Text, p.Offset, s)
			}
		}
		for _, title := range []string{"Mr", "Mrs", "Ms", "Miss", "Dr", "Mx"} {
			if ps := PersonalDetails(title + " X " + s); len(ps) > 0 && ps[0].Offset == 0 {
				t.Fatalf("%q taken for a name", title+" X")
			}
		}
	})
}
