// Package pack assembles a meeting's agenda pack: a front sheet with the
// agenda and the page each item starts on, then every paper (laid out as
// `paper build` lays it out) and appendix, with page numbers running
// through the whole pack and one bookmark per item.
//
// Two packs come out of one agenda. The public pack is built only from
// public inputs: an exempt (Part II) paper or appendix is represented by a
// notice page, generated here, and its file is never part of the public
// pack's inputs, so no exempt text can reach it through page content,
// bookmarks, metadata, attachments or unused objects. The exempt pack
// holds everything, every page marked NOT FOR PUBLICATION; it is written
// only when something is exempt.
//
// Packs are written by the package's own PDF writer (pdfout.go), which
// copies into an empty document only what each page displays, in a fixed
// order: a source file's catalogue, metadata, outlines, attachments and
// unreferenced objects never come across, and the same inputs give the
// same bytes.
//
// The same public inputs make the meeting's public web site (site.go), a
// folder of the agenda's page, each public paper's page and copies of the
// public PDFs made by the same copier.
package pack

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/filter"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"github.com/paperhq/paper/report/agenda"
	"github.com/paperhq/paper/report/atomic"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/hiddentext"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pipeline"
	"github.com/paperhq/paper/report/style"
	"github.com/paperhq/paper/report/yamlx"
)

func init() {
	// pdfcpu would otherwise read (and on first use create) a per-user
	// configuration directory: a pack must not depend on, or write to,
	// anything but its inputs and outputs.
	model.ConfigPath = "disable"
}

// Options control a pack build.
type Options struct {
	// OutDir is where the packs go; empty means the agenda's folder.
	OutDir string
	// Progress, when set, is told what is happening item by item.
	Progress func(format string, args ...any)
	// Date, when set, is the date written into the packs and the papers
	// in them in place of the meeting's: SOURCE_DATE_EPOCH, which the
	// command line reads.
	Date time.Time
	// Style, when set, names the house style of the pack's own pages in
	// place of the agenda's style key (--style): a shipped style's name
	// or a style file's path. Each paper keeps its own style.
	Style string
	// Formats are what to write, from Formats: "pdf", the packs; "html",
	// the public web site (the folder NAME-public). Empty means "pdf".
	Formats []string
}

// Formats are the formats a pack build writes: "pdf", the public and
// exempt packs, and "html", the meeting's public web site.
var Formats = []string{"pdf", "html"}

// Result lists what a pack build wrote and what it warned about.
type Result struct {
	Files    []string
	Warnings diag.List
}

// item is one agenda item, loaded and checked.
type item struct {
	n     int // 1-based agenda number
	title string
	text  string
	// reportOf is a paper's lead director or author, for the agenda's
	// plain "Report of …" line when the item gives no text.
	reportOf string
	// exemption is the Schedule 12A wording when the item is exempt, from
	// its paragraphs.
	exemption  string
	paragraphs []int
	// At most one of paper and pdf is set; neither for a text item.
	paper *pipeline.Paper
	pdf   *source
	// appendices of a paper that have files, in order.
	appendices []appendix
}

// appendix is a paper's appendix that has a file.
type appendix struct {
	ref, title string
	exemption  string
	paragraphs []int
	file       *source
	name       string // the file as the report.yaml names it
	index      int    // its place in the report's appendices
}

// source is an external PDF, read and checked.
type source struct {
	path  string
	ctx   *model.Context
	pages int
	// form is set when the file has an interactive form, whose fields'
	// values the pack draws in its furniture font.
	form bool
	// mu guards ctx while a pack copies from it: both packs, written
	// side by side, may hold the file.
	mu sync.Mutex
	// hidden is the text its pages paint that a reader cannot see;
	// hiddenErr says why it could not be checked.
	hidden    []hiddentext.Finding
	hiddenErr error
	// reuse is what one pack's copying of the file works out for the
	// other's (reuse.go), guarded by mu.
	reuse reuse
}

// Check checks the agenda and every paper and PDF it names, as a build
// would, without writing anything.
func Check(path string) diag.List { return CheckWith(path, Options{}) }

// CheckWith is Check with the options of a build (its Style).
func CheckWith(path string, opts Options) diag.List {
	_, _, _, errs := load(path, opts)
	return errs
}

