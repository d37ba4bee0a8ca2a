// Package definition reads a committee paper's definition, report.yaml,
// into the validated model the rest of the pipeline works from.
//
// Load decodes strictly (unknown keys are errors with a did-you-mean
// suggestion) and keeps the position of every value; Check applies the
// publication rules (Part II needs Schedule 12A paragraphs, five clear
// days or reasons for urgency, appendix files exist ...). Both report
// problems as diag.Diagnostic with file:line:col.
package definition

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
)

// Text is markdown with its position in report.yaml, so that problems
// inside it (an unknown metric, say) point at the right line.
type Text = yamlx.Text

// Report is a committee paper's definition: the front-sheet facts, the
// front-sheet sections, the numbered body, appendices, background papers,
// sign-off and the data the figures come from.
type Report struct {
	Council          string            `yaml:"council,required"`
	Committee        string            `yaml:"committee,required"`
	MeetingDate      time.Time         `yaml:"meeting_date,required"`
	Title            string            `yaml:"title,required"`
	LeadMember       string            `yaml:"lead_member"`
	LeadDirector     string            `yaml:"lead_director"`
	Author           string            `yaml:"author,required"`
	ContactEmail     string            `yaml:"contact_email"`
	Reference        string            `yaml:"reference"`
	KeyDecision      bool              `yaml:"key_decision"`
	Part             string            `yaml:"part"`
	Classification   string            `yaml:"classification"`
	ExemptParagraphs []int             `yaml:"exempt_paragraphs"`
	Published        time.Time         `yaml:"published"`
	Urgency          Text              `yaml:"urgency"`
	Purpose          Text              `yaml:"purpose,required"`
	Recommendations  Recommendations   `yaml:"recommendations,required"`
	Alternatives     Text              `yaml:"alternatives"`
	CorporatePlan    Text              `yaml:"corporate_plan"`
	Implications     Implications      `yaml:"implications"`
	Sections         []Section         `yaml:"sections"`
	Appendices       []Appendix        `yaml:"appendices"`
	BackgroundPapers []BackgroundPaper `yaml:"background_papers"`
	SignOff          SignOff           `yaml:"sign_off"`
	Data             Data              `yaml:"data"`
	// DOCXCharts is how the DOCX holds the charts: "native" (or empty)
	// for Word charts whose data Word can edit, "picture" for pictures.
	DOCXCharts string `yaml:"docx_charts"`
	// Decision, when given, records the decision taken on the paper, for
	// its decision notice (paper decision); the paper never prints it.
	Decision *Decision `yaml:"decision"`
	// Style names the house style: a style file's path, relative to
	// this file, or the name of a style shipped with paper ("cabinet").
	// Empty is the councils' standard paper.
	Style string `yaml:"style"`
	// The facts a cabinet report's front sheet gives (style front_sheet
	// keys of the same names). ReportTo defaults to the committee,
	// ReportOf to the lead director, Subject to the title;
	// ExemptInformation to what part and the appendices' exempt
	// paragraphs say.
	ReportTo           string `yaml:"report_to"`
	ReportOf           string `yaml:"report_of"`
	Subject            string `yaml:"subject"`
	WardsAffected      string `yaml:"wards_affected"`
	ExemptInformation  string `yaml:"exempt_information"`
	ReasonsForDecision Text   `yaml:"reasons_for_decision"`
	// Facts are further rows of the front sheet's facts table.
	Facts []Fact `yaml:"facts"`

	// File is the path the definition was read from; Dir its directory,
	// against which relative paths (appendix files, data) resolve.
	File string `yaml:"-"`
	Dir  string `yaml:"-"`
	// Pos holds the position of every value by key path.
	Pos yamlx.Positions `yaml:"-"`
	// Src is the file's text, to place messages about part of a value
	// (yamlx.Locate).
	Src []byte `yaml:"-"`
}

// Fact is a row the report adds to the front sheet's facts table.
type Fact struct {
	Label string `yaml:"label,required"`
	Value string `yaml:"value"`
}

// Recommendations are the numbered recommendations, with optional
// introductory text and the reasons for them.
type Recommendations struct {
	Intro   Text   `yaml:"intro"`
	Items   []Text `yaml:"items,required"`
	Reasons Text   `yaml:"reasons"`
}

