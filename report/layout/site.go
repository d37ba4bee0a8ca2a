package layout

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
)

// The words of a meeting's public web site that are not the agenda's own.
const (
	// BackToAgenda is the link from a paper's page on the site back to
	// the meeting's agenda.
	BackToAgenda = "Back to the agenda"
	// siteExemptNote ends the agenda page's note on exempt items.
	siteExemptNote = "Their papers are sent to members only; this page gives the notice that stands in their place."
)

// SiteItem is one agenda item as the meeting's public web site gives it.
type SiteItem struct {
	// Entry is the item as the public agenda lists it: the same title
	// and words.
	Entry AgendaEntry
	// Notice, for an exempt paper or document, is the notice that stands
	// for it in the public pack: the site gives its words in its place,
	// and nothing else of it.
	Notice *NoticeOf
	// Paper is set for a paper (a report): its own PDF and appendices
	// are then called the report's.
	Paper bool
	// Page is the address of the paper's web page; empty for none.
	Page string
	// PDF is the item's public PDF (the paper's, or the document's), by
	// its name in the site's folder; nil for none.
	PDF *File
	// Appendices are a public paper's appendices that have files, in
	// order.
	Appendices []SiteAppendix
}

// SiteAppendix is an appendix of a public paper on the web site: its
// public PDF, or the notice that stands for an exempt one.
type SiteAppendix struct {
	Ref, Title string
	File       *File
	Notice     *NoticeOf
}

// SiteIndex lays out the index page of a meeting's public web site, the
// agenda as a web page: the meeting's facts and membership, as the pack's
// front sheet gives them; then each item, numbered, with the words the
// public agenda prints, and links to its paper's web page, its PDF and
// its appendices' PDFs, each with its type and size; an exempt item or
// appendix gives the words of its notice in the public pack in its place.
// pack, when set, is the whole public pack's PDF, linked under the
// agenda's heading.
func SiteIndex(m Meeting, items []SiteItem, pack *File, date time.Time) *doc.Document {
	d := &doc.Document{
		Meta: doc.Meta{
			Title:    fmt.Sprintf("%s, %s: agenda", m.Committee, longDate(m.Date)),
			Author:   m.Council,
			Subject:  fmt.Sprintf("Agenda and reports of the %s meeting on %s", m.Committee, longDate(m.Date)),
			Language: "en-GB",
			Date:     date,
		},
		Page: doc.Page{Marking: m.Marking},
		Web: doc.Web{
			Title:    joinNonEmpty(" – ", m.Style.Heading("agenda"), m.Committee, longDate(m.Date), m.Council),
			SkipLink: m.Style.Label("skip_link"),
		},
		Style: m.packStyle(),
	}
	if m.Style != nil && m.Style.Logo != nil {
		d.Blocks = append(d.Blocks, m.Style.Logo)
	}
	d.Blocks = append(d.Blocks, &doc.Title{Kicker: m.Council, Text: m.Committee}, meetingFacts(m))
	d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: m.Style.Heading("agenda"), ID: "agenda"})
	if pack != nil {
		d.Blocks = append(d.Blocks, &doc.Paragraph{Content: []doc.Inline{
			{Text: "The whole public agenda pack, every item's papers in one file: "},
			{Text: "Agenda pack (" + fileType(pack) + ")", Link: pack.Href}}})
	}
	exemptItems := false
	for i, it := range items {
		n := i + 1
		d.Blocks = append(d.Blocks, &doc.Heading{Level: 2, Number: strconv.Itoa(n), Text: it.Entry.Title, ID: "item-" + strconv.Itoa(n)})
		if line := m.agendaLine(it.Entry); len(line) > 0 {
			d.Blocks = append(d.Blocks, &doc.Paragraph{Content: line})
		}
		exemptItems = exemptItems || it.Entry.Exemption != ""
		if it.Notice != nil {
			d.Blocks = append(d.Blocks, m.noticeWords(*it.Notice)...)
			continue
		}
		var links []doc.ListItem
		what := "Document"
		if it.Paper {
			what = "Report"
		}
		if it.Page != "" {
			links = append(links, listItem(doc.Inline{Text: what + " (web page)", Link: it.Page}))
		}
		if it.PDF != nil {
			links = append(links, listItem(doc.Inline{Text: what + " (" + fileType(it.PDF) + ")", Link: it.PDF.Href}))
		}
		for _, ap := range it.Appendices {
			label := "Appendix " + ap.Ref
			if ap.File != nil {
				links = append(links, listItem(doc.Inline{Text: ap.Title + ": "},
					doc.Inline{Text: label + " (" + fileType(ap.File) + ")", Link: ap.File.Href}))
				continue
			}
			if ap.Notice != nil {
				item := []doc.Block{&doc.Paragraph{Content: doc.Plain(label + ": " + ap.Title)}}
				links = append(links, doc.ListItem{Blocks: append(item, m.noticeWords(*ap.Notice)...)})
			}
		}
		if len(links) > 0 {
			d.Blocks = append(d.Blocks, &doc.List{Items: links})
		}
	}
	if exemptItems {
		d.Blocks = append(d.Blocks, &doc.Paragraph{Style: doc.Note, Content: doc.Plain(m.exemptItemsNote(siteExemptNote))})
	}
	return d
}

// SitePaper makes a paper's document the page of the meeting's web site
// it is: with the link back to the agenda at index.
func SitePaper(d *doc.Document, index string) *doc.Document {
	c := *d
	c.Web.Up = doc.Inline{Text: BackToAgenda, Link: index}
	return &c
}

// noticeWords are the words of an exempt notice, as the public pack's
// notice page gives them: NOT FOR PUBLICATION, why, the paragraphs of
// Schedule 12A quoted, and where the material went.
func (m Meeting) noticeWords(n NoticeOf) []doc.Block {
	var paras []doc.ListItem
	for _, p := range n.paragraphs() {
		paras = append(paras, listItem(doc.Inline{Text: "Paragraph " + strconv.Itoa(p) + ":", Bold: true}, doc.Inline{Text: " " + ScheduleParagraphs[p]}))
	}
	bs := []doc.Block{&doc.Paragraph{Content: []doc.Inline{{Text: m.Style.Label("not_for_publication"), Bold: true}, {Break: true}, {Text: n.reason()}}}}
	if len(paras) > 0 {
		bs = append(bs, &doc.List{Items: paras})
	}
	return append(bs, &doc.Paragraph{Content: doc.Plain(m.Style.Label("notice_sent"))})
}

func listItem(runs ...doc.Inline) doc.ListItem {
	return doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Content: runs}}}
}

// fileType is a file's type and size as a link to it gives them: "PDF,
// 120 KB".
func fileType(f *File) string { return "PDF, " + format.FileSize(f.Size) }

// joinNonEmpty joins the parts that are not empty.
func joinNonEmpty(sep string, parts ...string) string {
	return strings.Join(slices.DeleteFunc(parts, func(s string) bool { return s == "" }), sep)
}
