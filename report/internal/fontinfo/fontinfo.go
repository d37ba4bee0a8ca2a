// Package fontinfo reads what the writers need to name a house style's
// font to a program that may not have it: its classification (serif,
// sans serif, monospace, script), from which they choose a fallback
// stack (HTML, SVG), and the OS/2 table's PANOSE numbers and the
// post table's fixed-pitch flag, which a DOCX font table declares so
// that Word can substitute a similar font.
package fontinfo

import (
	"encoding/binary"
	"strings"
)

// Generic is a CSS generic font family.
type Generic string

// The generic families a fallback stack ends in.
const (
	SansSerif Generic = "sans-serif"
	Serif     Generic = "serif"
	Monospace Generic = "monospace"
	Cursive   Generic = "cursive"
)

// Info is what a font's OS/2 and post tables say about its look.
type Info struct {
	// HasOS2 reports whether the font has an OS/2 table (Panose and
	// FamilyClass are zero without one).
	HasOS2 bool
	// Panose is the OS/2 table's ten PANOSE classification bytes.
	Panose [10]byte
	// FamilyClass is the OS/2 sFamilyClass: the class in the high byte,
	// the subclass in the low.
	FamilyClass uint16
	// FixedPitch is the post table's isFixedPitch.
	FixedPitch bool
}

// Parse reads the tables of a TrueType or OpenType file. A file it cannot
// read gives the zero Info: the caller then classifies by name alone.
func Parse(ttf []byte) Info {
	var in Info
	if os2 := table(ttf, "OS/2"); len(os2) >= 42 {
		in.HasOS2 = true
		in.FamilyClass = binary.BigEndian.Uint16(os2[30:])
		copy(in.Panose[:], os2[32:42])
	}
	if post := table(ttf, "post"); len(post) >= 16 {
		in.FixedPitch = binary.BigEndian.Uint32(post[12:]) != 0
	}
	return in
}

// table returns the bytes of the named table, nil if the file has none or
// its directory is malformed.
func table(b []byte, tag string) []byte {
	if len(b) < 12 {
		return nil
	}
	n := int(binary.BigEndian.Uint16(b[4:]))
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(b) {
			return nil
		}
		if string(b[rec:rec+4]) != tag {
			continue
		}
		off := uint64(binary.BigEndian.Uint32(b[rec+8:]))
		size := uint64(binary.BigEndian.Uint32(b[rec+12:]))
		if off+size > uint64(len(b)) {
			return nil
		}
		return b[off : off+size]
	}
	return nil
}

// Generic classifies the font: monospace if fixed pitch, else by the
// OS/2 family class (1-7 serif, 8 sans serif, 10 script) or the PANOSE
// serif style (11-13 sans serif, 2-10 serif) of a Latin text face, else
// by words in the family name, else sans serif.
func (in Info) Generic(name string) Generic {
	if in.FixedPitch {
		return Monospace
	}
	switch in.FamilyClass >> 8 {
	case 1, 2, 3, 4, 5, 7:
		return Serif
	case 8:
		return SansSerif
	case 10:
		return Cursive
	}
	switch p := in.Panose; {
	case p[0] == 2 && p[1] >= 11 && p[1] <= 13:
		return SansSerif
	case p[0] == 2 && p[1] >= 2 && p[1] <= 10:
		return Serif
	case p[0] == 3:
		return Cursive
	}
	n := strings.ToLower(name)
	switch {
	case strings.Contains(n, "mono") || strings.Contains(n, "courier") || strings.Contains(n, "code"):
		return Monospace
	case strings.Contains(n, "sans"):
		return SansSerif
	case strings.Contains(n, "serif") || strings.Contains(n, "times") || strings.Contains(n, "georgia") || strings.Contains(n, "garamond"):
		return Serif
	}
	return SansSerif
}

// fallbacks are the widely installed fonts named after a house style's
// font, by its generic family.
var fallbacks = map[Generic][]string{
	SansSerif: {"Arial", "Helvetica"},
	Serif:     {"Times New Roman", "Times"},
	Monospace: {"Courier New", "Courier"},
	Cursive:   {},
}

// Stack is a CSS font-family list: name quoted first, then widely
// installed fonts of the same generic family, then the generic family
// ("'Liberation Serif', 'Times New Roman', Times, serif"). Characters
// that could end the string or the declaration are dropped from name,
// so the list is safe in a style sheet and in an XML attribute.
func Stack(name string, g Generic) string {
	var parts []string
	if q := quote(name); q != "" {
		parts = append(parts, q)
	}
	for _, f := range fallbacks[g] {
		if !strings.EqualFold(f, name) {
			parts = append(parts, quote(f))
		}
	}
	return strings.Join(append(parts, string(g)), ", ")
}

// quote returns name as a CSS string in single quotes, without the
// characters that could end it or the declaration; empty if none is left.
func quote(name string) string {
	name = strings.TrimSpace(strings.Map(func(r rune) rune {
		if r < ' ' || r == 0x7F || strings.ContainsRune(`'"\<>&;{}`, r) {
			return -1
		}
		return r
	}, name))
	if name == "" {
		return ""
	}
	return "'" + name + "'"
}
