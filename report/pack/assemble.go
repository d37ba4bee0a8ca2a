package pack

import (
	"bytes"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pdf"
)

// part is a run of pages in a pack: one of the pack's own documents (the
// front sheet, a paper, a notice) or an external PDF.
type part struct {
	item     int    // agenda number; 0 for the front sheet
	bookmark string // bookmark title
	what     string // what it is, for progress: "the paper"
	level    int    // 0 for an item, 1 for an appendix under it
	doc      *doc.Document
	ext      *source
	// stamp is the exempt pack's NOT FOR PUBLICATION stamp, two lines;
	// empty in the public pack.
	stamp [2]string

	ctx   *model.Context // the part's pages, parsed
	pages int
	start int // number of its first page in the pack
	// paper is set for a paper laid out by the pack: its bookmarks (the
	// headings) go under its item's.
	paper bool
	// copied maps the part's source pages to their copies.
	copied map[int]outRef
	// bare is set for a document copied on its own (a file of the web
	// site), not into a pack: its pages keep their size and carry no
	// furniture of the pack's.
	bare bool
	// written is set for the pack's own documents: the PDF report/pdf
	// wrote, which every part holding the document (a paper is in both
	// packs) copies from.
	written *written
	// outline is a paper's bookmarks, read when its pages are copied.
	outline []*bookmark
	// done is set once the part has had its turn at written, copied or
	// abandoned.
	done bool
}

// written is one of the pack's own documents as report/pdf wrote it,
// shared by the parts of both packs that hold it. It is parsed when the
// first of them is copied and the parse dropped when the last has been
// (a few hundred KB of PDF against some MB parsed), so that a pack of
// many papers holds few parsed at a time.
type written struct {
	mu    sync.Mutex
	data  []byte
	ctx   *model.Context
	users int // parts still to copy it
	// slots bounds how many documents shared by both packs are parsed
	// at once, when one pack's copying runs ahead of the other's; held
	// is set while this one has a slot.
	slots chan struct{}
	held  bool
}

// parsedAhead is how many documents one pack may have parsed that the
// other has still to copy.
const parsedAhead = 4

// open locks the part's pages for copying, parsing them first if need
// be, and returns the function that unlocks them. Both packs, written
// side by side, copy from the same parsed files, and pdfcpu's lookups are
// not safe for concurrent use.
func (p *part) open() (release func(), err error) {
	switch {
	case p.ext != nil:
		p.ext.mu.Lock()
		p.ctx = p.ext.ctx
		return func() { p.ctx = nil; p.ext.mu.Unlock() }, nil
	case p.written != nil:
		w := p.written
		w.mu.Lock()
		if w.ctx == nil {
			if w.slots != nil {
				// Waits for the other pack to copy what it is behind
				// on; it never needs this document's lock for that,
				// as it copies in the same order.
				w.slots <- struct{}{}
				w.held = true
			}
			ctx, err := readOwn(w.data)
			if err != nil {
				if w.held {
					<-w.slots
					w.held = false
				}
				w.mu.Unlock()
				return nil, fmt.Errorf("reading back the laid-out pages: %w", err)
			}
			w.ctx = ctx
		}
		p.ctx = w.ctx
		return func() {
			p.ctx, p.done = nil, true
			w.drop()
			w.mu.Unlock()
		}, nil
	}
	return func() {}, nil
}

// drop ends one part's use of w, with w locked: the last frees the parse
// and its slot.
func (w *written) drop() {
	if w.users--; w.users <= 0 {
		w.ctx = nil
		if w.held {
			<-w.slots
			w.held = false
		}
	}
}

// abandon gives up the part's use of its written document when its pack
// stops (on an error) before copying it, so that the other pack, which
// may be waiting for a slot, does not wait for ever.
func (p *part) abandon() {
	if p.written == nil || p.done {
		return
	}
	p.done = true
	p.written.mu.Lock()
	p.written.drop()
	p.written.mu.Unlock()
}

// Page geometry of the pack's own documents (report/pdf draws A4 with the
// house style's margins): where the pack prints "Page N" and the stamp.
const (
	mm = 72 / 25.4
	// Extra top margin for the exempt pack's stamp, only for a house
	// style whose top margin is too shallow to hold it (stampPlace);
	// papers then keep it in the public pack too, so that a paper is laid
	// out once for both packs (packDoc).
	stampRoom = 9.0 // mm
	// Width of the clear band the pack leaves round an external page,
	// which it shrinks about its centre to make room for the furniture.
	extBand       = 26.0 // points, public pack
	extBandExempt = 36.0 // points, exempt pack (stamp at the top)
)

