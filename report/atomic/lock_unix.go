//go:build unix

package atomic

import (
	"errors"
	"os"
	"syscall"
)

// TryLock takes an exclusive lock on the file at path, creating it if
// needed, without waiting: ok is false when another process (or another
// open of the file in this one) holds it. unlock removes the file and
// releases the lock, so a lock file exists only while it is held, or
// after its holder was killed. The kernel releases the lock when the
// process dies, however it dies, so it never goes stale. The file is
// opened read-only, so a lock file another user created in a shared
// folder can still be locked.
func TryLock(path string) (unlock func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, err
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, nil
		}
		return nil, false, err
	}
	// The holder before us may have removed the file between our open
	// and our lock: then we hold a lock on a file nobody else will look
	// at, and must try again.
	held, err1 := f.Stat()
	now, err2 := os.Stat(path)
	if err1 != nil || err2 != nil || !os.SameFile(held, now) {
		f.Close()
		return nil, false, nil
	}
	return func() {
		os.Remove(path)
		f.Close()
	}, true, nil
}
