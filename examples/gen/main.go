//go:build ignore

// Command gen writes the example appendix and minutes PDFs that the
// example paper and meeting pack include, from short texts below, so the
// binary files in examples/ can be regenerated:
//
//	go run examples/gen/main.go
//
// Every person, council and case in them is fictional.
package main

import (
	"bytes"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/pdf"
)

type file struct {
	path, title, marking string
	body                 []string // paragraphs; "# " starts a heading
}

var files = []file{
	{"examples/lgsco-annual-review/appendix-a.pdf", "Appendix A: Analysis of the Ombudsman's annual review letter 2020/21", "OFFICIAL", []string{
		"# What the letter says",
		"The Ombudsman decided 52 complaints and enquiries about Kingsbridge City Council in 2020/21 and investigated 30 in detail, upholding 25.",
		"The council complied with 19 of the 20 recommendations that fell due in the year, within the time agreed.",
		"In one upheld case the council had already offered a remedy the Ombudsman judged satisfactory before the complaint reached it.",
		"# Where the upheld complaints arose",
		"Housing and adult social care account for most upheld complaints, as in earlier years. Planning, highways and council tax account for the rest.",
		"# Comparison",
		"Kingsbridge's upheld rate is above the average for similar councils. Per 100,000 residents, it sits in the middle of its comparator group.",
	}},
	{"examples/lgsco-annual-review/appendix-b.pdf", "Appendix B: Ombudsman's annual review letter 2020/21", "OFFICIAL", []string{
		"Dear Chief Executive,",
		"Annual Review letter 2021",
		"I write to you with our annual summary of statistics on the complaints made to the Ombudsman about your authority for the year ending 31 March 2021.",
		"The statistics focus on three key areas that help to assess your organisation's commitment to putting things right when they go wrong: complaints upheld, compliance with recommendations, and satisfactory remedies provided by the authority.",
		"I would encourage you to share this letter with your leader and chief executive, and to consider what it tells you about how complaints are handled locally.",
		"Yours sincerely,",
		"(a fictional letter for the Kingsbridge example)",
	}},
	{"examples/lgsco-annual-review/appendix-c.pdf", "Appendix C: Summaries of upheld complaints", "OFFICIAL-SENSITIVE", []string{
		"# Case 20 004 117",
		"Complainant: Mr Idris Fenwick-Hale, 14 Orchard Rise, Kingsbridge. The council delayed assessing his mother's care needs for eleven weeks. Remedy: apology and a payment of £300.",
		"# Case 20 011 902",
		"Complainant: Ms Marguerite Osei, Flat 3, Tannery Court. The council did not follow its own procedure when ending her temporary accommodation. Remedy: apology, £250 and a review of the procedure.",
	}},
	{"examples/meeting/minutes.pdf", "Minutes of the Audit and Governance Committee, 26 July 2021", "OFFICIAL", []string{
		"Present: Councillor Esther Vane (Chair), Councillor Rupert Achebe (Vice-Chair), Councillors Lowenna Carne, Dafydd Price and Saoirse Lennon.",
		"# 1. Apologies",
		"There were no apologies.",
		"# 2. Declarations of interest",
		"None were declared.",
		"# 3. Internal audit progress report",
		"The Committee noted the progress report and asked for an update on the overdue actions at its next meeting.",
		"# 4. Treasury management outturn 2020/21",
		"The Committee noted the outturn and recommended it to Full Council.",
	}},
	{"examples/meeting/settlement/appendix-a.pdf", "Appendix A: Legal advice on the settlement", "OFFICIAL-SENSITIVE", []string{
		"# Advice",
		"Counsel advises that the council's prospects of defending the claim are below even, and that settlement at the figure proposed represents value for money.",
	}},
}

func main() {
	date := time.Date(2021, 9, 20, 0, 0, 0, 0, time.UTC)
	for _, f := range files {
		d := &doc.Document{
			Meta:  doc.Meta{Title: f.title, Author: "Kingsbridge City Council", Language: "en-GB", Date: date},
			Page:  doc.Page{Marking: f.marking, Numbering: doc.PageOfTotal},
			Style: doc.DefaultStyle(),
		}
		d.Blocks = append(d.Blocks, &doc.Title{Kicker: "Kingsbridge City Council", Text: f.title})
		for _, p := range f.body {
			if h, ok := strings.CutPrefix(p, "# "); ok {
				d.Blocks = append(d.Blocks, &doc.Heading{Level: 2, Text: h})
				continue
			}
			d.Blocks = append(d.Blocks, &doc.Paragraph{Content: doc.Plain(p)})
		}
		var buf bytes.Buffer
		if _, err := pdf.Write(&buf, d); err != nil {
			log.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(f.path), 0o755); err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(f.path, buf.Bytes(), 0o644); err != nil {
			log.Fatal(err)
		}
		log.Printf("wrote %s", f.path)
	}
}