// plan lists a pack's parts in agenda order. The public plan never refers
// to an exempt paper's document or an exempt file: those become notices.
// papers are the items' papers as the packs lay them out, one document
// per paper for both packs.
func plan(m layout.Meeting, items []*item, exempt bool, packStamp [2]string, date time.Time, papers map[*item]*doc.Document) []*part {
	var parts []*part
	stampFor := func(exemption string) [2]string {
		if !exempt {
			return [2]string{}
		}
		if exemption == "" {
			return packStamp
		}
		return m.ExemptStamp(exemption)
	}
	for _, x := range items {
		title := fmt.Sprintf("%d. %s", x.n, x.title)
		switch {
		case !exempt && x.exemption != "" && (x.paper != nil || x.pdf != nil):
			parts = append(parts, &part{item: x.n, bookmark: title + " (not for publication)", what: "the notice in its place",
				doc: layout.Notice(m, x.notice(), date)})
			continue
		case x.paper != nil:
			parts = append(parts, &part{item: x.n, bookmark: title, what: "the paper", doc: papers[x], stamp: stampFor(x.exemption), paper: true})
		case x.pdf != nil:
			parts = append(parts, &part{item: x.n, bookmark: title, ext: x.pdf, stamp: stampFor(x.exemption)})
			continue
		default:
			// A text item: bookmarked to the agenda, where its text is.
			parts = append(parts, &part{item: x.n, bookmark: title})
			continue
		}
		for _, ap := range x.appendices {
			label := fmt.Sprintf("Appendix %s: %s", ap.ref, ap.title)
			if !exempt && ap.exemption != "" {
				parts = append(parts, &part{item: x.n, level: 1, bookmark: label + " (not for publication)", what: "the notice for appendix " + ap.ref,
					doc: layout.Notice(m, x.appendixNotice(ap), date)})
				continue
			}
			ex := ap.exemption
			if ex == "" {
				ex = x.exemption
			}
			parts = append(parts, &part{item: x.n, level: 1, bookmark: label, ext: ap.file, stamp: stampFor(ex)})
		}
	}
	return parts
}

// entry is the item as the public agenda lists it.
func (x *item) entry() layout.AgendaEntry {
	return layout.AgendaEntry{Title: x.title, Text: x.text, ReportOf: x.reportOf, Exemption: x.exemption}
}

// notice says what the notice standing for an exempt item stands for.
func (x *item) notice() layout.NoticeOf {
	return layout.NoticeOf{Item: x.n, Title: x.title, Exemption: x.exemption, Paragraphs: x.paragraphs, Paper: x.paper != nil}
}

// appendixNotice says what the notice standing for an exempt appendix
// of a public paper stands for.
func (x *item) appendixNotice(ap appendix) layout.NoticeOf {
	return layout.NoticeOf{Item: x.n, Title: x.title, Appendix: ap.ref, AppendixTitle: ap.title, Exemption: ap.exemption, Paragraphs: ap.paragraphs}
}

// packDoc returns a shallow copy of a paper's document for the packs: no
// page numbers or stamp of its own (the pack prints both). The exempt
// pack's stamp goes in the top margin, so the paper is laid out as in
// its own PDF and written once for both packs; only when the meeting has
// an exempt pack and the house style's top margin cannot hold the stamp
// (stampPlace) is the margin deepened, in both packs alike, so that the
// paper still has the same pages in each.
func packDoc(d *doc.Document, stamped bool) *doc.Document {
	c := *d
	c.Page.Number = ""
	c.Page.FirstNumber = 0
	c.Page.Draft = ""
	c.Page.Stamp = ""
	if _, _, fits := stampPlace(c.Style); stamped && !fits {
		c.Style.Margins[0] += stampRoom
	}
	return &c
}

// Where report/pdf draws in the top margin of a page (mm from the top,
// whatever the house style): the classification marking's line from
// markingTop, and from page 2 the running title's from runningTop, both
// at the style's small size.
const (
	markingTop = 7.0
	runningTop = 11.5
)

// Vertical metrics of the furniture fonts (and report/pdf's), as
// fractions of the size: the top and bottom of a line's box about its
// baseline, and where report/pdf puts the baseline below a line's top.
const (
	fontAscent  = 0.905
	fontDescent = 0.212
	lineBase    = 0.93
)

// stampClear is the least space between a line of the stamp and the text
// above or below it, mm.
const stampClear = 0.4

