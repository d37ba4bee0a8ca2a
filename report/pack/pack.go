// Package pack assembles a meeting's agenda pack: a front sheet with the
// agenda and the page each item starts on, then every paper (laid out as
// `paper build` lays it out) and appendix, with page numbers running
// through the whole pack and one bookmark per item.
//
// Two packs come out of one agenda. The public pack is built only from
// public inputs: an exempt (Part II) paper or appendix is represented by a
// notice page, generated here, and its file is never opened for the public
// pack, so no exempt text can reach it through page content, bookmarks,
// metadata, attachments or unused objects. The exempt pack holds
// everything, every page marked NOT FOR PUBLICATION; it is written only
// when something is exempt.
package pack

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/paperhq/paper/report/agenda"
	"github.com/paperhq/paper/report/atomic"
	"github.com/paperhq/paper/report/build"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
)

// Options control a pack build.
type Options struct {
	// OutDir is where the packs go; empty means the agenda's folder.
	OutDir string
	// Progress, when set, is told what is happening item by item.
	Progress func(format string, args ...any)
}

// Result lists what a pack build wrote and what it warned about.
type Result struct {
	Files    []string
	Warnings diag.List
}

// item is one agenda item, loaded and checked.
type item struct {
	n         int // 1-based agenda number
	title     string
	text      string
	exemption string // Schedule 12A wording when exempt
	// Exactly one of paper and pdf is set for items with pages.
	paper *build.Paper
	pdf   *source
	// appendices of a paper, in order.
	appendices []appendix
}

// appendix is a paper's appendix that has a file.
type appendix struct {
	ref, title string
	exemption  string
	file       *source
}

// source is an external PDF: its path and contents, read and checked.
type source struct {
	path  string
	data  []byte
	pages int
}

// Check checks the agenda and every paper and PDF it names, as a build
// would, without writing anything.
func Check(path string) diag.List {
	_, _, errs := load(path, nil)
	return errs
}

// load reads the agenda and everything it names.
func load(path string, progress func(string, ...any)) (*agenda.Agenda, []*item, diag.List) {
	a, errs := agenda.Load(path)
	if a == nil || errs.HasErrors() {
		return nil, nil, errs
	}
	errs = append(errs, agenda.Check(a)...)
	if errs.HasErrors() {
		return nil, nil, errs
	}
	var items []*item
	for i, it := range a.Items {
		at := fmt.Sprintf("items[%d]", i)
		x := &item{n: i + 1, title: it.Title, text: it.Text.S}
		if len(it.ExemptParagraphs) > 0 {
			x.exemption = definition.Exemption(it.ExemptParagraphs)
		}
		switch {
		case it.Report != "":
			if progress != nil {
				progress("item %d: checking %s", x.n, it.Report)
			}
			x.loadPaper(a, at, it.Report, &errs)
		case it.PDF != "":
			if progress != nil {
				progress("item %d: reading %s", x.n, it.PDF)
			}
			src, err := readPDF(a.Resolve(it.PDF))
			if err != nil {
				a.Errorf(&errs, at+".pdf", "item %d (%s): %s: %v", x.n, x.title, it.PDF, err)
			}
			x.pdf = src
		}
		items = append(items, x)
	}
	return a, items, errs
}

func (x *item) loadPaper(a *agenda.Agenda, at, report string, errs *diag.List) {
	p, perrs := build.Prepare(a.Resolve(report), false)
	if perrs.HasErrors() || p == nil {
		a.Errorf(errs, at+".report", "item %d: %s does not pass check:", x.n, report)
		*errs = append(*errs, perrs.Errors()...)
		return
	}
	*errs = append(*errs, perrs.Warnings()...)
	r := p.Report
	x.paper = p
	if x.title == "" {
		x.title = r.Title
	}
	if x.text == "" {
		switch {
		case r.LeadDirector != "":
			x.text = "Report of " + r.LeadDirector
		case r.Author != "":
			x.text = "Report of " + r.Author
		}
	}
	if r.Exempt() {
		x.exemption = definition.Exemption(r.ExemptParagraphs)
	}
	for j, ap := range r.Appendices {
		if ap.File == "" {
			continue
		}
		src, err := readPDF(r.Resolve(ap.File))
		if err != nil {
			a.Errorf(errs, at+".report", "item %d (%s): appendix %s: %s: %v", x.n, x.title, ap.Ref, ap.File, err)
			errs.Errorf(r.File, r.Pos.At(fmt.Sprintf("appendices[%d].file", j)).Line, 0, fmt.Sprintf("appendices[%d].file", j), "%s: %v", ap.File, err)
			continue
		}
		ex := ""
		if len(ap.ExemptParagraphs) > 0 {
			ex = definition.Exemption(ap.ExemptParagraphs)
		}
		x.appendices = append(x.appendices, appendix{ref: ap.Ref, title: ap.Title, exemption: ex, file: src})
	}
}

