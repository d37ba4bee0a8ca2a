package caselog

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/diag"
)

// TestTooManyServices: a Service column with more than MaxServices values
// (here the reference column mapped as Service by mistake) is an error at
// its header, not a run that swamps memory; MaxServices itself is fine.
func TestTooManyServices(t *testing.T) {
	log := func(n int) string {
		var sb strings.Builder
		sb.WriteString("Case Reference,Stage,Team,Received\n")
		for i := range n {
			fmt.Fprintf(&sb, "KCC-%05d,1,Housing,2021-02-01\n", i)
		}
		return sb.String()
	}
	opt := Options{Columns: map[string]string{"Reference": "Team", "Service": "Case Reference"}}
	if l, err := both(t, log(MaxServices), opt); err != nil || len(l.Services) != MaxServices {
		t.Fatalf("%d services: %v", MaxServices, err)
	}
	_, err := both(t, log(MaxServices+1), opt)
	want := "complaints.csv:1: Case Reference: 1001 different services, more than the 1000 a case log may have: services are areas such as Housing or Planning; is this the right column?"
	if l := diag.As(err); len(l) != 1 || l[0].String() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
}
