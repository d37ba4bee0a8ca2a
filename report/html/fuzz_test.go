package html_test

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/paperhq/paper/report/doc/doctest"
	paperhtml "github.com/paperhq/paper/report/html"
)

// allowed is every element the writer writes: text in the tree, however
// hostile ("<script>", "</table>"), must never make another.
var allowed = map[string]bool{}

func init() {
	for _, e := range strings.Fields(`html head meta title style body a header main footer p div h1 h2 h3 h4 span
		ul ol li br strong em table caption colgroup col thead tbody tr th td figure figcaption details summary
		svg desc g path text clipPath`) {
		allowed[strings.ToLower(e)] = true
	}
}

// FuzzWrite writes trees built from fuzz bytes: Write either refuses the
// tree, writing nothing, or writes a page that parses to the elements
// the writer makes and nothing else, with one main and one h1 at most.
func FuzzWrite(f *testing.F) {
	for _, seed := range []string{
		"",
		"\x04title\x00\x00\x00\x04mark\x00\x00\x01\x00\x05\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x30\x05\x01\x01\x01\x311\x01x\x00",
		"\x08<script>\x00\x00\x00\x06</main\x00\x00\x01\x00\x05\x03\x0b\x04\x02\xff\xfe\x01\x03\x01\x02\x02",
		strings.Repeat("\x04\x03\x02\x01", 40),
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d := doctest.FromBytes(data)
		var buf bytes.Buffer
		if err := paperhtml.Write(&buf, d); err != nil {
			if buf.Len() != 0 {
				t.Fatalf("error %v after writing %d bytes", err, buf.Len())
			}
			return
		}
		root, err := html.Parse(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range all(root) {
			if !allowed[strings.ToLower(e.Data)] {
				t.Fatalf("the page has a <%s> element", e.Data)
			}
		}
		if n := len(byTag(root, "main")); n != 1 {
			t.Fatalf("%d main elements", n)
		}
		if n := len(byTag(root, "h1")); n > 1 {
			t.Fatalf("%d h1 elements", n)
		}
	})
}
