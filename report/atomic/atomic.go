// Package atomic writes a command's outputs so that readers see either the
// old set of files or the complete new one: data goes to temporary files
// in the target folder (written and synced side by side, each sync
// waiting on the disk rather than the CPU), and they are renamed over the
// targets; the folder is synced after the renames.
//
// Around that, it keeps one folder's outputs consistent when several runs
// write there, or a run dies:
//
//   - Runs writing into the same folder take turns: each holds an
//     exclusive lock on the folder's lock file (.paper.lock, flock(2) on
//     Unix) from before its first temporary file until its last rename,
//     and then removes it. The lock is released by the kernel when a
//     process dies, kill -9 included, so it never goes stale.
//   - Before renaming a set of two outputs or more, a run puts a journal
//     (.paper-journal) in place naming its temporary files and their
//     targets. A run that dies while renaming leaves the journal; the next
//     run into the folder finishes those renames (every temporary file was
//     complete and synced before the journal was), so the folder never
//     holds one run's PDF beside another's DOCX. A set of one file (or of
//     one new folder) takes one rename, which is atomic by itself, so it
//     writes no journal and no backup; the next run still finds, in the
//     listing of the folder it reads for leftovers, a journal an earlier
//     run of several outputs left.
//   - The next run also removes what a killed run left behind: temporary
//     files (.NAME.tmp-N), backups (.NAME.tmp-N.old) and a half-written
//     journal.
//   - Abort, for a signal handler, removes every temporary file in
//     progress and stops further writes.
//
// An output can also be a folder of files (WriteSet's Folder: a web site
// of pages and PDFs): it is written whole into a temporary folder beside
// its target, synced, and renamed into place with the set, so that it
// appears whole or not at all; a rebuild replaces the old folder whole.
//
// Modes: a new file gets its File.Perm less the umask (the kernel applies
// it); a rebuilt file keeps the mode of the file it replaces, except that
// a class (group, others) that Perm gives nothing gets nothing, so an
// output meant to be private never stays world-readable because an
// earlier version left it so. A folder is treated alike, with search
// (execute) permission wherever it may be read.
package atomic

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/paperhq/paper/report/internal/par"
)

// File is one output of a set.
type File struct {
	Path string
	Data []byte
	// Perm is the mode of a new file before the umask: 0o644 for a file
	// anyone may read, 0o640 for one that must never be world-readable.
	Perm os.FileMode
}

// Folder is an output that is a folder of files, replaced as a whole: a
// rebuild leaves exactly Files in it. It holds no subfolders.
type Folder struct {
	Path string
	// Files are the folder's files by name: a plain name, no separator,
	// not "." or "..", not starting with "." (a hidden file would be
	// published unseen).
	Files []Entry
	// Perm is the mode of the folder's files, as File.Perm; the folder
	// itself gets search permission wherever Perm gives read (0o644
	// makes a 0o755 folder of 0o644 files).
	Perm os.FileMode
}

