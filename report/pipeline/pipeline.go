// Package pipeline runs the pipeline for one paper:
//
//	definition (YAML) -> checked model -> figures (case log, Ombudsman
//	letter) -> document tree -> writers (report/writers: PDF, DOCX)
//
// and writes the outputs atomically: either every requested file is
// replaced by its complete new version, or, on any problem, nothing is
// written and earlier outputs are left as they were.
package pipeline

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/paperhq/paper/report/atomic"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/par"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/style"
	"github.com/paperhq/paper/report/writers"
	"github.com/paperhq/paper/report/yamlx"
)

// MaxPages is the length above which check warns that a paper is long:
// committees ask for short papers with detail in appendices.
const MaxPages = 10

// Options control a build.
type Options struct {
	// OutDir is where outputs go; empty means the definition's folder.
	OutDir string
	// Formats to write, by name (report/writers); empty means the
	// default ones (pdf and docx).
	Formats []string
	// ExemptOK lets a Part II paper be written as HTML, a web page, which
	// is otherwise refused: an exempt paper is not for the website.
	ExemptOK bool
	// Draft marks every page DRAFT.
	Draft bool
	// Date, when set, is the date written into the outputs in place of
	// the paper's own: SOURCE_DATE_EPOCH, which the command line reads
	// (no library reads the environment).
	Date time.Time
	// Style, when set, names the house style in place of the report's
	// own style key (--style): a shipped style's name or a style file's
	// path, relative to the working folder.
	Style string
}

// Paper is a loaded, checked and laid-out paper, ready to write.
type Paper struct {
	Report  *definition.Report
	Figures *layout.Figures
	Doc     *doc.Document
	// plan is the validated paper Doc was laid out from, which lays out
	// its decision notice too.
	plan *layout.Plan
	// Style is the paper's house style; Files lists its files (the style
	// file, logo, fonts, template), inputs of the paper beside the
	// definition and its data.
	Style *style.Style
}

// Prepare loads the definition at path, checks it, loads its data and lays
// it out, as a draft and with the date opts asks for (its OutDir and
// Formats are not used). It returns the paper and every problem found
// (errors and warnings); the paper must not be written when the list has
// errors.
func Prepare(path string, opts Options) (*Paper, diag.List) {
	r, errs := definition.Load(path)
	if r == nil || errs.HasErrors() {
		return nil, errs
	}
	// Every check runs before layout, and each runs even when an earlier
	// one found problems, so that one run reports them all: the
	// publication rules, the data stage (data.*, reading the case log and
	// the letter, data.year), then every table, chart and text field
	// against the figures (or, when the data could not be read, the
	// blocks' kinds and options alone).
	cal, calErrs := calendar(r)
	errs = append(errs, calErrs...)
	errs = append(errs, definition.Check(r, cal)...)
	errs = append(errs, decisionWarnings(r)...)
	st, styleErrs := PaperStyle(r, opts.Style)
	errs = append(errs, styleErrs...)
	figures, dataErrs := loadData(r, cal, false)
	errs = append(errs, dataErrs...)
	assessment, saErrs := loadSelfAssessment(r)
	errs = append(errs, saErrs...)
	in := layout.Input{Report: r, Figures: figures, Draft: opts.Draft, Date: opts.Date, Files: appendixFiles(r, opts.OutDir), SelfAssessment: assessment, Style: st}
	if figures == nil && (r.Data.Complaints != "" || r.Data.Ombudsman != "") {
		errs = append(errs, layout.CheckOptions(in)...)
		errs.Sort()
		return nil, errs
	}
	modelErrs := errs.HasErrors()
	plan, planErrs := layout.Validate(in)
	errs = append(errs, planErrs...)
	errs.Sort()
	if modelErrs {
		return nil, errs
	}
	// Layout takes the validated paper and finds nothing more; with
	// errors in the blocks the tree leaves them out, and is not written.
	return &Paper{Report: r, Figures: figures, Doc: plan.Layout(), plan: plan, Style: st}, errs
}

// PaperStyle loads the house style of report r: the one override names
// (--style) when given, else the report's style key; nil, the standard
// paper, when neither is. It checks the style and that its fonts can
// draw every character the report prints.
func PaperStyle(r *definition.Report, override string) (*style.Style, diag.List) {
	st, errs := OpenStyle(override, r.Style, r.File, r.Pos.At("style"))
	if st != nil && !errs.HasErrors() {
		var texts []style.Text
		for _, t := range r.Printed() {
			texts = append(texts, StyleText(r.File, r.Src, t.String, t.Heading))
		}
		errs = append(errs, st.CheckText(texts)...)
	}
	return st, errs
}

