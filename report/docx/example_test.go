package docx_test

import (
	"archive/zip"
	"bytes"
	"fmt"
	"log"
	"time"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/docx"
)

// Write a one-page paper and list the parts of the package.
func Example() {
	d := &doc.Document{
		Meta:  doc.Meta{Title: "Complaints annual report", Language: "en-GB", Date: time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)},
		Page:  doc.Page{Marking: "OFFICIAL", Number: "Page {page} of {pages}"},
		Style: doc.DefaultStyle(),
		Blocks: []doc.Block{
			&doc.Title{Kicker: "Kingsbridge City Council", Text: "Audit and Governance Committee"},
			&doc.Heading{Level: 1, Number: "1", Text: "Executive Summary"},
			&doc.NumberedParagraph{Label: "1.1", Blocks: []doc.Block{
				&doc.Paragraph{Content: doc.Plain("The council received 39 Ombudsman enquiries.")},
			}},
		},
	}
	var buf bytes.Buffer
	if err := docx.Write(&buf, d); err != nil {
		log.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range zr.File {
		fmt.Println(f.Name)
	}
	// Output:
	// [Content_Types].xml
	// _rels/.rels
	// docProps/core.xml
	// docProps/app.xml
	// word/document.xml
	// word/_rels/document.xml.rels
	// word/styles.xml
	// word/numbering.xml
	// word/settings.xml
	// word/fontTable.xml
	// word/header1.xml
	// word/footer1.xml
}
