package pack

import (
	"bytes"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// TestSecondPackCopiesAFileAlike: the second pack to copy an external
// file reuses the first's checks of its streams and filtered pages; it
// writes what the first wrote, and is still held to the inflate budget
// (a copier with less budget left than a stream inflates to is refused
// at that stream, as if nothing had been reused).
func TestSecondPackCopiesAFileAlike(t *testing.T) {
	f := &pdfgen.File{}
	img := f.FlateStream("/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8", make([]byte, 10000))
	page := pdfgen.Page{
		Content:   "q 100 0 0 100 72 600 cm /Im1 Do Q\n" + pdfgen.Text(72, 760, 12, "An appendix with an image."),
		Resources: fmt.Sprintf("<< /Font << /F1 %%[1]s /F2 %%[2]s >> /XObject << /Im1 %s >> >>", pdfgen.Ref(img)),
	}
	f.AddPages("", page, page)
	src, meeting, front := oneFilePack(t, f.Bytes(), "Appendix")
	pack := func() ([]byte, error) {
		p := &part{item: 1, bookmark: "1. Appendix", ext: src, pages: src.pages, start: 2}
		return write(meeting, front, []*part{p}, false, time.Time{})
	}
	first, err := pack()
	if err != nil {
		t.Fatal(err)
	}
	if len(src.reuse.pages) != 2 || len(src.reuse.streams) == 0 {
		t.Fatalf("after one copy the file keeps %d pages and %d streams for the next, want 2 pages and the image", len(src.reuse.pages), len(src.reuse.streams))
	}
	second, err := pack()
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Errorf("the second copy of the file differs from the first (%d and %d bytes)", len(first), len(second))
	}

	old := inflateLimit
	inflateLimit = 5000 // below the image's 10,000 bytes
	defer func() { inflateLimit = old }()
	if _, err := pack(); !errors.Is(err, errBomb) {
		t.Errorf("a copy with a budget below the image's size: error %v, want the compression bomb refused", err)
	}
}
