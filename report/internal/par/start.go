package par

// Start calls fn on a goroutine of its own and returns at once; wait
// waits for fn to return (call it once). If fn panicked, wait panics with a Panic
// holding the value, in the goroutine that called it, as Go does: work
// started beside other work (a file read while another is parsed) needs
// the same promise as work split over workers.
func Start(fn func()) (wait func()) {
	done := make(chan any, 1)
	go func() {
		defer func() { done <- recover() }()
		fn()
	}()
	return func() {
		if v := <-done; v != nil {
			panic(Panic{v})
		}
	}
}
