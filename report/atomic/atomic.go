// Package atomic writes files so that readers see either the old file or
// the complete new one, never a partial file: data goes to a temporary file
// in the same directory, is synced, and is renamed over the target.
package atomic

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// WriteFile writes data to path atomically with permission perm.
func WriteFile(path string, data []byte, perm os.FileMode) error {
	return WriteFiles(map[string][]byte{path: data}, perm)
}

// WriteFiles writes every file atomically and as a set as far as the file
// system allows: all contents are first written to temporary files, and
// only when every one of them is complete are they renamed into place. If
// any write fails, no target is touched and the temporary files are
// removed.
func WriteFiles(files map[string][]byte, perm os.FileMode) error {
	type pending struct{ tmp, dst string }
	var done []pending
	cleanup := func() {
		for _, p := range done {
			os.Remove(p.tmp)
		}
	}
	// Write in a fixed order so failures are reproducible.
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, dst := range paths {
		tmp, err := writeTemp(dst, files[dst], perm)
		if err != nil {
			cleanup()
			return err
		}
		done = append(done, pending{tmp, dst})
	}
	for i, p := range done {
		if err := os.Rename(p.tmp, p.dst); err != nil {
			for _, q := range done[i:] {
				os.Remove(q.tmp)
			}
			return fmt.Errorf("writing %s: %w", p.dst, err)
		}
	}
	return nil
}

func writeTemp(dst string, data []byte, perm os.FileMode) (string, error) {
	dir := filepath.Dir(dst)
	f, err := os.CreateTemp(dir, "."+filepath.Base(dst)+".tmp-*")
	if err != nil {
		return "", fmt.Errorf("writing %s: %w", dst, err)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if werr == nil {
		werr = f.Chmod(perm)
	}
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		os.Remove(tmp)
		return "", fmt.Errorf("writing %s: %w", dst, err)
	}
	return tmp, nil
}
