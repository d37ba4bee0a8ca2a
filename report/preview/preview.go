// Package preview serves one committee paper as a web page on this
// computer while its author edits it: the page paper build --format html
// writes (laid out by the same pipeline, written by the same writer),
// rebuilt whenever the definition, its data or its style change, with
// what paper check reports at the top and a few lines of script that
// reload the page when it changes.
//
// It listens on the loopback interface only and answers only requests
// addressed to it there, so neither another computer nor a web site in
// the author's browser (by DNS rebinding) can read a paper that may be
// exempt. Besides the page it serves the files the page links (the
// appendices' PDFs), and nothing else; it writes nothing to disk.
package preview

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"slices"
	"sync"
	"syscall"
	"time"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/pipeline"
	"github.com/paperhq/paper/report/writers"
)

// DefaultPoll is how often the paper's inputs are looked at for changes.
const DefaultPoll = 250 * time.Millisecond

// settle is how long inputs must stay unchanged before a rebuild, so
// that an editor's save in several writes (or a script copying a case
// log in) is built once, when it is complete.
const settle = 100 * time.Millisecond

// maxSettle is how long inputs that never stay still are waited for.
const maxSettle = time.Second

// Options control a preview.
type Options struct {
	// Draft marks the paper DRAFT, as paper build --draft does.
	Draft bool
	// Date, when set, is the date written into the paper, as for
	// pipeline.Options.Date (SOURCE_DATE_EPOCH).
	Date time.Time
	// Style, when set, is the house style in place of the report's style
	// key, as pipeline.Options.Style (--style).
	Style string
	// Poll is how often inputs are looked at; zero means DefaultPoll.
	Poll time.Duration
	// OnBuild, when set, is called after every build, the first
	// included, with every problem check reports, sorted. It is called
	// from one goroutine at a time.
	OnBuild func(problems diag.List)
}

// ErrInUse is returned by Listen when the address is taken.
var ErrInUse = errors.New("address in use")

// Listen listens on addr (host:port, port 0 for any free port), which
// must be a loopback IP address such as 127.0.0.1: a preview is for this
// computer only. A host name is refused too, as it may name another
// interface.
func Listen(addr string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return nil, fmt.Errorf("%s: a preview listens on the loopback interface only (127.0.0.1), never on %q", addr, host)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		var en syscall.Errno
		// 10048 is Windows' WSAEADDRINUSE.
		if errors.As(err, &en) && (en == syscall.EADDRINUSE || en == 10048) {
			return nil, fmt.Errorf("%s: %w", addr, ErrInUse)
		}
		return nil, err
	}
	return ln, nil
}

// Server previews one paper.
type Server struct {
	path string
	opts Options

	mu  sync.Mutex
	cur *state // what is served now
	// good is the last build without errors, nil before the first.
	good *goodBuild
	// prints holds every watched input as it was when the page being
	// served was built (the build's inputs, the last good build's and
	// the definition).
	prints map[string]print

	done chan struct{} // closed when the server stops
}

// goodBuild is a build that laid the paper out without errors.
type goodBuild struct {
	html   []byte
	exempt bool
	// files maps the URL path of each file the page links to the file.
	files  map[string]string
	inputs []string
	at     time.Time
}

// New builds the paper at path for the first time and returns its
// preview, ready to Serve. Problems in the paper are not errors: they are
// shown on the page. An error (a diag.List) is returned only when the
// definition itself cannot be read (a missing file, a folder, a file too
// large), as paper build would refuse it.
func New(path string, opts Options) (*Server, error) {
	if err := diag.Stat(path, definition.MaxFileSize, "a report definition"); err != nil {
		if _, l := definition.Load(path); l.HasErrors() {
			return nil, l
		}
		return nil, diag.As(err)
	}
	if opts.Poll <= 0 {
		opts.Poll = DefaultPoll
	}
	s := &Server{path: path, opts: opts, done: make(chan struct{})}
	s.rebuild()
	return s, nil
}