// stampPlace returns where the exempt stamp's two lines go on a page of
// one of the pack's own documents laid out in style st: their baselines,
// in mm from the top of the page. The first (NOT FOR PUBLICATION) sits
// above the classification marking; the second (what makes it exempt)
// is centred in the room between the running title and the body's first
// line. fits reports whether that room holds it clear of both; when it
// does not, the document needs stampRoom more top margin.
func stampPlace(st doc.Style) (first, second float64, fits bool) {
	if st.BodySize == 0 {
		st = doc.DefaultStyle() // as report/pdf lays such a document out
	}
	small := st.SmallSize * ptMM
	s1, s2 := (st.SmallSize+1)*ptMM, (st.SmallSize-1)*ptMM
	first = markingTop - stampClear/2 - fontDescent*s1
	above := runningTop + (lineBase+fontDescent)*small // the running title's foot
	below := st.Margins[0]                             // the body's first line's top
	second = (above+below)/2 + (fontAscent-fontDescent)/2*s2
	return first, second, below-above >= (fontAscent+fontDescent)*s2+2*stampClear
}

// ptMM is a point in millimetres.
const ptMM = 25.4 / 72

// assemble builds the public pack and, when withExempt is set, the
// exempt pack. Each paper is laid out, written and parsed once for both;
// then the two packs are put together side by side.
func assemble(m layout.Meeting, items []*item, withExempt bool, date time.Time, progress func(string, ...any)) (public, exempt []byte, err error) {
	// Whether a shallow top margin is deepened for the stamp (packDoc)
	// turns on the meeting having exempt business, whichever formats are
	// written, so that the public pack is the same file on the web site
	// and beside the exempt pack.
	stamped := anyExempt(items)
	papers := map[*item]*doc.Document{}
	for _, x := range items {
		if x.paper != nil {
			papers[x] = packDoc(x.paper.Doc, stamped)
		}
	}
	kinds := []bool{false}
	if withExempt {
		kinds = append(kinds, true)
	}
	var stamps [2][2]string
	var plans [2][]*part
	var all []*part
	for _, ex := range kinds {
		k := packIndex(ex)
		if ex {
			stamps[k] = m.PackStamp(packExemption(items))
		}
		plans[k] = plan(m, items, ex, stamps[k], date, papers)
		all = append(all, plans[k]...)
	}
	if err := render(all, progress); err != nil {
		return nil, nil, err
	}
	var packs [2][]byte
	var errs [2]error
	var mu sync.Mutex
	say := func(format string, args ...any) {
		mu.Lock()
		defer mu.Unlock()
		progress(format, args...)
	}
	var wg sync.WaitGroup
	for _, ex := range kinds {
		k := packIndex(ex)
		wg.Add(1)
		go func() {
			defer wg.Done()
			packs[k], errs[k] = assembleOne(m, items, plans[k], ex, stamps[k], date, say)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, nil, err
		}
	}
	return packs[0], packs[1], nil
}

// packIndex is 0 for the public pack, 1 for the exempt pack.
func packIndex(exempt bool) int {
	if exempt {
		return 1
	}
	return 0
}

// assembleOne builds one pack from its rendered parts: front sheet, then
// the parts, numbered through.
func assembleOne(m layout.Meeting, items []*item, parts []*part, exempt bool, packStamp [2]string, date time.Time, progress func(string, ...any)) ([]byte, error) {
	defer func() {
		for _, p := range parts {
			p.abandon()
		}
	}()
	entries := make([]layout.AgendaEntry, len(items))
	for i, x := range items {
		entries[i] = x.entry()
	}
	// The front sheet's length decides where item 1 starts. Lay it out
	// with wide placeholder page numbers to learn its length, number the
	// parts after it, then lay it out with the real numbers; repeat in the
	// unlikely case that changes its length.
	for i := range entries {
		entries[i].Page = 9999
	}
	front := &part{bookmark: "Front sheet and agenda", stamp: packStamp, start: 1}
	for attempt := 0; ; attempt++ {
		front.doc = layout.FrontSheet(m, entries, exempt, date)
		if _, _, fits := stampPlace(front.doc.Style); exempt && !fits {
			front.doc.Style.Margins[0] += stampRoom
		}
		if err := render([]*part{front}, nil); err != nil {
			return nil, fmt.Errorf("front sheet: %w", err)
		}
		next := front.pages + 1
		for _, p := range parts {
			p.start = next
			if p.pages == 0 {
				// A text item: its bookmark leads to the agenda.
				p.start = 1
			}
			next += p.pages
		}
		changed := false
		for i, x := range items {
			page := 0
			for _, p := range parts {
				if p.item == x.n && p.pages > 0 {
					page = p.start
					break
				}
			}
			changed = changed || entries[i].Page != page
			entries[i].Page = page
		}
		if !changed || attempt == 3 {
			break
		}
	}
	progress("writing the %s pack", map[bool]string{false: "public", true: "exempt"}[exempt])
	return write(m, front, parts, exempt, date)
}

