package caselog

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/paperhq/paper/report/diag"
)

// Encodings a CSV case log may be read in (Options.Encoding).
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
	// UTF16 is Excel's "Unicode Text": UTF-16 (little-endian, with a byte
	// order mark), fields separated by tabs.
	UTF16 = "utf-16"
)

// Encodings lists the accepted values of Options.Encoding.
var Encodings = []string{UTF8, Windows1252, UTF16}

// EncodingNames lists the accepted encodings for a message: "utf-8,
// windows-1252 or utf-16".
func EncodingNames() string {
	return strings.Join(Encodings[:len(Encodings)-1], ", ") + " or " + Encodings[len(Encodings)-1]
}

// NormalizeEncoding returns the canonical name of an encoding given in
// any case and common spelling (utf8, cp1252, utf-16le, unicode, ...),
// and whether it is one paper reads.
func NormalizeEncoding(s string) (string, bool) {
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-") {
	case "utf-8", "utf8":
		return UTF8, true
	case "windows-1252", "cp1252", "windows1252", "latin-1", "latin1", "iso-8859-1":
		return Windows1252, true
	case "utf-16", "utf16", "utf-16le", "utf16le", "utf-16be", "utf16be", "unicode", "ucs-2":
		return UTF16, true
	}
	return "", false
}

// win1252 holds the characters of bytes 0x80 to 0x9F in Windows-1252;
// the five bytes it leaves undefined keep their C1 control code points,
// as browsers read them. Bytes from 0xA0 are the same code points.
var win1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// fromWindows1252 converts Windows-1252 text to UTF-8.
func fromWindows1252(data []byte) []byte {
	return appendWindows1252(make([]byte, 0, len(data)+len(data)/8), data)
}

// appendWindows1252 appends Windows-1252 text to out as UTF-8.
func appendWindows1252(out, data []byte) []byte {
	for _, b := range data {
		switch {
		case b < 0x80:
			out = append(out, b)
		case b < 0xA0:
			out = utf8.AppendRune(out, win1252[b-0x80])
		default:
			out = utf8.AppendRune(out, rune(b))
		}
	}
	return out
}

// decodeCSV returns a CSV's text as UTF-8, following the encoding asked
// for: empty means UTF-8 (with or without a byte order mark) when the
// bytes are valid UTF-8, else Windows-1252, the encoding of Excel's "CSV
// (Comma delimited)", with a warning naming the file. A file starting
// with a UTF-16 byte order mark (Excel's "Unicode Text") is read as
// UTF-16, with a warning unless the report says utf-16. utf16 reports
// that it was.
func decodeCSV(name string, data []byte, encoding string) (text []byte, warnings, errs diag.List, utf16 bool) {
	bom16 := bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF})
	switch {
	case bom16 && encoding == "":
		text, errs = fromUTF16(name, data)
		if errs == nil {
			warnings.Warnf(name, 0, 0, "", "is UTF-16 text (it starts with a UTF-16 byte order mark, as Excel's \"Unicode Text\" does), so it is read as UTF-16; say so with the report's data: encoding: utf-16")
		}
		return text, warnings, errs, true
	case bom16 && encoding != UTF16:
		return nil, nil, diag.List{{File: name, Msg: fmt.Sprintf("is UTF-16 text (it starts with a UTF-16 byte order mark, as Excel's \"Unicode Text\" does), not %s as the report's data: encoding: says; write encoding: utf-16, or leave it out", encoding)}}, false
	case encoding == UTF16:
		if !bom16 && (bytes.HasPrefix(data, bom) || (len(data) > 1 && bytes.IndexByte(data[:min(len(data), 4096)], 0) < 0)) {
			return nil, nil, diag.List{{File: name, Msg: "is not UTF-16, as the report's data: encoding: says (it has no zero bytes, which UTF-16 text of Latin letters is full of); leave encoding out, or write utf-8 or windows-1252"}}, false
		}
		text, errs = fromUTF16(name, data)
		return text, nil, errs, true
	}
	switch encoding {
	case Windows1252:
		return fromWindows1252(data), nil, nil, false
	case UTF8:
		if !utf8.Valid(data) {
			line := 1 + bytes.Count(data[:invalidAt(data)], nl)
			return nil, nil, diag.List{{File: name, Line: line, Msg: notUTF8}}, false
		}
		return data, nil, nil, false
	}
	if utf8.Valid(data) {
		return data, nil, nil, false
	}
	line := 1 + bytes.Count(data[:invalidAt(data)], nl)
	var w diag.List
	w.Warnf(name, line, 0, "", "%s", guessed1252)
	return fromWindows1252(data), w, nil, false
}

