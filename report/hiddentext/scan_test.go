package hiddentext

import (
	"fmt"
	"strings"
	"testing"
	"time"

	pdffont "github.com/pdfcpu/pdfcpu/pkg/font"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// onePage builds a one-page file with the given content, page
// dictionary entries (extra) and resources: /F1 Helvetica; graphics
// states /Half (fill opacity 0.5), /Clear (0) and /Masked (a soft mask);
// colour spaces /Sep (a separation) and /ICC (an RGB profile); form
// XObjects /Loop (which draws itself) and /Box (a black unit square);
// images /Soft (with a soft mask) and /Grey (opaque).
func onePage(content, extra string) []byte {
	f := &pdfgen.File{}
	mask := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Group << /S /Transparency /CS /DeviceGray >>", []byte("0.5 g 0 0 1 1 re f"))
	icc := f.Stream("/N 3 /Alternate /DeviceRGB", []byte("not a real profile"))
	loop := f.Reserve()
	f.Set(loop, pdfgen.StreamBody(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /Loop %s >> >>", pdfgen.Ref(loop)),
		[]byte("0 g 0 0 1 1 re f /Loop Do")))
	box := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", []byte("0 g 0 0 1 1 re f"))
	smask := f.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0x80})
	soft := f.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask "+pdfgen.Ref(smask), []byte{0})
	grey := f.Stream("/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0x80})
	res := fmt.Sprintf(`<< /Font << /F1 %%[1]s /F2 %%[2]s >>
 /ExtGState << /Half << /ca 0.5 >> /Clear << /ca 0 /CA 0 >> /Masked << /SMask << /S /Luminosity /G %s >> >> >>
 /ColorSpace << /Sep [/Separation /All /DeviceGray << /FunctionType 2 /Domain [0 1] /C0 [1] /C1 [0] /N 1 >>] /ICC [/ICCBased %s] >>
 /XObject << /Loop %s /Box %s /Soft %s /Grey %s >> >>`, pdfgen.Ref(mask), pdfgen.Ref(icc), pdfgen.Ref(loop), pdfgen.Ref(box), pdfgen.Ref(soft), pdfgen.Ref(grey))
	f.AddPages("", pdfgen.Page{Content: content, Resources: res, Extra: extra})
	return f.Bytes()
}

// at is the x where s starts when "prefix" is shown at x 72 in 12 pt
// Helvetica.
func at(prefix string) float64 {
	w, err := pdffont.TextWidthFloat(prefix, "Helvetica", 12)
	if err != nil {
		panic(err)
	}
	return 72 + w
}

const line = "BT /F1 12 Tf 72 600 Td (%s) Tj ET\n"

func box(x0, x1 float64) string { return fmt.Sprintf("0 g %.2f 595 %.2f 17 re f\n", x0, x1-x0) }

