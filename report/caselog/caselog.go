// Package caselog reads a council's complaint case log, a CSV or XLSX
// export with one row per complaint per stage, into compact rows ready for
// counting.
//
// Columns are found by header name, ignoring case and surrounding spaces
// (and a UTF-8 byte order mark): Reference, Stage, Service and Received are
// required; Responded, Due, Outcome and Acknowledged are optional. A report can map its
// export's own headers onto these names (Options.Columns), e.g.
// {"Reference": "Case Reference", "Received": "Date Received"}. Other
// columns are ignored.
//
// Values:
//
//   - Stage: 1, Stage 1, 2, Stage 2, Ombudsman, LGSCO or Housing Ombudsman
//     (any case); LGSCO and Housing Ombudsman are the Ombudsman stage.
//   - Outcome: Upheld, Partially upheld, Not upheld, Withdrawn, Refused
//     (not accepted under a Complaint Handling Code; any case), blank while
//     the complaint is open.
//   - Dates: ISO 2021-02-28 or UK 28/02/2021 (day and month may be one
//     digit), optionally followed by a time, which is ignored. The date must
//     exist: 31/02/2021 is an error. In XLSX, a date cell is read from its
//     stored serial number whatever its display format, so US or two-digit
//     year formats in the export do not matter; text cells are parsed as
//     above.
//   - Responded, Due and Acknowledged may be blank; if given, none may be
//     before Received.
//
// Every problem is a diag.Diagnostic at file:line with the column's header
// in Field, such as
//
//	complaints.csv:4: Received: "31/02/2021" is not a date
//
// A log may have at most MaxServices different services: more mean the
// wrong column is being read as Service.
//
// Reading goes on after a problem so that one run lists many; after
// MaxErrors it stops listing and says how many more there were. Rows whose
// fields are all blank are skipped. A row may have fewer fields than the
// header (the missing ones are blank) but not more non-blank ones, which
// usually means a comma inside a value that was not quoted.
//
// CSV files are read by a parallel byte-level parser that allocates
// nothing per field. It agrees with encoding/csv (RFC 4180 quoting, CRLF
// or LF line endings, quoted fields holding commas, quotes and newlines);
// a file whose quoting it cannot split safely is read again, in full, by a
// straightforward encoding/csv reader, which also reports quoting errors.
//
// Stream reads a CSV the same way without keeping its rows: in blocks of a
// few MB cut at record boundaries, handed to a Sink as they are parsed, so
// that memory does not grow with the file (see stream.go).
package caselog

import (
	"bytes"
	"fmt"
	"math"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/workdays"
	"github.com/paperhq/paper/report/yamlx"
)

// Stage is a complaint's stage: the council's stage 1 or stage 2, or the
// Ombudsman's enquiry.
type Stage uint8

const (
	Stage1 Stage = iota
	Stage2
	Ombudsman
	// NumStages is the number of stages, for arrays indexed by Stage.
	NumStages = 3
)

// Key returns the stage's name in metric names and JSON: stage1, stage2
// or ombudsman.
func (s Stage) Key() string {
	switch s {
	case Stage1:
		return "stage1"
	case Stage2:
		return "stage2"
	case Ombudsman:
		return "ombudsman"
	}
	return fmt.Sprintf("stage(%d)", s)
}

// String returns the stage as a reader would say it.
func (s Stage) String() string {
	switch s {
	case Stage1:
		return "Stage 1"
	case Stage2:
		return "Stage 2"
	case Ombudsman:
		return "Ombudsman"
	}
	return s.Key()
}

// Outcome is how a closed complaint was decided; None while it is open.
type Outcome uint8

const (
	None Outcome = iota
	Upheld
	PartiallyUpheld
	NotUpheld
	Withdrawn
	// Refused is a complaint not accepted under a Complaint Handling
	// Code (outside its scope, or made too late): counted apart from the
	// upheld rate's outcomes.
	Refused
)

// String returns the outcome as written in the case log.
func (o Outcome) String() string {
	switch o {
	case Upheld:
		return "Upheld"
	case PartiallyUpheld:
		return "Partially upheld"
	case NotUpheld:
		return "Not upheld"
	case Withdrawn:
		return "Withdrawn"
	case Refused:
		return "Refused"
	}
	return ""
}

// NoDate marks a blank Responded, Due or Acknowledged date.
const NoDate workdays.Day = math.MinInt32

// Row is one complaint at one stage, 28 bytes.
type Row struct {
	Received     workdays.Day
	Responded    workdays.Day // NoDate while open
	Due          workdays.Day // NoDate unless the log gives one
	Acknowledged workdays.Day // NoDate unless the log gives one (complaints only)
	Service      uint32       // index into Log.Services
	Line         int32        // line (CSV) or row (XLSX) the row starts on
	Stage        Stage
	Outcome      Outcome
	// Category indexes Log.Categories from 1; 0 is none recorded (and
	// always 0 on a request or enquiry row).
	Category uint16
	// Type is what the row is: a complaint (the zero value, and every
	// row of a log without a Type column), an information request, its
	// internal review or an enquiry; see types.go.
	Type Type
}

// Closed reports whether the row has a Responded date.
func (r Row) Closed() bool { return r.Responded != NoDate }

// Log is a case log read into rows.
type Log struct {
	// File is the name used in diagnostics.
	File string
	// Rows in file order.
	Rows []Row
	// Services are the distinct service names, sorted; Row.Service
	// indexes this slice.
	Services []string
	// Categories are the distinct values of the optional Category column
	// (the kind of complaint: repairs, antisocial behaviour ...), sorted;
	// Row.Category-1 indexes this slice.
	Categories []string
	// Columns the file had, by standard name; optional ones may be absent.
	HasResponded, HasDue, HasOutcome, HasAcknowledged, HasCategory bool
	// HasType says the log has a Type column, so it may hold information
	// requests and enquiries beside complaints.
	HasType bool
	// Folds lists the services read under one name from several
	// spellings or through Options.Services, sorted by name.
	Folds []Fold
	// UnusedAliases lists the keys of Options.Services that matched no
	// service, sorted: usually a typo in the report.
	UnusedAliases []string
	// Warnings are problems that do not stop the figures being computed
	// but change them (folded services, ...), at the case log's lines.
	Warnings diag.List
}