// fromUTF16 converts UTF-16 text to UTF-8: little-endian unless it starts
// with a big-endian byte order mark (or, without a mark, with a zero
// byte, as big-endian Latin text does). The byte order mark is dropped.
func fromUTF16(name string, data []byte) ([]byte, diag.List) {
	be := false
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}):
		data = data[2:]
	case bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		data, be = data[2:], true
	case len(data) > 1 && data[0] == 0 && data[1] != 0:
		be = true
	}
	unit := func(i int) rune {
		if be {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i+1])<<8 | rune(data[i])
	}
	out := make([]byte, 0, len(data)/2+len(data)/16)
	line := 1
	for i := 0; i+1 < len(data); i += 2 {
		r := unit(i)
		switch {
		case r >= 0xD800 && r < 0xDC00 && i+3 < len(data) && unit(i+2) >= 0xDC00 && unit(i+2) < 0xE000:
			r = utf16.DecodeRune(r, unit(i+2))
			i += 2
		case r >= 0xD800 && r < 0xE000:
			return nil, diag.List{{File: name, Line: line, Msg: "is not valid UTF-16: half of a character pair (a lone surrogate) stands alone on this line; save the export again, or as .xlsx"}}
		case r == '\n':
			line++
		}
		out = utf8.AppendRune(out, r)
	}
	if len(data)%2 == 1 {
		return nil, diag.List{{File: name, Line: line, Msg: "is not valid UTF-16: it ends in the middle of a character (an odd number of bytes), so it was cut short or is not UTF-16"}}
	}
	return out, nil
}

// The messages of a CSV that is not UTF-8.
const (
	notUTF8     = "is not UTF-8, as the report's data: encoding: says; if it came from Excel's \"CSV (Comma delimited)\", write encoding: windows-1252"
	guessed1252 = "is not UTF-8 (this line is the first that is not), so it is read as Windows-1252, the encoding of Excel's \"CSV (Comma delimited)\"; check the accented letters and quotes in the paper, and say so with the report's data: encoding: windows-1252, or save the export as \"CSV UTF-8\""
)

// invalidAt returns the offset of the first byte that is not valid UTF-8.
func invalidAt(data []byte) int {
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(data)
}

// separator finds how a CSV's fields are separated, in text already
// decoded to UTF-8: by a first line "sep=;" (as Excel writes and reads),
// else by the header line, outside quotes: semicolons and no commas or
// tabs (Excel in European locales) mean ";", tabs and no commas "\t",
// else ",". tab says a tab is what the file's kind leads one to expect
// (a .tsv or .txt file, or UTF-16 text). It returns the text after any
// sep= line, the separator and the header's line, with a warning naming
// the file when it decided on a separator the file's kind does not
// imply.
func separator(name string, text []byte, tab bool) (rest []byte, sep byte, line int, w diag.List) {
	text = bytes.TrimPrefix(text, bom)
	first := text
	if i := bytes.IndexByte(text, '\n'); i >= 0 {
		first = text[:i]
	}
	first = bytes.TrimSuffix(first, []byte{'\r'})
	if len(first) == 5 && bytes.EqualFold(first[:4], []byte("sep=")) && strings.IndexByte(",;\t|", first[4]) >= 0 {
		rest = text[len(first):]
		rest = bytes.TrimPrefix(bytes.TrimPrefix(rest, []byte{'\r'}), nl)
		return rest, first[4], 2, nil
	}
	var n [256]int
	quoted := false
	for _, c := range first {
		if c == '"' {
			quoted = !quoted
		} else if !quoted {
			n[c]++
		}
	}
	want := byte(',')
	if tab {
		want = '\t'
	}
	switch {
	case n[';'] > 0 && n[','] == 0 && n['\t'] == 0:
		sep = ';'
	case n['\t'] > 0 && n[','] == 0:
		sep = '\t'
	case n[','] == 0 && tab:
		sep = '\t' // a header of one column: the kind decides
	default:
		sep = ','
	}
	if sep != want {
		why := ""
		if sep == ';' {
			why = ", as Excel writes CSV in European locales"
		}
		w.Warnf(name, 1, 0, "", "the header's fields are separated by %s, not %s, so the file is read so%s; check the figures, or save the export as \"CSV UTF-8 (Comma delimited)\"", sepName(sep), sepName(want), why)
	}
	return text, sep, 1, w
}

func sepName(c byte) string {
	switch c {
	case ';':
		return "semicolons"
	case '\t':
		return "tabs"
	case '|':
		return "bars"
	}
	return "commas"
}

// semicolonHint explains a header whose fields hold semicolons after it
// was split at commas: a CSV saved by Excel set to a European locale,
// which separates fields with ";", with commas in its header too, so
// that the separator cannot be told from the header.
func semicolonHint(header []string) string {
	for _, h := range header {
		if strings.Contains(h, ";") {
			return fmt.Sprintf("; the header holds semicolons as well as commas (%s), so it was read as separated by commas; if \";\" separates the fields, as Excel writes CSV in European locales, put the line sep=; first in the file, or save it as \"CSV UTF-8 (Comma delimited)\" or as .xlsx", diag.Quote(strings.Join(header, ",")))
		}
	}
	return ""
}