// Serve serves the preview on ln and rebuilds the paper whenever its
// inputs change, until ctx is done; then it shuts the server down
// (closing the pages' event streams) and returns nil. Rebuilds are
// serial. Serve is called once.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s.handler(ln.Addr()), ReadHeaderTimeout: 10 * time.Second}
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	watchCtx, stopWatch := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		s.watch(watchCtx)
		close(watched)
	}()
	var err error
	select {
	case <-ctx.Done():
	case err = <-served:
	}
	stopWatch()
	close(s.done)
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	if srv.Shutdown(shut) != nil {
		srv.Close()
	}
	<-watched
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}

// current returns what is served now.
func (s *Server) current() *state {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.cur
}

// rebuild builds the paper, as check and build --format html do, and
// replaces what is served: the new page, or the problems above the last
// good build.
func (s *Server) rebuild() {
	s.mu.Lock()
	inputs := s.inputs(keys(s.prints)...)
	s.mu.Unlock()
	// The inputs are looked at before the build reads them, so that a
	// change made while it runs is seen by the next look.
	before := fingerprints(inputs)

	var seenMu sync.Mutex
	seen := []string{s.path}
	stop := diag.Record(func(p string) {
		seenMu.Lock()
		seen = append(seen, p)
		seenMu.Unlock()
	})
	p, problems := pipeline.Inspect(s.path, pipeline.Options{Draft: s.opts.Draft, Date: s.opts.Date, Style: s.opts.Style})
	var good *goodBuild
	if p != nil && !problems.HasErrors() {
		var page bytes.Buffer
		w, _ := writers.Lookup("html")
		if _, err := w.Write(&page, p.Doc); err != nil {
			problems = append(problems, diag.Diagnostic{File: s.path, Msg: "writing the HTML: " + err.Error()})
		} else {
			good = &goodBuild{html: page.Bytes(), exempt: p.Report.Exempt(), files: links(p.Doc, p.Report.Dir), at: time.Now()}
		}
	}
	stop()
	problems = append(diag.List(nil), problems...)
	problems.Sort()
	seenMu.Lock()
	slices.Sort(seen)
	seen = slices.Compact(seen)
	seenMu.Unlock()

	s.mu.Lock()
	if good != nil {
		good.inputs = seen
		s.good = good
	}
	prints := map[string]print{}
	for _, in := range s.inputs(seen...) {
		if fp, ok := before[in]; ok {
			prints[in] = fp
		} else {
			prints[in] = fingerprint(in)
		}
	}
	s.prints = prints
	next := compose(s.path, problems, s.good)
	if s.cur == nil || s.cur.version != next.version {
		if s.cur != nil {
			close(s.cur.changed)
		}
		s.cur = next
	}
	s.mu.Unlock()
	if s.opts.OnBuild != nil {
		s.opts.OnBuild(problems)
	}
}

// inputs returns the files to watch: the definition, the inputs of the
// last good build (whose page is shown while the definition is broken)
// and more; s.mu must be held.
func (s *Server) inputs(more ...string) []string {
	in := append([]string{s.path}, more...)
	if s.good != nil {
		in = append(in, s.good.inputs...)
	}
	slices.Sort(in)
	return slices.Compact(in)
}

// watch rebuilds the paper whenever an input changes, until ctx is done.
func (s *Server) watch(ctx context.Context) {
	tick := time.NewTicker(s.opts.Poll)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.mu.Lock()
		old := s.prints
		s.mu.Unlock()
		now := fingerprints(keys(old))
		if equal(now, old) {
			continue
		}
		// Wait until the inputs stay still for settle, or build anyway
		// after maxSettle of changes (a file written to without pause).
		for start := time.Now(); time.Since(start) < maxSettle; {
			select {
			case <-ctx.Done():
				return
			case <-time.After(settle):
			}
			later := fingerprints(keys(now))
			if equal(later, now) {
				break
			}
			now = later
		}
		s.rebuild()
	}
}
