package templates

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"github.com/paperhq/paper/report/workdays"
)

// igSample is the path of the information governance template's sample
// case log.
var igSample = filepath.Join("new", "information-governance-annual-report", "caselog.csv")

// TestInformationGovernanceSample checks that the information governance
// template's sample log is what igSampleLog writes, so it can be
// regenerated (go test ./templates -run Sample -update) and reviewed.
func TestInformationGovernanceSample(t *testing.T) {
	want := igSampleLog()
	if *update {
		if err := os.WriteFile(igSample, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(igSample)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is not what the generator writes; run go test ./templates -run Sample -update", igSample)
	}
}

// igSampleLog writes a fictional council's case log of two financial
// years, 2024/25 and 2025/26, with every Type: complaints at each stage,
// FOI and EIR requests and their internal reviews, subject access
// requests, and member and MP enquiries. Each type has its yearly volume
// and the share answered within its target, which differs by year so the
// template's comparisons have something to say; the last weeks' cases
// are partly still open. Everything is drawn from a fixed seed.
func igSampleLog() []byte {
	cal := workdays.EnglandAndWales()
	rng := rand.New(rand.NewPCG(2026, 18))
	services := []string{"Adult Social Care", "Children's Services", "Council Tax and Benefits", "Environment and Waste", "Highways and Transport", "Housing", "Legal and Democratic Services", "Planning"}
	type kind struct {
		typ, stage string
		perYear    [2]int     // rows received in 2024/25 and 2025/26
		onTime     [2]float64 // share answered within target
		target     int        // working days (a SAR's is a month, about 20)
		outcome    bool       // complaint rows carry an outcome
	}
	kinds := []kind{
		{"Complaint", "Stage 1", [2]int{820, 760}, [2]float64{0.78, 0.84}, 10, true},
		{"Complaint", "Stage 2", [2]int{130, 110}, [2]float64{0.70, 0.76}, 20, true},
		{"Complaint", "Ombudsman", [2]int{31, 27}, [2]float64{0.80, 0.90}, 20, true},
		{"FOI", "", [2]int{1180, 1240}, [2]float64{0.89, 0.93}, 20, false},
		{"FOI", "Internal review", [2]int{42, 38}, [2]float64{0.80, 0.87}, 20, false},
		{"EIR", "", [2]int{160, 175}, [2]float64{0.91, 0.96}, 20, false},
		{"EIR", "Internal review", [2]int{9, 11}, [2]float64{0.80, 0.90}, 20, false},
		{"SAR", "", [2]int{210, 236}, [2]float64{0.74, 0.82}, 20, false},
		{"Member enquiry", "", [2]int{1450, 1390}, [2]float64{0.81, 0.86}, 10, false},
		{"MP enquiry", "", [2]int{310, 295}, [2]float64{0.84, 0.88}, 10, false},
	}
	outcomes := []string{"Upheld", "Partially upheld", "Not upheld", "Not upheld", "Withdrawn"}
	last := workdays.Date(2026, 3, 31)
	type row struct {
		received workdays.Day
		line     string
	}
	var rows []row
	n := 0
	for _, k := range kinds {
		for yi, count := range k.perYear {
			start := workdays.Date(2024+yi, 4, 1)
			days := int(workdays.Date(2025+yi, 3, 31)-start) + 1
			for range count {
				n++
				received := start + workdays.Day(rng.IntN(days))
				for !cal.Working(received) {
					received++
				}
				if received > last {
					received = last
				}
				// On time: within target; late: up to three weeks over.
				wd := 1 + rng.IntN(k.target)
				if rng.Float64() >= k.onTime[yi] {
					wd = k.target + 1 + rng.IntN(15)
				}
				if k.typ == "SAR" && wd <= k.target {
					wd = min(wd, 19) // inside a calendar month however it falls
				}
				responded := cal.Add(received, wd)
				resp, outcome := responded.String(), ""
				if responded > last && rng.IntN(3) > 0 {
					resp = "" // still open at the end of the data
				}
				if k.outcome && resp != "" {
					outcome = outcomes[rng.IntN(len(outcomes))]
				}
				typ := k.typ
				if typ == "Complaint" && rng.IntN(4) == 0 {
					typ = "" // a blank Type is a complaint
				}
				svc := services[rng.IntN(len(services))]
				if k.typ == "SAR" && rng.IntN(2) == 0 {
					svc = "Legal and Democratic Services"
				}
				rows = append(rows, row{received, fmt.Sprintf("KC-%05d,%s,%s,%s,%s,%s,,%s\n", n, typ, k.stage, quoteCSV(svc), received, resp, outcome)})
			}
		}
	}
	// In date order, as an export lists them.
	sort.SliceStable(rows, func(i, j int) bool { return rows[i].received < rows[j].received })
	var b bytes.Buffer
	b.WriteString("Reference,Type,Stage,Service,Received,Responded,Due,Outcome\n")
	for _, r := range rows {
		b.WriteString(r.line)
	}
	return b.Bytes()
}

func quoteCSV(s string) string {
	for _, c := range s {
		if c == ',' || c == '"' {
			return fmt.Sprintf("%q", s)
		}
	}
	return s
}
