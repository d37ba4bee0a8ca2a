package hostile

import (
	"encoding/hex"
	"fmt"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Bytes a page carries but never displays.

func init() {
	register(Case{
		Name:  "unused-resources",
		About: "page resources no operator uses: a form XObject with text, a font, a graphics state, a colour space",
		Build: func() []byte {
			f := &pdfgen.File{}
			font := pdfgen.Ref(f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
			form := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /Resources << /Font << /F1 "+font+" >> >>",
				[]byte(pdfgen.Text(10, 40, 36, "HOSTILE-UNUSED-XOBJECT"))))
			f.AddPages("", pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, "A page that draws only this line."),
				Resources: "<< /Font << /F1 %[1]s /F9 << /Type /Font /Subtype /Type1 /BaseFont /HOSTILE-UNUSED-FONT >> >> " +
					"/XObject << /X9 " + form + " >> /ExtGState << /G9 << /Type /ExtGState /CA 1 /HOSTILEKEY (HOSTILE-UNUSED-GS) >> >> " +
					"/ColorSpace << /C9 [/Separation /HOSTILE-UNUSED-CS /DeviceGray << /FunctionType 2 /Domain [0 1] /N 1 >>] >> >>",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-UNUSED-XOBJECT", "HOSTILE-UNUSED-FONT", "HOSTILE-UNUSED-GS", "HOSTILE-UNUSED-CS"},
		Visible: []string{"A page that draws only this line."},
	})
	register(Case{
		Name:  "metadata-streams",
		About: "XMP /Metadata streams and /PieceInfo on a drawn image, on a drawn form XObject and on an annotation's appearance stream",
		Build: func() []byte {
			f := &pdfgen.File{}
			xmp := func(marker string) string {
				return pdfgen.Ref(f.Stream("/Type /Metadata /Subtype /XML", []byte("<x:xmpmeta><dc:title>"+marker+"</dc:title></x:xmpmeta>")))
			}
			font := pdfgen.Ref(f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
			img := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Metadata "+xmp("HOSTILE-IMAGE-XMP"),
				[]byte{0, 255, 255, 0}))
			piece := pdfgen.Ref(f.Add("<< /HostileApp << /Private (HOSTILE-PIECEINFO) /LastModified (D:20260101) >> >>"))
			form := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 400 40] /Metadata "+xmp("HOSTILE-FORM-XMP")+" /PieceInfo "+piece+
				" /Resources << /Font << /F1 "+font+" >> >>", []byte(pdfgen.Text(4, 12, 20, "Logo text in a form."))))
			ap := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 400 40] /Metadata "+xmp("HOSTILE-AP-XMP")+
				" /Resources << /Font << /F1 "+font+" >> >>", []byte(pdfgen.Text(4, 12, 20, "Stamp text in an appearance."))))
			annot := pdfgen.Ref(f.Add("<< /Type /Annot /Subtype /Stamp /Rect [72 300 472 340] /AP << /N " + ap + " >> >>"))
			f.AddPages("", pdfgen.Page{
				Content:   pdfgen.Text(72, 760, 12, "A page with an image.") + "q 100 0 0 100 72 500 cm /Im1 Do Q q 1 0 0 1 72 400 cm /Fm1 Do Q\n",
				Resources: "<< /Font << /F1 %[1]s >> /XObject << /Im1 " + img + " /Fm1 " + form + " >> >>",
				Extra:     "/Annots [" + annot + "] /PieceInfo " + piece + " /Metadata " + xmp("HOSTILE-PAGE-XMP"),
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-IMAGE-XMP", "HOSTILE-FORM-XMP", "HOSTILE-AP-XMP", "HOSTILE-PAGE-XMP", "HOSTILE-PIECEINFO", "<x:xmpmeta><dc:title>"},
		Visible: []string{"A page with an image.", "Logo text in a form.", "Stamp text in an appearance."},
	})
	register(Case{
		Name:  "private-keys",
		About: "an embedded file reached through a private key on a used font, an orphan object reached from a private key of the page, and a page /Group with extra keys",
		Build: func() []byte {
			f := &pdfgen.File{}
			ef := pdfgen.Ref(f.Stream("/Type /EmbeddedFile", []byte("HOSTILE-EMBEDDED-FILE contents")))
			spec := pdfgen.Ref(f.Add("<< /Type /Filespec /F (HOSTILE-FILESPEC.txt) /EF << /F " + ef + " >> >>"))
			orphan := pdfgen.Ref(f.Add("<< /Note (HOSTILE-ORPHAN) >>"))
			font := pdfgen.Ref(f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding /XPrivate " + spec + " >>"))
			f.AddPages("", pdfgen.Page{
				Content:   pdfgen.Text(72, 760, 12, "A page in a font with a private key."),
				Resources: "<< /Font << /F1 " + font + " /F2 %[2]s >> /XPrivate " + orphan + " >>",
				Extra:     "/XPrivateData " + orphan + " /Group << /Type /Group /S /Transparency /CS /DeviceRGB /XNote (HOSTILE-GROUP-EXTRA) /XRef " + orphan + " >>",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-EMBEDDED-FILE", "HOSTILE-FILESPEC", "HOSTILE-ORPHAN", "HOSTILE-GROUP-EXTRA", "/EmbeddedFile", "/XPrivate"},
		Visible: []string{"A page in a font with a private key."},
	})
	register(Case{
		Name:  "content-extras",
		About: "a content stream carrying a comment, marked-content properties (/ActualText, /Alt) and bytes stored after the end of a drawn image's Flate data",
		Build: func() []byte {
			f := &pdfgen.File{}
			data := append(pdfgen.Deflate([]byte{0, 255, 255, 0}), []byte("HOSTILE-AFTER-FLATE")...)
			img := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode", data))
			f.AddPages("", pdfgen.Page{
				Content: "% HOSTILE-COMMENT in the content\n" +
					"/Span << /ActualText (HOSTILE-ACTUALTEXT) /Alt (HOSTILE-ALT) >> BDC\n" + pdfgen.Text(72, 760, 12, "Public words.") + "EMC\n" +
					"q 100 0 0 100 72 500 cm /Im1 Do Q\n",
				Resources: fmt.Sprintf("<< /Font << /F1 %%[1]s >> /XObject << /Im1 %s >> >>", img),
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-COMMENT", "HOSTILE-ACTUALTEXT", "HOSTILE-ALT", "HOSTILE-AFTER-FLATE"},
		Visible: []string{"Public words."},
	})
}

// grayJPEG is an 8 × 8 grey JPEG (image/jpeg, quality 90), in hex: kept
// as bytes so that the fixture does not depend on the encoder.
const grayJPEG = "" +
	"ffd8ffdb0084000302020302020303030304030304050805050404050a070706080c0a0c0c0b0a0b0b0d0e12100d0e11" +
	"0e0b0b1016101113141515150c0f1718161418121415140103040405040509050509140d0b0d14141414141414141414" +
	"14141414141414141414141414141414141414141414141414141414141414141414141414141414ffc0000b08000800" +
	"0801011100ffc400d20000010501010101010100000000000000000102030405060708090a0b10000201030302040305" +
	"0504040000017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a1617" +
	"18191a25262728292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a" +
	"838485868788898a92939495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5" +
	"d6d7d8d9dae1e2e3e4e5e6e7e8e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f008bc37ff04dbfb9ff0012bffc87" +
	"5fffd9"

func init() {
	register(Case{
		Name:  "jpeg-metadata",
		About: "a drawn JPEG image carrying EXIF and XMP segments, a comment and bytes after its end-of-image marker",
		Build: func() []byte {
			jpg, _ := hex.DecodeString(grayJPEG)
			seg := func(marker byte, body string) []byte {
				return append([]byte{0xFF, marker, byte((len(body) + 2) >> 8), byte(len(body) + 2)}, body...)
			}
			data := append([]byte{0xFF, 0xD8}, seg(0xE1, "Exif\x00\x00HOSTILE-EXIF")...)
			data = append(data, seg(0xE1, "http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>HOSTILE-JPEG-XMP</x:xmpmeta>")...)
			data = append(data, seg(0xFE, "HOSTILE-JPEG-COMMENT")...)
			data = append(data, jpg[2:]...)
			data = append(data, "HOSTILE-AFTER-EOI"...)
			f := &pdfgen.File{}
			im := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode", data))
			f.AddPages("", pdfgen.Page{
				Content:   pdfgen.Text(72, 760, 12, "A page with a photograph.") + "q 200 0 0 200 72 400 cm /Im1 Do Q\n",
				Resources: "<< /Font << /F1 %[1]s >> /XObject << /Im1 " + im + " >> >>",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-EXIF", "HOSTILE-JPEG-XMP", "HOSTILE-JPEG-COMMENT", "HOSTILE-AFTER-EOI"},
		Visible: []string{"A page with a photograph."},
	})
}
