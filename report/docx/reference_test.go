package docx

import (
	"archive/zip"
	"bytes"
	"flag"
	"image"
	"image/png"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavuserifbold"

	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
)

// refOptions shape a reference document built by refDoc.
type refOptions struct {
	// heading1 is the styleId of the template's Heading 1, "Heading1" in
	// an English Word, "berschrift1" in a German one.
	heading1 string
	dotx     bool              // a template's content type
	parts    map[string]string // parts replaced (or, empty, removed)
}

// logoPNG is a small blue picture for the template's header.
func logoPNG() []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 40, 20))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = 0x1D, 0x4F, 0x91, 0xFF
	}
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

// refDoc builds a council's Word template as Word would store one: its
// Heading 1 red and in DejaVu Serif, Normal in DejaVu Sans, margins of
// 2 cm (3 cm on the left), and a logo in the header.
func refDoc(t testing.TB, o refOptions) []byte {
	t.Helper()
	if o.heading1 == "" {
		o.heading1 = "Heading1"
	}
	main := "document.main+xml"
	if o.dotx {
		main = "template.main+xml"
	}
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.` + main + `"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/><Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
		"word/document.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="` + nsW + `" xmlns:r="` + nsR + `"><w:body><w:p><w:pPr><w:pStyle w:val="` + o.heading1 + `"/></w:pPr><w:r><w:t>Template heading</w:t></w:r></w:p>` +
			`<w:sectPr><w:headerReference w:type="default" r:id="rId10"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr></w:body></w:document>`,
		"word/_rels/document.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relBase + `styles" Target="styles.xml"/><Relationship Id="rId2" Type="` + relBase + `theme" Target="theme/theme1.xml"/><Relationship Id="rId3" Type="` + relBase + `fontTable" Target="fontTable.xml"/><Relationship Id="rId10" Type="` + relBase + `header" Target="header1.xml"/><Relationship Id="rId11" Type="` + relHyperlink + `" Target="https://example.org/" TargetMode="External"/></Relationships>`,
		"word/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="` + nsW + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" mc:Ignorable="w14">` +
			`<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:eastAsia="DejaVu Sans" w:cs="DejaVu Sans"/><w:sz w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>` +
			`<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:rFonts w:ascii="DejaVu Sans" w:hAnsi="DejaVu Sans" w:cs="DejaVu Sans"/></w:rPr></w:style>` +
			`<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/></w:style>` +
			`<w:style w:type="paragraph" w:styleId="` + o.heading1 + `"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:ascii="DejaVu Serif" w:hAnsi="DejaVu Serif" w:cs="DejaVu Serif"/><w:b/><w:color w:val="FF0000"/><w:sz w:val="32"/></w:rPr></w:style>` +
			`<w:style w:type="paragraph" w:styleId="Kopfzeile"><w:name w:val="header"/><w:basedOn w:val="Normal"/><w:rPr><w:color w:val="00AA00"/><w:sz w:val="16"/></w:rPr></w:style>` +
			`<w:style w:type="table" w:styleId="Table"><w:name w:val="Table"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="8" w:space="0" w:color="1D4F91"/></w:tblBorders></w:tblPr></w:style>` +
			`<w:style w:type="character" w:styleId="NumberedParagraph"><w:name w:val="Template character style"/></w:style>` +
			`</w:styles>`,
		"word/theme/theme1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Kingsbridge"><a:themeElements><a:clrScheme name="Kingsbridge"><a:dk1><a:srgbClr val="000000"/></a:dk1><a:lt1><a:srgbClr val="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="1D4F91"/></a:dk2><a:lt2><a:srgbClr val="EEEEEE"/></a:lt2><a:accent1><a:srgbClr val="1D4F91"/></a:accent1><a:accent2><a:srgbClr val="E69F00"/></a:accent2><a:accent3><a:srgbClr val="56B4E9"/></a:accent3><a:accent4><a:srgbClr val="009E73"/></a:accent4><a:accent5><a:srgbClr val="F0E442"/></a:accent5><a:accent6><a:srgbClr val="D55E00"/></a:accent6><a:hlink><a:srgbClr val="1D70B8"/></a:hlink><a:folHlink><a:srgbClr val="4C2C92"/></a:folHlink></a:clrScheme><a:fontScheme name="Kingsbridge"><a:majorFont><a:latin typeface="DejaVu Serif"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="DejaVu Sans"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme><a:fmtScheme name="Office"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="6350"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="19050"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`,
		"word/fontTable.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:w="` + nsW + `"><w:font w:name="DejaVu Sans"><w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font><w:font w:name="DejaVu Serif"><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font></w:fonts>`,
		"word/header1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:hdr xmlns:w="` + nsW + `" xmlns:r="` + nsR + `" xmlns:wp="` + nsWP + `" xmlns:a="` + nsA + `" xmlns:pic="` + nsPic + `"><w:p><w:pPr><w:pStyle w:val="Kopfzeile"/></w:pPr><w:r><w:t>Template header text</w:t></w:r><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="914400" cy="457200"/><wp:docPr id="1" name="Logo" descr="Kingsbridge City Council"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="logo.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rId1"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p></w:hdr>`,
		"word/_rels/header1.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + relImage + `" Target="media/logo.png"/></Relationships>`,
		"word/media/logo.png": string(logoPNG()),
	}
	for name, v := range o.parts {
		if v == "" {
			delete(parts, name)
		} else {
			parts[name] = v
		}
	}
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, name := range sortedKeys(parts) {
		f, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		f.Write([]byte(parts[name]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func sortedKeys(m map[string]string) []string { return slices.Sorted(maps.Keys(m)) }

// styleByID returns the style element with id.
func styleWithID(styles *node, id string) *node {
	for _, s := range styles.all("style") {
		if s.attr["styleId"] == id {
			return s
		}
	}
	return nil
}

// TestReferenceDOCX: the DOCX takes the template's styles (its Heading 1,
// red and in DejaVu Serif, under its own id), adds paper's only where the
// template has none, renames the references, and takes the theme, font
// table, margins and header picture, as a .docx or a .dotx.
func TestReferenceDOCX(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    refOptions
	}{
		{"English Word", refOptions{}},
		{"German Word template", refOptions{heading1: "berschrift1", dotx: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h1 := tc.o.heading1
			if h1 == "" {
				h1 = "Heading1"
			}
			d := doctest.Sample()
			d.Style.ReferenceDOCX = refDoc(t, tc.o)
			p := unpack(t, write(t, d))
			styles := p.xml(t, "word/styles.xml")
			h := styleWithID(styles, h1)
			if h == nil {
				t.Fatalf("no style %s", h1)
			}
			if c := h.first("color"); c == nil || c.attr["val"] != "FF0000" {
				t.Errorf("Heading 1 is not the template's red: %v", c)
			}
			if f := h.first("rFonts"); f == nil || f.attr["ascii"] != "DejaVu Serif" {
				t.Errorf("Heading 1 is not in the template's font")
			}
			counts := map[string]int{}
			for _, s := range styles.all("style") {
				counts[s.attr["styleId"]]++
			}
			for id, n := range counts {
				if n > 1 {
					t.Errorf("style %s defined %d times", id, n)
				}
			}
			if tc.o.heading1 != "" && counts["Heading1"] != 0 {
				t.Error("paper's Heading1 was added beside the template's heading 1")
			}
			// Paper's own styles fill the gaps, based on the template's.
			for id, basedOn := range map[string]string{"Heading1Numbered": h1, "ListBullet": "Normal", "CouncilName": "Normal", "Title": "Normal"} {
				s := styleWithID(styles, id)
				if s == nil {
					t.Errorf("paper's %s was not added", id)
					continue
				}
				if b := s.first("basedOn"); b == nil || b.attr["val"] != basedOn {
					t.Errorf("%s is not based on %s", id, basedOn)
				}
			}
			// The template's character style with paper's id keeps it;
			// paper's paragraph style is renamed.
			if s := styleWithID(styles, "PaperNumberedParagraph"); s == nil || s.attr["type"] != "paragraph" {
				t.Error("paper's Numbered Paragraph was not added under another id")
			}
			body := p.xml(t, "word/document.xml")
			ids := map[string]int{}
			for _, ps := range append(body.all("pStyle"), append(body.all("rStyle"), body.all("tblStyle")...)...) {
				ids[ps.attr["val"]]++
				if styleWithID(styles, ps.attr["val"]) == nil {
					t.Errorf("document.xml uses style %s, which styles.xml lacks", ps.attr["val"])
				}
			}
			if ids[h1] == 0 || ids["Table"] == 0 {
				t.Errorf("document.xml does not use the template's %s and Table: %v", h1, ids)
			}
			if ids["Heading1"] != 0 && h1 != "Heading1" || ids["CouncilTable"] != 0 {
				t.Errorf("document.xml still uses paper's ids: %v", ids)
			}
			// Theme, font table, geometry, header picture.
			if !bytes.Contains(p.parts["word/theme/theme1.xml"], []byte(`name="Kingsbridge"`)) {
				t.Error("the template's theme is missing")
			}
			if !bytes.Contains(p.parts["word/_rels/document.xml.rels"], []byte(`Target="theme/theme1.xml"`)) {
				t.Error("the theme has no relationship")
			}
			if !bytes.Contains(p.parts["word/fontTable.xml"], []byte(`w:name="DejaVu Serif"`)) {
				t.Error("the template's font table is missing")
			}
			mar := body.first("sectPr").first("pgMar").attr
			if mar["top"] != "1134" || mar["left"] != "1701" || mar["header"] != "567" {
				t.Errorf("margins %v, want the template's", mar)
			}
			hdr := p.xml(t, "word/header1.xml")
			if n := len(hdr.all("blip")); n != 1 {
				t.Errorf("header has %d pictures, want the template's logo", n)
			}
			if strings.Contains(hdr.plain(), "Template header text") || !strings.Contains(hdr.plain(), "OFFICIAL") {
				t.Errorf("header text %q, want paper's", hdr.plain())
			}
			if ps := hdr.all("pStyle"); len(ps) == 0 || ps[0].attr["val"] != "Kopfzeile" {
				t.Error("the header does not take the template's header style")
			}
			rels := string(p.parts["word/_rels/header1.xml.rels"])
			if !strings.Contains(rels, `Id="rIdTemplate1"`) || !bytes.Equal(p.parts["word/media/template-header1.png"], logoPNG()) {
				t.Errorf("the logo was not copied with its relationship: %s", rels)
			}
			ct := string(p.parts["[Content_Types].xml"])
			if !strings.Contains(ct, "document.main+xml") || strings.Contains(ct, "template.main+xml") {
				t.Error("the content type is not a document's")
			}
		})
	}
}

// TestReferenceDOCXErrors: files that are not Word documents, or are
// hostile, are errors naming the problem, never a panic.
func TestReferenceDOCXErrors(t *testing.T) {
	bomb := func() []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		f, _ := zw.Create("word/document.xml")
		zero := make([]byte, 1<<20)
		for i := 0; i < maxReferencePart>>20+1; i++ {
			f.Write(zero)
		}
		zw.Close()
		return b.Bytes()
	}()
	for _, tc := range []struct {
		name string
		data []byte
		want string
	}{
		{"not a zip", []byte("%PDF-1.7 not a Word document"), "not a Word document or template"},
		{"empty zip", func() []byte { var b bytes.Buffer; zip.NewWriter(&b).Close(); return b.Bytes() }(), "no main document part"},
		{"zip bomb", bomb, "word/document.xml is larger than 16 MB uncompressed"},
		{"no styles", refDoc(t, refOptions{parts: map[string]string{"word/styles.xml": ""}}), "no styles part"},
		{"huge file", make([]byte, maxReference+1), "larger than the 32 MB"},
		{"malformed styles", refDoc(t, refOptions{parts: map[string]string{"word/styles.xml": `<w:styles xmlns:w="` + nsW + `"><w:style>`}}), "word/styles.xml"},
		{"not styles", refDoc(t, refOptions{parts: map[string]string{"word/styles.xml": `<html/>`}}), "not a WordprocessingML styles part"},
		{"absurd margins", refDoc(t, refOptions{parts: map[string]string{"word/document.xml": `<w:document xmlns:w="` + nsW + `"><w:body><w:sectPr><w:pgMar w:top="1" w:right="9000" w:bottom="1" w:left="9000" w:header="0" w:footer="0" w:gutter="0"/></w:sectPr></w:body></w:document>`}}), "margins leave less than an inch"},
		{"bad page size", refDoc(t, refOptions{parts: map[string]string{"word/document.xml": `<w:document xmlns:w="` + nsW + `"><w:body><w:sectPr><w:pgSz w:w="-5" w:h="16838"/></w:sectPr></w:body></w:document>`}}), "page w"},
		{"missing logo", refDoc(t, refOptions{parts: map[string]string{"word/media/logo.png": ""}}), "which the file lacks"},
	} {
		d := doctest.Sample()
		d.Style.ReferenceDOCX = tc.data
		var buf bytes.Buffer
		err := Write(&buf, d)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "reference_docx: ") {
			t.Errorf("%s: error %v, want reference_docx: ...%q", tc.name, err, tc.want)
		}
		if buf.Len() != 0 {
			t.Errorf("%s: wrote %d bytes", tc.name, buf.Len())
		}
	}
}

// TestUnstyledSameBytes: a tree without house style fonts or a
// reference document gives exactly the DOCX it gave before house styles
// (the hash was recorded from that writer; update it with -update only
// for a change meant to alter the default DOCX).
func TestUnstyledSameBytes(t *testing.T) {
	tooltest.SameHash(t, filepath.Join("testdata", "unstyled-sample.sha256"), write(t, doctest.Sample()), *updateGolden)
}

var updateGolden = flag.Bool("update", false, "rewrite testdata/unstyled-sample.sha256")

// TestReferenceDOCXInLibreOfficeAndPandoc opens the DOCX made with the
// template in LibreOffice, as an author would: its headings are set in
// the template's DejaVu Serif and in red, its body in the template's
// DejaVu Sans, and the logo is on the page; pandoc still reads the
// headings as headings.
func TestReferenceDOCXInLibreOfficeAndPandoc(t *testing.T) {
	tooltest.Require(t, "pdffonts")
	tooltest.Require(t, "pdftoppm")
	tooltest.Require(t, "pandoc")
	d := doctest.Sample()
	d.Style.ReferenceDOCX = refDoc(t, refOptions{heading1: "berschrift1", dotx: true})
	// LibreOffice finds the template's fonts in the run's own home, as
	// on an officer's computer with the council's fonts installed.
	dir := t.TempDir()
	fontDir := filepath.Join(dir, ".fonts")
	if err := os.MkdirAll(fontDir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, ttf := range map[string][]byte{"DejaVuSerif-Bold.ttf": dejavuserifbold.TTF, "DejaVuSans.ttf": dejavusans.TTF, "DejaVuSans-Bold.ttf": dejavusansbold.TTF} {
		if err := os.WriteFile(filepath.Join(fontDir, name), ttf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	docxPath := filepath.Join(dir, "templated.docx")
	if err := os.WriteFile(docxPath, write(t, d), 0o644); err != nil {
		t.Fatal(err)
	}
	pdf := tooltest.ConvertToPDF(t, dir, docxPath)[0]
	fonts := string(tooltest.Run(t, "pdffonts", pdf))
	for _, want := range []string{"DejaVuSerif-Bold", "DejaVuSans"} {
		if !strings.Contains(fonts, "+"+want+" ") {
			t.Errorf("LibreOffice's PDF has no %s:\n%s", want, fonts)
		}
	}
	if text := pdfText(t, pdf, 1, 1); !strings.Contains(text, "Purpose of Report") {
		t.Errorf("page 1 lacks the heading:\n%s", text)
	}
	// Red headings (the template's FF0000; paper's own red, the exempt
	// stamp's, is darker and absent here) and the blue logo.
	png := filepath.Join(t.TempDir(), "page")
	tooltest.Run(t, "pdftoppm", "-r", "60", "-f", "1", "-l", "1", "-png", pdf, png)
	img := decodePNG(t, png+"-1.png")
	red, logo := 0, 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			switch {
			case r > 0xD000 && g < 0x5000 && bl < 0x5000:
				red++
			case r>>8 == 0x1D && g>>8 == 0x4F && bl>>8 == 0x91 && y < b.Dy()/8:
				logo++
			}
		}
	}
	if red < 50 {
		t.Errorf("%d red pixels on page 1: the headings are not the template's red", red)
	}
	if logo < 50 {
		t.Errorf("%d logo pixels at the top of page 1: the header's picture is missing", logo)
	}
	native := string(tooltest.Run(t, "pandoc", "-f", "docx", "-t", "native", docxPath))
	for _, want := range []string{`Header
    1
    ( "purpose-of-report"`, `Header
    2`} {
		if !strings.Contains(native, want) {
			t.Errorf("pandoc's native output lacks %q", want)
		}
	}
	if t.Failed() {
		t.Logf("pandoc:\n%.3000s", native)
	}
}

func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// TestLibreOfficeTemplate takes a template as LibreOffice saves one:
// testdata/libreoffice-template.docx is refDoc's template saved by
// LibreOffice 7.4 as .odt and then as .docx again, so it has
// LibreOffice's style names, no w:default on Normal and no theme. Its red
// Heading 1 and its Header style are used, its logo is copied, and every
// style reference resolves.
func TestLibreOfficeTemplate(t *testing.T) {
	ref, err := os.ReadFile(filepath.Join("testdata", "libreoffice-template.docx"))
	if err != nil {
		t.Fatal(err)
	}
	d := doctest.Sample()
	d.Style.ReferenceDOCX = ref
	p := unpack(t, write(t, d))
	styles := p.xml(t, "word/styles.xml")
	if c := styleWithID(styles, "Heading1").first("color"); c == nil || c.attr["val"] != "FF0000" {
		t.Error("Heading 1 is not the template's red")
	}
	if s := styleWithID(styles, "Title"); s == nil {
		t.Error("paper's Title was not added to a template without one")
	}
	ids := map[string]bool{}
	for _, s := range styles.all("style") {
		ids[s.attr["styleId"]] = true
	}
	for _, part := range []string{"word/document.xml", "word/header1.xml", "word/footer1.xml", "word/numbering.xml"} {
		n := p.xml(t, part)
		for _, r := range append(n.all("pStyle"), append(n.all("rStyle"), n.all("tblStyle")...)...) {
			if !ids[r.attr["val"]] {
				t.Errorf("%s uses style %s, which styles.xml lacks", part, r.attr["val"])
			}
		}
	}
	hdr := p.xml(t, "word/header1.xml")
	if len(hdr.all("blip")) != 1 || p.parts["word/media/template-header1.png"] == nil {
		t.Error("the template's logo is not in the header")
	}
	if ps := hdr.all("pStyle"); len(ps) == 0 || ps[0].attr["val"] != "Header" {
		t.Error("the header does not take the template's Header style")
	}
	if _, ok := p.parts["word/theme/theme1.xml"]; ok {
		t.Error("a theme appeared from a template without one")
	}
}
