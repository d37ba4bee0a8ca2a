package docx

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
)

// FuzzReferenceDOCX gives the writer reference documents whose styles,
// main document and header parts (or the whole file) are the fuzzer's:
// every one is an error or a DOCX whose parts are well-formed XML and
// whose style references all resolve; never a panic.
func FuzzReferenceDOCX(f *testing.F) {
	base := refDoc(f, refOptions{})
	parts := map[string][]byte{}
	zr, _ := zip.NewReader(bytes.NewReader(base), int64(len(base)))
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		var b bytes.Buffer
		b.ReadFrom(rc)
		rc.Close()
		parts[zf.Name] = b.Bytes()
	}
	f.Add(string(parts["word/styles.xml"]), string(parts["word/document.xml"]), string(parts["word/header1.xml"]), []byte{})
	f.Add(`<w:styles xmlns:w="`+nsW+`"><w:style w:type="table" w:styleId="Normal"><w:name w:val="heading 1"/></w:style></w:styles>`, "", "", []byte{})
	f.Add("", "", "", base)
	f.Add("", "", "", []byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, styles, document, header string, raw []byte) {
		data := raw
		if len(raw) == 0 {
			var b bytes.Buffer
			zw := zip.NewWriter(&b)
			for _, name := range sortedKeys(map[string]string{"[Content_Types].xml": "", "_rels/.rels": "", "word/document.xml": "",
				"word/_rels/document.xml.rels": "", "word/styles.xml": "", "word/header1.xml": "", "word/_rels/header1.xml.rels": "", "word/media/logo.png": "",
				"word/theme/theme1.xml": "", "word/fontTable.xml": ""}) {
				p := parts[name]
				switch name {
				case "word/styles.xml":
					p = []byte(styles)
				case "word/document.xml":
					if document != "" {
						p = []byte(document)
					}
				case "word/header1.xml":
					if header != "" {
						p = []byte(header)
					}
				}
				w, _ := zw.Create(name)
				w.Write(p)
			}
			zw.Close()
			data = b.Bytes()
		}
		d := &doc.Document{Style: doc.DefaultStyle(), Page: doc.Page{Marking: "OFFICIAL", Number: "Page {page} of {pages}", RunningTitle: "Paper"},
			Blocks: []doc.Block{
				&doc.Title{Kicker: "Council", Text: "Committee"},
				&doc.Heading{Level: 1, Number: "1", Text: "Purpose"},
				&doc.NumberedParagraph{Label: "1.1", Blocks: []doc.Block{para("Text.")}},
				&doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{para("item")}}}},
				&doc.Table{Columns: []doc.Column{{}}, Header: [][]doc.Cell{{{Content: doc.Plain("H")}}}, Rows: [][]doc.Cell{{{Content: doc.Plain("c")}}}},
			}}
		d.Style.ReferenceDOCX = data
		var out bytes.Buffer
		if err := Write(&out, d); err != nil {
			if !strings.HasPrefix(err.Error(), "reference_docx: ") {
				t.Fatalf("error without the key: %v", err)
			}
			return
		}
		p := unpack(t, out.Bytes())
		for _, name := range p.names {
			if strings.HasSuffix(name, ".xml") || strings.HasSuffix(name, ".rels") {
				if _, err := decodeXML(p.parts[name]); err != nil {
					t.Fatalf("%s is not well-formed: %v\n%s", name, err, p.parts[name])
				}
			}
		}
		styleIDs := map[string]bool{}
		for _, s := range p.xml(t, "word/styles.xml").all("style") {
			styleIDs[s.attr["styleId"]] = true
		}
		for _, name := range []string{"word/document.xml", "word/header1.xml", "word/footer1.xml"} {
			n := p.xml(t, name)
			for _, ref := range append(n.all("pStyle"), append(n.all("rStyle"), n.all("tblStyle")...)...) {
				if !styleIDs[ref.attr["val"]] {
					t.Fatalf("%s uses style %q, which styles.xml lacks", name, ref.attr["val"])
				}
			}
		}
	})
}
