package layout_test

import (
	"fmt"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/metrics"
)

// The reporting year, data.year, against a case log of 2023/24 and
// 2024/25: what "latest" and "previous" mean everywhere in the paper.
func ExampleReportingYear() {
	log, err := caselog.ReadCSV("complaints.csv", []byte("Reference,Stage,Service,Received\nA1,1,Housing,2023-05-02\nB1,1,Housing,2024-05-07\n"), caselog.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fig := &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{})}
	for _, year := range []string{"", "latest", "previous", "2023/24", "2022/23", "2023-24"} {
		got, err := layout.ReportingYear(definition.Data{Year: year}, fig)
		if err != nil {
			fmt.Printf("%q: %v\n", year, err)
			continue
		}
		fmt.Printf("%q: %s\n", year, got)
	}
	// Output:
	// "": 2024/25
	// "latest": 2024/25
	// "previous": 2023/24
	// "2023/24": 2023/24
	// "2022/23": the case log has no figures for 2022/23 (it covers 2023/24, 2024/25)
	// "2023-24": "2023-24" is not a financial year like 2024/25, latest or previous
}

// The agenda's page of a meeting's public web site: a public paper with
// its page, its PDF and an appendix, and an exempt paper, which stands
// as its notice's words.
func ExampleSiteIndex() {
	m := layout.Meeting{Council: "Kingsbridge City Council", Committee: "Audit and Governance Committee",
		Date: time.Date(2026, 12, 14, 0, 0, 0, 0, time.UTC), Time: "10:00"}
	items := []layout.SiteItem{
		{Entry: layout.AgendaEntry{Title: "Apologies for absence", Text: "To receive apologies for absence."}},
		{Entry: layout.AgendaEntry{Title: "Complaints annual report", ReportOf: "the Director of Resources"}, Paper: true,
			Page: "item-2.html", PDF: &layout.File{Href: "item-2.pdf", Size: 210_000},
			Appendices: []layout.SiteAppendix{{Ref: "A", Title: "Figures by service", File: &layout.File{Href: "item-2-appendix-a.pdf", Size: 48_000}}}},
		{Entry: layout.AgendaEntry{Title: "Settlement of a claim", Exemption: definition.Exemption([]int{3})}, Paper: true,
			Notice: &layout.NoticeOf{Item: 3, Title: "Settlement of a claim", Exemption: definition.Exemption([]int{3}), Paragraphs: []int{3}, Paper: true}},
	}
	d := layout.SiteIndex(m, items, &layout.File{Href: "agenda-pack.pdf", Size: 1_200_000}, time.Time{})
	fmt.Println(d.Web.Title)
	fmt.Print(doc.Outline(d))
	// Output:
	// Agenda – Audit and Governance Committee – 14 December 2026 – Kingsbridge City Council
	// meta title="Audit and Governance Committee, 14 December 2026: agenda" author="Kingsbridge City Council" subject="Agenda and reports of the Audit and Governance Committee meeting on 14 December 2026" lang="en-GB"
	// page marking="" running="" draft="" stamp="" number="" first=0
	// title "Kingsbridge City Council" "Audit and Governance Committee"
	// table kind=2 "" "" cols=2
	//   row "**Date:**" | "Monday 14 December 2026"
	//   row "**Time:**" | "10:00"
	// h1 "" "Agenda" #agenda
	// p "The whole public agenda pack, every item's papers in one file: [Agenda pack (PDF, 1.1 MB)](agenda-pack.pdf)"
	// h2 "1" "Apologies for absence" #item-1
	// p "To receive apologies for absence."
	// h2 "2" "Complaints annual report" #item-2
	// p "Report of the Director of Resources"
	// list bullets
	//   item
	//     p "[Report (web page)](item-2.html)"
	//   item
	//     p "[Report (PDF, 205 KB)](item-2.pdf)"
	//   item
	//     p "Figures by service: [Appendix A (PDF, 47 KB)](item-2-appendix-a.pdf)"
	// h2 "3" "Settlement of a claim" #item-3
	// p "_Exempt: paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972_"
	// p "**NOT FOR PUBLICATION**\nThis report is not for publication because it contains exempt information as described in paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972:"
	// list bullets
	//   item
	//     p "**Paragraph 3:** Information relating to the financial or business affairs of any particular person (including the authority holding that information)."
	// p "It has been sent to members of the Committee. The Committee may resolve, under section 100A(4) of the Local Government Act 1972, to exclude the press and public while it is considered."
	// p(note) "Items marked exempt contain information that is exempt from publication under Part 1 of Schedule 12A to the Local Government Act 1972. The Committee may resolve, under section 100A(4) of the Act, to exclude the press and public while they are considered. Their papers are sent to members only; this page gives the notice that stands in their place."
}
