// Package layout builds the document tree of a committee paper from its
// checked definition and the figures computed from its data. The layout
// rules of the councils' standard paper live here and nowhere else: the
// front sheet (committee banner, facts table, purpose, recommendations and
// reasons, alternatives, corporate plan, implications, appendices and
// background papers with their Schedule 12A columns, sign off), then the
// body (reasons for urgency, numbered sections and paragraphs).
//
// Writers receive the finished tree; they never see the definition.
package layout

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/markdown"
	"github.com/paperhq/paper/report/selfassess"
)

// Input is everything a paper's layout depends on.
type Input struct {
	Report *definition.Report
	// Figures gives text, tables and charts their numbers; nil when the
	// report names no data.
	Figures *Figures
	// Draft marks every page DRAFT.
	Draft bool
	// Date, when set, is the date to write into the outputs in place of
	// the paper's own (SOURCE_DATE_EPOCH, which the command line reads).
	Date time.Time
	// SelfAssessment is data.self_assessment, read and checked, for the
	// self_assessment blocks; nil when the report names none.
	SelfAssessment *selfassess.Assessment
	// Files holds, by the appendix's index in Report.Appendices, where
	// each appendix's PDF is seen from the web page and its size, for
	// the page's links to them; nil, or a zero entry, when not known.
	Files []File
}

// File is an appendix's PDF as the web page links it.
type File struct {
	// Href is its address relative to the page, slash-separated and
	// escaped as a URL path ("appendix-a.pdf").
	Href string
	// Size is its length in bytes.
	Size int64
}

// Paper validates the paper (see Validate) and lays it out. The tree is
// returned even when the list holds errors, laid out without the blocks
// that failed, so that tests and `paper check` can look at it; a paper
// with errors must not be written.
func Paper(in Input) (*doc.Document, diag.List) {
	plan, errs := Validate(in)
	return plan.Layout(), errs
}

// Plan is a validated paper: every table and chart bound to the figures
// and every text field's template expanded, ready to lay out.
type Plan struct{ p *paper }

// Validate checks everything about the paper that depends on the figures
// before anything is laid out: each chart and table block's kind and
// options against the registry, then their years, year, stage and the
// figures they need; each text field's template (functions, metrics,
// years, services, section and paragraph references, withheld figures).
// It returns every problem, errors and warnings (a part-year figure, a
// figure that prints "n/a"), in the order found. Layout of a Plan whose
// list has errors leaves the failed blocks out.
func Validate(in Input) (*Plan, diag.List) {
	p := newPaper(in)
	p.eachBound(func(at string, t *definition.MetricsTable, c *definition.Chart) {
		if t != nil {
			p.boundTables[at] = p.bindTable(t, at+".metrics_table")
		} else {
			p.boundFigures[at] = p.bindChart(c, at+".chart")
		}
	})
	p.eachText(func(t definition.Text, path string) { p.expand(t, path) })
	p.checkCodeBlocks()
	return &Plan{p: p}, p.errs
}

// CheckOptions checks each chart and table block's kind and options
// against the registry, without the figures (in.Figures is not used):
// what Validate checks first, for a paper whose data could not be read.
func CheckOptions(in Input) diag.List {
	in.Figures = nil
	p := newPaper(in)
	p.eachBound(func(at string, t *definition.MetricsTable, c *definition.Chart) {
		if t != nil {
			p.tableBinder(t, at+".metrics_table")
		} else {
			p.chartBinder(c, at+".chart")
		}
	})
	return p.errs
}

// eachBound calls f with every block bound to the figures, a metrics
// table or a chart (the other nil), and the block's key path.
func (p *paper) eachBound(f func(at string, t *definition.MetricsTable, c *definition.Chart)) {
	for i, s := range p.r.Sections {
		for j, b := range s.Blocks {
			if b.MetricsTable != nil || b.Chart != nil {
				f(fmt.Sprintf("sections[%d].blocks[%d]", i, j), b.MetricsTable, b.Chart)
			}
		}
	}
}