// single writes one document on its own, as a file of the web site: its
// pages copied exactly as the public pack copies them (the same
// whitelist of what a page displays, the same rebuilt structure tree),
// but at their own size, without the pack's page numbers, and with the
// document's own bookmarks (a paper's headings) and metadata.
func single(m layout.Meeting, p *part, date time.Time, title string) ([]byte, error) {
	p.bare, p.start = true, 1
	if err := render([]*part{p}, nil); err != nil {
		return nil, err
	}
	subject := fmt.Sprintf("%s, %s, item %d", m.Committee, m.Date.Format("2 January 2006"), p.item)
	return writeFile(m, nil, []*part{p}, false, date, title, subject)
}

// packExemption words the union of every exempt item's and appendix's
// paragraphs, for the exempt pack's own pages.
func packExemption(items []*item) string {
	seen := map[int]bool{}
	var all []int
	add := func(ps []int) {
		for _, p := range ps {
			if !seen[p] {
				seen[p] = true
				all = append(all, p)
			}
		}
	}
	for _, x := range items {
		add(x.paragraphs)
		for _, ap := range x.appendices {
			add(ap.paragraphs)
		}
	}
	return exemptionWording(all)
}

// render lays out and writes the parts that are the pack's own
// documents, in parallel, and counts every part's pages. Parts with the
// same document (a paper in both packs) share one written PDF.
func render(parts []*part, progress func(string, ...any)) error {
	var firsts []*part // the first part of each document
	same := map[*doc.Document][]*part{}
	for _, p := range parts {
		switch {
		case p.ext != nil:
			p.pages = p.ext.pages
		case p.doc != nil:
			if len(same[p.doc]) == 0 {
				firsts = append(firsts, p)
			}
			same[p.doc] = append(same[p.doc], p)
		}
	}
	errs := make([]error, len(firsts))
	announce := func(i int) {
		if progress != nil {
			progress("item %d: laying out %s", firsts[i].item, firsts[i].what)
		}
	}
	each(len(firsts), announce, func(i int) { errs[i] = renderPart(firsts[i]) })
	for i, err := range errs {
		if err != nil {
			if firsts[i].item == 0 {
				return err
			}
			return fmt.Errorf("item %d (%s): %w", firsts[i].item, firsts[i].bookmark, err)
		}
	}
	slots := make(chan struct{}, parsedAhead)
	for _, p := range firsts {
		p.written.users = len(same[p.doc])
		if p.written.users > 1 {
			p.written.slots = slots
		}
		for _, q := range same[p.doc] {
			q.written, q.pages = p.written, p.pages
		}
	}
	return nil
}

// renderPart writes one of the pack's own documents.
func renderPart(p *part) error {
	var buf bytes.Buffer
	info, err := pdf.Write(&buf, p.doc)
	if err != nil {
		return err
	}
	// Kept until both packs have copied it: without the buffer's spare
	// capacity, up to as much again.
	p.written, p.pages = &written{data: bytes.Clone(buf.Bytes())}, info.Pages
	return nil
}

// furnitureMu serialises copying from the furniture fonts' parsed file.
var furnitureMu sync.Mutex

// write serialises a pack: the front sheet and parts' pages with the
// pack's furniture, the bookmarks and the pack's own metadata.
func write(m layout.Meeting, front *part, parts []*part, exempt bool, date time.Time) ([]byte, error) {
	title := fmt.Sprintf("%s, %s: agenda pack", m.Committee, m.Date.Format("2 January 2006"))
	subject := "Agenda and reports"
	if exempt {
		title = fmt.Sprintf("%s, %s: exempt pack (NOT FOR PUBLICATION)", m.Committee, m.Date.Format("2 January 2006"))
		subject = "Agenda and reports, with exempt information: not for publication"
	}
	return writeFile(m, front, parts, exempt, date, title, subject)
}

