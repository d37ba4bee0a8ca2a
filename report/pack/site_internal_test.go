package pack

import (
	"regexp"
	"testing"
)

// FuzzSlug gives an appendix reference of any text: its part of the
// site's file name is a non-empty run of lower-case letters, digits and
// single hyphens, neither starting nor ending with one, short, and the
// same every time.
func FuzzSlug(f *testing.F) {
	for _, s := range []string{"A", "b", "C1", "A (part 2)", "../../etc", "", "   ", "Ä", "appendix-b-XQZ", "x\x00y", "ﬁ", "A/B\\C"} {
		f.Add(s)
	}
	ok := regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	f.Fuzz(func(t *testing.T, ref string) {
		got := slug(ref, 7)
		if !ok.MatchString(got) || len(got) > 18 {
			t.Fatalf("slug(%q) = %q", ref, got)
		}
		if again := slug(ref, 7); again != got {
			t.Fatalf("slug(%q) = %q, then %q", ref, got, again)
		}
	})
}
