package caselog

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/yamlx"
)

// Type is what a row of the case log is: a complaint, an information
// request (FOI, EIR, subject access), the internal review of an FOI or
// EIR request, or an enquiry from a councillor or an MP. A log without a
// Type column holds complaints only.
//
// Request and enquiry rows need no Stage or Outcome: their Stage is blank,
// or Internal review on an FOI or EIR row (which makes it that request's
// review, FOIReview or EIRReview), and their Outcome is not read (an FOI
// answer is not upheld or not upheld). Complaint rows are read exactly as
// in a log without the column.
type Type uint8

const (
	Complaint Type = iota
	FOI
	EIR
	SAR
	MemberEnquiry
	MPEnquiry
	FOIReview
	EIRReview
	// NumTypes is the number of types, for arrays indexed by Type.
	NumTypes = 8
)

// RequestTypes are the types other than Complaint, in the order figures
// list them.
var RequestTypes = []Type{FOI, FOIReview, EIR, EIRReview, SAR, MemberEnquiry, MPEnquiry}

// Key returns the type's name in metric names, JSON and data.targets:
// complaint, foi, eir, sar, member_enquiry, mp_enquiry, foi_review or
// eir_review.
func (t Type) Key() string {
	switch t {
	case Complaint:
		return "complaint"
	case FOI:
		return "foi"
	case EIR:
		return "eir"
	case SAR:
		return "sar"
	case MemberEnquiry:
		return "member_enquiry"
	case MPEnquiry:
		return "mp_enquiry"
	case FOIReview:
		return "foi_review"
	case EIRReview:
		return "eir_review"
	}
	return fmt.Sprintf("type(%d)", t)
}

// String returns the type as a reader would say it.
func (t Type) String() string {
	switch t {
	case Complaint:
		return "Complaint"
	case FOI:
		return "FOI"
	case EIR:
		return "EIR"
	case SAR:
		return "SAR"
	case MemberEnquiry:
		return "Member enquiry"
	case MPEnquiry:
		return "MP enquiry"
	case FOIReview:
		return "FOI internal review"
	case EIRReview:
		return "EIR internal review"
	}
	return t.Key()
}

// TypeOf returns the type named by key (see Type.Key).
func TypeOf(key string) (Type, bool) {
	for t := Type(0); t < NumTypes; t++ {
		if t.Key() == key {
			return t, true
		}
	}
	return 0, false
}

// TypeTargets are what a value map may map a Type value onto, besides
// Ignore.
var TypeTargets = []string{"complaint", "foi", "eir", "sar", "member_enquiry", "mp_enquiry"}

// ReviewTarget is what a value map may map a Stage value onto to make an
// FOI or EIR row its request's internal review.
const ReviewTarget = "internal_review"

// typeNames lists the accepted Type values for messages.
const typeNames = "Complaint, FOI, EIR, SAR, Member enquiry or MP enquiry (blank is Complaint)"

// typeNameList and typeKeys are the Type values as written and folded,
// for suggestions.
var (
	typeNameList = []string{"Complaint", "FOI", "EIR", "SAR", "Member enquiry", "MP enquiry"}
	typeKeys     = []string{"complaint", "foi", "eir", "sar", "member enquiry", "mp enquiry"}
)

// typeSpellings are the Type values paper reads, by folded value: the
// names, the keys and what exports commonly write.
var typeSpellings = map[string]Type{
	"complaint": Complaint, "complaints": Complaint,
	"foi": FOI, "freedom of information": FOI, "freedom of information request": FOI, "foi request": FOI,
	"eir": EIR, "environmental information": EIR, "environmental information regulations": EIR, "eir request": EIR,
	"sar": SAR, "subject access": SAR, "subject access request": SAR, "dsar": SAR,
	"member enquiry": MemberEnquiry, "member_enquiry": MemberEnquiry, "councillor enquiry": MemberEnquiry, "members enquiry": MemberEnquiry,
	"mp enquiry": MPEnquiry, "mp_enquiry": MPEnquiry,
}

// parseType reads a Type value paper knows, ignoring case and spacing.
func parseType(v []byte) (Type, bool) {
	t, ok := typeSpellings[foldValue(string(v))]
	return t, ok
}

// typeTarget reads a value map's target for the Type column.
func typeTarget(s string) (Type, bool) {
	for i, k := range TypeTargets {
		if strings.EqualFold(s, k) {
			return Type(i), true
		}
	}
	return parseType([]byte(s))
}

