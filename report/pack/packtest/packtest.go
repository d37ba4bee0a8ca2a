// Package packtest writes agenda-pack fixtures for tests and benchmarks: a
// meeting's agenda.yaml, its papers' report.yaml files and their appendix
// PDFs, into a folder. Every fixture is generated, so a test can plant
// marker text in exactly the places exempt information can hide in a real
// meeting: a Part II paper's body, an exempt appendix's pages, its
// document metadata, bookmarks, file attachments, file name, and an
// unreferenced object left behind by an incremental save.
//
// Every council, person and case in the fixtures is fictional.
package packtest

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/pdf"
)

// Spec says what meeting to write.
type Spec struct {
	// Papers is the number of papers (report items) on the agenda. Every
	// third paper (the 2nd, 5th, 8th ...) is Part II; the others are
	// Part I, and every other Part I paper has an exempt appendix B.
	// Every paper has a public appendix A with a file.
	Papers int
	// AppendixPages is the length of each appendix PDF; zero means 2.
	AppendixPages int
}

// Meeting is a written fixture.
type Meeting struct {
	// Agenda is the path of agenda.yaml.
	Agenda string
	// Exempt lists the marker strings planted in exempt material: none
	// may reach the public pack by any route; all of the page-content
	// markers must reach the exempt pack.
	Exempt []Marker
	// Public lists markers planted in public inputs' parts that a pack
	// never carries (outlines, attachments, unreferenced objects): they
	// show that the pack strips them from every merged PDF.
	Public []Marker
	// Items describes the agenda items in order.
	Items []Item
}

// Marker is a unique string and where it was planted.
type Marker struct {
	Text  string
	Where string
	// OnPage is true when the marker is printed on a page, so it must
	// appear in the exempt pack's text.
	OnPage bool
}

// Item describes one agenda item of the fixture.
type Item struct {
	Title string
	// Kind is "text", "pdf" or "report".
	Kind string
	// Exempt is true for a Part II paper or an exempt PDF item.
	Exempt bool
	// Paragraphs are the Schedule 12A paragraphs of an exempt item.
	Paragraphs []int
	// Appendices of a paper, in order (only those with files).
	Appendices []Appendix
	// Pages is the length of a PDF item; a paper's length is decided by
	// its layout.
	Pages int
	// Path is the item's file, relative to the agenda.
	Path string
	// FirstPage is text printed on the first page of a PDF item.
	FirstPage string
}

// Appendix describes an appendix with a file.
type Appendix struct {
	Ref, Title string
	Exempt     bool
	Paragraphs []int
	Pages      int
	// FirstPage is text printed on the appendix's first page.
	FirstPage string
}

// Date is the fixture meeting's date.
var Date = time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC)

const council = "Kingsbridge City Council"
const committee = "Audit and Governance Committee"

var disableConfig sync.Once

