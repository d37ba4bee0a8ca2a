package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// TestHousingOmbudsmanCLI: paper check takes housing-ombudsman.yaml on
// its own (told apart by its landlord key) and build refuses it; paper
// metrics prints its figures, with complaints per 1,000 homes, from a
// report that names it, in text and as JSON, and refuses it given alone.
func TestHousingOmbudsmanCLI(t *testing.T) {
	t.Chdir(filepath.Join("..", "..", "fixtures", "chc"))
	if code, stdout, stderr := runCLI(t, "check", "housing-ombudsman.yaml"); code != exitOK || stdout != "housing-ombudsman.yaml: OK\n" {
		t.Errorf("check: exit %d, %q %q", code, stdout, stderr)
	}
	if code, _, stderr := runCLI(t, "build", "housing-ombudsman.yaml"); code != exitUsage || !strings.Contains(stderr, "housing-ombudsman.yaml is the Housing Ombudsman's figures (housing-ombudsman.yaml): name it under data: housing_ombudsman:") {
		t.Errorf("build: exit %d, %q", code, stderr)
	}
	if code, _, stderr := runCLI(t, "metrics", "housing-ombudsman.yaml"); code != exitUsage || !strings.Contains(stderr, "give paper metrics the report") {
		t.Errorf("metrics: exit %d, %q", code, stderr)
	}
	code, stdout, stderr := runCLI(t, "metrics", "report.yaml")
	if code != exitOK {
		t.Fatalf("metrics report.yaml: exit %d: %s", code, stderr)
	}
	// The report counts deadlines from the acknowledgement: the rows
	// without one are counted in one warning, at the first of them.
	if !strings.Contains(stderr, "complaints.csv:2: warning: Acknowledged: 158 stage 1 and stage 2 rows have no Acknowledged (or Due) date (this is the first), so their deadlines count from Received, not from the acknowledgement as data.deadlines_from says") {
		t.Errorf("metrics report.yaml warnings:\n%s", stderr)
	}
	for _, want := range []string{
		"Housing Ombudsman: Kingsbridge City Council    2023/24     2024/25",
		"  maladministration rate                         36.0%       43.3%",
		"  compensation ordered                       £8,415.50  £12,345.67",
		"  refused ",
		"  acknowledged on time rate ",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("metrics text lacks %q:\n%s", want, stdout)
		}
	}
	code, stdout, stderr = runCLI(t, "metrics", "report.yaml", "--json")
	if code != exitOK {
		t.Fatalf("metrics --json: exit %d: %s", code, stderr)
	}
	var doc struct {
		Housing struct {
			Years map[string]struct {
				Rate  *float64 `json:"maladministration_rate"`
				Pence *int64   `json:"compensation_ordered_pence"`
			} `json:"years"`
		} `json:"housing_ombudsman"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	y := doc.Housing.Years["2024/25"]
	if y.Rate == nil || *y.Rate != 13.0/30 || y.Pence == nil || *y.Pence != 1234567 {
		t.Errorf("housing_ombudsman 2024/25: %+v", y)
	}
}
