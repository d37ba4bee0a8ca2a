package diag

import (
	"fmt"
	"io"
	"io/fs"
	"os"
)

// NotRegularError is returned for an input path that names a folder, a
// named pipe (FIFO), a device, a socket or anything else that is not a
// regular file. Reading such a path would block forever (a FIFO nobody
// writes to), never end (/dev/zero) or fail with a confusing message, so
// it is refused before it is read.
type NotRegularError struct {
	Mode fs.FileMode
}

func (e *NotRegularError) Error() string {
	switch t := e.Mode.Type(); {
	case t&fs.ModeDir != 0:
		return "is not a regular file: it is a folder"
	case t&fs.ModeNamedPipe != 0:
		return "is not a regular file: it is a named pipe (FIFO)"
	case t&fs.ModeSocket != 0:
		return "is not a regular file: it is a socket"
	case t&fs.ModeDevice != 0:
		return "is not a regular file: it is a device"
	}
	return "is not a regular file"
}

// TooLargeError is returned for an input larger than its kind's limit.
// What names the kind ("a report definition"), for the message.
type TooLargeError struct {
	Size, Max int64
	What      string
}

func (e *TooLargeError) Error() string {
	size := Size(e.Size)
	if size == Size(e.Max) {
		size = "over " + size // just over the limit: "4.0 MB" would read as within it
	}
	return fmt.Sprintf("the file is %s; %s is at most %s", size, e.What, Size(e.Max))
}

// Size formats a byte count the way the limits are stated: "4.0 MB",
// "12 KB".
func Size(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// Stat checks that path is a regular file (following symbolic links) of
// at most max bytes, without opening it. The error is a
// *NotRegularError, a *TooLargeError or the error of os.Stat; ReadError
// words any of them for the user. The path is first passed to every
// recorder (see Record), found or not.
func Stat(path string, max int64, what string) error {
	note(path)
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	return check(fi, max, what)
}

func check(fi fs.FileInfo, max int64, what string) error {
	if !fi.Mode().IsRegular() {
		return &NotRegularError{Mode: fi.Mode()}
	}
	if fi.Size() > max {
		return &TooLargeError{Size: fi.Size(), Max: max, What: what}
	}
	return nil
}

// Open opens the regular file at path for reading, after checking it as
// Stat does. The file is opened without blocking (so a path swapped for
// a FIFO after the check cannot hang the open) and checked again through
// the open descriptor, which closes that race.
func Open(path string, max int64, what string) (*os.File, error) {
	f, _, err := open(path, max, what)
	return f, err
}

// open is Open, returning also what the open descriptor's stat found.
func open(path string, max int64, what string) (*os.File, fs.FileInfo, error) {
	if err := Stat(path, max, what); err != nil {
		return nil, nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return nil, nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		err = check(fi, max, what)
	}
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return f, fi, nil
}

// ReadFile reads the regular file at path, of at most max bytes, as
// Open checks it. Reading stops one byte past max, so a file that grows
// while it is read is still bounded and refused. The file is read into
// one buffer of its size (a case log of 750 KB costs 750 KB, not the
// 2 MB of a buffer doubled as it fills).
func ReadFile(path string, max int64, what string) ([]byte, error) {
	f, fi, err := open(path, max, what)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return readAll(f, max, what, fi.Size())
}

// ReadAll reads r to its end, but no more than max bytes: past them the
// error is a *TooLargeError (its Size is then max+1, all that was read).
func ReadAll(r io.Reader, max int64, what string) ([]byte, error) {
	return readAll(r, max, what, 0)
}

// readAll is ReadAll into a buffer sized for size bytes (at most max),
// grown only if more come.
func readAll(r io.Reader, max int64, what string, size int64) ([]byte, error) {
	if size <= 0 || size > max {
		size = min(max, 512)
	}
	lr := io.LimitReader(r, max+1)
	// One byte over the size expected, so the read that meets the end of
	// the file needs no more room.
	data := make([]byte, 0, size+1)
	for {
		n, err := lr.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
	}
	if int64(len(data)) > max {
		return nil, &TooLargeError{Size: int64(len(data)), Max: max, What: what}
	}
	return data, nil
}
