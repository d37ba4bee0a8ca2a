package yamlx

import (
	"bytes"
	"unicode"
	"unicode/utf8"
)

// Locate finds where the character at byte offset off of t's value
// (t.S) is in src, the file t was decoded from: its 1-based line and
// column, counting characters. A whitespace character at off stands for
// the next one that is not. It is for messages about a part of a value,
// such as an error in a template inside a text field, which should point
// at the part, not at the value's start.
//
// Values reach t.S changed from how the file writes them: a block
// scalar's indentation is dropped, a folded or multi-line plain scalar's
// line breaks become spaces, quoted scalars lose their quotes and
// escapes. So Locate walks src from the value's start and t.S side by
// side, matching every character that is not whitespace with its next
// occurrence in src; an escape (\" for ") is passed over as text that is
// not in the value. ok is false when the walk runs out of src, which
// t.Pos not belonging to src would cause.
func Locate(src []byte, t Text, off int) (line, col int, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF"))
	if off < 0 || off > len(t.S) || t.Pos.Line < 1 {
		return 0, 0, false
	}
	// Skip forward to the character the offset stands for.
	for off < len(t.S) {
		r, n := utf8.DecodeRuneInString(t.S[off:])
		if !unicode.IsSpace(r) {
			break
		}
		off += n
	}
	if off == len(t.S) {
		return 0, 0, false
	}
	// The value's start in src: the start of its first content line for
	// a block scalar, else its line and column.
	i, line, col := 0, 1, 1
	for line < t.Pos.Line {
		j := bytes.IndexByte(src[i:], '\n')
		if j < 0 {
			return 0, 0, false
		}
		i += j + 1
		line++
	}
	if !t.Literal {
		for col < t.Pos.Col && i < len(src) && src[i] != '\n' {
			_, n := utf8.DecodeRune(src[i:])
			i += n
			col++
		}
	}
	// next advances i to the next occurrence of r in src, keeping line
	// and col, and reports whether there was one.
	next := func(r rune) bool {
		for i < len(src) {
			s, n := utf8.DecodeRune(src[i:])
			if s == r {
				return true
			}
			i += n
			if s == '\n' {
				line, col = line+1, 1
			} else {
				col++
			}
		}
		return false
	}
	for k, r := range t.S {
		if unicode.IsSpace(r) {
			continue
		}
		if !next(r) {
			return 0, 0, false
		}
		if k >= off {
			return line, col, true
		}
		// Step over the matched character.
		_, n := utf8.DecodeRune(src[i:])
		i += n
		col++
	}
	return 0, 0, false
}
