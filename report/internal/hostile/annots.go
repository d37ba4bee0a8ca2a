package hostile

import (
	"fmt"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Annotations a viewer does not show.

// stampPage is a one-page file whose page shows public and carries
// annotations, each drawn by an appearance stream showing its text in
// /Helvetica; annot gives each annotation's extra entries (after
// /Subtype /Stamp /Rect .. /AP ..), before gives objects it may refer to
// (added first, their numbers passed to annot), and catalog the
// catalogue's extra entries.
func stampPage(public string, catalog func(refs []string) string, before []string, annots ...[2]string) []byte {
	f := &pdfgen.File{}
	var refs []string
	for _, b := range before {
		refs = append(refs, pdfgen.Ref(f.Add(b)))
	}
	font := pdfgen.Ref(f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
	var list string
	for i, a := range annots {
		ap := f.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 400 40] /Resources << /Font << /F1 %s >> >>", font),
			[]byte(pdfgen.Text(4, 12, 20, a[0])))
		y := 600 - 60*i
		list += " " + pdfgen.Ref(f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Stamp /Rect [72 %d 472 %d] /AP << /N %s >> %s >>", y, y+40, pdfgen.Ref(ap), fmt.Sprintf(a[1], anyRefs(refs)...))))
	}
	f.AddPages(catalog(refs), pdfgen.Page{
		Content: pdfgen.Text(72, 760, 12, public),
		Extra:   "/Annots [" + list + " ]",
	})
	return f.Bytes()
}

func anyRefs(refs []string) []any {
	out := make([]any, len(refs))
	for i, r := range refs {
		out[i] = r
	}
	return out
}

func noCatalog([]string) string { return "" }

func init() {
	register(Case{
		Name:  "annot-hidden-indirect",
		About: "a stamp annotation whose /F (Hidden) is an indirect reference to the number 2, not a direct number",
		Build: func() []byte {
			return stampPage("A page with a hidden stamp.", noCatalog, []string{"2"},
				[2]string{"HOSTILE-ANNOT-HIDDEN-REF", "/F %[1]s"})
		},
		Absent:  []string{"HOSTILE-ANNOT-HIDDEN-REF"},
		Visible: []string{"A page with a hidden stamp."},
	})
	register(Case{
		Name:  "annot-noview",
		About: "annotations flagged NoView (/F 32) and Hidden (/F 2), beside one that is shown",
		Build: func() []byte {
			return stampPage("A page with stamps.", noCatalog, nil,
				[2]string{"HOSTILE-ANNOT-NOVIEW", "/F 32"},
				[2]string{"HOSTILE-ANNOT-HIDDEN", "/F 6"},
				[2]string{"Approved stamp shown", "/F 4"})
		},
		Absent:  []string{"HOSTILE-ANNOT-NOVIEW", "HOSTILE-ANNOT-HIDDEN"},
		Visible: []string{"A page with stamps.", "Approved stamp shown"},
	})
	register(Case{
		Name:  "annot-layer-off",
		About: "a stamp annotation whose /OC names a layer that is off, and one whose appearance stream's /OC does",
		Build: func() []byte {
			f := &pdfgen.File{}
			ocg := pdfgen.Ref(f.Add("<< /Type /OCG /Name (Review) >>"))
			font := pdfgen.Ref(f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
			ap1 := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 400 40] /Resources << /Font << /F1 "+font+" >> >>",
				[]byte(pdfgen.Text(4, 12, 20, "HOSTILE-ANNOT-OC"))))
			ap2 := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 400 40] /OC "+ocg+" /Resources << /Font << /F1 "+font+" >> >>",
				[]byte(pdfgen.Text(4, 12, 20, "HOSTILE-AP-OC"))))
			a1 := pdfgen.Ref(f.Add("<< /Type /Annot /Subtype /Stamp /Rect [72 600 472 640] /OC " + ocg + " /AP << /N " + ap1 + " >> >>"))
			a2 := pdfgen.Ref(f.Add("<< /Type /Annot /Subtype /Stamp /Rect [72 500 472 540] /AP << /N " + ap2 + " >> >>"))
			f.AddPages(fmt.Sprintf("/OCProperties << /OCGs [%[1]s] /D << /OFF [%[1]s] >> >>", ocg), pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, "A page with review stamps switched off."),
				Extra:   "/Annots [" + a1 + " " + a2 + "]",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-ANNOT-OC", "HOSTILE-AP-OC"},
		Visible: []string{"A page with review stamps switched off."},
	})
}
