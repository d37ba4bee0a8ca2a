package fpdf

import (
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansregular"
)

// TestUTF8FontIDs checks the identifiers of UTF-8 fonts: one per
// family and style, different for different keys, the same in every
// document, and made of the 40 hexadecimal digits a PDF name takes.
func TestUTF8FontIDs(t *testing.T) {
	ids := func() map[string]string {
		f := New("P", "mm", "A4", "")
		f.AddUTF8FontFromBytes("sans", "", liberationsansregular.TTF)
		f.AddUTF8FontFromBytes("sans", "B", liberationsansbold.TTF)
		f.AddUTF8FontFromBytes("fallback", "", dejavusans.TTF)
		f.AddUTF8FontFromBytes("other", "", liberationsansregular.TTF)
		if f.Err() {
			t.Fatal(f.Error())
		}
		m := map[string]string{}
		for k, d := range f.fonts {
			m[k] = d.i
		}
		return m
	}
	first, second := ids(), ids()
	if len(first) != 4 {
		t.Fatalf("%d fonts, want 4", len(first))
	}
	seen := map[string]string{}
	for k, id := range first {
		if second[k] != id {
			t.Errorf("font %s: id %s in one document, %s in another", k, id, second[k])
		}
		if len(id) != 40 || strings.Trim(id, "0123456789abcdef") != "" {
			t.Errorf("font %s: id %q is not 40 hexadecimal digits", k, id)
		}
		if o, dup := seen[id]; dup {
			t.Errorf("fonts %s and %s share id %s", k, o, id)
		}
		seen[id] = k
	}
}