// contentCases are small content streams, one rule each: what is hidden,
// and what a reader sees and must not be reported.
var contentCases = []struct {
	name, content, extra string
	how, text            string // want one finding like this; "" for none
}{
	{"text drawn after a fill is on top", box(60, 400) + "1 g " + fmt.Sprintf(line, "ON TOP") + "0 g", "", "", ""},
	{"a box over one word hides that word only", fmt.Sprintf(line, "Name: SECRET") + box(at("Name: ")-1, at("Name: SECRET")+1), "",
		"under an opaque box", "SECRET"},
	{"a box beside text hides nothing", fmt.Sprintf(line, "Name: VISIBLE") + box(at("Name: VISIBLE")+2, 500), "", "", ""},
	{"a word gap in TJ is a space", "BT /F1 12 Tf 72 600 Td [(HID) -300 (DEN)] TJ ET\n" + box(60, 300), "", "under an opaque box", "HID DEN"},
	{"' moves to the next line", "BT /F1 12 Tf 14 TL 72 614 Td (line one) Tj (SECRET LINE) ' ET\n" + box(60, 300), "", "under an opaque box", "SECRET LINE"},
	{"\" sets spacing and moves to the next line", "BT /F1 12 Tf 14 TL 72 614 Td (line one) Tj 0 1 (SECRET LINE) \" ET\n" + box(60, 300), "", "under an opaque box", "SECRET LINE"},
	{"several rectangles in one fill", fmt.Sprintf(line, "CELLS") + "0 g 60 595 200 17 re 60 500 200 17 re f\n", "", "under an opaque box", "CELLS"},
	{"overlapping rectangles filled even-odd may leave a hole", fmt.Sprintf(line, "FRAMED") + "0 g 50 580 300 50 re 60 590 200 30 re f*\n", "", "", ""},
	{"a triangle is no cover", fmt.Sprintf(line, "TRIANGLE") + "0 g 40 560 m 400 560 l 220 700 l h f\n", "", "", ""},
	{"white label on a dark wedge", "0 0 0.5 rg 40 560 m 400 560 l 220 700 l h f 1 g " + fmt.Sprintf(line, "WEDGE LABEL"), "", "", ""},
	{"a half-transparent box does not hide", fmt.Sprintf(line, "SEE THROUGH") + "/Half gs " + box(60, 300), "", "", ""},
	{"a soft-masked box does not hide", fmt.Sprintf(line, "MASKED") + "/Masked gs " + box(60, 300), "", "", ""},
	{"a box in a form, scaled over the text", fmt.Sprintf(line, "FORM BOX") + "q 300 0 0 40 60 585 cm /Box Do Q\n", "", "under an opaque box", "FORM BOX"},
	{"an opaque image", fmt.Sprintf(line, "UNDER GREY") + "q 300 0 0 40 60 585 cm /Grey Do Q\n", "", "under an image", "UNDER GREY"},
	{"an image with a soft mask does not hide", fmt.Sprintf(line, "UNDER SOFT") + "q 300 0 0 40 60 585 cm /Soft Do Q\n", "", "", ""},
	{"a rotated box is not taken as a cover", fmt.Sprintf(line, "ROTATED") + "q 0.7071 0.7071 -0.7071 0.7071 200 400 cm 0 g -500 -500 1000 1000 re f Q\n", "", "", ""},
	{"a quarter turn keeps rectangles", fmt.Sprintf(line, "QUARTER") + "q 0 1 -1 0 0 0 cm 0 g 585 -400 40 340 re f Q\n", "", "under an opaque box", "QUARTER"},
	{"a shading over text", fmt.Sprintf(line, "SHADED") + "q 60 590 300 30 re W n /Sh sh Q\n", "", "under a shading", "SHADED"},
	{"white on white", "1 g " + fmt.Sprintf(line, "WHITE"), "", "same colour", "WHITE"},
	{"CMYK white on white", "0 0 0 0 k " + fmt.Sprintf(line, "CMYK WHITE"), "", "same colour", "CMYK WHITE"},
	{"ICC RGB white on white", "/ICC cs 1 1 1 sc " + fmt.Sprintf(line, "ICC WHITE"), "", "same colour", "ICC WHITE"},
	{"a separation colour is not guessed", "/Sep cs 0 scn " + fmt.Sprintf(line, "SPOT"), "", "", ""},
	{"near-white on a light box is visible", "0.93 g 60 590 300 30 re f 1 g " + fmt.Sprintf(line, "PALE"), "", "", ""},
	{"black on black", box(60, 400) + fmt.Sprintf(line, "BLACK ON BLACK"), "", "same colour", "BLACK ON BLACK"},
	{"black on a box under only some of its letters", "0 g 100 595 300 17 re f " + fmt.Sprintf(line, "PARTLY"), "", "same colour", "LY"},
	{"stroked white text", "1 G 1 Tr " + fmt.Sprintf(line, "STROKED"), "", "same colour", "STROKED"},
	{"stroked black text", "1 g 0 G 1 Tr " + fmt.Sprintf(line, "OUTLINE"), "", "", ""},
	{"render mode 3", "3 Tr " + fmt.Sprintf(line, "INVISIBLE"), "", "render mode 3", "INVISIBLE"},
	{"a scan's OCR layer over its picture", "q 595 0 0 842 0 0 cm /Grey Do Q 3 Tr " + fmt.Sprintf(line, "OCR TEXT"), "", "", ""},
	{"an OCR layer covered by a box", "q 595 0 0 842 0 0 cm /Grey Do Q 3 Tr " + fmt.Sprintf(line, "OCR NAME") + box(60, 300), "", "under an opaque box", "OCR NAME"},
	{"invisible text beside a picture", "q 100 0 0 100 0 0 cm /Grey Do Q 3 Tr " + fmt.Sprintf(line, "NOT OCR"), "", "render mode 3", "NOT OCR"},
	{"render mode 7", "7 Tr " + fmt.Sprintf(line, "CLIP ONLY"), "", "render mode 7", "CLIP ONLY"},
	{"render mode 4 clips what follows to the text", "BT 4 Tr /F1 12 Tf 72 600 Td (SHOWN) Tj ET 0 Tr " + "BT /F1 12 Tf 72 300 Td (OUTSIDE) Tj ET", "", "clipped away", "OUTSIDE"},
	{"fully transparent text", "/Clear gs " + fmt.Sprintf(line, "CLEAR"), "", "transparent", "CLEAR"},
	{"half-transparent text is visible", "/Half gs " + fmt.Sprintf(line, "FAINT"), "", "", ""},
	{"squeezed by Tz", "BT /F1 12 Tf 5 Tz 72 600 Td (SQUEEZED) Tj ET", "", "under 1 pt", "SQUEEZED"},
	{"shrunk by cm", "q 0.05 0 0 0.05 0 0 cm " + fmt.Sprintf(line, "SHRUNK") + "Q", "", "under 1 pt", "SHRUNK"},
	{"9 pt text is fine", "BT /F1 9 Tf 72 600 Td (NINE POINT) Tj ET", "", "", ""},
	{"even-odd clip elsewhere", "q 10 10 20 20 re W* n " + fmt.Sprintf(line, "CLIPPED") + "Q", "", "clipped away", "CLIPPED"},
	{"a clip around the text", "q 60 590 300 30 re W n " + fmt.Sprintf(line, "INSIDE CLIP") + "Q", "", "", ""},
	{"Q restores the clip", "q 10 10 20 20 re W n Q " + fmt.Sprintf(line, "RESTORED"), "", "", ""},
	{"below the page", "BT /F1 12 Tf 72 -100 Td (BELOW) Tj ET", "", "off the page", "BELOW"},
	{"outside the CropBox", fmt.Sprintf(line, "CROPPED"), "/CropBox [0 0 595 400]", "outside the CropBox", "CROPPED"},
	{"inside the CropBox", fmt.Sprintf(line, "KEPT"), "/CropBox [0 421 595 842]", "", ""},
	{"a form that draws itself ends", "/Loop Do " + fmt.Sprintf(line, "AFTER LOOP"), "", "", ""},
	{"white space alone is no finding", "1 g " + fmt.Sprintf(line, "   "), "", "", ""},
	{"a Redact annotation over nothing", fmt.Sprintf(line, "TEXT"), "/Annots [<< /Type /Annot /Subtype /Redact /Rect [300 100 400 120] /DA (/Helv 0 Tf 0 g) >>]",
		"unapplied Redact annotation", ""},
}