// Entry is one file of a Folder.
type Entry struct {
	Name string
	Data []byte
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
// A rename can still fail part-way through a set of several files (a
// target that is a folder, say). So before renaming, each existing target
// of such a set is hard-linked to a backup name; if a later rename fails,
// the targets already replaced are restored from their backups and
// targets that did not exist are removed, which leaves every earlier
// output as it was. Where the file system has no hard links the set is
// replaced without that safety net, each file still atomically. A set of
// one file needs none of this: its one rename either replaces the old file
// or fails and leaves it.
//
// The temporary files are written and synced side by side; if several
// fail, the error is that of the first failing file in name order, so
// the same failure gives the same message whichever finished first.
func WriteFiles(files []File) error { return WriteSet(files, nil) }

// WriteSet writes files and folders as one set, as WriteFiles writes
// files. A folder is written whole into a temporary folder beside its
// target and synced; at the commit an existing target folder is renamed
// aside and the new one renamed into place (two renames, microseconds
// apart: a reader between them finds no folder, never a part of one),
// and the old one is removed once the whole set is in place. A target
// folder that holds anything but files (a subfolder, a link) is not
// paper's and is refused, as a folder in the way of a file is.
func WriteSet(files []File, folders []Folder) error {
	outs := make([]output, 0, len(files)+len(folders))
	for _, f := range files {
		outs = append(outs, output{path: f.Path, data: f.Data, perm: f.Perm})
	}
	for _, f := range folders {
		if err := checkEntries(f); err != nil {
			return err
		}
		outs = append(outs, output{path: f.Path, entries: f.Files, perm: f.Perm, folder: true})
	}
	if len(outs) == 0 {
		return nil
	}
	// Write in a fixed order so failures are reproducible.
	slices.SortFunc(outs, func(a, b output) int { return strings.Compare(a.path, b.path) })
	dir := filepath.Dir(outs[0].path)
	for i, f := range outs {
		if filepath.Dir(f.path) != dir {
			return fmt.Errorf("writing %s: not in %s, the folder of the other outputs", f.path, dir)
		}
		if i > 0 && outs[i-1].path == f.path {
			return fmt.Errorf("writing %s: named twice", f.path)
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

	set := make([]pending, len(outs))
	for i, f := range outs {
		if set[i], err = plan(f); err != nil {
			return err
		}
	}
	// One file, or one folder that is new, goes into place with one
	// rename, which is atomic by itself and leaves the old file if it
	// fails: there is no later rename that could fail and need it back,
	// and nothing for a crashed run's successor to finish. Only a set
	// that takes two renames or more needs the journal and the backups.
	journaled := len(set) > 1 || set[0].folder && set[0].existed
	journalTmp, err := writeTemps(dir, outs, set, journaled)
	if err != nil {
		return err
	}
	hook("temps")
	if err := commit(dir, set, journalTmp); err != nil {
		for _, p := range set {
			discard(p.tmp)
			discard(p.backup)
		}
		return err
	}
	return nil
}

// plan checks that output f may be written (nothing but a file of
// paper's kind is in the way of a file, nothing but a folder of files in
// the way of a folder) and returns it pending, with the mode it gets.
func plan(f output) (pending, error) {
	p := pending{dst: f.path, mode: f.perm.Perm(), folder: f.folder}
	if f.folder {
		p.mode = folderMode(f.perm)
	}
	fi, err := os.Lstat(f.path)
	if err != nil {
		return p, nil
	}
	switch {
	case f.folder && !fi.IsDir():
		return p, fmt.Errorf("writing %s: a file or other non-folder is in the way", f.path)
	case f.folder:
		if err := onlyFiles(f.path); err != nil {
			return p, err
		}
	case !fi.Mode().IsRegular():
		return p, fmt.Errorf("writing %s: a folder or other non-file is in the way", f.path)
	}
	p.existed = true
	p.mode = keptMode(fi.Mode(), p.mode)
	return p, nil
}

// maxSyncs is how many temporary files writeTemps writes and syncs at
// once: enough for the disk to take the syncs of a set together, few
// enough that a web site of hundreds of files does not start a thread
// for each.
const maxSyncs = 16

// writeTemps makes the temporary file or folder of each output of set,
// one after another so that each gets its name in the set's order, and
// records it in set; then it writes and syncs their contents side by
// side: a sync waits on the disk, not the CPU, and the disk commits
// several at once about as fast as one. For a journaled set the journal
// goes to a temporary file of its own beside them (it names the others,
// which are complete and synced before commit renames it into place);
// writeTemps returns that file's name. A journaled set's existing files
// are also hard-linked to backups, for commit to put back if a later
// rename fails. On any failure writeTemps removes every temporary file
// and backup it made, touches no target, and returns the error of the
// first failing output in the set's order (its folder's files in their
// order, the journal last), so that a failure gives the same message
// whichever write finished first.
func writeTemps(dir string, outs []output, set []pending, journaled bool) (journalTmp string, err error) {
	var (
		jobs  []func() error
		files []*os.File // open until their job closes them
	)
	fail := func(err error) (string, error) {
		for _, p := range set {
			discard(p.tmp)
			discard(p.backup)
		}
		discard(journalTmp)
		return "", err
	}
	failOpen := func(err error) (string, error) {
		for _, f := range files {
			f.Close()
		}
		return fail(err)
	}
	for i, o := range outs {
		p := &set[i]
		if o.folder {
			p.tmp, err = newTemp(p.dst, func(name string) error { return os.Mkdir(name, createMode(p.mode, 0o700, p.existed)|0o700) })
			if err != nil {
				return failOpen(err)
			}
			fileMode := p.mode &^ 0o111
			for _, e := range o.entries {
				path := filepath.Join(p.tmp, e.Name)
				jobs = append(jobs, func() error {
					hook("write " + filepath.Base(p.dst) + "/" + e.Name)
					if err := writeEntry(path, e.Data, fileMode, p.existed); err != nil {
						return fmt.Errorf("writing %s: %w", filepath.Join(p.dst, e.Name), err)
					}
					return nil
				})
			}
			continue
		}
		f, err := createTemp(p.dst, createMode(p.mode, 0o600, p.existed))
		if err != nil {
			return failOpen(err)
		}
		p.tmp = f.Name()
		files = append(files, f)
		backup := journaled && p.existed
		jobs = append(jobs, func() error {
			hook("write " + filepath.Base(p.dst))
			if err := fill(f, o.data, p.mode, p.existed); err != nil {
				return fmt.Errorf("writing %s: %w", p.dst, err)
			}
			if backup {
				if b, err := register(p.tmp + ".old"); err == nil {
					if os.Link(p.dst, b) == nil {
						p.backup = b
					} else {
						discard(b)
					}
				}
			}
			return nil
		})
	}
	if journaled {
		var j journal
		for _, p := range set {
			j = append(j, entry{Tmp: filepath.Base(p.tmp), Dst: filepath.Base(p.dst)})
		}
		data, _ := json.Marshal(j)
		journalPath := filepath.Join(dir, JournalName)
		f, err := createTemp(journalPath, 0o600)
		if err != nil {
			return failOpen(err)
		}
		journalTmp = f.Name()
		jobs = append(jobs, func() error {
			hook("write " + JournalName)
			if err := fill(f, data, 0o600, false); err != nil {
				return fmt.Errorf("writing %s: %w", journalPath, err)
			}
			return nil
		})
	}
	errs := runJobs(jobs)
	if stopping() {
		// Abort came while the files were written: it removed them,
		// and the writes that failed for it say so less clearly.
		return fail(fmt.Errorf("writing %s: %w", set[0].dst, errAborted))
	}
	if err := firstError(errs); err != nil {
		return fail(err)
	}
	for _, p := range set {
		if p.folder {
			if err := finishFolder(p.tmp, p.mode, p.existed); err != nil {
				return fail(fmt.Errorf("writing %s: %w", p.dst, err))
			}
		}
	}
	return journalTmp, nil
}

// runJobs runs jobs, up to maxSyncs at a time, and returns their errors
// by job. A single job runs on the caller's goroutine.
func runJobs(jobs []func() error) []error {
	errs := make([]error, len(jobs))
	par.Each(len(jobs), maxSyncs, func(i int) { errs[i] = jobs[i]() })
	return errs
}

// firstError is the first of errs that is not nil, or nil.
func firstError(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// createMode is the mode a temporary file or folder is created with: a
// new output's own mode, so that the umask applies; a replacement's
// within private (0o600 for a file, 0o700 for a folder), so that it is
// never readable more widely than what it replaces before fill or
// finishFolder gives it the old mode.
func createMode(mode, private os.FileMode, existed bool) os.FileMode {
	if existed {
		return private & mode
	}
	return mode
}

// output is one file or folder of a set.
type output struct {
	path    string
	data    []byte
	entries []Entry
	perm    os.FileMode
	folder  bool
}

// pending is one file or folder of a set on its way into place. The
// backup of a file is a hard link to the old one; of a folder, the old
// folder itself, renamed aside at the commit.
type pending struct {
	tmp, dst, backup string
	existed, folder  bool
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

// commit renames a set's temporary files into place, holding state's
// lock so that Abort waits for the renames instead of cutting them
// short. A journaled set's journal (journalTmp, complete and synced) is
// renamed into place first and its folder synced, so that a run killed
// between two renames leaves the next run the list of what to finish;
// it is removed once every rename is done and synced.
func commit(dir string, set []pending, journalTmp string) error {
	journalPath := filepath.Join(dir, JournalName)
	state.Lock()
	defer state.Unlock()
	if state.aborted {
		return errAborted
	}
	if journalTmp != "" {
		hook("journal")
		if err := os.Rename(journalTmp, journalPath); err != nil {
			os.Remove(journalTmp)
			delete(state.temps, journalTmp)
			return fmt.Errorf("writing %s: %w", journalPath, plain(err))
		}
		delete(state.temps, journalTmp)
		syncDir(dir)
	}
	for i := range set {
		p := &set[i]
		hook("rename " + filepath.Base(p.dst))
		err := error(nil)
		if p.folder && p.existed {
			// The old folder goes aside first: a folder cannot be
			// renamed over one that holds files.
			backup := p.tmp + ".old"
			state.temps[backup] = true
			if err = os.Rename(p.dst, backup); err == nil {
				p.backup = backup
			} else {
				delete(state.temps, backup)
			}
		}
		if err == nil {
			err = os.Rename(p.tmp, p.dst)
		}
		if err != nil {
			// Put back what this call already replaced.
			for j := range set[:i+1] {
				q := &set[j]
				switch {
				case q.folder && q.backup != "":
					if q.dst == p.dst || os.Rename(q.dst, q.tmp) == nil {
						if os.Rename(q.backup, q.dst) == nil {
							delete(state.temps, q.backup)
							q.backup = ""
						}
					}
				case q.dst == p.dst:
				case q.backup != "":
					if os.Rename(q.backup, q.dst) == nil {
						delete(state.temps, q.backup)
						q.backup = ""
					}
				case !q.existed:
					if q.folder {
						os.RemoveAll(q.dst)
					} else {
						os.Remove(q.dst)
					}
				}
			}
			if journalTmp != "" {
				os.Remove(journalPath)
			}
			return fmt.Errorf("writing %s: %w", p.dst, plain(err))
		}
		delete(state.temps, p.tmp)
	}
	// The backups are needed only to undo a failed rename, so they go
	// while the folder is synced, side by side: removing an old output's
	// last link frees its blocks, which takes a while (a run killed
	// meanwhile leaves the next run leftovers to remove). The journal
	// goes once the renames are synced.
	var backups []string
	for _, p := range set {
		if p.backup != "" {
			backups = append(backups, p.backup)
			delete(state.temps, p.backup)
		}
	}
	if len(backups) == 0 {
		syncDir(dir)
	} else {
		par.Go(len(backups)+1, func(i int) {
			if i == len(backups) {
				syncDir(dir)
				return
			}
			removeTemp(backups[i])
		})
	}
	hook("done")
	if journalTmp != "" {
		os.Remove(journalPath)
	}
	return nil
}

// folderMode is the mode of a folder whose files have mode perm: search
// permission for each class that may read.
func folderMode(perm os.FileMode) os.FileMode {
	m := perm.Perm()
	for _, r := range []os.FileMode{0o400, 0o040, 0o004} {
		if m&r != 0 {
			m |= r >> 2
		}
	}
	return m
}

// checkEntries refuses a folder whose file names are not plain, visible
// file names, or are given twice.
func checkEntries(f Folder) error {
	seen := map[string]bool{}
	for _, e := range f.Files {
		if e.Name == "" || e.Name == "." || e.Name == ".." || strings.HasPrefix(e.Name, ".") || strings.ContainsAny(e.Name, `/\`+"\x00") || filepath.Base(e.Name) != e.Name {
			return fmt.Errorf("writing %s: %q is not a plain file name", f.Path, e.Name)
		}
		if seen[e.Name] {
			return fmt.Errorf("writing %s: %s named twice", f.Path, e.Name)
		}
		seen[e.Name] = true
	}
	return nil
}

// onlyFiles refuses to replace a folder that holds anything but regular
// files: paper writes nothing else into one, so anything else was put
// there by someone, and a rebuild would remove it.
func onlyFiles(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("writing %s: %w", dir, err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			return fmt.Errorf("writing %s: it holds %s, which is not a file paper wrote (paper writes no subfolders into it); move it out and run again", dir, e.Name())
		}
	}
	return nil
}

// flat reports whether path is a folder holding only regular files: what
// a folder of this package is, so that removing it removes no one
// else's tree.
func flat(path string) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.IsDir() {
		return false
	}
	return onlyFiles(path) == nil
}

// removeTemp removes a temporary file, or a temporary folder and the
// files in it.
func removeTemp(name string) {
	if flat(name) {
		os.RemoveAll(name)
		return
	}
	os.Remove(name)
}

// journal lists a set's renames, by name within the folder.
type journal []entry

type entry struct{ Tmp, Dst string }

// leftover reports whether name is that of a temporary or backup file of
// this package (or of its earlier versions, which used os.CreateTemp's
// decimal suffixes): what the regular expression ^\..+\.tmp-[0-9]+(\.old)?$
// matches, tested by hand because compiling the expression cost every
// process 0.08 ms at start (GODEBUG=inittrace=1).
func leftover(name string) bool {
	s := strings.TrimSuffix(name, ".old")
	i := strings.LastIndex(s, ".tmp-")
	if i < 2 || s[0] != '.' || strings.Contains(s[1:i], "\n") {
		return false
	}
	digits := s[i+len(".tmp-"):]
	return digits != "" && strings.Trim(digits, "0123456789") == ""
}

// recoverDir finishes the renames of a run that died while renaming into
// dir and removes the temporary files of runs that died earlier. It runs
// with dir's lock held, so no temporary file in dir belongs to a live run.
// It reads dir once, for the leftovers, and finds there whether a journal
// was left: a run that wrote one file, or one that died before the
// renames, left none, and then nothing more is read.
func recoverDir(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("output folder %s: %w", dir, err)
	}
	journalPath := filepath.Join(dir, JournalName)
	journaled := slices.ContainsFunc(entries, func(e os.DirEntry) bool { return e.Name() == JournalName })
	if journaled {
		finishJournal(dir, journalPath)
		// The renames moved files: what is left over is read again.
		if entries, err = os.ReadDir(dir); err != nil {
			return fmt.Errorf("output folder %s: %w", dir, err)
		}
	}
	for _, e := range entries {
		if !leftover(e.Name()) {
			continue
		}
		if path := filepath.Join(dir, e.Name()); e.Type().IsRegular() {
			os.Remove(path)
		} else if e.IsDir() && flat(path) {
			os.RemoveAll(path)
		}
	}
	if journaled {
		os.Remove(journalPath)
	}
	return nil
}

// finishJournal does the renames the journal at journalPath lists that
// are still to be done.
func finishJournal(dir, journalPath string) {
	data, err := os.ReadFile(journalPath)
	if err != nil {
		return
	}
	var j journal
	if json.Unmarshal(data, &j) != nil {
		return
	}
	for _, e := range j {
		if !leftover(e.Tmp) || !strings.HasPrefix(e.Tmp, "."+e.Dst+".tmp-") || strings.ContainsAny(e.Tmp, `/\`) || e.Dst == "" {
			continue // not an entry this package wrote
		}
		// Only a complete temporary file of a regular file is
		// renamed; what cannot be is removed with the other
		// leftovers, and the old output stays.
		tmp := filepath.Join(dir, e.Tmp)
		dst := filepath.Join(dir, e.Dst)
		fi, err := os.Lstat(tmp)
		switch {
		case err != nil:
		case fi.Mode().IsRegular():
			if dfi, err := os.Lstat(dst); err != nil || dfi.Mode().IsRegular() {
				os.Rename(tmp, dst)
			}
		case flat(tmp):
			// A folder, complete but not yet in place: the old one
			// goes aside (unless the run had moved it), then the new
			// one in.
			if dfi, err := os.Lstat(dst); err == nil {
				if !dfi.IsDir() || !flat(dst) || os.Rename(dst, tmp+".old") != nil {
					break
				}
			}
			os.Rename(tmp, dst)
		}
	}
	syncDir(dir)
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
		removeTemp(t)
	}
	clear(state.temps)
	// The process is about to exit, which releases the locks; their files
	// go now, as unlock would remove them, so the folder is left clean.
	for l := range state.locks {
		os.Remove(l)
	}
	clear(state.locks)
}

// stopping reports whether Abort has been called.
func stopping() bool {
	state.Lock()
	defer state.Unlock()
	return state.aborted
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
	removeTemp(name)
	delete(state.temps, name)
}

// createTemp creates a new temporary file beside dst, named so that
// recoverDir recognises it, with mode perm less the umask.
func createTemp(dst string, perm os.FileMode) (*os.File, error) {
	var f *os.File
	_, err := newTemp(dst, func(name string) (err error) {
		f, err = os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		return err
	})
	return f, err
}

// newTemp makes a new temporary file or folder beside dst with create,
// under a free name that recoverDir recognises, registered for Abort.
func newTemp(dst string, create func(name string) error) (string, error) {
	dir, base := filepath.Split(dst)
	for range 1000 {
		name := filepath.Join(dir, "."+base+".tmp-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := made(func() error { return create(name) }, name)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return "", fmt.Errorf("writing %s: %w", dst, plain(err))
		}
	}
	return "", fmt.Errorf("writing %s: no free temporary name", dst)
}

// made runs create, which makes a temporary file or folder, under
// state's lock unless the process is stopping, and registers name (if
// not empty) for Abort once it exists. So Abort either finds what create
// made, or comes first and nothing is made: a write running beside a
// signal handler leaves nothing behind.
func made(create func() error, name string) error {
	state.Lock()
	defer state.Unlock()
	if state.aborted {
		return errAborted
	}
	if err := create(); err != nil {
		return err
	}
	if name != "" {
		if state.temps == nil {
			state.temps = map[string]bool{}
		}
		state.temps[name] = true
	}
	return nil
}

// plain is err without the operation and path of a *fs.PathError or
// *os.LinkError: those name the random temporary file, and a message
// names the output, the same from run to run.
func plain(err error) error {
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		return pe.Err
	case errors.As(err, &le):
		return le.Err
	}
	return err
}

// fill writes data to the new temporary file f and syncs it, gives it
// mode if it replaces a file (it was created private), and closes it.
func fill(f *os.File, data []byte, mode os.FileMode, existed bool) error {
	_, werr := f.Write(data)
	if werr == nil {
		werr = f.Sync()
	}
	if werr == nil && existed {
		werr = f.Chmod(mode)
	}
	return errors.Join(plain(werr), plain(f.Close()))
}

// finishFolder syncs the temporary folder tmp, whose files are written
// and synced, and gives it mode: as for a file, a new folder was created
// with its mode (and the owner's full access, for its files to go in) so
// that the umask applies, a replacement private, and it now gets the old
// folder's mode.
func finishFolder(tmp string, mode os.FileMode, existed bool) error {
	syncDir(tmp)
	final := mode
	if !existed {
		final = mode &^ umaskOf(tmp, mode|0o700)
	}
	return plain(os.Chmod(tmp, final))
}

// umaskOf is the umask as the kernel applied it to path, created with
// mode asked.
func umaskOf(path string, asked os.FileMode) os.FileMode {
	fi, err := os.Stat(path)
	if err != nil {
		return 0o022
	}
	return asked &^ fi.Mode().Perm()
}

// writeEntry writes one file of a temporary folder, created (under
// state's lock, so never after Abort has removed the folder) with its
// mode if the folder is new, private if it replaces one.
func writeEntry(path string, data []byte, mode os.FileMode, existed bool) error {
	var f *os.File
	err := made(func() (err error) {
		f, err = os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, createMode(mode, 0o600, existed))
		return err
	}, "")
	if err != nil {
		return plain(err)
	}
	return fill(f, data, mode, existed)
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

// hookFn, when set by a test, runs at each step of a write: "write NAME"
// as each temporary file's content starts (NAME is the output's name, a
// folder's file's "FOLDER/NAME", the journal's .paper-journal; these run
// side by side, so the hook must be safe for concurrent use), "temps"
// once the temporary files are complete, then with the lock held
// "journal" before the journal is renamed into place (a journaled set
// only), "rename NAME" before each rename and "done" after them. It lets
// a test fail a rename, reorder the writes, or kill the process, between
// steps.
var hookFn func(step string)

func hook(step string) {
	if hookFn != nil {
		hookFn(step)
	}
}
