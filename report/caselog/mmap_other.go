//go:build !linux

package caselog

import "os"

// mapFile reports that f is not mapped: off Linux the file is read with
// read(2), wanted mapped or not.
func mapFile(f *os.File, want bool) (data []byte, unmap func(), ok bool) { return nil, nil, false }

// dropPages has nothing to do where files are not mapped.
func dropPages(m []byte, lo, hi int) {}
