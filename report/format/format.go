// Package format writes the figures of a paper: counts, decimals and
// rates, in prose, tables, chart labels, alternative text and data
// tables alike, so that one figure reads the same wherever it is printed.
//
// The rule is one: a figure is rounded from its exact value, half up (a
// half rounds away from zero), never from a binary float. A rate computed
// from counts is the exact fraction of those counts: 69 of 200 is exactly
// 0.345 and prints "35%" at whole percent, where rounding the float64
// 0.345 (0.34499999999999997…) would print "34%". Callers that hold the
// counts pass them (Of); callers that hold a float64 computed from counts
// pass it (Exact recovers the fraction it was computed from).
//
// The paper's default precision for a rate (digits Default) is a whole
// percentage, with one decimal place under 10% ("7.6%", "35%"; "5%", not
// "5.0%"); a rate
// just under 100% keeps one decimal, rounded down, so that only a rate of
// exactly 100% prints "100%". Counts have thousands separators and a true
// minus sign: "3,104", "−11".
package format

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Default asks for the paper's default precision: for a rate, a whole
// percentage with one decimal place under 10%; for a number, none for a
// whole number and one decimal place otherwise.
const Default = -1

// Precision is the precision a paper writes its rates at, for the code
// that writes them: the zero value is the paper's standard rule
// (Default); Fixed(n) is n decimal places, as a house style's
// rates.decimals asks.
type Precision struct {
	digits int
	fixed  bool
}

// Fixed is the precision of n decimal places.
func Fixed(n int) Precision { return Precision{digits: n, fixed: true} }

// Digits is the digits argument of Percent for the precision: Default,
// or the fixed number of decimal places.
func (p Precision) Digits() int {
	if !p.fixed {
		return Default
	}
	return p.digits
}

// NA is printed where a figure is undefined: a rate whose denominator is
// zero, or a value that is not a number.
const NA = "n/a"

// Minus is the minus sign figures are printed with (U+2212, not a hyphen).
const Minus = "−"

// Of returns the exact fraction num/den, or nil (undefined) when den is
// zero.
func Of(num, den int64) *big.Rat {
	if den == 0 {
		return nil
	}
	return big.NewRat(num, den)
}

// Exact returns the exact value a float64 figure stands for: the simplest
// fraction (the one with the smallest denominator) among the reals that
// round to f. A float64 computed as a quotient of two counts, a/b, is the
// nearest float64 to a/b, and a/b is the simplest fraction that rounds to
// it whenever b is below 2^25 (33 million) and a/b below 8, so Exact gives
// back a/b itself; a decimal read from a file ("0.345") gives back that
// decimal (69/200). Exact returns nil for NaN and infinities.
func Exact(f float64) *big.Rat {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	r := new(big.Rat).SetFloat64(f)
	if r.IsInt() {
		return r
	}
	neg := f < 0
	a := math.Abs(f)
	// The reals that round to a lie between the midpoints to its
	// neighbours.
	lo := new(big.Rat).SetFloat64(math.Nextafter(a, 0))
	hi := new(big.Rat).SetFloat64(math.Nextafter(a, math.Inf(1)))
	x := new(big.Rat).SetFloat64(a)
	lo.Add(lo, x).Quo(lo, big.NewRat(2, 1))
	hi.Add(hi, x).Quo(hi, big.NewRat(2, 1))
	s := simplest(lo, hi)
	if neg {
		s.Neg(s)
	}
	return s
}

// simplest returns the fraction with the smallest denominator strictly
// between lo and hi, 0 ≤ lo < hi; hi nil stands for infinity. It follows
// the continued fractions of the two ends (the Stern–Brocot tree): take
// the smallest integer above lo if it is below hi, else the shared integer
// part and the simplest fraction between the inverted remainders.
func simplest(lo, hi *big.Rat) *big.Rat {
	fl := new(big.Rat).SetInt(floor(lo))
	next := new(big.Rat).Add(fl, big.NewRat(1, 1))
	if hi == nil || next.Cmp(hi) < 0 {
		return next
	}
	var invLo *big.Rat // 1/(lo-fl), infinite when lo is an integer
	if d := new(big.Rat).Sub(lo, fl); d.Sign() > 0 {
		invLo = d.Inv(d)
	}
	d := new(big.Rat).Sub(hi, fl)
	s := simplest(d.Inv(d), invLo)
	return fl.Add(fl, s.Inv(s))
}

// floor returns ⌊r⌋ for r ≥ 0.
func floor(r *big.Rat) *big.Int {
	return new(big.Int).Quo(r.Num(), r.Denom())
}

// Percent writes the fraction x as a percentage: 0.345 -> "35%". digits
// fixes the decimal places (half up); Default applies the paper's rule: a
// whole percentage, one decimal place under 10% ("7.6%"), and only exact
// 0 and 1 print "0%" and "100%" (a rate just above 0 prints "0.1%", one
// just under 1 "99.9%", rounded away from them). A decimal place of 0 is
// left out ("5%", not "5.0%"). nil prints NA.
func Percent(x *big.Rat, digits int) string {
	s, _, _ := percent(x, digits, false)
	return s
}

