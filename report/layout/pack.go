package layout

import (
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/markdown"
	"github.com/paperhq/paper/report/style"
)

// Meeting is what an agenda pack's front sheet says about the meeting.
type Meeting struct {
	Council, Committee string
	Date               time.Time
	Time, Venue        string
	Members            []string
	Contact            string
	// Marking is the protective marking of the pack's own pages.
	Marking string
	// Style is the house style of the pack's own pages (the agenda's
	// style); nil is the standard one. Each paper keeps its own.
	Style *style.Style
}

// packStyle is the tree's house style of a pack's own pages.
func (m Meeting) packStyle() doc.Style {
	if m.Style == nil {
		return doc.DefaultStyle()
	}
	return m.Style.Doc
}

// AgendaEntry is one numbered line of the agenda.
type AgendaEntry struct {
	Title string
	// Text is shown under the title (markdown), e.g. "To receive
	// apologies for absence."
	Text string
	// ReportOf, for a paper whose item gives no Text, is its lead
	// director or author, shown as "Report of …" in plain text: it comes
	// from a one-line field of the paper, which is not markdown, so a
	// link or emphasis typed there is printed as typed, never made live.
	ReportOf string
	// Page is where the item starts in the pack; zero for items with no
	// pages (text only).
	Page int
	// Exemption is non-empty for an exempt item: the Schedule 12A wording
	// from definition.Exemption.
	Exemption string
}

// ExemptStamp is the stamp on the pages of an exempt item in the exempt
// pack, in the words of the pack's house style: NOT FOR PUBLICATION,
// then "by virtue of" and exemption, the item's Schedule 12A wording.
func (m Meeting) ExemptStamp(exemption string) [2]string {
	return [2]string{m.Style.Label("not_for_publication"), "by virtue of " + exemption}
}

// PackStamp is the stamp on the exempt pack's own pages and on the items
// that are not exempt themselves: NOT FOR PUBLICATION, then "Exempt pack
// for members:" and exemptions, what makes the pack's items exempt.
func (m Meeting) PackStamp(exemptions string) [2]string {
	return [2]string{m.Style.Label("not_for_publication"), "Exempt pack for members: " + exemptions}
}

// ScheduleParagraphs describes the seven paragraphs of Part 1 of Schedule
// 12A to the Local Government Act 1972, as notices quote them.
var ScheduleParagraphs = [8]string{
	1: "Information relating to any individual.",
	2: "Information which is likely to reveal the identity of an individual.",
	3: "Information relating to the financial or business affairs of any particular person (including the authority holding that information).",
	4: "Information relating to any consultations or negotiations, or contemplated consultations or negotiations, in connection with any labour relations matter arising between the authority or a Minister of the Crown and employees of, or office holders under, the authority.",
	5: "Information in respect of which a claim to legal professional privilege could be maintained in legal proceedings.",
	6: "Information which reveals that the authority proposes to give under any enactment a notice by virtue of which requirements are imposed on a person, or to make an order or direction under any enactment.",
	7: "Information relating to any action taken or to be taken in connection with the prevention, investigation or prosecution of crime.",
}

