package pack

// SetInflateLimit lowers the decompression bound for a test, so that a
// small bomb trips it; it returns a function that restores the bound.
func SetInflateLimit(n int64) (restore func()) {
	old := inflateLimit
	inflateLimit = n
	return func() { inflateLimit = old }
}