// PercentFloat is Percent of the exact value of f (see Exact).
func PercentFloat(f float64, digits int) string { return Percent(fromFloat(f, digits, true), digits) }

// PercentRange returns the range of fractions that Percent prints as it
// prints x: "42%" stands for 0.415 ≤ x < 0.425, "7.6%" for
// 0.0755 ≤ x < 0.0765, "0%" for 0 alone. The upper end is open but for
// rates above 100% rounded away from it ("100.1%": 1.000 < x ≤ 1.001); the
// lower end is closed but for "0.1%" (0 < x < 0.0015). A reader of the
// printed rate knows that it lies in this range and nothing more, which
// is what the disclosure audit assumes. nil gives nil, nil.
func PercentRange(x *big.Rat, digits int) (lo, hi *big.Rat) {
	_, lo, hi = percent(x, digits, true)
	return lo, hi
}

type rounding int

const (
	halfUp rounding = iota
	down
	up
)

var hundred = big.NewRat(100, 1)

// percent formats x as a percentage and, when span is set, returns the
// interval of fractions printed the same way (computing it costs more
// than the text).
func percent(x *big.Rat, digits int, span bool) (s string, lo, hi *big.Rat) {
	if x == nil {
		return NA, nil, nil
	}
	p := new(big.Rat).Mul(x, hundred)
	neg := p.Sign() < 0
	a := p.Abs(p)
	var d int
	var u *big.Int
	var ends func() (l, h *big.Rat) // in percent, of |x|
	halfway := func(u *big.Int, d int) func() (l, h *big.Rat) {
		return func() (*big.Rat, *big.Rat) { return units(u, d, -1, 2), units(u, d, 1, 2) }
	}
	switch {
	case digits >= 0:
		d, u = digits, roundAt(a, digits, halfUp)
		ends = halfway(u, d)
	case a.Sign() == 0 || a.Cmp(hundred) == 0:
		d, u = 0, roundAt(a, 0, halfUp)
		ends = func() (*big.Rat, *big.Rat) { return new(big.Rat).Set(a), new(big.Rat).Set(a) }
	default:
		d, u = 1, roundAt(a, 1, halfUp)
		switch {
		case u.Sign() == 0: // (0, 0.05%): away from 0
			u = big.NewInt(1)
			ends = func() (*big.Rat, *big.Rat) { return new(big.Rat), big.NewRat(15, 100) }
		case u.Cmp(big.NewInt(100)) < 0: // under 10%
			ends = halfway(u, 1)
			if u.Cmp(big.NewInt(1)) == 0 {
				ends = func() (*big.Rat, *big.Rat) { return new(big.Rat), big.NewRat(15, 100) }
			}
		default:
			d, u = 0, roundAt(a, 0, halfUp)
			ends = halfway(u, 0)
			switch {
			case u.Cmp(big.NewInt(10)) == 0: // 9.95% to 10.5%
				ends = func() (*big.Rat, *big.Rat) { return big.NewRat(995, 100), big.NewRat(105, 10) }
			case u.Cmp(big.NewInt(100)) == 0 && a.Cmp(hundred) < 0: // near 100%: away from it
				d, u = 1, roundAt(a, 1, down)
				v := u
				ends = func() (*big.Rat, *big.Rat) { return units(v, 1, 0, 1), units(v, 1, 1, 1) }
			case u.Cmp(big.NewInt(100)) == 0:
				d, u = 1, roundAt(a, 1, up)
				v := u
				ends = func() (*big.Rat, *big.Rat) {
					h := units(v, 1, 0, 1)
					if h.Cmp(big.NewRat(1005, 10)) > 0 {
						h = big.NewRat(1005, 10) // 100.5% prints 101%
					}
					return units(v, 1, -1, 1), h
				}
			}
		}
	}
	if digits < 0 && d == 1 && new(big.Int).Rem(u, big.NewInt(10)).Sign() == 0 {
		d, u = 0, new(big.Int).Quo(u, big.NewInt(10)) // "5%", not "5.0%"
	}
	s = digitsOf(u, d, false)
	if neg && u.Sign() != 0 {
		s = Minus + s
	}
	if !span {
		return s + "%", nil, nil
	}
	l, h := ends()
	if neg && u.Sign() != 0 {
		l, h = h.Neg(h), l.Neg(l)
	}
	return s + "%", l.Quo(l, hundred), h.Quo(h, hundred)
}

// units returns (u + k/den)·10^-d: the ends of a rounding interval.
func units(u *big.Int, d int, k, den int64) *big.Rat {
	r := new(big.Rat).SetInt(u)
	r.Add(r, big.NewRat(k, den))
	return r.Quo(r, pow10(d))
}

// roundAt returns a ≥ 0 rounded to d decimal places, as a whole number of
// 10^-d.
func roundAt(a *big.Rat, d int, mode rounding) *big.Int {
	n := new(big.Int).Mul(a.Num(), pow10Int(d))
	den := a.Denom()
	switch mode {
	case halfUp: // ⌊(2n + den) / 2den⌋
		n.Lsh(n, 1).Add(n, den)
		return n.Quo(n, new(big.Int).Lsh(den, 1))
	case up: // ⌈n / den⌉
		n.Add(n, den).Sub(n, big.NewInt(1))
	}
	return n.Quo(n, den)
}