// newPaper prepares the laying out of a paper: its reporting year, its
// section and paragraph numbers and its by-service grids.
func newPaper(in Input) *paper {
	p := &paper{in: in, r: in.Report, expanded: map[string]string{},
		boundTables: map[string][]doc.Block{}, boundFigures: map[string]*doc.Figure{}}
	var err error
	if p.reporting, err = ReportingYear(p.r.Data, in.Figures); err != nil {
		// data.year is reported by the data stage; the rest of the
		// paper is checked against the latest year meanwhile.
		p.reporting, _ = ReportingYear(definition.Data{Ombudsman: p.r.Data.Ombudsman}, in.Figures)
	}
	p.number()
	p.scanGrids()
	return p
}

// eachText calls f with every text field of the paper that may hold
// template functions, and its key path.
func (p *paper) eachText(f func(t definition.Text, path string)) {
	r := p.r
	f(r.Purpose, "purpose")
	f(r.Recommendations.Intro, "recommendations.intro")
	for i, it := range r.Recommendations.Items {
		f(it, fmt.Sprintf("recommendations.items[%d]", i))
	}
	f(r.Recommendations.Reasons, "recommendations.reasons")
	f(r.Alternatives, "alternatives")
	f(r.CorporatePlan, "corporate_plan")
	im := r.Implications
	f(im.Financial, "implications.financial")
	f(im.Carbon, "implications.carbon")
	f(im.Other, "implications.other")
	f(im.Equalities, "implications.equalities")
	f(im.Legal, "implications.legal")
	f(r.Urgency, "urgency")
	for i, s := range r.Sections {
		for j, b := range s.Blocks {
			at := fmt.Sprintf("sections[%d].blocks[%d]", i, j)
			f(b.Text, at+".text")
			if b.Table != nil {
				for ri, row := range b.Table.Rows {
					for ci, c := range row {
						if ci < len(b.Table.Columns) {
							f(c, fmt.Sprintf("%s.table.rows[%d][%d]", at, ri, ci))
						}
					}
				}
			}
		}
	}
}

// Layout lays out a validated paper as a document tree. It finds no
// problems: Validate found them all.
func (pl *Plan) Layout() *doc.Document {
	p := pl.p
	p.laying = true
	r, in := p.r, p.in
	d := &doc.Document{
		Meta: doc.Meta{
			Title:    r.Title,
			Author:   r.Author,
			Subject:  fmt.Sprintf("%s, %s", r.Committee, longDate(r.MeetingDate)),
			Keywords: []string{r.Council, r.Committee, "committee report"},
			Language: "en-GB",
			Date:     DocumentDate(r, in.Date),
		},
		Page: doc.Page{
			Marking:      r.Classification,
			RunningTitle: r.Title,
			Number:       PageOfTotal,
		},
		Web: doc.Web{
			Title:    strings.Join(slices.DeleteFunc([]string{r.Title, r.Committee, longDate(r.MeetingDate), r.Council}, func(s string) bool { return s == "" }), " – "),
			SkipLink: SkipLink,
			ShowData: ShowData,
		},
		Style: paperStyle(),
	}
	if in.Draft {
		d.Page.Draft = DraftMark
	}
	if r.Exempt() {
		d.Page.Stamp = "NOT FOR PUBLICATION by virtue of " + definition.Exemption(r.ExemptParagraphs)
	}
	p.frontSheet()
	p.body()
	d.Blocks = p.blocks
	return d
}

// DocumentDate is the date written into a paper's metadata: epoch when
// set (SOURCE_DATE_EPOCH, for reproducible builds), else the publication
// date, else the meeting date. Never the wall clock, so that the same
// inputs give the same bytes.
func DocumentDate(r *definition.Report, epoch time.Time) time.Time {
	if !epoch.IsZero() {
		return epoch.UTC()
	}
	if !r.Published.IsZero() {
		return r.Published
	}
	return r.MeetingDate
}

