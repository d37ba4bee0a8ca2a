package caselog

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/paperhq/paper/report/diag"
)

// Ignore is the target of a value map that leaves a value's rows out of
// the figures (an informal stage the council does not report).
const Ignore = "ignore"

// StageTargets and OutcomeTargets are what a value map may map a Stage or
// Outcome value onto, besides Ignore.
var (
	StageTargets   = []string{"stage1", "stage2", "ombudsman"}
	OutcomeTargets = []string{"upheld", "partially_upheld", "not_upheld", "withdrawn", "refused"}
)

// Values maps an export's own Stage and Outcome values onto paper's, as a
// report's data.values gives them; build one with ParseValues. The zero
// value maps nothing.
type Values struct {
	stage   map[string]mapped
	outcome map[string]mapped
	typ     map[string]mapped
}

// mapped is a value's meaning: a stage or outcome, or ignore.
type mapped struct {
	v      uint8
	ignore bool
}

// ValueProblem is one entry of a value map that cannot be used; Value is
// empty when the column itself is the problem.
type ValueProblem struct {
	Column, Value, Msg string
}

// foldValue is the key a value is matched by: lower case, runs of spaces
// as one.
func foldValue(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// ParseValues checks a value map, {Stage: {"Stage One": stage1,
// Informal: ignore}, Outcome: {Resolved: upheld}}: columns are Stage or
// Outcome (any case); values are matched ignoring case and spacing;
// targets are stage1, stage2, ombudsman, the outcomes upheld,
// partially_upheld, not_upheld, withdrawn, any value paper reads anyway,
// or ignore. Problems are returned in sorted order, each naming the column
// and value so that the caller can place it.
func ParseValues(m map[string]map[string]string) (Values, []ValueProblem) {
	var v Values
	var probs []ValueProblem
	for _, c := range slices.Sorted(maps.Keys(m)) {
		std, _ := StandardColumn(c)
		var into *map[string]mapped
		var targets []string
		switch std {
		case ColStage:
			into, targets = &v.stage, StageTargets
		case ColOutcome:
			into, targets = &v.outcome, OutcomeTargets
		case ColType:
			into, targets = &v.typ, TypeTargets
		default:
			probs = append(probs, ValueProblem{Column: c, Msg: fmt.Sprintf("%s: only Stage, Outcome and Type values can be mapped (services are merged with data.services)", diag.Quote(c))})
			continue
		}
		for _, k := range slices.Sorted(maps.Keys(m[c])) {
			t := strings.TrimSpace(m[c][k])
			mv, ok := target(std, t)
			if !ok {
				noun := "a stage"
				switch std {
				case ColOutcome:
					noun = "an outcome"
				case ColType:
					noun = "a type"
				}
				probs = append(probs, ValueProblem{Column: c, Value: k, Msg: fmt.Sprintf("%s is not %s; use %s or %s",
					diag.Quote(t), noun, strings.Join(targets, ", "), Ignore)})
				continue
			}
			if *into == nil {
				*into = map[string]mapped{}
			}
			(*into)[strings.TrimSpace(k)] = mv
			(*into)[foldValue(k)] = mv
		}
	}
	return v, probs
}

// target reads a value map's target for a column.
func target(col, t string) (mapped, bool) {
	if strings.EqualFold(t, Ignore) {
		return mapped{ignore: true}, true
	}
	if col == ColType {
		t, ok := typeTarget(t)
		return mapped{v: uint8(t)}, ok
	}
	if col == ColStage {
		if strings.EqualFold(t, ReviewTarget) || isReview([]byte(t)) {
			return mapped{v: uint8(stageReview)}, true
		}
		for i, s := range StageTargets {
			if strings.EqualFold(t, s) {
				return mapped{v: uint8(i)}, true
			}
		}
		s, ok := parseStage([]byte(t))
		if !ok {
			s, ok = extraStages[foldValue(t)]
		}
		return mapped{v: uint8(s)}, ok
	}
	for i, s := range OutcomeTargets {
		if strings.EqualFold(t, s) {
			return mapped{v: uint8(i + 1)}, true
		}
	}
	o, ok := parseOutcome([]byte(t))
	if !ok {
		o, ok = extraOutcomes[foldValue(t)]
	}
	return mapped{v: uint8(o)}, ok
}

// lookup finds a value in a map: as written, then folded. The first try
// does not allocate, so a map costs little on rows that use it.
func lookup(m map[string]mapped, v []byte) (mapped, bool) {
	if m == nil {
		return mapped{}, false
	}
	if mv, ok := m[string(v)]; ok {
		return mv, true
	}
	mv, ok := m[foldValue(string(v))]
	return mv, ok
}

// Built-in spellings beyond the fast path of parseStage and parseOutcome,
// by folded value: what exports commonly write.
var (
	extraStages = map[string]Stage{
		"stage one": Stage1, "stage two": Stage2, "stage1": Stage1, "stage2": Stage2,
		"local government and social care ombudsman": Ombudsman, "lgo": Ombudsman,
	}
	extraOutcomes = map[string]Outcome{
		"partly upheld": PartiallyUpheld, "part upheld": PartiallyUpheld,
		"partially upheld": PartiallyUpheld, "upheld in part": PartiallyUpheld,
		"not upheld": NotUpheld, "withdrawn": Withdrawn, "upheld": Upheld,
		"refused": Refused, "not accepted": Refused, "rejected": Refused,
	}
)

// unknown counts one distinct value a column could not read.
type unknown struct {
	value string
	rows  int
	first int
}

// maxUnknown bounds the distinct unknown values kept per column: a wrong
// column read as Stage has as many values as rows.
const maxUnknown = 50

// unknowns gathers a column's unknown values in one parser.
type unknowns struct {
	byValue map[string]*unknown
	more    int // rows with values past maxUnknown distinct ones
}

func (u *unknowns) add(v []byte, line int) {
	if e, ok := u.byValue[string(v)]; ok {
		e.rows++
		return
	}
	if len(u.byValue) >= maxUnknown {
		u.more++
		return
	}
	if u.byValue == nil {
		u.byValue = map[string]*unknown{}
	}
	u.byValue[string(v)] = &unknown{value: string(v), rows: 1, first: line}
}

// unknownErrors merges the parsers' unknown values of the Stage and
// Outcome columns into one error per column, at the first row with one,
// listing each value with its rows and first row, and the data.values
// entry that would map them.
func unknownErrors(file string, lay *layout, ps []*parser) diag.List {
	var l diag.List
	for _, c := range []struct {
		r               role
		noun, nouns     string // with its article: "a stage"
		accepted, guess func(string) string
	}{
		{roleStage, "a stage", "stages", func(string) string { return stageNames }, guessStage},
		{roleOutcome, "an outcome", "outcomes", func(string) string { return outcomeNames }, guessOutcome},
		{roleType, "a type", "types", func(string) string { return typeNames }, guessType},
	} {
		all := map[string]*unknown{}
		more := 0
		for _, p := range ps {
			if p == nil {
				continue
			}
			u := p.unknown[c.r]
			more += u.more
			for k, e := range u.byValue {
				if a, ok := all[k]; ok {
					a.rows += e.rows
					a.first = min(a.first, e.first)
				} else {
					cp := *e
					all[k] = &cp
				}
			}
		}
		if len(all) == 0 {
			continue
		}
		list := make([]*unknown, 0, len(all))
		for _, e := range all {
			list = append(list, e)
		}
		sort.Slice(list, func(a, b int) bool { return list[a].first < list[b].first })
		if len(list) > maxUnknown {
			for _, e := range list[maxUnknown:] {
				more += e.rows
			}
			list = list[:maxUnknown]
		}
		parts := make([]string, len(list))
		entries := make([]string, len(list))
		long := false
		for i, e := range list {
			hint := ""
			if c.r == roleType {
				hint = typeSuggestion(e.value)
			}
			parts[i] = fmt.Sprintf("%s (%s, first at line %d%s)", diag.Quote(e.value), plural(e.rows, "row"), e.first, hint)
			entries[i] = yamlKey(e.value) + ": " + c.guess(e.value)
			long = long || len(e.value) > diag.MaxQuote
		}
		var msg string
		if len(list) == 1 {
			msg = fmt.Sprintf("%s is not %s (%s, first at line %d)", diag.Quote(list[0].value), c.noun, plural(list[0].rows, "row"), list[0].first)
			if c.r == roleType {
				msg += typeSuggestion(list[0].value)
			}
		} else {
			msg = fmt.Sprintf("%d values are not %s: %s", len(list), c.nouns, strings.Join(parts, ", "))
		}
		if more > 0 {
			msg += fmt.Sprintf(", and %s with other values", plural(more, "row"))
		}
		targets := strings.Join(StageTargets, ", ")
		switch c.r {
		case roleOutcome:
			targets = strings.Join(OutcomeTargets, ", ")
		case roleType:
			targets = strings.Join(TypeTargets, ", ")
		}
		std := Columns[c.r-1]
		if long {
			// A value this long is free text: the wrong column.
			msg += fmt.Sprintf("; use %s: is this the right column?", c.accepted(""))
		} else {
			msg += fmt.Sprintf("; use %s, or map them in the report's data: values: {%s: {%s}} (each to %s or %s, which leaves the rows out)",
				c.accepted(""), std, strings.Join(entries, ", "), targets, Ignore)
		}
		l.Add(diag.Diagnostic{File: file, Line: list[0].first, Field: lay.names[c.r], Msg: msg})
	}
	sort.SliceStable(l, func(a, b int) bool { return l[a].Line < l[b].Line })
	return l
}

// yamlKey writes a value as a YAML flow-mapping key: plain when it is
// words of letters and digits starting with a letter, else quoted.
func yamlKey(s string) string {
	plain := s != "" && strings.TrimSpace(s) == s
	for i, r := range s {
		letter := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if i == 0 && !letter || !letter && r != ' ' && (r < '0' || r > '9') {
			plain = false
		}
	}
	if plain {
		return s
	}
	return fmt.Sprintf("%q", s)
}

// guessStage suggests a stage for an unknown value, or ignore.
func guessStage(v string) string {
	f := foldValue(v)
	switch {
	case strings.Contains(f, "ombuds"):
		return "ombudsman"
	case strings.Contains(f, "2") || strings.Contains(f, "two"):
		return "stage2"
	case strings.Contains(f, "1") || strings.Contains(f, "one"):
		return "stage1"
	}
	return Ignore
}

// guessOutcome suggests an outcome for an unknown value, or ignore.
func guessOutcome(v string) string {
	f := foldValue(v)
	switch {
	case strings.Contains(f, "withdr"):
		return "withdrawn"
	case strings.Contains(f, "refus") || strings.Contains(f, "not accepted") || strings.Contains(f, "reject"):
		return "refused"
	case strings.Contains(f, "not") || strings.Contains(f, "no "):
		return "not_upheld"
	case strings.Contains(f, "part"):
		return "partially_upheld"
	case strings.Contains(f, "uphe"):
		return "upheld"
	}
	return Ignore
}

// ignoredWarnings says how many rows data.values left out, per column and
// value, at the column's header.
func ignoredWarnings(file string, lay *layout, ps []*parser) diag.List {
	var l diag.List
	for _, r := range []role{roleStage, roleOutcome, roleType} {
		counts := map[string]int{}
		total := 0
		for _, p := range ps {
			for k, n := range p.ignored[r] {
				counts[k] += n
				total += n
			}
		}
		if total == 0 {
			continue
		}
		keys := slices.Sorted(maps.Keys(counts))
		parts := make([]string, len(keys))
		for i, k := range keys {
			parts[i] = fmt.Sprintf("%s (%d)", diag.Quote(k), counts[k])
		}
		l.Warnf(file, lay.line, 0, lay.names[r], "%s left out of the figures, as data.values says: %s", plural(total, "row"), strings.Join(parts, ", "))
	}
	return l
}