// readPDF reads and checks an external PDF: it must parse, and must not
// be encrypted (a pack cannot merge what it cannot read).
func readPDF(path string) (*source, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if os.IsNotExist(err) {
			return nil, fmt.Errorf("no such file")
		}
		return nil, err
	}
	if !bytes.HasPrefix(bytes.TrimLeft(data, "\x00\t\r\n "), []byte("%PDF-")) {
		return nil, fmt.Errorf("not a PDF file")
	}
	ctx, err := readContext(data)
	if err != nil {
		if strings.Contains(strings.ToLower(err.Error()), "encrypt") || strings.Contains(strings.ToLower(err.Error()), "password") {
			return nil, fmt.Errorf("is encrypted; save a copy without a password first")
		}
		return nil, fmt.Errorf("is damaged and cannot be read (%v)", firstLine(err))
	}
	if ctx.XRefTable.Encrypt != nil || ctx.E != nil {
		return nil, fmt.Errorf("is encrypted; save a copy without a password first")
	}
	if err := ctx.EnsurePageCount(); err != nil || ctx.PageCount == 0 {
		return nil, fmt.Errorf("is damaged: it has no readable pages")
	}
	return &source{path: path, data: data, pages: ctx.PageCount}, nil
}

func firstLine(err error) string {
	s, _, _ := strings.Cut(err.Error(), "\n")
	return s
}

// config is the pdfcpu configuration for reading and writing packs:
// relaxed validation (real-world PDFs), and plain cross-reference tables
// so that the metadata can be made deterministic after writing.
func config() *model.Configuration {
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.WriteObjectStream = false
	conf.WriteXRefStream = false
	conf.CreateBookmarks = false
	conf.Cmd = model.MERGECREATE
	return conf
}

func readContext(data []byte) (*model.Context, error) {
	return api.ReadAndValidate(bytes.NewReader(data), config())
}

// Build assembles the packs for the agenda at path. On any problem it
// writes nothing.
func Build(path string, opts Options) (Result, error) {
	progress := opts.Progress
	if progress == nil {
		progress = func(string, ...any) {}
	}
	a, items, errs := load(path, progress)
	if errs.HasErrors() {
		return Result{}, errs.Errors()
	}
	res := Result{Warnings: errs.Warnings()}
	out := opts.OutDir
	if out == "" {
		out = a.Dir
	}
	base := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	date := packDate(a)
	meeting := layout.Meeting{
		Council: a.Council, Committee: a.Committee, Date: a.Date, Time: a.Time,
		Venue: a.Venue, Members: a.Members, Contact: a.Contact, Marking: a.Classification,
	}
	files := map[string][]byte{}
	progress("assembling the public pack")
	public, err := assemble(meeting, items, false, date, progress)
	if err != nil {
		return Result{}, err
	}
	files[filepath.Join(out, base+"-public.pdf")] = public
	if anyExempt(items) {
		progress("assembling the exempt pack")
		exempt, err := assemble(meeting, items, true, date, progress)
		if err != nil {
			return Result{}, err
		}
		files[filepath.Join(out, base+"-exempt.pdf")] = exempt
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return Result{}, fmt.Errorf("output folder: %w", err)
	}
	if err := atomic.WriteFiles(files, 0o644); err != nil {
		return Result{}, err
	}
	for f := range files {
		res.Files = append(res.Files, f)
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

// packDate is the date in the packs' metadata: SOURCE_DATE_EPOCH when
// set, else the meeting date. Never the wall clock.
func packDate(a *agenda.Agenda) time.Time {
	r := &definition.Report{MeetingDate: a.Date}
	return layout.DocumentDate(r)
}

// withPage returns a shallow copy of d with its page furniture replaced:
// the pack numbers pages through, and the exempt pack stamps them.
func withPage(d *doc.Document, first int, stamp string) *doc.Document {
	c := *d
	c.Page.Numbering = doc.PageOnly
	c.Page.FirstNumber = first
	c.Page.Draft = false
	c.Page.Stamp = stamp
	return &c
}