type paper struct {
	in     Input
	r      *definition.Report
	blocks []doc.Block
	errs   diag.List

	// reporting is the year the paper reports on (data.year): what
	// "latest" means everywhere, and the year of blocks that name none.
	reporting string
	// Validate binds tables and charts and expands text fields; Layout
	// (laying) places what they made.
	expanded     map[string]string      // text field path -> expanded text
	boundTables  map[string][]doc.Block // block path -> table and note
	boundFigures map[string]*doc.Figure // block path -> figure
	laying       bool
	text         textAt // the text field being expanded

	sectionNum map[string]string // section id -> "2"
	paraNum    map[string]string // paragraph id -> "2.4"
	anchors    map[string]bool   // the ids references may cite
	tables     int
	figures    int
	// grids holds every by-service grid the paper publishes, with the
	// one pattern of withheld cells its tables, charts and text share.
	grids map[gridKey]*serviceGrid
	// heats holds what each heat map withholds of a year's figures, by
	// "year|stage.measure", for text that cites them.
	heats map[string]heatUse
	// warnedPart holds the quarters and halves already warned of as cut
	// short by the end of the data.
	warnedPart map[string]bool
}

func (p *paper) add(b ...doc.Block) { p.blocks = append(p.blocks, b...) }

// number assigns section and paragraph numbers before any text is
// expanded, so that text anywhere (recommendations on the front sheet
// included) can cite them.
func (p *paper) number() {
	p.sectionNum = map[string]string{}
	p.paraNum = map[string]string{}
	p.anchors = map[string]bool{}
	for i, s := range p.r.Sections {
		sn := strconv.Itoa(i + 1)
		p.sectionNum[s.SectionID()] = sn
		p.anchors[s.SectionID()] = true
		n := 0
		for _, b := range s.Blocks {
			if b.Text.S != "" {
				n++
				p.anchors[ParagraphID(fmt.Sprintf("%s.%d", sn, n))] = true
				if b.ID != "" {
					p.paraNum[b.ID] = fmt.Sprintf("%s.%d", sn, n)
				}
			}
		}
	}
}

func (p *paper) heading(level int, text, id string) {
	p.add(&doc.Heading{Level: level, Text: text, ID: id})
}

// ParagraphID is the anchor of the numbered paragraph labelled label:
// "2.8" gives "para-2-8".
func ParagraphID(label string) string {
	return "para-" + strings.ReplaceAll(label, ".", "-")
}

// markdown expands a text field's template and converts it to blocks.
func (p *paper) markdown(t definition.Text, path string) []doc.Block {
	bs := markdown.Blocks(p.expand(t, path))
	doc.Walk(bs, func(b doc.Block) bool {
		if para, ok := b.(*doc.Paragraph); ok {
			p.anchored(para.Content)
		}
		return true
	})
	return bs
}

// inline expands a table cell's template and converts it to runs.
func (p *paper) inline(t definition.Text, path string) []doc.Inline {
	return p.anchored(markdown.Inline(p.expand(t, path)))
}

// anchored keeps the references of runs that cite an anchor of the paper
// (a section's id, a numbered paragraph's "para-2-4"), which section and
// paragraph make; an author's own link to "#anything" else prints as its
// text, so the web page has no link that goes nowhere.
func (p *paper) anchored(runs []doc.Inline) []doc.Inline {
	for i, r := range runs {
		if r.Ref != "" && !p.anchors[r.Ref] {
			runs[i].Ref = ""
		}
	}
	return runs
}

// section adds a front-sheet heading and its text, or fallback when the
// text is empty.
func (p *paper) section(title, id string, t definition.Text, path, fallback string) {
	p.heading(1, title, id)
	bs := p.markdown(t, path)
	if len(bs) == 0 && fallback != "" {
		bs = []doc.Block{&doc.Paragraph{Content: doc.Plain(fallback)}}
	}
	p.add(bs...)
}