// load reads the agenda and everything it names, reporting every problem
// with the item it concerns.
func load(path string, opts Options) (*agenda.Agenda, []*item, *style.Style, diag.List) {
	progress := opts.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	a, errs := agenda.Load(path)
	if a == nil || errs.HasErrors() {
		return nil, nil, nil, errs
	}
	// The agenda's own problems do not stop its papers being checked:
	// one check reports them all.
	errs = append(errs, agenda.Check(a)...)
	st, styleErrs := pipeline.OpenStyle(opts.Style, a.Style, a.File, a.Pos.At("style"))
	errs = append(errs, styleErrs...)
	if st != nil && !styleErrs.HasErrors() {
		// The pack's own pages print the agenda's words in its style's
		// fonts (the committee's name in the heading font).
		var texts []style.Text
		for _, s := range yamlx.Strings(a, a.Pos, definition.NotPrinted) {
			texts = append(texts, pipeline.StyleText(a.File, a.Src, s, s.Path == "committee"))
		}
		errs = append(errs, st.CheckText(texts)...)
	}
	// Items are loaded side by side (each paper's data read and laid
	// out, each PDF parsed and scanned on its own), their messages
	// reported in agenda order.
	items := make([]*item, len(a.Items))
	itemErrs := make([]diag.List, len(a.Items))
	announce := func(i int) {
		switch it := a.Items[i]; {
		case it.Report != "":
			progress("item %d: checking %s", i+1, it.Report)
		case it.PDF != "":
			progress("item %d: reading %s", i+1, it.PDF)
		}
	}
	each(len(a.Items), announce, func(i int) {
		it := a.Items[i]
		at := fmt.Sprintf("items[%d]", i)
		x := &item{n: i + 1, title: strings.TrimSpace(it.Title), text: it.Text.S}
		errs := &itemErrs[i]
		if len(it.ExemptParagraphs) > 0 {
			x.paragraphs = it.ExemptParagraphs
			x.exemption = definition.Exemption(it.ExemptParagraphs)
		}
		switch {
		case it.Report != "":
			x.loadPaper(a, at, it.Report, opts.Date, errs)
		case it.PDF != "":
			src, err := readPDF(a.Resolve(it.PDF))
			if err != nil {
				a.Errorf(errs, at+".pdf", "%s: %s: %v", x.name(), it.PDF, err)
			}
			x.pdf = src
			if src != nil && !tagged(src.ctx) {
				a.Warnf(errs, at+".pdf", "%s", untaggedWarning(x.n, it.PDF, x.exemption != ""))
			}
		}
		x.hiddenText(a, at, it, errs)
		items[i] = x
	})
	for _, e := range itemErrs {
		errs = append(errs, e...)
	}
	return a, items, st, errs
}

// each runs f(0) ... f(n-1) on as many goroutines as there are CPUs to
// run them, and returns when all have. announce, when set, is called as
// each is handed to a goroutine, in order, on the caller's goroutine.
func each(n int, announce, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		if announce != nil {
			announce(i)
		}
		next <- i
	}
	close(next)
	wg.Wait()
}

// name names the item in messages: "item 4 (Minutes of the previous
// meeting)".
func (x *item) name() string {
	if x.title == "" {
		return fmt.Sprintf("item %d", x.n)
	}
	return fmt.Sprintf("item %d (%s)", x.n, x.title)
}

func (x *item) loadPaper(a *agenda.Agenda, at, report string, date time.Time, errs *diag.List) {
	file := a.Resolve(report)
	if st, err := os.Stat(file); err != nil || st.IsDir() {
		a.Errorf(errs, at+".report", "%s: %s: no such file", x.name(), report)
		return
	}
	p, perrs := pipeline.Prepare(file, pipeline.Options{Date: date})
	if perrs.HasErrors() || p == nil {
		if r, _ := definition.Load(file); r != nil && x.title == "" {
			x.title = strings.TrimSpace(r.Title)
		}
		a.Errorf(errs, at+".report", "%s: %s does not pass check:", x.name(), report)
		*errs = append(*errs, perrs.Errors()...)
		return
	}
	*errs = append(*errs, perrs.Warnings()...)
	r := p.Report
	x.paper = p
	if x.title == "" {
		x.title = r.Title
	}
	x.reportOf = r.LeadDirector
	if x.reportOf == "" {
		x.reportOf = r.Author
	}
	if !r.MeetingDate.Equal(a.Date) {
		a.Warnf(errs, at+".report", "%s: the paper is for a meeting on %s, this agenda's meeting is on %s",
			x.name(), r.MeetingDate.Format("2 January 2006"), a.Date.Format("2 January 2006"))
	}
	if r.Committee != "" && !strings.EqualFold(strings.TrimSpace(r.Committee), strings.TrimSpace(a.Committee)) {
		a.Warnf(errs, at+".report", "%s: the paper is for the %s, this agenda is the %s's", x.name(), r.Committee, a.Committee)
	}
	if r.Exempt() {
		x.paragraphs = r.ExemptParagraphs
		x.exemption = definition.Exemption(r.ExemptParagraphs)
	}
	for j, ap := range r.Appendices {
		if ap.File == "" {
			continue
		}
		src, err := readPDF(r.Resolve(ap.File))
		if err != nil {
			a.Errorf(errs, at+".report", "%s: appendix %s (%s): %v", x.name(), ap.Ref, ap.File, err)
			field := fmt.Sprintf("appendices[%d].file", j)
			p := r.Pos.At(field)
			errs.Errorf(r.File, p.Line, p.Col, field, "%s: %v", ap.File, err)
			continue
		}
		var ex string
		if len(ap.ExemptParagraphs) > 0 {
			ex = definition.Exemption(ap.ExemptParagraphs)
		}
		x.appendices = append(x.appendices, appendix{ref: ap.Ref, title: ap.Title, exemption: ex, paragraphs: ap.ExemptParagraphs, file: src, name: ap.File, index: j})
		if !tagged(src.ctx) {
			field := fmt.Sprintf("appendices[%d].file", j)
			p := r.Pos.At(field)
			errs.Warnf(r.File, p.Line, p.Col, field, "%s", untaggedWarning(x.n, ap.File, ex != "" || x.exemption != ""))
		}
	}
}

