package caselog

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/diag"
)

// TestValueMaps: paper reads common spellings itself, a report's value
// map reads the export's own values (as written or differing in case and
// spaces), ignore leaves rows out with a warning that counts them, and
// unknown values give one error per column listing each value, its rows
// and first row, with the data.values entry to write.
func TestValueMaps(t *testing.T) {
	const head = "Reference,Stage,Service,Received,Responded,Outcome\n"
	row := func(i int, stage, outcome string) string {
		return fmt.Sprintf("C%d,%s,Housing,2021-02-01,2021-02-03,%s\n", i, stage, outcome)
	}
	values := func(m map[string]map[string]string) Values {
		v, probs := ParseValues(m)
		if len(probs) > 0 {
			t.Fatalf("%+v", probs)
		}
		return v
	}
	t.Run("built-in spellings", func(t *testing.T) {
		src := head + row(1, "Stage One", "Partly Upheld") + row(2, "stage  two", "Part upheld") + row(3, "STAGE 1", "partially upheld")
		log, err := both(t, src, Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range log.Rows {
			got = append(got, r.Stage.String()+"/"+r.Outcome.String())
		}
		want := []string{"Stage 1/Partially upheld", "Stage 2/Partially upheld", "Stage 1/Partially upheld"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("maps and ignore", func(t *testing.T) {
		src := head + row(1, "Informal", "Resolved") + row(2, "Formal", "Not Upheld - Advice Given") +
			row(3, "informal", "") + row(4, "Formal", "resolved ") + row(5, "Review", "Resolved")
		v := values(map[string]map[string]string{
			"Stage":   {"Informal": "ignore", "Formal": "stage1", "review": "stage2"},
			"outcome": {"Not Upheld - Advice Given": "not_upheld", "Resolved": "Upheld"},
		})
		log, err := both(t, src, Options{Values: v})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range log.Rows {
			got = append(got, fmt.Sprintf("%d %s/%s", r.Line, r.Stage, r.Outcome))
		}
		want := []string{"3 Stage 1/Not upheld", "5 Stage 1/Upheld", "6 Stage 2/Upheld"}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
		w := diag.List(log.Warnings).Error()
		if want := `complaints.csv:1: warning: Stage: 2 rows left out of the figures, as data.values says: "Informal" (1), "informal" (1)`; w != want {
			t.Errorf("warnings\n%s\nwant\n%s", w, want)
		}
	})
	t.Run("unknown values", func(t *testing.T) {
		src := head + row(1, "1", "Resolved") + row(2, "Informal", "Upheld") + row(3, "Informal", "Resolved") +
			row(4, "Stage 3", "Not Upheld - Advice Given") + row(5, "Informal", "Upheld")
		_, err := both(t, src, Options{})
		got := diag.As(err).Error()
		want := `complaints.csv:2: Outcome: 2 values are not outcomes: "Resolved" (2 rows, first at line 2), "Not Upheld - Advice Given" (1 row, first at line 5); ` +
			`use Upheld, Partially upheld, Not upheld, Withdrawn or Refused (blank while open), or map them in the report's data: values: {Outcome: {Resolved: ignore, "Not Upheld - Advice Given": not_upheld}} (each to upheld, partially_upheld, not_upheld, withdrawn, refused or ignore, which leaves the rows out)` + "\n" +
			`complaints.csv:3: Stage: 2 values are not stages: "Informal" (3 rows, first at line 3), "Stage 3" (1 row, first at line 5); ` +
			`use 1, Stage 1, 2, Stage 2, Ombudsman, LGSCO or Housing Ombudsman, or map them in the report's data: values: {Stage: {Informal: ignore, Stage 3: ignore}} (each to stage1, stage2, ombudsman or ignore, which leaves the rows out)`
		if got != want {
			t.Errorf("got\n%s\nwant\n%s", got, want)
		}
	})
}

func TestParseValuesProblems(t *testing.T) {
	_, probs := ParseValues(map[string]map[string]string{
		"Stage":   {"Informal": "stage3", "Formal": "Stage 1"},
		"Service": {"Env": "Environment"},
		"Outcome": {"Resolved": "partly upheld"},
	})
	var got []string
	for _, p := range probs {
		got = append(got, p.Column+"|"+p.Value+"|"+p.Msg)
	}
	want := []string{
		`Service||"Service": only Stage, Outcome and Type values can be mapped (services are merged with data.services)`,
		`Stage|Informal|"stage3" is not a stage; use stage1, stage2, ombudsman or ignore`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
