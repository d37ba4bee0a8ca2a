package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCTuning(t *testing.T) {
	oneShot := gcPolicy{percent: gcOff, limit: oneShotMemory, relax: true}
	short := gcPolicy{percent: gcPercent, limit: noMemoryCap}
	defaults := gcPolicy{percent: leaveAsIs, limit: noMemoryCap}
	pack := gcPolicy{percent: gcPercent, limit: packMemory}
	for _, c := range []struct {
		name string
		args []string
		env  map[string]string
		want gcPolicy
	}{
		{"build", []string{"build", "report.yaml", "-o", "out"}, nil, oneShot},
		{"check", []string{"check", "report.yaml"}, nil, oneShot},
		{"decision", []string{"decision", "report.yaml"}, nil, oneShot},
		{"pack has a memory limit", []string{"pack", "agenda.yaml"}, nil, pack},
		{"a flag before the command", []string{"--quiet", "build", "r.yaml"}, nil, oneShot},
		{"metrics keeps the defaults", []string{"metrics", "c.csv"}, nil, defaults},
		{"preview keeps the defaults", []string{"preview", "r.yaml"}, nil, defaults},
		{"no command", []string{"--help"}, nil, defaults},
		{"user's GOGC wins", []string{"build", "r.yaml"}, map[string]string{"GOGC": "100"}, defaults},
		{"user's GOMEMLIMIT: the collector stays on", []string{"build", "r.yaml"}, map[string]string{"GOMEMLIMIT": "1GiB"}, short},
		{"user's GOGC=off: no limit of ours", []string{"check", "r.yaml"}, map[string]string{"GOGC": "off"}, defaults},
		{"user's GOGC, pack keeps its limit", []string{"pack", "a.yaml"}, map[string]string{"GOGC": "off"}, gcPolicy{percent: leaveAsIs, limit: packMemory}},
		{"user's GOMEMLIMIT wins", []string{"pack", "a.yaml"}, map[string]string{"GOMEMLIMIT": "4GiB"}, short},
		{"both set", []string{"pack", "a.yaml"}, map[string]string{"GOGC": "50", "GOMEMLIMIT": "200MiB"}, defaults},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := gcTuning(c.args, func(k string) string { return c.env[k] }); got != c.want {
				t.Errorf("gcTuning(%q) = %+v; want %+v", c.args, got, c.want)
			}
		})
	}
}

// TestOneShotGCRelaxes applies the one-shot commands' policy to this
// process: the collector is off under the limit until a collection runs,
// and from then on at gcPercent with no limit.
func TestOneShotGCRelaxes(t *testing.T) {
	percent, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(-1)
	defer func() {
		debug.SetGCPercent(percent)
		debug.SetMemoryLimit(limit)
	}()
	tuneGC([]string{"build", "report.yaml"}, func(string) string { return "" })
	if p, l := debug.SetGCPercent(gcOff), debug.SetMemoryLimit(-1); p != gcOff || l != oneShotMemory {
		t.Fatalf("after tuneGC: GC percent %d, limit %d; want off (%d) under %d", p, l, gcOff, oneShotMemory)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		runtime.GC()
		p := debug.SetGCPercent(gcOff)
		debug.SetGCPercent(p)
		if p == gcPercent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("GC percent still %d after collections; want %d", p, gcPercent)
		}
		time.Sleep(10 * time.Millisecond)
	}
	if l := debug.SetMemoryLimit(-1); l != noMemoryCap {
		t.Errorf("memory limit %d after the first collection; want none", l)
	}
}

// TestAfterFirstGC checks that the callback waits for a collection.
func TestAfterFirstGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(gcOff)) // no collection but the test's
	done := make(chan struct{})
	afterFirstGC(func() { close(done) })
	select {
	case <-done:
		t.Fatal("called before any collection")
	case <-time.After(20 * time.Millisecond):
	}
	runtime.GC()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("not called after a collection")
	}
}
