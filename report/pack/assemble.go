package pack

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pdf"
)

// part is a run of pages in a pack: one of our documents (a paper, a
// notice) or an external PDF.
type part struct {
	item     int    // agenda number
	bookmark string // bookmark title
	level    int    // 0 for an item, 1 for an appendix under it
	doc      *doc.Document
	ext      *source
	stamp    string // exempt pack: the header of an external PDF's pages

	data  []byte
	pages int
	start int
}

// plan lists a pack's parts in agenda order. The public plan never refers
// to an exempt paper's document or an exempt file: those become notices.
func plan(m layout.Meeting, items []*item, exempt bool, date time.Time) []*part {
	var parts []*part
	for _, x := range items {
		title := fmt.Sprintf("%d. %s", x.n, x.title)
		switch {
		case !exempt && x.exemption != "" && (x.paper != nil || x.pdf != nil):
			parts = append(parts, &part{item: x.n, bookmark: title, doc: layout.Notice(m, x.n, x.title, x.exemption, date)})
			continue
		case x.paper != nil:
			stamp := ""
			if exempt {
				stamp = layout.ExemptStampFor(x.exemption)
			}
			parts = append(parts, &part{item: x.n, bookmark: title, doc: withPage(x.paper.Doc, 0, stamp)})
		case x.pdf != nil:
			p := &part{item: x.n, bookmark: title, ext: x.pdf}
			if exempt {
				p.stamp = layout.ExemptStampFor(x.exemption)
			}
			parts = append(parts, p)
			continue
		default:
			continue
		}
		for _, ap := range x.appendices {
			label := fmt.Sprintf("Appendix %s: %s", ap.ref, ap.title)
			switch {
			case !exempt && ap.exemption != "":
				parts = append(parts, &part{item: x.n, level: 1, bookmark: label + " (not for publication)",
					doc: layout.Notice(m, x.n, fmt.Sprintf("%s, appendix %s: %s", x.title, ap.ref, ap.title), ap.exemption, date)})
			default:
				p := &part{item: x.n, level: 1, bookmark: label, ext: ap.file}
				if exempt {
					ex := ap.exemption
					if ex == "" {
						ex = x.exemption
					}
					p.stamp = layout.ExemptStampFor(ex)
				}
				parts = append(parts, p)
			}
		}
	}
	return parts
}

// assemble builds one pack: front sheet, then the parts, numbered through.
func assemble(m layout.Meeting, items []*item, exempt bool, date time.Time, progress func(string, ...any)) ([]byte, error) {
	parts := plan(m, items, exempt, date)
	entries := make([]layout.AgendaEntry, len(items))
	for i, x := range items {
		entries[i] = layout.AgendaEntry{Title: x.title, Text: x.text, Exemption: x.exemption}
	}
	// The front sheet's length decides where item 1 starts. Lay it out
	// with wide placeholder page numbers to learn its length, place the
	// parts after it, then lay it out with the real numbers; repeat in the
	// unlikely case that changes its length.
	for i := range entries {
		entries[i].Page = 9999
	}
	_, info, err := render(layout.FrontSheet(m, entries, exempt, date), 1)
	if err != nil {
		return nil, fmt.Errorf("front sheet: %w", err)
	}
	frontPages := info.Pages
	var front []byte
	for attempt := 0; ; attempt++ {
		next := frontPages + 1
		for _, p := range parts {
			if p.ext != nil {
				p.start, p.pages = next, p.ext.pages
			} else if p.data == nil || p.start != next {
				progress("item %d: laying out %s", p.item, p.bookmark)
				p.start = next
				if p.data, info, err = render(p.doc, p.start); err != nil {
					return nil, fmt.Errorf("item %d: %w", p.item, err)
				}
				p.pages = info.Pages
			}
			next += p.pages
		}
		for i, x := range items {
			entries[i].Page = 0
			for _, p := range parts {
				if p.item == x.n {
					entries[i].Page = p.start
					break
				}
			}
		}
		if front, info, err = render(layout.FrontSheet(m, entries, exempt, date), 1); err != nil {
			return nil, fmt.Errorf("front sheet: %w", err)
		}
		if info.Pages == frontPages || attempt == 3 {
			break
		}
		frontPages = info.Pages
	}
	progress("merging %d parts", len(parts)+1)
	return merge(m, front, frontPages, parts, exempt, date)
}

func render(d *doc.Document, first int) ([]byte, pdf.Info, error) {
	var buf bytes.Buffer
	d.Page.FirstNumber = first
	info, err := pdf.Write(&buf, d)
	return buf.Bytes(), info, err
}

// merge joins the front sheet and parts into one PDF, adds the bookmarks,
// numbers the external PDFs' pages (and stamps them in the exempt pack),
// and sets the pack's own metadata.
func merge(m layout.Meeting, front []byte, frontPages int, parts []*part, exempt bool, date time.Time) ([]byte, error) {
	dest, err := readContext(front)
	if err != nil {
		return nil, fmt.Errorf("front sheet: %w", err)
	}
	dest.EnsureVersionForWriting()
	for _, p := range parts {
		data := p.data
		if p.ext != nil {
			data = p.ext.data
		}
		src, err := readContext(data)
		if err != nil {
			return nil, fmt.Errorf("item %d: %w", p.item, err)
		}
		// Nothing but pages comes across: no outlines, forms,
		// attachments or scripts of the source.
		stripCatalog(src)
		if err := pdfcpu.MergeXRefTables(p.bookmark, src, dest, false, false); err != nil {
			return nil, fmt.Errorf("item %d: merging: %w", p.item, err)
		}
	}
	stripCatalog(dest)
	if err := dest.EnsurePageCount(); err != nil {
		return nil, err
	}
	if err := stampExternal(dest, parts); err != nil {
		return nil, err
	}
	if err := pdfcpu.AddBookmarks(dest, bookmarks(frontPages, parts, exempt), true); err != nil {
		return nil, fmt.Errorf("bookmarks: %w", err)
	}
	title := fmt.Sprintf("%s, %s: agenda pack", m.Committee, m.Date.Format("2 January 2006"))
	if exempt {
		title = fmt.Sprintf("%s, %s: exempt pack (NOT FOR PUBLICATION)", m.Committee, m.Date.Format("2 January 2006"))
	}
	setInfo(dest, title, m.Council)
	if err := api.OptimizeContext(dest); err != nil {
		return nil, fmt.Errorf("optimising: %w", err)
	}
	var buf bytes.Buffer
	if err := api.WriteContext(dest, &buf); err != nil {
		return nil, fmt.Errorf("writing: %w", err)
	}
	return reproducible(buf.Bytes(), date), nil
}

