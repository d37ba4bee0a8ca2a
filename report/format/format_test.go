package format

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestPercent(t *testing.T) {
	tests := []struct {
		num, den int64
		digits   int
		want     string
	}{
		{69, 200, Default, "35%"},   // exactly 34.5%: half up
		{69, 200, 1, "34.5%"},       // the author asks for a decimal
		{69, 200, 0, "35%"},         //
		{29, 400, Default, "7.3%"},  // exactly 7.25%
		{29, 400, 2, "7.25%"},       //
		{29, 400, 0, "7%"},          //
		{19, 250, Default, "7.6%"},  // under 10%: one decimal
		{1, 20, Default, "5%"},      // under 10%, a decimal place of 0 left out
		{99, 2000, Default, "5%"},   // 4.95% rounds to 5.0%
		{199, 2000, Default, "10%"}, // 9.95% rounds to 10.0: whole
		{189, 2000, Default, "9.5%"},
		{0, 7, Default, "0%"},
		{7, 7, Default, "100%"},
		{1, 3000, Default, "0.1%"},     // not 0: never "0%"
		{1999, 2000, Default, "99.9%"}, // 99.95%: never "100%"
		{199, 200, Default, "99.5%"},   // 99.5% would round up to 100%
		{2001, 2000, Default, "100.1%"},
		{201, 200, Default, "101%"}, // 100.5%
		{3, 2, Default, "150%"},
		{1, 8, Default, "13%"}, // 12.5%
		{1, 8, 1, "12.5%"},
		{-1, 8, Default, "−13%"},
		{1, 3, 3, "33.333%"},
		{2, 3, Default, "67%"},
		{1, 0, Default, NA},
	}
	for _, tt := range tests {
		if got := Percent(Of(tt.num, tt.den), tt.digits); got != tt.want {
			t.Errorf("Percent(%d/%d, %d) = %q, want %q", tt.num, tt.den, tt.digits, got, tt.want)
		}
		if tt.den == 0 {
			continue
		}
		f := float64(tt.num) / float64(tt.den)
		if got := PercentFloat(f, tt.digits); got != tt.want {
			t.Errorf("PercentFloat(%v, %d) = %q, want %q", f, tt.digits, got, tt.want)
		}
	}
}

func TestNumber(t *testing.T) {
	tests := []struct {
		x      float64
		digits int
		want   string
	}{
		{3104, Default, "3,104"},
		{1234567, 0, "1,234,567"},
		{999, 0, "999"},
		{0, Default, "0"},
		{-11, Default, "−11"},
		{7.25, 1, "7.3"}, // half up, though 7.25 is exact in binary
		{7.25, Default, "7.3"},
		{2.675, 2, "2.68"}, // the float64 is 2.67499999…: the decimal counts
		{0.15, 1, "0.2"},
		{-0.04, 1, "0.0"}, // rounds to zero: no minus sign
		{-2.5, 0, "−3"},   // halves away from zero
		{12.0, Default, "12"},
		{1234.56, 1, "1,234.6"},
		{math.NaN(), Default, NA},
		{math.Inf(1), Default, NA},
	}
	for _, tt := range tests {
		if got := NumberFloat(tt.x, tt.digits); got != tt.want {
			t.Errorf("NumberFloat(%v, %d) = %q, want %q", tt.x, tt.digits, got, tt.want)
		}
	}
	if got := Count(-1234); got != "−1,234" {
		t.Errorf("Count(-1234) = %q", got)
	}
}

