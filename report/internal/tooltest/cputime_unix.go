//go:build unix

package tooltest

import (
	"syscall"
	"time"
)

// CPUTime is the CPU time (user and system) the process has used, for
// benchmarks that report it beside the wall-clock time (work done on
// other goroutines counts).
func CPUTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
