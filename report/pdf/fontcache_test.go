package pdf

import (
	"bytes"
	"fmt"
	"sync"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
)

// TestFontCacheSameBytes checks that fonts copied from the cache give
// exactly the bytes of fonts registered afresh, for documents using the
// main font only and the fallback font too, and that the cache is in use
// (else it would silently fall back to the slow path).
func TestFontCacheSameBytes(t *testing.T) {
	docs := map[string]*doc.Document{
		"sample (with fallback font)": doctest.Sample(),
		"main font only": {Style: doc.DefaultStyle(), Page: doc.Page{Marking: "OFFICIAL"}, Blocks: []doc.Block{
			&doc.Heading{Level: 1, Text: "Heading"},
			&doc.Paragraph{Content: []doc.Inline{{Text: "Plain, "}, {Text: "bold", Bold: true}, {Text: " and ", Italic: true}, {Text: "both £1,250 – café", Bold: true, Italic: true}}},
		}},
		"every font": {Style: doc.DefaultStyle(), Page: doc.Page{Marking: "OFFICIAL"}, Blocks: []doc.Block{
			&doc.Paragraph{Content: []doc.Inline{{Text: "Plain ✓, "}, {Text: "bold ✓", Bold: true}, {Text: " and ", Italic: true}, {Text: "both", Bold: true, Italic: true}}},
		}},
		"house style fonts": doctest.StyledSample(doctest.SerifBody(), doctest.SerifHeadings()),
	}
	for name, d := range docs {
		fresh := writeWithCache(t, d, false)
		cached := writeWithCache(t, d, true)
		again := writeWithCache(t, d, true)
		if !bytes.Equal(fresh, cached) || !bytes.Equal(cached, again) {
			t.Errorf("%s: cached fonts change the output (%d, %d and %d bytes)", name, len(fresh), len(cached), len(again))
		}
	}
	for _, key := range []string{mainFamily, mainFamily + "B", mainFamily + "I", mainFamily + "BI", fallbackFamily, fallbackFamily + "B"} {
		protoMu.Lock()
		p := protoFonts[key]
		protoMu.Unlock()
		if p == nil || p.doc == nil {
			t.Errorf("font %q is not served from the cache", key)
		}
	}
}

func writeWithCache(t *testing.T, d *doc.Document, cache bool) []byte {
	t.Helper()
	defer func(off bool) { fontCacheOff = off }(fontCacheOff)
	fontCacheOff = !cache
	var buf bytes.Buffer
	if _, err := Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestFontCacheParallel writes different documents on several goroutines
// at once, as a pack does, and checks each equals the same document
// written alone. Run with -race to check the shared font data is only
// read.
func TestFontCacheParallel(t *testing.T) {
	var docs []*doc.Document
	for i := range 8 {
		d := doctest.Sample()
		if i >= 6 {
			// Two in a house style's fonts.
			d = doctest.StyledSample(doctest.SerifHeadings(), doctest.SerifBody())
		}
		d.Meta.Title = fmt.Sprintf("Paper %d", i)
		if i%2 == 1 {
			// Half of them without the fallback font's ✓.
			d.Blocks = d.Blocks[:len(d.Blocks)/2]
		}
		docs = append(docs, d)
	}
	got := make([][]byte, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	for i, d := range docs {
		wg.Go(func() {
			var buf bytes.Buffer
			_, errs[i] = Write(&buf, d)
			got[i] = buf.Bytes()
		})
	}
	wg.Wait()
	// Then alone, after the parallel writes (which were the fonts' first
	// use when this test runs by itself).
	want := make([][]byte, len(docs))
	for i, d := range docs {
		want[i] = writeWithCache(t, d, true)
	}
	for i := range docs {
		if errs[i] != nil {
			t.Fatal(errs[i])
		}
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("document %d written in parallel differs from the same written alone", i)
		}
	}
}
