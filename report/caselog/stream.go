package caselog

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode/utf8"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/internal/par"
)

// A Sink receives the rows of a case log as Stream reads them, so that
// they can be counted without being kept.
type Sink interface {
	// Start is called before the first rows with the number of workers
	// that will give them, and again when reading starts over (a file
	// found not to be UTF-8 is read again as Windows-1252; one whose
	// quoting the fast reader will not split is read again by
	// encoding/csv): the rows given before are then to be forgotten.
	Start(workers int)
	// Rows gives worker w's next rows. Workers call it concurrently,
	// each from one goroutine; the slice is reused once Rows returns.
	// A row's Service indexes the worker's own table of services, which
	// Stream returns mapped to the log's; its Category is the worker's
	// own too.
	Rows(w int, rows []Row)
}

// MaxRecordSize bounds one row of a CSV case log read by Stream: rows
// of a case log are short, and a longer one is a quoted value that is
// never closed or a file that is not a CSV (one long line with no
// newline), which would otherwise be held whole.
const MaxRecordSize = 8 << 20

// MaxStreamServices bounds the different Service values a streamed case
// log may hold before its reading gives up counting them: the log is
// refused anyway past MaxServices, and a file of millions of different
// values must not hold them all.
const MaxStreamServices = 10 * MaxServices

// blockSize is the size of the blocks Stream reads, and batchRows the
// rows encoding/csv's reading gives a sink at a time (variables so that
// tests can cut small inputs).
var (
	blockSize = 4 << 20
	batchRows = 1 << 14
)

// mapFiles says to map the file where mapFile can, and afterMap, when
// set, is called once it is mapped (variables for tests of both readings
// and of a file cut short while it is read).
var (
	mapFiles = true
	afterMap func()
)

// flushRows is the rows a worker gives its sink at a time, few enough to
// stay in the CPU's cache between their parsing and their counting.
const flushRows = 2048

// Stream reads the case log at path as ReadFile does, with the same
// figures, problems and warnings, but gives its rows to sink as they are
// read instead of keeping them: a CSV (or .tsv, .txt) is read in blocks
// of a few MB cut at record boundaries, parsed by GOMAXPROCS workers
// (Options.Workers), so that memory does not grow with the file and the
// size limit of ReadFile does not apply. services[w][i] is the index in
// log.Services of worker w's service i, after folding.
//
// The returned log has no rows when it was streamed. An XLSX workbook,
// UTF-16 text and Options.Straightforward are read whole by ReadFile,
// within its limits, and then given to the sink as one worker's rows;
// that log keeps its rows, and its services map to themselves.
func Stream(path string, opt Options, sink Sink) (log *Log, services [][]uint32, err error) {
	if opt.Name == "" {
		opt.Name = path
	}
	if IsText(path) && !opt.Straightforward && opt.Encoding != UTF16 {
		f, err := diag.Open(path, math.MaxInt64, "a CSV case log")
		if err != nil {
			return nil, nil, diag.List{{File: opt.Name, Msg: readError(err)}}
		}
		defer f.Close()
		st := &streamer{f: f, name: opt.Name, opt: opt, sink: sink, workers: opt.workers()}
		log, services, errs, ok := st.read()
		if ok {
			if len(errs) > 0 {
				return nil, nil, errs
			}
			return log, services, nil
		}
	}
	log, err = ReadFile(path, opt)
	if err != nil {
		return nil, nil, err
	}
	sink.Start(1)
	sink.Rows(0, log.Rows)
	same := make([]uint32, len(log.Services))
	for i := range same {
		same[i] = uint32(i)
	}
	return log, [][]uint32{same}, nil
}

// streamer reads one CSV file in blocks.
type streamer struct {
	f       *os.File
	name    string
	opt     Options
	sink    Sink
	workers int
}

