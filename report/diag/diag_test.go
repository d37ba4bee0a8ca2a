package diag

import (
	"errors"
	"fmt"
	"testing"
)

func TestString(t *testing.T) {
	tests := []struct {
		d    Diagnostic
		want string
	}{
		{Diagnostic{File: "report.yaml", Line: 14, Col: 3, Field: "recommendations", Msg: "expected a list"}, "report.yaml:14:3: recommendations: expected a list"},
		{Diagnostic{File: "complaints.csv", Line: 4, Field: "Received", Msg: `"31/02/2021" is not a date`}, `complaints.csv:4: Received: "31/02/2021" is not a date`},
		{Diagnostic{File: "report.yaml", Msg: "empty file"}, "report.yaml: empty file"},
		{Diagnostic{File: "r.yaml", Line: 2, Col: 1, Msg: "long", Severity: Warning}, "r.yaml:2:1: warning: long"},
		{Diagnostic{Msg: "bare"}, "bare"},
	}
	for _, tt := range tests {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestListErrAndAs(t *testing.T) {
	var l List
	l.Warnf("a.yaml", 3, 1, "", "only a warning")
	if l.Err() != nil {
		t.Fatal("warnings alone must not be an error")
	}
	l.Errorf("a.yaml", 1, 2, "title", "required")
	err := fmt.Errorf("loading: %w", l.Err())
	got := As(err)
	if len(got) != 2 || !got.HasErrors() || len(got.Warnings()) != 1 {
		t.Fatalf("As lost diagnostics: %v", got)
	}
	got.Sort()
	if got[0].Field != "title" {
		t.Fatalf("sort by line: got %v first", got[0])
	}
	if other := As(errors.New("disk full")); len(other) != 1 || other[0].Msg != "disk full" {
		t.Fatalf("plain error: %v", other)
	}
}
