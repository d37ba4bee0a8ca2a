package pdfcontent

import (
	"bytes"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, in string
		want     string // the operators, each as OPERATOR(operands)
	}{
		{"text", "BT /F1 12 Tf 72 700 Td (Hello) Tj ET", "BT() Tf(/F1 12) Td(72 700) Tj((Hello)) ET()"},
		{"comments dropped", "q % a comment (not text)\n1 0 0 1 0 0 cm Q", "q() cm(1 0 0 1 0 0) Q()"},
		{"escapes", `(a\(b\)c\\d\101\n) Tj`, `Tj((a\(b\)c\\dA\012))`},
		{"nested parens", "(a(b)c) Tj", "Tj((a\\(b\\)c))"},
		{"hex", "<48 65 6C6c 6> Tj", "Tj(<48656C6C60>)"},
		{"TJ array", "[(A) -120 (B)] TJ", "TJ([(A) -120 (B)])"},
		{"marked content", "/OC /L1 BDC /Span <</ActualText (x) /MCID 3>> BDC EMC EMC", "BDC(/OC /L1) BDC(/Span <</ActualText (x) /MCID 3>>) EMC() EMC()"},
		{"name escapes", "/A#20B gs", "gs(/A#20B)"},
		{"numbers", "+1 -.5 3. --2 d0", "d0(1 -0.5 3 -2)"},
		{"keywords", "true false null sh", "sh(true false null)"},
		{"delimiters end tokens", "0 0 m/F1 12 Tf(x)Tj[1]TJ", "m(0 0) Tf(/F1 12) Tj((x)) TJ([1])"},
		{"trailing operands dropped", "q Q 1 2", "q() Q()"},
		{"inline image", "BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff EI Q", "BI(/W 2 /H 1 /BPC 8 /CS /G|\x00\xff) Q()"},
		{"inline image holding EI", "BI /W 4 /H 1 /L 4 ID EI E EI q", "BI(/W 4 /H 1 /L 4|EI E) q()"},
		{"dict in array", "[<</A [1 2]>>] x", "x([<</A [1 2]>>])"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ops, err := Parse([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if got := show(ops); got != tt.want {
				t.Errorf("Parse(%q)\n got %s\nwant %s", tt.in, got, tt.want)
			}
		})
	}
}

// show writes ops compactly for comparison.
func show(ops []Op) string {
	var parts []string
	for _, op := range ops {
		var vs []string
		for _, v := range op.Operands {
			vs = append(vs, string(AppendValue(nil, v)))
		}
		s := strings.Join(vs, " ")
		if op.Operator == "BI" {
			s += "|" + string(op.Data)
		}
		parts = append(parts, op.Operator+"("+s+")")
	}
	return strings.Join(parts, " ")
}

func TestParseErrors(t *testing.T) {
	tests := []struct{ in, msg string }{
		{"(abc Tj", "byte 0: string not closed with )"},
		{"q [1 2", "byte 2: array not closed with ]"},
		{"<</A 1", "dictionary not closed with >>"},
		{"<</A>> x", "dictionary has a key without a value"},
		{"<<1 2>> x", "dictionary key is not a name"},
		{"1 ] x", "byte 2: ] without ["},
		{"<4g> Tj", "byte 2: 'g' in a hex string"},
		{"[1 q] x", "operator \"q\" inside an array"},
		{"1.2.3 w", "\"1.2.3\" is not a number"},
		{"BI /W 1 ID \x00\x00", "inline image not ended by EI"},
		{"BI /W 1", "inline image without ID"},
		{"BI /L 9 ID ab EI", "inline image data runs past the end"},
		{strings.Repeat("[", MaxDepth+2), "nested deeper than 32"},
	}
	for _, tt := range tests {
		ops, err := Parse([]byte(tt.in))
		if err == nil || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("Parse(%q) = %v, want an error containing %q", tt.in, err, tt.msg)
		}
		if tt.in == "q [1 2" && (len(ops) != 1 || ops[0].Operator != "q") {
			t.Errorf("Parse(%q) returned %s, want the q read before the error", tt.in, show(ops))
		}
	}
}

func TestRoundTrip(t *testing.T) {
	in := "q 0.5 0 0 0.5 10 20 cm /Im1 Do Q BT /F1 9.75 Tf [(W\\)) 12.5 <00ff>] TJ ET " +
		"/P <</MCID 0 /Alt (\\351t\\351)>> BDC EMC BI /W 1 /H 1 /CS /RGB /BPC 8 ID abc EI /Na#2fme cs"
	ops, err := Parse([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	out := Append(nil, ops)
	again, err := Parse(out)
	if err != nil {
		t.Fatalf("Parse(Append(ops)): %v\n%s", err, out)
	}
	for i := range again {
		again[i].Offset = ops[i].Offset
	}
	if !reflect.DeepEqual(ops, again) {
		t.Errorf("round trip changed the operators:\n%s\n%s", show(ops), show(again))
	}
}

// FuzzParse checks that Parse never panics and that what Append writes
// parses back to the same operators.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"BT /F1 12 Tf 72 700 Td (Hello) Tj ET",
		"/OC /L1 BDC q 1 0 0 1 0 0 cm /X Do Q EMC",
		"[(A) -120 <0041>] TJ",
		"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff EI",
		"<</A [1 (x) <</B null>>]>> DP",
		"(\\\r\n\\101\r) Tj % c",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ops, err := Parse(data)
		if err != nil {
			return
		}
		out := Append(nil, ops)
		again, err := Parse(out)
		if err != nil {
			t.Fatalf("Append wrote what Parse cannot read: %v\n%q", err, out)
		}
		if len(again) != len(ops) {
			t.Fatalf("round trip: %d operators, then %d\n%q", len(ops), len(again), out)
		}
		for i := range ops {
			if !bytes.Equal(Append(nil, ops[i:i+1]), Append(nil, again[i:i+1])) {
				t.Fatalf("round trip changed operator %d: %q became %q", i, Append(nil, ops[i:i+1]), Append(nil, again[i:i+1]))
			}
		}
	})
}

func ExampleParse() {
	ops, err := Parse([]byte("q /OC /Draft BDC BT /F1 48 Tf (DRAFT) Tj ET EMC Q"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, op := range ops {
		if name, ok := op.NameOperand(0); ok && op.Operator == "Tf" {
			fmt.Println("font", name)
		}
	}
	fmt.Printf("%s", Append(nil, ops))
	// Output:
	// font F1
	// q
	// /OC /Draft BDC
	// BT
	// /F1 48 Tf
	// (DRAFT) Tj
	// ET
	// EMC
	// Q
}
