package docx

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// xb is a small XML builder: the writer emits WordprocessingML as text
// because the parts are fixed-shape and element order matters to Word
// (its schema uses sequences), which is easiest to guarantee by writing
// elements in order by hand. Every piece of tree text goes through text or
// attr, which drop what XML 1.0 cannot hold and escape the rest.
//
// Its bytes are a slice, not a bytes.Buffer, made at first use with room
// for firstRoom bytes (or what Grow asks): memory the process has not
// used yet costs a page fault per 4 KB page only once written, and a
// make leaves it unwritten, where a bytes.Buffer clears all it allocates
// and doubles its way up, copying. A part's bytes are then written once.
type xb struct{ buf []byte }

// firstRoom is the room an xb makes at first use, enough for the small
// parts; the larger ones ask for more (Grow).
const firstRoom = 4 << 10

// Grow makes room for n more bytes: at first use, a buffer of that room
// (at least firstRoom).
func (b *xb) Grow(n int) {
	if b.buf == nil {
		b.buf = make([]byte, 0, max(n, firstRoom))
	} else if cap(b.buf)-len(b.buf) < n {
		b.buf = append(b.buf[:cap(b.buf)], make([]byte, n)...)[:len(b.buf)]
	}
}

// WriteString appends s.
func (b *xb) WriteString(s string) {
	if b.buf == nil {
		b.Grow(len(s))
	}
	b.buf = append(b.buf, s...)
}

// Bytes returns what was written.
func (b *xb) Bytes() []byte { return b.buf }

// String returns what was written, as a string.
func (b *xb) String() string { return string(b.buf) }

// Len is the number of bytes written.
func (b *xb) Len() int { return len(b.buf) }

// raw appends s, which must already be well-formed XML.
func (b *xb) raw(s string) { b.WriteString(s) }

// rawInts appends its arguments in order: strings as markup (already
// well-formed), ints in decimal. It avoids fmt on the hot paths.
func (b *xb) rawInts(parts ...any) {
	for _, p := range parts {
		switch v := p.(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		}
	}
}

// text appends s as element content.
func (b *xb) text(s string) { escape(b, s, false) }

// attr appends s as an attribute value (without quotes).
func (b *xb) attr(s string) { escape(b, s, true) }

// xmlChar reports whether r may appear in an XML 1.0 document. Control
// characters other than tab, newline and carriage return, the C1 controls
// and DEL (legal but never meaningful in a paper and rejected by some
// consumers), U+FFFE/U+FFFF and invalid UTF-8 are all excluded.
func xmlChar(r rune) bool {
	switch {
	case r == '\t' || r == '\n' || r == '\r':
		return true
	case r < 0x20:
		return false
	case r >= 0x7F && r <= 0x9F:
		return false
	case r <= 0xD7FF:
		return true
	case r >= 0xE000 && r <= 0xFFFD:
		return true
	case r >= 0x10000 && r <= utf8.MaxRune:
		return true
	}
	return false
}

// clean returns s without the characters XML 1.0 cannot hold (see
// xmlChar) and without invalid UTF-8 (which includes UTF-8-encoded lone
// surrogates). Dropping rather than replacing keeps the document valid
// without inventing visible characters.
func clean(s string) string {
	// Most text is kept whole, ASCII or not (a pound sign, a dash, curly
	// quotes): scan to the first character that must go, if any.
	i := 0
	for i < len(s) {
		if c := s[i]; c >= 0x20 && c < 0x7F || c == '\t' || c == '\n' || c == '\r' {
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || !xmlChar(r) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var sb strings.Builder
	sb.Grow(len(s))
	sb.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !(r == utf8.RuneError && n == 1) && xmlChar(r) {
			sb.WriteString(s[i : i+n])
		}
		i += n
	}
	return sb.String()
}

// escape writes clean(s) escaped for element content or, with inAttr, for
// a double-quoted attribute value, where tab, newline and carriage return
// become character references so attribute normalisation keeps them.
func escape(buf *xb, s string, inAttr bool) {
	s = clean(s)
	last := 0
	for i := 0; i < len(s); i++ {
		var esc string
		switch s[i] {
		case '&':
			esc = "&amp;"
		case '<':
			esc = "&lt;"
		case '>':
			esc = "&gt;"
		case '"':
			if !inAttr {
				continue
			}
			esc = "&quot;"
		case '\t':
			if !inAttr {
				continue
			}
			esc = "&#x9;"
		case '\n':
			if !inAttr {
				continue
			}
			esc = "&#xA;"
		case '\r':
			esc = "&#xD;"
		default:
			continue
		}
		buf.WriteString(s[last:i])
		buf.WriteString(esc)
		last = i + 1
	}
	buf.WriteString(s[last:])
}

// needsPreserve reports whether w:t text needs xml:space="preserve":
// leading, trailing or repeated spaces would otherwise be collapsed.
func needsPreserve(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[len(s)-1] == ' ' {
		return true
	}
	return strings.Contains(s, "  ")
}

// runText appends s as the content of a w:r: w:t elements with tabs as
// w:tab and newlines (LF, CR or CRLF) as w:br, so text that carries its
// own line breaks still shows them.
func (b *xb) runText(s string) {
	s = clean(s)
	start := 0
	flush := func(end int) {
		if end > start {
			t := s[start:end]
			if needsPreserve(t) {
				b.raw(`<w:t xml:space="preserve">`)
			} else {
				b.raw(`<w:t>`)
			}
			b.text(t)
			b.raw(`</w:t>`)
		}
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\t':
			flush(i)
			b.raw(`<w:tab/>`)
			start = i + 1
		case '\n':
			flush(i)
			b.raw(`<w:br/>`)
			start = i + 1
		case '\r':
			flush(i)
			b.raw(`<w:br/>`)
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	flush(len(s))
}
