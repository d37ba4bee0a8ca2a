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
}
