package diag

import (
	"fmt"
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	long := strings.Repeat("Reference,Stage,", 50000)
	tests := []struct{ in, want string }{
		{"", `""`},
		{"31/02/2021", `"31/02/2021"`},
		{"tab\there", `"tab\there"`},
		{strings.Repeat("x", 60), `"` + strings.Repeat("x", 60) + `"`},
		{strings.Repeat("x", 61), `"` + strings.Repeat("x", 60) + `…"`},
		{strings.Repeat("é", 70), `"` + strings.Repeat("é", 60) + `…"`},
		{long, `"Reference,Stage,Reference,Stage,Reference,Stage,Reference,St…"`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%.20q…) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func ExampleQuote() {
	fmt.Println(Quote("Reference,Stage,Service,Received,Responded,Due,Outcome KCC-2018-00001,Stage 1"))
	// Output: "Reference,Stage,Service,Received,Responded,Due,Outcome KCC-2…"
}
