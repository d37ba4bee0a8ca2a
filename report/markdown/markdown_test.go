package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
)

func outline(bs []doc.Block) string {
	o := doc.Outline(&doc.Document{Blocks: bs})
	// Drop the meta and page lines.
	lines := strings.SplitN(o, "\n", 3)
	return lines[2]
}

func TestBlocks(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"paragraph", "Hello *world* and **bold** text.", `p "Hello _world_ and **bold** text."` + "\n"},
		{"soft break joins", "one\ntwo", `p "one two"` + "\n"},
		{"hard break", "one  \ntwo", `p "one\ntwo"` + "\n"},
		{"two paragraphs", "one\n\ntwo", "p \"one\"\np \"two\"\n"},
		{"bullets", "Intro:\n\n- a\n- b\n", "p \"Intro:\"\nlist bullets\n  item\n    p \"a\"\n  item\n    p \"b\"\n"},
		{"ordered start", "3. c\n4. d\n", "list ordered from 3\n  item\n    p \"c\"\n  item\n    p \"d\"\n"},
		{"nested", "- a\n  1. x\n", "list bullets\n  item\n    p \"a\"\n    list ordered from 1\n      item\n        p \"x\"\n"},
		{"link", "See [the Ombudsman](https://www.lgo.org.uk).", `p "See [the Ombudsman](https://www.lgo.org.uk)."` + "\n"},
		{"bare url", "Visit https://example.org now", `p "Visit [https://example.org](https://example.org) now"` + "\n"},
		{"email", "Write to complaints@kingsbridge.example.", `p "Write to [complaints@kingsbridge.example](mailto:complaints@kingsbridge.example)."` + "\n"},
		{"javascript link dropped", "[x](javascript:alert(1))", `p "x"` + "\n"},
		{"typography", `The council's "plan" -- in 2020--21...`, `p "The council’s “plan” – in 2020–21…"` + "\n"},
		{"escapes and entities", `5 \* 3 &amp; &pound;10`, `p "5 * 3 & £10"` + "\n"},
		{"heading flattened", "# Title\n\nBody", "p \"**Title**\"\np \"Body\"\n"},
		{"code kept", "Use `paper build` now", `p "Use paper build now"` + "\n"},
		{"raw html literal", "a <b>c</b>", `p "a <b>c</b>"` + "\n"},
		{"control chars removed", "a\x00b\x07c\r\nd", `p "abc d"` + "\n"},
		{"empty", "   ", ""},
		{"bold italic", "***both***", `p "_**both**_"` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := outline(Blocks(tt.src)); got != tt.want {
				t.Errorf("Blocks(%q) =\n%s\nwant\n%s", tt.src, got, tt.want)
			}
		})
	}
}

func TestInline(t *testing.T) {
	got := Inline("First\n\n- one\n- two")
	if s := doc.Text(got); s != "First\n• one\n• two" {
		t.Errorf("Inline = %q", s)
	}
	if got := Inline(""); got != nil {
		t.Errorf("Inline(\"\") = %v, want nil", got)
	}
}

func FuzzBlocks(f *testing.F) {
	for _, s := range []string{"a *b* **c**", "- x\n  - y", "[l](http://x)", "```\ncode\n```", "<div>x</div>", "1. a\n\n   b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		bs := Blocks(s)
		d := &doc.Document{Blocks: bs}
		if err := d.Check(); err != nil {
			t.Fatalf("invalid tree from %q: %v", s, err)
		}
		Inline(s)
	})
}

func ExampleBlocks() {
	for _, b := range Blocks("The council answered **69%** of enquiries on time:\n\n- up from 53%\n- and 34% before") {
		switch b := b.(type) {
		case *doc.Paragraph:
			fmt.Println("paragraph:", doc.Text(b.Content))
		case *doc.List:
			fmt.Println("list of", len(b.Items), "items")
		}
	}
	// Output:
	// paragraph: The council answered 69% of enquiries on time:
	// list of 2 items
}

// TestLinkWithinThePaper checks that a link to "#id" becomes a run
// citing id (Ref), not a web link, and that other links keep only safe
// addresses.
func TestLinkWithinThePaper(t *testing.T) {
	got := Inline("see [2.4](#para-2-4), [the site](https://example.org/) and [x](javascript:alert(1))")
	want := []doc.Inline{{Text: "see "}, {Text: "2.4", Ref: "para-2-4"}, {Text: ", "},
		{Text: "the site", Link: "https://example.org/"}, {Text: " and x"}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Inline = %+v\nwant %+v", got, want)
	}
}
