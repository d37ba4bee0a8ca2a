package layout

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
	"github.com/paperhq/paper/report/markdown"
)

// DecisionNoticeTitle is the banner of a decision notice, under the
// council's name.
const DecisionNoticeTitle = "Decision notice"

// eachDecisionText calls f with every text field of a decision block,
// which Validate expands with the paper's own.
func eachDecisionText(d *definition.Decision, f func(t definition.Text, path string)) {
	for i, t := range d.Resolutions {
		f(t, fmt.Sprintf("decision.resolutions[%d]", i))
	}
	f(d.Reasons, "decision.reasons")
	f(d.Alternatives, "decision.alternatives")
	for i, t := range d.Conflicts {
		f(t, fmt.Sprintf("decision.conflicts[%d]", i))
	}
	for i, t := range d.Dispensations {
		f(t, fmt.Sprintf("decision.dispensations[%d]", i))
	}
	f(d.Urgency, "decision.urgency")
}

// DecisionNotice lays out the notice of the decision taken on a validated
// paper with a decision block: the record a council publishes after the
// meeting, whose facts are the decision maker, the status, whether it is
// a key decision and subject to call-in, the report's author, the dates
// of publication, of the decision and from which it takes effect; then
// the report it was taken on, the resolutions, the reasons, the
// alternatives rejected, the interests declared and, for a decision not
// subject to call-in, the reasons for urgency. report is the paper's PDF as
// the notice's web page links it (zero: not linked).
//
// The notice is for publication even when the paper is Part II: the
// definition's checks make such a paper's decision block give its own
// resolutions, reasons and alternatives, and the notice quotes nothing
// else of the paper but its title, author and front-sheet facts, which
// the public agenda lists; it says that the report is exempt and why,
// and links no exempt file. It returns nil for a paper without a
// decision block.
func (pl *Plan) DecisionNotice(report File) *doc.Document {
	p := pl.p
	r, d := p.r, p.r.Decision
	if d == nil {
		return nil
	}
	p.laying = true
	date := d.Published
	if !p.in.Date.IsZero() {
		date = p.in.Date.UTC()
	}
	title := "Decision notice: " + r.Title
	out := &doc.Document{
		Meta: doc.Meta{
			Title:    title,
			Author:   r.Council,
			Subject:  fmt.Sprintf("Decision of %s, %s", d.Maker, longDate(d.Meeting)),
			Keywords: []string{r.Council, d.Maker, "decision notice"},
			Language: "en-GB",
			Date:     date,
		},
		Page: doc.Page{
			// The notice is published, whatever the paper's marking.
			Marking:      definition.Classifications[0],
			RunningTitle: title,
			Number:       PageOfTotal,
		},
		Web: doc.Web{
			Title:    strings.Join([]string{title, d.Maker, longDate(d.Meeting), r.Council}, " – "),
			SkipLink: SkipLink,
		},
		Style: paperStyle(p.in.Style),
	}
	add := func(b ...doc.Block) { out.Blocks = append(out.Blocks, b...) }
	heading := func(level int, text, id string) { add(&doc.Heading{Level: level, Text: text, ID: id}) }

	add(&doc.Title{Kicker: r.Council, Text: DecisionNoticeTitle})
	subject := doc.Cell{Content: doc.Plain(r.Title)}
	if report.Href != "" && !r.Exempt() {
		subject.Web = []doc.Inline{{Text: r.Title}, {Break: true},
			{Text: fmt.Sprintf("The report (PDF, %s)", format.FileSize(report.Size)), Link: report.Href}}
	}
	facts := []fact{
		{"Title of report:", nil},
		{"Decision maker:", doc.Plain(d.Maker)},
		{"Decision status:", doc.Plain(d.Status)},
		{"Key decision:", doc.Plain(p.yesNo(r.KeyDecision))},
		{"Subject to call-in:", doc.Plain(p.yesNo(d.SubjectToCallIn()))},
		{"Report author:", doc.Plain(r.Author)},
		{"Publication date:", doc.Plain(longDate(d.Published))},
		{"Date of decision:", doc.Plain(longDate(d.Meeting))},
	}
	if d.SubjectToCallIn() {
		facts = append(facts, fact{"Call-in period ends:", doc.Plain(longDate(d.CallInEnds))})
	}
	facts = append(facts, fact{"Effective from:", doc.Plain(longDate(d.Effective))})
	t := factsTable(facts, "Decision details")
	t.Rows[0][1] = subject
	add(t)
	if d.SubjectToCallIn() {
		add(&doc.Paragraph{Style: doc.Note, Content: doc.Plain(fmt.Sprintf(
			"The decision may be called in for scrutiny until the end of %s, the last of %d clear working days after its publication (weekends and bank holidays excluded). Unless it is called in, it takes effect on %s.",
			longDate(d.CallInEnds), d.CallInDays, longDate(d.Effective)))})
	} else {
		add(&doc.Paragraph{Style: doc.Note, Content: doc.Plain(fmt.Sprintf(
			"The decision is not subject to call-in and took effect on %s, when it was taken, for the reasons for urgency below.", longDate(d.Effective)))})
	}

	heading(1, "The report", "report")
	about := fmt.Sprintf("The decision was taken on the report “%s”, written by %s for the meeting of the %s on %s", r.Title, r.Author, r.Committee, longDate(r.MeetingDate))
	if r.Reference != "" {
		about += " (reference " + r.Reference + ")"
	}
	add(&doc.Paragraph{Content: doc.Plain(about + ".")})
	if r.Exempt() {
		add(&doc.Paragraph{Content: doc.Plain("The report is not for publication by virtue of " + definition.Exemption(r.ExemptParagraphs) +
			". This notice records the decision without the exempt information.")})
	} else {
		add(&doc.Paragraph{Content: doc.Plain("The report is published with the agenda for that meeting.")})
	}
	if citesTheReport(d, r) {
		add(&doc.Paragraph{Content: doc.Plain("Section and paragraph numbers in this notice are those of the report.")})
	}

	heading(1, "Decision", "decision")
	resolutions := &doc.List{Ordered: true}
	texts, paths := d.Resolutions, "decision.resolutions[%d]"
	if len(texts) == 0 {
		texts, paths = r.Recommendations.Items, "recommendations.items[%d]"
	}
	for i, it := range texts {
		resolutions.Items = append(resolutions.Items, doc.ListItem{Blocks: p.noticeText(it, fmt.Sprintf(paths, i))})
	}
	add(resolutions)

	heading(1, "Reasons for the decision", "reasons")
	add(p.noticeTextOr(d.Reasons, "decision.reasons", r.Recommendations.Reasons, "recommendations.reasons")...)
	heading(1, "Alternative options considered and rejected", "alternatives")
	add(p.noticeTextOr(d.Alternatives, "decision.alternatives", r.Alternatives, "alternatives")...)

	heading(1, "Interests declared", "interests")
	heading(2, "Conflicts of interest declared", "")
	add(p.noticeList(d.Conflicts, "decision.conflicts[%d]"))
	heading(2, "Dispensations granted", "")
	add(p.noticeList(d.Dispensations, "decision.dispensations[%d]"))

	if !d.SubjectToCallIn() {
		heading(1, "Reasons for urgency", "urgency")
		add(p.noticeText(d.Urgency, "decision.urgency")...)
	}

	return out
}

