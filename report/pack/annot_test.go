package pack_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
)

// handPDF writes a PDF from object bodies (object 1 is the catalogue); a
// body "stream:DICT:DATA" is a stream.
func handPDF(objs []string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.7\n")
	offs := make([]int, len(objs))
	for i, o := range objs {
		offs[i] = b.Len()
		if rest, ok := strings.CutPrefix(o, "stream:"); ok {
			dict, data, _ := strings.Cut(rest, ":")
			o = fmt.Sprintf("<< %s /Length %d >>\nstream\n%s\nendstream", dict, len(data), data)
		}
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, x)
	return b.Bytes()
}

// TestAnnotationsFlattened: what a page's annotations show (a filled-in
// form field, a ticked box, a comment box) stays on the page in the pack,
// drawn into its content; hidden annotations and unselected states do
// not appear; and no annotation but links is carried.
func TestAnnotationsFlattened(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	font := "/Resources << /Font << /F1 4 0 R >> >>"
	form := func(bbox, text string) string {
		return "stream:/Type /XObject /Subtype /Form /BBox [" + bbox + "] " + font + ":BT /F1 10 Tf 2 5 Td (" + text + ") Tj ET"
	}
	pdf := handPDF([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] " + font + " /Contents 5 0 R /Annots [6 0 R 8 0 R 10 0 R 12 0 R] >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
		"stream::BT /F1 12 Tf 72 760 Td (BODYTEXT on the page) Tj ET",
		"<< /Type /Annot /Subtype /FreeText /Rect [72 600 300 630] /Contents (note) /DA (/F1 10 Tf) /AP << /N 7 0 R >> >>",
		form("0 0 228 30", "ANNOTSTAMP"),
		"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /V (FORMVALUE) /Rect [72 550 300 570] /AP << /N 9 0 R >> >>",
		form("0 0 228 20", "FORMVALUE"),
		"<< /Type /Annot /Subtype /Stamp /F 2 /Rect [72 400 300 430] /AP << /N 11 0 R >> >>",
		form("0 0 228 30", "HIDDENANNOT"),
		"<< /Type /Annot /Subtype /Widget /FT /Btn /T (tick) /AS /On /Rect [72 500 300 520] /AP << /N << /On 13 0 R /Off 14 0 R >> >> >>",
		form("0 0 228 20", "CHECKEDON"),
		form("0 0 228 20", "CHECKEDOFF"),
	})
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "form.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "agenda.yaml"), `council: Kingsbridge City Council
committee: Audit and Governance Committee
date: 2026-12-14
items:
  - {title: Completed return, pdf: form.pdf}
`)
	res, err := pack.Build(filepath.Join(dir, "agenda.yaml"), pack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ps := pages(t, res.Files[0])
	if len(ps) != 2 {
		t.Fatalf("%d pages", len(ps))
	}
	for _, want := range []string{"BODYTEXT", "ANNOTSTAMP", "FORMVALUE", "CHECKEDON", "Page 2"} {
		if !strings.Contains(ps[1], want) {
			t.Errorf("page 2 lacks %s:\n%s", want, ps[1])
		}
	}
	for _, not := range []string{"HIDDENANNOT", "CHECKEDOFF"} {
		if strings.Contains(ps[1], not) {
			t.Errorf("page 2 shows %s", not)
		}
	}
	// Top to bottom as on the original page.
	order := []string{"BODYTEXT", "ANNOTSTAMP", "FORMVALUE", "CHECKEDON"}
	for i := 1; i < len(order); i++ {
		if strings.Index(ps[1], order[i-1]) > strings.Index(ps[1], order[i]) {
			t.Errorf("%s is not above %s:\n%s", order[i-1], order[i], ps[1])
		}
	}
	qdf := decompressed(t, res.Files[0])
	for _, kind := range []string{"/Widget", "/FreeText", "/Stamp", "/AcroForm"} {
		if bytes.Contains(qdf, []byte(kind)) {
			t.Errorf("the pack carries %s", kind)
		}
	}
}
