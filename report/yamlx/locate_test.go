package yamlx

import (
	"strings"
	"testing"
)

// TestLocate decodes a value in each scalar style and finds where the
// "{{" of its template is, against positions counted in the source.
func TestLocate(t *testing.T) {
	for _, c := range []struct {
		name, src  string
		line, col  int // of the "{{ bad }}" in src
		occurrence int // which "{{" of the value, from 0
	}{
		{"plain", "text: See {{ bad }}.\n", 1, 11, 0},
		{"plain over lines", "text: See the\n  figure {{ good }} and\n  then {{ bad }}.\n", 3, 8, 1},
		{"double quoted", "text: \"A \\\"quote\\\" then {{ bad }}\"\n", 1, 25, 0},
		{"single quoted", "text: 'It''s {{ bad }}'\n", 1, 14, 0},
		{"literal", "text: |\n  First line.\n    Indented {{ good }}\n  Cite {{ bad }} here.\n", 4, 8, 1},
		{"folded", "text: >-\n  First line\n  and more {{ good }}.\n\n  New {{ bad }} paragraph.\n", 5, 7, 1},
		{"nested block", "sections:\n  - blocks:\n      - text: |\n          A\n          Ünïcode {{ bad }}\n", 5, 19, 0},
		{"byte order mark", "\uFEFFtext: é {{ bad }}\n", 1, 9, 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var v struct {
				Text     Text `yaml:"text"`
				Sections []struct {
					Blocks []struct {
						Text Text `yaml:"text"`
					} `yaml:"blocks"`
				} `yaml:"sections"`
			}
			if _, errs := Decode("r.yaml", []byte(c.src), &v); errs.HasErrors() {
				t.Fatal(errs)
			}
			text := v.Text
			if len(v.Sections) > 0 {
				text = v.Sections[0].Blocks[0].Text
			}
			off := -1
			for i := 0; i <= c.occurrence; i++ {
				off += 1 + strings.Index(text.S[off+1:], "{{")
			}
			line, col, ok := Locate([]byte(c.src), text, off)
			if !ok || line != c.line || col != c.col {
				t.Errorf("%q at %d: %d:%d %v, want %d:%d", text.S, off, line, col, ok, c.line, c.col)
			}
			// A space before it stands for it.
			if line2, col2, _ := Locate([]byte(c.src), text, off-1); line2 != line || col2 != col {
				t.Errorf("the space before: %d:%d", line2, col2)
			}
		})
	}
	if _, _, ok := Locate([]byte("text: x\n"), Text{S: "y", Pos: Pos{1, 7}}, 0); ok {
		t.Error("found a character that is not there")
	}
}

// FuzzLocate decodes a text value and locates each of its characters:
// what Locate finds in the source must be the same character.
func FuzzLocate(f *testing.F) {
	for _, s := range []string{
		"text: See {{ bad }}.\n",
		"text: |\n  First line.\n    Indented {{ good }}\n",
		"text: >-\n  First line\n  and more.\n\n  New paragraph.\n",
		"text: \"A \\\"quote\\\" \\u00e9 then\\n {{ bad }}\"\n",
		"text: 'It''s {{ bad }}'\n",
		"text: |2\n    two more\n  {{ x }}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var v struct {
			Text Text `yaml:"text"`
		}
		if _, errs := Decode("r.yaml", src, &v); errs.HasErrors() || len(v.Text.S) > 2000 {
			return
		}
		lines := strings.Split(strings.TrimPrefix(string(src), "\uFEFF"), "\n")
		for off, r := range v.Text.S {
			if r == ' ' || r == '\t' || r == '\n' || r == '\r' {
				continue
			}
			line, col, ok := Locate(src, v.Text, off)
			if !ok {
				continue
			}
			got := []rune(lines[line-1])
			if col-1 >= len(got) || got[col-1] != r {
				t.Fatalf("%q: offset %d (%q) located at %d:%d, which is not it", src, off, r, line, col)
			}
		}
	})
}
