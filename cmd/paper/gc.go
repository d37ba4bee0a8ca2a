package main

import (
	"math"
	"runtime/debug"
	"strings"
)

// The garbage collector's defaults suit a long-running server: a cycle
// each time the heap doubles from a 4 MB start. A build of the example
// paper allocates about 40 MB in 0.1 s and ends, so by default it runs a
// dozen cycles that free nothing it would not free by exiting. Short
// commands therefore let the heap grow five-fold between cycles
// (GOGC=400): two or three cycles, a few MB more resident. A pack builds
// every paper of a meeting in one process, so its heap grows with the
// meeting; it gets the same setting under a soft memory limit, above
// which the collector works harder rather than let the process grow.
// A GOGC or GOMEMLIMIT the user sets wins.
const (
	gcPercent   = 400
	packMemory  = 512 << 20 // bytes: a pack's soft limit
	noMemoryCap = math.MaxInt64
)

// gcTuning returns the GC percent and soft memory limit (bytes) for the
// command line args, -1 and noMemoryCap meaning "leave as is": metrics,
// whose heap holds the case log's rows, preview, which serves, and the
// quick commands keep the runtime's defaults.
func gcTuning(args []string, getenv func(string) string) (percent int, limit int64) {
	percent, limit = -1, noMemoryCap
	cmd := ""
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			cmd = a
			break
		}
	}
	switch cmd {
	case "build", "check", "decision":
		percent = gcPercent
	case "pack":
		percent, limit = gcPercent, packMemory
	}
	if getenv("GOGC") != "" {
		percent = -1
	}
	if getenv("GOMEMLIMIT") != "" {
		limit = noMemoryCap
	}
	return percent, limit
}

// tuneGC applies gcTuning to the process.
func tuneGC(args []string, getenv func(string) string) {
	percent, limit := gcTuning(args, getenv)
	if percent >= 0 {
		debug.SetGCPercent(percent)
	}
	if limit != noMemoryCap {
		debug.SetMemoryLimit(limit)
	}
}