// worker is one goroutine's parser with the counts of its rows that the
// log's warnings and folding need.
type worker struct {
	p     *parser
	stats rowStats
	rows  []int // rows per service of p
	dec   []byte
}

// flush counts the parser's rows, gives them to the sink and drops them.
func (w *worker) flush(sink Sink, i int) {
	w.stats.add(w.p.rows)
	for _, r := range w.p.rows {
		for int(r.Service) >= len(w.rows) {
			w.rows = append(w.rows, 0)
		}
		w.rows[r.Service]++
	}
	sink.Rows(i, w.p.rows)
	w.p.rows = w.p.rows[:0]
}

// pass is how one reading of the file ended.
type pass struct {
	log      *Log
	services [][]uint32
	errs     diag.List
	// invalidLine is the first line that is not UTF-8, when reading
	// UTF-8 found one; bad says the fast reader met quoting it will not
	// split.
	invalidLine int
	bad         bool
	// sep, first and skip say where the records start, for reading
	// again with encoding/csv: skip bytes of the decoded text.
	sep         byte
	first, skip int
}

// read reads the file: in blocks, again as Windows-1252 when it is not
// UTF-8 and the encoding was not given, and with encoding/csv when its
// quoting needs it. ok is false for UTF-16 text, which must be read
// whole.
func (st *streamer) read() (log *Log, services [][]uint32, errs diag.List, ok bool) {
	var head [2]byte
	n, _ := io.ReadFull(st.f, head[:])
	if n == 2 && (head == [2]byte{0xFF, 0xFE} || head == [2]byte{0xFE, 0xFF}) {
		return nil, nil, nil, false
	}
	enc := st.opt.Encoding
	var warnings diag.List
	for {
		res := st.fast(enc)
		switch {
		case res.invalidLine > 0 && enc == UTF8:
			return nil, nil, diag.List{{File: st.name, Line: res.invalidLine, Msg: notUTF8}}, true
		case res.invalidLine > 0:
			warnings.Warnf(st.name, res.invalidLine, 0, "", "%s", guessed1252)
			enc = Windows1252
			continue
		case res.bad:
			res = st.straightforward(enc, res)
		}
		if len(res.errs) > 0 {
			return nil, nil, res.errs, true
		}
		res.log.Warnings = append(warnings, res.log.Warnings...)
		return res.log, res.services, nil, true
	}
}

// block is a part of the file holding whole records.
type block struct {
	buf  []byte // the pool's buffer, returned when done
	text []byte // the records
	line int    // the line text starts on
	idx  int
	last bool
	// decoded says text is UTF-8 already (the header's block).
	decoded bool
	// off is the offset of text in the file's mapping, or -1 when text
	// is not in it.
	off int
}

// recordTooLong is a row longer than MaxRecordSize, starting at line.
type recordTooLong struct{ line int }

func (e *recordTooLong) Error() string {
	return fmt.Sprintf("a row longer than %d MB starts on this line: rows of a case log are short, so a quoted value is probably not closed (a \" missing), or the file is not a CSV", MaxRecordSize>>20)
}

