package selfassess

import (
	"slices"
	"strings"
	"testing"
)

// FuzzParse checks that any file is decoded without a panic, that every
// problem has a position in the file, and that a file Parse accepts
// keeps the rules: a known code and compliance, and an action and due
// date wherever a provision does not fully comply.
func FuzzParse(f *testing.F) {
	f.Add([]byte("provisions:\n  - {code: hos, section: \"5.8\", requirement: R, complies: no, action: A, due: 2026-01-01}\n"))
	f.Add([]byte("headings: {hos: {\"5\": Stage 1}}\nprovisions:\n  - {code: lgsco, section: \"1.1\", requirement: R, complies: partly}\n"))
	f.Add([]byte("provisions: [{code: hos, section: \"1\", requirement: R, complies: yes}, {code: hos, section: \"1\", requirement: R, complies: yes}]\n"))
	f.Add([]byte("provisions: &a [*a]\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		a, errs := Parse("f.yaml", src)
		for _, d := range errs {
			if d.File != "f.yaml" || (d.Line == 0 && !strings.Contains(d.Msg, "empty") && !strings.HasPrefix(d.Msg, "not a text file")) {
				t.Fatalf("problem without a position: %v", d)
			}
		}
		if a == nil || errs.HasErrors() {
			return
		}
		for _, r := range a.Provisions {
			if !slices.Contains(Codes, r.Code) || !slices.Contains(Compliance, r.Complies) {
				t.Fatalf("accepted %+v", r)
			}
			if r.Complies != "yes" && (strings.TrimSpace(r.Action) == "" || r.Due.IsZero()) {
				t.Fatalf("accepted %s without its action and date", r.Complies)
			}
		}
	})
}