func TestSigned(t *testing.T) {
	whole := func(r *big.Rat) string { return Number(r, 0) }
	tests := []struct {
		d    *big.Rat
		want string
	}{
		{big.NewRat(3, 1), "+3"},
		{big.NewRat(-11, 1), "−11"},
		{big.NewRat(0, 1), "0"},
		{big.NewRat(-1, 4), "0"}, // rounds to 0: no sign
		{big.NewRat(5, 2), "+3"},
		{nil, NA},
	}
	for _, tt := range tests {
		if got := Signed(tt.d, whole); got != tt.want {
			t.Errorf("Signed(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

// TestExactRecoversQuotients checks that a float64 quotient of two counts
// is read back as the counts' exact fraction, so that it rounds the same
// as the counts do.
func TestExactRecoversQuotients(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 20000; i++ {
		den := rng.Int64N(1<<25) + 1
		if i%2 == 0 {
			den = rng.Int64N(5000) + 1
		}
		num := rng.Int64N(8 * den)
		want := big.NewRat(num, den)
		if got := Exact(float64(num) / float64(den)); got.Cmp(want) != 0 {
			t.Fatalf("Exact(%d/%d) = %v", num, den, got)
		}
	}
	for _, tt := range []struct {
		f    float64
		want string
	}{{0.345, "69/200"}, {0.1 + 0.2, "3/10"}, {-0.0725, "-29/400"}, {3, "3/1"}, {1e300, new(big.Rat).SetFloat64(1e300).String()}} {
		if got := Exact(tt.f).String(); got != tt.want {
			t.Errorf("Exact(%v) = %s, want %s", tt.f, got, tt.want)
		}
	}
}

// TestPercentRange checks, for every fraction of small counts, that the
// fractions printed alike share one range that holds them all, and that
// the ranges of different figures do not overlap.
func TestPercentRange(t *testing.T) {
	type span struct {
		s      string
		lo, hi *big.Rat
	}
	for _, d := range []int{Default, 0, 1} {
		spans := map[string]span{}
		for den := int64(1); den <= 200; den++ {
			for num := int64(0); num <= 2*den; num++ {
				r := big.NewRat(num, den)
				s := Percent(r, d)
				lo, hi := PercentRange(r, d)
				if r.Cmp(lo) < 0 || r.Cmp(hi) > 0 || (lo.Cmp(hi) != 0 && r.Cmp(hi) == 0 && r.Cmp(big.NewRat(1, 1)) < 0) {
					t.Fatalf("digits %d: %v (%s) is outside its range [%v, %v)", d, r, s, lo, hi)
				}
				if sp, ok := spans[s]; !ok {
					spans[s] = span{s, lo, hi}
				} else if sp.lo.Cmp(lo) != 0 || sp.hi.Cmp(hi) != 0 {
					t.Fatalf("digits %d: %v prints %s with range [%v, %v], another with [%v, %v]", d, r, s, lo, hi, sp.lo, sp.hi)
				}
			}
		}
		list := make([]span, 0, len(spans))
		for _, sp := range spans {
			list = append(list, sp)
		}
		slices.SortFunc(list, func(a, b span) int { return a.lo.Cmp(b.lo) })
		for i := 1; i < len(list); i++ {
			if list[i-1].hi.Cmp(list[i].lo) > 0 {
				t.Errorf("digits %d: %s [%v, %v] overlaps %s [%v, %v]", d, list[i-1].s, list[i-1].lo, list[i-1].hi, list[i].s, list[i].lo, list[i].hi)
			}
		}
	}
}

func ExamplePercent() {
	fmt.Println(Percent(Of(69, 200), Default)) // exactly 34.5%
	fmt.Println(Percent(Of(29, 400), Default)) // exactly 7.25%
	fmt.Println(Percent(Of(29, 400), 2))
	fmt.Println(PercentFloat(0.345, Default)) // the float64 0.345 is a hair under
	fmt.Println(Count(3104), Number(Of(-11, 1), Default))
	// Output:
	// 35%
	// 7.3%
	// 7.25%
	// 35%
	// 3,104 −11
}

// FuzzPercent checks Exact and the formatters on any quotient of counts:
// the float64 rounds as the counts' exact fraction does, the fraction lies
// in the range PercentRange gives, and no float64 makes Exact fail.
func FuzzPercent(f *testing.F) {
	f.Add(int64(69), int64(200), 0.345)
	f.Add(int64(29), int64(400), 7.25)
	f.Add(int64(1999), int64(2000), math.Inf(1))
	f.Add(int64(-3), int64(7), math.NaN())
	f.Fuzz(func(t *testing.T, num, den int64, x float64) {
		if r := Exact(x); r != nil {
			if got, _ := r.Float64(); got != x && !(x == 0 && got == 0) {
				t.Fatalf("Exact(%v) = %v, which is %v as a float64", x, r, got)
			}
			Percent(r, Default)
			Number(r, Default)
		}
		if den <= 0 || den >= 1<<25 || num < 0 || num >= 8*den {
			return
		}
		exact := big.NewRat(num, den)
		q := float64(num) / float64(den)
		for _, d := range []int{Default, 0, 1, 2} {
			if a, b := Percent(exact, d), PercentFloat(q, d); a != b {
				t.Fatalf("%d/%d at %d digits: %s from the counts, %s from the float64", num, den, d, a, b)
			}
			lo, hi := PercentRange(exact, d)
			if exact.Cmp(lo) < 0 || exact.Cmp(hi) > 0 {
				t.Fatalf("%d/%d (%s) outside [%v, %v]", num, den, Percent(exact, d), lo, hi)
			}
		}
		if a, b := Number(exact, 1), NumberFloat(q, 1); a != b {
			t.Fatalf("%d/%d: %s from the counts, %s from the float64", num, den, a, b)
		}
	})
}

// BenchmarkPercentFloat is the cost of one rate written from a float64:
// recovering its fraction and rounding it.
func BenchmarkPercentFloat(b *testing.B) {
	for b.Loop() {
		PercentFloat(237.0/3104, Default)
	}
}
