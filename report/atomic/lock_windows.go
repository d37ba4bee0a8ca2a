//go:build windows

package atomic

import (
	"errors"
	"os"
	"syscall"
)

// errorSharingViolation is Windows' ERROR_SHARING_VIOLATION, which the
// syscall package does not name.
const errorSharingViolation syscall.Errno = 32

// TryLock takes an exclusive lock on the file at path, creating it if
// needed, without waiting: ok is false when another process holds it.
// unlock releases the lock and removes the file. On Windows the lock is
// the file opened with no sharing, which the system closes when the
// process dies, however it dies.
func TryLock(path string) (unlock func(), ok bool, err error) {
	p, err := syscall.UTF16PtrFromString(path)
	if err != nil {
		return nil, false, err
	}
	h, err := syscall.CreateFile(p, syscall.GENERIC_READ, 0, nil, syscall.OPEN_ALWAYS, syscall.FILE_ATTRIBUTE_NORMAL, 0)
	if err != nil {
		if errors.Is(err, errorSharingViolation) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return func() {
		syscall.CloseHandle(h)
		os.Remove(path) // fails harmlessly if another run has opened it since
	}, true, nil
}
