package style

import (
	"math"
	"strconv"
	"strings"
)

// The least contrast ratios WCAG 2.2 asks for: 4.5:1 for text (1.4.3)
// and 3:1 for the parts of a chart a reader must tell apart (1.4.11).
const (
	TextContrast  = 4.5
	ChartContrast = 3.0
)

// parseColour reads "#RRGGBB" (or "RRGGBB") as upper-case "RRGGBB".
func parseColour(s string) (string, bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "#")
	if len(s) != 6 {
		return "", false
	}
	if _, err := strconv.ParseUint(s, 16, 32); err != nil {
		return "", false
	}
	return strings.ToUpper(s), true
}

// Contrast is the WCAG contrast ratio of two "RRGGBB" colours, from 1
// (the same) to 21 (black on white).
func Contrast(a, b string) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// luminance is WCAG's relative luminance of an sRGB colour.
func luminance(hex string) float64 {
	v, _ := strconv.ParseUint(hex, 16, 32)
	ch := func(c uint64) float64 {
		x := float64(c) / 255
		if x <= 0.04045 {
			return x / 12.92
		}
		return math.Pow((x+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(v>>16&0xFF) + 0.7152*ch(v>>8&0xFF) + 0.0722*ch(v&0xFF)
}

// ratio prints a contrast ratio to one decimal place, rounded down, so
// that a colour that fails never prints as the ratio it needs ("4.4",
// never "4.5").
func ratio(r float64) string {
	return strconv.FormatFloat(math.Floor(r*10)/10, 'f', 1, 64)
}
