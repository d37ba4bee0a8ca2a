package pack

import (
	"bytes"
	"fmt"
	"strings"
	"sync"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/pdf"
)

// The pack draws its own furniture over every page: "Page N" with the
// page's number in the pack, and in the exempt pack the NOT FOR
// PUBLICATION stamp. report/pdf makes both (pdf.OverlayFonts): the
// content drawing them, as Pagination artifacts or, for the stamp on a
// part's first page, as real content; and the fonts, Liberation Sans as
// a subset of printable Latin-1, which the pack copies from report/pdf's
// one-page font PDF into each pack like any other page resource.

// Resource names of the furniture fonts on a page.
const (
	regularFont = pdf.OverlayRegular
	boldFont    = pdf.OverlayBold
)

// furnitureFonts is the font source: report/pdf's fonts, their PDF
// parsed, and the object numbers of the two font dictionaries.
type furnitureFonts struct {
	*pdf.OverlayFonts
	ctx     *model.Context
	regular int
	bold    int
	// names maps the fonts' names to proper subset names.
	names map[string]string
}

// loadFonts returns the furniture fonts, read on first use.
var loadFonts = sync.OnceValues(readFonts)

func readFonts() (*furnitureFonts, error) {
	of, err := pdf.LoadOverlayFonts()
	if err != nil {
		return nil, err
	}
	ff := &furnitureFonts{OverlayFonts: of, names: map[string]string{}}
	ctx, err := pdfcpu.Read(bytes.NewReader(of.PDF), config())
	if err != nil {
		return nil, fmt.Errorf("furniture fonts: %w", err)
	}
	ff.ctx = ctx
	ps, _, err := pages(ctx)
	if err != nil || len(ps) != 1 {
		return nil, fmt.Errorf("furniture fonts: no page")
	}
	res, err := ctx.DereferenceDict(ps[0].resources)
	if err != nil || res == nil {
		return nil, fmt.Errorf("furniture fonts: no resources")
	}
	fd, err := ctx.DereferenceDict(res["Font"])
	if err != nil || fd == nil {
		return nil, fmt.Errorf("furniture fonts: no fonts")
	}
	for _, v := range fd {
		ir, ok := v.(types.IndirectRef)
		if !ok {
			continue
		}
		d, err := ctx.DereferenceDict(ir)
		if err != nil || d == nil {
			continue
		}
		name := d.NameEntry("BaseFont")
		switch {
		case name == nil:
		case strings.HasSuffix(*name, "B"):
			ff.bold = ir.ObjectNumber.Value()
			ff.names[*name] = "PAPRFB+LiberationSans-Bold"
		default:
			ff.regular = ir.ObjectNumber.Value()
			ff.names[*name] = "PAPRFR+LiberationSans"
		}
	}
	if ff.regular == 0 || ff.bold == 0 {
		return nil, fmt.Errorf("furniture fonts: fonts not found")
	}
	return ff, nil
}

// width is the width of s in points at size, in the regular or bold font.
func (ff *furnitureFonts) width(s string, bold bool, size float64) float64 {
	return ff.Width(s, bold, size)
}

// hexText encodes s for the furniture fonts.
func hexText(s string) string { return pdf.OverlayString(s) }

// frame is the page's visible area and how it maps to user space.
type frame struct {
	w, h float64
	cm   [6]float64
}

// newFrame returns the visible frame of a page whose displayed box is
// box and which is rotated by rotate degrees clockwise.
func newFrame(box [4]float64, rotate int) frame {
	x0, y0, x1, y1 := box[0], box[1], box[2], box[3]
	w, h := x1-x0, y1-y0
	switch ((rotate % 360) + 360) % 360 {
	case 90:
		return frame{h, w, [6]float64{0, 1, -1, 0, x1, y0}}
	case 180:
		return frame{w, h, [6]float64{-1, 0, 0, -1, x1, y1}}
	case 270:
		return frame{h, w, [6]float64{0, -1, 1, 0, x0, y1}}
	}
	return frame{w, h, [6]float64{1, 0, 0, 1, x0, y0}}
}

// num formats a number for a content stream.
func num(f float64) string { return pdf.ContentNumber(f) }