// writeFile serialises a pack with the title and subject given; with no
// front sheet, one document on its own (single), bookmarked with its own
// headings.
func writeFile(m layout.Meeting, front *part, parts []*part, exempt bool, date time.Time, title, subject string) ([]byte, error) {
	ff, err := loadFonts()
	if err != nil {
		return nil, err
	}
	out := &output{}
	catalog := out.reserve()
	pagesRef := out.reserve()
	// The furniture fonts draw the pack's page numbers and stamps, and
	// the values of form fields; a document on its own without a form
	// needs neither.
	var regular, bold outRef
	if front != nil || slices.ContainsFunc(parts, func(p *part) bool { return p.ext != nil && p.ext.form }) {
		// The fonts' parsed file is shared by every pack and site
		// file, which may be written side by side: copied from one at
		// a time.
		furnitureMu.Lock()
		fc := newCopier(out, ff.ctx, "")
		fc.fontNames, fc.own = ff.names, true
		regular, _ = fc.obj(*types.NewIndirectRef(ff.regular, 0), kFont, scope{}, 0).(outRef)
		bold, _ = fc.obj(*types.NewIndirectRef(ff.bold, 0), kFont, scope{}, 0).(outRef)
		err := fc.flush()
		furnitureMu.Unlock()
		if err != nil {
			return nil, err
		}
		if regular == 0 || bold == 0 {
			return nil, fmt.Errorf("furniture fonts: not copied")
		}
	}
	var kids types.Array
	starts := map[*part]outRef{}
	all := parts
	if front != nil {
		all = append([]*part{front}, parts...)
	}
	tree := newStructTree(out)
	var item *sNode // the Part of the item being copied
	itemN := -1
	for i, p := range all {
		if p.pages == 0 {
			continue
		}
		if p.level == 0 || item == nil || itemN != p.item {
			item = tree.add(out, tree.doc, "Part")
			setExtra(item, "T", text(p.bookmark))
			itemN = p.item
		}
		container := item
		if p.level == 1 {
			container = tree.add(out, item, "Sect")
			setExtra(container, "T", text(p.bookmark))
		}
		var refs []outRef
		release, err := p.open()
		if err == nil {
			refs, err = copyPages(out, p, i, pagesRef, regular, bold, ff, exempt, tree, container)
			if err == nil && p.paper {
				// The paper's headings, from its own bookmarks.
				p.outline = paperOutline(p)
			}
			release()
		}
		if err != nil {
			if p.item == 0 {
				return nil, fmt.Errorf("front sheet: %w", err)
			}
			if p.ext != nil {
				return nil, fmt.Errorf("item %d (%s): %s: %w", p.item, p.bookmark, filepath.Base(p.ext.path), err)
			}
			return nil, fmt.Errorf("item %d (%s): %w", p.item, p.bookmark, err)
		}
		if len(refs) != p.pages {
			return nil, fmt.Errorf("item %d (%s): expected %d pages, found %d", p.item, p.bookmark, p.pages, len(refs))
		}
		starts[p] = refs[0]
		for _, r := range refs {
			kids = append(kids, r)
		}
	}
	out.set(pagesRef, own(types.Dict{"Type": types.Name("Pages"), "Kids": kids, "Count": types.Integer(len(kids))}))

	// Bookmarks: the front sheet, then one per item, appendices beneath;
	// a document on its own, its own.
	var bms []*bookmark
	if front == nil {
		for _, p := range parts {
			bms = append(bms, p.outline...)
		}
	} else {
		bms = append(bms, &bookmark{title: front.bookmark, page: starts[front]})
	}
	for _, p := range parts {
		if front == nil {
			break
		}
		pg, ok := starts[p]
		if !ok {
			pg = starts[front]
		}
		bm := &bookmark{title: p.bookmark, page: pg, kids: p.outline}
		if p.level == 1 && len(bms) > 1 {
			parent := bms[len(bms)-1]
			parent.kids = append(parent.kids, bm)
			continue
		}
		bms = append(bms, bm)
	}
	info := out.add(own(types.Dict{
		"Title":        text(title),
		"Author":       text(m.Council),
		"Subject":      text(subject),
		"Creator":      text("paper"),
		"Producer":     text("paper"),
		"CreationDate": types.StringLiteral(docDate(date)),
		"ModDate":      types.StringLiteral(docDate(date)),
	}))
	xmp := pdf.XMP(pdf.Metadata{Title: title, Author: m.Council, Subject: subject, Lang: packLang, Date: date})
	cat := types.Dict{
		"Type":              types.Name("Catalog"),
		"Pages":             pagesRef,
		"Lang":              text(packLang),
		"ViewerPreferences": types.Dict{"DisplayDocTitle": types.Boolean(true)},
		"MarkInfo":          types.Dict{"Marked": types.Boolean(true)},
		"StructTreeRoot":    tree.write(out),
		"Metadata":          out.addStream(types.Dict{"Type": types.Name("Metadata"), "Subtype": types.Name("XML")}, xmp),
	}
	if len(bms) > 0 {
		cat["Outlines"] = writeOutlines(out, bms)
		cat["PageMode"] = types.Name("UseOutlines")
	}
	out.set(catalog, own(cat))
	return out.finish(catalog, info), nil
}