// FrontSheet lays out an agenda pack's front sheet and agenda. For the
// exempt pack, exempt is true: the sheet says what the pack is and whom
// it is for (the pack stamps every page NOT FOR PUBLICATION itself).
// Pages are left unnumbered: the pack numbers them.
func FrontSheet(m Meeting, entries []AgendaEntry, exempt bool, date time.Time) *doc.Document {
	d := &doc.Document{
		Meta: doc.Meta{
			Title:    fmt.Sprintf("%s, %s: agenda", m.Committee, longDate(m.Date)),
			Author:   m.Council,
			Subject:  "Agenda pack",
			Language: "en-GB",
			Date:     date,
		},
		Page:  doc.Page{Marking: m.Marking},
		Style: m.packStyle(),
	}
	w := m.Style.Label
	kicker := m.Council
	if exempt {
		d.Meta.Title += " (exempt pack)"
	}
	if m.Style != nil && m.Style.Logo != nil {
		d.Blocks = append(d.Blocks, m.Style.Logo)
	}
	d.Blocks = append(d.Blocks, &doc.Title{Kicker: kicker, Text: m.Committee})
	if exempt {
		d.Blocks = append(d.Blocks,
			&doc.Paragraph{Style: doc.Centered, Content: []doc.Inline{
				{Text: w("exempt_pack"), Bold: true}, {Break: true},
				{Text: w("exempt_pack_text")},
			}},
		)
	}
	d.Blocks = append(d.Blocks, meetingFacts(m))
	d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: m.Style.Heading("agenda"), ID: "agenda"})
	t := &doc.Table{
		Kind:        doc.Grid,
		Description: "Agenda items with the page of this pack where each starts",
		Columns:     []doc.Column{{Width: 0.7}, {Width: 6}, {Width: 0.9, Align: doc.Right}},
		Header:      [][]doc.Cell{{{Content: doc.Plain(w("agenda_item"))}, {Content: doc.Plain(w("agenda_title"))}, {Content: doc.Plain(w("agenda_page"))}}},
	}
	exemptItems := false
	for i, e := range entries {
		content := doc.Bold(e.Title)
		if line := m.agendaLine(e); len(line) > 0 {
			content = append(append(content, doc.Inline{Break: true}), line...)
		}
		exemptItems = exemptItems || e.Exemption != ""
		page := ""
		if e.Page > 0 {
			page = strconv.Itoa(e.Page)
		}
		t.Rows = append(t.Rows, []doc.Cell{{Content: doc.Plain(strconv.Itoa(i + 1))}, {Content: content}, {Content: doc.Plain(page)}})
	}
	d.Blocks = append(d.Blocks, t)
	if exemptItems {
		public := w("exempt_items_public_note")
		if exempt {
			public = ""
		}
		d.Blocks = append(d.Blocks, &doc.Paragraph{Style: doc.Note, Content: doc.Plain(m.exemptItemsNote(public))})
	}
	return d
}

// meetingFacts is the table of the meeting's facts a front sheet (and
// the agenda's web page) gives: date, time, venue, membership, contact.
func meetingFacts(m Meeting) *doc.Table {
	label := func(k string) string { return style.RowLabel(m.Style.Label(k)) }
	facts := []fact{{label("pack_date"), doc.Plain(dayDate(m.Date))}}
	if m.Time != "" {
		facts = append(facts, fact{label("pack_time"), doc.Plain(m.Time)})
	}
	if m.Venue != "" {
		facts = append(facts, fact{label("pack_venue"), doc.Plain(m.Venue)})
	}
	if len(m.Members) > 0 {
		var members []doc.Inline
		for i, mem := range m.Members {
			if i > 0 {
				members = append(members, doc.Inline{Break: true})
			}
			members = append(members, doc.Inline{Text: mem})
		}
		facts = append(facts, fact{label("pack_membership"), members})
	}
	if m.Contact != "" {
		facts = append(facts, fact{label("pack_contact"), markdown.Inline(m.Contact)})
	}
	return factsTable(facts, "Meeting details")
}

// agendaLine is an agenda entry's words under its title: its own text,
// else "Report of …"; then, for an exempt item, "Exempt: …".
func (m Meeting) agendaLine(e AgendaEntry) []doc.Inline {
	var content []doc.Inline
	switch {
	case e.Text != "":
		content = markdown.Inline(e.Text)
	case e.ReportOf != "":
		content = []doc.Inline{{Text: m.Style.Label("agenda_report_of") + " " + e.ReportOf}}
	}
	if e.Exemption != "" {
		if len(content) > 0 {
			content = append(content, doc.Inline{Break: true})
		}
		content = append(content, doc.Inline{Text: m.Style.Label("exempt") + " " + e.Exemption, Italic: true})
	}
	return content
}

