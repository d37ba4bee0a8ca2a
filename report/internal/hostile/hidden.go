package hostile

import (
	"fmt"

	pdffont "github.com/pdfcpu/pdfcpu/pkg/font"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Failed redactions: text that is painted but cannot be seen, so that it
// is still in the file for anyone who selects, copies or searches it.
// Each is a mistake councils have made in published PDFs. The last cases
// are negative controls: text a reader does see, which must not be taken
// for hidden text.

// public is the line every case shows in plain sight.
const public = "Minutes of the meeting: public text."

// page is a one-page file with the public line and more content.
func page(content string) []byte {
	f, _ := pdfgen.NewPages("", pdfgen.Page{Content: pdfgen.Text(72, 760, 12, public) + content})
	return f.Bytes()
}

// width is the advance of s in Helvetica at size pt.
func width(s string, pt float64) float64 {
	w, err := pdffont.TextWidthFloat(s, "Helvetica", pt)
	if err != nil {
		panic(err)
	}
	return w
}

func init() {
	const label = "Complainant: "
	register(Case{
		Name:  "hidden-black-box",
		About: "a name in a line of text painted over with a black rectangle drawn after it: the usual failed redaction",
		Build: func() []byte {
			x := 72 + width(label, 12)
			return page(fmt.Sprintf("BT /F1 12 Tf 72 600 Td (%s) Tj (HIDDEN-BOX Mrs J Smith, 14 Acacia Avenue) Tj ET\n"+
				"0 g %.2f 595 %.2f 17 re f\n", label, x-1, width("HIDDEN-BOX Mrs J Smith, 14 Acacia Avenue", 12)+2))
		},
		Visible:    []string{public, "Complainant:"},
		Hidden:     "under an opaque box",
		HiddenText: "HIDDEN-BOX Mrs J Smith",
	})
	register(Case{
		Name:  "hidden-white-on-white",
		About: "white text on the white page",
		Build: func() []byte {
			return page("1 g\n" + pdfgen.Text(72, 600, 12, "HIDDEN-WHITE officer's note") + "0 g\n")
		},
		Visible:    []string{public},
		Hidden:     "same colour as what lies under it",
		HiddenText: "HIDDEN-WHITE officer's note",
	})
	register(Case{
		Name:  "hidden-same-colour-box",
		About: "navy text on a navy box drawn before it",
		Build: func() []byte {
			return page("0 0.2 0.4 rg 60 590 400 30 re f\n0 0.2 0.4 rg\n" + pdfgen.Text(72, 600, 12, "HIDDEN-NAVY on navy") + "0 g\n")
		},
		Visible:    []string{public},
		Hidden:     "same colour as what lies under it",
		HiddenText: "HIDDEN-NAVY on navy",
	})
	register(Case{
		Name:       "hidden-render-mode-3",
		About:      "text in render mode 3, which paints nothing (how OCR layers are written, misused to hide text)",
		Build:      func() []byte { return page("BT 3 Tr /F1 12 Tf 72 600 Td (HIDDEN-INVISIBLE text) Tj ET\n") },
		Visible:    []string{public},
		Hidden:     "render mode 3",
		HiddenText: "HIDDEN-INVISIBLE text",
	})
	register(Case{
		Name:  "hidden-clipped",
		About: "text drawn inside a clipping rectangle elsewhere on the page, so none of it shows",
		Build: func() []byte {
			return page("q 72 100 50 20 re W n\n" + pdfgen.Text(72, 600, 12, "HIDDEN-CLIPPED text") + "Q\n")
		},
		Visible:    []string{public},
		Hidden:     "clipped away",
		HiddenText: "HIDDEN-CLIPPED text",
	})
	register(Case{
		Name:       "hidden-off-page",
		About:      "text placed to the right of the page, outside its MediaBox",
		Build:      func() []byte { return page(pdfgen.Text(700, 600, 12, "HIDDEN-OFF-PAGE text")) },
		Visible:    []string{public},
		Hidden:     "off the page",
		HiddenText: "HIDDEN-OFF-PAGE text",
	})
	register(Case{
		Name:  "hidden-outside-cropbox",
		About: "text in the lower half of a page whose CropBox shows only the upper half",
		Build: func() []byte {
			f, _ := pdfgen.NewPages("", pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, public) + pdfgen.Text(72, 200, 12, "HIDDEN-CROPPED text"),
				Extra:   "/CropBox [0 421 595 842]",
			})
			return f.Bytes()
		},
		Visible:    []string{public},
		Hidden:     "outside the CropBox",
		HiddenText: "HIDDEN-CROPPED text",
	})
	register(Case{
		Name:       "hidden-tiny-text",
		About:      "text set at 0.5 pt, a speck on the page",
		Build:      func() []byte { return page(pdfgen.Text(72, 600, 0.5, "HIDDEN-TINY text")) },
		Visible:    []string{public},
		Hidden:     "under 1 pt",
		HiddenText: "HIDDEN-TINY text",
	})
	register(Case{
		Name:  "hidden-squeezed-text",
		About: "12 pt text squeezed to 1% of its width by the text matrix",
		Build: func() []byte {
			return page("BT /F1 12 Tf 0.01 0 0 1 72 600 Tm (HIDDEN-SQUEEZED text) Tj ET\n")
		},
		Visible:    []string{public},
		Hidden:     "under 1 pt",
		HiddenText: "HIDDEN-SQUEEZED text",
	})
	register(Case{
		Name:  "hidden-redact-annotation",
		About: "text marked for redaction with a Redact annotation that was never applied: the text is still there",
		Build: func() []byte {
			f := &pdfgen.File{}
			annot := f.Reserve()
			f.AddPages("", pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, public) + pdfgen.Text(72, 600, 12, "HIDDEN-REDACT Mr K Patel"),
				Extra:   "/Annots [" + pdfgen.Ref(annot) + "]",
			})
			f.Set(annot, "<< /Type /Annot /Subtype /Redact /Rect [70 595 260 615] /IC [0 0 0] /DA (/Helv 0 Tf 0 g) >>")
			return f.Bytes()
		},
		Visible:    []string{public},
		Hidden:     "unapplied Redact annotation",
		HiddenText: "HIDDEN-REDACT Mr K Patel",
	})
	register(Case{
		Name:  "hidden-square-annotation",
		About: "a black Square annotation (a drawing-tool rectangle) placed over text: the pack draws annotations into the page, so the text ends up under a black box",
		Build: func() []byte {
			f := &pdfgen.File{}
			annot := f.Reserve()
			ap := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 190 20]", []byte("0 g 0 0 190 20 re f"))
			f.AddPages("", pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, public) + pdfgen.Text(72, 600, 12, "HIDDEN-SQUARE Ms A Jones"),
				Extra:   "/Annots [" + pdfgen.Ref(annot) + "]",
			})
			f.Set(annot, "<< /Type /Annot /Subtype /Square /Rect [70 595 260 615] /C [0 0 0] /IC [0 0 0] /F 4 /AP << /N "+pdfgen.Ref(ap)+" >> >>")
			return f.Bytes()
		},
		Visible:    []string{public},
		Hidden:     "under an opaque box",
		HiddenText: "HIDDEN-SQUARE Ms A Jones",
	})
	register(Case{
		Name:  "hidden-under-image",
		About: "text with an opaque image (a grey picture) placed over it",
		Build: func() []byte {
			f := &pdfgen.File{}
			img := f.Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0x40, 0x40, 0x40, 0x40})
			f.AddPages("", pdfgen.Page{
				Content:   pdfgen.Text(72, 760, 12, public) + pdfgen.Text(72, 600, 12, "HIDDEN-UNDER-IMAGE text") + "q 200 0 0 30 60 590 cm /Im1 Do Q\n",
				Resources: "<< /Font << /F1 %[1]s /F2 %[2]s >> /XObject << /Im1 " + pdfgen.Ref(img) + " >> >>",
			})
			return f.Bytes()
		},
		Visible:    []string{public},
		Hidden:     "under an image",
		HiddenText: "HIDDEN-UNDER-IMAGE text",
	})
	register(Case{
		Name:  "hidden-under-inline-image",
		About: "text with an inline image (BI ... ID ... EI) stretched over it",
		Build: func() []byte {
			return page(pdfgen.Text(72, 600, 12, "HIDDEN-INLINE-IMAGE text") +
				"q 250 0 0 30 60 590 cm BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\x00 EI Q\n")
		},
		Visible:    []string{public},
		Hidden:     "under an image",
		HiddenText: "HIDDEN-INLINE-IMAGE text",
	})
	register(Case{
		Name:  "hidden-in-form",
		About: "text drawn by a form XObject, then covered by a white rectangle drawn inside another form",
		Build: func() []byte {
			f := &pdfgen.File{}
			font := f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
			text := f.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 400 50] /Matrix [1 0 0 1 72 590] /Resources << /Font << /F9 %s >> >>", pdfgen.Ref(font)),
				[]byte("BT /F9 12 Tf 0 10 Td (HIDDEN-FORM text) Tj ET"))
			cover := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", []byte("1 g 0 0 1 1 re f"))
			f.AddPages("", pdfgen.Page{
				Content:   pdfgen.Text(72, 760, 12, public) + "/T Do q 300 0 0 40 65 585 cm /C Do Q\n",
				Resources: "<< /Font << /F1 %[1]s /F2 %[2]s >> /XObject << /T " + pdfgen.Ref(text) + " /C " + pdfgen.Ref(cover) + " >> >>",
			})
			return f.Bytes()
		},
		Visible:    []string{public},
		Hidden:     "under an opaque box",
		HiddenText: "HIDDEN-FORM text",
	})

	// Negative controls: a reader sees all of this text.
	register(Case{
		Name:  "visible-text-on-box",
		About: "white text on a black box drawn before it (a banner): visible, not hidden",
		Build: func() []byte {
			return page("0 g 60 590 300 30 re f\n1 g\n" + pdfgen.Text(72, 600, 12, "VISIBLE-ON-BOX banner") + "0 g\n")
		},
		Visible: []string{public, "VISIBLE-ON-BOX banner"},
	})
	register(Case{
		Name:  "visible-colour-on-colour",
		About: "yellow text on a blue box: colours that differ, so the text shows",
		Build: func() []byte {
			return page("0 0 1 rg 60 590 300 30 re f\n1 1 0 rg\n" + pdfgen.Text(72, 600, 12, "VISIBLE-YELLOW on blue") + "0 g\n")
		},
		Visible: []string{public, "VISIBLE-YELLOW on blue"},
	})
	register(Case{
		Name:  "visible-ocr-scan",
		About: "a scanned page: a picture of the page with its OCR text in invisible render mode 3 over it, so that it can be searched",
		Build: func() []byte {
			f := &pdfgen.File{}
			scan := f.Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0xf0, 0xf0, 0xf0, 0xf0})
			f.AddPages("", pdfgen.Page{
				Content:   "q 595 0 0 842 0 0 cm /Scan Do Q\nBT 3 Tr /F1 12 Tf 72 600 Td (VISIBLE-OCR scanned letter) Tj ET\n" + pdfgen.Text(72, 760, 12, public),
				Resources: "<< /Font << /F1 %[1]s /F2 %[2]s >> /XObject << /Scan " + pdfgen.Ref(scan) + " >> >>",
			})
			return f.Bytes()
		},
		Visible: []string{public, "VISIBLE-OCR scanned letter"},
	})
	register(Case{
		Name:  "visible-table-cell",
		About: "a table whose cells have a light fill drawn before their text, and a box drawn beside (not over) text",
		Build: func() []byte {
			return page("0.93 g 60 590 150 20 re 210 590 150 20 re f\n0 g\n" +
				pdfgen.Text(64, 596, 10, "VISIBLE-CELL one") + pdfgen.Text(214, 596, 10, "VISIBLE-CELL two") +
				pdfgen.Text(72, 500, 12, "VISIBLE-BESIDE a box") + "0 g 300 495 100 17 re f\n")
		},
		Visible: []string{public, "VISIBLE-CELL one", "VISIBLE-CELL two", "VISIBLE-BESIDE a box"},
	})
}