// Standard column names.
const (
	ColReference = "Reference"
	ColStage     = "Stage"
	ColService   = "Service"
	ColReceived  = "Received"
	ColResponded = "Responded"
	ColDue       = "Due"
	ColOutcome   = "Outcome"
	// ColAcknowledged is the date the complaint was acknowledged, which
	// the Complaint Handling Codes time (5 working days) and may count
	// the response deadline from (data.deadlines_from).
	ColAcknowledged = "Acknowledged"
	ColCategory     = "Category"
	ColType         = "Type"
)

// Columns lists the standard column names, required ones first.
var Columns = []string{ColReference, ColStage, ColService, ColReceived, ColResponded, ColDue, ColOutcome, ColAcknowledged, ColCategory, ColType}

const numRequired = 4

// StandardColumn returns the standard spelling of a column name given in
// any case, and whether it is one.
func StandardColumn(name string) (string, bool) {
	for _, c := range Columns {
		if strings.EqualFold(strings.TrimSpace(name), c) {
			return c, true
		}
	}
	return "", false
}

// DefaultMaxErrors is how many problems are listed before the rest are
// counted.
const DefaultMaxErrors = 20

// Options control reading.
type Options struct {
	// Name is the file name used in diagnostics; ReadFile defaults it to
	// the path it was given.
	Name string
	// Columns maps standard column names (Reference, Received, ...) to the
	// headers used in the file, e.g. {"Received": "Date Received"}.
	Columns map[string]string
	// Sheet is the XLSX worksheet to read; empty means the first.
	Sheet string
	// Services maps a service name as the export writes it to the name
	// to count it under, after case and spacing variants are folded
	// (see FoldService): {"Env & Streets": "Environment, Streets & Parks"}.
	Services map[string]string
	// MaxErrors is how many problems to list; 0 means DefaultMaxErrors.
	MaxErrors int
	// Workers is the number of goroutines parsing a CSV; 0 means
	// GOMAXPROCS.
	Workers int
	// Encoding is how a CSV's bytes are read: UTF8, Windows1252, or
	// empty for UTF-8 when valid, else Windows-1252 with a warning.
	Encoding string
	// Values maps the export's own Stage and Outcome values onto paper's
	// (see ParseValues).
	Values Values
	// At, when its File is set, is where a report names the case log
	// (report.yaml's data.complaints): a missing column is reported
	// there, as the report's mapping is what to change.
	At diag.Diagnostic
	// Flags says the columns are mapped with paper metrics' --column
	// flags, not a report's data.columns, so messages say so.
	Flags bool
	// DeadlinesFromAcknowledged says the report counts deadlines from
	// the Acknowledged date (data.deadlines_from: acknowledged), so rows
	// without one, whose deadlines then count from Received, are counted
	// in a warning.
	DeadlinesFromAcknowledged bool
	// Straightforward reads a CSV with encoding/csv, one record at a time,
	// instead of the parallel parser: slower, for comparison and tests.
	Straightforward bool
}

func (o Options) maxErrors() int {
	if o.MaxErrors <= 0 {
		return DefaultMaxErrors
	}
	return o.MaxErrors
}

// ReadFile reads a case log from a .csv or .xlsx file. The error, if any,
// is a diag.List of every problem found (up to MaxErrors), and then the log
// is nil.
func ReadFile(path string, opt Options) (*Log, error) {
	if opt.Name == "" {
		opt.Name = path
	}
	ext := strings.ToLower(filepath.Ext(path))
	if !IsText(path) && ext != ".xlsx" && ext != ".xlsm" {
		return nil, diag.List{{File: opt.Name, Msg: fmt.Sprintf("a case log must be a .csv (or .tsv, .txt) or .xlsx file, not %s", diag.Quote(filepath.Ext(path)))}}
	}
	max, what := SizeLimit(path)
	if IsText(path) {
		if log, ok, err := readMapped(path, opt, max, what); ok {
			return log, err
		}
	}
	data, err := diag.ReadFile(path, max, what)
	if err != nil {
		return nil, diag.List{{File: opt.Name, Msg: readError(err)}}
	}
	if IsText(path) {
		return ReadCSV(opt.Name, data, opt)
	}
	return ReadXLSX(opt.Name, bytes.NewReader(data), opt)
}

// readMapped is ReadFile of a text case log mapped in memory (see
// mapFile) instead of read into a buffer: its pages are the page cache's,
// so reading the example's 790 KB case log costs a dozen page faults
// where a buffer of its size costs 200 and a copy (a fresh build does
// not collect garbage: each page of the heap it touches is a fault).
// Nothing of the log points into the text (its names are copies), so it
// is unmapped once read. ok is false when the file cannot be mapped
// (empty, or mmap refused, or not Linux): read it then. A problem found
// opening it is the log's error, as diag.ReadFile's would be.
func readMapped(path string, opt Options, max int64, what string) (log *Log, ok bool, err error) {
	f, err := diag.Open(path, max, what)
	if err != nil {
		return nil, true, diag.List{{File: opt.Name, Msg: readError(err)}}
	}
	defer f.Close()
	data, unmap, ok := mapFile(f, mapFiles)
	if !ok {
		return nil, false, nil
	}
	defer unmap()
	if afterMap != nil {
		afterMap()
	}
	// A file cut short after it was mapped faults where its pages are
	// gone: a reading error, not a crash (readFast's workers panic on
	// a fault too, and par.Go carries that here).
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer cutShort(opt.Name, func(l diag.List) { log, err = nil, l })
	log, err = ReadCSV(opt.Name, data, opt)
	return log, true, err
}

