package docx

import (
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/doc"
)

// Header and footer parts. When the paper has a running title, the
// section has a different first page (w:titlePg): page 1 uses the first
// header, which omits it, and the first footer, identical to the default.
const (
	partHeader      = "header1.xml"
	partFooter      = "footer1.xml"
	partFirstHeader = "header2.xml"
	partFirstFooter = "footer2.xml"
)

// titlePg reports whether the first page's header differs.
func titlePg(p doc.Page) bool { return p.RunningTitle != "" }

// header writes a header part. The first line carries the protective
// marking, centred, and "DRAFT" at the right margin; the running title
// (not on the first page) sits under it, ruled off from the body; the
// exempt stamp follows, centred. A draft's header also anchors the
// watermark: the VML text shape Word itself inserts for Design >
// Watermark, so Word lists it as the document's watermark and an author
// removes it with Remove Watermark at sign-off.
func header(h house, p doc.Page, first bool, shape int) []byte {
	var b xb
	b.raw(xmlHeader + `<w:hdr` + nsHeaderFooter + `>`)
	n := 0
	if p.Marking != "" || p.Draft != "" {
		n++
		b.raw(`<w:p><w:pPr><w:pStyle w:val="` + sHeader + `"/></w:pPr>`)
		if p.Draft != "" {
			watermark(&b, shape, p.Draft)
		}
		if p.Marking != "" {
			b.raw(`<w:r><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="` + sStrong + `"/></w:rPr>`)
			b.runText(p.Marking)
			b.raw(`</w:r>`)
		}
		if p.Draft != "" {
			if p.Marking == "" {
				b.raw(`<w:r><w:tab/></w:r>`)
			}
			b.raw(`<w:r><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="` + sDraftMark + `"/></w:rPr>`)
			b.runText(p.Draft)
			b.raw(`</w:r>`)
		}
		b.raw(`</w:p>`)
	}
	if !first && p.RunningTitle != "" {
		n++
		b.raw(`<w:p><w:pPr><w:pStyle w:val="` + sRunning + `"/></w:pPr><w:r>`)
		b.runText(p.RunningTitle)
		b.raw(`</w:r></w:p>`)
	}
	if p.Stamp != "" {
		n++
		b.raw(`<w:p><w:pPr><w:pStyle w:val="` + sStamp + `"/></w:pPr><w:r>`)
		b.runText(p.Stamp)
		b.raw(`</w:r></w:p>`)
	}
	if n == 0 {
		// A header part must hold at least one paragraph.
		b.raw(`<w:p><w:pPr><w:pStyle w:val="` + sHeader + `"/></w:pPr></w:p>`)
	}
	b.raw(`</w:hdr>`)
	return b.Bytes()
}

// watermark writes Word's watermark shape: the draft's mark ("DRAFT") in
// light grey, diagonal, centred on the page behind the text.
func watermark(b *xb, shape int, mark string) {
	b.raw(`<w:r><w:rPr><w:noProof/></w:rPr><w:pict>`)
	b.raw(`<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" path="m@7,l@8,m@5,21600l@6,21600e">` +
		`<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/><v:f eqn="sum 0 0 @2"/>` +
		`<v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/><v:f eqn="if @0 0 @2"/>` +
		`<v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/><v:f eqn="mid @7 @8"/>` +
		`<v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>` +
		`<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800" o:connectangles="270,180,90,0"/>` +
		`<v:textpath on="t" fitshape="t"/><v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>` +
		`<o:lock v:ext="edit" text="t" shapetype="t"/></v:shapetype>`)
	b.rawInts(`<v:shape id="PowerPlusWaterMarkObject`, shape, `" o:spid="_x0000_s`, 2048+shape, `" type="#_x0000_t136" `)
	b.raw(`style="position:absolute;margin-left:0;margin-top:0;width:440pt;height:140pt;rotation:315;z-index:-251657216;` +
		`mso-position-horizontal:center;mso-position-horizontal-relative:margin;mso-position-vertical:center;mso-position-vertical-relative:margin" ` +
		`o:allowincell="f" fillcolor="#c8c8c8" stroked="f"><v:fill opacity=".5"/>` +
		`<v:textpath style="font-family:&quot;Arial&quot;;font-size:1pt" string="`)
	b.attr(mark)
	b.raw(`"/><w10:wrap anchorx="margin" anchory="margin"/></v:shape></w:pict></w:r>`)
}