// own encodes a pack-built object.
func own(o types.Object) []byte {
	var b bytes.Buffer
	encodeOwn(&b, o)
	return b.Bytes()
}

// packLang is the language of the pack's own pages.
const packLang = "en-GB"

// copyPages copies a part's pages into the output with the pack's
// furniture and returns the new pages' references. Its structure goes
// into container (structure.go): the stamp first, as real content on the
// part's first page, then the part's own tree, then the form fields and
// other annotations drawn into its pages.
func copyPages(out *output, p *part, index int, parent, regular, bold outRef, ff *furnitureFonts, exempt bool, tree *structTree, container *sNode) (refs []outRef, err error) {
	defer func() {
		// Reading an external file's objects goes through pdfcpu, which
		// can panic on structures it did not expect: a damaged file,
		// never a crash.
		if r := recover(); r != nil {
			refs, err = nil, fmt.Errorf("the file is damaged (%v)", r)
		}
	}()
	ps, nodes, err := pages(p.ctx)
	if err != nil {
		return nil, err
	}
	c := newCopier(out, p.ctx, fontTag(index))
	c.ff, c.valueFont = ff, regular
	c.own = p.ext == nil
	if p.ext != nil {
		c.shared = &p.ext.reuse
	}
	c.tree = tree
	isTagged := c.own || tagged(p.ctx)
	if isTagged && !c.own {
		c.kept = map[int]map[int]bool{}
	}
	if lang, err := p.ctx.DereferenceText(catalogEntry(p.ctx, "Lang")); err == nil && lang != "" && lang != packLang && len(lang) < 64 {
		setExtra(container, "Lang", text(lang))
	}
	var stamp *sNode
	var drawnKids []sKid // what appearances drew, per page
	var pageOrder []int
	transforms := map[int]func(x, y float64) (float64, float64){}
	// The source's catalogue, page tree and information never come
	// across, even when something on a page points at them.
	if p.ctx.Root != nil {
		c.blocked[p.ctx.Root.ObjectNumber.Value()] = true
	}
	if p.ctx.Info != nil {
		c.blocked[p.ctx.Info.ObjectNumber.Value()] = true
	}
	for _, n := range nodes {
		c.blocked[n] = true
	}
	refs = make([]outRef, len(ps))
	for i, sp := range ps {
		refs[i] = out.reserve()
		c.pages[sp.n] = refs[i]
		c.blocked[sp.n] = true
	}
	// One "q" stream opens every page's content; external pages add the
	// transform that shrinks them into the clear band.
	open := out.addStream(types.Dict{}, []byte("q\n"))
	for i, sp := range ps {
		visible := box(p.ctx, sp.mediaBox)
		d := types.Dict{
			"Type":     types.Name("Page"),
			"Parent":   parent,
			"MediaBox": rectArray(visible),
		}
		if sp.cropBox != nil {
			visible = intersect(visible, box(p.ctx, sp.cropBox))
			d["CropBox"] = rectArray(visible)
		}
		if r := ((sp.rotate % 360) + 360) % 360; r != 0 && r%90 == 0 {
			d["Rotate"] = types.Integer(r)
		}
		for _, k := range []string{"TrimBox", "BleedBox", "ArtBox"} {
			if v, ok := sp.dict[k]; ok {
				d[k] = rectArray(box(p.ctx, v))
			}
		}
		if u := numbers(p.ctx, types.Array{sp.dict["UserUnit"]}, 1); u != nil && u[0] > 0 && u[0] < 1e4 {
			d["UserUnit"] = types.Float(u[0])
		}
		res, _ := c.deref(sp.resources).(types.Dict)
		sc := scope{id: sp.n, res: res}
		if g, ok := sp.dict["Group"]; ok {
			if gd := c.obj(g, kGroup, sc, 0); gd != nil {
				d["Group"] = gd
			}
		}
		key := tree.key()
		tree.pageKey[refs[i]] = key
		d["StructParents"] = types.Integer(key)
		d["Tabs"] = types.Name("S")
		pageOrder = append(pageOrder, sp.n)
		fr := newFrame(visible, sp.rotate)
		first := open
		var transform func(x, y float64) (float64, float64)
		if p.ext != nil && !p.bare {
			band := extBand
			if exempt {
				band = extBandExempt
			}
			s := 1 - 2*band/fr.h
			cx, cy := (visible[0]+visible[2])/2, (visible[1]+visible[3])/2
			tx, ty := cx*(1-s), cy*(1-s)
			first = out.addStream(types.Dict{}, fmt.Appendf(nil, "q\n%s 0 0 %s %s %s cm\n", num(s), num(s), num(tx), num(ty)))
			transform = func(x, y float64) (float64, float64) { return s*x + tx, s*y + ty }
			transforms[sp.n] = transform
		}
		contents, pres, err := c.pageContent(sp, sc)
		if err != nil {
			return nil, fmt.Errorf("page %d: %w", i+1, err)
		}
		contents = append(types.Array{first}, contents...)
		var annots types.Array
		if av, ok := sp.dict["Annots"]; ok {
			annots, _ = p.ctx.DereferenceArray(av)
		}
		drawn, forms := c.appearances(annots)
		if len(drawn) > 0 {
			if isTagged {
				mcid := c.nextMCID(sp)
				drawn = append(fmt.Appendf(nil, "/P <</MCID %d>> BDC\n", mcid), drawn...)
				drawn = append(drawn, "EMC\n"...)
				drawnKids = append(drawnKids, sKid{page: refs[i], mcid: mcid})
			}
			contents = append(contents, out.addStream(types.Dict{}, drawn))
		}
		if !p.bare {
			groups := furniture(p, fr, p.start+i)
			if i == 0 && len(groups[1].Lines) > 0 {
				// The stamp is read once, at the start of the part.
				groups[1].Tag, groups[1].MCID = "P", c.nextMCID(sp)
				stamp = &sNode{role: "P", ref: out.reserve(), kids: []sKid{{page: refs[i], mcid: groups[1].MCID}}}
			}
			contents = append(contents, out.addStream(types.Dict{}, ff.Overlay(fr.cm, fr.w, groups)))
		}
		d["Contents"] = contents

		if regular != 0 {
			fonts, _ := pres["Font"].(types.Dict)
			if fonts == nil {
				fonts = types.Dict{}
			}
			fonts[regularFont] = regular
			fonts[boldFont] = bold
			pres["Font"] = fonts
		}
		if len(forms) > 0 {
			xobjects, _ := pres["XObject"].(types.Dict)
			if xobjects == nil {
				xobjects = types.Dict{}
			}
			for _, k := range sortedKeys(forms) {
				switch v := forms[k].(type) {
				case outRef:
					xobjects[k] = v
				default:
					if f := c.obj(v, kForm, sc, 0); f != nil {
						xobjects[k] = f
					}
				}
			}
			pres["XObject"] = xobjects
		}
		d["Resources"] = pres
		if len(annots) > 0 {
			if links := c.linkAnnots(annots, transform, refs[i]); len(links) > 0 {
				d["Annots"] = links
			}
		}
		if err := c.flush(); err != nil {
			return nil, err
		}
		out.set(refs[i], own(d))
	}
	if stamp != nil {
		container.kids = append(container.kids, sKid{node: stamp})
	}
	p.copied = c.pages
	tc := &treeCopy{c: c, t: tree, out: out, prefix: idPrefix(index), kept: c.kept, claimed: map[[2]int]bool{},
		annots: c.annots, annotPage: c.annotPage, claimedA: map[outRef]bool{}, seen: map[int]bool{}}
	tc.transform = transforms
	if isTagged {
		tc.copyTree(container)
	}
	if len(drawnKids) > 0 {
		tree.add(out, container, "P").kids = drawnKids
	}
	tc.orphans(container, pageOrder)
	return refs, nil
}

