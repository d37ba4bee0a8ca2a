package pack

import (
	"bytes"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/report/atomic"
	"github.com/paperhq/paper/report/internal/par"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/writers"
)

// The files of the public web site that are not an item's.
const (
	// siteIndex is the agenda's page, the site's first.
	siteIndex = "index.html"
	// sitePack is the copy of the whole public pack.
	sitePack = "agenda-pack.pdf"
)

// site builds the meeting's public web site, the folder NAME-public: the
// agenda as a web page (index.html), a web page for each public paper
// (item-N.html) and copies of the public PDFs it links (item-N.pdf,
// item-N-appendix-X.pdf, and the public pack itself as agenda-pack.pdf).
//
// It is built from the public pack's inputs and nothing else: an exempt
// paper or document is never laid out, copied or named beyond the
// public agenda's words, and stands on the site as its notice's words;
// an exempt appendix likewise. Every PDF is copied as the public pack
// copies its pages (the same whitelist of what a page displays), and
// only after the hidden-text check the public pack's inputs passed.
// File names are made from the item's number and the appendix's
// reference, never from titles: deterministic, and safe on any system.
//
// date is the date written into the copies, the packs'; epoch is
// SOURCE_DATE_EPOCH (zero when unset), which a paper's page takes as
// paper build does.
func site(path string, m layout.Meeting, items []*item, public []byte, date, epoch time.Time) (atomic.Folder, error) {
	page, ok := writers.Lookup("html")
	if !ok {
		return atomic.Folder{}, fmt.Errorf("no html writer")
	}
	// Items are made side by side (each copies from its own parsed
	// files) and put together in agenda order.
	made := make([]siteItem, len(items))
	par.Each(len(items), runtime.GOMAXPROCS(0), func(i int) {
		made[i] = makeSiteItem(m, items[i], page, date, epoch)
	})
	f := atomic.Folder{Path: path, Perm: 0o644}
	var entries []layout.SiteItem
	for _, s := range made {
		if s.err != nil {
			return atomic.Folder{}, s.err
		}
		f.Files = append(f.Files, s.files...)
		entries = append(entries, s.item)
	}
	pack := &layout.File{Href: sitePack, Size: int64(len(public))}
	var buf bytes.Buffer
	if _, err := page.Write(&buf, layout.SiteIndex(m, entries, pack, date)); err != nil {
		return atomic.Folder{}, fmt.Errorf("the web site's agenda: %w", err)
	}
	f.Files = append(f.Files, atomic.Entry{Name: sitePack, Data: public}, atomic.Entry{Name: siteIndex, Data: buf.Bytes()})
	return f, nil
}

// siteItem is one agenda item of the site: what the index says of it and
// its files.
type siteItem struct {
	item  layout.SiteItem
	files []atomic.Entry
	err   error
}

// makeSiteItem makes item x's files of the site and what the index says
// of it: for a public paper its page, its PDF and its public appendices'
// copies; for a public pdf item its copy; for an exempt one its notice.
func makeSiteItem(m layout.Meeting, x *item, page writers.Writer, date, epoch time.Time) (s siteItem) {
	s.item = layout.SiteItem{Entry: x.entry(), Paper: x.paper != nil}
	add := func(name string, data []byte) *layout.File {
		s.files = append(s.files, atomic.Entry{Name: name, Data: data})
		return &layout.File{Href: name, Size: int64(len(data))}
	}
	fail := func(err error) siteItem {
		return siteItem{err: fmt.Errorf("%s: the web site: %w", x.name(), err)}
	}
	n := strconv.Itoa(x.n)
	e := &s.item
	switch {
	case x.exemption != "" && (x.paper != nil || x.pdf != nil):
		notice := x.notice()
		e.Notice = &notice
	case x.paper != nil:
		files := make([]layout.File, len(x.paper.Report.Appendices))
		used := map[string]bool{}
		for _, ap := range x.appendices {
			sa := layout.SiteAppendix{Ref: ap.ref, Title: ap.title}
			if ap.exemption != "" {
				notice := x.appendixNotice(ap)
				sa.Notice = &notice
				e.Appendices = append(e.Appendices, sa)
				continue
			}
			data, err := single(m, &part{item: x.n, bookmark: "Appendix " + ap.ref + ": " + ap.title, ext: ap.file}, date, "Appendix "+ap.ref+": "+ap.title)
			if err != nil {
				return fail(fmt.Errorf("appendix %s (%s): %w", ap.ref, ap.name, err))
			}
			// References that differ only in case or punctuation
			// ("A", "a") make the same name: the later is numbered.
			stem := "item-" + n + "-appendix-" + slug(ap.ref, ap.index+1)
			name := stem + ".pdf"
			for k := 2; used[name]; k++ {
				name = stem + "-" + strconv.Itoa(k) + ".pdf"
			}
			used[name] = true
			sa.File = add(name, data)
			files[ap.index] = *sa.File
			e.Appendices = append(e.Appendices, sa)
		}
		data, err := single(m, &part{item: x.n, bookmark: x.title, doc: x.paper.Doc, paper: true}, date, x.paper.Doc.Meta.Title)
		if err != nil {
			return fail(err)
		}
		e.PDF = add("item-"+n+".pdf", data)
		// The page is laid out again with the links to the appendices'
		// copies beside it, and their sizes.
		d, errs := layout.Paper(layout.Input{Report: x.paper.Report, Figures: x.paper.Figures, Date: epoch, Files: files})
		if errs.HasErrors() {
			return fail(errs.Errors())
		}
		var buf bytes.Buffer
		if _, err := page.Write(&buf, layout.SitePaper(d, siteIndex)); err != nil {
			return fail(err)
		}
		e.Page = add("item-"+n+".html", buf.Bytes()).Href
	case x.pdf != nil:
		data, err := single(m, &part{item: x.n, bookmark: x.title, ext: x.pdf}, date, x.title)
		if err != nil {
			return fail(err)
		}
		e.PDF = add("item-"+n+".pdf", data)
	}
	return s
}

// slug makes an appendix's reference part of a file name: lower-case
// letters and digits, runs of anything else one hyphen, at most 16
// characters; n when nothing is left.
func slug(ref string, n int) string {
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(ref) {
		if b.Len() >= 16 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	if b.Len() == 0 {
		return strconv.Itoa(n)
	}
	return b.String()
}
