package caselog

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"
	"unicode/utf8"
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
		"Reference;Stage;Service;Received\nC1;1;\"a;b\";2021-02-28\nC2;2;b;2021-02-29\n",
		"sep=;\r\nReference;Stage;Service;Received\r\nC1;1;\"open;2021-02-28\r\n",
		"Reference\tStage\tService\tReceived\nC1\t1\t5\" screen\t2021-02-28\n",
		"Reference,Type,Stage,Service,Received,Responded,Due,Outcome\nF1,FOI,,Legal,2024-01-31,2024-02-29,,Refused\nF2,foi,Internal review,Legal,2024-02-01,,,\nS1,SAR,,Legal,2024-01-31,,2024-01-30,\nC1,,1,Housing,2024-02-01,,,\nM1,FIO,,Legal,2024-02-01,,,\n",
		"Reference,Type,Service,Received\nM1,Member enquiry,Housing,2024-12-24\nM2,MP ENQUIRY,Housing,2024-12-31\nC1,Complaint,Housing,2025-01-01\n",
		"Reference,Stage,Service,Received,Acknowledged,Responded,Outcome\nC1,1,Housing,02/04/2024,01/04/2024,,Refused\nC2,2,Housing,2024-04-02,45386,2024-04-30,refused\n",
		"Reference,Type,Stage,Service,Received,Acknowledged,Category,Outcome\nC1,,1,Housing,2024-04-02,2024-04-03,Repairs,Upheld\nF1,FOI,,Legal,2024-04-02,not a date,Repairs,Refused\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		both(t, string(data), Options{})
	})
}

// FuzzReadCSVEncodings reads its input as the report would with each
// data.encoding, both readers agreeing; and reads a UTF-8 input again as
// UTF-16 (as Excel's "Unicode Text" holds it), which must give the same
// rows and services, or the same problems at the same lines.
func FuzzReadCSVEncodings(f *testing.F) {
	for _, s := range []string{
		"Reference;Stage;Service;Received\r\nC1;1;\"Housing; Repairs\";28/02/2021\r\n",
		"sep=;\nReference;Stage;Service;Received\nC1;1;Housing;2021-02-28\n",
		"Reference\tStage\tService\tReceived\nC1\t1\t\"Parks\tGardens\"\t2021-02-28\n",
		"\xFF\xFER\x00e\x00f\x00\t\x00",
		"\xFE\xFF\x00R\x00e",
		"Reference,Stage;Service,Received\nC1,1,Housing,2021-02-28\n",
		"sep=|\nReference|Stage|Service|Received\nC1|1|𝐇ousing|2021-02-28\n",
	} {
		for enc := range uint8(4) {
			f.Add([]byte(s), enc)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, enc uint8) {
		e := ""
		if int(enc)%4 < len(Encodings) {
			e = Encodings[int(enc)%4]
		}
		both(t, string(data), Options{Encoding: e})
		if !utf8.Valid(data) || bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) || bytes.HasPrefix(data, bom) {
			return
		}
		l8, e8 := ReadCSV("complaints.tsv", data, Options{})
		l16, e16 := ReadCSV("complaints.tsv", []byte(utf16LE(string(data), true)), Options{Encoding: UTF16})
		if (l8 == nil) != (l16 == nil) || fmt.Sprint(e8) != fmt.Sprint(e16) {
			t.Fatalf("UTF-8 and UTF-16 readings of %q disagree:\n%v\n%v", data, e8, e16)
		}
		if l8 != nil && (!reflect.DeepEqual(l8.Rows, l16.Rows) || !reflect.DeepEqual(l8.Services, l16.Services)) {
			t.Fatalf("UTF-8 and UTF-16 readings of %q disagree:\n%+v\n%+v", data, l8, l16)
		}
	})
}