// Implications are the front sheet's implications paragraphs.
type Implications struct {
	Financial  Text `yaml:"financial"`
	Carbon     Text `yaml:"carbon"`
	Other      Text `yaml:"other"`
	Equalities Text `yaml:"equalities"`
	Legal      Text `yaml:"legal"`
}

// Section is one numbered body section: "2. Details of the Report".
type Section struct {
	Heading string `yaml:"heading,required"`
	// ID lets text cite the section's number: {{ section "details" }}.
	// It defaults to a slug of the heading.
	ID     string  `yaml:"id"`
	Blocks []Block `yaml:"blocks"`
}

// Block is one item of a section's body. Exactly one of its kinds is set.
type Block struct {
	// Text is one numbered paragraph (markdown; lists may sit inside).
	Text Text `yaml:"text"`
	// ID lets other text cite this paragraph's number: {{ paragraph "id" }}.
	ID string `yaml:"id"`
	// Subheading is an unnumbered heading inside the section.
	Subheading string `yaml:"subheading"`
	// Table is a table written out in the definition.
	Table *Table `yaml:"table"`
	// PageBreak starts a new page before the next block.
	PageBreak bool `yaml:"page_break"`
	// MetricsTable is a table bound to the complaint metrics.
	MetricsTable *MetricsTable `yaml:"metrics_table"`
	// Chart is a chart bound to the complaint metrics.
	Chart *Chart `yaml:"chart"`
	// SelfAssessment lays out data.self_assessment's provisions of one
	// Code as the Codes' self-assessment form.
	SelfAssessment *SelfAssessment `yaml:"self_assessment"`
	// Lessons are what complaints taught the council: numbered case
	// summaries, or a "you said, we did" table.
	Lessons *Lessons `yaml:"lessons"`
}

// Table is a table given cell by cell. Cells are markdown inline text and
// may use the metric functions.
type Table struct {
	Caption     string   `yaml:"caption"`
	Description string   `yaml:"description"`
	Columns     []string `yaml:"columns,required"`
	// Align gives each column's alignment: left, right or center.
	Align []string `yaml:"align"`
	Rows  [][]Text `yaml:"rows"`
}

// MetricsTable is a table computed from the complaint metrics or the
// Ombudsman's letter. Kind selects the table; see the layout package.
type MetricsTable struct {
	Kind    string `yaml:"kind,required"`
	Caption string `yaml:"caption"`
	// Years to show (e.g. ["2018/19", "2019/20", "2020/21"]), oldest
	// first whatever the order given; empty means the last three up to the
	// reporting year (data.year), which "latest" stands for.
	Years []string `yaml:"years"`
	// Year is the single year of by-service, comparator and letter
	// tables; empty means the reporting year (data.year).
	Year string `yaml:"year"`
	// Stage selects stage1, stage2 or ombudsman where a table shows one.
	Stage string `yaml:"stage"`
	// SuppressBelow withholds counts from 1 to SuppressBelow-1, and any
	// further counts and rates the audit needs withheld so that none of
	// them can be worked out, so published tables identify nobody.
	SuppressBelow int `yaml:"suppress_below"`
	// GroupBelow gathers the services with fewer than GroupBelow
	// complaints into one "Other services" row of a by-service table.
	GroupBelow int `yaml:"group_below"`
	// Average adds the landlord-type average column to a housing-ombudsman
	// table; Comparators a column per comparator landlord.
	Average     bool `yaml:"average"`
	Comparators bool `yaml:"comparators"`
}

