package layout

import (
	"fmt"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/yamlx"
)

// binder binds one block, a table or a chart, to the figures, with one
// set of rules for both: years, year, stage and the other options are
// resolved the same way wherever they appear, and every problem is
// recorded at the option's key (or the block's) naming the block.
type binder struct {
	p    *paper
	path string // the block's key path, e.g. sections[1].blocks[4].chart
	what string // "table" or "chart", for messages
	name string // the block in messages: `trend chart "Enquiries"`
	ok   bool   // no problem recorded
	// note explains the marks of totals withheld because a by-service
	// table of the same year and stage withholds them (see shown).
	note string
}

// newBinder makes the binder of the block at path; kind and label (its
// caption or title) name it in messages.
func (p *paper) newBinder(path, what, kind, label string) *binder {
	n := what
	if kind != "" {
		n = kind + " " + what
	}
	if label != "" {
		if len(label) > 50 {
			label = label[:47] + "..."
		}
		n += fmt.Sprintf(" %q", label)
	}
	return &binder{p: p, path: path, what: what, name: n, ok: true}
}

// at returns the key path of an option (the block's when key is empty).
func (b *binder) at(key string) string {
	if key == "" {
		return b.path
	}
	return b.path + "." + key
}

// errorf records a problem at the option key (or the block when key is
// empty), naming the block.
func (b *binder) errorf(key, format string, args ...any) {
	at := b.at(key)
	pos := b.p.r.Pos.At(at)
	b.p.errs.Errorf(b.p.r.File, pos.Line, pos.Col, at, "%s: %s", b.name, fmt.Sprintf(format, args...))
	b.ok = false
}

// warnf records a warning at the option key (or the block).
func (b *binder) warnf(key, format string, args ...any) {
	at := b.at(key)
	pos := b.p.r.Pos.At(at)
	b.p.errs.Warnf(b.p.r.File, pos.Line, pos.Col, at, "%s: %s", b.name, fmt.Sprintf(format, args...))
}

// set reports whether the block gives the option key.
func (b *binder) set(key string) bool {
	_, ok := b.p.r.Pos[b.path+"."+key]
	return ok
}

// complaints returns the case log's figures or records that the block
// needs them.
func (b *binder) complaints() *metrics.Complaints {
	if f := b.p.in.Figures; f != nil && f.Complaints != nil && len(f.Complaints.YearLabels()) > 0 {
		return f.Complaints
	}
	b.errorf("", "needs the case log: add data: {complaints: complaints.csv}")
	return nil
}

// letter returns the Ombudsman's figures or records that the block needs
// them.
func (b *binder) letter() *ombudsman.Letter {
	if f := b.p.in.Figures; f != nil && f.Letter != nil && len(f.Letter.YearLabels()) > 0 {
		return f.Letter
	}
	b.errorf("", "needs the Ombudsman's figures: add data: {ombudsman: ombudsman.yaml}")
	return nil
}

// letterYear returns the Ombudsman's figures and the block's one year
// resolved against them, or records why not.
func (b *binder) letterYear(given string) (*ombudsman.Letter, string, bool) {
	l := b.letter()
	if l == nil {
		return nil, "", false
	}
	y, ok := b.year(given, letterSource(l, b.p.r.Data.Ombudsman))
	return l, y, ok
}

// year resolves the block's one year (key "year") against src: none
// given, or latest, means the reporting year.
func (b *binder) year(given string, src yearSource) (string, bool) {
	y, err := b.p.resolveYear(given, src)
	if err != nil {
		key := ""
		if b.set("year") {
			key = "year"
		}
		b.errorf(key, "%v", err)
		return "", false
	}
	return y, true
}

// years resolves the block's years against src, oldest first; none
// given means the last n that src has up to the reporting year.
func (b *binder) years(given []string, src yearSource, n int) ([]string, bool) {
	if len(given) == 0 {
		out := src.upTo(b.p.reporting, n)
		if len(out) == 0 {
			b.errorf("", "%s has no figures up to %s, the reporting year (it covers %s)", src.name, b.p.reporting, src.covers())
			return nil, false
		}
		return out, true
	}
	var out []string
	at := map[string]int{}
	ok := true
	for i, y := range given {
		key := fmt.Sprintf("years[%d]", i)
		ry, err := b.p.resolveYear(y, src)
		if err != nil {
			b.errorf(key, "%v", err)
			ok = false
			continue
		}
		if j, dup := at[ry]; dup {
			b.errorf(key, "%s is %s, listed already at years[%d]", y, ry, j)
			ok = false
			continue
		}
		at[ry] = i
		out = append(out, ry)
	}
	sortPeriods(out)
	return out, ok
}

// stage returns the block's stage (checked against the registry before
// binding); none given means def.
func (b *binder) stage(given string, def caselog.Stage) caselog.Stage {
	if st, ok := metrics.StageOf(given); ok {
		return st
	}
	return def
}

// oneOf checks an option's value against the known values; an empty
// value is the option left out.
func (b *binder) oneOf(key, v string, known []string) bool {
	if v == "" || slices.Contains(known, v) {
		return true
	}
	msg := fmt.Sprintf("unknown %s %s", key, diag.Quote(v))
	if s := yamlx.Suggest(v, known); s != "" {
		msg += "; did you mean " + s + "?"
	}
	b.errorf(key, "%s (use %s)", msg, strings.Join(known, ", "))
	return false
}

func joinYears(ys []string) string {
	switch len(ys) {
	case 0:
		return "no years"
	case 1:
		return ys[0]
	}
	return ys[0] + " to " + ys[len(ys)-1]
}
