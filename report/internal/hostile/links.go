package hostile

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Links that lead somewhere other than a web page, an e-mail or a page.

func init() {
	register(Case{
		Name:  "link-schemes",
		About: "links with javascript:, file: and data: URIs (one in upper case after spaces), a JavaScript action, a Launch action and a remote GoTo",
		Build: func() []byte {
			actions := []string{
				"<< /S /URI /URI (javascript:alert\\('HOSTILE-JS-URI'\\)) >>",
				"<< /S /URI /URI (  FILE:///C:/HOSTILE-FILE-URI.txt) >>",
				"<< /S /URI /URI (data:text/html,HOSTILE-DATA-URI) >>",
				"<< /S /JavaScript /JS (app.alert\\('HOSTILE-JS-ACTION'\\)) >>",
				"<< /S /Launch /F (HOSTILE-LAUNCH.exe) >>",
				"<< /S /GoToR /F (HOSTILE-REMOTE.pdf) /D [0 /Fit] >>",
				"<< /S /URI /URI (https://www.kingsbridge.example/minutes) >>",
			}
			f := &pdfgen.File{}
			var refs []string
			for i, a := range actions {
				y := 700 - 40*i
				refs = append(refs, pdfgen.Ref(f.Add(fmt.Sprintf("<< /Type /Annot /Subtype /Link /Rect [72 %d 300 %d] /A %s >>", y, y+20, a))))
			}
			f.AddPages("", pdfgen.Page{
				Content: pdfgen.Text(72, 760, 12, "Links to follow."),
				Extra:   "/Annots [" + strings.Join(refs, " ") + "]",
			})
			return f.Bytes()
		},
		Absent: []string{"HOSTILE-JS-URI", "HOSTILE-FILE-URI", "HOSTILE-DATA-URI", "HOSTILE-JS-ACTION", "HOSTILE-LAUNCH",
			"HOSTILE-REMOTE", "/JavaScript", "/Launch", "/GoToR"},
		Visible: []string{"Links to follow."},
	})
}
