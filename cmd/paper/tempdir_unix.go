//go:build unix

package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// userTemp returns the user's folder for private temporary folders in
// parent, paper-UID (paper-1000 for user 1000), making it (mode 0700) if
// it is missing, and whether this call made it. The name is known to
// every user of a shared temporary folder, so anyone could make it first:
// it is used only if it is a folder (not a link to one), owned by this
// user, that nobody else may enter or write to; else userTemp returns ""
// and the caller makes its folder in parent as before. In a sticky
// temporary folder (/tmp) nobody else can then rename or replace it.
func userTemp(parent string) (dir string, made bool) {
	uid := os.Getuid()
	dir = filepath.Join(parent, "paper-"+strconv.Itoa(uid))
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		err = os.Mkdir(dir, 0o700)
		made = err == nil
		if err == nil || errors.Is(err, fs.ErrExist) {
			fi, err = os.Lstat(dir)
		}
	}
	if err != nil || !fi.IsDir() || fi.Mode().Perm()&0o077 != 0 {
		return "", false
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); !ok || int(st.Uid) != uid {
		return "", false
	}
	return dir, made
}

// takeTemp returns a private folder for this run in the user's folder
// base: one an earlier run left there that nobody holds (its lock is
// free), emptied of whatever a run killed outright left in it; or, when
// every one is held (runs at the same time), a new one. The folder stays
// when the run ends, emptied, for the next run: making a folder and its
// lock file and removing them at the end took 0.85-2.3 ms a run on the
// development machine (0.27-0.39 ms of it CPU), locking and emptying one
// an earlier run left 0.03-0.07 ms (BenchmarkPrivateTemp). Any further free folder is removed (a burst of runs
// at once left it), so base holds about as many folders as run at once.
// A folder without a lock file (one being made, or not paper's) is left
// alone. takeTemp returns nil if base cannot be read or written.
func takeTemp(base string) *privateTemp {
	entries, err := os.ReadDir(base)
	if err != nil {
		return nil
	}
	var took *privateTemp
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), tempPrefix) {
			continue
		}
		dir := filepath.Join(base, e.Name())
		f := lockExisting(filepath.Join(dir, tempLock))
		if f == nil {
			continue
		}
		if took != nil || !emptyTemp(dir) {
			os.RemoveAll(dir)
			f.Close()
			continue
		}
		took = kept(dir, f)
	}
	if took != nil {
		return took
	}
	// A new folder; another run may take it before its lock is held,
	// and then this run makes another.
	for range 10 {
		dir, err := os.MkdirTemp(base, tempPrefix)
		if err != nil {
			return nil
		}
		lock := filepath.Join(dir, tempLock)
		f, err := os.OpenFile(lock, os.O_RDONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			os.Remove(dir)
			return nil
		}
		f.Close()
		if f := lockExisting(lock); f != nil {
			return kept(dir, f)
		}
	}
	return nil
}

// kept is the private folder dir, whose lock file f holds, kept for the
// next run when this one ends.
func kept(dir string, f *os.File) *privateTemp {
	return &privateTemp{dir: dir, remove: func() {
		emptyTemp(dir)
		f.Close()
	}}
}

// lockExisting takes the lock on the existing lock file at path without
// waiting, and returns the open file that holds it, or nil if the file
// is missing or another run holds the lock. The file is never removed
// while its folder is in use, so a lock on a file no longer at path (its
// folder removed meanwhile by another run) is refused.
func lockExisting(path string) *os.File {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err == nil {
		held, err1 := f.Stat()
		now, err2 := os.Lstat(path)
		if err1 == nil && err2 == nil && os.SameFile(held, now) {
			return f
		}
	}
	f.Close()
	return nil
}

// emptyTemp removes everything in the private folder dir but its lock
// file, and reports whether it could.
func emptyTemp(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	ok := true
	for _, e := range entries {
		if e.Name() != tempLock && os.RemoveAll(filepath.Join(dir, e.Name())) != nil {
			ok = false
		}
	}
	return ok
}