// exemptItemsNote is the note under an agenda with exempt items; public
// says what the public pack holds in their place.
func (m Meeting) exemptItemsNote(public string) string {
	note := m.Style.Label("exempt_items_note")
	if public != "" {
		note += " " + public
	}
	return note
}

// NoticeOf says what an exempt notice stands for.
type NoticeOf struct {
	Item  int
	Title string // the item's title
	// Appendix and AppendixTitle are set when the notice stands for one
	// exempt appendix of a public paper.
	Appendix, AppendixTitle string
	// Exemption is the Schedule 12A wording; Paragraphs its numbers.
	Exemption  string
	Paragraphs []int
	// Paper is true when the item is a report (a "report"), false for
	// another document.
	Paper bool
}

// Notice lays out the single page that stands in the public pack for an
// exempt paper, document or appendix: what it is, that it is not
// published, and the paragraphs of Schedule 12A that make it exempt,
// quoted. Its page is left unnumbered: the pack numbers it.
func Notice(m Meeting, n NoticeOf, date time.Time) *doc.Document {
	heading := n.heading()
	d := &doc.Document{
		Meta: doc.Meta{
			Title:    fmt.Sprintf("Item %d: %s (not for publication)", n.Item, heading),
			Author:   m.Council,
			Subject:  "Exempt item notice",
			Language: "en-GB",
			Date:     date,
		},
		Page:  doc.Page{Marking: m.Marking},
		Style: m.packStyle(),
	}
	w := m.Style.Label
	t := &doc.Table{
		Kind:        doc.Form,
		Description: "Why this item is not published",
		Columns:     []doc.Column{{Width: 1.9}, {Width: 8}},
		Header:      [][]doc.Cell{{{Content: doc.Plain(w("notice_heading")), Span: 2}}},
	}
	t.Rows = append(t.Rows, []doc.Cell{{Span: 2, Content: doc.Plain(n.reason())}})
	for _, p := range n.paragraphs() {
		t.Rows = append(t.Rows, []doc.Cell{{Content: doc.Plain("Paragraph " + strconv.Itoa(p))}, {Content: doc.Plain(ScheduleParagraphs[p])}})
	}
	d.Blocks = []doc.Block{
		&doc.Title{Kicker: fmt.Sprintf("%s: %s, %s", m.Council, m.Committee, dayDate(m.Date)), Text: fmt.Sprintf("%s %d", w("agenda_item_notice"), n.Item)},
		&doc.Heading{Level: 1, Text: heading, ID: "notice"},
		&doc.Paragraph{Style: doc.Emphasis, Content: doc.Plain(w("not_for_publication"))},
		t,
		&doc.Paragraph{Content: doc.Plain(w("notice_sent"))},
	}
	if m.Contact != "" {
		d.Blocks = append(d.Blocks, &doc.Paragraph{Content: append(doc.Plain(w("enquiries")+" "), markdown.Inline(m.Contact)...)})
	}
	return d
}

// heading is what a notice is about: the item's title, or the item's
// title and the appendix's.
func (n NoticeOf) heading() string {
	if n.Appendix != "" {
		return fmt.Sprintf("%s: Appendix %s, %s", n.Title, n.Appendix, n.AppendixTitle)
	}
	return n.Title
}

// reason is a notice's statement of why the material is not published.
func (n NoticeOf) reason() string {
	what := "This document"
	if n.Paper {
		what = "This report"
	}
	if n.Appendix != "" {
		what = fmt.Sprintf("Appendix %s to this report", n.Appendix)
	}
	return what + " is not for publication because it contains exempt information as described in " + n.Exemption + ":"
}

// paragraphs are the Schedule 12A paragraphs a notice quotes, in order,
// each once.
func (n NoticeOf) paragraphs() []int {
	ps := slices.Clone(n.Paragraphs)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	return slices.DeleteFunc(ps, func(p int) bool { return p < 1 || p > 7 })
}

func dayDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("Monday 2 January 2006")
}
