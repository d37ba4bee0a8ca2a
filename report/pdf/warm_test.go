package pdf

import (
	"bytes"
	"sync"
	"testing"

	"github.com/paperhq/paper/report/doc/doctest"
)

// TestWarm checks that Warm fills the font cache with the four faces of
// the main family, and that a document written while it runs, on an
// empty cache, is byte for byte one written without the cache.
func TestWarm(t *testing.T) {
	protoMu.Lock()
	saved := protoFonts
	protoFonts = map[string]*protoFont{}
	protoMu.Unlock()
	defer func() {
		protoMu.Lock()
		protoFonts = saved
		protoMu.Unlock()
	}()
	d := doctest.Sample()
	fresh := writeWithCache(t, d, false)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		Warm()
	}()
	var buf bytes.Buffer
	if _, err := Write(&buf, d); err != nil { // fontCacheOff is false: the cache
		t.Fatal(err)
	}
	during := buf.Bytes()
	wg.Wait()
	after := writeWithCache(t, d, true)
	if !bytes.Equal(fresh, during) || !bytes.Equal(fresh, after) {
		t.Errorf("warming the cache changes the output (%d, %d and %d bytes)", len(fresh), len(during), len(after))
	}
	for _, style := range []string{"", "B", "I", "BI"} {
		protoMu.Lock()
		p := protoFonts[mainFamily+style]
		protoMu.Unlock()
		if p == nil || p.doc == nil {
			t.Errorf("Warm left %q out of the cache", mainFamily+style)
		}
	}
}
