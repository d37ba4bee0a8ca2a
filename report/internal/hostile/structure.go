package hostile

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/internal/pdfgen"
)

// Structure trees: tagged PDFs whose tree loops, points where it should
// not, is too big to walk naively, or carries text (alternative text,
// replacement text, private keys) for content a reader never sees. A pack
// rebuilds a merged document's tree from a whitelist and keeps only what
// the copied content still holds; these cases check that it does, and
// that the pack made from them is still well tagged (Tagged).

// mc is a marked-content sequence with an MCID around text.
func mc(tag string, mcid int, x, y, pt float64, s string) string {
	return fmt.Sprintf("/%s <</MCID %d>> BDC\n%sEMC\n", tag, mcid, pdfgen.Text(x, y, pt, s))
}

// tagged adds a structure tree to f: root is reserved by the caller and
// set here with the given K and extra entries, once the pages exist.
const taggedCatalog = "/MarkInfo << /Marked true >> /Lang (en-GB) /StructTreeRoot %s"

func init() {
	register(Case{
		Name: "struct-cycle",
		About: "a structure tree whose /K loops (an element lists its parent and itself), with private keys, " +
			"a class map, a role mapped in a circle and a role mapped to nothing standard",
		Build: func() []byte {
			f := &pdfgen.File{}
			root := f.Reserve()
			doc, p1, p2, p3 := f.Reserve(), f.Reserve(), f.Reserve(), f.Reserve()
			pages := f.AddPages(fmt.Sprintf(taggedCatalog, pdfgen.Ref(root)), pdfgen.Page{
				Content: mc("P", 0, 72, 760, 12, "First paragraph of a looping tree.") +
					mc("P", 1, 72, 740, 12, "Second paragraph of a looping tree.") +
					mc("Span", 2, 72, 720, 12, "Third paragraph under a circular role."),
			})
			pg := pdfgen.Ref(pages[0])
			f.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K %s /HostileInfo (HOSTILE-STRUCT-ROOT-KEY) "+
				"/ClassMap << /HostileClass << /O /Layout /HostileNote (HOSTILE-STRUCT-CLASSMAP) >> >> "+
				"/RoleMap << /Para /P /LoopA /LoopB /LoopB /LoopA /Odd /HostileRole >> >>", pdfgen.Ref(doc)))
			f.Set(doc, fmt.Sprintf("<< /Type /StructElem /S /Document /P %s /K [%s %s %s] /Pg %s >>", pdfgen.Ref(root), pdfgen.Ref(p1), pdfgen.Ref(p2), pdfgen.Ref(p3), pg))
			f.Set(p1, fmt.Sprintf("<< /Type /StructElem /S /Para /P %s /Pg %s /K [0 %s %s] /C /HostileClass /HostilePrivate (HOSTILE-STRUCT-PRIVATE) >>",
				pdfgen.Ref(doc), pg, pdfgen.Ref(doc), pdfgen.Ref(p1)))
			f.Set(p2, fmt.Sprintf("<< /Type /StructElem /S /LoopA /P %s /Pg %s /K [1 %s] >>", pdfgen.Ref(doc), pg, pdfgen.Ref(p2)))
			f.Set(p3, fmt.Sprintf("<< /Type /StructElem /S /Odd /P %s /Pg %s /K 2 >>", pdfgen.Ref(doc), pg))
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-STRUCT-ROOT-KEY", "HOSTILE-STRUCT-CLASSMAP", "HOSTILE-STRUCT-PRIVATE", "HostileClass", "HostileRole", "LoopA", "LoopB"},
		Visible: []string{"First paragraph of a looping tree.", "Second paragraph of a looping tree.", "Third paragraph under a circular role."},
		Tagged:  true,
	})
	register(Case{
		Name: "struct-other-page",
		About: "structure elements that claim another page's MCID (twice), an MCID no content has, " +
			"an MCID on an object that is not a page, and content whose MCID no element names",
		Build: func() []byte {
			f := &pdfgen.File{}
			root := f.Reserve()
			a, b, c, d := f.Reserve(), f.Reserve(), f.Reserve(), f.Reserve()
			pages := f.AddPages(fmt.Sprintf(taggedCatalog, pdfgen.Ref(root)),
				pdfgen.Page{Content: mc("P", 0, 72, 760, 12, "Page one paragraph.") + mc("P", 1, 72, 740, 12, "Page one, named by no element.")},
				pdfgen.Page{Content: mc("P", 0, 72, 760, 12, "Page two paragraph.")},
			)
			p1, p2 := pdfgen.Ref(pages[0]), pdfgen.Ref(pages[1])
			f.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K [%s %s %s %s] >>", pdfgen.Ref(a), pdfgen.Ref(b), pdfgen.Ref(c), pdfgen.Ref(d)))
			f.Set(a, fmt.Sprintf("<< /Type /StructElem /S /P /P %s /Pg %s /K [0 << /Type /MCR /Pg %s /MCID 0 >>] >>", pdfgen.Ref(root), p1, p2))
			f.Set(b, fmt.Sprintf("<< /Type /StructElem /S /P /P %s /Pg %s /K 0 >>", pdfgen.Ref(root), p2))
			f.Set(c, fmt.Sprintf("<< /Type /StructElem /S /P /P %s /Pg %s /K [7 << /Type /MCR /Pg %s /MCID 3 >>] /Alt (HOSTILE-NO-CONTENT-ALT) >>", pdfgen.Ref(root), p1, p2))
			f.Set(d, fmt.Sprintf("<< /Type /StructElem /S /P /P %s /Pg %s /K 0 /ActualText (HOSTILE-NOT-A-PAGE) >>", pdfgen.Ref(root), pdfgen.Ref(root)))
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-NO-CONTENT-ALT", "HOSTILE-NOT-A-PAGE"},
		Visible: []string{"Page one paragraph.", "Page one, named by no element.", "Page two paragraph."},
		Tagged:  true,
	})
	register(Case{
		Name:  "struct-huge",
		About: "a structure tree 3,000 elements deep with the page's text at the bottom, and an element listing 30,000 MCIDs no content has",
		Build: func() []byte {
			f := &pdfgen.File{}
			root := f.Reserve()
			const deep = 3000
			elems := make([]int, deep)
			for i := range elems {
				elems[i] = f.Reserve()
			}
			wide := f.Reserve()
			pages := f.AddPages(fmt.Sprintf(taggedCatalog, pdfgen.Ref(root)), pdfgen.Page{
				Content: mc("P", 0, 72, 760, 12, "Text at the bottom of a deep tree."),
			})
			pg := pdfgen.Ref(pages[0])
			f.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K [%s %s] >>", pdfgen.Ref(elems[0]), pdfgen.Ref(wide)))
			for i, n := range elems {
				parent := pdfgen.Ref(root)
				if i > 0 {
					parent = pdfgen.Ref(elems[i-1])
				}
				k := "0"
				if i < deep-1 {
					k = pdfgen.Ref(elems[i+1])
				}
				f.Set(n, fmt.Sprintf("<< /Type /StructElem /S /Div /P %s /Pg %s /K %s >>", parent, pg, k))
			}
			var ks strings.Builder
			for i := 1; i <= 30000; i++ {
				fmt.Fprintf(&ks, "%d ", i)
			}
			f.Set(wide, fmt.Sprintf("<< /Type /StructElem /S /P /P %s /Pg %s /Alt (HOSTILE-WIDE-ALT) /K [%s] >>", pdfgen.Ref(root), pg, ks.String()))
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-WIDE-ALT"},
		Visible: []string{"Text at the bottom of a deep tree."},
		Tagged:  true,
	})
	register(Case{
		Name: "struct-hidden-alt",
		About: "a Figure whose /Alt and a paragraph whose /ActualText describe content in a layer switched off, " +
			"and a marked-content /ActualText on visible text",
		Build: func() []byte {
			f := &pdfgen.File{}
			root := f.Reserve()
			fig, para, vis := f.Reserve(), f.Reserve(), f.Reserve()
			ocg := pdfgen.Ref(f.Add("<< /Type /OCG /Name (Draft) >>"))
			img := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}))
			pages := f.AddPages(fmt.Sprintf("/OCProperties << /OCGs [%[1]s] /D << /OFF [%[1]s] >> >> ", ocg)+fmt.Sprintf(taggedCatalog, pdfgen.Ref(root)), pdfgen.Page{
				Content: "/Span <</MCID 0 /ActualText (HOSTILE-MC-ACTUALTEXT)>> BDC\n" + pdfgen.Text(72, 760, 12, "A visible paragraph.") + "EMC\n" +
					"/OC /L1 BDC\n/Figure <</MCID 1>> BDC\nq 100 0 0 100 72 500 cm /Im1 Do Q\nEMC\n" +
					mc("P", 2, 72, 400, 12, "HOSTILE-LAYER-TEXT") + "EMC\n",
				Resources: "<< /Font << /F1 %[1]s >> /XObject << /Im1 " + img + " >> /Properties << /L1 " + ocg + " >> >>",
			})
			pg := pdfgen.Ref(pages[0])
			f.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K [%s %s %s] >>", pdfgen.Ref(vis), pdfgen.Ref(fig), pdfgen.Ref(para)))
			f.Set(vis, fmt.Sprintf("<< /Type /StructElem /S /P /P %s /Pg %s /K 0 >>", pdfgen.Ref(root), pg))
			f.Set(fig, fmt.Sprintf("<< /Type /StructElem /S /Figure /P %s /Pg %s /K 1 /Alt (HOSTILE-HIDDEN-ALT) >>", pdfgen.Ref(root), pg))
			f.Set(para, fmt.Sprintf("<< /Type /StructElem /S /P /P %s /Pg %s /K 2 /ActualText (HOSTILE-HIDDEN-ACTUALTEXT) >>", pdfgen.Ref(root), pg))
			return f.Bytes()
		},
		Absent:  []string{"HOSTILE-HIDDEN-ALT", "HOSTILE-HIDDEN-ACTUALTEXT", "HOSTILE-MC-ACTUALTEXT", "HOSTILE-LAYER-TEXT"},
		Visible: []string{"A visible paragraph."},
		Tagged:  true,
	})
	register(Case{
		Name:  "struct-figure-alt",
		About: "a tagged page with a heading and a Figure with alternative text on a visible image: kept in a public pack, never in the public pack when the file is exempt",
		Build: func() []byte {
			f := &pdfgen.File{}
			root := f.Reserve()
			h, fig := f.Reserve(), f.Reserve()
			img := pdfgen.Ref(f.Stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", []byte{0, 255, 255, 0}))
			pages := f.AddPages(fmt.Sprintf(taggedCatalog, pdfgen.Ref(root)), pdfgen.Page{
				Content:   mc("H1", 0, 72, 760, 16, "HOSTILE-STRUCT-HEADING") + "/Figure <</MCID 1>> BDC\nq 100 0 0 100 72 500 cm /Im1 Do Q\nEMC\n",
				Resources: "<< /Font << /F1 %[1]s >> /XObject << /Im1 " + img + " >> >>",
			})
			pg := pdfgen.Ref(pages[0])
			f.Set(root, fmt.Sprintf("<< /Type /StructTreeRoot /K [%s %s] >>", pdfgen.Ref(h), pdfgen.Ref(fig)))
			f.Set(h, fmt.Sprintf("<< /Type /StructElem /S /H1 /P %s /Pg %s /K 0 >>", pdfgen.Ref(root), pg))
			f.Set(fig, fmt.Sprintf("<< /Type /StructElem /S /Figure /P %s /Pg %s /K 1 /Alt (HOSTILE-FIGURE-ALT) /A << /O /Layout /BBox [72 500 172 600] /Placement /Block >> >>", pdfgen.Ref(root), pg))
			return f.Bytes()
		},
		Visible: []string{"HOSTILE-STRUCT-HEADING"},
		Tagged:  true,
	})
}
