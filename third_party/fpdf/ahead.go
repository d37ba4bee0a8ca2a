// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

import (
	"runtime"
	"slices"
)

// Writing a document compresses every page's content stream and subsets
// and compresses every UTF-8 font: about a third of the time Output takes.
// Those streams are independent of one another and of the objects written
// around them, so Output starts them on other goroutines as soon as the
// pages are final and writes each where it belongs when it is done. The
// bytes are exactly those of compressing them one after another in place
// (compression is deterministic, whatever the order the work finishes
// in); only the time differs. Not in upstream fpdf: see FORK.md.

// aheadStreams holds the streams being prepared for one Output.
type aheadStreams struct {
	// pages holds each page's compressed content stream, 1-based; nil
	// when compression is off.
	pages []*ahead[*membuffer]
	// fonts holds the subset of each UTF-8 font, by font key.
	fonts map[string]*ahead[utf8Streams]
}

// ahead is a value computed on another goroutine.
type ahead[T any] struct {
	done     chan struct{}
	val      T
	panicked any
}

// get waits for the value; a panic in its computation panics here, on the
// goroutine writing the document, as it would have without the goroutines.
func (a *ahead[T]) get() T {
	<-a.done
	if a.panicked != nil {
		panic(a.panicked)
	}
	return a.val
}

// job returns an unstarted ahead and the function that computes it.
func job[T any](compute func() T) (*ahead[T], func()) {
	a := &ahead[T]{done: make(chan struct{})}
	return a, func() {
		defer close(a.done)
		defer func() { a.panicked = recover() }()
		a.val = compute()
	}
}

// utf8Streams is what writing a UTF-8 font takes time for: its subset,
// compressed, with its length before compression, and its CIDToGIDMap,
// compressed.
type utf8Streams struct {
	size         int
	font, cidMap *membuffer
	err          error
}

// cutUTF8Font subsets font for the characters the document used and
// compresses the subset and its CIDToGIDMap.
func cutUTF8Font(font fontDefType) utf8Streams {
	usedRunes := font.usedRunes
	delete(usedRunes, 0)
	subset, err := generateCutFont(font.utf8File, usedRunes)
	if err != nil {
		return utf8Streams{err: err}
	}
	codes := font.utf8File.CodeSymbolDictionary
	delete(codes, 0)
	cidMap := compressCIDToGIDMap(codes)
	return utf8Streams{
		size:   len(subset),
		cidMap: cidMap,
		font:   xmem.compress(subset),
	}
}

// startAhead starts preparing the document's page streams (once the pages
// are final) and UTF-8 font subsets, on as many goroutines as the process
// may run at once, pages first, since they are written first. With one
// it does nothing: putpages and putfonts then do the same work in place.
func (f *Fpdf) startAhead() {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 {
		return
	}
	a := &aheadStreams{fonts: make(map[string]*ahead[utf8Streams])}
	var jobs []func()
	if f.compress {
		a.pages = make([]*ahead[*membuffer], f.page+1)
		for n := 1; n <= f.page; n++ {
			page := f.pages[n].Bytes()
			var run func()
			a.pages[n], run = job(func() *membuffer { return xmem.compress(page) })
			jobs = append(jobs, run)
		}
	}
	for _, key := range sortedFontKeys(f.fonts) {
		font := f.fonts[key]
		if font.Tp != "UTF8" {
			continue
		}
		var run func()
		a.fonts[key], run = job(func() utf8Streams { return cutUTF8Font(font) })
		jobs = append(jobs, run)
	}
	if len(jobs) == 0 {
		return
	}
	f.ahead = a
	queue := make(chan func(), len(jobs))
	for _, run := range jobs {
		queue <- run
	}
	close(queue)
	for range min(workers, len(jobs)) {
		go func() {
			for run := range queue {
				run()
			}
		}()
	}
}

// sortedFontKeys returns the keys of fonts in order, so that the fonts
// are prepared in the order putfonts writes them with a catalogue sort.
func sortedFontKeys(fonts map[string]fontDefType) []string {
	keys := make([]string, 0, len(fonts))
	for k := range fonts {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
