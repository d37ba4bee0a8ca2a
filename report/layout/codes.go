package layout

import (
	"fmt"
	"strings"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/markdown"
	"github.com/paperhq/paper/report/selfassess"
)

// The blocks of the annual complaints report the Complaint Handling
// Codes ask for: the self-assessment against a Code, laid out as the
// Codes' form, and the lessons learned, as numbered case summaries or a
// "you said, we did" table.

// Words of the self-assessment form.
var (
	selfAssessmentColumns = []string{"Section", "Requirement", "Complies", "Evidence", "Commentary", "Action and due date"}
	compliesWords         = map[string]string{"yes": "Yes", "no": "No", "partly": "Partly"}
)

// checkCodeBlocks checks each self_assessment block against the file it
// lays out: the Code it names must have provisions there.
func (p *paper) checkCodeBlocks() {
	a := p.in.SelfAssessment
	for i, s := range p.r.Sections {
		for j, b := range s.Blocks {
			sa := b.SelfAssessment
			if sa == nil || a == nil || sa.Code == "" {
				continue
			}
			if len(a.Rows(sa.Code)) > 0 {
				continue
			}
			var has []string
			for _, c := range selfassess.Codes {
				if len(a.Rows(c)) > 0 {
					has = append(has, c)
				}
			}
			at := fmt.Sprintf("sections[%d].blocks[%d].self_assessment.code", i, j)
			pos := p.r.Pos.At(at)
			msg := fmt.Sprintf("%s has no provisions of %s (code: %s)", p.r.Data.SelfAssessment, selfassess.CodeNames[sa.Code], sa.Code)
			if len(has) > 0 {
				msg += "; it assesses " + strings.Join(has, " and ")
			}
			p.errs.Errorf(p.r.File, pos.Line, pos.Col, at, "%s", msg)
		}
	}
}

// selfAssessmentTable lays out one Code's provisions as the
// self-assessment form: a row per provision, under a group row for each
// of the Code's sections the file names a heading for. The table crosses
// pages with its header repeated.
func (p *paper) selfAssessmentTable(sa *definition.SelfAssessment) *doc.Table {
	a := p.in.SelfAssessment
	if a == nil {
		return nil
	}
	rows := a.Rows(sa.Code)
	if len(rows) == 0 {
		return nil
	}
	caption := sa.Caption
	if caption == "" {
		caption = "Self-assessment against " + selfassess.CodeNames[sa.Code]
	}
	t := &doc.Table{Kind: doc.Grid, Caption: caption, Label: p.nextTableLabel(),
		Description: caption + ": for each provision, the requirement, whether the council complies, the evidence, commentary, and the action it will take with its due date",
		Columns:     []doc.Column{{Width: 1.3}, {Width: 4}, {Width: 1.5}, {Width: 2.6}, {Width: 2.6}, {Width: 2.6}}}
	header := make([]doc.Cell, len(selfAssessmentColumns))
	for i, c := range selfAssessmentColumns {
		header[i] = doc.Cell{Content: doc.Plain(c)}
	}
	t.Header = [][]doc.Cell{header}
	group := ""
	for _, r := range rows {
		if num, h := a.Heading(sa.Code, r.Section); h != "" && num != group {
			group = num
			t.Rows = append(t.Rows, []doc.Cell{{Span: len(selfAssessmentColumns), Content: doc.Bold(num + ". " + h)}})
		}
		action := markdown.Inline(r.Action)
		if !r.Due.IsZero() {
			if len(action) > 0 {
				action = append(action, doc.Inline{Break: true})
			}
			action = append(action, doc.Inline{Text: "Due: " + longDate(r.Due), Bold: true})
		}
		t.Rows = append(t.Rows, []doc.Cell{
			{Content: doc.Plain(r.Section)},
			{Content: markdown.Inline(r.Requirement)},
			{Content: doc.Bold(compliesWords[r.Complies])},
			{Content: markdown.Inline(r.Evidence)},
			{Content: markdown.Inline(r.Commentary)},
			{Content: action},
		})
	}
	return t
}

// Words of the lessons blocks.
var (
	lessonOmbudsmen = map[string]string{
		"lgsco": "Local Government and Social Care Ombudsman",
		"hos":   "Housing Ombudsman",
	}
	lessonParts = []string{"What happened", "What we found", "Putting it right", "What we changed"}
)

// YouSaidWeDid is the caption of a you-said-we-did table that gives
// none, and its two columns' headings.
const (
	YouSaidWeDid = "You said, we did"
	YouSaid      = "You said"
	WeDid        = "We did"
)

// lessons lays out a lessons block: case summaries, each headed "Case 1
// – Housing" at level (under the section, or under a subheading), or the
// you-said-we-did table.
func (p *paper) lessons(ls *definition.Lessons, level int) []doc.Block {
	if ls.Style == "you-said-we-did" {
		caption := ls.Caption
		if caption == "" {
			caption = YouSaidWeDid
		}
		t := &doc.Table{Kind: doc.Grid, Caption: caption, Label: p.nextTableLabel(),
			Description: caption + ": what complainants told the council, and what it changed as a result",
			Columns:     []doc.Column{{Width: 1}, {Width: 1}}}
		t.Header = [][]doc.Cell{{{Content: doc.Plain(YouSaid)}, {Content: doc.Plain(WeDid)}}}
		for _, it := range ls.Items {
			said := append(doc.Bold(it.Service), doc.Inline{Break: true})
			said = append(said, markdown.Inline(it.WhatHappened.S)...)
			t.Rows = append(t.Rows, []doc.Cell{{Content: said}, {Content: markdown.Inline(it.Improvement.S)}})
		}
		return []doc.Block{t}
	}
	var out []doc.Block
	for i, it := range ls.Items {
		out = append(out, &doc.Heading{Level: level, Text: fmt.Sprintf("Case %d – %s", i+1, it.Service)})
		for k, t := range []definition.Text{it.WhatHappened, it.Finding, it.Remedy, it.Improvement} {
			if strings.TrimSpace(t.S) == "" {
				continue
			}
			out = append(out, lessonPart(lessonParts[k], t.S)...)
		}
		if o := lessonOmbudsmen[it.Ombudsman]; o != "" || it.Reference != "" {
			line := "Decided by the " + o
			switch {
			case o == "":
				line = "Reference " + it.Reference
			case it.Reference != "":
				line += ", reference " + it.Reference
			}
			out = append(out, &doc.Paragraph{Content: []doc.Inline{{Text: line + ".", Italic: true}}})
		}
	}
	return out
}

// lessonPart is one part of a case summary: its label in bold leading
// the first paragraph of the text.
func lessonPart(label, text string) []doc.Block {
	bs := markdown.Blocks(text)
	lead := doc.Inline{Text: label + ": ", Bold: true}
	if len(bs) > 0 {
		if para, ok := bs[0].(*doc.Paragraph); ok {
			para.Content = append([]doc.Inline{lead}, para.Content...)
			return bs
		}
	}
	return append([]doc.Block{&doc.Paragraph{Content: []doc.Inline{lead}}}, bs...)
}