// powers holds 10^0 to 10^8, the places figures are rounded to.
var powers = func() []*big.Int {
	p := make([]*big.Int, 9)
	for i := range p {
		p[i] = new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(i)), nil)
	}
	return p
}()

func pow10Int(d int) *big.Int {
	if d < len(powers) {
		return powers[d]
	}
	return new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d)), nil)
}

func pow10(d int) *big.Rat { return new(big.Rat).SetInt(pow10Int(d)) }

// digitsOf writes u·10^-d with d decimal places, grouping thousands with
// commas when group is set.
func digitsOf(u *big.Int, d int, group bool) string {
	s := u.String()
	if len(s) <= d {
		s = strings.Repeat("0", d-len(s)+1) + s
	}
	intPart, frac := s[:len(s)-d], s[len(s)-d:]
	if group {
		intPart = Thousands(intPart)
	}
	if d == 0 {
		return intPart
	}
	return intPart + "." + frac
}

// Thousands puts a comma between each group of three digits of a run of
// digits: "1234567" -> "1,234,567".
func Thousands(digits string) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// Number writes x with thousands separators, rounded half up to digits
// decimal places: 3104 -> "3,104", −11 -> "−11", 7.25 -> "7.3" at one
// place. Default writes a whole number without decimals and others with
// one. nil prints NA.
func Number(x *big.Rat, digits int) string {
	if x == nil {
		return NA
	}
	if digits < 0 {
		digits = 0
		if !x.IsInt() {
			digits = 1
		}
	}
	u := roundAt(new(big.Rat).Abs(x), digits, halfUp)
	s := digitsOf(u, digits, true)
	if x.Sign() < 0 && u.Sign() != 0 {
		s = Minus + s
	}
	return s
}

// NumberFloat is Number of the exact value of f (see Exact).
func NumberFloat(f float64, digits int) string { return Number(fromFloat(f, digits, false), digits) }

// fromFloat returns a value that prints as Exact(f) does at digits, as a
// percentage or as a number. Exact costs tens of microseconds, and a
// chart formats its labels many times while fitting them; but f and its
// exact fraction lie within a few units in the last place of each other,
// so they round alike unless f is that close to a place where the
// rounding changes (a half, or for a rate near 100% a whole tenth). Away
// from those f itself is used, exactly as the float64 it is.
func fromFloat(f float64, digits int, percent bool) *big.Rat {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	a := math.Abs(f)
	if !percent && a == math.Trunc(a) {
		return new(big.Rat).SetFloat64(f)
	}
	if percent {
		a *= 100
	}
	places := []int{digits}
	if digits < 0 {
		places = []int{0, 1}
		if !percent {
			places = []int{1}
		}
	}
	for _, k := range places {
		s := a * math.Pow(10, float64(k))
		if s > 1e12 {
			return Exact(f)
		}
		eps := max(1e-9, s*1e-12)
		t := s - math.Floor(s)
		if math.Abs(t-0.5) < eps {
			return Exact(f)
		}
		// Near 0% and 100% the paper's precision rounds away from them, at
		// whole tenths.
		if percent && digits < 0 && k == 1 && (a < 1 || (a > 99 && a < 101)) && (t < eps || t > 1-eps) {
			return Exact(f)
		}
	}
	return new(big.Rat).SetFloat64(f)
}

// Count writes a count with thousands separators: "3,104".
func Count(n int) string { return Number(big.NewRat(int64(n), 1), 0) }

// Signed writes a difference with its sign, "+3", "−11" or "0", through
// write, which formats the difference's magnitude.
func Signed(d *big.Rat, write func(*big.Rat) string) string {
	if d == nil {
		return NA
	}
	m := write(new(big.Rat).Abs(d))
	if strings.Trim(m, "0.,%") == "" { // rounds to zero: no sign
		return m
	}
	switch d.Sign() {
	case 1:
		return "+" + m
	case -1:
		return Minus + m
	}
	return m
}

// LowerFirst lower-cases the first letter of s, for a name set inside a
// sentence: "Answered on time" -> "answered on time". An acronym, whose
// second letter is also upper case ("LGSCO"), is left as it is.
func LowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	if r2, _ := utf8.DecodeRuneInString(s[n:]); unicode.IsUpper(r2) {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// UpperFirst upper-cases the first letter of s, for a name that starts a
// sentence or a legend: "on time" -> "On time".
func UpperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// FileSize words a file's size as a download link gives it: "120 KB",
// "1.4 MB" (1 KB is 1,024 bytes), never less than 1 KB; megabytes to
// one decimal place, half up, as every other figure.
func FileSize(n int64) string {
	const kb, mb = 1024, 1024 * 1024
	if n < mb-kb/2 {
		return strconv.FormatInt(max(1, (n+kb/2)/kb), 10) + " KB"
	}
	return Number(big.NewRat(n, mb), 1) + " MB"
}
