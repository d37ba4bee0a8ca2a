package caselog

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/paperhq/paper/report/diag"
)

// Encodings a CSV case log may be read in (Options.Encoding).
const (
	UTF8        = "utf-8"
	Windows1252 = "windows-1252"
)

// Encodings lists the accepted values of Options.Encoding.
var Encodings = []string{UTF8, Windows1252}

// NormalizeEncoding returns the canonical name of an encoding given in
// any case and common spelling (utf8, cp1252, ...), and whether it is one
// paper reads.
func NormalizeEncoding(s string) (string, bool) {
	switch strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-") {
	case "utf-8", "utf8":
		return UTF8, true
	case "windows-1252", "cp1252", "windows1252", "latin-1", "latin1", "iso-8859-1":
		return Windows1252, true
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
	out := make([]byte, 0, len(data)+len(data)/8)
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
// (Comma delimited)", with a warning naming the file. A UTF-16 file
// (Excel's "Unicode Text", tab-separated) is refused with what to do.
func decodeCSV(name string, data []byte, encoding string) ([]byte, diag.List, diag.List) {
	if bytes.HasPrefix(data, []byte{0xFF, 0xFE}) || bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
		return nil, nil, diag.List{{File: name, Msg: `is UTF-16 text (Excel's "Unicode Text", separated by tabs), which paper does not read; save the export from Excel as "CSV UTF-8 (Comma delimited)" or as .xlsx`}}
	}
	switch encoding {
	case Windows1252:
		return fromWindows1252(data), nil, nil
	case UTF8:
		if !utf8.Valid(data) {
			line := 1 + bytes.Count(data[:invalidAt(data)], nl)
			return nil, nil, diag.List{{File: name, Line: line, Msg: "is not UTF-8, as the report's data: encoding: says; if it came from Excel's \"CSV (Comma delimited)\", write encoding: windows-1252"}}
		}
		return data, nil, nil
	}
	if utf8.Valid(data) {
		return data, nil, nil
	}
	line := 1 + bytes.Count(data[:invalidAt(data)], nl)
	var w diag.List
	w.Warnf(name, line, 0, "", "is not UTF-8 (this line is the first that is not), so it is read as Windows-1252, the encoding of Excel's \"CSV (Comma delimited)\"; check the accented letters and quotes in the paper, and say so with the report's data: encoding: windows-1252, or save the export as \"CSV UTF-8\"")
	return fromWindows1252(data), w, nil
}

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

// semicolonHint explains a header that is one field holding semicolons:
// a CSV saved by Excel set to a European locale, which separates fields
// with ";".
func semicolonHint(header []string) string {
	if len(header) == 1 && strings.Count(header[0], ";") >= 2 {
		return fmt.Sprintf("; the header is one field separated by semicolons (%s): this CSV uses \";\" between fields, as Excel does in European locales; paper reads commas only, so save it with commas or as .xlsx", diag.Quote(header[0]))
	}
	return ""
}
