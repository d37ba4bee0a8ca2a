package fpdf

import (
	"bytes"
	"math"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/go-fonts/dejavu/dejavusans"
)

// upstreamText is fpdf v0.9.0's Text, as it was before paper's fork
// (FORK.md): the reference the fork's Text must match byte for byte.
func (f *Fpdf) upstreamText(x, y float64, txtStr string) {
	var txt2 string
	if f.isCurrentUTF8 {
		if f.isRTL {
			txtStr = reverseText(txtStr)
			x -= f.GetStringWidth(txtStr)
		}
		txt2 = f.escape(utf8toutf16(txtStr, false))
		for _, uni := range txtStr {
			f.currentFont.usedRunes[int(uni)] = int(uni)
		}
	} else {
		txt2 = f.escape(txtStr)
	}
	s := sprintf("BT %.2f %.2f Td (%s) Tj ET", x*f.k, (f.h-y)*f.k, txt2)
	if f.underline && txtStr != "" {
		s += " " + f.dounderline(x, y, txtStr)
	}
	if f.strikeout && txtStr != "" {
		s += " " + f.dostrikeout(x, y, txtStr)
	}
	if f.colorFlag {
		s = sprintf("q %s %s Q", f.color.text.str, s)
	}
	f.out(s)
}

// textPage writes one page of text through text (Text or upstreamText)
// with the font and settings given, and returns the whole PDF.
func textPage(t testing.TB, utf8, rtl bool, style string, color bool, s string, x, y float64, text func(f *Fpdf, x, y float64, s string)) []byte {
	f := New("P", "mm", "A4", "")
	f.SetCompression(false)
	f.SetCatalogSort(true)
	f.SetCreationDate(fixedTime)
	f.SetModificationDate(fixedTime)
	if utf8 {
		f.AddUTF8FontFromBytes("dejavu", "", dejavusans.TTF)
		f.SetFont("dejavu", style, 11)
	} else {
		f.SetFont("Helvetica", style, 11)
	}
	if rtl {
		f.RTL()
	}
	f.AddPage()
	if color {
		f.SetTextColor(200, 10, 30)
	}
	text(f, x, y, s)
	text(f, y, x, s+s)
	var b bytes.Buffer
	if err := f.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var fixedTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func checkTextAsUpstream(t *testing.T, utf8, rtl bool, style string, color bool, s string, x, y float64) {
	t.Helper()
	got := textPage(t, utf8, rtl, style, color, s, x, y, (*Fpdf).Text)
	want := textPage(t, utf8, rtl, style, color, s, x, y, (*Fpdf).upstreamText)
	if !bytes.Equal(got, want) {
		t.Errorf("Text(%v, %v, %q) utf8=%v rtl=%v style=%q color=%v differs from upstream's:\n%s\nwant\n%s", x, y, s, utf8, rtl, style, color, got, want)
	}
}

// TestTextAsUpstream checks that the fork's Text writes exactly the bytes
// of upstream's, over fonts, styles (underline, strikeout), colour,
// right-to-left, escaped characters and awkward numbers.
func TestTextAsUpstream(t *testing.T) {
	strs := []string{"", "Complaints upheld", `a\b(c)d` + "\r", "é – “quoted” £5 ✓", "(((", "\\\\"}
	nums := [][2]float64{{10, 20}, {0, 0}, {-0.004, 1e-9}, {12.345, 297.005}, {1e6, -3.5}, {math.NaN(), math.Inf(1)}, {math.Inf(-1), math.Copysign(0, -1)}}
	for _, isUTF8 := range []bool{true, false} {
		for _, style := range []string{"", "U", "S", "US"} {
			for _, color := range []bool{false, true} {
				for _, rtl := range []bool{false, true} {
					for _, s := range strs {
						for _, n := range nums {
							checkTextAsUpstream(t, isUTF8, rtl, style, color, s, n[0], n[1])
						}
					}
				}
			}
		}
	}
}

func FuzzTextAsUpstream(f *testing.F) {
	f.Add("Complaints (2025/26)\r\\", 10.0, 20.5, true, "U", true)
	f.Add("é–£✓", -1.005, 1e300, false, "", false)
	f.Fuzz(func(t *testing.T, s string, x, y float64, isUTF8 bool, style string, color bool) {
		if style != "" && style != "U" && style != "S" && style != "US" {
			return
		}
		// Both versions need valid UTF-8 within the Basic Multilingual
		// Plane (upstream's subsetter fails beyond it; report/pdf gives
		// fpdf no other text).
		for _, r := range s {
			if r > 0xFFFF || r == utf8.RuneError {
				return
			}
		}
		checkTextAsUpstream(t, isUTF8, false, style, color, s, x, y)
	})
}
