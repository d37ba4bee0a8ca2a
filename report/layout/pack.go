package layout

import (
	"fmt"
	"strconv"
	"time"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/markdown"
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
}

// AgendaEntry is one numbered line of the agenda.
type AgendaEntry struct {
	Title string
	// Text is shown under the title (markdown), e.g. "To receive
	// apologies for absence."
	Text string
	// Page is where the item starts in the pack; zero for items with no
	// pages (text only).
	Page int
	// Exemption is non-empty for an exempt item: the Schedule 12A wording
	// from definition.Exemption.
	Exemption string
}

// ExemptStamp is the header every page of the exempt pack carries.
const ExemptStamp = "NOT FOR PUBLICATION"

// ExemptStampFor words the exempt pack's header for one item's pages.
func ExemptStampFor(exemption string) string {
	if exemption == "" {
		return ExemptStamp + ": members' exempt pack"
	}
	return ExemptStamp + " by virtue of " + exemption
}

// FrontSheet lays out an agenda pack's front sheet and agenda, whose
// pages are numbered from 1. For the exempt pack, exempt is true and every
// page is stamped NOT FOR PUBLICATION.
func FrontSheet(m Meeting, entries []AgendaEntry, exempt bool, date time.Time) *doc.Document {
	d := &doc.Document{
		Meta: doc.Meta{
			Title:    fmt.Sprintf("%s, %s: agenda", m.Committee, longDate(m.Date)),
			Author:   m.Council,
			Subject:  "Agenda pack",
			Language: "en-GB",
			Date:     date,
		},
		Page:  doc.Page{Marking: m.Marking, Numbering: doc.PageOnly},
		Style: doc.DefaultStyle(),
	}
	if exempt {
		d.Meta.Title += " (exempt pack)"
		d.Page.Stamp = ExemptStampFor("")
	}
	facts := []doc.Fact{{Label: "Date:", Value: doc.Plain(dayDate(m.Date))}}
	if m.Time != "" {
		facts = append(facts, doc.Fact{Label: "Time:", Value: doc.Plain(m.Time)})
	}
	if m.Venue != "" {
		facts = append(facts, doc.Fact{Label: "Venue:", Value: doc.Plain(m.Venue)})
	}
	if m.Contact != "" {
		facts = append(facts, doc.Fact{Label: "Contact:", Value: markdown.Inline(m.Contact)})
	}
	d.Blocks = append(d.Blocks,
		&doc.Title{Kicker: m.Council, Text: m.Committee},
		&doc.Facts{Rows: facts},
	)
	if len(m.Members) > 0 {
		d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: "Membership", ID: "membership"})
		l := &doc.List{}
		for _, mem := range m.Members {
			l.Items = append(l.Items, doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Content: doc.Plain(mem)}}})
		}
		d.Blocks = append(d.Blocks, l)
	}
	d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Text: "Agenda", ID: "agenda"})
	t := &doc.Table{
		Kind:        doc.Grid,
		Description: "Agenda items with the page each starts on",
		Columns:     []doc.Column{{Width: 0.6}, {Width: 6}, {Width: 0.9, Align: doc.Right}},
		Header:      [][]doc.Cell{{{Content: doc.Plain("Item")}, {Content: doc.Plain("Title")}, {Content: doc.Plain("Page")}}},
	}
	for i, e := range entries {
		content := doc.Bold(e.Title)
		if e.Text != "" {
			content = append(content, doc.Inline{Break: true})
			content = append(content, markdown.Inline(e.Text)...)
		}
		if e.Exemption != "" {
			content = append(content, doc.Inline{Break: true}, doc.Inline{Text: "Exempt: " + e.Exemption, Italic: true})
		}
		page := ""
		if e.Page > 0 {
			page = strconv.Itoa(e.Page)
		}
		t.Rows = append(t.Rows, []doc.Cell{{Content: doc.Plain(strconv.Itoa(i + 1))}, {Content: content}, {Content: doc.Plain(page)}})
	}
	d.Blocks = append(d.Blocks, t)
	for _, e := range entries {
		if e.Exemption != "" {
			d.Blocks = append(d.Blocks, &doc.Paragraph{Style: doc.Note, Content: doc.Plain(
				"Items marked exempt contain information that is exempt from publication. The Committee may resolve to exclude the press and public while they are considered.")})
			break
		}
	}
	return d
}

// Notice lays out the single page that stands in the public pack for an
// exempt paper or appendix: what it is, and why it is not published.
func Notice(m Meeting, item int, title, exemption string, date time.Time) *doc.Document {
	return &doc.Document{
		Meta: doc.Meta{
			Title:    fmt.Sprintf("Item %d: %s (not for publication)", item, title),
			Author:   m.Council,
			Subject:  "Exempt item notice",
			Language: "en-GB",
			Date:     date,
		},
		Page:  doc.Page{Marking: m.Marking, Numbering: doc.PageOnly},
		Style: doc.DefaultStyle(),
		Blocks: []doc.Block{
			&doc.Title{Kicker: m.Council, Text: m.Committee},
			&doc.Heading{Level: 1, Text: fmt.Sprintf("Item %d: %s", item, title), ID: "notice"},
			&doc.Paragraph{Style: doc.Emphasis, Content: doc.Plain(ExemptStamp)},
			&doc.Paragraph{Style: doc.Centered, Content: doc.Plain("This item is exempt from publication by virtue of " + exemption + ".")},
			&doc.Paragraph{Style: doc.Centered, Content: doc.Plain("It has been sent to members of the Committee only.")},
		},
	}
}

func dayDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("Monday 2 January 2006")
}