// Write writes the meeting described by spec into dir.
func Write(dir string, spec Spec) (*Meeting, error) {
	// pdfcpu must not read or write a per-user configuration. Tests call
	// Write in parallel, so the setting is made once.
	disableConfig.Do(api.DisableConfigDir)
	if spec.AppendixPages <= 0 {
		spec.AppendixPages = 2
	}
	m := &Meeting{Agenda: filepath.Join(dir, "agenda.yaml")}
	w := &writer{dir: dir, m: m, spec: spec}
	var items strings.Builder
	add := func(s string) { items.WriteString("  - " + s + "\n") }

	add("{title: Apologies for absence, text: To receive apologies for absence.}")
	m.Items = append(m.Items, Item{Title: "Apologies for absence", Kind: "text"})
	add("{title: Declarations of interest, text: Members are asked to declare any interest in items on this agenda.}")
	m.Items = append(m.Items, Item{Title: "Declarations of interest", Kind: "text"})

	// Public minutes that carry an outline, an attachment and an orphan
	// object: the pack must strip all three.
	if err := w.pdf("minutes.pdf", "Minutes of the meeting held on 28 September 2026", 1, "MINUTES", false); err != nil {
		return nil, err
	}
	add("{title: Minutes of the previous meeting, text: To confirm the minutes of the meeting held on 28 September 2026., pdf: minutes.pdf}")
	m.Items = append(m.Items, Item{Title: "Minutes of the previous meeting", Kind: "pdf", Pages: 1, Path: "minutes.pdf",
		FirstPage: "This is page 1 of Minutes of the meeting held on 28 September 2026."})

	for i := 1; i <= spec.Papers; i++ {
		it, err := w.paper(i)
		if err != nil {
			return nil, err
		}
		add("{report: " + it.Path + "}")
		m.Items = append(m.Items, it)
	}

	// An exempt PDF item: a confidential note with no paper of its own.
	name := "staffing-note-XQZFILENAME.pdf"
	if err := w.pdf(name, "Note on a staffing matter", 1, "STAFFNOTE", true); err != nil {
		return nil, err
	}
	m.Exempt = append(m.Exempt, Marker{Text: "XQZFILENAME", Where: "exempt PDF item's file name"})
	add("{title: Staffing matter, pdf: " + name + ", exempt_paragraphs: [1, 4]}")
	m.Items = append(m.Items, Item{Title: "Staffing matter", Kind: "pdf", Exempt: true, Paragraphs: []int{1, 4}, Pages: 1, Path: name,
		FirstPage: "This is page 1 of Note on a staffing matter."})

	agenda := fmt.Sprintf(`# Fixture meeting written by report/pack/packtest.
council: %s
committee: %s
date: %s
time: "10:00"
venue: Committee Room 2, Civic Centre, Kingsbridge
members:
  - Councillor Esther Vane (Chair)
  - Councillor Rupert Achebe (Vice-Chair)
  - Councillor Lowenna Carne
  - Councillor Dafydd Price
  - Gareth Molyneux (Independent Member)
contact: Democratic Services, democratic.services@kingsbridge.example, 01632 960 412
items:
%s`, council, committee, Date.Format("2006-01-02"), items.String())
	if err := os.WriteFile(m.Agenda, []byte(agenda), 0o644); err != nil {
		return nil, err
	}
	return m, nil
}

type writer struct {
	dir  string
	m    *Meeting
	spec Spec
}