// fast reads the file once with the byte-level scanner, block by block.
func (st *streamer) fast(enc string) (res pass) {
	validate := enc == "" || enc == UTF8
	decode := enc == Windows1252
	if _, err := st.f.Seek(0, io.SeekStart); err != nil {
		res.errs = diag.List{{File: st.name, Msg: readError(err)}}
		return res
	}
	rd := &blockReader{f: st.f, free: make(chan []byte, st.workers+2), max: st.workers + 2, line: 1}
	if m, unmap, ok := mapFile(st.f, mapFiles); ok {
		defer unmap()
		rd.mapped = m
		if afterMap != nil {
			afterMap()
		}
		// A file cut short after it was mapped faults where its pages
		// are gone: that is a reading error, not a crash.
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer cutShort(st.name, func(l diag.List) { res = pass{errs: l} })
	}
	b0, err := rd.next()
	if err != nil {
		res.errs = rd.problem(st.name, err)
		return res
	}
	// The header's block: blocks are joined while they hold blank lines
	// only.
	var (
		rest, text  []byte
		sep         byte
		line, hline int
		sepWarnings diag.List
		hs          *scanner
		found       bool
	)
	ext := strings.ToLower(filepath.Ext(st.name))
	for {
		if validate && !utf8.Valid(b0.text) {
			res.invalidLine = b0.line + bytes.Count(b0.text[:invalidAt(b0.text)], nl)
			return res
		}
		text = b0.text
		if decode {
			text = fromWindows1252(text)
		}
		rest, sep, line, sepWarnings = separator(st.name, text, ext == ".tsv" || ext == ".txt")
		rest = bytes.TrimPrefix(rest, bom)
		eof := -1
		if b0.last {
			eof = len(rest)
		}
		hs = &scanner{sep: sep, special: specials[sep], data: rest, end: len(rest), eof: eof, line: line}
		hline, found = hs.next()
		if found || hs.bad || b0.last {
			break
		}
		b, err := rd.next()
		if err != nil {
			res.errs = rd.problem(st.name, err)
			return res
		}
		joined := block{text: append(slices.Clip(b0.text), b.text...), line: b0.line, last: b.last, off: -1}
		rd.done(b0)
		rd.done(b)
		b0 = joined
	}
	res.sep, res.first, res.skip = sep, line, len(text)-len(rest)
	special := specials[sep]
	if hs.bad {
		if validate && !st.validateRest(rd) {
			res.invalidLine = rd.invalid
		} else {
			res.bad = true
		}
		return res
	}
	if !found {
		res.errs = emptyFile(st.name)
		return res
	}
	header := make([]string, len(hs.fields))
	for i, f := range hs.fields {
		header[i] = string(f)
	}
	lay, herrs := resolve(st.name, hline, header, st.opt)
	if len(herrs) > 0 {
		if validate && !st.validateRest(rd) {
			res.invalidLine = rd.invalid
			return res
		}
		res.errs = herrs
		return res
	}
	first := block{buf: b0.buf, text: rest[hs.pos:], line: hs.line, last: b0.last, decoded: true, off: -1}

	st.sink.Start(st.workers)
	ws := make([]*worker, st.workers)
	var bad, stop atomic.Bool
	// The workers read the blocks in turn, under mu, in file order: no
	// goroutine but theirs competes for the CPUs.
	var mu sync.Mutex
	pending, done := &first, first.last
	next := func() (block, bool) {
		mu.Lock()
		defer mu.Unlock()
		if pending != nil {
			b := *pending
			pending = nil
			return b, true
		}
		if done || stop.Load() || (bad.Load() && !validate) {
			return block{}, false
		}
		b, err := rd.next()
		if err != nil {
			rd.err, done = err, true
			return block{}, false
		}
		done = b.last
		return b, true
	}
	invalid := map[int]int{} // block index -> first line not UTF-8
	par.Go(st.workers, func(i int) {
		if rd.mapped != nil {
			debug.SetPanicOnFault(true) // see above
		}
		w := &worker{p: newParser(lay, st.name, st.opt.maxErrors())}
		w.p.maxNames = MaxStreamServices
		// The rows of a flush, made once at their full size: grown
		// from nothing they would take twice the memory (a build does
		// not collect garbage), and a worker given no block never
		// touches them.
		w.p.rows = make([]Row, 0, flushRows)
		ws[i] = w
		for {
			b, ok := next()
			if !ok {
				return
			}
			text := b.text
			if !b.decoded && validate && !utf8.Valid(text) {
				mu.Lock()
				invalid[b.idx] = b.line + bytes.Count(text[:invalidAt(text)], nl)
				mu.Unlock()
				stop.Store(true)
			}
			if !b.decoded && decode {
				w.dec = appendWindows1252(w.dec[:0], text)
				text = w.dec
			}
			if !stop.Load() && !bad.Load() {
				eof := -1
				if b.last {
					eof = len(text)
				}
				s := &scanner{sep: sep, special: special, data: text, end: len(text), eof: eof, line: b.line}
				if w.p.quickable() {
					s.quick = w.p
				}
				for {
					line, ok := s.next()
					if !ok {
						break
					}
					if !s.taken {
						w.p.record(s.fields, line)
					}
					if len(w.p.rows) == flushRows {
						w.flush(st.sink, i)
					}
				}
				if s.bad {
					bad.Store(true)
				}
				w.flush(st.sink, i)
			}
			rd.done(b)
		}
	})
	if len(invalid) > 0 {
		lo := math.MaxInt
		for k, line := range invalid {
			if k < lo {
				lo, res.invalidLine = k, line
			}
		}
		return res
	}
	if rd.err != nil {
		res.errs = rd.problem(st.name, rd.err)
		return res
	}
	if bad.Load() {
		res.bad = true
		return res
	}
	ps := make([]*parser, len(ws))
	for i, w := range ws {
		ps[i] = w.p
	}
	cs := make([]*collector, len(ps))
	for k, p := range ps {
		cs[k] = &p.errs
	}
	if errs := append(finish(st.name, st.opt.maxErrors(), cs...), unknownErrors(st.name, lay, ps)...); len(errs) > 0 {
		res.errs = errs
		return res
	}
	res.log, res.services, res.errs = st.finish(lay, ws)
	if res.errs == nil {
		res.log.Warnings = append(sepWarnings, res.log.Warnings...)
	}
	return res
}

