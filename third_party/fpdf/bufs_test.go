// Copyright ©2026 The paper authors. Use of this source code is governed by
// the MIT-style license in the LICENSE file.

package fpdf

import (
	"bytes"
	"strings"
	"testing"
)

// pagesDoc returns a document of n pages of text in a core font.
func pagesDoc(n int) *Fpdf {
	f := New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetFont("Helvetica", "", 10)
	for p := range n {
		f.AddPage()
		for l := range 40 * (p%3 + 1) {
			f.Text(10, float64(10+l%60*4), strings.Repeat("line of text ", l%7+1))
		}
	}
	return f
}

// TestOutputIntoEmptyBuffer checks that the document an empty
// bytes.Buffer takes from Output (without a copy) is the one a writer
// of another kind receives, and that writing more to the buffer changes
// neither the document nor another buffer given it.
func TestOutputIntoEmptyBuffer(t *testing.T) {
	var want strings.Builder
	if err := pagesDoc(5).Output(&want); err != nil {
		t.Fatal(err)
	}
	f := pagesDoc(5)
	var a, b bytes.Buffer
	if err := f.Output(&a); err != nil {
		t.Fatal(err)
	}
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	a.WriteString("appended to a")
	b.WriteString("appended to b")
	if got := strings.TrimSuffix(a.String(), "appended to a"); got != want.String() {
		t.Errorf("buffer a holds %d bytes of document, want %d", len(got), want.Len())
	}
	if got := strings.TrimSuffix(b.String(), "appended to b"); got != want.String() {
		t.Errorf("buffer b holds %d bytes of document, want %d", len(got), want.Len())
	}
	// A buffer that holds something already gets the document after it.
	c := bytes.NewBufferString("before ")
	if err := pagesDoc(5).Output(c); err != nil || c.String() != "before "+want.String() {
		t.Errorf("a non-empty buffer holds %d bytes (%v), want %d", c.Len(), err, len("before ")+want.Len())
	}
	if !strings.HasPrefix(want.String(), "%PDF-") || !strings.Contains(want.String(), "line of text line of text") {
		t.Error("not the document")
	}
}
