// Package par runs work on several goroutines and carries a panic in any
// of them back to the caller's goroutine.
//
// A panic in a goroutine of its own kills the process with a goroutine
// dump, past any recover in the command; paper promises instead that an
// internal bug prints one line asking for a report. Work split with Go
// re-panics in the goroutine that called it, where the command's recover
// sees it.
package par

import (
	"fmt"
	"sync"
	"sync/atomic"
)

// Panic is the value re-panicked by Go: the first panic of any worker.
type Panic struct {
	Value any
}

func (p Panic) String() string { return fmt.Sprint(p.Value) }

// Go calls fn(w) on workers goroutines, w from 0 to workers-1, and waits
// for all of them. If any panics, Go panics with a Panic holding the first
// value after all have stopped.
func Go(workers int, fn func(w int)) {
	var (
		wg    sync.WaitGroup
		once  sync.Once
		first any
	)
	for w := range workers {
		wg.Go(func() {
			defer func() {
				if v := recover(); v != nil {
					once.Do(func() { first = v })
				}
			}()
			fn(w)
		})
	}
	wg.Wait()
	if first != nil {
		panic(Panic{first})
	}
}

// Each calls fn(i) for every i from 0 to n-1 on at most workers
// goroutines, each taking the next i as it finishes one, so that long
// and short items share the workers out; it waits for all of them and
// carries a panic back as Go does. With workers below 2, or one item, it
// calls fn on the caller's goroutine, where a panic is fn's own.
func Each(n, workers int, fn func(i int)) {
	if workers < 2 || n < 2 {
		for i := range n {
			fn(i)
		}
		return
	}
	var next atomic.Int64
	Go(min(workers, n), func(int) {
		for i := int(next.Add(1) - 1); i < n; i = int(next.Add(1) - 1) {
			fn(i)
		}
	})
}
