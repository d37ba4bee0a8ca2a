package caselog

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestFoldServices: spellings of one service that differ in case, spaces
// or trailing punctuation count as one, under the most frequent spelling,
// and aliases then merge named services; check's warnings say what was
// merged, with row counts, at the Service header.
func TestFoldServices(t *testing.T) {
	rows := func(spellings ...string) string {
		var sb strings.Builder
		sb.WriteString("Reference,Stage,Directorate,Received\n")
		for i, s := range spellings {
			fmt.Fprintf(&sb, "C%d,1,%q,2021-02-01\n", i, s)
		}
		return sb.String()
	}
	tests := []struct {
		name     string
		src      string
		aliases  map[string]string
		services []string
		counts   []int // rows per service, in Services order
		warnings []string
		unused   []string
	}{
		{"no variants", rows("Housing", "Parking"), nil,
			[]string{"Housing", "Parking"}, []int{1, 1}, nil, nil},
		{"case, spaces and a full stop", rows("Housing", "HOUSING", "housing ", "Housing", "ADULT  SOCIAL CARE", "Adult Social Care.", "Adult Social Care"), nil,
			[]string{"Adult Social Care", "Housing"}, []int{3, 4}, []string{
				`complaints.csv:1: warning: Directorate: "Adult Social Care" (1 row), "ADULT  SOCIAL CARE" (1 row), "Adult Social Care." (1 row) counted as one service, "Adult Social Care"`,
				`complaints.csv:1: warning: Directorate: "Housing" (2 rows), "HOUSING" (1 row), "housing" (1 row) counted as one service, "Housing"`,
			}, nil},
		{"alias after folding", rows("Env & Streets", "ENV & STREETS", "Environment, Streets & Parks", "Housing"),
			map[string]string{"Env & Streets": "Environment, Streets & Parks", "Planing": "Planning"},
			[]string{"Environment, Streets & Parks", "Housing"}, []int{3, 1}, []string{
				`complaints.csv:1: warning: Directorate: "ENV & STREETS" (1 row), "Env & Streets" (1 row), "Environment, Streets & Parks" (1 row) counted as one service, "Environment, Streets & Parks"`,
			}, []string{"Planing"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log, err := both(t, tt.src, Options{Columns: map[string]string{"Service": "Directorate"}, Services: tt.aliases})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(log.Services, tt.services) {
				t.Errorf("services %q, want %q", log.Services, tt.services)
			}
			counts := make([]int, len(log.Services))
			for _, r := range log.Rows {
				counts[r.Service]++
			}
			if !reflect.DeepEqual(counts, tt.counts) {
				t.Errorf("rows per service %v, want %v", counts, tt.counts)
			}
			var got []string
			for _, w := range log.Warnings {
				got = append(got, w.String())
			}
			if !reflect.DeepEqual(got, tt.warnings) {
				t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.warnings, "\n"))
			}
			if !reflect.DeepEqual(log.UnusedAliases, tt.unused) {
				t.Errorf("unused aliases %q, want %q", log.UnusedAliases, tt.unused)
			}
		})
	}
}

// TestUnmappedLookalikes: a header that looks like Responded or Outcome
// but is not mapped gives a warning with the mapping to write, since
// without it every case counts as open or none has an outcome.
func TestUnmappedLookalikes(t *testing.T) {
	tests := []struct {
		header string
		want   []string
	}{
		{"Reference,Stage,Service,Received,Responded,Outcome", nil},
		{"Reference,Stage,Service,Received,Date Responded,Outcome", []string{
			`complaints.csv:1: warning: no Responded column, so every case counts as open; if "Date Responded" is that column, map it in the report's data: columns: {Responded: Date Responded} (paper metrics: --column Responded='Date Responded')`}},
		{"Reference,Stage,Service,Received,Date Closed,Final Decision", []string{
			`complaints.csv:1: warning: no Responded column, so every case counts as open; if "Date Closed" is that column, map it in the report's data: columns: {Responded: Date Closed} (paper metrics: --column Responded='Date Closed')`,
			`complaints.csv:1: warning: no Outcome column, so no case has an outcome; if "Final Decision" is that column, map it in the report's data: columns: {Outcome: Final Decision} (paper metrics: --column Outcome='Final Decision')`}},
		{"Reference,Stage,Service,Received,Notes,Team", nil},
	}
	for _, tt := range tests {
		log, err := both(t, tt.header+"\nC1,1,Housing,2021-02-01,2021-02-03,Upheld\n", Options{})
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, w := range log.Warnings {
			got = append(got, w.String())
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s:\ngot  %q\nwant %q", tt.header, got, tt.want)
		}
	}
}

// TestNoOutcomeWarning: closed rows with a blank Outcome are counted in
// one warning at the first of them.
func TestNoOutcomeWarning(t *testing.T) {
	src := "Reference,Stage,Service,Received,Responded,Outcome\n" +
		"C1,1,Housing,2021-02-01,2021-02-03,Upheld\n" +
		"C2,1,Housing,2021-02-01,,\n" + // open: no outcome expected
		"C3,1,Housing,2021-02-01,2021-02-03,\n" +
		"C4,1,Housing,2021-02-01,2021-02-04,\n"
	log, err := both(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "complaints.csv:4: warning: Outcome: 2 closed cases with a Responded date but no outcome (this is the first): counted as closed but in no outcome (no_outcome), so the outcomes add up to fewer than closed"
	if got := log.Warnings.Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
