package hostile

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Filled form fields whose stored appearance is not what a viewer shows.

// formPage is a one-page file with text fields: each field's extra
// entries (/V, /DA, /Ff ...) and, when stale is not empty, an appearance
// showing stale. needAppearances sets the form's /NeedAppearances.
func formPage(public string, needAppearances bool, fields ...[2]string) []byte {
	f := &pdfgen.File{}
	font := pdfgen.Ref(f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
	var refs []string
	for i, fd := range fields {
		y := 650 - 80*i
		ap := ""
		if fd[1] != "" {
			ap = "/AP << /N " + pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Form /BBox [0 0 300 60] /Resources << /Font << /Helv "+font+" >> >>",
				[]byte(strings.ReplaceAll(pdfgen.Text(2, 20, 12, fd[1]), "/F1", "/Helv")))) + " >>"
		}
		refs = append(refs, pdfgen.Ref(f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /FT /Tx /T (field%d) /Rect [72 %d 372 %d] %s %s >>", i+1, y, y+60, fd[0], ap))))
	}
	list := strings.Join(refs, " ")
	f.AddPages(fmt.Sprintf("/AcroForm << /Fields [%s] /NeedAppearances %t /DA (/Helv 0 Tf 0 g) /DR << /Font << /Helv %s >> >> >>", list, needAppearances, font),
		pdfgen.Page{Content: pdfgen.Text(72, 760, 12, public), Extra: "/Annots [" + list + "]"})
	return f.Bytes()
}

func init() {
	register(Case{
		Name:  "form-need-appearances",
		About: "a form with /NeedAppearances true whose fields' stored appearances are stale: viewers draw the values, not the appearances",
		Build: func() []byte {
			return formPage("Application form.", true,
				[2]string{"/V (Jane Citizen, Caf\\351 \\243) /DA (/Helv 12 Tf 0 g)", "HOSTILE-STALE-VALUE"},
				[2]string{"/V (Ref 2026/0417) /Q 2 /DA (/Helv 10 Tf 0 0 1 rg)", "HOSTILE-STALE-REF"})
		},
		Absent:  []string{"HOSTILE-STALE-VALUE", "HOSTILE-STALE-REF"},
		Visible: []string{"Application form.", "Jane Citizen, Café £", "Ref 2026/0417"},
	})
	register(Case{
		Name:  "form-no-appearance",
		About: "filled text fields with no appearance stream at all (a single line, a multiline field, a comb field of 6 cells, an inherited value)",
		Build: func() []byte {
			f := &pdfgen.File{}
			parent := f.Reserve()
			kid := f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Widget /Parent %s /Rect [72 300 372 340] >>", pdfgen.Ref(parent)))
			f.Set(parent, fmt.Sprintf("<< /FT /Tx /T (postcode) /V (KB1 2CD) /DA (/Helv 11 Tf 0 g) /Kids [%s] >>", pdfgen.Ref(kid)))
			fields := []string{
				"<< /Type /Annot /Subtype /Widget /FT /Tx /T (address) /V (12 Market Street) /DA (/Helv 12 Tf 0 g) /Rect [72 650 372 680] >>",
				"<< /Type /Annot /Subtype /Widget /FT /Tx /T (notes) /Ff 4096 /V (First line of the notes\\rSecond line of the notes) /DA (/Helv 10 Tf 0 g) /Rect [72 520 372 600] >>",
				"<< /Type /Annot /Subtype /Widget /FT /Tx /T (code) /Ff 16777216 /MaxLen 6 /V (AB12CD) /DA (/Helv 12 Tf 0 g) /Rect [72 420 252 450] >>",
			}
			var refs []string
			for _, fd := range fields {
				refs = append(refs, pdfgen.Ref(f.Add(fd)))
			}
			refs = append(refs, pdfgen.Ref(kid))
			list := strings.Join(refs, " ")
			f.AddPages(fmt.Sprintf("/AcroForm << /Fields [%s %s] >>", strings.Join(refs[:3], " "), pdfgen.Ref(parent)),
				pdfgen.Page{Content: pdfgen.Text(72, 760, 12, "Return completed by hand."), Extra: "/Annots [" + list + "]"})
			return f.Bytes()
		},
		Visible: []string{"Return completed by hand.", "12 Market Street", "First line of the notes", "Second line of the notes", "KB1 2CD"},
	})
}