// furniture places "Page N" and the stamp on a page of part p, each a
// Pagination artifact.
func furniture(p *part, fr frame, n int) []pdf.OverlayGroup {
	label := fmt.Sprintf("Page %d", n)
	var number, stamp []pdf.OverlayLine
	if p.ext == nil {
		// The pack's own A4 documents: where report/pdf prints its page
		// number, inside the house margins, and the stamp in the top
		// margin (stampPlace).
		style := p.doc.Style
		right := fr.w - style.Margins[1]*mm
		number = []pdf.OverlayLine{{Text: label, Size: style.SmallSize, X: right, Y: 6.05 * mm, Right: true}}
		if p.stamp[0] != "" {
			mid := (style.Margins[3]*mm + right) / 2
			first, second, _ := stampPlace(style)
			stamp = []pdf.OverlayLine{
				{Text: p.stamp[0], Bold: true, Size: style.SmallSize + 1, Red: true, X: mid, Y: fr.h - first*mm},
				{Text: p.stamp[1], Size: style.SmallSize - 1, Red: true, X: mid, Y: fr.h - second*mm}}
		}
	} else {
		band := extBand
		if p.stamp[0] != "" {
			band = extBandExempt
		}
		number = []pdf.OverlayLine{{Text: label, Size: 9, X: fr.w - 0.095*fr.w, Y: band*0.4 - 2, Right: true}}
		if p.stamp[0] != "" {
			stamp = []pdf.OverlayLine{
				{Text: p.stamp[0], Bold: true, Size: 10, Red: true, X: fr.w / 2, Y: fr.h - 14},
				{Text: p.stamp[1], Size: 8, Red: true, X: fr.w / 2, Y: fr.h - 25}}
		}
	}
	return []pdf.OverlayGroup{{Lines: number, Subtype: "Footer"}, {Lines: stamp, Subtype: "Header"}}
}

