package caselog

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/paperhq/paper/report/diag"
)

// FoldService returns the key under which service names are the same
// service: lower case, runs of spaces as one space, no surrounding spaces
// and no trailing punctuation. Exports typed by hand spell one directorate
// "Housing", "HOUSING", "housing " and "Housing."; counted apart they
// would split its figures across rows of every table.
func FoldService(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	s = strings.TrimRightFunc(s, func(r rune) bool { return unicode.IsPunct(r) || unicode.IsSpace(r) })
	return strings.ToLower(s)
}

// Fold is one service read under one name from several spellings.
type Fold struct {
	// Into is the name the rows are counted under.
	Into string
	// From lists the spellings read as Into, most rows first, with their
	// row counts; Into itself is among them when the export uses it.
	From []Spelling
}

// Spelling is one way a service was written, with its number of rows.
type Spelling struct {
	Name string
	Rows int
}

// foldServices merges services that differ only in case, spaces or
// trailing punctuation into the most frequent spelling (on a tie, the
// tidy one, then the first in sorted order), then applies aliases (Options.Services): every
// service whose folded name is an alias's folded name, or its target's,
// is counted under the target as the report writes it. It rewrites
// log.Services (sorted) and every row's index, records the folds in
// log.Folds and the aliases that matched no service in
// log.UnusedAliases. rows[i] counts the rows of log.Services[i]. It
// returns the new index of each old service, nil when none changed.
func foldServices(log *Log, aliases map[string]string, rows []int) []uint32 {
	// Aliases by folded name; the target's own spelling also folds into
	// the target.
	target := map[string]string{}
	aliasKeys := slices.Sorted(maps.Keys(aliases))
	for _, k := range aliasKeys {
		v := strings.TrimSpace(aliases[k])
		target[FoldService(k)] = v
		if _, ok := target[FoldService(v)]; !ok {
			target[FoldService(v)] = v
		}
	}
	used := map[string]bool{}
	type group struct {
		name      string
		spellings []Spelling
	}
	groups := map[string]*group{}
	var order []string
	for i, s := range log.Services {
		key := FoldService(s)
		if t, ok := target[key]; ok {
			used[key] = true
			key = "\x00" + FoldService(t) // alias targets are their own groups
		}
		g := groups[key]
		if g == nil {
			g = &group{}
			groups[key] = g
			order = append(order, key)
		}
		g.spellings = append(g.spellings, Spelling{s, rows[i]})
	}
	for _, k := range aliasKeys {
		if !used[FoldService(k)] {
			log.UnusedAliases = append(log.UnusedAliases, k)
		}
	}
	if len(groups) == len(log.Services) && len(used) == 0 {
		return nil
	}
	names := make([]string, 0, len(groups))
	into := map[string]string{} // old spelling -> new name
	for _, key := range order {
		g := groups[key]
		sort.SliceStable(g.spellings, func(a, b int) bool {
			sa, sb := g.spellings[a], g.spellings[b]
			if sa.Rows != sb.Rows {
				return sa.Rows > sb.Rows
			}
			return tidy(sa.Name) && !tidy(sb.Name)
		})
		g.name = g.spellings[0].Name
		if strings.HasPrefix(key, "\x00") {
			g.name = target[key[1:]]
		}
		names = append(names, g.name)
		for _, sp := range g.spellings {
			into[sp.Name] = g.name
		}
		if len(g.spellings) > 1 || g.spellings[0].Name != g.name {
			log.Folds = append(log.Folds, Fold{Into: g.name, From: g.spellings})
		}
	}
	sort.Strings(names)
	names = compactSorted(names)
	index := make(map[string]uint32, len(names))
	for i, s := range names {
		index[s] = uint32(i)
	}
	remap := make([]uint32, len(log.Services))
	for i, s := range log.Services {
		remap[i] = index[into[s]]
	}
	for i := range log.Rows {
		log.Rows[i].Service = remap[log.Rows[i].Service]
	}
	log.Services = names
	sort.SliceStable(log.Folds, func(a, b int) bool { return log.Folds[a].Into < log.Folds[b].Into })
	return remap
}

// serviceRows counts the rows of each of log.Services.
func serviceRows(log *Log) []int {
	rows := make([]int, len(log.Services))
	for _, r := range log.Rows {
		rows[r.Service]++
	}
	return rows
}

// tidy reports whether a service name has single spaces and no trailing
// punctuation: on a tie of rows, the tidy spelling names the service.
func tidy(s string) bool {
	return strings.EqualFold(s, FoldService(s))
}

// compactSorted removes repeats from a sorted slice: two alias targets
// may be written the same.
func compactSorted(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// foldWarnings says which spellings were read as one service, one warning
// per service at the Service column's header, so that `check` shows what
// the figures merged.
func foldWarnings(file string, lay *layout, folds []Fold) diag.List {
	var l diag.List
	for _, f := range folds {
		parts := make([]string, len(f.From))
		for i, sp := range f.From {
			parts[i] = fmt.Sprintf("%s (%s)", diag.Quote(sp.Name), plural(sp.Rows, "row"))
		}
		l.Warnf(file, lay.line, 0, lay.names[roleService], "%s counted as one service, %s", strings.Join(parts, ", "), diag.Quote(f.Into))
	}
	return l
}

// plural writes a count with its noun: "1 row", "3 rows".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
