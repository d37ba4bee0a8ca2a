package caselog

import (
	"strings"
	"testing"
)

func TestReadTypes(t *testing.T) {
	src := "Reference,Type,Stage,Service,Received,Responded,Outcome\n" +
		"C1,,1,Housing,2024-04-02,2024-04-10,Upheld\n" +
		"C2,Complaint,Stage 2,Housing,2024-04-02,,\n" +
		"F1,FOI,,Legal,2024-04-03,2024-04-20,Information provided\n" +
		"F2,freedom of information,Internal review,Legal,2024-04-03,,\n" +
		"E1,EIR,review,Planning,2024-04-03,,\n" +
		"S1,Subject access request,,Legal,2024-04-04,,\n" +
		"M1,Member enquiry,,Housing,2024-04-05,,\n" +
		"M2,MP ENQUIRY,,Housing,2024-04-05,,\n"
	log, err := both(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !log.HasType {
		t.Error("HasType is false")
	}
	want := []Type{Complaint, Complaint, FOI, FOIReview, EIRReview, SAR, MemberEnquiry, MPEnquiry}
	for i, r := range log.Rows {
		if r.Type != want[i] {
			t.Errorf("row %d: type %v, want %v", i, r.Type, want[i])
		}
	}
	if log.Rows[2].Outcome != None {
		t.Errorf("an FOI row's Outcome was read: %v", log.Rows[2].Outcome)
	}
	if log.Rows[0].Outcome != Upheld || log.Rows[1].Stage != Stage2 {
		t.Errorf("complaint rows read wrongly: %+v %+v", log.Rows[0], log.Rows[1])
	}
	if len(log.Warnings) != 0 {
		t.Errorf("warnings: %v", log.Warnings)
	}
}

// TestReadTypesWithComplaintColumns reads a log with a Type column beside
// the complaint columns Acknowledged and Category: a request's values in
// them are ignored, as its Outcome is, even when they would be wrong on a
// complaint, so they add no category and no acknowledgement warning.
func TestReadTypesWithComplaintColumns(t *testing.T) {
	src := "Reference,Type,Stage,Service,Received,Acknowledged,Category,Responded\n" +
		"C1,,1,Housing,2024-04-02,2024-04-03,Repairs,2024-04-10\n" +
		"C2,,1,Housing,2024-04-02,2024-04-04,Damp,\n" +
		"F1,FOI,,Legal,2024-04-03,not a date,Disclosure,2024-04-20\n" +
		"S1,SAR,,Legal,2024-04-04,2024-04-01,,\n" +
		"M1,Member enquiry,,Housing,2024-04-05,,,\n"
	log, err := both(t, src, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !log.HasType || !log.HasAcknowledged || !log.HasCategory {
		t.Errorf("HasType %v, HasAcknowledged %v, HasCategory %v", log.HasType, log.HasAcknowledged, log.HasCategory)
	}
	if want := []string{"Damp", "Repairs"}; strings.Join(log.Categories, "|") != strings.Join(want, "|") {
		t.Errorf("categories %q, want %q", log.Categories, want)
	}
	for _, r := range log.Rows[2:] {
		if r.Acknowledged != NoDate || r.Category != 0 {
			t.Errorf("line %d, a request: Acknowledged %v, Category %d read", r.Line, r.Acknowledged, r.Category)
		}
	}
	if log.Rows[0].Acknowledged == NoDate || log.Rows[0].Category == 0 {
		t.Errorf("a complaint's Acknowledged or Category was not read: %+v", log.Rows[0])
	}
	if len(log.Warnings) != 0 {
		t.Errorf("warnings: %v", log.Warnings)
	}
	// Counting deadlines from the acknowledgement, only the complaints
	// lacking one are counted in the warning: C2 has one, C1 too.
	log, err = both(t, src, Options{DeadlinesFromAcknowledged: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(log.Warnings) != 0 {
		t.Errorf("requests without an Acknowledged date were warned of: %v", log.Warnings)
	}
}

func TestReadTypesWithoutStage(t *testing.T) {
	src := "Reference,Type,Service,Received\nF1,FOI,Legal,2024-04-03\nC1,Complaint,Legal,2024-04-03\n"
	_, err := both(t, src, Options{})
	if err == nil || !strings.Contains(err.Error(), "complaints.csv:3: Stage: missing; use 1, Stage 1") {
		t.Fatalf("got %v, want the complaint row's missing stage", err)
	}
	if _, err := both(t, src[:strings.LastIndex(src[:len(src)-1], "\n")+1], Options{}); err != nil {
		t.Fatalf("a log of requests without a Stage column: %v", err)
	}
}

func TestReadTypeProblems(t *testing.T) {
	for _, tt := range []struct {
		name, rows, want string
	}{
		{"typo", "F1,FIO,,Legal,2024-04-03,,\n",
			`complaints.csv:2: Type: "FIO" is not a type (1 row, first at line 2); did you mean FOI?; use Complaint, FOI, EIR, SAR, Member enquiry or MP enquiry (blank is Complaint), or map them in the report's data: values: {Type: {FIO: foi}}`},
		{"several", "F1,Freedom of Info,,Legal,2024-04-03,,\nF2,Councillor query,,Legal,2024-04-03,,\n",
			`2 values are not types: "Freedom of Info" (1 row, first at line 2), "Councillor query" (1 row, first at line 3)`},
		{"stage on request", "F1,FOI,Stage 1,Legal,2024-04-03,,\n",
			`complaints.csv:2: Stage: "Stage 1" is a complaint's stage, and this row is an FOI request; leave Stage blank`},
		{"review of a SAR", "S1,SAR,Internal review,Legal,2024-04-03,,\n",
			`complaints.csv:2: Stage: "Internal review": only FOI and EIR requests have internal reviews counted, and this row is a subject access request (SAR)`},
		{"review on a complaint", "C1,,Internal review,Legal,2024-04-03,,\n",
			`complaints.csv:2: Stage: "Internal review" is the internal review of an FOI or EIR request, and this row is a complaint`},
		{"SAR due before received", "S1,SAR,,Legal,2024-04-03,,2024-04-01\n",
			`complaints.csv:2: Due: "2024-04-01" is before Received "2024-04-03"`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := "Reference,Type,Stage,Service,Received,Responded,Due\n" + tt.rows
			_, err := both(t, src, Options{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestTypeValues(t *testing.T) {
	v, probs := ParseValues(map[string]map[string]string{
		"type":  {"Freedom of Info": "foi", "Councillor query": "member_enquiry", "Misc": "ignore"},
		"Stage": {"IR": "internal_review"},
	})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	src := "Reference,Type,Stage,Service,Received\n" +
		"F1,freedom of  info,,Legal,2024-04-03\nF2,Freedom of Info,IR,Legal,2024-04-03\n" +
		"M1,Councillor query,,Legal,2024-04-03\nX1,Misc,,Legal,2024-04-03\n"
	log, err := both(t, src, Options{Values: v})
	if err != nil {
		t.Fatal(err)
	}
	got := []Type{}
	for _, r := range log.Rows {
		got = append(got, r.Type)
	}
	if len(got) != 3 || got[0] != FOI || got[1] != FOIReview || got[2] != MemberEnquiry {
		t.Errorf("types %v", got)
	}
	if len(log.Warnings) != 1 || !strings.Contains(log.Warnings[0].Msg, `1 row left out of the figures, as data.values says: "Misc" (1)`) {
		t.Errorf("warnings %v", log.Warnings)
	}
	_, probs = ParseValues(map[string]map[string]string{"Type": {"X": "freedom"}})
	if len(probs) != 1 || probs[0].Msg != `"freedom" is not a type; use complaint, foi, eir, sar, member_enquiry, mp_enquiry or ignore` {
		t.Errorf("problems %v", probs)
	}
}
