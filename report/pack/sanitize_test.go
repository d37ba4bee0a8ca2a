package pack

import (
	"bytes"
	"image"
	"image/jpeg"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/internal/pdfcontent"
	"github.com/paperhq/paper/report/internal/pdfgen"
	"github.com/paperhq/paper/report/layout"
)

func TestBalance(t *testing.T) {
	tests := []struct{ in, want string }{
		{"q 1 w Q", "q\n1 w\nQ\n"},
		{"Q Q 1 w", "1 w\n"},                              // restores the pack's own state: dropped
		{"q q BT (x) Tj", "q\nq\nBT\n(x) Tj\nET\nQ\nQ\n"}, // left open: closed
	}
	for _, tt := range tests {
		ops, err := pdfcontent.Parse([]byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(pdfcontent.Append(nil, balance(ops))); got != tt.want {
			t.Errorf("balance(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWebURI(t *testing.T) {
	tests := []struct {
		in   types.Object
		want string // "" when the link is dropped
	}{
		{types.StringLiteral("https://www.kingsbridge.example/minutes"), "https://www.kingsbridge.example/minutes"},
		{types.StringLiteral("  HTTP://example.org/a "), "HTTP://example.org/a"},
		{types.StringLiteral("mailto:democratic.services@kingsbridge.example"), "mailto:democratic.services@kingsbridge.example"},
		{types.HexLiteral("68747470733A2F2F782E6F7267"), "https://x.org"},
		{types.StringLiteral("javascript:alert(1)"), ""},
		{types.StringLiteral(" JavaScript:alert(1)"), ""},
		{types.StringLiteral("file:///etc/passwd"), ""},
		{types.StringLiteral("data:text/html,x"), ""},
		{types.StringLiteral("http://"), ""},
		{types.StringLiteral("\\001javascript:x"), ""},
		{types.StringLiteral("https://caf\\351.example"), ""}, // not ASCII
		{types.Integer(3), ""},
	}
	for _, tt := range tests {
		got, ok := webURI(tt.in)
		if tt.want == "" {
			if ok {
				t.Errorf("webURI(%v) kept %v", tt.in, got)
			}
			continue
		}
		if !ok || got.(text) != text(tt.want) {
			t.Errorf("webURI(%v) = %v, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// TestSharedObjectsCopiedOnce: a font the pages of a file share is one
// object in the pack, not a copy per page.
func TestSharedObjectsCopiedOnce(t *testing.T) {
	page := pdfgen.Page{Content: pdfgen.Text(72, 760, 12, "Shared font.")}
	f, _ := pdfgen.NewPages("", page, page, page)
	src, meeting, front := oneFilePack(t, f.Bytes(), "Shared")
	p := &part{item: 1, bookmark: "1. Shared", ext: src, ctx: src.ctx, pages: src.pages, start: 2}
	out, err := write(meeting, front, []*part{p}, false, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("/BaseFont /Helvetica>>")) + bytes.Count(out, []byte("/BaseFont /Helvetica/")); n != 1 {
		t.Errorf("Helvetica is written %d times, want once", n)
	}
}

// TestJPEGPixels: metadata segments, comments and trailing bytes go; the
// image still decodes to the same pixels; the colour segments stay.
func TestJPEGPixels(t *testing.T) {
	img := image.NewGray(image.Rect(0, 0, 16, 16))
	for i := range img.Pix {
		img.Pix[i] = uint8(i)
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	seg := func(marker byte, body string) []byte {
		return append([]byte{0xFF, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
	}
	in := []byte{0xFF, 0xD8}
	for _, s := range [][]byte{
		seg(0xE1, "Exif\x00\x00GONE-EXIF"), seg(0xE2, "ICC_PROFILE\x00KEPT-ICC"), seg(0xE2, "FPXR\x00GONE-FPXR"),
		seg(0xED, "Photoshop 3.0\x00GONE-IPTC"), seg(0xEE, "Adobe\x00KEPT-ADOBE"), seg(0xFE, "GONE-COMMENT"),
	} {
		in = append(in, s...)
	}
	in = append(append(in, b.Bytes()[2:]...), "GONE-TRAILER"...)
	out := jpegPixels(in)
	for _, s := range []string{"GONE-EXIF", "GONE-FPXR", "GONE-IPTC", "GONE-COMMENT", "GONE-TRAILER"} {
		if bytes.Contains(out, []byte(s)) {
			t.Errorf("jpegPixels kept %s", s)
		}
	}
	for _, s := range []string{"KEPT-ICC", "KEPT-ADOBE"} {
		if !bytes.Contains(out, []byte(s)) {
			t.Errorf("jpegPixels dropped %s", s)
		}
	}
	want, err := jpeg.Decode(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	got, err := jpeg.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatalf("the cleaned JPEG does not decode: %v", err)
	}
	if !bytes.Equal(got.(*image.Gray).Pix, want.(*image.Gray).Pix) {
		t.Errorf("the cleaned JPEG decodes to other pixels")
	}
	for _, broken := range [][]byte{nil, []byte("not a jpeg"), in[:9], {0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF}} {
		if got := jpegPixels(broken); !bytes.Equal(got, broken) {
			t.Errorf("jpegPixels(%q) = %q, want it unchanged", broken, got)
		}
	}
}

// oneFilePack reads the PDF file data as an external source and renders
// the front sheet of a meeting whose one item, titled title, is that
// file from page 2.
func oneFilePack(t *testing.T, data []byte, title string) (*source, layout.Meeting, *part) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.pdf")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	src, err := readPDF(path)
	if err != nil {
		t.Fatal(err)
	}
	meeting := layout.Meeting{Council: "K", Committee: "C"}
	front := &part{bookmark: "Front sheet and agenda", start: 1,
		doc: layout.FrontSheet(meeting, []layout.AgendaEntry{{Title: title, Page: 2}}, false, time.Time{})}
	if err := render([]*part{front}, nil); err != nil {
		t.Fatal(err)
	}
	return src, meeting, front
}
