package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/third_party/fpdf"
)

// image draws a picture (the council's logo) at the left margin as a
// Figure element with its alternative text and box. The picture is
// registered once per document under its content's hash, so a logo on
// several pages is stored once.
func (w *writer) image(im *doc.Image, x0, x1 float64) {
	width := min(im.Width, x1-x0)
	height := width * float64(im.PixelHeight) / float64(im.PixelWidth)
	w.ensure(height + w.gap())
	sum := sha256.Sum256(im.Data)
	name := fmt.Sprintf("img-%x", sum[:8])
	typ := map[string]string{"png": "PNG", "jpeg": "JPG"}[im.Format]
	if info := w.f.GetImageInfo(name); info == nil {
		w.f.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: typ}, bytes.NewReader(im.Data))
	}
	e := w.begin("Figure", &fpdf.StructOptions{Alt: clean(im.Alt)})
	w.f.SetStructBBox(e, x0, w.y, width, height)
	w.f.ImageOptions(name, x0, w.y, width, height, false, fpdf.ImageOptions{ImageType: typ}, 0, "")
	w.end()
	w.y += height + w.gap()
}
