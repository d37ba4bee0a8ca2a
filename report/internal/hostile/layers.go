package hostile

import (
	"fmt"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Optional content: layers a viewer does not show.

func init() {
	register(Case{
		Name:  "layer-off",
		About: "text in an optional-content layer switched off in the default configuration (/OCProperties /D /OFF), drawn in large type",
		Build: func() []byte {
			f := &pdfgen.File{}
			ocg := pdfgen.Ref(f.Add("<< /Type /OCG /Name (Draft notes) >>"))
			f.AddPages(fmt.Sprintf("/OCProperties << /OCGs [%[1]s] /D << /ON [] /OFF [%[1]s] >> >>", ocg), pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, "Minutes of the meeting: public text.") +
					"/OC /L1 BDC\n" + pdfgen.Text(72, 400, 48, "HOSTILE-LAYER-OFF") + "EMC\n",
				Resources: "<< /Font << /F1 %[1]s /F2 %[2]s >> /Properties << /L1 " + ocg + " >> >>",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-LAYER-OFF"},
		Visible: []string{"Minutes of the meeting: public text."},
	})

	register(Case{
		Name:  "layer-base-off",
		About: "a layer off because the default configuration's /BaseState is /OFF and no /ON list names it",
		Build: func() []byte {
			f := &pdfgen.File{}
			ocg := pdfgen.Ref(f.Add("<< /Type /OCG /Name (Hidden) >>"))
			f.AddPages(fmt.Sprintf("/OCProperties << /OCGs [%[1]s] /D << /BaseState /OFF >> >>", ocg), pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, "Public text beside a layer.") +
					"/OC /L1 BDC\n" + pdfgen.Text(72, 400, 48, "HOSTILE-BASE-OFF") + "EMC\n",
				Resources: "<< /Font << /F1 %[1]s /F2 %[2]s >> /Properties << /L1 " + ocg + " >> >>",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-BASE-OFF"},
		Visible: []string{"Public text beside a layer."},
	})
	register(Case{
		Name: "layer-ocmd",
		About: "membership dictionaries: /P /AllOn over an on and an off layer, a visibility expression [/And on [/Not on]] " +
			"(both hidden) and [/Or off on] (shown); and an off layer nested inside an on one",
		Build: func() []byte {
			f := &pdfgen.File{}
			on := pdfgen.Ref(f.Add("<< /Type /OCG /Name (On) >>"))
			off := pdfgen.Ref(f.Add("<< /Type /OCG /Name (Off) >>"))
			allOn := pdfgen.Ref(f.Add(fmt.Sprintf("<< /Type /OCMD /OCGs [%s %s] /P /AllOn >>", on, off)))
			veHidden := pdfgen.Ref(f.Add(fmt.Sprintf("<< /Type /OCMD /OCGs [%[1]s] /VE [/And %[1]s [/Not %[1]s]] >>", on)))
			veShown := pdfgen.Ref(f.Add(fmt.Sprintf("<< /Type /OCMD /OCGs [%s] /VE [/Or %s %s] >>", on, off, on)))
			f.AddPages(fmt.Sprintf("/OCProperties << /OCGs [%s %s] /D << /ON [%[1]s] /OFF [%[2]s] >> >>", on, off), pdfgen.Page{
				Content: "/OC /A BDC\n" + pdfgen.Text(72, 700, 24, "HOSTILE-OCMD-ALLON") + "EMC\n" +
					"/OC /V1 BDC\n" + pdfgen.Text(72, 600, 24, "HOSTILE-OCMD-VE") + "EMC\n" +
					"/OC /V2 BDC\n" + pdfgen.Text(72, 500, 24, "Shown by its expression.") + "EMC\n" +
					"/OC /On BDC\n" + pdfgen.Text(72, 400, 24, "Shown in the on layer.") +
					"/OC /Off BDC\n" + pdfgen.Text(72, 300, 24, "HOSTILE-NESTED-OFF") + "EMC\nEMC\n",
				Resources: fmt.Sprintf("<< /Font << /F1 %%[1]s >> /Properties << /A %s /V1 %s /V2 %s /On %s /Off %s >> >>", allOn, veHidden, veShown, on, off),
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-OCMD-ALLON", "HOSTILE-OCMD-VE", "HOSTILE-NESTED-OFF"},
		Visible: []string{"Shown by its expression.", "Shown in the on layer."},
	})
	register(Case{
		Name:  "layer-xobject-off",
		About: "a form XObject whose own /OC names a layer that is off, drawn with Do",
		Build: func() []byte {
			f := &pdfgen.File{}
			ocg := pdfgen.Ref(f.Add("<< /Type /OCG /Name (Stamp) >>"))
			font := pdfgen.Ref(f.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"))
			form := pdfgen.Ref(f.Stream(fmt.Sprintf("/Type /XObject /Subtype /Form /BBox [0 0 500 100] /OC %s /Resources << /Font << /F1 %s >> >>", ocg, font),
				[]byte(pdfgen.Text(10, 40, 36, "HOSTILE-XOBJECT-OFF"))))
			f.AddPages(fmt.Sprintf("/OCProperties << /OCGs [%[1]s] /D << /OFF [%[1]s] >> >>", ocg), pdfgen.Page{
				Content:   pdfgen.Text(72, 760, 12, "Page with a stamp switched off.") + "q 1 0 0 1 50 400 cm /X1 Do Q\n",
				Resources: "<< /Font << /F1 %[1]s >> /XObject << /X1 " + form + " >> >>",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-XOBJECT-OFF"},
		Visible: []string{"Page with a stamp switched off."},
	})
	register(Case{
		Name:  "layer-usage-view-off",
		About: "a layer the default configuration lists as on, switched off on opening by the /AS View usage application (/Usage /View /ViewState /OFF)",
		Build: func() []byte {
			f := &pdfgen.File{}
			ocg := pdfgen.Ref(f.Add("<< /Type /OCG /Name (Screen only off) /Usage << /View << /ViewState /OFF >> >> >>"))
			f.AddPages(fmt.Sprintf("/OCProperties << /OCGs [%[1]s] /D << /ON [%[1]s] /AS [<< /Event /View /OCGs [%[1]s] /Category [/View] >>] >> >>", ocg), pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, "Text outside any layer.") +
					"/OC /L1 BDC\n" + pdfgen.Text(72, 400, 36, "HOSTILE-USAGE-OFF") + "EMC\n",
				Resources: "<< /Font << /F1 %[1]s >> /Properties << /L1 " + ocg + " >> >>",
			})
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-USAGE-OFF"},
		Visible: []string{"Text outside any layer."},
	})
}
