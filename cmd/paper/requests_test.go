package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// requestsLog has a complaint, and FOI requests and a SAR whose
// timeliness is counted by hand below.
//
//   - F1: received Fri 20 Dec 2024, answered Tue 21 January 2025: 19
//     working days (25, 26 December and 1 January are bank holidays), on
//     time.
//   - F2: received Mon 3 March 2025, answered Tue 1 April 2025 (21
//     working days): late; in 2024/25 by its received date.
//   - S1: a SAR received Fri 31 January 2025: due Fri 28 February,
//     answered then: on time.
const requestsLog = "Reference,Type,Stage,Service,Received,Responded,Due,Outcome\n" +
	"C1,Complaint,1,Housing,2024-06-03,2024-06-04,,Upheld\n" +
	"F1,FOI,,Legal,2024-12-20,2025-01-21,,Information provided\n" +
	"F2,Freedom of Information,,Legal,2025-03-03,2025-04-01,,\n" +
	"S1,SAR,,Legal,2025-01-31,2025-02-28,,\n"

func TestMetricsRequests(t *testing.T) {
	writeFiles(t, map[string]string{"log.csv": requestsLog})
	code, stdout, stderr := runCLI(t, "metrics", "log.csv", "--json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var doc struct {
		Years    map[string]map[string]struct{ Received int } `json:"years"`
		Services map[string]any                               `json:"services"`
		Requests map[string]map[string]struct {
			Received   int      `json:"received"`
			OnTime     int      `json:"on_time"`
			OnTimeRate *float64 `json:"on_time_rate"`
			Band       *string  `json:"band"`
		} `json:"requests"`
	}
	if err := json.Unmarshal([]byte(stdout), &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Years["2024/25"]["stage1"].Received; got != 1 {
		t.Errorf("complaints at stage 1: %d, want 1", got)
	}
	if got := keys(doc.Services); !slices.Equal(got, []string{"Housing"}) {
		t.Errorf("complaint services %q, want only Housing", got)
	}
	foi := doc.Requests["foi"]["2024/25"]
	if foi.Received != 2 || foi.OnTime != 1 || foi.Band == nil || *foi.Band != "unsatisfactory" {
		t.Errorf("FOI 2024/25: %+v", foi)
	}
	if sar := doc.Requests["sar"]["2024/25"]; sar.OnTime != 1 || sar.Band != nil {
		t.Errorf("SAR 2024/25: %+v", sar)
	}
	if got := keys(doc.Requests); !slices.Equal(got, []string{"eir", "eir_review", "foi", "foi_review", "member_enquiry", "mp_enquiry", "sar"}) {
		t.Errorf("request types %q", got)
	}
	// A target of 21 working days puts F2 on time.
	_, stdout, _ = runCLI(t, "metrics", "log.csv", "--json", "--target", "foi=21")
	if !strings.Contains(stdout, `"on_time": 2`) {
		t.Errorf("--target foi=21 did not put both FOIs on time:\n%s", stdout)
	}
	code, _, stderr = runCLI(t, "metrics", "log.csv", "--target", "sar=2x")
	if code != exitUsage || !strings.Contains(stderr, `--target "sar=2x": write STAGE=DAYS`) {
		t.Errorf("exit %d: %s", code, stderr)
	}
	code, _, stderr = runCLI(t, "metrics", "log.csv", "--target", "sar=4")
	if code != exitUsage || !strings.Contains(stderr, "a SAR's target is in calendar months, from 1 to 3") {
		t.Errorf("exit %d: %s", code, stderr)
	}

	code, stdout, stderr = runCLI(t, "metrics", "log.csv")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var lines []string
	for _, l := range strings.Split(stdout, "\n") {
		lines = append(lines, strings.Join(strings.Fields(l), " "))
	}
	for _, want := range []string{
		"Information requests and enquiries",
		"2024/25 FOI FOI review EIR EIR review SAR Member enq. MP enq.",
		"received 2 0 0 0 1 0 0",
		"on time rate 50.0% - - - 100.0% - -",
		"band unsatisfactory -",
		"mean working days 20.0 - - - 20.0 - -",
		"Requests and enquiries, service: Legal",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in\n%s", want, stdout)
		}
	}
}

// TestInformationGovernanceTemplate scaffolds the information governance
// template and builds it in every format: its sample log's requests,
// bands and enquiries reach the paper.
func TestInformationGovernanceTemplate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ig")
	if code, _, stderr := runCLI(t, "new", "information-governance-annual-report", dir); code != exitOK {
		t.Fatalf("new: exit %d: %s", code, stderr)
	}
	def := filepath.Join(dir, "report.yaml")
	if code, stdout, stderr := runCLI(t, "check", def); code != exitOK || stderr != "" || stdout != def+": OK\n" {
		t.Fatalf("check: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	out := filepath.Join(dir, "out")
	if code, _, stderr := runCLI(t, "build", def, "-o", out, "--format", "pdf,docx,html"); code != exitOK || stderr != "" {
		t.Fatalf("build: exit %d, stderr %q", code, stderr)
	}
	for _, f := range []string{"report.pdf", "report.docx"} {
		if st, err := os.Stat(filepath.Join(out, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", f, err)
		}
	}
	html, err := os.ReadFile(filepath.Join(out, "report.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Freedom of Information requests", "Subject access requests", "Member enquiries", "MP enquiries",
		"FOI internal reviews", "EIR internal reviews", "Unsatisfactory", "Adequate",
		"timeliness was <strong>adequate</strong>, against unsatisfactory the year before",
	} {
		if !strings.Contains(string(html), want) {
			t.Errorf("the HTML paper lacks %q", want)
		}
	}
}
