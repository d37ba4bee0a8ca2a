package yamlx

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

type inner struct {
	Heading string   `yaml:"heading,required"`
	Tags    []string `yaml:"tags"`
}

type sample struct {
	Council string            `yaml:"council,required"`
	Purpose Text              `yaml:"purpose"`
	Date    time.Time         `yaml:"meeting_date"`
	Key     bool              `yaml:"key_decision"`
	Paras   []int             `yaml:"exempt_paragraphs"`
	Ratio   float64           `yaml:"ratio"`
	Opt     *inner            `yaml:"opt"`
	Items   []inner           `yaml:"sections"`
	Columns map[string]string `yaml:"columns"`
}

func TestDecodeValuesAndPositions(t *testing.T) {
	src := `council: Kingsbridge
purpose: |
  First line
  second line
meeting_date: 2026-12-14
key_decision: No
exempt_paragraphs: [1, 3]
ratio: 0.5
opt: {heading: Hi}
sections:
  - heading: One
    tags: [a, b]
columns: {Reference: Case Ref}
`
	var s sample
	pos, errs := Decode("r.yaml", []byte(src), &s)
	if len(errs) != 0 {
		t.Fatalf("unexpected errors: %v", errs)
	}
	if s.Council != "Kingsbridge" || s.Purpose.S != "First line\nsecond line\n" || s.Key || s.Ratio != 0.5 {
		t.Fatalf("decoded wrongly: %+v", s)
	}
	if s.Purpose.Pos.Line != 3 || !s.Purpose.Literal {
		t.Errorf("block scalar content should start on line 3, got %+v", s.Purpose.Pos)
	}
	if !s.Date.Equal(time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("date = %v", s.Date)
	}
	if len(s.Paras) != 2 || s.Paras[1] != 3 || s.Opt == nil || s.Opt.Heading != "Hi" || s.Columns["Reference"] != "Case Ref" {
		t.Errorf("decoded wrongly: %+v", s)
	}
	if p := pos["sections[0].tags[1]"]; p != (Pos{12, 15}) {
		t.Errorf("position of sections[0].tags[1] = %+v", p)
	}
	if p := pos.At("sections[0].tags[7]"); p != (Pos{12, 11}) {
		t.Errorf("At should fall back to the nearest ancestor, got %+v", p)
	}
}

func TestDecodeErrors(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"typo suggests", "council: A\npurpsoe: x\n", []string{"r.yaml:2:1: purpsoe: unknown key; did you mean purpose?"}},
		{"swap suggests", "council: A\nmeeitng_date: 2026-01-01\n", []string{"did you mean meeting_date?"}},
		{"far typo lists keys", "council: A\nzzzzzzzzzz: 1\n", []string{"known keys: council, purpose"}},
		{"list expected", "council: A\nsections: hello\n", []string{`r.yaml:2:11: sections: expected a list, found "hello"`}},
		{"text expected", "council: [a, b]\n", []string{"r.yaml:1:10: council: expected text, found a list"}},
		{"bad date", "council: A\nmeeting_date: 31/02/2026\n", []string{`meeting_date: "31/02/2026" is not a date`}},
		{"impossible date", "council: A\nmeeting_date: 2026-02-30\n", []string{`"2026-02-30" is not a date`}},
		{"bad bool", "council: A\nkey_decision: maybe\n", []string{`expected true or false, found "maybe"`}},
		{"bad int", "council: A\nexempt_paragraphs: [one]\n", []string{`r.yaml:2:21: exempt_paragraphs[0]: expected a whole number, found "one"`}},
		{"required missing", "purpose: x\n", []string{"r.yaml:1:1: council: required, but missing"}},
		{"required empty", "council: \"\"\n", []string{"r.yaml:1:1: council: required, but empty"}},
		{"nested required", "council: A\nsections:\n  - tags: [a]\n", []string{"r.yaml:3:5: sections[0].heading: required, but missing"}},
		{"duplicate", "council: A\ncouncil: B\n", []string{"r.yaml:2:1: council: duplicate key; first given on line 1"}},
		{"empty", "  \n", []string{"r.yaml: file is empty"}},
		{"not a mapping", "- a\n- b\n", []string{"expected a mapping of keys such as council, purpose, meeting_date, found a list"}},
		{"syntax", "council: A\n  bad: [\n", []string{"r.yaml:"}},
		{"unclosed list at the end", "council: A\npurpose: x\nsections: [1,\n", []string{"r.yaml:3: invalid YAML: did not find expected node content"}},
		{"unclosed list", "council: A\npurpose: x\nsections: [1,\nopt: 4\n", []string{"r.yaml:3: invalid YAML: did not find expected ',' or ']'"}},
		{"stray list item", "council: A\npurpose: x\n- c\n", []string{"r.yaml:3: invalid YAML: did not find expected key"}},
		{"bad indent", "opt:\n  heading: 1\n tags: 2\n", []string{"r.yaml:3: invalid YAML: did not find expected key"}},
		{"colon in a value", "council: A\ntitle: Complaints: April to September\n", []string{`r.yaml:2:18: invalid YAML: a colon followed by a space inside a value reads as a new key; put the value in quotes: title: "Complaints: April to September"`}},
		{"colon in a list item", "council: A\nitems:\n  - title: Note: the report\n", []string{`r.yaml:3:16: invalid YAML: a colon followed by a space inside a value reads as a new key; put the value in quotes: - title: "Note: the report"`}},
		{"tab indent", "council: A\nsections:\n\t- heading: x\n", []string{"r.yaml:3:1: invalid YAML: the line is indented with a tab; indent with spaces"}},
		{"two documents", "council: A\n---\ncouncil: B\n", []string{"a second YAML document"}},
		{"merge key", "council: A\nopt:\n  <<: {heading: x}\n", []string{"merge keys (<<) are not supported"}},
		{"many errors reported", "council: A\npurpsoe: x\nkey_decision: maybe\n", []string{"purpsoe", "key_decision"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sample
			_, errs := Decode("r.yaml", []byte(tt.src), &s)
			if !errs.HasErrors() {
				t.Fatalf("expected errors, got none")
			}
			got := errs.Error()
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("errors %q do not contain %q", got, w)
				}
			}
		})
	}
}

