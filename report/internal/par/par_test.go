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

func TestStartRunsBesideTheCaller(t *testing.T) {
	// fn blocks until the caller, still running, lets it go: Start must
	// not have waited for it.
	release := make(chan struct{})
	var got int
	wait := Start(func() {
		<-release
		got = 42
	})
	close(release)
	wait()
	if got != 42 {
		t.Errorf("after wait, fn's result = %d, want 42", got)
	}
}

func TestStartCarriesAPanicToWait(t *testing.T) {
	wait := Start(func() { panic("boom") })
	defer func() {
		v := recover()
		p, ok := v.(Panic)
		if !ok || p.String() != "boom" {
			t.Errorf("recovered %#v, want Panic{boom}", v)
		}
	}()
	wait()
	t.Error("wait returned despite a panicking fn")
}

func TestEachCallsEveryItemOnce(t *testing.T) {
	for _, tc := range []struct{ n, workers int }{{0, 4}, {1, 4}, {5, 1}, {7, 3}, {100, 16}, {3, 8}} {
		calls := make([]atomic.Int32, tc.n)
		Each(tc.n, tc.workers, func(i int) { calls[i].Add(1) })
		for i := range calls {
			if c := calls[i].Load(); c != 1 {
				t.Errorf("Each(%d, %d): item %d called %d times, want 1", tc.n, tc.workers, i, c)
			}
		}
	}
}

func TestEachCarriesAPanicToTheCaller(t *testing.T) {
	defer func() {
		if p, ok := recover().(Panic); !ok || p.String() != "boom at 5" {
			t.Errorf("recovered %#v, want Panic{boom at 5}", p)
		}
	}()
	Each(10, 3, func(i int) {
		if i == 5 {
			panic("boom at 5")
		}
	})
	t.Error("Each returned despite a panicking item")
}