// untaggedWarning is the warning for a merged PDF without a structure
// tree: it is included as it is, and the pack it goes into cannot be
// read properly by a screen reader.
func untaggedWarning(item int, file string, exempt bool) string {
	pack := "public"
	if exempt {
		pack = "exempt"
	}
	return fmt.Sprintf("item %d, %s, is not a tagged PDF: the %s pack will not be accessible to screen readers; ask for a tagged export", item, file, pack)
}

// readPDF reads and checks an external PDF: it must parse, must not be
// encrypted (a pack cannot merge what it cannot read, and a password
// would not survive into the pack), and must have pages.
func readPDF(path string) (*source, error) {
	data, err := diag.ReadFile(path, definition.MaxPDFSize, "a PDF to merge")
	if err != nil {
		return nil, errors.New(diag.ReadError(err))
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data, "\x00\t\r\n "), []byte("%PDF-")) {
		return nil, fmt.Errorf("is not a PDF file")
	}
	ctx, err := readContext(data)
	if err != nil {
		low := strings.ToLower(err.Error())
		if errors.Is(err, filter.ErrDecodeLimitExceeded) || strings.Contains(low, "decode limit exceeded") {
			return nil, fmt.Errorf("is refused as a possible compression bomb: its streams decompress to more than %d MB", inflateLimit>>20)
		}
		if strings.Contains(low, "encrypt") || strings.Contains(low, "password") {
			return nil, fmt.Errorf("is encrypted (password-protected); save a copy without protection and use that")
		}
		return nil, fmt.Errorf("is damaged and cannot be read (%s)", firstLine(err))
	}
	if ctx.XRefTable.Encrypt != nil || ctx.E != nil {
		return nil, fmt.Errorf("is encrypted (password-protected); save a copy without protection and use that")
	}
	ps, _, err := pages(ctx)
	if err != nil {
		return nil, fmt.Errorf("is damaged: %v", err)
	}
	if len(ps) == 0 {
		return nil, fmt.Errorf("is damaged: it has no pages")
	}
	src := &source{path: path, ctx: ctx, pages: len(ps), form: catalogEntry(ctx, "AcroForm") != nil}
	src.hidden, src.hiddenErr = hiddentext.Scan(ctx)
	return src, nil
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// config is the pdfcpu configuration for reading: relaxed validation, as
// real-world PDFs need.
func config() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	// Reading decompresses object streams: bounded as the copier's
	// decompression is (see inflateLimit).
	conf.Limits.MaxDecodeBytes = inflateLimit
	return conf
}

