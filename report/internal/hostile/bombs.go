package hostile

import (
	"bytes"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Streams that inflate far past their size.

// BombSize is what the bombs inflate to: past the bound tests set (the
// pack's own bound, 256 MB, is lowered in tests so that the fixtures stay
// small: a bomb of this size deflates to about 30 KB).
const BombSize = 32 << 20

func init() {
	register(Case{
		Name:  "bomb-content",
		About: "a page content stream of about 30 KB that inflates to 32 MB of spaces",
		Build: func() []byte {
			f := &pdfgen.File{}
			page := f.AddPages("", pdfgen.Page{Content: pdfgen.Text(72, 760, 12, "A page.")})[0]
			// Replace the page's content with the bomb: AddPages adds
			// each page's content just before the page.
			f.Set(page-1, pdfgen.StreamBody("/Filter /FlateDecode", pdfgen.Deflate(bytes.Repeat([]byte(" "), BombSize))))
			return f.Bytes()
		},
		Err: "decompress to more than",
	})
	register(Case{
		Name:  "bomb-image",
		About: "an image XObject of about 30 KB that inflates to 32 MB",
		Build: func() []byte {
			f := &pdfgen.File{}
			img := pdfgen.Ref(f.FlateStream("/Type /XObject /Subtype /Image /Width 4096 /Height 8192 /ColorSpace /DeviceGray /BitsPerComponent 8",
				make([]byte, BombSize)))
			f.AddPages("", pdfgen.Page{
				Content:   pdfgen.Text(72, 760, 12, "A page with a large image.") + "q 400 0 0 400 72 200 cm /Im1 Do Q\n",
				Resources: "<< /Font << /F1 %[1]s >> /XObject << /Im1 " + img + " >> >>",
			})
			return f.Bytes()
		},
		Err: "decompress to more than",
	})
}
