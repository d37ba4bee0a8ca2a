// Package atomic writes a command's outputs so that readers see either the
// old set of files or the complete new one: data goes to temporary files
// in the target folder, is synced, and is renamed over the targets.
//
// Around that, it keeps one folder's outputs consistent when several runs
// write there, or a run dies:
//
//   - Runs writing into the same folder take turns: each holds an
//     exclusive lock on the folder's lock file (.paper.lock, flock(2) on
//     Unix) from before its first temporary file until its last rename,
//     and then removes it. The lock is released by the kernel when a
//     process dies, kill -9 included, so it never goes stale.
//   - Before renaming, a run writes a journal (.paper-journal) naming its
//     temporary files and their targets. A run that dies while renaming
//     leaves the journal; the next run into the folder finishes those
//     renames (every temporary file was complete and synced before the
//     journal was written), so the folder never holds one run's PDF beside
//     another's DOCX.
//   - The next run also removes what a killed run left behind: temporary
//     files (.NAME.tmp-N), backups (.NAME.tmp-N.old) and a half-written
//     journal.
//   - Abort, for a signal handler, removes every temporary file in
//     progress and stops further writes.
//
// Modes: a new file gets its File.Perm less the umask (the kernel applies
// it); a rebuilt file keeps the mode of the file it replaces, except that
// a class (group, others) that Perm gives nothing gets nothing, so an
// output meant to be private never stays world-readable because an
// earlier version left it so.
package atomic

import (
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// File is one output of a set.
type File struct {
	Path string
	Data []byte
	// Perm is the mode of a new file before the umask: 0o644 for a file
	// anyone may read, 0o640 for one that must never be world-readable.
	Perm os.FileMode
}

// LockName and JournalName are the files WriteFiles keeps in an output
// folder while it writes: the lock runs take turns on, and the list of
// renames of a run in progress.
const (
	LockName    = ".paper.lock"
	JournalName = ".paper-journal"
)

// LockTimeout is how long WriteFiles waits for another run to finish
// writing into the same folder before giving up. Writing takes
// milliseconds; a run holding the lock this long is stopped (Ctrl-Z) or
// hung.
var LockTimeout = time.Minute

// OnWait, when set, is called once when WriteFiles has waited a second
// for another run writing into dir, so the user knows why nothing
// happens.
var OnWait func(dir string)

// WriteFiles writes every file atomically and as a set as far as the file
// system allows: all contents are first written to temporary files, and
// only when every one of them is complete are they renamed into place. If
// any write fails, no target is touched and the temporary files are
// removed. The files must all be in one folder, which must exist.
//
// A rename can still fail part-way through the set (a target that is a
// folder, say). So before renaming, each existing target is hard-linked
// to a backup name; if a later rename fails, the targets already replaced
// are restored from their backups and targets that did not exist are
// removed, which leaves every earlier output as it was. Where the file
// system has no hard links the set is replaced without that safety net,
// each file still atomically.
func WriteFiles(files []File) error {
	if len(files) == 0 {
		return nil
	}
	// Write in a fixed order so failures are reproducible.
	files = slices.Clone(files)
	slices.SortFunc(files, func(a, b File) int {
		switch {
		case a.Path < b.Path:
			return -1
		case a.Path > b.Path:
			return 1
		}
		return 0
	})
	dir := filepath.Dir(files[0].Path)
	for i, f := range files {
		if filepath.Dir(f.Path) != dir {
			return fmt.Errorf("writing %s: not in %s, the folder of the other outputs", f.Path, dir)
		}
		if i > 0 && files[i-1].Path == f.Path {
			return fmt.Errorf("writing %s: named twice", f.Path)
		}
	}
	unlock, err := lockDir(dir)
	if err != nil {
		return err
	}
	defer unlock()
	if err := recoverDir(dir); err != nil {
		return err
	}

	var done []pending
	fail := func(err error) error {
		for _, p := range done {
			discard(p.tmp)
			discard(p.backup)
		}
		return err
	}
	for _, f := range files {
		p := pending{dst: f.Path, mode: f.Perm.Perm()}
		if fi, err := os.Stat(f.Path); err == nil {
			if !fi.Mode().IsRegular() {
				return fail(fmt.Errorf("writing %s: a folder or other non-file is in the way", f.Path))
			}
			p.existed = true
			p.mode = keptMode(fi.Mode(), f.Perm)
		}
		p.tmp, err = writeTemp(f.Path, f.Data, p.mode, p.existed)
		if err != nil {
			return fail(err)
		}
		done = append(done, p)
		if p.existed {
			if b, err := register(p.tmp + ".old"); err == nil {
				if os.Link(p.dst, b) == nil {
					p.backup = b
				} else {
					discard(b)
				}
				done[len(done)-1] = p
			}
		}
	}
	hook("temps")
	if err := commit(dir, done); err != nil {
		return fail(err)
	}
	return nil
}

// pending is one file of a set on its way into place.
type pending struct {
	tmp, dst, backup string
	existed          bool
	mode             os.FileMode
}

// keptMode is the mode a rebuilt file gets: the old file's permission
// bits, less every class (owner, group, others) perm gives nothing.
func keptMode(old, perm os.FileMode) os.FileMode {
	m := old.Perm()
	for _, class := range []os.FileMode{0o700, 0o070, 0o007} {
		if perm&class == 0 {
			m &^= class
		}
	}
	return m
}

// commit writes the journal and renames a set's temporary files into
// place, the renames while holding state's lock so that Abort waits for
// them instead of cutting them short.
func commit(dir string, done []pending) error {
	var j journal
	for _, p := range done {
		j = append(j, entry{Tmp: filepath.Base(p.tmp), Dst: filepath.Base(p.dst)})
	}
	data, _ := json.Marshal(j)
	hook("journal")
	journalPath := filepath.Join(dir, JournalName)
	if err := writeJournal(journalPath, data); err != nil {
		return err
	}
	state.Lock()
	defer state.Unlock()
	if state.aborted {
		os.Remove(journalPath)
		return errAborted
	}
	for i, p := range done {
		hook("rename " + filepath.Base(p.dst))
		if err := os.Rename(p.tmp, p.dst); err != nil {
			// Put back what this call already replaced.
			for _, q := range done[:i] {
				if q.backup != "" {
					if os.Rename(q.backup, q.dst) == nil {
						q.backup = ""
					}
				} else if !q.existed {
					os.Remove(q.dst)
				}
			}
			os.Remove(journalPath)
			return fmt.Errorf("writing %s: %w", p.dst, err)
		}
		delete(state.temps, p.tmp)
	}
	syncDir(dir)
	hook("done")
	for _, p := range done {
		if p.backup != "" {
			os.Remove(p.backup)
			delete(state.temps, p.backup)
		}
	}
	os.Remove(journalPath)
	return nil
}

// journal lists a set's renames, by name within the folder.
type journal []entry

type entry struct{ Tmp, Dst string }

// writeJournal writes the journal through a temporary file of its own, so
// a journal is either absent or complete.
func writeJournal(path string, data []byte) error {
	tmp, err := createTemp(path, 0o600)
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if err = errors.Join(err, tmp.Close()); err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		discard(tmp.Name())
		return fmt.Errorf("writing %s: %w", path, err)
	}
	forget(tmp.Name())
	syncDir(filepath.Dir(path))
	return nil
}