// StyleText is a string of the YAML file named file, whose text is src,
// as a style's CheckText takes it: set in the heading font when heading
// is true, and placed at its character in the file.
func StyleText(file string, src []byte, s yamlx.String, heading bool) style.Text {
	return style.Text{File: file, Field: s.Path, S: s.Text.S, Heading: heading, At: s.Text.Pos,
		Locate: func(off int) (int, int, bool) { return yamlx.Locate(src, s.Text, off) }}
}

// OpenStyle loads the style named by override (--style, relative to the
// working folder) or else by key, the style key of the YAML file named
// file (relative to its folder), at pos there. Both empty is nil, the
// standard style.
func OpenStyle(override, key, file string, pos yamlx.Pos) (*style.Style, diag.List) {
	ref, dir := override, ""
	if ref == "" {
		ref, dir = key, filepath.Dir(file)
	}
	if ref == "" {
		return nil, nil
	}
	st, errs, msg := style.Open(ref, dir)
	if msg != "" {
		if override != "" {
			return nil, diag.List{{Field: "--style", Msg: msg}}
		}
		return nil, diag.List{{File: file, Line: pos.Line, Col: pos.Col, Field: "style", Msg: msg}}
	}
	return st, errs
}

// Check runs everything a build runs except writing files, including
// rendering the PDF in memory to warn when the paper is long.
func Check(path string) diag.List { return CheckWith(path, Options{}) }

// CheckWith is Check with the options of a build (its Style).
func CheckWith(path string, opts Options) diag.List {
	_, l := Inspect(path, Options{Style: opts.Style})
	return l
}

// Inspect is Check that also returns the paper, laid out with opts (nil
// when the list has errors), so that paper preview can show exactly what
// check reports above the paper it lays out.
func Inspect(path string, opts Options) (*Paper, diag.List) {
	w, ok := writers.Paged()
	if ok {
		warm([]writers.Writer{w})
	}
	p, errs := Prepare(path, opts)
	if p == nil || errs.HasErrors() {
		return nil, errs
	}
	if !ok {
		return p, errs
	}
	info, err := w.Write(io.Discard, p.Doc)
	if err != nil {
		return nil, append(errs, diag.Diagnostic{File: path, Msg: "rendering the " + strings.ToUpper(w.Name) + ": " + err.Error()})
	}
	return p, append(errs, lengthWarning(path, info.Pages)...)
}

// warm starts the formats' Warm on a goroutine of its own, so that the
// fonts the writers parse once per process are parsed on a spare core
// while the paper is read, checked and laid out, not after. A paper that
// fails to prepare leaves it to finish on its own.
func warm(formats []writers.Writer) {
	var ws []func()
	for _, f := range formats {
		if f.Warm != nil {
			ws = append(ws, f.Warm)
		}
	}
	if len(ws) == 0 {
		return
	}
	go func() {
		for _, w := range ws {
			w()
		}
	}()
}

// lengthWarning warns when a paper runs past MaxPages.
func lengthWarning(path string, pages int) diag.List {
	var l diag.List
	if pages > MaxPages {
		l.Warnf(path, 0, 0, "", "the paper runs to %d pages, more than %d; consider moving detail into appendices", pages, MaxPages)
	}
	return l
}

// Result lists what a build wrote and what it warned about.
type Result struct {
	Files    []string
	Warnings diag.List
}

// Build builds the paper at path into the requested formats, named after
// the definition (report.yaml gives report.pdf and report.docx) in
// opts.OutDir. On any error nothing is written: the returned error holds
// every problem (a diag.List for problems in the input), and outputs of an
// earlier build are left as they were.
func Build(path string, opts Options) (Result, error) {
	formats, err := lookupFormats(opts.Formats)
	if err != nil {
		return Result{}, err
	}
	warm(formats)
	p, errs := Prepare(path, opts)
	if p == nil || errs.HasErrors() {
		return Result{}, errs
	}
	if p.Report.Exempt() && !opts.ExemptOK && slices.ContainsFunc(formats, func(f writers.Writer) bool { return f.Name == "html" }) {
		pos := p.Report.Pos.At("part")
		return Result{}, diag.List{{File: path, Line: pos.Line, Col: pos.Col, Field: "part",
			Msg: "a Part II (exempt) paper is not for the website, so --format html is refused; to write the page for members anyway, add --exempt-ok"}}
	}
	res, pages, err := write(outDir(path, opts), baseName(path), formats, p.Doc, Perm(p.Report))
	if err != nil {
		return Result{}, err
	}
	res.Warnings = append(errs.Warnings(), res.Warnings...)
	if pages > 0 {
		res.Warnings = append(res.Warnings, lengthWarning(path, pages)...)
	}
	return res, nil
}