// TestContent runs the detector over contentCases.
func TestContent(t *testing.T) {
	for _, tc := range contentCases {
		t.Run(tc.name, func(t *testing.T) {
			data := onePage(tc.content, tc.extra)
			fs, err := Scan(read(t, data))
			if err != nil {
				t.Fatal(err)
			}
			if tc.how == "" {
				if len(fs) > 0 {
					t.Errorf("want no findings, got %v", fs)
				}
				return
			}
			if len(fs) != 1 || !strings.Contains(fs[0].How, tc.how) || fs[0].Text != tc.text || fs[0].Page != 1 {
				t.Errorf("want one finding %q with text %q, got %v", tc.how, tc.text, fs)
			}
		})
	}
}

// TestBox checks a finding's box is where the hidden text is.
func TestBox(t *testing.T) {
	fs, err := Scan(read(t, onePage("1 g "+fmt.Sprintf(line, "WHITE"), "")))
	if err != nil || len(fs) != 1 {
		t.Fatalf("%v %v", fs, err)
	}
	b := fs[0].Box
	if b[0] != 72 || b[2] < at("WHITE")-0.01 || b[2] > at("WHITE")+0.01 || b[1] > 600 || b[3] < 600+8 || b[3] > 600+12 {
		t.Errorf("box %v, want x 72 to %.2f around the baseline at 600", b, at("WHITE"))
	}
}

// TestExcerpt checks the excerpt is the first 40 characters, white space
// folded.
func TestExcerpt(t *testing.T) {
	for in, want := range map[string]string{
		"  a\tb\n\nc  ":               "a b c",
		strings.Repeat("x", 50):       strings.Repeat("x", 40),
		"Å" + strings.Repeat("é", 45): "Å" + strings.Repeat("é", 39),
		"\x00\x01":                    "",
	} {
		if got := excerpt(in); got != want {
			t.Errorf("excerpt(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestLimits checks a file that would cost too much to check is refused
// quickly, not checked for minutes.
func TestLimits(t *testing.T) {
	// A page that draws a form 2,000 times, which draws another 2,000
	// times ...: four million boxes and more.
	f := &pdfgen.File{}
	leaf := f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", []byte(fmt.Sprintf(line, "LEAF")+"0 g 0 0 1 1 re f"))
	many := func(name string, ref int) int {
		return f.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 1 1] /Resources << /XObject << /%s %s >> /Font << >> >>", name, pdfgen.Ref(ref)),
			[]byte(strings.Repeat("/"+name+" Do ", 2000)))
	}
	mid := many("L", leaf)
	top := many("M", mid)
	f.AddPages("", pdfgen.Page{Content: "/T Do", Resources: "<< /Font << /F1 %[1]s /F2 %[2]s >> /XObject << /T " + pdfgen.Ref(top) + " >> >>"})
	start := time.Now()
	_, err := Scan(read(t, f.Bytes()))
	if err == nil || !strings.Contains(err.Error(), ErrTooComplex.Error()) {
		t.Errorf("err = %v, want %v", err, ErrTooComplex)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("refusing took %v", d)
	}
}