// paper writes paper i: its report.yaml and appendix PDFs.
func (w *writer) paper(i int) (Item, error) {
	sub := fmt.Sprintf("paper%02d", i)
	if err := os.MkdirAll(filepath.Join(w.dir, sub), 0o755); err != nil {
		return Item{}, err
	}
	exempt := i%3 == 2
	it := Item{Kind: "report", Exempt: exempt, Path: sub + "/report.yaml"}
	tag := fmt.Sprintf("P%02d", i)
	mark := func(where string) string {
		if !exempt {
			return ""
		}
		s := "XQZ" + tag + strings.ToUpper(strings.ReplaceAll(where, " ", ""))
		w.m.Exempt = append(w.m.Exempt, Marker{Text: s, Where: fmt.Sprintf("Part II paper %d: %s", i, where), OnPage: true})
		return " " + s
	}
	part, paras, marking, stamp := "I", "[]", "OFFICIAL", ""
	it.Title = fmt.Sprintf("Complaints performance report %d", i)
	if exempt {
		part, paras, marking = "II", "[3]", "OFFICIAL-SENSITIVE"
		it.Title = fmt.Sprintf("Settlement of claim %d", i)
		it.Paragraphs = []int{3}
		stamp = mark("author")
	}
	pages := w.spec.AppendixPages
	// Appendix A: public unless the paper is Part II.
	titleA := fmt.Sprintf("Appendix A: Summary of figures (paper %d)", i)
	apA := Appendix{Ref: "A", Title: "Summary of figures", Pages: pages, Exempt: exempt, Paragraphs: it.Paragraphs, FirstPage: "This is page 1 of " + titleA}
	appendices := "  - {ref: A, title: Summary of figures, file: appendix-a.pdf}\n"
	if exempt {
		apA.Title = "Legal advice" + mark("appendix title")
		appendices = "  - {ref: A, title: " + apA.Title + ", file: appendix-a.pdf}\n"
	}
	if err := w.pdf(sub+"/appendix-a.pdf", titleA, pages, tag+"A", exempt); err != nil {
		return Item{}, err
	}
	it.Appendices = append(it.Appendices, apA)
	// Appendix B: exempt (paragraph 1), on every other Part I paper.
	if !exempt && i%2 == 1 {
		name := "appendix-b-XQZ" + tag + "FILENAME.pdf"
		w.m.Exempt = append(w.m.Exempt, Marker{Text: "XQZ" + tag + "FILENAME", Where: fmt.Sprintf("paper %d: exempt appendix B's file name", i)})
		titleB := fmt.Sprintf("Appendix B: Case summaries (paper %d)", i)
		if err := w.pdf(sub+"/"+name, titleB, pages, tag+"B", true); err != nil {
			return Item{}, err
		}
		it.Appendices = append(it.Appendices, Appendix{Ref: "B", Title: "Case summaries", Exempt: true, Paragraphs: []int{1, 2}, Pages: pages, FirstPage: "This is page 1 of " + titleB})
		appendices += "  - {ref: B, title: Case summaries, exempt_paragraphs: [1, 2], file: " + name + "}\n"
	}
	// Appendix C: listed, no file.
	appendices += "  - {ref: C, title: Complaint handling code}\n"

	src := fmt.Sprintf(`council: %s
committee: %s
meeting_date: %s
title: %s
lead_member: Councillor Rhiannon Pascoe (Cabinet Member for Customer Services)
lead_director: Daniel Okonjo (Strategic Director of Resources)
author: Tobias Wrenfield (Complaints Manager)%s
contact_email: complaints@kingsbridge.example
reference: AGC/26/%d%s
key_decision: false
part: %s
classification: %s
exempt_paragraphs: %s
published: 2026-12-04
purpose: To report on the matter set out in the title.%s
recommendations:
  items:
    - Note the report.%s
    - Agree the actions in section 2.
  reasons: The Committee oversees complaint handling.
alternatives: None.
implications:
  financial: Met from existing budgets.
sections:
  - heading: Executive Summary%s
    blocks:
      - text: The council answered most stage 1 complaints within ten working days.%s
      - text: Stage 2 reviews took longer than the code allows in the winter months.
  - heading: Details of the Report
    blocks:
      - subheading: Timeliness%s
      - text: Officers now record every extension agreed with a complainant.%s
      - table:
          caption: Complaints by stage
          columns: [Stage, Received, On time]
          rows:
            - [Stage 1, "412", "88%%"]
            - [Stage 2, "57%s", "74%%"]
appendices:
%sbackground_papers:
  - {title: Complaint handling code%s}
`, council, committee, Date.Format("2006-01-02"), it.Title, stamp, i, mark("reference"), part, marking, paras,
		mark("purpose"), mark("recommendation"), mark("heading"), mark("body"), mark("subheading"), mark("second body"),
		mark("table cell"), appendices, mark("background paper"))
	if err := os.WriteFile(filepath.Join(w.dir, sub, "report.yaml"), []byte(src), 0o644); err != nil {
		return Item{}, err
	}
	return it, nil
}

// pdf writes a PDF of pages pages at name. Its text, metadata, bookmarks,
// attachment and an unreferenced object each carry a marker made from
// tag: exempt markers when exempt, else public ones the pack must strip.
func (w *writer) pdf(name, title string, pages int, tag string, exempt bool) error {
	marker := func(where string, onPage bool) string {
		s := "XQZ" + tag + strings.ToUpper(strings.ReplaceAll(where, " ", ""))
		if !exempt {
			s = "PUBQZ" + tag + strings.ToUpper(strings.ReplaceAll(where, " ", ""))
		}
		mk := Marker{Text: s, Where: name + ": " + where, OnPage: onPage}
		switch {
		case exempt:
			w.m.Exempt = append(w.m.Exempt, mk)
		case !onPage:
			w.m.Public = append(w.m.Public, mk)
		}
		return s
	}
	body := ""
	if exempt {
		body = " " + marker("page text", true)
	}
	d := &doc.Document{
		Meta: doc.Meta{
			Title:    title + " " + marker("metadata title", false),
			Author:   "Kingsbridge City Council " + marker("metadata author", false),
			Subject:  marker("metadata subject", false),
			Keywords: []string{marker("metadata keyword", false)},
			Language: "en-GB",
			Date:     Date,
		},
		Page:  doc.Page{Marking: "OFFICIAL", Number: "Page {page} of {pages}"},
		Style: doc.DefaultStyle(),
	}
	if exempt {
		d.Page.Marking = "OFFICIAL-SENSITIVE"
	}
	d.Blocks = append(d.Blocks, &doc.Title{Kicker: council, Text: title})
	for p := 1; p <= pages; p++ {
		if p > 1 {
			d.Blocks = append(d.Blocks, &doc.PageBreak{})
		}
		heading := fmt.Sprintf("Part %d", p)
		if p == 1 && exempt {
			heading += " " + marker("heading", true)
		}
		d.Blocks = append(d.Blocks,
			&doc.Heading{Level: 1, Text: heading},
			&doc.Paragraph{Content: doc.Plain(fmt.Sprintf("This is page %d of %s.%s", p, title, body))},
			&doc.Paragraph{Content: doc.Plain("The figures are those reported to the Committee in the quarter.")},
		)
	}
	var buf bytes.Buffer
	if _, err := pdf.Write(&buf, d); err != nil {
		return err
	}
	data, err := outline(buf.Bytes(), marker("outline", false))
	if err != nil {
		return err
	}
	data, err = attach(data, marker("attachment name", false), marker("attachment content", false))
	if err != nil {
		return err
	}
	data, err = AppendOrphan(data, marker("orphan object", false))
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.dir, name), data, 0o644)
}