// validateRest reads the rest of the file to find whether it is UTF-8,
// setting rd.invalid to the first line that is not; it reports whether
// it is.
func (st *streamer) validateRest(rd *blockReader) bool {
	for {
		b, err := rd.next()
		if err != nil {
			return true // the reading again says what is wrong
		}
		if !utf8.Valid(b.text) {
			rd.invalid = b.line + bytes.Count(b.text[:invalidAt(b.text)], nl)
			return false
		}
		rd.done(b)
		if b.last {
			return true
		}
	}
}

// straightforward reads the file again with encoding/csv, streaming its
// text to it, as ReadCSV falls back on readStraightforward.
func (st *streamer) straightforward(enc string, head pass) pass {
	res := pass{}
	if _, err := st.f.Seek(0, io.SeekStart); err != nil {
		res.errs = diag.List{{File: st.name, Msg: readError(err)}}
		return res
	}
	var in io.Reader = &capReader{r: st.f, line: 1}
	if enc == Windows1252 {
		in = &decodeReader{r: in}
	}
	if _, err := io.CopyN(io.Discard, in, int64(head.skip)); err != nil {
		res.errs = diag.List{{File: st.name, Msg: readError(err)}}
		return res
	}
	st.sink.Start(1)
	w := &worker{}
	lay, p, errs := straightforward(st.name, in, st.opt, head.sep, head.first, MaxStreamServices, func(p *parser) {
		w.p = p
		w.flush(st.sink, 0)
	})
	if len(errs) > 0 {
		res.errs = errs
		return res
	}
	w.p = p
	res.log, res.services, res.errs = st.finish(lay, []*worker{w})
	return res
}