// Size limits of case log files, checked before they are read. A
// 1,000,000-row export is about 75 MB as CSV and 30 MB as XLSX; the
// limits leave room for exports with long free-text columns while keeping
// a mistaken path (a database dump, a disk image) out of memory.
const (
	MaxCSVSize  = 512 << 20
	MaxXLSXSize = 256 << 20
)

// SizeLimit returns the size limit of the case log at path, by its
// extension, and what to call the file in a message about it.
func SizeLimit(path string) (max int64, what string) {
	if IsText(path) {
		return MaxCSVSize, "a CSV case log"
	}
	return MaxXLSXSize, "an XLSX case log"
}

// IsText reports whether path names a text case log, read by ReadCSV: a
// .csv, or a .tsv or .txt (Excel saves "Unicode Text" as .txt).
func IsText(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv", ".tsv", ".txt":
		return true
	}
	return false
}

func readError(err error) string {
	return "cannot read the case log: " + diag.ReadError(err)
}

// role is what a column is used for.
type role uint8

const (
	roleNone role = iota
	roleReference
	roleStage
	roleService
	roleReceived
	roleResponded
	roleDue
	roleOutcome
	roleAcknowledged
	roleCategory
	roleType
	// numRoles sizes arrays indexed by role.
	numRoles
)

// layout says where each standard column is in the file.
type layout struct {
	// col[r] is the field index of role r, or -1.
	col [numRoles]int
	// names[r] is the header as written, for diagnostics.
	names [numRoles]string
	// roles[i] is the role of field i.
	roles  []role
	values Values // the export's own Stage and Outcome values
	// warnings about the header: optional columns that look present
	// under another name.
	warnings diag.List
	header   int // number of header fields
	line     int // the header's line (CSV) or row (XLSX)
}

// resolve matches the header to the standard columns.
func resolve(file string, line int, header []string, opt Options) (*layout, diag.List) {
	mapping := opt.Columns
	var errs diag.List
	l := &layout{roles: make([]role, len(header)), header: len(header), line: line, values: opt.Values}
	for i := range l.col {
		l.col[i] = -1
	}
	want := make(map[string]string, len(Columns)) // standard -> header wanted
	for _, c := range Columns {
		want[c] = c
	}
	mapped := map[string]bool{}
	var missing []role
	keys := make([]string, 0, len(mapping))
	for k := range mapping {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		std, ok := StandardColumn(k)
		if !ok {
			msg := fmt.Sprintf("%s is not a case log column; the columns are %s", diag.Quote(k), strings.Join(Columns, ", "))
			errs.Add(diag.Diagnostic{File: file, Field: "columns", Msg: msg})
			continue
		}
		want[std] = strings.TrimSpace(mapping[k])
		mapped[std] = true
	}
	clean := make([]string, len(header))
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\uFEFF")
		}
		clean[i] = strings.TrimSpace(h)
	}
	for ri, std := range Columns {
		r := role(ri + 1)
		for i, h := range clean {
			if !strings.EqualFold(h, want[std]) {
				continue
			}
			if l.col[r] >= 0 {
				errs.Add(diag.Diagnostic{File: file, Line: line, Field: diag.Excerpt(h),
					Msg: fmt.Sprintf("the column appears twice (columns %d and %d)", l.col[r]+1, i+1)})
				continue
			}
			if l.roles[i] != roleNone {
				errs.Add(diag.Diagnostic{File: file, Line: line, Field: diag.Excerpt(h),
					Msg: fmt.Sprintf("the column is mapped to both %s and %s", Columns[l.roles[i]-1], std)})
				continue
			}
			l.col[r] = i
			l.roles[i] = r
			l.names[r] = diag.Excerpt(h)
		}
		if l.col[r] < 0 && (ri < numRequired || mapped[std]) {
			missing = append(missing, r)
		}
	}
	if l.col[roleType] >= 0 {
		// A log of information requests may have no Stage column:
		// its complaint rows are then reported one by one.
		missing = slices.DeleteFunc(missing, func(r role) bool { return r == roleStage && !mapped[ColStage] })
	}
	if len(missing) > 0 {
		errs.Add(missingColumns(file, line, clean, l, missing, want, mapped, opt))
	}
	if len(errs) == 0 {
		l.warnings = unmappedWarnings(file, line, clean, l)
	} else if hint := semicolonHint(clean); hint != "" {
		errs = diag.List{{File: file, Line: line, Msg: "no columns found" + hint}}
	}
	return l, errs
}

// lookalikes are words in a header that suggest an optional column the
// header does not name: without a Responded column every case counts as
// open, without Outcome none has one, and without Acknowledged none is
// acknowledged, silently.
var lookalikes = []struct {
	r      role
	words  []string
	effect string
}{
	{roleResponded, []string{"respon", "closed", "completed", "resolved", "replied"}, "every case counts as open"},
	{roleOutcome, []string{"outcome", "decision", "result", "finding"}, "no case has an outcome"},
	{roleAcknowledged, []string{"acknowledg"}, "no case counts as acknowledged"},
}

// unmappedWarnings warns of an optional column that is missing while a
// header not otherwise used looks like it, giving the mapping to write.
func unmappedWarnings(file string, line int, clean []string, l *layout) diag.List {
	var w diag.List
	for _, la := range lookalikes {
		if l.col[la.r] >= 0 {
			continue
		}
		for i, h := range clean {
			if l.roles[i] != roleNone || h == "" {
				continue
			}
			lh := strings.ToLower(h)
			if !slices.ContainsFunc(la.words, func(s string) bool { return strings.Contains(lh, s) }) {
				continue
			}
			std := Columns[la.r-1]
			w.Warnf(file, line, 0, "", "no %s column, so %s; if %s is that column, map it in the report's data: columns: {%s: %s} (paper metrics: --column %s=%s)",
				std, la.effect, diag.Quote(h), std, yamlKey(h), std, shellWord(h))
			break
		}
	}
	return w
}

