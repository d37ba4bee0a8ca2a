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
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/markdown"
	"github.com/paperhq/paper/report/selfassess"
	"github.com/paperhq/paper/report/style"
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
	// Style is the paper's house style; nil is the councils' standard
	// paper.
	Style *style.Style
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
	f(r.ReasonsForDecision, "reasons_for_decision")
	f(r.Alternatives, "alternatives")
	f(r.CorporatePlan, "corporate_plan")
	im := r.Implications
	f(im.Financial, "implications.financial")
	f(im.Carbon, "implications.carbon")
	f(im.Other, "implications.other")
	f(im.Equalities, "implications.equalities")
	f(im.Legal, "implications.legal")
	f(r.Urgency, "urgency")
	if d := r.Decision; d != nil {
		eachDecisionText(d, f)
	}
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
	p.ownIDs = nil
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
			Number:       p.word("page_number"),
		},
		Web: doc.Web{
			Title:    joinNonEmpty(" – ", r.Title, r.Committee, longDate(r.MeetingDate), r.Council),
			SkipLink: p.word("skip_link"),
			ShowData: p.word("show_data"),
		},
		Style: paperStyle(in.Style),
	}
	if in.Draft {
		d.Page.Draft = p.word("draft")
	}
	if r.Exempt() {
		d.Page.Stamp = p.word("not_for_publication") + " by virtue of " + definition.Exemption(r.ExemptParagraphs)
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
	ownIDs     map[string]bool   // the ids of the paper's own headings
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

// heading adds one of the paper's own headings (the front sheet's, the
// reasons for urgency), whose id yields to the author's: see ownID.
func (p *paper) heading(level int, text, id string) {
	p.add(&doc.Heading{Level: level, Text: text, ID: p.ownID(id)})
}

// ownID is the id of one of the paper's own headings: id itself, unless
// a section or numbered paragraph of the author's has it (a section
// called "Purpose" is "purpose"), which references cite and so keeps it;
// then id-2, id-3 … whichever is free. So no two elements of the web
// page share an id.
func (p *paper) ownID(id string) string {
	if id == "" {
		return ""
	}
	if p.ownIDs == nil {
		p.ownIDs = map[string]bool{}
	}
	c := id
	for n := 2; p.anchors[c] || p.ownIDs[c]; n++ {
		c = id + "-" + strconv.Itoa(n)
	}
	p.ownIDs[c] = true
	return c
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

// word is the paper's wording of a label key (report/style's Labels).
func (p *paper) word(key string) string { return p.in.Style.Label(key) }

// head is the paper's wording of a heading key (report/style's Headings).
func (p *paper) head(key string) string { return p.in.Style.Heading(key) }

// rows is the style's order of the facts table's rows and of the
// sign-off table's.
func (p *paper) rows() (front, signOff []string) {
	st := p.in.Style
	if st == nil {
		return style.DefaultFrontSheet, style.SignOffRows
	}
	return st.FrontSheet, st.SignOff
}

func (p *paper) frontSheet() {
	r := p.r
	if p.in.Style != nil && p.in.Style.Logo != nil {
		p.add(p.in.Style.Logo)
	}
	p.add(&doc.Title{Kicker: r.Council, Text: r.Committee})
	p.add(factsTable(p.facts(), "Report details"))

	none := p.word("none")
	p.section(p.head("purpose"), "purpose", r.Purpose, "purpose", "")

	p.heading(1, p.head("recommendations"), "recommendations")
	p.add(p.markdown(r.Recommendations.Intro, "recommendations.intro")...)
	recs := &doc.List{Ordered: true}
	for i, it := range r.Recommendations.Items {
		recs.Items = append(recs.Items, doc.ListItem{Blocks: p.markdown(it, fmt.Sprintf("recommendations.items[%d]", i))})
	}
	if len(recs.Items) > 0 {
		p.add(recs)
	}
	p.add(p.markdown(r.Recommendations.Reasons, "recommendations.reasons")...)

	p.section(p.head("alternatives"), "alternatives", r.Alternatives, "alternatives", none)
	p.section(p.head("corporate_plan"), "corporate-plan", r.CorporatePlan, "corporate_plan", none)
	im := r.Implications
	p.section(p.head("financial_implications"), "financial-implications", im.Financial, "implications.financial", none)
	p.section(p.head("carbon_implications"), "carbon-implications", im.Carbon, "implications.carbon", none)
	p.section(p.head("other_implications"), "other-implications", im.Other, "implications.other", none)
	if strings.TrimSpace(im.Equalities.S) != "" {
		p.section(p.head("equalities_implications"), "equalities-implications", im.Equalities, "implications.equalities", "")
	}
	if strings.TrimSpace(im.Legal.S) != "" {
		p.section(p.head("legal_implications"), "legal-implications", im.Legal, "implications.legal", "")
	}

	p.heading(1, p.head("appendices"), "appendices")
	p.add(p.appendixTable())
	p.heading(1, p.head("background_papers"), "background-papers")
	p.add(p.backgroundTable())
	p.heading(1, p.head("sign_off"), "sign-off")
	p.add(p.signOffTable())
}

// facts are the facts table's rows, in the style's order, with the
// report's own rows (facts) where the style puts them, else last.
func (p *paper) facts() []fact {
	r := p.r
	order, _ := p.rows()
	var out []fact
	own := func() {
		for _, f := range r.Facts {
			out = append(out, fact{style.RowLabel(f.Label), doc.Plain(f.Value)})
		}
	}
	for _, k := range order {
		var v []doc.Inline
		switch k {
		case "facts":
			own()
			continue
		case "meeting_date":
			v = doc.Plain(longDate(r.MeetingDate))
		case "title":
			v = doc.Plain(r.Title)
		case "lead_member":
			v = doc.Plain(r.LeadMember)
		case "lead_director":
			v = doc.Plain(r.LeadDirector)
		case "author":
			v = doc.Plain(r.Author)
		case "contact_email":
			v = doc.Plain(r.ContactEmail)
			if r.ContactEmail != "" {
				v = []doc.Inline{{Text: r.ContactEmail, Link: "mailto:" + r.ContactEmail}}
			}
		case "reference":
			v = doc.Plain(r.Reference)
		case "key_decision":
			v = doc.Plain(p.yesNo(r.KeyDecision))
		case "confidentiality":
			v = doc.Plain(Confidentiality(r))
		case "report_to":
			v = doc.Plain(cmp.Or(r.ReportTo, r.Committee))
		case "report_of":
			v = doc.Plain(cmp.Or(r.ReportOf, r.LeadDirector))
		case "subject":
			v = doc.Plain(cmp.Or(r.Subject, r.Title))
		case "wards_affected":
			v = doc.Plain(r.WardsAffected)
		case "exempt_information":
			v = doc.Plain(cmp.Or(r.ExemptInformation, p.exemptInformation()))
		case "reasons_for_decision":
			v = p.inline(r.ReasonsForDecision, "reasons_for_decision")
		}
		out = append(out, fact{style.RowLabel(p.word(k)), v})
	}
	if !slices.Contains(order, "facts") {
		own()
	}
	return out
}

// exemptInformation says whether the paper holds exempt information, as
// a cabinet report's front sheet does: "No", or "Yes: …" with the
// Schedule 12A paragraphs of a Part II paper or of each exempt appendix.
func (p *paper) exemptInformation() string {
	r := p.r
	if r.Exempt() {
		return p.word("yes") + ": " + definition.Exemption(r.ExemptParagraphs)
	}
	var parts []string
	for _, a := range r.Appendices {
		if len(a.ExemptParagraphs) > 0 {
			parts = append(parts, "Appendix "+a.Ref+", by virtue of "+definition.Exemption(a.ExemptParagraphs))
		}
	}
	if len(parts) == 0 {
		return p.word("no")
	}
	return p.word("yes") + ": " + strings.Join(parts, "; ")
}

// Tick is printed in a Schedule 12A column that applies.
const Tick = "✓"

// scheduleTable builds a front-sheet table whose last seven columns are
// the Schedule 12A paragraphs 1-7: lead holds the leading columns' header
// cells and widths.
func (p *paper) scheduleTable(description string, lead []string, widths []float64, rows [][]doc.Cell, paras [][]int) *doc.Table {
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
		{Text: p.word("exemption_column"), Bold: true},
		{Break: true},
		{Text: p.word("exemption_note"), Italic: true},
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
		rows = [][]doc.Cell{{{}, {Content: doc.Plain(p.word("none"))}}}
		paras = [][]int{nil}
	}
	return p.scheduleTable("Appendices to this report and any Schedule 12A exemption paragraphs that apply",
		[]string{p.word("appendix_ref"), p.word("appendix_title")}, []float64{0.7, 5}, rows, paras)
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
		{Text: "Appendix " + a.Ref + " (" + fileType(&f) + ")", Link: f.Href}}
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
			content = append(content, doc.Inline{Break: true}, doc.Inline{Text: p.word("exempt") + " " + definition.Exemption(b.ExemptParagraphs), Italic: true})
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
		rows = [][]doc.Cell{{{Content: doc.Plain(p.word("none"))}}}
		paras = [][]int{nil}
	}
	return p.scheduleTable("Background papers and any Schedule 12A exemption paragraphs that apply",
		[]string{p.word("background_title")}, []float64{5.7}, rows, paras)
}