// TestLargeDocumentWithoutAliases: the value limit applies to every
// document, and a large table without aliases is not blamed on them.
func TestLargeDocumentWithoutAliases(t *testing.T) {
	var b strings.Builder
	b.WriteString("rows:\n")
	for i := range 66000 {
		fmt.Fprintf(&b, "  - [C%d, Housing, \"3\"]\n", i)
	}
	var s struct {
		Rows [][]string `yaml:"rows"`
	}
	_, errs := Decode("table.yaml", []byte(b.String()), &s)
	if len(errs) != 1 {
		t.Fatalf("want one error, got %d:\n%v", len(errs), errs)
	}
	want := "table.yaml:50001:14: rows[49999][1]: the document has more than 200,000 values, the most paper reads from one file; put a table this large in an appendix"
	if got := errs.Error(); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestAliasBombFailsFast(t *testing.T) {
	src := `a: &a ["x","x","x","x","x","x","x","x","x"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
`
	var s struct {
		A []string                 `yaml:"a"`
		B [][]string               `yaml:"b"`
		C [][][]string             `yaml:"c"`
		D [][][][]string           `yaml:"d"`
		E [][][][][]string         `yaml:"e"`
		F [][][][][][]string       `yaml:"f"`
		G [][][][][][][]string     `yaml:"g"`
		H [][][][][][][][]string   `yaml:"h"`
		I [][][][][][][][][]string `yaml:"i"`
	}
	start := time.Now()
	_, errs := Decode("bomb.yaml", []byte(src), &s)
	if !strings.Contains(errs.Error(), "the document has more than 200,000 values, counting each use of an alias again") {
		t.Fatalf("alias bomb not stopped: %v", errs)
	}
	if len(errs) != 1 {
		t.Errorf("want one error, got %d:\n%v", len(errs), errs)
	}
	// Not a timing test: a guard against expanding 9^9 values, which takes
	// minutes; the bound stops at MaxNodes in milliseconds.
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("alias bomb took %v", d)
	}
}

func TestErrorsAreCapped(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("council: A\n")
	for i := 0; i < 500; i++ {
		fmt.Fprintf(&sb, "unknown%d: x\n", i)
	}
	var s sample
	_, errs := Decode("r.yaml", []byte(sb.String()), &s)
	if len(errs) != MaxErrors+1 {
		t.Fatalf("got %d errors, want %d and a note", len(errs), MaxErrors)
	}
	if last := errs[len(errs)-1].String(); last != "r.yaml:52:1: too many problems; stopped after the first 50" {
		t.Errorf("last error %q", last)
	}
}

func TestNotText(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"binary", "council: A\n\x00\x01\x02\xff", "r.yaml: not a text file (it holds binary data); a definition is UTF-8 text written in an editor"},
		{"latin-1", "council: Caf\xe9\n", "r.yaml:1:13: byte 0xE9 is not UTF-8; save the file as UTF-8 text"},
		{"utf-16", "\xff\xfec\x00o\x00", "r.yaml:1:1: the file is saved as UTF-16; save it as UTF-8 text"},
		{"control character", "council: A\npurpose: bell\x07here\n", "r.yaml:2:14: control character U+0007 is not allowed"},
		{"C1 control character", "council: A\npurpose: x\u0085\n", "r.yaml:2:11: control character U+0085 is not allowed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s sample
			_, errs := Decode("r.yaml", []byte(tt.src), &s)
			if len(errs) != 1 || !strings.HasPrefix(errs[0].String(), tt.want) {
				t.Errorf("got %v, want %q", errs, tt.want)
			}
		})
	}
	// A UTF-8 byte order mark, tabs and Windows line endings are text.
	var s sample
	if _, errs := Decode("r.yaml", []byte("\xEF\xBB\xBFcouncil: \"A\tB\"\r\npurpose: x\r\n"), &s); errs.HasErrors() {
		t.Errorf("BOM, tab and CRLF rejected: %v", errs)
	}
}

func TestNoFollowOnRequiredError(t *testing.T) {
	var s sample
	_, errs := Decode("r.yaml", []byte("council: [a]\npurpose: x\n"), &s)
	if len(errs) != 1 {
		t.Errorf("a wrong type should be one problem, not also 'required, but empty': %v", errs)
	}
	_, errs = Decode("r.yaml", []byte("councl: A\npurpose: x\n"), &s)
	if len(errs) != 1 || errs[0].String() != "r.yaml:1:1: councl: unknown key; did you mean council?" {
		t.Errorf("a misspelt required key should be one problem, not also 'required, but missing': %v", errs)
	}
}

func TestSuggest(t *testing.T) {
	known := []string{"purpose", "recommendations", "council", "committee"}
	for in, want := range map[string]string{"purpsoe": "purpose", "recomendations": "recommendations", "Council": "council", "comittee": "committee", "xyz": ""} {
		if got := Suggest(in, known); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}