// shellWord quotes a header for a shell command line when it needs it.
func shellWord(s string) string {
	if strings.ContainsAny(s, " \t'\"$`\\!&;|<>()*?[]#~") {
		return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
	}
	return s
}

// maxListed is how many of a header's columns a message lists.
const maxListed = 12

// headerList lists a header's columns for a message, each cut to an
// excerpt and at most maxListed of them: a file that is not a case log
// (one 791 KB line) must not be printed back whole.
func headerList(found []string) string {
	if len(found) == 0 {
		return "none"
	}
	n := min(len(found), maxListed)
	list := make([]string, n)
	for i, h := range found[:n] {
		list[i] = diag.Excerpt(h)
	}
	s := strings.Join(list, ", ")
	if more := len(found) - n; more > 0 {
		s += fmt.Sprintf(" and %d more", more)
	}
	return s
}

// quote quotes a field's value for a message, as an excerpt.
func quote(v []byte) string { return diag.Quote(string(v)) }

// nearest returns a header that contains the wanted name, such as "Date
// Received" for Received, to suggest a mapping.
func nearest(want string, found []string) string {
	lw := strings.ToLower(want)
	for _, f := range found {
		if strings.Contains(strings.ToLower(f), lw) {
			return f
		}
	}
	return ""
}

// synonyms are words case systems use in the header of each column, to
// suggest a mapping when the column is missing: "Date Loged" for
// Received.
var synonyms = [numRoles][]string{
	roleReference:    {"reference", "ref", "case", "id", "number"},
	roleStage:        {"stage", "level", "tier"},
	roleService:      {"service", "directorate", "department", "dept", "team", "division", "area"},
	roleReceived:     {"received", "logged", "opened", "created", "raised", "registered", "submitted"},
	roleResponded:    {"responded", "response", "closed", "completed", "resolved", "replied"},
	roleDue:          {"due", "target", "deadline"},
	roleOutcome:      {"outcome", "decision", "result", "finding"},
	roleAcknowledged: {"acknowledged", "acknowledgement", "acknowledgment", "ack"},
	roleCategory:     {"category", "theme", "subject"},
}

// guess returns the header, among those no column uses, that most
// plausibly holds role r: one containing the standard name, then one
// with a word that is, or is a typo of, a word such headers use.
func guess(r role, want string, clean []string, used func(int) bool) string {
	var free []string
	for i, h := range clean {
		if h != "" && !used(i) {
			free = append(free, h)
		}
	}
	if s := nearest(want, free); s != "" {
		return s
	}
	for _, h := range free {
		words := strings.FieldsFunc(strings.ToLower(h), func(c rune) bool { return !unicode.IsLetter(c) })
		for _, w := range words {
			for _, syn := range synonyms[r] {
				if w == syn || len(w) >= 5 && len(syn) >= 5 && yamlx.Suggest(w, []string{syn}) != "" {
					return h
				}
			}
		}
	}
	return ""
}

// missingColumns is the one error for every column the header lacks: it
// lists the header and gives the data.columns YAML (or, for paper
// metrics without a report, the --column flags) mapping each, with the
// header that looks like it where there is one. Opt.At, when set, places
// it at the report.yaml line that names the case log.
func missingColumns(file string, line int, clean []string, l *layout, missing []role, want map[string]string, mapped map[string]bool, opt Options) diag.Diagnostic {
	found := make([]string, 0, len(clean))
	for _, h := range clean {
		if h != "" {
			found = append(found, h)
		}
	}
	suggested := map[string]bool{}
	used := func(i int) bool { return l.roles[i] != roleNone || suggested[clean[i]] }
	names := make([]string, len(missing))
	var yaml, flags []string
	unknown := false
	for i, r := range missing {
		std := Columns[r-1]
		names[i] = diag.Quote(want[std])
		if mapped[std] {
			names[i] += " (mapped to " + std + ")"
		}
		var h string
		if mapped[std] {
			// The report named a header: suggest the one it misspells.
			var free []string
			for i, c := range clean {
				if c != "" && !used(i) {
					free = append(free, c)
				}
			}
			h = yamlx.Suggest(want[std], free)
		} else {
			h = guess(r, want[std], clean, used)
		}
		if h == "" {
			h, unknown = "HEADER", true
		} else {
			suggested[h] = true
		}
		h = diag.Excerpt(h)
		yaml = append(yaml, std+": "+yamlKey(h))
		flags = append(flags, "--column "+std+"="+shellWord(h))
	}
	word := "column"
	if len(missing) > 1 {
		word = "columns"
	}
	msg := fmt.Sprintf("missing %s %s; the header has: %s", word, joinAnd(names), headerList(found))
	if opt.Flags {
		msg += "; say which header holds each with " + strings.Join(flags, " ")
	} else {
		it := "it"
		if len(missing) > 1 {
			it = "them"
		}
		msg += "; map " + it + " in the report's data: columns: {" + strings.Join(yaml, ", ") + "}"
	}
	if unknown {
		msg += " (HEADER: the heading of the column that holds it)"
	}
	d := diag.Diagnostic{File: file, Line: line, Msg: msg}
	if opt.At.File != "" {
		d = opt.At
		d.Msg = file + ": " + msg
	}
	return d
}

// joinAnd lists words as prose: "a", "a and b", "a, b and c".
func joinAnd(w []string) string {
	if len(w) < 2 {
		return strings.Join(w, "")
	}
	return strings.Join(w[:len(w)-1], ", ") + " and " + w[len(w)-1]
}

// collector gathers diagnostics up to a cap and counts the rest,
// remembering the first line of those it did not keep.
type collector struct {
	file       string
	max        int
	list       diag.List
	extra      int
	firstExtra int
}

func (c *collector) add(line int, field, format string, args ...any) {
	if len(c.list) >= c.max {
		if c.extra == 0 || line < c.firstExtra {
			c.firstExtra = line
		}
		c.extra++
		return
	}
	c.list = append(c.list, diag.Diagnostic{File: c.file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)})
}

