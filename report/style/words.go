package style

import (
	"slices"
	"strings"
)

// Word is one fixed wording of the layout that a house style may change:
// its key in the style file and the words printed when the style leaves
// it alone.
type Word struct {
	Key, Default string
}

// Labels are the fixed wordings of the page other than the front sheet's
// headings: the facts table's and sign-off table's row labels, the
// appendices and background papers tables' headers, the words of the
// agenda pack's own pages and of the page furniture. A facts or sign-off
// label is printed followed by a colon unless it ends in ":", "?" or ".".
var Labels = []Word{
	// The facts table's rows (front_sheet keys).
	{"meeting_date", "Date of meeting"},
	{"title", "Title of Report"},
	{"lead_member", "Lead Member"},
	{"lead_director", "Lead Strategic Director"},
	{"author", "Author"},
	{"contact_email", "Contact Email"},
	{"reference", "Your Reference"},
	{"key_decision", "Key Decision"},
	{"confidentiality", "Confidentiality"},
	{"report_to", "Report to"},
	{"report_of", "Report of"},
	{"subject", "Subject"},
	{"wards_affected", "Wards affected"},
	{"exempt_information", "Exempt information"},
	{"reasons_for_decision", "Reasons for decision"},
	// The sign-off table's rows (sign_off keys).
	{"finance", "Fin"},
	{"legal", "Leg"},
	{"monitoring_officer", "Mon Off"},
	{"hr", "HR"},
	{"assets", "Assets"},
	{"procurement", "Strat Proc"},
	{"originating_slt_member", "Originating Senior Leadership Team member"},
	{"director_agreed", "Please confirm the Strategic Director(s) has agreed the report?"},
	{"date_agreed", "Date agreed"},
	{"cabinet_member_approval", "Cabinet Member approval"},
	{"date_approved", "Date approved"},
	// Values and table headers of the front sheet.
	{"yes", "Yes"},
	{"no", "No"},
	{"none", "None"},
	{"appendix_ref", "Ref."},
	{"appendix_title", "Title of Appendix"},
	{"background_title", "Title of any background paper(s)"},
	{"exemption_column", "Exemption Paragraph Number (if applicable)"},
	{"exemption_note", "If some or all of the information is confidential, tick the paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 that makes it not for publication."},
	{"exempt", "Exempt:"},
	{"not_for_publication", "NOT FOR PUBLICATION"},
	// Page furniture.
	{"page_number", "Page {page} of {pages}"},
	{"draft", "DRAFT"},
	{"skip_link", "Skip to main content"},
	{"show_data", "Show the figures in this chart"},
	// The agenda pack's own pages.
	{"pack_date", "Date"},
	{"pack_time", "Time"},
	{"pack_venue", "Venue"},
	{"pack_membership", "Membership"},
	{"pack_contact", "Contact"},
	{"agenda_item", "Item"},
	{"agenda_title", "Title"},
	{"agenda_page", "Page"},
	{"agenda_report_of", "Report of"},
	{"agenda_item_notice", "Agenda item"},
	{"enquiries", "Enquiries:"},
	{"exempt_pack", "Exempt pack for members of the Committee only."},
	{"exempt_pack_text", "It holds every item on the agenda, including the exempt items and appendices that the public agenda pack leaves out. Do not publish, forward or share it."},
	{"exempt_items_note", "Items marked exempt contain information that is exempt from publication under Part 1 of Schedule 12A to the Local Government Act 1972. The Committee may resolve, under section 100A(4) of the Act, to exclude the press and public while they are considered."},
	{"exempt_items_public_note", "Their papers are sent to members only; this pack holds a notice in their place."},
	{"notice_heading", "Why this item is not published"},
	{"notice_sent", "It has been sent to members of the Committee. The Committee may resolve, under section 100A(4) of the Local Government Act 1972, to exclude the press and public while it is considered."},
}

// Headings are the front sheet's headings (and the body's fixed ones),
// which the style file's headings key renames.
var Headings = []Word{
	{"purpose", "Purpose of Report"},
	{"recommendations", "Recommendations and Reasons"},
	{"alternatives", "Alternative options considered and rejected"},
	{"corporate_plan", "Relevance to the Corporate Plan"},
	{"financial_implications", "Implications for the Medium Term Financial Plan and Resource Implications"},
	{"carbon_implications", "Carbon Footprint (Environmental) Implications"},
	{"other_implications", "Other Implications: e.g. Health and Safety, Risk Management, Child Poverty"},
	{"equalities_implications", "Equalities Implications"},
	{"legal_implications", "Legal Implications"},
	{"appendices", "Appendices"},
	{"background_papers", "Background papers"},
	{"sign_off", "Sign off"},
	{"tables_and_figures", "Tables and figures in this report"},
	{"urgency", "Reasons for Urgency"},
	{"agenda", "Agenda"},
}

// FrontSheetRows are the rows the facts table may hold, in the default
// order of the rows it holds by default (DefaultFrontSheet); "facts"
// stands for the report's own rows (report.yaml's facts), which
// otherwise follow the others.
var FrontSheetRows = []string{
	"meeting_date", "title", "lead_member", "lead_director", "author", "contact_email",
	"reference", "key_decision", "confidentiality", "report_to", "report_of", "subject",
	"wards_affected", "exempt_information", "reasons_for_decision", "facts",
}

// DefaultFrontSheet is the facts table of the councils' standard paper.
var DefaultFrontSheet = FrontSheetRows[:9]

// SignOffRows are the rows of the sign-off table, in their default
// order: the six reference codes, set three label-code pairs to a row,
// then the approvals, a line each.
var SignOffRows = []string{
	"finance", "legal", "monitoring_officer", "hr", "assets", "procurement",
	"originating_slt_member", "director_agreed", "date_agreed", "cabinet_member_approval", "date_approved",
}

// IsCode reports whether the sign-off row key is one of the six
// reference codes, which sit side by side, rather than an approval line.
func IsCode(key string) bool { return slices.Contains(SignOffRows[:6], key) }

func keys(ws []Word) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = w.Key
	}
	return out
}

func defaults(ws []Word) map[string]string {
	m := make(map[string]string, len(ws))
	for _, w := range ws {
		m[w.Key] = w.Default
	}
	return m
}

// RowLabel is a facts or sign-off label as the row prints it: followed
// by a colon unless it ends in ":", "?" or ".".
func RowLabel(s string) string {
	if s == "" || strings.HasSuffix(s, ":") || strings.HasSuffix(s, "?") || strings.HasSuffix(s, ".") {
		return s
	}
	return s + ":"
}