func (p *paper) frontSheet() {
	r := p.r
	p.add(&doc.Title{Kicker: r.Council, Text: r.Committee})
	email := doc.Plain(r.ContactEmail)
	if r.ContactEmail != "" {
		email = []doc.Inline{{Text: r.ContactEmail, Link: "mailto:" + r.ContactEmail}}
	}
	p.add(factsTable([]fact{
		{"Date of meeting:", doc.Plain(longDate(r.MeetingDate))},
		{"Title of Report:", doc.Plain(r.Title)},
		{"Lead Member:", doc.Plain(r.LeadMember)},
		{"Lead Strategic Director:", doc.Plain(r.LeadDirector)},
		{"Author:", doc.Plain(r.Author)},
		{"Contact Email:", email},
		{"Your Reference:", doc.Plain(r.Reference)},
		{"Key Decision:", doc.Plain(yesNo(r.KeyDecision))},
		{"Confidentiality:", doc.Plain(Confidentiality(r))},
	}, "Report details"))

	p.section("Purpose of Report", "purpose", r.Purpose, "purpose", "")

	p.heading(1, "Recommendations and Reasons", "recommendations")
	p.add(p.markdown(r.Recommendations.Intro, "recommendations.intro")...)
	recs := &doc.List{Ordered: true}
	for i, it := range r.Recommendations.Items {
		recs.Items = append(recs.Items, doc.ListItem{Blocks: p.markdown(it, fmt.Sprintf("recommendations.items[%d]", i))})
	}
	if len(recs.Items) > 0 {
		p.add(recs)
	}
	p.add(p.markdown(r.Recommendations.Reasons, "recommendations.reasons")...)

	p.section("Alternative options considered and rejected", "alternatives", r.Alternatives, "alternatives", "None")
	p.section("Relevance to the Corporate Plan", "corporate-plan", r.CorporatePlan, "corporate_plan", "None")
	im := r.Implications
	p.section("Implications for the Medium Term Financial Plan and Resource Implications", "financial-implications", im.Financial, "implications.financial", "None")
	p.section("Carbon Footprint (Environmental) Implications", "carbon-implications", im.Carbon, "implications.carbon", "None")
	p.section("Other Implications: e.g. Health and Safety, Risk Management, Child Poverty", "other-implications", im.Other, "implications.other", "None")
	if strings.TrimSpace(im.Equalities.S) != "" {
		p.section("Equalities Implications", "equalities-implications", im.Equalities, "implications.equalities", "")
	}
	if strings.TrimSpace(im.Legal.S) != "" {
		p.section("Legal Implications", "legal-implications", im.Legal, "implications.legal", "")
	}

	p.heading(1, "Appendices", "appendices")
	p.add(p.appendixTable())
	p.heading(1, "Background papers", "background-papers")
	p.add(p.backgroundTable())
	p.heading(1, "Sign off", "sign-off")
	p.add(p.signOffTable())
}

// exemptionNote is the instruction printed in the Schedule 12A column
// header of the appendices and background papers tables.
const exemptionNote = "If some or all of the information is confidential, tick the paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 that makes it not for publication."

// Tick is printed in a Schedule 12A column that applies.
const Tick = "✓"

// scheduleTable builds a front-sheet table whose last seven columns are
// the Schedule 12A paragraphs 1-7: lead holds the leading columns' header
// cells and widths.
func scheduleTable(description string, lead []string, widths []float64, rows [][]doc.Cell, paras [][]int) *doc.Table {
	t := &doc.Table{Kind: doc.Form, Description: description}
	for _, w := range widths {
		t.Columns = append(t.Columns, doc.Column{Width: w})
	}
	h1 := make([]doc.Cell, 0, len(lead)+1)
	h2 := make([]doc.Cell, 0, len(lead)+7)
	for _, l := range lead {
		h1 = append(h1, doc.Cell{Content: doc.Bold(l)})
		h2 = append(h2, doc.Cell{})
	}
	h1 = append(h1, doc.Cell{Span: 7, Content: []doc.Inline{
		{Text: "Exemption Paragraph Number (if applicable)", Bold: true},
		{Break: true},
		{Text: exemptionNote, Italic: true},
	}})
	for i := 1; i <= 7; i++ {
		t.Columns = append(t.Columns, doc.Column{Width: 0.55, Align: doc.Center})
		h2 = append(h2, doc.Cell{Content: doc.Bold(strconv.Itoa(i))})
	}
	t.Header = [][]doc.Cell{h1, h2}
	for i, row := range rows {
		for n := 1; n <= 7; n++ {
			c := doc.Cell{}
			for _, q := range paras[i] {
				if q == n {
					c.Content = doc.Plain(Tick)
				}
			}
			row = append(row, c)
		}
		t.Rows = append(t.Rows, row)
	}
	return t
}

