package docx

import "testing"

// TestClean checks what clean keeps of text bound for XML, and that it
// keeps valid text, ASCII or not, without copying it.
func TestClean(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Complaints upheld", "Complaints upheld"},
		{"£1,250 – “remedies” 2020/21 ŵ 😀", "£1,250 – “remedies” 2020/21 ŵ 😀"},
		{"tab\there\nnew line\r\n", "tab\there\nnew line\r\n"},
		{"bell\x07 and nul\x00", "bell and nul"},
		{"del\x7f and C1 \u0085 gone", "del and C1  gone"},
		{"£ then \x01", "£ then "},
		{"bad \xff byte, lone surrogate \xed\xa0\x80, end", "bad  byte, lone surrogate , end"},
		{"not a character \uFFFE\uFFFF", "not a character "},
		{"truncated £\xc2", "truncated £"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	valid := "Stage 2 – 7.6% of stage 1 (£)"
	if n := testing.AllocsPerRun(100, func() { _ = clean(valid) }); n != 0 {
		t.Errorf("clean of valid text allocates %v times, want 0", n)
	}
}
