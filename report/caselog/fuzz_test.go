package caselog

import (
	"testing"
)

// FuzzReadCSV checks that no input panics either reader and that the fast
// parser, split into small chunks, agrees with encoding/csv on rows,
// services and diagnostics.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"Reference,Stage,Service,Received,Responded,Due,Outcome\nC1,1,Housing,2021-02-28,2021-03-01,,Upheld\n",
		"\uFEFFReference,Stage,Service,Received\r\nC1,Stage 2,\"A, B\",28/02/2021\r\n\r\nC2,LGSCO,\"x\r\ny\",1/3/2021\r\n",
		"Reference,Stage,Service,Received\nC1,1,\"a\"\"b\",2021-02-28\nC2,2,b,2021-02-29\n",
		"Reference,Stage,Service,Received\nC1,1,5\" screen,2021-02-28\n",
		"Reference,Stage,Service,Received\nC1,1,\"open,2021-02-28\n",
		"Reference,Stage,Service,Received\nC1,1,\"a\"x,2021-02-28\n",
		"Reference,Stage,Service,Received\r",
		"a\n\"\n\"\n",
		"Reference,Stage,Service,Received,Responded\nC1,ombudsman,S,2021-02-28,2021-02-27\n,,,\nC2,1,S,2021-02-28,,,,extra\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		both(t, string(data), Options{})
	})
}