func (p *paper) signOffTable() *doc.Table {
	s := p.r.SignOff
	value := map[string]string{
		"finance": s.Finance, "legal": s.Legal, "monitoring_officer": s.MonitoringOfficer,
		"hr": s.HR, "assets": s.Assets, "procurement": s.Procurement,
		"originating_slt_member":  s.OriginatingSLTMember,
		"director_agreed":         p.yesNo(s.DirectorAgreed),
		"date_agreed":             shortDate(s.DateAgreed),
		"cabinet_member_approval": s.CabinetMemberApproval,
		"date_approved":           shortDate(s.DateApproved),
	}
	_, order := p.rows()
	var codes, lines []string
	for _, k := range order {
		if style.IsCode(k) {
			codes = append(codes, k)
		} else {
			lines = append(lines, k)
		}
	}
	t := &doc.Table{Kind: doc.Form, Description: "Sign off: reference codes from finance, legal, the monitoring officer, HR, assets and strategic procurement, and approvals"}
	// The reference codes sit in rows of three label-code pairs: in one
	// row of twelve narrow cells (the paper form's layout) labels such
	// as "Strat Proc" and codes such as "FIN/26/0412" break mid-word.
	const perRow = 3
	for i := 0; i < perRow; i++ {
		t.Columns = append(t.Columns, doc.Column{Width: 1.1}, doc.Column{Width: 1.4})
	}
	for i := 0; i < len(codes); i += perRow {
		var row []doc.Cell
		for _, k := range codes[i:min(i+perRow, len(codes))] {
			row = append(row, doc.Cell{Content: doc.Bold(p.word(k))}, doc.Cell{Content: doc.Plain(value[k])})
		}
		if n := len(row); n < 2*perRow {
			row = append(row, doc.Cell{Span: 2*perRow - n})
		}
		t.Rows = append(t.Rows, row)
	}
	for _, k := range lines {
		t.Rows = append(t.Rows, []doc.Cell{{Span: 2 * perRow, Content: append(doc.Bold(style.RowLabel(p.word(k))+" "), doc.Plain(value[k])...)}})
	}
	if len(t.Rows) == 0 {
		t.Rows = [][]doc.Cell{{{Span: 2 * perRow, Content: doc.Plain(p.word("none"))}}}
	}
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
		list := captionList(p.blocks[front:], p.head("tables_and_figures"))
		if len(list) > 0 {
			h := list[0].(*doc.Heading)
			h.ID = p.ownID(h.ID)
		}
		p.blocks = slices.Insert(p.blocks, front, list...)
	}()
	p.add(&doc.PageBreak{})
	if strings.TrimSpace(r.Urgency.S) != "" {
		p.heading(1, p.head("urgency"), "urgency")
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
func captionList(body []doc.Block, heading string) []doc.Block {
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
	return []doc.Block{&doc.Heading{Level: 1, Text: heading, ID: "tables-and-figures"}, list}
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

func (p *paper) yesNo(b bool) string {
	if b {
		return p.word("yes")
	}
	return p.word("no")
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
