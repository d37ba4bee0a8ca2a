package caselog

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestCategory reads the optional Category column, split across several
// parsers: case and spacing variants are one category named by the
// first spelling in the file, a blank is none, and a log without the
// column says so.
func TestCategory(t *testing.T) {
	var b strings.Builder
	b.WriteString("Reference,Stage,Service,Received,Category\n")
	cats := []string{"Repairs", "repairs ", "Antisocial  behaviour", "", "ANTISOCIAL BEHAVIOUR", "Rent"}
	for i := 0; i < 60; i++ {
		fmt.Fprintf(&b, "R%d,1,Housing,2025-04-%02d,%s\n", i, i%28+1, cats[i%len(cats)])
	}
	log, err := both(t, b.String(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Antisocial  behaviour", "Rent", "Repairs"}; !log.HasCategory || !slices.Equal(log.Categories, want) {
		t.Fatalf("categories %q (column found: %v), want %q", log.Categories, log.HasCategory, want)
	}
	for i, r := range log.Rows {
		got := ""
		if r.Category > 0 {
			got = log.Categories[r.Category-1]
		}
		want := map[string]string{"Repairs": "Repairs", "repairs ": "Repairs", "Antisocial  behaviour": "Antisocial  behaviour",
			"": "", "ANTISOCIAL BEHAVIOUR": "Antisocial  behaviour", "Rent": "Rent"}[cats[i%len(cats)]]
		if got != want {
			t.Errorf("row %d: category %q, want %q", i, got, want)
		}
	}
	log, err = both(t, "Reference,Stage,Service,Received\nR1,1,Housing,2025-04-01\n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if log.HasCategory || log.Categories != nil || log.Rows[0].Category != 0 {
		t.Errorf("a log without Category: %v %q %d", log.HasCategory, log.Categories, log.Rows[0].Category)
	}
	log, err = both(t, "Reference,Stage,Service,Received,Complaint Type\nR1,1,Housing,2025-04-01,Repairs\n", Options{Columns: map[string]string{"Category": "Complaint Type"}})
	if err != nil || len(log.Categories) != 1 || log.Categories[0] != "Repairs" {
		t.Errorf("a mapped Category column: %q, %v", log.Categories, err)
	}
}