// lookupFormats finds the formats named (each once, in the order first
// named); none named means the default ones.
func lookupFormats(names []string) ([]writers.Writer, error) {
	var formats []writers.Writer
	for _, name := range names {
		w, ok := writers.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(writers.Names(), ", "))
		}
		if !slices.ContainsFunc(formats, func(f writers.Writer) bool { return f.Name == w.Name }) {
			formats = append(formats, w)
		}
	}
	if len(formats) == 0 {
		formats = writers.Default()
	}
	return formats, nil
}

// outDir is the folder a build of the definition at path writes into.
func outDir(path string, opts Options) string {
	if opts.OutDir != "" {
		return opts.OutDir
	}
	return filepath.Dir(path)
}

// baseName is the name of the outputs of the definition at path:
// report.yaml gives report.
func baseName(path string) string {
	return strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
}

// write writes the tree d in each format, named base plus the format's
// extension, into the folder out (created if missing), as one atomic set
// whose new files have mode perm. It returns the files written, sorted,
// and the page count of the first paged format (0 if none).
func write(out, base string, formats []writers.Writer, d *doc.Document, perm os.FileMode) (Result, int, error) {
	if fi, err := os.Stat(out); err == nil && !fi.IsDir() {
		return Result{}, 0, diag.List{{File: out, Msg: "is a file, not a folder: -o names the folder to write into"}}
	}
	// The writers share nothing but the finished tree, so they run side by
	// side: a build takes as long as its slowest format.
	bufs := make([]bytes.Buffer, len(formats))
	errsOut := make([]error, len(formats))
	infos := make([]writers.Info, len(formats))
	par.Go(len(formats), func(i int) {
		infos[i], errsOut[i] = formats[i].Write(&bufs[i], d)
	})
	var res Result
	pages := 0
	var files []atomic.File
	for i, f := range formats {
		if errsOut[i] != nil {
			return Result{}, 0, fmt.Errorf("writing %s: %w", f.Name, errsOut[i])
		}
		if f.Paged && pages == 0 {
			pages = infos[i].Pages
		}
		name := filepath.Join(out, base+f.Ext)
		files = append(files, atomic.File{Path: name, Data: bufs[i].Bytes(), Perm: perm})
		res.Files = append(res.Files, name)
	}
	created, err := mkdirAll(out)
	if err != nil {
		return Result{}, 0, fmt.Errorf("output folder %s: %w", out, err)
	}
	if err := atomic.WriteFiles(files); err != nil {
		removeEmpty(created, out)
		return Result{}, 0, err
	}
	slices.Sort(res.Files)
	return res, pages, nil
}

// appendixFiles finds each appendix's PDF as the paper's web page, in
// outDir (empty: the definition's folder), links it: its address from
// there and its size. An appendix with no file, or one that cannot be
// read (which check reports), has a zero entry.
func appendixFiles(r *definition.Report, outDir string) []layout.File {
	if outDir == "" {
		outDir = r.Dir
	}
	out, err := filepath.Abs(outDir)
	if err != nil {
		return nil
	}
	files := make([]layout.File, len(r.Appendices))
	for i, a := range r.Appendices {
		if a.File == "" {
			continue
		}
		path := a.File
		if !filepath.IsAbs(path) {
			path = filepath.Join(r.Dir, path)
		}
		fi, err := os.Stat(path)
		if err != nil || !fi.Mode().IsRegular() {
			continue
		}
		abs, err := filepath.Abs(path)
		if err != nil {
			continue
		}
		rel, err := filepath.Rel(out, abs)
		if err != nil {
			continue
		}
		segs := strings.Split(filepath.ToSlash(rel), "/")
		for j, s := range segs {
			segs[j] = url.PathEscape(s)
		}
		files[i] = layout.File{Href: strings.Join(segs, "/"), Size: fi.Size()}
	}
	return files
}

// Perm is the mode, before the umask, of a new output of the paper: a
// Part II paper's PDF and DOCX are never world-readable (0640), a Part I
// paper's are (0644).
func Perm(r *definition.Report) os.FileMode {
	if r.Exempt() {
		return 0o640
	}
	return 0o644
}

// mkdirAll creates dir and any missing parents, returning the topmost
// folder it created ("" when dir existed), so a failed build can remove
// what it made.
func mkdirAll(dir string) (string, error) {
	top := ""
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		}
		top = d
		if filepath.Dir(d) == d {
			break
		}
	}
	if top == "" {
		return "", nil
	}
	return top, os.MkdirAll(dir, 0o755)
}

// removeEmpty removes the folders from dir up to top that a failed build
// created, as long as they are empty.
func removeEmpty(top, dir string) {
	if top == "" {
		return
	}
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		if os.Remove(d) != nil || d == top || filepath.Dir(d) == d {
			return
		}
	}
}