func (c *collector) total() int { return len(c.list) + c.extra }

// finish merges collectors in file order and caps the list. Past the
// cap, a last diagnostic counts the problems not listed, at the line of
// the first of them, so that it stays last when diagnostics are sorted by
// position. (The listed ones are the earliest in the file: each collector
// keeps its own earliest, and the merge keeps the earliest of those.)
func finish(file string, max int, cs ...*collector) diag.List {
	var all diag.List
	extra, first := 0, math.MaxInt
	for _, c := range cs {
		all = append(all, c.list...)
		if c.extra > 0 {
			extra += c.extra
			first = min(first, c.firstExtra)
		}
	}
	slices.SortStableFunc(all, func(a, b diag.Diagnostic) int { return a.Line - b.Line })
	if len(all) > max {
		extra += len(all) - max
		first = min(first, all[max].Line)
		all = all[:max]
	}
	if extra > 0 {
		all = append(all, diag.Diagnostic{File: file, Line: first, Msg: fmt.Sprintf("%d more problems from this line on are not listed", extra)})
	}
	return all
}

// parser turns records into rows; each goroutine has its own.
type parser struct {
	lay      *layout
	xlsx     bool
	date1904 bool
	errs     collector
	rows     []Row
	services map[string]uint32
	names    []string
	// maxNames, when not 0, bounds names: past it the services are not
	// told apart, and capped is set (see MaxStreamServices).
	maxNames int
	capped   bool
	cache    [32][2]cached
	// categories and catNames are the Category values as services and
	// names are the Service values: by folded value, the first spelling.
	categories map[string]uint16
	catNames   []string
	catLines   []int // the line of each of catNames' first row
	// unknown and ignored gather Stage and Outcome values by role: those
	// that are not stages or outcomes, and the rows data.values left out.
	unknown [numRoles]unknowns
	ignored [numRoles]map[string]int
	// num marks the fields of the current XLSX record held in number
	// cells; serials counts, by role, the date fields that were text
	// holding a serial number instead (every such CSV field).
	num     []bool
	serials [numRoles]textSerials
	// months holds, by role, the last date's month, for quickRecord, and
	// ends[k] the offset of the separator or newline after its field k
	// (with room for a word's separators past maxQuickFields).
	months [numRoles]monthCache
	ends   [maxQuickFields + 8]int
}

// cached is a service name and its number, in parser.intern's cache.
type cached struct {
	name string
	id   uint32
}

// textSerials counts the text date fields read as Excel serial numbers
// and remembers the first.
type textSerials struct {
	n     int
	line  int
	value string
	day   workdays.Day
}

func newParser(lay *layout, file string, max int) *parser {
	return &parser{lay: lay, errs: collector{file: file, max: max}, services: map[string]uint32{}, categories: map[string]uint16{}}
}

// field returns field i of the record trimmed of spaces and tabs, or nil.
func field(rec [][]byte, i int) []byte {
	if i < 0 || i >= len(rec) {
		return nil
	}
	return trim(rec[i])
}

