package charts

import "math"

// scale is a value axis from zero: n steps of step up to max.
type scale struct {
	step float64
	n    int
}

func (s scale) max() float64 { return s.step * float64(s.n) }

// ticks returns the tick values 0, step, ... max.
func (s scale) ticks() []float64 {
	t := make([]float64, s.n+1)
	for i := range t {
		t[i] = s.step * float64(i)
	}
	return t
}

// niceSteps are the mantissas of tick steps people read easily.
var niceSteps = []float64{1, 2, 2.5, 5}

// niceScale returns the scale from zero with n steps (n fixed when
// n > 0, else between 3 and 6) whose maximum is the smallest that holds
// dataMax. Whole-number scales (counts) never step by a fraction.
func niceScale(dataMax float64, n int, whole bool) scale {
	if !(dataMax > 0) || math.IsInf(dataMax, 0) {
		dataMax = 1
	}
	ns := []int{n}
	if n <= 0 {
		ns = []int{5, 4, 6, 3}
	}
	best := scale{}
	for _, k := range ns {
		s := scale{step: niceStep(dataMax/float64(k), whole), n: k}
		for s.max() < dataMax {
			s.step = niceStep(s.step*1.0001, whole)
		}
		if best.n == 0 || s.max() < best.max() {
			best = s
		}
	}
	return best
}

// niceStep is the smallest nice step of at least v.
func niceStep(v float64, whole bool) float64 {
	if whole && v <= 1 {
		return 1
	}
	e := math.Floor(math.Log10(v))
	for {
		p := math.Pow(10, e)
		for _, m := range niceSteps {
			s := m * p
			if whole && s != math.Trunc(s) {
				continue
			}
			if s >= v*(1-1e-9) {
				return s
			}
		}
		e++
	}
}

// percentScale is the rate axis: 0% to 100% in n steps.
func percentScale(n int) scale {
	if n == 4 {
		return scale{step: 0.25, n: 4}
	}
	return scale{step: 0.2, n: 5}
}
