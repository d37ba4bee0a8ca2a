package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// TestMetricsJSONBackwardCompatible runs paper metrics --json on the
// example report and checks that every field the command printed before
// the Complaint Handling Codes' figures were added (saved in
// testdata/metrics/before-chc-example.json from the main branch's
// build) is still there with the same value: the new figures are
// additions only, so scripts written against the old output keep
// working.
func TestMetricsJSONBackwardCompatible(t *testing.T) {
	before, err := os.ReadFile(filepath.Join("testdata", "metrics", "before-chc-example.json"))
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join("..", "..", "examples", "lgsco-annual-review"))
	code, stdout, stderr := runCLI(t, "metrics", "report.yaml", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var old, now any
	if err := json.Unmarshal(before, &old); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(stdout), &now); err != nil {
		t.Fatal(err)
	}
	var problems []string
	var walk func(path string, a, b any)
	walk = func(path string, a, b any) {
		if len(problems) > 10 {
			return
		}
		switch a := a.(type) {
		case map[string]any:
			bm, ok := b.(map[string]any)
			if !ok {
				problems = append(problems, fmt.Sprintf("%s: was an object, now %T", path, b))
				return
			}
			for k, v := range a {
				bv, ok := bm[k]
				if !ok {
					problems = append(problems, fmt.Sprintf("%s.%s: missing", path, k))
					continue
				}
				walk(path+"."+k, v, bv)
			}
		case []any:
			bs, ok := b.([]any)
			if !ok || len(bs) != len(a) {
				problems = append(problems, fmt.Sprintf("%s: was a list of %d, now %v", path, len(a), b))
				return
			}
			for i := range a {
				walk(fmt.Sprintf("%s[%d]", path, i), a[i], bs[i])
			}
		default:
			if a != b {
				problems = append(problems, fmt.Sprintf("%s: was %v, now %v", path, a, b))
			}
		}
	}
	walk("", old, now)
	for _, p := range problems {
		t.Error(p)
	}
	// And the additions are there, for the scripts that want them.
	y := now.(map[string]any)["years"].(map[string]any)["2020/21"].(map[string]any)["stage1"].(map[string]any)
	for _, k := range []string{"refused", "acknowledged", "acknowledged_on_time", "acknowledged_on_time_rate"} {
		if _, ok := y[k]; !ok {
			t.Errorf("years.2020/21.stage1 lacks %s", k)
		}
	}
}