// Chart is a chart bound to the complaint metrics or the Ombudsman's
// letter, laid out as a numbered figure ("Figure 2: caption") with
// alternative text generated from its data. Kind selects the chart; the
// layout package (ChartKinds) lists the kinds and which options each
// takes; an option that does not apply to the kind is an error.
type Chart struct {
	// Kind is trend, comparison, by-service, funnel, monthly or heatmap.
	Kind string `yaml:"kind,required"`
	// Title is printed at the top of the chart itself; the caption below
	// is usually enough, so it is optional.
	Title string `yaml:"title"`
	// Caption follows "Figure N: "; empty gives a caption generated from
	// the chart's data, e.g. "Ombudsman enquiries and the share answered
	// on time, 2018/19 to 2020/21".
	Caption string `yaml:"caption"`
	// Years are the financial years of a trend (default: the last three
	// up to the reporting year) or a monthly chart (default: the
	// reporting year); "latest" is the reporting year (data.year) and
	// "previous" the year before it.
	Years []string `yaml:"years"`
	// Year is the one financial year of a comparison, by-service, funnel
	// or monthly chart; default the reporting year (data.year).
	Year string `yaml:"year"`
	// Stage is stage1 (default), stage2 or ombudsman, for trend,
	// by-service and monthly charts.
	Stage string `yaml:"stage"`
	// Type is what a trend or monthly chart counts: complaints (default)
	// or a type of information request or enquiry (foi, foi_review, eir,
	// eir_review, sar, member_enquiry, mp_enquiry), which takes no stage.
	Type string `yaml:"type"`
	// Measure is what the bars show: for a trend a stage figure
	// (received, closed, upheld, mean_working_days ...) or a letter
	// figure (letter.decided ...); for a comparison upheld_rate or
	// upheld_per_100k; for a monthly chart received or closed.
	Measure string `yaml:"measure"`
	// Rate is the line over a trend or monthly chart's bars, on a 0-100%
	// scale: on_time_rate (default), upheld_rate, escalation_rate, a
	// letter rate (letter.upheld_rate ...) or none.
	Rate string `yaml:"rate"`
	// Sort orders a comparison or by-service chart's bars: descending
	// (default), ascending, name or none.
	Sort string `yaml:"sort"`
	// DataTable adds the chart's figures as a table under it.
	DataTable bool `yaml:"data_table"`
	// SuppressBelow hides small counts in a by-service chart, as in
	// tables: 5 withholds counts from 1 to 4 and any count that would
	// reveal them.
	SuppressBelow int `yaml:"suppress_below"`
	// GroupBelow gathers the services with fewer than GroupBelow
	// complaints into one "Other services" bar of a by-service chart.
	GroupBelow int `yaml:"group_below"`
	// Width is the printed width in millimetres; zero is the text width.
	Width float64 `yaml:"width"`
	// By is what a heat map's columns are: month (the default) or
	// category (the case log's Category column).
	By string `yaml:"by"`
}

// Appendix is one appendix on the front sheet, optionally with the PDF to
// append in the agenda pack.
type Appendix struct {
	Ref              string `yaml:"ref,required"`
	Title            string `yaml:"title,required"`
	ExemptParagraphs []int  `yaml:"exempt_paragraphs"`
	File             string `yaml:"file"`
}

// BackgroundPaper is a published document the paper relied on.
type BackgroundPaper struct {
	Title            string `yaml:"title,required"`
	URL              string `yaml:"url"`
	ExemptParagraphs []int  `yaml:"exempt_paragraphs"`
}

// SignOff is the front sheet's sign-off block: the reference codes given
// by finance, legal and the others, and the approvals.
type SignOff struct {
	Finance               string    `yaml:"finance"`
	Legal                 string    `yaml:"legal"`
	MonitoringOfficer     string    `yaml:"monitoring_officer"`
	HR                    string    `yaml:"hr"`
	Assets                string    `yaml:"assets"`
	Procurement           string    `yaml:"procurement"`
	OriginatingSLTMember  string    `yaml:"originating_slt_member"`
	DirectorAgreed        bool      `yaml:"director_agreed"`
	DateAgreed            time.Time `yaml:"date_agreed"`
	CabinetMemberApproval string    `yaml:"cabinet_member_approval"`
	DateApproved          time.Time `yaml:"date_approved"`
}

