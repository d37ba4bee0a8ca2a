package ombudsman

import (
	"encoding/json"
	"testing"
)

// FuzzParse checks that no ombudsman.yaml panics the loader, that every
// error is positioned in the file, and that a letter that loads answers
// every metric and marshals to JSON.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"council: K\npopulation: 100000\nyears:\n  \"2020/21\": {received: 52, decided: 50, investigations: 30, upheld: 25, remedied: 1, recommendations_due: 20, recommendations_complied: 19}\n",
		"council: K\nyears:\n  \"2019/20\":\n    upheld: 4\n    investigations: 3\n    decisions: {upheld: 4, advise_given: 1}\n    comparators: [{name: A, population: 0, investigations: 1, upheld: 1}]\n",
		"council: K\nyears: {\"2020/22\": {}}\n",
		"council: K\nyears:\n  \"2020/21\":\n    average: {upheld_rate: 67}\n",
		"a: &a [*a, *a]\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		l, err := Parse("ombudsman.yaml", src)
		if err != nil {
			if l != nil {
				t.Fatal("a letter returned with an error")
			}
			return
		}
		for _, y := range l.YearLabels() {
			for _, m := range Metrics() {
				if _, _, err := l.Value(m, y); err != nil {
					t.Fatalf("Value(%q, %q): %v", m, y, err)
				}
			}
			l.SortedComparators(y)
		}
		if _, err := json.Marshal(l); err != nil {
			t.Fatal(err)
		}
	})
}