// finish makes the log of the workers' rows: its services, folded, with
// each worker's mapped to them, its categories, and its warnings.
func (st *streamer) finish(lay *layout, ws []*worker) (*Log, [][]uint32, diag.List) {
	log := merge(st.name, lay, nil)
	ps := make([]*parser, len(ws))
	capped := false
	for i, w := range ws {
		ps[i] = w.p
		capped = capped || w.p.capped
	}
	var index map[string]uint32
	log.Services, index = serviceTable(ps)
	if capped || len(log.Services) > MaxStreamServices {
		return nil, nil, diag.List{{File: st.name, Line: lay.line, Field: lay.names[roleService], Msg: fmt.Sprintf(
			"more than %d different services, more than the %d a case log may have: services are areas such as Housing or Planning; is this the right column?",
			MaxStreamServices, MaxServices)}}
	}
	rows := make([]int, len(log.Services))
	services := make([][]uint32, len(ws))
	for i, w := range ws {
		services[i] = make([]uint32, len(w.p.names))
		for j, s := range w.p.names {
			services[i][j] = index[s]
			if j < len(w.rows) {
				rows[index[s]] += w.rows[j]
			}
		}
	}
	if fold := foldServices(log, st.opt.Services, rows); fold != nil {
		for _, m := range services {
			for j := range m {
				m[j] = fold[m[j]]
			}
		}
	}
	categoryTable(log, ps)
	var stats rowStats
	for _, w := range ws {
		stats.merge(&w.stats)
	}
	if errs := finalize(st.name, lay, log, st.opt, ps, &stats); errs != nil {
		return nil, nil, errs
	}
	return log, services, nil
}

// blockReader reads a file in blocks that end at a record boundary: a
// newline outside quotes, found by the parity of the quotes before it
// (see split). Its buffers come from a pool of max, handed back with
// release.
type blockReader struct {
	f     io.Reader
	free  chan []byte
	made  int
	max   int
	carry []byte // the start of the next block, read with the last
	line  int    // the line the next block starts on
	idx   int
	eof   bool
	// err is a reading error met by the goroutine reading ahead;
	// invalid is set by validateRest.
	err     error
	invalid int
	// mapped is the file mapped in memory, when it is (see mapFile);
	// its blocks are cut from it, from offset at.
	mapped []byte
	at     int
}

func (rd *blockReader) get() []byte {
	if rd.made < rd.max {
		select {
		case b := <-rd.free:
			return b[:0]
		default:
		}
		rd.made++
		return make([]byte, 0, blockSize)
	}
	return (<-rd.free)[:0]
}

func (rd *blockReader) release(b []byte) {
	if b != nil {
		rd.free <- b
	}
}

// done hands back a block read: its buffer, or its pages of the mapping.
func (rd *blockReader) done(b block) {
	if b.off >= 0 && rd.mapped != nil {
		dropPages(rd.mapped, b.off, b.off+len(b.text))
	}
	rd.release(b.buf)
}

// next reads the next block; the last has last set and may be empty.
func (rd *blockReader) next() (block, error) {
	if rd.mapped != nil {
		return rd.nextMapped()
	}
	buf := rd.get()
	buf = append(buf, rd.carry...) // copy handles the carry sharing buf
	rd.carry = nil
	for {
		for !rd.eof && len(buf) < cap(buf) {
			n, err := rd.f.Read(buf[len(buf):cap(buf)])
			buf = buf[:len(buf)+n]
			if err == io.EOF {
				rd.eof = true
			} else if err != nil {
				rd.release(buf)
				return block{}, err
			}
		}
		cut := len(buf)
		if !rd.eof {
			cut = recordEnd(buf)
		}
		if cut > 0 || rd.eof {
			b := block{buf: buf, text: buf[:cut], line: rd.line, idx: rd.idx, last: rd.eof && cut == len(buf), off: -1}
			rd.carry = buf[cut:]
			rd.line += bytes.Count(b.text, nl)
			rd.idx++
			return b, nil
		}
		if len(buf) >= MaxRecordSize {
			rd.release(buf)
			return block{}, &recordTooLong{line: rd.line}
		}
		bigger := make([]byte, len(buf), min(2*cap(buf), MaxRecordSize))
		copy(bigger, buf)
		buf = bigger
	}
}