func intersect(a, b [4]float64) [4]float64 {
	r := [4]float64{max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3])}
	if r[2]-r[0] < 1 || r[3]-r[1] < 1 {
		return a
	}
	return r
}

// fontTag is a six-letter subset tag unique to a part of the pack.
func fontTag(i int) string {
	tag := []byte("PAPAAA")
	for j := 5; j >= 3 && i > 0; j-- {
		tag[j] = byte('A' + i%26)
		i /= 26
	}
	return string(tag)
}

// bookmark is one outline entry.
type bookmark struct {
	title string
	page  outRef
	top   *float64 // where on the page, when not the whole page
	kids  []*bookmark
}

// paperOutline reads the bookmarks report/pdf gave a paper (one per
// heading, nested by level) for its pages' copies in the pack.
func paperOutline(p *part) []*bookmark {
	root, err := p.ctx.Catalog()
	if err != nil || root == nil {
		return nil
	}
	outlines, _ := p.ctx.DereferenceDict(root["Outlines"])
	if outlines == nil {
		return nil
	}
	seen := map[int]bool{}
	var level func(o types.Object, depth int) []*bookmark
	level = func(o types.Object, depth int) []*bookmark {
		var list []*bookmark
		for o != nil && depth < 8 && len(seen) < 10000 {
			r, ok := o.(types.IndirectRef)
			if !ok || seen[r.ObjectNumber.Value()] {
				break
			}
			seen[r.ObjectNumber.Value()] = true
			d, _ := p.ctx.DereferenceDict(r)
			if d == nil {
				break
			}
			title, _ := p.ctx.DereferenceText(d["Title"])
			dest, _ := p.ctx.DereferenceArray(d["Dest"])
			if len(dest) > 0 {
				if pg, ok := dest[0].(types.IndirectRef); ok {
					if out, ok := p.copied[pg.ObjectNumber.Value()]; ok {
						bm := &bookmark{title: title, page: out}
						if len(dest) >= 4 {
							if y := numbers(p.ctx, types.Array{dest[3]}, 1); y != nil {
								bm.top = &y[0]
							}
						}
						bm.kids = level(d["First"], depth+1)
						list = append(list, bm)
					}
				}
			}
			o = d["Next"]
		}
		return list
	}
	return level(outlines["First"], 0)
}

// writeOutlines writes the outline tree, every entry open, and returns
// its root.
func writeOutlines(out *output, bms []*bookmark) outRef {
	root := out.reserve()
	var level func(parent outRef, list []*bookmark) (first, last outRef, count int)
	level = func(parent outRef, list []*bookmark) (outRef, outRef, int) {
		refs := make([]outRef, len(list))
		for i := range list {
			refs[i] = out.reserve()
		}
		count := len(list)
		for i, bm := range list {
			d := types.Dict{
				"Title":  text(bm.title),
				"Parent": parent,
				"Dest":   types.Array{bm.page, types.Name("Fit")},
			}
			if bm.top != nil {
				d["Dest"] = types.Array{bm.page, types.Name("XYZ"), types.Integer(0), types.Float(*bm.top), nil}
			}
			if i > 0 {
				d["Prev"] = refs[i-1]
			}
			if i < len(list)-1 {
				d["Next"] = refs[i+1]
			}
			if len(bm.kids) > 0 {
				f, l, n := level(refs[i], bm.kids)
				d["First"], d["Last"], d["Count"] = f, l, types.Integer(n)
				count += n
			}
			out.set(refs[i], own(d))
		}
		return refs[0], refs[len(refs)-1], count
	}
	f, l, n := level(root, bms)
	out.set(root, own(types.Dict{"Type": types.Name("Outlines"), "First": f, "Last": l, "Count": types.Integer(n)}))
	return root
}