func (p *paper) appendixTable() *doc.Table {
	var rows [][]doc.Cell
	var paras [][]int
	for i, a := range p.r.Appendices {
		title := doc.Cell{Content: doc.Plain(a.Title), Web: p.appendixLink(i, a)}
		rows = append(rows, []doc.Cell{{Content: doc.Plain(a.Ref)}, title})
		paras = append(paras, a.ExemptParagraphs)
	}
	if len(rows) == 0 {
		rows = [][]doc.Cell{{{}, {Content: doc.Plain("None")}}}
		paras = [][]int{nil}
	}
	return scheduleTable("Appendices to this report and any Schedule 12A exemption paragraphs that apply",
		[]string{"Ref.", "Title of Appendix"}, []float64{0.7, 5}, rows, paras)
}

// appendixLink is what the web page shows of appendix i: its title, then
// the link to its PDF with the file's type and size ("Appendix B (PDF,
// 120 KB)"); an exempt appendix, which is never published, its title
// and the notice that it is not for publication, with no link.
func (p *paper) appendixLink(i int, a definition.Appendix) []doc.Inline {
	if len(a.ExemptParagraphs) > 0 {
		return []doc.Inline{{Text: a.Title}, {Break: true},
			{Text: "Appendix " + a.Ref + " is not for publication by virtue of " + definition.Exemption(a.ExemptParagraphs) + ".", Italic: true}}
	}
	if i >= len(p.in.Files) || p.in.Files[i].Href == "" {
		return nil
	}
	f := p.in.Files[i]
	return []doc.Inline{{Text: a.Title}, {Break: true},
		{Text: fmt.Sprintf("Appendix %s (PDF, %s)", a.Ref, format.FileSize(f.Size)), Link: f.Href}}
}

// backgroundTable lists the background papers, each with its web
// address as a link. An exempt background paper is listed by title with
// "Exempt: paragraph N of Part 1 of Schedule 12A …"; in a Part I paper,
// which is published, its address is neither printed nor linked, since
// the public has no right to the paper and the address can itself say
// what it holds. A Part II paper, sent to members only, keeps the link.
func (p *paper) backgroundTable() *doc.Table {
	var rows [][]doc.Cell
	var paras [][]int
	for _, b := range p.r.BackgroundPapers {
		exempt := len(b.ExemptParagraphs) > 0
		// A Part I paper is published, so an exempt background paper's
		// address is left out of it.
		linked := b.URL != "" && (!exempt || p.r.Exempt())
		// The title is the link, so a screen reader's list of links
		// names the paper (accessibility checkers report a link whose
		// text is its address); the address is printed beneath it for
		// readers of the printed paper.
		content := []doc.Inline{{Text: b.Title}}
		if linked {
			content[0].Link = b.URL
		}
		if exempt {
			content = append(content, doc.Inline{Break: true}, doc.Inline{Text: "Exempt: " + definition.Exemption(b.ExemptParagraphs), Italic: true})
		}
		// A web page prints no address beneath the link: the page's
		// print style prints it after the title.
		web := slices.Clone(content)
		if linked {
			content = append(content, doc.Inline{Break: true}, doc.Inline{Text: b.URL})
		}
		rows = append(rows, []doc.Cell{{Content: content, Web: web}})
		paras = append(paras, b.ExemptParagraphs)
	}
	if len(rows) == 0 {
		rows = [][]doc.Cell{{{Content: doc.Plain("None")}}}
		paras = [][]int{nil}
	}
	return scheduleTable("Background papers and any Schedule 12A exemption paragraphs that apply",
		[]string{"Title of any background paper(s)"}, []float64{5.7}, rows, paras)
}