// footer writes a footer part: the protective marking centred and the
// page number at the right margin, as real PAGE and NUMPAGES fields so
// Word and LibreOffice fill them in on every page.
func footer(p doc.Page) []byte {
	var b xb
	b.raw(xmlHeader + `<w:ftr` + nsHeaderFooter + `><w:p><w:pPr><w:pStyle w:val="` + sFooter + `"/></w:pPr>`)
	if p.Marking != "" {
		b.raw(`<w:r><w:tab/></w:r><w:r><w:rPr><w:rStyle w:val="` + sStrong + `"/></w:rPr>`)
		b.runText(p.Marking)
		b.raw(`</w:r>`)
	}
	if p.Number != "" {
		if p.Marking == "" {
			b.raw(`<w:r><w:tab/></w:r>`)
		}
		b.raw(`<w:r><w:tab/></w:r>`)
		pageNumber(&b, p)
	}
	b.raw(`</w:p></w:ftr>`)
	return b.Bytes()
}

// pageNumber writes the words of the page number with PAGE and NUMPAGES
// fields in place of doc.PageField and doc.PagesField.
func pageNumber(b *xb, p doc.Page) {
	s := p.Number
	for s != "" {
		i, n, instr, placeholder := len(s), 0, "", 0
		if j := strings.Index(s, doc.PageField); j >= 0 && j < i {
			i, n, instr, placeholder = j, len(doc.PageField), "PAGE", max(p.FirstNumber, 1)
		}
		if j := strings.Index(s, doc.PagesField); j >= 0 && j < i {
			i, n, instr, placeholder = j, len(doc.PagesField), "NUMPAGES", 1
		}
		if i > 0 {
			b.raw(`<w:r>`)
			b.runText(s[:i])
			b.raw(`</w:r>`)
		}
		if n > 0 {
			field(b, instr, placeholder)
		}
		s = s[i+n:]
	}
}

// field writes a complex field with a placeholder result, which Word and
// LibreOffice replace when they lay the page out.
func field(b *xb, instr string, placeholder int) {
	b.raw(`<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> ` + instr +
		` </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>`)
	b.rawInts(`<w:r><w:rPr><w:noProof/></w:rPr><w:t>`, placeholder, `</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>`)
}

// sectPr writes the section properties: header and footer references, A4
// portrait, margins from the house style, headers and footers 7 mm from
// the edge, the first page number, and a different first page when
// there is a running title.
func sectPr(b *xb, h house, p doc.Page) {
	b.raw(`<w:sectPr><w:headerReference w:type="default" r:id="` + ridHeader + `"/>`)
	if titlePg(p) {
		b.raw(`<w:headerReference w:type="first" r:id="` + ridFirstHeader + `"/>`)
	}
	b.raw(`<w:footerReference w:type="default" r:id="` + ridFooter + `"/>`)
	if titlePg(p) {
		b.raw(`<w:footerReference w:type="first" r:id="` + ridFirstFooter + `"/>`)
	}
	b.rawInts(`<w:pgSz w:w="`, h.pageW, `" w:h="`, h.pageH, `"/>`)
	b.rawInts(`<w:pgMar w:top="`, h.top, `" w:right="`, h.right, `" w:bottom="`, h.bottom, `" w:left="`, h.left,
		`" w:header="`, h.headerDist, `" w:footer="`, h.footerDist, `" w:gutter="`, h.gutter, `"/>`)
	if p.FirstNumber > 0 {
		b.raw(`<w:pgNumType w:start="` + strconv.Itoa(p.FirstNumber) + `"/>`)
	}
	b.raw(`<w:cols w:space="708"/>`)
	if titlePg(p) {
		b.raw(`<w:titlePg/>`)
	}
	b.raw(`<w:docGrid w:linePitch="360"/></w:sectPr>`)
}