// citesRE finds a template action citing a section or paragraph number.
var citesRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`\{\{[^}]*\b(section|paragraph)\b`) })

// citesTheReport reports whether a text the notice prints cites the
// report's section or paragraph numbers.
func citesTheReport(d *definition.Decision, r *definition.Report) bool {
	cites := false
	check := func(t definition.Text, _ string) { cites = cites || citesRE().MatchString(t.S) }
	eachDecisionText(d, check)
	if len(d.Resolutions) == 0 {
		for _, t := range r.Recommendations.Items {
			check(t, "")
		}
	}
	if strings.TrimSpace(d.Reasons.S) == "" {
		check(r.Recommendations.Reasons, "")
	}
	if strings.TrimSpace(d.Alternatives.S) == "" {
		check(r.Alternatives, "")
	}
	return cites
}

// noticeText is a text field of the paper or its decision block as the
// notice prints it: expanded as Validate expanded it, with no reference
// to the paper's sections or paragraphs made a link, since the notice
// does not hold them.
func (p *paper) noticeText(t definition.Text, path string) []doc.Block {
	bs := markdown.Blocks(p.expand(t, path))
	doc.Walk(bs, func(b doc.Block) bool {
		if para, ok := b.(*doc.Paragraph); ok {
			for i := range para.Content {
				para.Content[i].Ref = ""
			}
		}
		return true
	})
	return bs
}

// noticeTextOr is the decision block's text when given, else the
// paper's, else None.
func (p *paper) noticeTextOr(t definition.Text, path string, fallback definition.Text, fallbackPath string) []doc.Block {
	if strings.TrimSpace(t.S) == "" {
		t, path = fallback, fallbackPath
	}
	if bs := p.noticeText(t, path); len(bs) > 0 {
		return bs
	}
	return none()
}

// noticeList lists the entries of a decision block's list, or says None.
func (p *paper) noticeList(ts []definition.Text, paths string) doc.Block {
	if len(ts) == 0 {
		return none()[0]
	}
	l := &doc.List{}
	for i, t := range ts {
		l.Items = append(l.Items, doc.ListItem{Blocks: p.noticeText(t, fmt.Sprintf(paths, i))})
	}
	return l
}

func none() []doc.Block { return []doc.Block{&doc.Paragraph{Content: doc.Plain("None")}} }
