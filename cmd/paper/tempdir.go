package main

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/paperhq/paper/report/atomic"
)

// Private temporary folders are named tempPrefix* and each holds
// tempLock, locked for as long as its process lives. They are kept in the
// user's folder for them (see userTemp) in the system's temporary folder,
// or, where there is none that can be trusted, made in the system's
// temporary folder itself and removed at the end, as earlier versions of
// paper did.
const (
	tempPrefix = "paper-tmp-"
	tempLock   = ".paper-tmp.lock"
)

// staleAfter is how old an unlocked private folder in the system's
// temporary folder must be before another run removes it: long enough
// that a run which has just made its folder and not yet locked it is
// never taken for a dead one. (In the user's folder a run writes into
// its folder only once it holds its lock, and a lock taken from under a
// run making one makes that run make another; see takeTemp.)
const staleAfter = 10 * time.Second

// privateTemp is a process's private temporary folder.
type privateTemp struct {
	dir string
	// remove removes what the run left in the folder, and the folder
	// unless it is kept for the next run, and releases its lock.
	remove func()
}

// newPrivateTemp takes a private temporary folder (mode 0700), locks it
// and points the process's TMPDIR (TMP and TEMP on Windows) at it.
//
// On Unix the folder is one in the user's own folder (userTemp), which
// holds only this user's runs' folders: one an earlier run left, which
// nobody holds, or a new one (takeTemp). Elsewhere, or where the user's
// folder cannot be trusted, a new folder is made in the system's
// temporary folder and removed at the end, as earlier versions of paper
// did; the folders of runs that died there without removing their own
// (killed with kill -9), known by their lock being free, are removed
// first. The run that makes the user's folder does that sweep once too,
// for the folders earlier versions left.
func newPrivateTemp() (*privateTemp, error) {
	parent := os.TempDir()
	base, made := userTemp(parent)
	if base == "" || made {
		removeStaleTemps(parent)
	}
	var p *privateTemp
	if base != "" {
		p = takeTemp(base)
	}
	if p == nil {
		dir, err := os.MkdirTemp(parent, tempPrefix)
		if err != nil {
			return nil, fmt.Errorf("cannot make a private temporary folder: %w (set TMPDIR to a folder you can write to)", err)
		}
		release, ok, err := atomic.TryLock(filepath.Join(dir, tempLock))
		if err != nil || !ok {
			os.RemoveAll(dir)
			return nil, fmt.Errorf("cannot lock the private temporary folder %s: %v", dir, err)
		}
		p = &privateTemp{dir: dir, remove: func() {
			os.RemoveAll(dir)
			release()
		}}
	}
	vars := []string{"TMPDIR"}
	if runtime.GOOS == "windows" {
		vars = []string{"TMP", "TEMP"}
	}
	for _, v := range vars {
		os.Setenv(v, p.dir)
	}
	return p, nil
}

// removeStaleTemps removes the private folders in parent whose runs are
// gone: the folder's lock file is older than staleAfter and nobody holds
// its lock. A folder without the lock file is not paper's and is left
// alone.
func removeStaleTemps(parent string) {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		dir := filepath.Join(parent, e.Name())
		lock := filepath.Join(dir, tempLock)
		fi, err := os.Lstat(lock)
		if err != nil || !fi.Mode().IsRegular() || time.Since(fi.ModTime()) < staleAfter {
			continue
		}
		release, ok, err := atomic.TryLock(lock)
		if err != nil || !ok {
			continue
		}
		os.RemoveAll(dir)
		release()
	}
}