// Data names the complaint case log and the Ombudsman's letter figures.
type Data struct {
	Complaints string `yaml:"complaints"`
	Ombudsman  string `yaml:"ombudsman"`
	// HousingOmbudsman names housing-ombudsman.yaml, the Housing
	// Ombudsman's figures for a council with housing stock.
	HousingOmbudsman string `yaml:"housing_ombudsman"`
	// SelfAssessment is the self-assessment against the Complaint
	// Handling Codes (report/selfassess), for self_assessment blocks.
	SelfAssessment string `yaml:"self_assessment"`
	// Sheet names the XLSX worksheet with the cases, or gives its number
	// from 1; empty means the first sheet whose header has the columns.
	Sheet string `yaml:"sheet"`
	// Encoding is how a CSV case log's bytes are read: utf-8 or
	// windows-1252; empty means UTF-8, or Windows-1252 with a warning
	// when the bytes are not UTF-8.
	Encoding string `yaml:"encoding"`
	// Columns maps the case log's standard column names to the export's
	// own headers, e.g. {Reference: "Case Reference"}.
	Columns map[string]string `yaml:"columns"`
	// Services maps service names as the export writes them to the names
	// the paper prints, after case and spacing variants are folded:
	// {"Env & Streets": "Environment, Streets & Parks"}.
	Services map[string]string `yaml:"services"`
	// Values maps the export's own Stage and Outcome values onto paper's,
	// or to ignore: {Stage: {Informal: ignore, "Stage One": stage1}}.
	Values map[string]map[string]string `yaml:"values"`
	// Year is the reporting year, a financial year such as "2024/25":
	// "latest" (the default) is the most recent financial year in the
	// case log, "previous" the one before it. Every "latest" and
	// "previous" in the paper means this year, and blocks that name no
	// year show it.
	Year string `yaml:"year"`
	// Targets overrides the working-day targets per stage
	// (stage1: 10, stage2: 20, ombudsman: 20) and for acknowledging a
	// complaint (acknowledge: 5).
	Targets map[string]int `yaml:"targets"`
	// DeadlinesFrom is where a response deadline counts from when a row
	// has no Due date: "received" (the default) or "acknowledged", as the
	// Complaint Handling Codes time stage responses.
	DeadlinesFrom string `yaml:"deadlines_from"`
	// Holidays adds non-working days (e.g. a council closure day).
	Holidays []time.Time `yaml:"holidays"`
}

// Load reads and decodes the definition at path. It returns the report
// (possibly partial) and every decoding problem; a report with errors must
// not be built. Load does not apply the publication rules: see Check.
func Load(path string) (*Report, diag.List) {
	src, err := diag.ReadFile(path, MaxFileSize, "a report definition")
	if err != nil {
		msg := diag.ReadError(err)
		var nr *diag.NotRegularError
		var tl *diag.TooLargeError
		switch {
		case errors.As(err, &nr) && nr.Mode.IsDir():
			if f, err := os.Stat(filepath.Join(path, "report.yaml")); err == nil && f.Mode().IsRegular() {
				msg += "; did you mean " + filepath.Join(path, "report.yaml") + "?"
			}
		case errors.As(err, &tl):
			msg += " (put long material in appendices)"
		}
		return nil, diag.List{{File: path, Msg: msg}}
	}
	return Parse(path, src)
}

// MaxFileSize bounds a definition file (and an agenda or an Ombudsman
// letter). Real ones are a few tens of kilobytes; the bound keeps a
// mistaken path (a video, a database dump) from being read into memory.
const MaxFileSize = 4 << 20

// MaxPDFSize bounds an appendix or an agenda's PDF item. Committee
// appendices are at most tens of megabytes (scanned plans); a pack holds
// every PDF it merges in memory, so a mistaken path must not be read.
const MaxPDFSize = 100 << 20

// Parse decodes a definition from src, naming it path in diagnostics and
// resolving relative paths against path's directory.
func Parse(path string, src []byte) (*Report, diag.List) {
	r := &Report{File: path, Dir: filepath.Dir(path), Src: src}
	pos, errs := yamlx.Decode(path, src, r)
	r.Pos = pos
	return r, errs
}

// Resolve returns path relative to the definition's directory, or path
// itself when absolute.
func (r *Report) Resolve(path string) string {
	if path == "" || filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(r.Dir, path)
}

// Exempt reports whether the whole paper is Part II.
func (r *Report) Exempt() bool { return r.Part == "II" }

// Errorf records an error at the position of key path.
func (r *Report) errorf(l *diag.List, path, format string, args ...any) {
	p := r.Pos.At(path)
	l.Errorf(r.File, p.Line, p.Col, path, format, args...)
}

func (r *Report) warnf(l *diag.List, path, format string, args ...any) {
	p := r.Pos.At(path)
	l.Warnf(r.File, p.Line, p.Col, path, format, args...)
}