// rowType reads a Type value: the report's map, then paper's spellings.
func (p *parser) rowType(v []byte) (Type, bool) {
	if mv, ok := lookup(p.lay.values.typ, v); ok {
		return Type(mv.v), true
	}
	return parseType(v)
}

// stageReview is what stage returns for an internal review: never a
// complaint's stage, so never stored in Row.Stage.
const stageReview Stage = 255

// isReview reports whether a Stage value names an FOI or EIR request's
// internal review.
func isReview(v []byte) bool {
	switch foldValue(string(v)) {
	case "internal review", "review", "ir", "internal_review":
		return true
	}
	return false
}

// requestStage reads the Stage of a request or enquiry row: blank, or
// Internal review on an FOI or EIR row, which makes it the review. It
// reports whether the row is bad (the problem is recorded).
func (p *parser) requestStage(rec [][]byte, line int, row *Row) bool {
	l := p.lay
	v := field(rec, l.col[roleStage])
	if len(v) == 0 {
		return false
	}
	s, ok := p.stage(v)
	if !ok || s != stageReview {
		p.errs.add(line, l.names[roleStage], "%s is a complaint's stage, and this row is %s; leave Stage blank on requests and enquiries, or write Internal review on an FOI or EIR request's review", quote(v), article(row.Type))
		return true
	}
	switch row.Type {
	case FOI:
		row.Type = FOIReview
	case EIR:
		row.Type = EIRReview
	default:
		p.errs.add(line, l.names[roleStage], "%s: only FOI and EIR requests have internal reviews counted, and this row is %s", quote(v), article(row.Type))
		return true
	}
	return false
}

// article names a type with its article, for messages: "an FOI request".
func article(t Type) string {
	switch t {
	case FOI:
		return "an FOI request"
	case EIR:
		return "an EIR request"
	case SAR:
		return "a subject access request (SAR)"
	case MemberEnquiry:
		return "a member enquiry"
	case MPEnquiry:
		return "an MP enquiry"
	}
	return "a " + strings.ToLower(t.String())
}

// guessType suggests a type for an unknown value, or ignore.
func guessType(v string) string {
	f := foldValue(v)
	if s := yamlx.Suggest(f, typeKeys); s != "" {
		t, _ := parseType([]byte(s))
		return t.Key()
	}
	switch {
	case strings.Contains(f, "freedom") || strings.Contains(f, "foi"):
		return "foi"
	case strings.Contains(f, "environment") || strings.Contains(f, "eir"):
		return "eir"
	case strings.Contains(f, "subject") || strings.Contains(f, "sar") || strings.Contains(f, "data protection"):
		return "sar"
	case strings.Contains(f, "mp"):
		return "mp_enquiry"
	case strings.Contains(f, "member") || strings.Contains(f, "councillor") || strings.Contains(f, "cllr"):
		return "member_enquiry"
	case strings.Contains(f, "complain"):
		return "complaint"
	}
	return Ignore
}

// typeSuggestion is "; did you mean FOI?" for a Type value that is a typo
// of one paper reads, else "".
func typeSuggestion(v string) string {
	if s := yamlx.Suggest(strings.TrimSpace(v), typeNameList); s != "" {
		return "; did you mean " + s + "?"
	}
	return ""
}

// IsComplaint and IsRequest sort rows for Only: complaints, and the
// information requests, reviews and enquiries beside them.
func IsComplaint(t Type) bool { return t == Complaint }
func IsRequest(t Type) bool   { return t != Complaint }

// Only returns a copy of the log holding, in order, the rows whose type
// keep accepts, with the services those rows name (so a service with
// only FOI requests is not a service of the complaint figures) and the
// folds into them. The warnings and unused aliases stay with the log
// that was read.
func (l *Log) Only(keep func(Type) bool) *Log {
	out := *l
	out.Rows = make([]Row, 0, len(l.Rows))
	used := make([]bool, len(l.Services))
	for _, r := range l.Rows {
		if keep(r.Type) {
			out.Rows = append(out.Rows, r)
			used[r.Service] = true
		}
	}
	remap := make([]uint32, len(l.Services))
	out.Services = []string{}
	for i, s := range l.Services {
		if used[i] {
			remap[i] = uint32(len(out.Services))
			out.Services = append(out.Services, s)
		}
	}
	for i := range out.Rows {
		out.Rows[i].Service = remap[out.Rows[i].Service]
	}
	out.Folds = nil
	for _, f := range l.Folds {
		if slices.Contains(out.Services, f.Into) {
			out.Folds = append(out.Folds, f)
		}
	}
	out.Warnings, out.UnusedAliases = nil, nil
	return &out
}