// stripCatalog removes from a document's catalogue everything that is not
// its pages: outlines (the pack makes its own), names (attachments,
// JavaScript), forms, open actions and metadata streams.
func stripCatalog(ctx *model.Context) {
	root, err := ctx.Catalog()
	if err != nil || root == nil {
		return
	}
	for _, k := range []string{"Outlines", "Names", "AcroForm", "OpenAction", "AA", "Metadata", "AF", "StructTreeRoot", "MarkInfo", "PageLabels"} {
		root.Delete(k)
	}
}

func bookmarks(frontPages int, parts []*part, exempt bool) []pdfcpu.Bookmark {
	front := "Front sheet and agenda"
	if exempt {
		front += " (exempt pack)"
	}
	bms := []pdfcpu.Bookmark{{Title: front, PageFrom: 1}}
	for _, p := range parts {
		bm := pdfcpu.Bookmark{Title: p.bookmark, PageFrom: p.start}
		if p.level == 1 && len(bms) > 0 {
			last := &bms[len(bms)-1]
			last.Kids = append(last.Kids, bm)
			continue
		}
		bms = append(bms, bm)
	}
	return bms
}

// stampExternal numbers the pages of external PDFs with their place in
// the pack, and in the exempt pack marks them NOT FOR PUBLICATION.
func stampExternal(ctx *model.Context, parts []*part) error {
	for _, p := range parts {
		if p.ext == nil {
			continue
		}
		pages := types.IntSet{}
		for i := 0; i < p.pages; i++ {
			pages[p.start+i] = true
		}
		wm, err := api.TextWatermark("Page %p", "font:Helvetica, points:9, pos:br, offset:-45 20, scale:1 abs, rot:0, fillc:#000000, bgcol:#FFFFFF, op:1", true, false, types.POINTS)
		if err != nil {
			return err
		}
		if err := api.WatermarkContext(ctx, pages, wm); err != nil {
			return fmt.Errorf("numbering pages of %s: %w", p.bookmark, err)
		}
		if p.stamp != "" {
			wm, err := api.TextWatermark(p.stamp, "font:Helvetica-Bold, points:9, pos:tc, offset:0 -14, scale:1 abs, rot:0, fillc:#AA0000, bgcol:#FFFFFF, op:1", true, false, types.POINTS)
			if err != nil {
				return err
			}
			if err := api.WatermarkContext(ctx, pages, wm); err != nil {
				return fmt.Errorf("stamping %s: %w", p.bookmark, err)
			}
		}
	}
	return nil
}

// setInfo replaces the document information with the pack's own: nothing
// of the merged documents' metadata is carried over.
func setInfo(ctx *model.Context, title, author string) {
	d := types.NewDict()
	d.InsertString("Title", title)
	d.InsertString("Author", author)
	d.InsertString("Creator", "paper")
	ir, err := ctx.IndRefForNewObject(d)
	if err == nil {
		ctx.Info = ir
	}
}

var (
	dateRE = regexp.MustCompile(`/(CreationDate|ModDate)\s*\(D:[0-9]{14}[+\-Z][0-9']*\)`)
	idRE   = regexp.MustCompile(`/ID\s*\[\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*\]`)
)

// reproducible makes pdfcpu's output deterministic: pdfcpu stamps the
// current time into the document information and derives the file
// identifier from it. Both are rewritten in place, with values of the same
// length so no byte offset moves: the dates become the pack's date and
// the identifier a hash of the rest of the file.
func reproducible(b []byte, date time.Time) []byte {
	stamp := []byte(types.DateString(date.UTC()))
	b = dateRE.ReplaceAllFunc(b, func(m []byte) []byte {
		open := bytes.IndexByte(m, '(')
		val := m[open+1 : len(m)-1]
		if len(val) != len(stamp) {
			return m
		}
		out := append([]byte(nil), m[:open+1]...)
		out = append(out, stamp...)
		return append(out, ')')
	})
	loc := idRE.FindSubmatchIndex(b)
	if loc == nil {
		return b
	}
	// Hash the file with the identifier blanked.
	blank := append([]byte(nil), b...)
	for i := loc[2]; i < loc[5]; i++ {
		if blank[i] != '>' && blank[i] != '<' && blank[i] != ' ' {
			blank[i] = '0'
		}
	}
	sum := sha256.Sum256(blank)
	h := []byte(hex.EncodeToString(sum[:]))
	fill := func(start, end int) {
		for i := start; i < end; i++ {
			b[i] = h[(i-start)%len(h)]
		}
	}
	fill(loc[2], loc[3])
	fill(loc[4], loc[5])
	return b
}
