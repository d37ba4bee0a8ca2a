package html

import (
	"encoding/base64"
	"strconv"

	"github.com/paperhq/paper/report/doc"
)

// image writes a picture that is not a chart (the logo) as an img whose
// source is the picture itself, a data: address, so the page stays one
// file with nothing fetched from elsewhere; its width is the printed
// width, and it never grows past the page.
func (w *writer) image(im *doc.Image) {
	mime := "image/png"
	if im.Format == "jpeg" {
		mime = "image/jpeg"
	}
	w.s(`<p class="logo"><img src="data:`, mime, ";base64,", base64.StdEncoding.EncodeToString(im.Data),
		`" alt="`, esc(im.Alt), `" width="`, strconv.Itoa(im.PixelWidth), `" height="`, strconv.Itoa(im.PixelHeight),
		`" style="width:`, strconv.FormatFloat(im.Width, 'f', 1, 64), `mm;max-width:100%;height:auto"></p>`+"\n")
}
