//go:build !unix && !windows

package atomic

import "os"

// TryLock creates the file at path and reports it locked: this system has
// no file locks paper can use, so runs writing into one folder at the
// same time are not kept apart. unlock removes the file.
func TryLock(path string) (unlock func(), ok bool, err error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, false, err
	}
	return func() {
		f.Close()
		os.Remove(path)
	}, true, nil
}
