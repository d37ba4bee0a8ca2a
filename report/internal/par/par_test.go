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