// outline replaces a PDF's bookmarks with one titled title.
func outline(data []byte, title string) ([]byte, error) {
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream = false
	conf.WriteXRefStream = false
	var out bytes.Buffer
	bms := []pdfcpu.Bookmark{{PageFrom: 1, Title: title}}
	if err := api.AddBookmarks(bytes.NewReader(data), &out, bms, true, conf); err != nil {
		return nil, fmt.Errorf("bookmarks: %w", err)
	}
	return out.Bytes(), nil
}

// attach embeds a small text file, named after nameMarker and holding
// contentMarker, as a document-level attachment.
func attach(data []byte, nameMarker, contentMarker string) ([]byte, error) {
	// A folder of its own: pdfcpu reads "," and ":" in an attachment's
	// path as separators, and test folders can contain them.
	tmp, err := os.MkdirTemp("", "packtest")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	f := filepath.Join(tmp, nameMarker+".txt")
	if err := os.WriteFile(f, []byte("Working notes: "+contentMarker+"\n"), 0o644); err != nil {
		return nil, err
	}
	conf := model.NewDefaultConfiguration()
	conf.WriteObjectStream = false
	conf.WriteXRefStream = false
	var out bytes.Buffer
	if err := api.AddAttachments(bytes.NewReader(data), &out, []string{f}, false, conf); err != nil {
		return nil, fmt.Errorf("attaching: %w", err)
	}
	return out.Bytes(), nil
}

var (
	startxrefRE = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	rootRE      = regexp.MustCompile(`/Root\s+(\d+\s+\d+\s+R)`)
	sizeRE      = regexp.MustCompile(`/Size\s+(\d+)`)
)

// AppendOrphan appends an incremental update to a PDF with a classic
// cross-reference table, adding one object that nothing refers to and
// that holds text. Incremental saves leave such objects behind (text a
// later revision deleted), and a merge that copied objects wholesale would
// carry them over.
func AppendOrphan(data []byte, text string) ([]byte, error) {
	m := startxrefRE.FindSubmatch(data)
	if m == nil {
		return nil, fmt.Errorf("orphan: no startxref")
	}
	prev := string(m[1])
	trailer := data[bytes.LastIndex(data, []byte("trailer")):]
	root := rootRE.FindSubmatch(trailer)
	size := sizeRE.FindSubmatch(trailer)
	if root == nil || size == nil {
		return nil, fmt.Errorf("orphan: no classic trailer")
	}
	n, _ := strconv.Atoi(string(size[1]))
	var b bytes.Buffer
	b.Write(data)
	if !bytes.HasSuffix(data, []byte("\n")) {
		b.WriteByte('\n')
	}
	off := b.Len()
	fmt.Fprintf(&b, "%d 0 obj\n<< /Note (%s) >>\nendobj\n", n, text)
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d /Root %s /Prev %s >>\nstartxref\n%d\n%%%%EOF\n", n, off, n+1, root[1], prev, xref)
	return b.Bytes(), nil
}

// Encrypt returns data encrypted with AES-256 and the given user
// password (empty for a file that opens without one but is still
// encrypted, as "restricted" PDFs are).
func Encrypt(data []byte, userPW string) ([]byte, error) {
	conf := model.NewAESConfiguration(userPW, "owner-secret", 256)
	var out bytes.Buffer
	if err := api.Encrypt(bytes.NewReader(data), &out, conf); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
