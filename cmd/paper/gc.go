package main

import (
	"math"
	"runtime"
	"runtime/debug"
	"strings"
)

// The garbage collector's defaults suit a long-running server: a cycle
// each time the heap doubles from a 4 MB start. A build of the example
// paper allocates about 25 MB in a few tens of milliseconds and ends, so
// any cycle frees nothing it would not free by exiting. The one-shot
// commands (build, check, decision) therefore start with the collector
// off under a soft memory limit (oneShotMemory): a paper of ordinary size
// never collects at all. A larger one (a case log of millions of rows)
// collects once its heap reaches the limit, and from then on runs as a
// short command should, letting the heap grow five-fold between cycles
// (GOGC=400) with the limit lifted, so a live heap above the limit is
// never collected over and over to stay under it. A pack builds every
// paper of a meeting in one process, so its heap grows with the meeting;
// it runs at GOGC=400 under a soft memory limit, above which the
// collector works harder rather than let the process grow. A GOGC or
// GOMEMLIMIT the user sets wins.
const (
	gcPercent     = 400
	gcOff         = -1        // debug.SetGCPercent's "off"
	oneShotMemory = 256 << 20 // bytes: the heap at which a one-shot command first collects
	packMemory    = 512 << 20 // bytes: a pack's soft limit
	noMemoryCap   = math.MaxInt64
	leaveAsIs     = -2 // a percent gcTuning leaves to the runtime
)

// gcPolicy is how a command's process collects: the GC percent and soft
// memory limit (bytes) to start with, leaveAsIs and noMemoryCap meaning
// "leave as is", and whether, after the first cycle, to switch to
// gcPercent with the limit lifted.
type gcPolicy struct {
	percent int
	limit   int64
	relax   bool
}

// gcTuning returns the policy for the command line args: metrics, whose
// heap holds the case log's rows, preview, which serves, and the quick
// commands keep the runtime's defaults.
func gcTuning(args []string, getenv func(string) string) gcPolicy {
	p := gcPolicy{percent: leaveAsIs, limit: noMemoryCap}
	cmd := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			cmd = a
			break
		}
	}
	switch cmd {
	case "build", "check", "decision":
		p = gcPolicy{percent: gcOff, limit: oneShotMemory, relax: true}
	case "pack":
		p = gcPolicy{percent: gcPercent, limit: packMemory}
	}
	userGOGC, userLimit := getenv("GOGC") != "", getenv("GOMEMLIMIT") != ""
	if p.relax && (userGOGC || userLimit) {
		// Collecting off without its limit, or the limit without the
		// collector off, is not this policy: the ordinary short-command
		// setting, less what the user set.
		p = gcPolicy{percent: gcPercent, limit: noMemoryCap}
	}
	if userGOGC {
		p.percent = leaveAsIs
	}
	if userLimit {
		p.limit = noMemoryCap
	}
	return p
}

// tuneGC applies gcTuning to the process.
func tuneGC(args []string, getenv func(string) string) {
	p := gcTuning(args, getenv)
	if p.percent != leaveAsIs {
		debug.SetGCPercent(p.percent)
	}
	if p.limit != noMemoryCap {
		debug.SetMemoryLimit(p.limit)
	}
	if p.relax {
		afterFirstGC(func() {
			debug.SetGCPercent(gcPercent)
			debug.SetMemoryLimit(noMemoryCap)
		})
	}
}

// gcSentinel is an object nothing refers to, whose finalizer tells of
// the first collection. It holds a pointer so that it is never batched
// with other small objects by the tiny allocator, which would delay its
// finalizer.
type gcSentinel struct {
	_ *byte
	_ [48]byte
}

// afterFirstGC calls f on the finalizer goroutine once the first garbage
// collection from now has run.
func afterFirstGC(f func()) {
	runtime.SetFinalizer(new(gcSentinel), func(*gcSentinel) { f() })
}
