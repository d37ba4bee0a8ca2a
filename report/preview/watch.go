package preview

import (
	"crypto/sha256"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/paperhq/paper/report/diag"
)

// hashLimit is the largest input whose contents are hashed at each look;
// a larger one (a big case log) is known by its size and modification
// time alone. The hash catches a save that keeps the size and lands in
// the same tick of the file system's clock.
const hashLimit = 1 << 20

// print is what a look at an input sees.
type print struct {
	exists bool
	mode   fs.FileMode
	size   int64
	mod    int64 // modification time, Unix nanoseconds
	sum    [sha256.Size]byte
}

// fingerprint looks at the file at path. A missing or unreadable file has
// a print too, so its appearing is a change.
func fingerprint(path string) print {
	fi, err := os.Stat(path)
	if err != nil {
		return print{}
	}
	p := print{exists: true, mode: fi.Mode(), size: fi.Size(), mod: fi.ModTime().UnixNano()}
	if fi.Mode().IsRegular() && fi.Size() <= hashLimit {
		// Read as every input is, so a file swapped for a named pipe
		// cannot block the look.
		if b, err := diag.ReadFile(path, hashLimit, "an input"); err == nil {
			p.sum = sha256.Sum256(b)
		}
	}
	return p
}

// fingerprints looks at every path.
func fingerprints(paths []string) map[string]print {
	m := make(map[string]print, len(paths))
	for _, p := range paths {
		m[p] = fingerprint(p)
	}
	return m
}

func equal(a, b map[string]print) bool { return maps.Equal(a, b) }

func keys(m map[string]print) []string { return slices.Sorted(maps.Keys(m)) }