// readContext parses a PDF and validates what a pack keeps of it. The
// catalogue is stripped to the page tree before validation: a pack never
// carries a source's outlines, attachments, forms or scripts, so a broken
// outline (common in PDFs from other tools) is no reason to refuse a file.
func readContext(data []byte) (ctx *model.Context, err error) {
	defer func() {
		// pdfcpu can panic on some malformed input; a damaged file is
		// the user's problem to fix, not a crash.
		if r := recover(); r != nil {
			ctx, err = nil, fmt.Errorf("%v", r)
		}
	}()
	ctx, err = pdfcpu.Read(bytes.NewReader(data), config())
	if err != nil {
		return nil, err
	}
	if ctx.E != nil || ctx.XRefTable.Encrypt != nil {
		return nil, fmt.Errorf("encrypted")
	}
	// Kept aside from validation and put back: the copier reads which
	// layers are off and how form fields are drawn, never copying them,
	// and rebuilds the structure tree from a whitelist (structure.go).
	kept := types.Dict{}
	if root, err := ctx.Catalog(); err == nil && root != nil {
		for _, k := range []string{"OCProperties", "AcroForm", "StructTreeRoot"} {
			if v, ok := root[k]; ok {
				kept[k] = v
			}
		}
		for _, k := range []string{"Outlines", "Names", "Dests", "AcroForm", "OpenAction", "AA", "Metadata", "AF", "StructTreeRoot", "MarkInfo", "PageLabels", "Threads", "OCProperties", "Collection", "Perms", "Legal", "Requirements", "SpiderInfo", "PieceInfo"} {
			root.Delete(k)
		}
	}
	if err := validate.XRefTable(ctx); err != nil {
		return nil, err
	}
	if root, err := ctx.Catalog(); err == nil && root != nil {
		for k, v := range kept {
			root[k] = v
		}
	}
	return ctx, nil
}

// Build assembles the packs for the agenda at path. On any problem it
// writes nothing.
func Build(path string, opts Options) (Result, error) {
	progress := opts.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	wantPDF, wantHTML := len(opts.Formats) == 0, false
	for _, f := range opts.Formats {
		switch strings.ToLower(f) {
		case "pdf":
			wantPDF = true
		case "html":
			wantHTML = true
		default:
			return Result{}, fmt.Errorf("unknown format %q (known: %s)", f, strings.Join(Formats, ", "))
		}
	}
	a, items, st, errs := load(path, opts)
	if errs.HasErrors() {
		return Result{}, errs.Errors()
	}
	res := Result{Warnings: errs.Warnings()}
	out := opts.OutDir
	if out == "" {
		out = a.Dir
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	date := layout.DocumentDate(&definition.Report{MeetingDate: a.Date}, opts.Date)
	meeting := layout.Meeting{
		Council: a.Council, Committee: a.Committee, Date: a.Date, Time: a.Time,
		Venue: a.Venue, Members: a.Members, Contact: a.Contact, Marking: a.Classification,
		Style: st,
	}
	var files []atomic.File
	withExempt := wantPDF && anyExempt(items)
	if !wantHTML {
		// Only the web site lays papers out again from their figures:
		// without it, a paper's case log and figures can go now.
		for _, x := range items {
			if x.paper != nil {
				x.paper = &pipeline.Paper{Report: x.paper.Report, Doc: x.paper.Doc}
			}
		}
	}
	progress("assembling the public pack")
	if withExempt {
		progress("assembling the exempt pack")
	}
	public, exempt, err := assemble(meeting, items, withExempt, date, progress)
	if err != nil {
		return Result{}, err
	}
	var folders []atomic.Folder
	if wantHTML {
		progress("building the public web site")
		f, err := site(filepath.Join(out, base+"-public"), meeting, items, public, date, opts.Date)
		if err != nil {
			return Result{}, err
		}
		folders = append(folders, f)
	}
	if wantPDF {
		files = append(files, atomic.File{Path: filepath.Join(out, base+"-public.pdf"), Data: public, Perm: 0o644})
	}
	exemptFile := filepath.Join(out, base+"-exempt.pdf")
	switch {
	case withExempt:
		// The exempt pack is for members: never world-readable.
		files = append(files, atomic.File{Path: exemptFile, Data: exempt, Perm: 0o640})
	case !wantPDF:
		// The exempt pack is a PDF for members, written with the packs.
	default:
		if _, err := os.Stat(exemptFile); err == nil {
			res.Warnings.Warnf(exemptFile, 0, 0, "", "nothing on this agenda is exempt now, so no exempt pack was written; this one is from an earlier build")
		}
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return Result{}, fmt.Errorf("output folder: %w", err)
	}
	if err := atomic.WriteSet(files, folders); err != nil {
		return Result{}, err
	}
	for _, f := range files {
		res.Files = append(res.Files, f.Path)
	}
	for _, f := range folders {
		res.Files = append(res.Files, f.Path+string(filepath.Separator))
	}
	slices.Sort(res.Files)
	return res, nil
}

func anyExempt(items []*item) bool {
	for _, x := range items {
		if x.exemption != "" {
			return true
		}
		for _, ap := range x.appendices {
			if ap.exemption != "" {
				return true
			}
		}
	}
	return false
}

// exemptionWording words Schedule 12A paragraphs.
func exemptionWording(paras []int) string { return definition.Exemption(paras) }
