package layout

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/definition"
)

// readmeSection returns the README's section under heading, up to the
// next heading of the same level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(src)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md has no %q section", heading)
	}
	s = s[i+len(heading)+2:]
	if j := strings.Index(s, "\n## "); j >= 0 {
		s = s[:j]
	}
	return s
}

var (
	kindRow  = regexp.MustCompile("(?m)^\\| `([a-z-]+)` \\|.*\\| ([^|]*) \\|$")
	backtick = regexp.MustCompile("`([^`]+)`")
)

// TestREADMEListsTheRegistry checks the README's YAML reference against
// the registry, which the code checks blocks with: the same kinds, each
// with exactly its options, the options every kind takes, and every
// value a Choice option allows. Nothing is generated; an author reads
// the README, so it must not drift from what check accepts.
func TestREADMEListsTheRegistry(t *testing.T) {
	for _, fam := range []struct {
		heading, common string
		kinds           []Kind
		commons         []Option
	}{
		{"## Tables bound to the metrics", "Every kind takes", TableKinds(), TableCommon},
		{"## Charts", "Every kind also takes", ChartKinds(), ChartCommon},
	} {
		sec := readmeSection(t, fam.heading)
		allKeys := map[string]bool{}
		for _, k := range fam.kinds {
			for _, o := range k.Options {
				allKeys[o.Key] = true
			}
		}
		listed := map[string][]string{}
		for _, m := range kindRow.FindAllStringSubmatch(sec, -1) {
			for _, b := range backtick.FindAllStringSubmatch(m[2], -1) {
				if allKeys[b[1]] {
					listed[m[1]] = append(listed[m[1]], b[1])
				}
			}
		}
		for _, k := range fam.kinds {
			got, ok := listed[k.Name]
			if !ok {
				t.Errorf("%s: the README lists no kind %q", fam.heading, k.Name)
				continue
			}
			if want := k.keys(); !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))) {
				t.Errorf("%s: the README lists %s with options %v; the registry has %v", fam.heading, k.Name, got, want)
			}
			delete(listed, k.Name)
			for _, o := range k.Options {
				for _, v := range o.Values {
					if !strings.Contains(sec, "`"+v+"`") {
						t.Errorf("%s: %s's %s may be %q, which the README does not list", fam.heading, k.Name, o.Key, v)
					}
				}
			}
		}
		for name := range listed {
			t.Errorf("%s: the README lists a kind %q the registry does not have", fam.heading, name)
		}
		i := strings.Index(sec, fam.common)
		if i < 0 {
			t.Fatalf("%s: no sentence %q naming the options every kind takes", fam.heading, fam.common)
		}
		sentence, _, _ := strings.Cut(sec[i:], ".")
		for _, o := range fam.commons {
			if !strings.Contains(sentence, "`"+o.Key+"`") {
				t.Errorf("%s: %q does not name %s, which every kind takes", fam.heading, sentence, o.Key)
			}
		}
	}
}

// TestNeedsRows: a paper's case log rows are kept for its heat maps
// alone (whatever their options), so that a build of any other paper can
// count them as they are read; a misspelt kind, reported by the checks,
// needs none.
func TestNeedsRows(t *testing.T) {
	chart := func(kinds ...string) *definition.Report {
		var blocks []definition.Block
		for _, k := range kinds {
			blocks = append(blocks, definition.Block{Chart: &definition.Chart{Kind: k}})
		}
		return &definition.Report{Sections: []definition.Section{{Heading: "A"}, {Heading: "B", Blocks: blocks}}}
	}
	for _, c := range []struct {
		name string
		r    *definition.Report
		want bool
	}{
		{"no blocks", &definition.Report{}, false},
		{"every other chart kind", chart("trend", "comparison", "by-service", "funnel", "monthly"), false},
		{"a heat map among them", chart("trend", "heatmap", "funnel"), true},
		{"a misspelt heat map", chart("heat-map"), false},
		{"a table", &definition.Report{Sections: []definition.Section{{Blocks: []definition.Block{{MetricsTable: &definition.MetricsTable{Kind: "by-service"}}}}}}, false},
	} {
		if got := NeedsRows(c.r); got != c.want {
			t.Errorf("%s: NeedsRows = %v, want %v", c.name, got, c.want)
		}
	}
}
