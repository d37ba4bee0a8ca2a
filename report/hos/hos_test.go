package hos

import (
	"math"
	"os"
	"strings"
	"testing"
)

// TestFixture checks the derived figures of fixtures/chc against sums
// done by hand from the file.
func TestFixture(t *testing.T) {
	f, err := Load("../../fixtures/chc/housing-ombudsman.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// 2024/25: findings 1+9+3+6+4+7+3+1 = 34; with a finding 34-3-1 = 30;
	// maladministration 1+9+3 = 13, so 13/30; orders 37/41; 34 per 14,250
	// homes; £12,345.67.
	for _, tc := range []struct {
		name, year string
		want       float64
	}{
		{"determinations", "2024/25", 34},
		{"determinations_with_finding", "2024/25", 30},
		{"maladministration_rate", "2024/25", 13.0 / 30},
		{"compliance_rate", "2024/25", 37.0 / 41},
		{"determinations_per_1000_homes", "2024/25", 34.0 / 14250 * 1000},
		{"compensation", "2024/25", 12345.67},
		{"compensation", "2023/24", 8415.5},
		{"determinations.service_failure", "2024/25", 6},
		{"categories.repairs", "2024/25", 12},
		{"average.maladministration_rate", "2024/25", 0.71},
		{"comparators", "2024/25", 2},
		// 2023/24: 0+7+2 over 28-2-1 = 25.
		{"maladministration_rate", "2023/24", 9.0 / 25},
	} {
		v, ok, err := f.Value(tc.name, tc.year)
		if err != nil || !ok || math.Abs(v-tc.want) > 1e-12 {
			t.Errorf("%s %s = %v, %v, %v; want %v", tc.name, tc.year, v, ok, err, tc.want)
		}
	}
	if p := *f.Years["2024/25"].CompensationPence; p != 1234567 {
		t.Errorf("pence %d", p)
	}
	// Westbrook: 2+14+4 over 42-4-2 = 36; 44/58.
	w := f.Years["2024/25"].Comparators[1]
	if *w.MaladministrationRate != 20.0/36 || *w.ComplianceRate != 44.0/58 || *w.Total != 42 {
		t.Errorf("Westbrook %+v", w)
	}
	if _, ok, _ := f.Value("compliance_rate", "2024/25"); !ok {
		t.Error("compliance rate undefined")
	}
	if _, _, err := f.Value("maladminstration_rate", "2024/25"); err == nil || !strings.Contains(err.Error(), "did you mean hos.maladministration_rate?") {
		t.Errorf("misspelt: %v", err)
	}
}

// TestParseErrors: every inconsistency at its file:line:col, in one run.
func TestParseErrors(t *testing.T) {
	src := `landlord: Kingsbridge City Council
landlord_typ: local authorities
years:
  "2024/25":
    homes: -5
    determinations: {maladministraton: 3, severe_maladministration: 1, no_maladministration: -1}
    orders_made: 4
    orders_complied_on_time: 5
    compensation_ordered: 12.345
    categories: {repair: 1, my_own: 2}
    landlord_type_average: {maladministration_rate: 71}
  "2024/26": {homes: 1}
  "2023/24":
    determinations: {maladministration: 2, withdrawn: 1}
    categories: {repairs: 2}
    orders_complied_on_time: 1
    comparators:
      - {name: Eastmoor, orders_made: 1, orders_complied_on_time: 2}
      - {name: Eastmoor}
`
	_, err := Parse("housing-ombudsman.yaml", []byte(src))
	if err == nil {
		t.Fatal("no error")
	}
	want := []string{
		`housing-ombudsman.yaml:2:1: landlord_typ: unknown key; did you mean landlord_type?`,
		`housing-ombudsman.yaml:5:12: years.2024/25.homes: must not be negative, found -5`,
		`years.2024/25.determinations.maladministraton: unknown finding; did you mean maladministration?`,
		`years.2024/25.determinations.no_maladministration: must not be negative, found -1`,
		`housing-ombudsman.yaml:8:30: years.2024/25.orders_complied_on_time: 5 orders complied with on time is more than the 4 orders made`,
		`housing-ombudsman.yaml:9:27: years.2024/25.compensation_ordered: "12.345" is not an amount of pounds; write it like 12345.67 (pounds and pence)`,
		`years.2024/25.categories.repair: unknown category; did you mean repairs?`,
		`years.2024/25.landlord_type_average.maladministration_rate: 71 is not a rate between 0 and 1; write rates as fractions, 0.71 for 71%`,
		`years.2024/26: "2024/26" is not a financial year; write it like "2024/25"`,
		`years.2023/24.categories: the categories add up to 2 determinations, but the determinations by finding add up to 3; give each determination one category`,
		`years.2023/24.orders_complied_on_time: given without orders_made`,
		`years.2023/24.comparators[0].orders_complied_on_time: 2 orders complied with on time is more than the 1 orders made`,
		`years.2023/24.comparators[1].name: Eastmoor already listed at comparators[0]`,
	}
	got := err.Error()
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("missing %s\nin:\n%s", w, got)
		}
	}
	if strings.Contains(got, "my_own") {
		t.Errorf("a category of the file's own is an error:\n%s", got)
	}
}

func TestPence(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		err  bool
	}{
		{"12345.67", 1234567, false}, {"£12,345.67", 1234567, false}, {"250", 25000, false},
		{"0.1", 10, false}, {"£ 1,000", 100000, false},
		{"12.345", 0, true}, {"-3", 0, true}, {"1,00", 0, true}, {"ten", 0, true}, {"99999999999999999999", 0, true},
	} {
		got, err := Pence(tc.in)
		if (err != nil) != tc.err || got != tc.want {
			t.Errorf("Pence(%q) = %d, %v", tc.in, got, err)
		}
	}
}

func FuzzParse(f *testing.F) {
	src, err := os.ReadFile("../../fixtures/chc/housing-ombudsman.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(src)
	f.Add([]byte("landlord: x\nyears: {\"2024/25\": {determinations: {withdrawn: 1}, categories: {a: 1}}}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		figs, err := Parse("h.yaml", src)
		if err != nil {
			return
		}
		for _, y := range figs.YearLabels() {
			for _, m := range Metrics() {
				if v, ok, err := figs.Value(m, y); err != nil || ok && (v < 0 || strings.HasSuffix(m, "_rate") && v > 1) {
					t.Fatalf("%s %s = %v, %v, %v", m, y, v, ok, err)
				}
			}
		}
	})
}