func (p *paper) signOffTable() *doc.Table {
	s := p.r.SignOff
	codes := []struct{ label, code string }{
		{"Fin", s.Finance}, {"Leg", s.Legal}, {"Mon Off", s.MonitoringOfficer},
		{"HR", s.HR}, {"Assets", s.Assets}, {"Strat Proc", s.Procurement},
	}
	t := &doc.Table{Kind: doc.Form, Description: "Sign off: reference codes from finance, legal, the monitoring officer, HR, assets and strategic procurement, and approvals"}
	// The six reference codes sit in two rows of three label-code pairs:
	// in one row of twelve narrow cells (the paper form's layout) labels
	// such as "Strat Proc" and codes such as "FIN/26/0412" break mid-word.
	const perRow = 3
	for i := 0; i < perRow; i++ {
		t.Columns = append(t.Columns, doc.Column{Width: 1.1}, doc.Column{Width: 1.4})
	}
	for i := 0; i < len(codes); i += perRow {
		var row []doc.Cell
		for _, c := range codes[i : i+perRow] {
			row = append(row, doc.Cell{Content: doc.Bold(c.label)}, doc.Cell{Content: doc.Plain(c.code)})
		}
		t.Rows = append(t.Rows, row)
	}
	line := func(label, value string) {
		t.Rows = append(t.Rows, []doc.Cell{{Span: 2 * perRow, Content: append(doc.Bold(label+" "), doc.Plain(value)...)}})
	}
	line("Originating Senior Leadership Team member:", s.OriginatingSLTMember)
	line("Please confirm the Strategic Director(s) has agreed the report?", yesNo(s.DirectorAgreed))
	line("Date agreed:", shortDate(s.DateAgreed))
	line("Cabinet Member approval:", s.CabinetMemberApproval)
	line("Date approved:", shortDate(s.DateApproved))
	return t
}

func (p *paper) body() {
	r := p.r
	if len(r.Sections) == 0 && strings.TrimSpace(r.Urgency.S) == "" {
		return
	}
	// The front sheet ends with the list of the body's tables and
	// figures, made once the body is laid out and numbered.
	front := len(p.blocks)
	defer func() {
		list := captionList(p.blocks[front:])
		p.blocks = slices.Insert(p.blocks, front, list...)
	}()
	p.add(&doc.PageBreak{})
	if strings.TrimSpace(r.Urgency.S) != "" {
		p.heading(1, "Reasons for Urgency", "urgency")
		p.add(p.markdown(r.Urgency, "urgency")...)
	}
	for i, s := range r.Sections {
		sn := strconv.Itoa(i + 1)
		p.add(&doc.Heading{Level: 1, Number: sn, Text: s.Heading, ID: s.SectionID()})
		n := 0
		under := 2 // the level of headings inside the section
		for j, b := range s.Blocks {
			at := fmt.Sprintf("sections[%d].blocks[%d]", i, j)
			switch {
			case b.Text.S != "":
				n++
				label := fmt.Sprintf("%s.%d", sn, n)
				p.add(&doc.NumberedParagraph{Label: label, ID: ParagraphID(label), Blocks: p.markdown(b.Text, at+".text")})
			case b.Subheading != "":
				p.heading(2, b.Subheading, "")
				under = 3
			case b.Table != nil:
				p.add(p.table(b.Table, at+".table"))
			case b.PageBreak:
				p.add(&doc.PageBreak{})
			case b.MetricsTable != nil:
				p.add(p.placeTable(p.boundTables[at])...)
			case b.Chart != nil:
				if f := p.boundFigures[at]; f != nil {
					p.add(p.placeFigure(f))
				}
			case b.SelfAssessment != nil:
				if t := p.selfAssessmentTable(b.SelfAssessment); t != nil {
					p.add(t)
				}
			case b.Lessons != nil:
				p.add(p.lessons(b.Lessons, under)...)
			}
		}
	}
}

// captionList lists the numbered figures and tables of the body, each
// with the section it is in, under a heading of its own: a reader (or a
// screen reader) finds every chart and table from one place. A paper
// with no figure has no list.
func captionList(body []doc.Block) []doc.Block {
	list := &doc.List{}
	section, figures := "", 0
	item := func(label, caption string) {
		text := label
		if caption != "" {
			text += ": " + caption
		}
		if section != "" {
			text += " (section " + section + ")"
		}
		list.Items = append(list.Items, doc.ListItem{Blocks: []doc.Block{&doc.Paragraph{Content: doc.Plain(text)}}})
	}
	doc.Walk(body, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Heading:
			if b.Level == 1 && b.Number != "" {
				section = b.Number
			}
		case *doc.Table:
			if b.Label != "" {
				item(b.Label, b.Caption)
			}
		case *doc.Figure:
			if b.Label != "" {
				figures++
				item(b.Label, b.Caption)
			}
		}
		return true
	})
	if figures == 0 {
		return nil
	}
	return []doc.Block{&doc.Heading{Level: 1, Text: "Tables and figures in this report", ID: "tables-and-figures"}, list}
}