// nextMapped is next of a mapped file: the blocks are cut from the
// mapping as next cuts them from what it reads, with no copy.
func (rd *blockReader) nextMapped() (block, error) {
	m, start := rd.mapped, rd.at
	for size := blockSize; ; size = min(2*size, MaxRecordSize) {
		end := min(start+size, len(m))
		cut := end - start
		if end < len(m) {
			cut = recordEnd(m[start:end])
		}
		if cut > 0 || end == len(m) {
			b := block{text: m[start : start+cut], line: rd.line, idx: rd.idx, last: start+cut == len(m), off: start}
			rd.at += cut
			rd.line += bytes.Count(b.text, nl)
			rd.idx++
			return b, nil
		}
		if size >= MaxRecordSize {
			return block{}, &recordTooLong{line: rd.line}
		}
	}
}

// errChanged is the reading error of a mapped file cut short while it was
// read.
var errChanged = errors.New("the file was cut short while it was read (is it still being written?); read it again when it is complete")

// cutShort, deferred by a reading of a mapped file that panics on a
// fault (debug.SetPanicOnFault), gives set the problem of the file named
// name cut short when the reading panicked so; any other panic goes on.
func cutShort(name string, set func(diag.List)) {
	if v := recover(); v != nil {
		if !isFault(v) {
			panic(v)
		}
		set(diag.List{{File: name, Msg: readError(errChanged)}})
	}
}

// isFault reports whether v, recovered, is the panic of a fault reading
// memory (see debug.SetPanicOnFault): a mapped file cut short.
func isFault(v any) bool {
	if p, ok := v.(par.Panic); ok {
		v = p.Value
	}
	_, ok := v.(interface{ Addr() uintptr })
	return ok
}

// problem is the diagnostic of a reading error.
func (rd *blockReader) problem(name string, err error) diag.List {
	var long *recordTooLong
	if errors.As(err, &long) {
		return diag.List{{File: name, Line: long.line, Msg: long.Error()}}
	}
	return diag.List{{File: name, Msg: readError(err)}}
}

var dquote = []byte{'"'}

// recordEnd returns the offset just after the last newline of b outside
// quotes, or 0 when there is none.
func recordEnd(b []byte) int {
	if bytes.IndexByte(b, '"') < 0 { // as most blocks: the last newline
		return bytes.LastIndexByte(b, '\n') + 1
	}
	odd := bytes.Count(b, dquote)%2 == 1 // quotes before i, for i = len(b)
	i := len(b)
	for {
		j := bytes.LastIndexByte(b[:i], '\n')
		if j < 0 {
			return 0
		}
		if bytes.Count(b[j+1:i], dquote)%2 == 1 {
			odd = !odd
		}
		if !odd {
			return j + 1
		}
		i = j
	}
}

// capReader passes a file on to encoding/csv, failing with a
// *recordTooLong when more than MaxRecordSize bytes come without a
// newline outside quotes.
type capReader struct {
	r       io.Reader
	line    int // the line the current record started on
	lines   int // newlines so far
	run     int // bytes since the last newline outside quotes
	inQuote bool
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for _, b := range p[:n] {
		c.run++
		switch b {
		case '"':
			c.inQuote = !c.inQuote
		case '\n':
			c.lines++
			if !c.inQuote {
				c.run, c.line = 0, c.lines+1
			}
		}
		if c.run > MaxRecordSize {
			return 0, &recordTooLong{line: c.line}
		}
	}
	return n, err
}

// decodeReader converts Windows-1252 text to UTF-8 as it is read.
type decodeReader struct {
	r   io.Reader
	raw []byte
	out []byte
}

func (d *decodeReader) Read(p []byte) (int, error) {
	for len(d.out) == 0 {
		if cap(d.raw) == 0 {
			d.raw = make([]byte, 64<<10)
		}
		n, err := d.r.Read(d.raw[:cap(d.raw)])
		d.out = appendWindows1252(d.out[:0], d.raw[:n])
		if n == 0 && err != nil {
			return 0, err
		}
	}
	n := copy(p, d.out)
	d.out = d.out[n:]
	return n, nil
}
