package par

import (
	"sync/atomic"
	"testing"
)

func TestGoRunsEveryWorker(t *testing.T) {
	var sum atomic.Int64
	Go(8, func(w int) { sum.Add(int64(w)) })
	if got := sum.Load(); got != 28 {
		t.Errorf("sum of worker numbers = %d, want 28", got)
	}
}

func TestGoCarriesAPanicToTheCaller(t *testing.T) {
	defer func() {
		v := recover()
		p, ok := v.(Panic)
		if !ok || p.String() != "boom in 3" {
			t.Errorf("recovered %#v, want Panic{boom in 3}", v)
		}
	}()
	Go(4, func(w int) {
		if w == 3 {
			panic("boom in 3")
		}
	})
	t.Error("Go returned despite a panicking worker")
}