func trim(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// stageNames lists the accepted stage values for messages.
const stageNames = "1, Stage 1, 2, Stage 2, Ombudsman, LGSCO or Housing Ombudsman"

// outcomeNames lists the accepted outcomes for messages.
const outcomeNames = "Upheld, Partially upheld, Not upheld, Withdrawn or Refused (blank while open)"

// record checks one record and appends its row. cell names the cell of a
// field for XLSX messages.
func (p *parser) record(rec [][]byte, line int) {
	blank := true
	for _, f := range rec {
		if len(trim(f)) > 0 {
			blank = false
			break
		}
	}
	if blank {
		return
	}
	l := p.lay
	if p.ignoredRow(rec) {
		return
	}
	before := p.errs.total()
	bad := false
	if len(rec) > l.header {
		for i := l.header; i < len(rec); i++ {
			if len(trim(rec[i])) > 0 {
				p.errs.add(line, "", "the row has %d fields but the header has %d; put values that contain commas in double quotes", len(rec), l.header)
				break
			}
		}
	}
	var row Row
	row.Line = int32(line)
	if len(field(rec, l.col[roleReference])) == 0 {
		p.errs.add(line, l.names[roleReference], "missing: every row needs a case reference")
	}
	if v := field(rec, l.col[roleType]); len(v) > 0 {
		if t, ok := p.rowType(v); ok {
			row.Type = t
		} else {
			p.unknown[roleType].add(v, line)
			bad = true
		}
	}
	if bad {
		// An unknown type: its Stage cannot be checked.
	} else if row.Type != Complaint {
		bad = p.requestStage(rec, line, &row)
	} else if v := field(rec, l.col[roleStage]); len(v) == 0 {
		stageName := ColStage
		if l.col[roleStage] >= 0 {
			stageName = l.names[roleStage]
		}
		p.errs.add(line, stageName, "missing; use %s", stageNames)
	} else if s, ok := p.stage(v); ok && s != stageReview {
		row.Stage = s
	} else if ok {
		p.errs.add(line, l.names[roleStage], "%s is the internal review of an FOI or EIR request, and this row is a complaint; use %s, or give the row's Type", quote(v), stageNames)
	} else {
		p.unknown[roleStage].add(v, line)
		bad = true
	}
	if v := field(rec, l.col[roleService]); len(v) == 0 {
		p.errs.add(line, l.names[roleService], "missing: every row needs a service")
	} else {
		row.Service = p.intern(v)
	}
	var ok bool
	received := field(rec, l.col[roleReceived])
	if row.Received, ok = p.date(received, line, roleReceived, true); !ok {
		row.Received = NoDate
	}
	responded := field(rec, l.col[roleResponded])
	row.Responded, _ = p.date(responded, line, roleResponded, false)
	due := field(rec, l.col[roleDue])
	row.Due, _ = p.date(due, line, roleDue, false)
	// Acknowledged and Category are complaint columns: a request or
	// enquiry row may have them, and they are left unread, like its Outcome.
	var ack []byte
	row.Acknowledged = NoDate
	if row.Type == Complaint {
		ack = field(rec, l.col[roleAcknowledged])
		row.Acknowledged, _ = p.date(ack, line, roleAcknowledged, false)
	}
	if row.Received != NoDate {
		if row.Responded != NoDate && row.Responded < row.Received {
			p.errs.add(line, l.names[roleResponded], "%s is before %s %s", quote(responded), l.names[roleReceived], quote(received))
		}
		if row.Due != NoDate && row.Due < row.Received {
			p.errs.add(line, l.names[roleDue], "%s is before %s %s", quote(due), l.names[roleReceived], quote(received))
		}
		if row.Acknowledged != NoDate && row.Acknowledged < row.Received {
			p.errs.add(line, l.names[roleAcknowledged], "%s is before %s %s", quote(ack), l.names[roleReceived], quote(received))
		}
	}
	if v := field(rec, l.col[roleOutcome]); len(v) > 0 && row.Type == Complaint {
		if o, ok := p.outcome(v); ok {
			row.Outcome = o
		} else {
			p.unknown[roleOutcome].add(v, line)
			bad = true
		}
	}
	if v := trim(field(rec, l.col[roleCategory])); len(v) > 0 && row.Type == Complaint {
		row.Category = p.category(v, line)
	}
	if p.errs.total() == before && !bad {
		p.rows = append(p.rows, row)
	}
}

// ignoredRow reports whether data.values leaves the record out, by its
// Stage or Outcome, and counts it.
func (p *parser) ignoredRow(rec [][]byte) bool {
	if v := &p.lay.values; v.stage == nil && v.outcome == nil && v.typ == nil {
		return false
	}
	for _, c := range []struct {
		r role
		m map[string]mapped
	}{{roleStage, p.lay.values.stage}, {roleOutcome, p.lay.values.outcome}, {roleType, p.lay.values.typ}} {
		if c.m == nil {
			continue
		}
		v := field(rec, p.lay.col[c.r])
		if mv, ok := lookup(c.m, v); ok && mv.ignore {
			if p.ignored[c.r] == nil {
				p.ignored[c.r] = map[string]int{}
			}
			p.ignored[c.r][string(v)]++
			return true
		}
	}
	return false
}

// stage reads a Stage value: the report's map, then paper's spellings.
func (p *parser) stage(v []byte) (Stage, bool) {
	if mv, ok := lookup(p.lay.values.stage, v); ok {
		return Stage(mv.v), true
	}
	if s, ok := parseStage(v); ok {
		return s, true
	}
	if s, ok := extraStages[foldValue(string(v))]; ok {
		return s, true
	}
	if isReview(v) {
		return stageReview, true
	}
	return 0, false
}

// outcome reads an Outcome value: the report's map, then paper's
// spellings.
func (p *parser) outcome(v []byte) (Outcome, bool) {
	if mv, ok := lookup(p.lay.values.outcome, v); ok {
		return Outcome(mv.v), true
	}
	if o, ok := parseOutcome(v); ok {
		return o, true
	}
	o, ok := extraOutcomes[foldValue(string(v))]
	return o, ok
}

// date parses a date field. Blank gives NoDate, an error if required.
func (p *parser) date(v []byte, line int, r role, required bool) (workdays.Day, bool) {
	if len(v) == 0 {
		if required {
			p.errs.add(line, p.lay.names[r], "missing: every row needs the date the complaint was received")
			return NoDate, false
		}
		return NoDate, true
	}
	d, status := parseDate(v)
	if status == dateNumber {
		if c := p.lay.col[r]; p.xlsx && c < len(p.num) && p.num[c] {
			d, status = serialDate(v, p.date1904)
		} else if d, status = textSerial(v, p.date1904); status == dateOK {
			p.serials[r].note(line, v, d)
		}
	}
	switch status {
	case dateOK:
		return d, true
	case dateInvalid:
		p.errs.add(line, p.lay.names[r], "%s is not a date", quote(v))
	case dateMonthFirst:
		p.errs.add(line, p.lay.names[r], "%s is not a date: dates are read day first, as 28/02/2021, and there is no month %s; does the export write the month first?", quote(v), diag.Excerpt(monthPart(v)))
	default:
		p.errs.add(line, p.lay.names[r], "%s is not a date (write 2021-02-28 or 28/02/2021)", quote(v))
	}
	return NoDate, false
}

func (p *parser) intern(v []byte) uint32 {
	// A log has few services: most are found in the cache, by their
	// length and three of their bytes, without hashing them whole. The
	// cache holds pairs of entries, so that two services of the same
	// slot do not push each other out; the newer is first.
	var e *[2]cached
	if len(v) > 0 {
		h := uint(len(v))*0x9E3779B1 ^ uint(v[0])<<16 ^ uint(v[len(v)-1])<<8 ^ uint(v[len(v)/2])
		e = &p.cache[(h*0x9E3779B1>>20)%uint(len(p.cache))]
		if e[0].name == string(v) {
			return e[0].id
		}
		if e[1].name == string(v) {
			return e[1].id
		}
	}
	if id, ok := p.services[string(v)]; ok {
		if e != nil {
			e[1], e[0] = e[0], cached{name: p.names[id], id: id}
		}
		return id
	}
	if p.maxNames > 0 && len(p.names) >= p.maxNames {
		p.capped = true
		return 0
	}
	id := uint32(len(p.names))
	s := string(v)
	p.names = append(p.names, s)
	p.services[s] = id
	return id
}

// category interns a Category value, case and spacing variants as one,
// and returns its index from 1.
func (p *parser) category(v []byte, line int) uint16 {
	key := FoldService(string(v))
	if id, ok := p.categories[key]; ok {
		return id
	}
	if len(p.catNames) >= MaxCategories {
		p.errs.add(line, p.lay.names[roleCategory], "more than %d different categories: categories are kinds of complaint such as Repairs; is this the right column?", MaxCategories)
		return 0
	}
	p.catNames = append(p.catNames, string(v))
	p.catLines = append(p.catLines, line)
	id := uint16(len(p.catNames))
	p.categories[key] = id
	return id
}

// MaxCategories bounds the different values of the Category column.
const MaxCategories = 1000

// parseStage accepts the stage values, ignoring case.
// monthPart returns the middle field of a d/m/y date.
func monthPart(v []byte) string {
	parts := bytes.SplitN(v, []byte("/"), 3)
	if len(parts) < 2 {
		return ""
	}
	return string(parts[1])
}

func parseStage(v []byte) (Stage, bool) {
	switch len(v) {
	case 1:
		switch v[0] {
		case '1':
			return Stage1, true
		case '2':
			return Stage2, true
		}
	case 5:
		if bytes.EqualFold(v, []byte("lgsco")) {
			return Ombudsman, true
		}
	case 7:
		// Exports mostly write "Stage 1": compare exactly before folding.
		if string(v) == "Stage 1" {
			return Stage1, true
		}
		if string(v) == "Stage 2" {
			return Stage2, true
		}
		if bytes.EqualFold(v, []byte("stage 1")) {
			return Stage1, true
		}
		if bytes.EqualFold(v, []byte("stage 2")) {
			return Stage2, true
		}
	case 9:
		if bytes.EqualFold(v, []byte("ombudsman")) {
			return Ombudsman, true
		}
	case 17:
		if bytes.EqualFold(v, []byte("housing ombudsman")) {
			return Ombudsman, true
		}
	}
	return 0, false
}

// parseOutcome accepts the outcomes, ignoring case.
func parseOutcome(v []byte) (Outcome, bool) {
	// The outcomes' lengths differ: one comparison finds each.
	var o Outcome
	switch len(v) {
	case len("upheld"):
		o = Upheld
	case len("partially upheld"):
		o = PartiallyUpheld
	case len("not upheld"):
		o = NotUpheld
	case len("withdrawn"):
		o = Withdrawn
	case len("refused"):
		o = Refused
	default:
		return None, false
	}
	// The usual spellings, "Not upheld" and "not upheld", compare
	// exactly; others are folded.
	w := outcomeWords[o]
	if (v[0] == w[0] || v[0] == w[0]-('a'-'A')) && string(v[1:]) == string(w[1:]) {
		return o, true
	}
	if !bytes.EqualFold(v, w) {
		return None, false
	}
	return o, true
}

// outcomeWords are the outcomes as parseOutcome reads them, any case.
var outcomeWords = [...][]byte{Upheld: []byte("upheld"), PartiallyUpheld: []byte("partially upheld"), NotUpheld: []byte("not upheld"), Withdrawn: []byte("withdrawn"), Refused: []byte("refused")}

// MaxServices bounds the different values of the Service column. A
// council's services number tens, or a few hundred teams at most; many
// more mean the wrong column is read as Service (a reference or a
// free-text description), and every service carries every year and
// stage in the figures, so counting them would swamp memory and output.
const MaxServices = 1000

// finalize folds the services of a log just read, checks their number
// and gathers its warnings. stats are the counts of its rows behind the
// warnings: nil counts log.Rows (a stream's log has none).
func finalize(file string, lay *layout, log *Log, opt Options, ps []*parser, stats *rowStats) diag.List {
	if stats == nil {
		stats = &rowStats{}
		stats.add(log.Rows)
		foldServices(log, opt.Services, serviceRows(log))
	}
	if errs := tooManyServices(file, lay, log); errs != nil {
		return errs
	}
	log.Warnings = append(log.Warnings, lay.warnings...)
	log.Warnings = append(log.Warnings, ignoredWarnings(file, lay, ps)...)
	log.Warnings = append(log.Warnings, serialWarnings(file, lay, ps)...)
	log.Warnings = append(log.Warnings, noOutcomeWarning(file, lay, log, stats)...)
	log.Warnings = append(log.Warnings, refusedOpenWarning(file, lay, stats)...)
	if opt.DeadlinesFromAcknowledged {
		log.Warnings = append(log.Warnings, unacknowledgedWarning(file, lay, stats)...)
	}
	log.Warnings = append(log.Warnings, foldWarnings(file, lay, log.Folds)...)
	return nil
}

// rowStats counts the rows behind finalize's warnings, each with the
// first line holding one, so that a log read in blocks need not keep its
// rows to give them.
type rowStats struct {
	noOutcome, refusedOpen, unacknowledged lineCount
}

// lineCount counts rows and keeps the first line of them.
type lineCount struct{ n, first int }

func (c *lineCount) note(line int) {
	if c.n == 0 || line < c.first {
		c.first = line
	}
	c.n++
}

func (c *lineCount) merge(o lineCount) {
	if o.n > 0 {
		c.note(o.first)
		c.n += o.n - 1
	}
}

// add counts rows.
func (s *rowStats) add(rows []Row) {
	for i := range rows {
		r := &rows[i]
		if r.Closed() && r.Outcome == None && r.Type == Complaint {
			s.noOutcome.note(int(r.Line))
		}
		if r.Outcome == Refused && !r.Closed() {
			s.refusedOpen.note(int(r.Line))
		}
		if r.Type == Complaint && r.Due == NoDate && r.Acknowledged == NoDate && r.Stage != Ombudsman {
			s.unacknowledged.note(int(r.Line))
		}
	}
}

func (s *rowStats) merge(o *rowStats) {
	s.noOutcome.merge(o.noOutcome)
	s.refusedOpen.merge(o.refusedOpen)
	s.unacknowledged.merge(o.unacknowledged)
}

// noOutcomeWarning counts closed rows with a blank Outcome, when the log
// has that column: they are closed but in none of the outcomes, so the
// outcomes no longer add up to closed (metrics.Stage.NoOutcome).
func noOutcomeWarning(file string, lay *layout, log *Log, s *rowStats) diag.List {
	if !log.HasOutcome {
		return nil
	}
	return rowsWarning(file, lay.names[roleOutcome], s.noOutcome, func(n int) string {
		return plural(n, "closed case") + " with a Responded date but no outcome (this is the first): counted as closed but in no outcome (no_outcome), so the outcomes add up to fewer than closed"
	})
}

// refusedOpenWarning counts rows refused with no Responded date: like any
// row without one they count as open, so not in refused, which a report
// of refusals would otherwise miss silently.
func refusedOpenWarning(file string, lay *layout, s *rowStats) diag.List {
	return rowsWarning(file, lay.names[roleOutcome], s.refusedOpen, func(n int) string {
		return plural(n, "case") + " refused with no Responded date (this is the first): counted as open, like any case without one, and not in refused; give the date the refusal was sent as Responded"
	})
}

// unacknowledgedWarning counts the rows whose deadline counts from
// Received although the report counts deadlines from the
// acknowledgement: stage 1 and stage 2 rows with neither a Due nor an
// Acknowledged date (an Ombudsman enquiry's deadline is the Ombudsman's).
func unacknowledgedWarning(file string, lay *layout, s *rowStats) diag.List {
	if lay.col[roleAcknowledged] < 0 {
		return nil // the report is told at data.deadlines_from
	}
	return rowsWarning(file, lay.names[roleAcknowledged], s.unacknowledged, func(n int) string {
		what := fmt.Sprintf("%d stage 1 and stage 2 rows have no Acknowledged (or Due) date (this is the first), so their deadlines", n)
		if n == 1 {
			what = "1 stage 1 or stage 2 row has no Acknowledged (or Due) date (this one), so its deadline"
		}
		return what + " count from Received, not from the acknowledgement as data.deadlines_from says"
	})
}

// rowsWarning is the one warning, in the column headed column, counting
// the rows c counts, placed at the first of them; nil when there are none.
func rowsWarning(file, column string, c lineCount, msg func(n int) string) diag.List {
	if c.n == 0 {
		return nil
	}
	var l diag.List
	l.Warnf(file, c.first, 0, column, "%s", msg(c.n))
	return l
}

// tooManyServices reports a log with more than MaxServices services, at
// the Service column's header.
func tooManyServices(file string, lay *layout, log *Log) diag.List {
	if len(log.Services) <= MaxServices {
		return nil
	}
	return diag.List{{File: file, Line: lay.line, Field: lay.names[roleService], Msg: fmt.Sprintf(
		"%d different services, more than the %d a case log may have: services are areas such as Housing or Planning; is this the right column?",
		len(log.Services), MaxServices)}}
}

// merge joins the parsers' rows in order, with one sorted service table.
func merge(file string, lay *layout, ps []*parser) *Log {
	log := &Log{File: file,
		HasResponded:    lay.col[roleResponded] >= 0,
		HasDue:          lay.col[roleDue] >= 0,
		HasOutcome:      lay.col[roleOutcome] >= 0,
		HasAcknowledged: lay.col[roleAcknowledged] >= 0,
		HasCategory:     lay.col[roleCategory] >= 0,
		HasType:         lay.col[roleType] >= 0,
	}
	set := map[string]bool{}
	n := 0
	for _, p := range ps {
		for _, s := range p.names {
			set[s] = true
		}
		n += len(p.rows)
	}
	for s := range set {
		log.Services = append(log.Services, s)
	}
	if len(log.Services) == 0 {
		log.Services = []string{}
	}
	sort.Strings(log.Services)
	index := make(map[string]uint32, len(log.Services))
	for i, s := range log.Services {
		index[s] = uint32(i)
	}
	log.Rows = make([]Row, 0, n)
	for _, p := range ps {
		remap := make([]uint32, len(p.names))
		for i, s := range p.names {
			remap[i] = index[s]
		}
		for _, r := range p.rows {
			r.Service = remap[r.Service]
			log.Rows = append(log.Rows, r)
		}
	}
	mergeCategories(log, ps)
	return log
}

// mergeCategories gives the log one sorted table of categories, each
// named by its first spelling in the file, and points the rows at it.
func mergeCategories(log *Log, ps []*parser) {
	index := categoryTable(log, ps)
	if index == nil {
		return
	}
	n := 0
	for _, p := range ps {
		remap := categoryRemap(p, index)
		for range p.rows {
			r := &log.Rows[n]
			r.Category = remap[r.Category]
			n++
		}
	}
}

// categoryTable sets log.Categories from the parsers' categories and
// returns the index of each, folded, from 1; nil when there are none.
func categoryTable(log *Log, ps []*parser) map[string]uint16 {
	// The spelling of a category is its first row's, by line: a
	// streamed log's workers take its blocks in no set order.
	type spelling struct {
		name string
		line int
	}
	first := map[string]spelling{} // folded -> spelling
	for _, p := range ps {
		for i, c := range p.catNames {
			if s, ok := first[FoldService(c)]; !ok || p.catLines[i] < s.line {
				first[FoldService(c)] = spelling{c, p.catLines[i]}
			}
		}
	}
	if len(first) == 0 {
		return nil
	}
	for _, c := range first {
		log.Categories = append(log.Categories, c.name)
	}
	sort.Strings(log.Categories)
	index := make(map[string]uint16, len(log.Categories))
	for i, c := range log.Categories {
		index[FoldService(c)] = uint16(i + 1)
	}
	return index
}

// categoryRemap maps a parser's category numbers to the log's.
func categoryRemap(p *parser, index map[string]uint16) []uint16 {
	remap := make([]uint16, len(p.catNames)+1)
	for i, c := range p.catNames {
		remap[i+1] = index[FoldService(c)]
	}
	return remap
}
