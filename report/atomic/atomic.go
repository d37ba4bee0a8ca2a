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
//
// A rename can still fail part-way through the set (a target that is a
// folder, say). So before renaming, each existing target is hard-linked
// to a backup name; if a later rename fails, the targets already replaced
// are restored from their backups, which leaves every earlier output as
// it was. Where the file system has no hard links the set is replaced
// without that safety net, each file still atomically.
func WriteFiles(files map[string][]byte, perm os.FileMode) error {
	type pending struct{ tmp, dst, backup string }
	var done []pending
	cleanup := func() {
		for _, p := range done {
			os.Remove(p.tmp)
			if p.backup != "" {
				os.Remove(p.backup)
			}
		}
	}
	// Write in a fixed order so failures are reproducible.
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, dst := range paths {
		if fi, err := os.Stat(dst); err == nil && !fi.Mode().IsRegular() {
			cleanup()
			return fmt.Errorf("writing %s: a folder or other non-file is in the way", dst)
		}
		tmp, err := writeTemp(dst, files[dst], perm)
		if err != nil {
			cleanup()
			return err
		}
		p := pending{tmp: tmp, dst: dst}
		if _, err := os.Stat(dst); err == nil {
			p.backup = tmp + ".old"
			if os.Link(dst, p.backup) != nil {
				p.backup = ""
			}
		}
		done = append(done, p)
	}
	for i, p := range done {
		if renameHook != nil {
			renameHook(p.dst)
		}
		if err := os.Rename(p.tmp, p.dst); err != nil {
			// Put back what this call already replaced.
			for _, q := range done[:i] {
				if q.backup != "" {
					os.Rename(q.backup, q.dst)
				}
			}
			cleanup()
			return fmt.Errorf("writing %s: %w", p.dst, err)
		}
	}
	for _, p := range done {
		if p.backup != "" {
			os.Remove(p.backup)
		}
	}
	return nil
}

// renameHook, when set by a test, runs before each rename: it lets a test
// make a rename fail after the checks, as a concurrent change would.
var renameHook func(dst string)

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
