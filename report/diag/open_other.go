//go:build !unix

package diag

// oNonblock is zero where named pipes cannot be opened by path.
const oNonblock = 0
