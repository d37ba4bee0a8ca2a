package diag

import (
	"strconv"
	"unicode/utf8"
)

// MaxQuote is how many characters of an input value a message quotes.
// A message points at the place; it does not reprint the input, which may
// be a whole file read as one value (a CSV given as report.yaml is one
// 791 KB string).
const MaxQuote = 60

// Excerpt returns s cut to MaxQuote characters, with "…" after the cut.
func Excerpt(s string) string {
	if utf8.RuneCountInString(s) <= MaxQuote {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxQuote {
			return s[:i] + "…"
		}
		n++
	}
	return s
}

// Quote returns the excerpt of s in double quotes, escaped as %q
// escapes it: the way messages quote an input value.
func Quote(s string) string {
	return strconv.Quote(Excerpt(s))
}
