//go:build unix

package main

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
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