// table lays out a table given cell by cell in the definition.
func (p *paper) table(t *definition.Table, path string) *doc.Table {
	out := &doc.Table{Kind: doc.Grid, Caption: t.Caption, Description: t.Description}
	if t.Caption != "" {
		p.tables++
		out.Label = fmt.Sprintf("Table %d", p.tables)
	}
	header := make([]doc.Cell, len(t.Columns))
	for i, c := range t.Columns {
		col := doc.Column{}
		if i < len(t.Align) {
			col.Align = align(t.Align[i])
		}
		out.Columns = append(out.Columns, col)
		header[i] = doc.Cell{Content: markdown.Inline(c)}
	}
	out.Header = [][]doc.Cell{header}
	for i, row := range t.Rows {
		cells := make([]doc.Cell, len(t.Columns))
		for j := range cells {
			if j < len(row) {
				cells[j] = doc.Cell{Content: p.inline(row[j], fmt.Sprintf("%s.rows[%d][%d]", path, i, j))}
			}
		}
		out.Rows = append(out.Rows, cells)
	}
	for i, w := range contentWidths(out) {
		out.Columns[i].Width = w
	}
	return out
}

// contentWidths gives each column of a table written out by the author a
// relative width from what it holds, so that a column of labels ("Complaints
// and enquiries received") is not squeezed to the width of a column of
// numbers: the longest cell, at least the header's longest word, counted
// in characters and kept between 4 and 40 so no column vanishes or takes
// the whole page.
func contentWidths(t *doc.Table) []float64 {
	ws := make([]float64, len(t.Columns))
	measure := func(i int, n int) {
		if i < len(ws) {
			ws[i] = max(ws[i], float64(n))
		}
	}
	for _, row := range t.Header {
		for i, c := range row {
			for _, w := range strings.Fields(doc.Text(c.Content)) {
				measure(i, utf8.RuneCountInString(w))
			}
		}
	}
	for _, row := range t.Rows {
		for i, c := range row {
			measure(i, utf8.RuneCountInString(doc.Text(c.Content)))
		}
	}
	for i := range ws {
		ws[i] = min(max(ws[i], 4), 40)
	}
	return ws
}

// placeTable numbers a bound table when it has a caption.
func (p *paper) placeTable(bs []doc.Block) []doc.Block {
	if len(bs) > 0 {
		if t, ok := bs[0].(*doc.Table); ok && t.Caption != "" {
			t.Label = p.nextTableLabel()
		}
	}
	return bs
}

// placeFigure numbers a bound chart "Figure N", and describes its data
// table by that label.
func (p *paper) placeFigure(f *doc.Figure) *doc.Figure {
	p.figures++
	f.Label = fmt.Sprintf("Figure %d", p.figures)
	for _, t := range []*doc.Table{f.Data, f.WebData} {
		if t != nil {
			t.Description = fmt.Sprintf("The figures shown in %s: %s", f.Label, f.Caption)
		}
	}
	return f
}

// nextTableLabel numbers a captioned table.
func (p *paper) nextTableLabel() string {
	p.tables++
	return fmt.Sprintf("Table %d", p.tables)
}

func align(s string) doc.Align {
	switch s {
	case "right":
		return doc.Right
	case "center", "centre":
		return doc.Center
	}
	return doc.Left
}

// Confidentiality is the facts table's confidentiality line, e.g.
// "Part I - Official" or "Part II - Official-Sensitive".
func Confidentiality(r *definition.Report) string {
	c := strings.ToLower(r.Classification)
	parts := strings.Split(c, "-")
	for i, s := range parts {
		if s != "" {
			parts[i] = strings.ToUpper(s[:1]) + s[1:]
		}
	}
	part := r.Part
	if part == "" {
		part = "I"
	}
	return "Part " + part + " - " + strings.Join(parts, "-")
}

func yesNo(b bool) string {
	if b {
		return "Yes"
	}
	return "No"
}

func longDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}

func shortDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("02/01/2006")
}
