package layout

import (
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
)

// cellText is a cell's text with line breaks as " | ", and the links it
// carries.
func cellText(c doc.Cell) (text string, links []string) {
	var b strings.Builder
	for _, in := range c.Content {
		if in.Break {
			b.WriteString(" | ")
			continue
		}
		b.WriteString(in.Text)
		if in.Link != "" {
			links = append(links, in.Link)
		}
	}
	return b.String(), links
}

// TestExemptBackgroundPapers: a background paper with exempt_paragraphs
// is listed by title with its exemption; a Part I paper, which is
// published, neither prints nor links its address, while a public
// background paper keeps its link. A Part II paper goes to members
// only and keeps both.
func TestExemptBackgroundPapers(t *testing.T) {
	const public = "https://www.lgo.org.uk/complaint-handling-code"
	const private = "https://intranet.kingsbridge.example/legal/settlement-j-smith.pdf"
	for _, tc := range []struct {
		part string
		want [][2]string // each row's text and its links, joined
	}{
		{"I", [][2]string{
			{"Complaint handling code | " + public, public},
			{"Legal advice on the settlement | Exempt: paragraphs 1 and 5 of Part 1 of Schedule 12A to the Local Government Act 1972", ""},
		}},
		{"II", [][2]string{
			{"Complaint handling code | " + public, public},
			{"Legal advice on the settlement | Exempt: paragraphs 1 and 5 of Part 1 of Schedule 12A to the Local Government Act 1972 | " + private, private},
		}},
	} {
		t.Run("Part "+tc.part, func(t *testing.T) {
			paras := "[]"
			if tc.part == "II" {
				paras = "[3]"
			}
			src := `council: K
committee: C
meeting_date: 2026-12-14
title: T
author: A
part: ` + tc.part + `
exempt_paragraphs: ` + paras + `
purpose: P
recommendations: {items: [R]}
background_papers:
  - {title: Complaint handling code, url: "` + public + `"}
  - {title: Legal advice on the settlement, url: "` + private + `", exempt_paragraphs: [5, 1]}
`
			r, errs := definition.Parse("report.yaml", []byte(src))
			if errs.HasErrors() {
				t.Fatal(errs)
			}
			if errs := definition.Check(r, nil); errs.HasErrors() {
				t.Fatal(errs)
			}
			d, errs := Paper(Input{Report: r})
			if len(errs) != 0 {
				t.Fatal(errs)
			}
			var tbl *doc.Table
			doc.Walk(d.Blocks, func(b doc.Block) bool {
				if x, ok := b.(*doc.Table); ok && strings.HasPrefix(x.Description, "Background papers") {
					tbl = x
				}
				return true
			})
			if tbl == nil || len(tbl.Rows) != len(tc.want) {
				t.Fatalf("background papers table %v, want %d rows", tbl, len(tc.want))
			}
			for i, want := range tc.want {
				text, links := cellText(tbl.Rows[i][0])
				if text != want[0] || strings.Join(links, " ") != want[1] {
					t.Errorf("row %d: %q with links %q, want %q with %q", i+1, text, links, want[0], want[1])
				}
			}
			// The exemption's paragraphs are ticked as before.
			if got, _ := cellText(tbl.Rows[1][1]); got != Tick {
				t.Errorf("paragraph 1 column of the exempt paper: %q, want a tick", got)
			}
		})
	}
}

// TestAgendaReportOfIsPlainText: the "Report of" line comes from a
// paper's one-line lead_director or author field, so a Markdown link
// typed there is printed as typed and never becomes a live link; an
// item's own text is Markdown.
func TestAgendaReportOfIsPlainText(t *testing.T) {
	m := Meeting{Council: "Kingsbridge City Council", Committee: "Audit and Governance Committee", Date: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)}
	entries := []AgendaEntry{
		{Title: "Settlement of claim", ReportOf: "[Daniel Okonjo](https://evil.example/phish) *Director*", Exemption: definition.Exemption([]int{3})},
		{Title: "Minutes", Text: "To confirm the [minutes](https://kingsbridge.example/minutes).", ReportOf: "ignored when there is text"},
	}
	for _, exempt := range []bool{false, true} {
		d := FrontSheet(m, entries, exempt, m.Date)
		var tbl *doc.Table
		doc.Walk(d.Blocks, func(b doc.Block) bool {
			if x, ok := b.(*doc.Table); ok && strings.HasPrefix(x.Description, "Agenda items") {
				tbl = x
			}
			return true
		})
		if tbl == nil || len(tbl.Rows) != 2 {
			t.Fatalf("agenda table %v", tbl)
		}
		text, links := cellText(tbl.Rows[0][1])
		if want := "Settlement of claim | Report of [Daniel Okonjo](https://evil.example/phish) *Director* | Exempt: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972"; text != want || len(links) != 0 {
			t.Errorf("exempt pack %v: item 1 reads %q with links %q, want %q and no link", exempt, text, links, want)
		}
		for _, in := range tbl.Rows[0][1].Content {
			if in.Italic && strings.Contains(in.Text, "Okonjo") {
				t.Errorf("exempt pack %v: %q set in italics, as Markdown", exempt, in.Text)
			}
		}
		text, links = cellText(tbl.Rows[1][1])
		if want := "Minutes | To confirm the minutes."; text != want || strings.Join(links, " ") != "https://kingsbridge.example/minutes" {
			t.Errorf("exempt pack %v: item 2 reads %q with links %q, want %q with its link", exempt, text, links, want)
		}
	}
}