// leftover matches the temporary and backup files of this package (and of
// its earlier versions, which used os.CreateTemp's decimal suffixes).
var leftover = regexp.MustCompile(`^\..+\.tmp-[0-9]+(\.old)?$`)

// recoverDir finishes the renames of a run that died while renaming into
// dir and removes the temporary files of runs that died earlier. It runs
// with dir's lock held, so no temporary file in dir belongs to a live run.
func recoverDir(dir string) error {
	journalPath := filepath.Join(dir, JournalName)
	if data, err := os.ReadFile(journalPath); err == nil {
		var j journal
		if json.Unmarshal(data, &j) == nil {
			for _, e := range j {
				if !leftover.MatchString(e.Tmp) || !strings.HasPrefix(e.Tmp, "."+e.Dst+".tmp-") || strings.ContainsAny(e.Tmp, `/\`) || e.Dst == "" {
					continue // not an entry this package wrote
				}
				// Only a complete temporary file of a regular file is
				// renamed; what cannot be is removed below with the
				// other leftovers, and the old output stays.
				tmp := filepath.Join(dir, e.Tmp)
				if fi, err := os.Lstat(tmp); err == nil && fi.Mode().IsRegular() {
					if dfi, err := os.Lstat(filepath.Join(dir, e.Dst)); err != nil || dfi.Mode().IsRegular() {
						os.Rename(tmp, filepath.Join(dir, e.Dst))
					}
				}
			}
			syncDir(dir)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	for _, e := range entries {
		if e.Type().IsRegular() && leftover.MatchString(e.Name()) {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	os.Remove(journalPath)
	return nil
}

// state is what Abort needs: every temporary file in progress, and
// whether the process is stopping.
var state struct {
	sync.Mutex
	aborted bool
	temps   map[string]bool
	locks   map[string]bool // lock files held
}

var errAborted = errors.New("interrupted")

// Abort removes every temporary file of the writes in progress and makes
// every later write fail: a signal handler calls it just before the
// process exits. A set already being renamed into place is finished first
// (renames take microseconds and each leaves a complete file), so the
// folder holds a consistent set either way.
func Abort() {
	state.Lock()
	defer state.Unlock()
	state.aborted = true
	for t := range state.temps {
		os.Remove(t)
	}
	clear(state.temps)
	// The process is about to exit, which releases the locks; their files
	// go now, as unlock would remove them, so the folder is left clean.
	for l := range state.locks {
		os.Remove(l)
	}
	clear(state.locks)
}

// register records name as a temporary file in progress, unless the
// process is stopping.
func register(name string) (string, error) {
	state.Lock()
	defer state.Unlock()
	if state.aborted {
		return "", errAborted
	}
	if state.temps == nil {
		state.temps = map[string]bool{}
	}
	state.temps[name] = true
	return name, nil
}

// discard removes a temporary file and forgets it.
func discard(name string) {
	if name == "" {
		return
	}
	state.Lock()
	defer state.Unlock()
	os.Remove(name)
	delete(state.temps, name)
}

// forget forgets a temporary file that has been renamed or was never
// created.
func forget(name string) {
	state.Lock()
	defer state.Unlock()
	delete(state.temps, name)
}

// createTemp creates a new temporary file beside dst, named so that
// recoverDir recognises it, with mode perm less the umask.
func createTemp(dst string, perm os.FileMode) (*os.File, error) {
	dir, base := filepath.Split(dst)
	for range 1000 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		if _, err := register(name); err != nil {
			return nil, fmt.Errorf("writing %s: %w", dst, err)
		}
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if err == nil {
			return f, nil
		}
		forget(name)
		if !errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("writing %s: %w", dst, err)
		}
	}
	return nil, fmt.Errorf("writing %s: no free temporary name", dst)
}

// writeTemp writes data to a new temporary file beside dst with the given
// mode. A new file is created with mode itself, so the umask applies; a
// replacement is created private and then given the old file's mode, so
// it is never readable more widely than the file it replaces.
func writeTemp(dst string, data []byte, mode os.FileMode, existed bool) (string, error) {
	create := mode
	if existed {
		create = 0o600 & mode
	}
	f, err := createTemp(dst, create)
	if err != nil {
		return "", err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if werr == nil && existed {
		werr = f.Chmod(mode)
	}
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		discard(tmp)
		return "", fmt.Errorf("writing %s: %w", dst, err)
	}
	return tmp, nil
}

// syncDir makes the folder's renames durable where the system allows it.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// lockDir takes dir's lock, waiting up to LockTimeout for another run to
// release it.
func lockDir(dir string) (unlock func(), err error) {
	path := filepath.Join(dir, LockName)
	start := time.Now()
	told := false
	for {
		release, ok, err := TryLock(path)
		if err != nil {
			return nil, fmt.Errorf("locking output folder %s: %w", dir, err)
		}
		if ok {
			state.Lock()
			if state.locks == nil {
				state.locks = map[string]bool{}
			}
			state.locks[path] = true
			state.Unlock()
			return func() {
				state.Lock()
				held := state.locks[path]
				delete(state.locks, path)
				state.Unlock()
				if held { // else Abort removed the file, and the exit releases the lock
					release()
				}
			}, nil
		}
		waited := time.Since(start)
		if waited >= LockTimeout {
			return nil, fmt.Errorf("%s: another paper run has been writing into this folder for over %d seconds (is it stopped, with Ctrl-Z?); nothing written", dir, int(LockTimeout.Round(time.Second)/time.Second))
		}
		if !told && waited >= time.Second && OnWait != nil {
			OnWait(dir)
			told = true
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// hookFn, when set by a test, runs at each step of a write: "temps" once
// the temporary files are complete, then with the lock held "journal",
// "rename NAME" before each rename and "done" after them. It lets a test
// fail a rename, or kill the process, between steps.
var hookFn func(step string)

func hook(step string) {
	if hookFn != nil {
		hookFn(step)
	}
}
