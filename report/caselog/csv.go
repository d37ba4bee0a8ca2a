package caselog

import (
	"bytes"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/internal/par"
)

var bom = []byte("\uFEFF")

// ReadCSV reads a case log from CSV data; name is used in diagnostics.
// The error, if any, is a diag.List, and then the log is nil.
//
// The text is UTF-8, Windows-1252 or UTF-16 (see Options.Encoding), its
// fields separated by commas, semicolons or tabs, as a first line
// "sep=;" says or the header line shows (see separator).
func ReadCSV(name string, data []byte, opt Options) (*Log, error) {
	data, warnings, errs, utf16 := decodeCSV(name, data, opt.Encoding)
	if len(errs) > 0 {
		return nil, errs
	}
	ext := strings.ToLower(filepath.Ext(name))
	data, sep, line, w := separator(name, data, utf16 || ext == ".tsv" || ext == ".txt")
	warnings = append(warnings, w...)
	var log *Log
	if opt.Straightforward {
		log, errs = readStraightforward(name, data, opt, sep, line)
	} else {
		var ok bool
		log, errs, ok = readFast(name, data, opt, sep, line)
		if !ok {
			log, errs = readStraightforward(name, data, opt, sep, line)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	log.Warnings = append(warnings, log.Warnings...)
	return log, nil
}

// emptyFile is the diagnostic for a file without a header.
func emptyFile(name string) diag.List {
	return diag.List{{File: name, Msg: "the file is empty; a case log needs a header row naming its columns (Reference, Stage, Service, Received, ...)"}}
}

// readStraightforward reads with encoding/csv, one record at a time. It is
// the reference the fast parser is tested against, and the fallback for
// files whose quoting the fast parser will not split.
//
// Its fields are separated by sep; the data's first line is line first of
// the file.
func readStraightforward(name string, data []byte, opt Options, sep byte, first int) (*Log, diag.List) {
	lay, p, errs := straightforward(name, bytes.NewReader(bytes.TrimPrefix(data, bom)), opt, sep, first, 0, nil)
	if len(errs) > 0 {
		return nil, errs
	}
	log := merge(name, lay, []*parser{p})
	if errs := finalize(name, lay, log, opt, []*parser{p}, nil); errs != nil {
		return nil, errs
	}
	return log, nil
}

// straightforward is readStraightforward's reading of the records of r,
// up to the checks of the whole log: it returns the layout and the
// parser, or every problem found. onRows, when set, is given the parser
// each time its rows build up to a batch, and at the end, and the rows
// are then dropped (see Stream); maxNames is the parser's.
func straightforward(name string, in io.Reader, opt Options, sep byte, first, maxNames int, onRows func(*parser)) (*layout, *parser, diag.List) {
	r := csv.NewReader(in)
	r.Comma = rune(sep)
	r.FieldsPerRecord = -1
	r.ReuseRecord = true
	var lay *layout
	var p *parser
	errs := &collector{file: name, max: opt.maxErrors()}
	var rec [][]byte
	for {
		fields, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var long *recordTooLong
			if errors.As(err, &long) {
				errs.add(long.line, "", "%s", long.Error())
				break
			}
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				pe.StartLine += first - 1
				pe.Line += first - 1
				errs.add(pe.StartLine, "", "%s", quoteProblem(pe))
				if lay == nil {
					break
				}
				continue
			}
			errs.add(0, "", "%v", err)
			break
		}
		line, _ := r.FieldPos(0)
		line += first - 1
		if lay == nil {
			var herrs diag.List
			lay, herrs = resolve(name, line, fields, opt)
			if len(herrs) > 0 {
				return nil, nil, herrs
			}
			p = newParser(lay, name, opt.maxErrors())
			p.maxNames = maxNames
			continue
		}
		rec = rec[:0]
		for _, f := range fields {
			rec = append(rec, []byte(f))
		}
		p.record(rec, line)
		if onRows != nil && len(p.rows) >= batchRows {
			onRows(p)
		}
	}
	if lay == nil {
		if errs.total() > 0 {
			return nil, nil, finish(name, opt.maxErrors(), errs)
		}
		return nil, nil, emptyFile(name)
	}
	if onRows != nil {
		onRows(p)
	}
	if all := append(finish(name, opt.maxErrors(), errs, &p.errs), unknownErrors(name, lay, []*parser{p})...); len(all) > 0 {
		return nil, nil, all
	}
	return lay, p, nil
}

// quoteProblem explains encoding/csv's quoting errors in a user's terms.
func quoteProblem(pe *csv.ParseError) string {
	where := fmt.Sprintf("column %d", pe.Column)
	if pe.Line != pe.StartLine {
		where = fmt.Sprintf("line %d, column %d", pe.Line, pe.Column)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Sprintf(`a " in a value that is not in quotes (%s); put the whole value in double quotes and double the " inside it`, where)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Sprintf(`a quoted value is not closed, or has text after its closing " (%s)`, where)
	}
	return pe.Err.Error()
}

// specials mark, for each separator, the bytes that end or complicate an
// unquoted field.
var specials = map[byte]*[256]bool{
	',':  {',': true, '\n': true, '"': true},
	';':  {';': true, '\n': true, '"': true},
	'\t': {'\t': true, '\n': true, '"': true},
	'|':  {'|': true, '\n': true, '"': true},
}

// scanner splits CSV records out of data[pos:end] exactly as encoding/csv
// would, without allocating per field. bad is set when the input is not
// what encoding/csv accepts without error, or is quoted in a way the
// chunking cannot vouch for; the caller then falls back to encoding/csv.
type scanner struct {
	sep     byte       // the separator: , ; tab or |
	special *[256]bool // specials[sep]
	data    []byte
	pos     int
	end     int
	// eof is the offset of the end of the file in data, or -1 when
	// data is a block of a file streamed in blocks and not its last.
	eof     int
	line    int
	fields  [][]byte
	scratch []byte
	bad     bool
	// quick, when set, reads the records it can itself (see
	// parser.quickRecord); taken then says next's record was read so.
	quick *parser
	taken bool
	// quoteAt is the offset of the first quote at or after the last
	// record quick was given, or end (when quoteFound): the records
	// before it have none.
	quoteAt    int
	quoteFound bool
}

// next reads one record into s.fields and returns the line it starts on
// (or, with s.quick, may have given it to s.quick: s.taken). It returns
// false at the end of its range or when s.bad is set.
func (s *scanner) next() (int, bool) {
	data, end := s.data, s.end
	pos := s.pos
	// Skip empty lines, as encoding/csv does.
	for pos < end {
		c := data[pos]
		if c == '\n' {
			pos++
			s.line++
			continue
		}
		if c == '\r' {
			if pos+1 < end && data[pos+1] == '\n' {
				pos += 2
				s.line++
				continue
			}
			if pos+1 == s.eof { // a last line of just "\r"
				pos++
				continue
			}
		}
		break
	}
	if pos >= end {
		s.pos = pos
		return 0, false
	}
	line := s.line
	s.fields = s.fields[:0]
	s.scratch = s.scratch[:0]
	s.taken = false
	if s.quick != nil {
		if !s.quoteFound || s.quoteAt < pos {
			s.quoteAt, s.quoteFound = end, true
			if q := bytes.IndexByte(data[pos:end], '"'); q >= 0 {
				s.quoteAt = pos + q
			}
		}
		if n, ok := s.quick.quickRecord(data[pos:s.quoteAt], s.sep, line); ok {
			s.pos = pos + n
			s.line++
			s.taken = true
			return line, true
		}
	}
	if s.oneLine(pos) {
		return line, true
	}
	for {
		if pos < end && data[pos] == '"' {
			pos++
			start := pos
			copyNeeded := false
			var close int
			for {
				i := bytes.IndexByte(data[pos:end], '"')
				if i < 0 {
					s.bad = true // unterminated here: let encoding/csv judge
					return 0, false
				}
				seg := data[pos : pos+i]
				if n := bytes.Count(seg, nl); n > 0 {
					s.line += n
					if bytes.IndexByte(seg, '\r') >= 0 {
						copyNeeded = true
					}
				}
				pos += i + 1
				if pos < end && data[pos] == '"' {
					copyNeeded = true
					pos++
					continue
				}
				close = pos - 1
				break
			}
			f := data[start:close]
			if copyNeeded {
				f = s.unescape(f)
			}
			s.fields = append(s.fields, f)
			if pos >= end {
				if pos == s.eof {
					s.pos = pos
					return line, true
				}
				s.bad = true
				return 0, false
			}
			switch data[pos] {
			case s.sep:
				pos++
				continue
			case '\n':
				s.pos = pos + 1
				s.line++
				return line, true
			case '\r':
				if pos+1 < end && data[pos+1] == '\n' {
					s.pos = pos + 2
					s.line++
					return line, true
				}
				if pos+1 == s.eof {
					s.pos = pos + 1
					return line, true
				}
			}
			s.bad = true
			return 0, false
		}
		start := pos
		pos = s.plain(data, pos, end)
		if pos < end && data[pos] == '"' {
			s.bad = true
			return 0, false
		}
		f := data[start:pos]
		if pos < end && data[pos] == s.sep {
			s.fields = append(s.fields, f)
			pos++
			continue
		}
		// End of the line or of the data: drop one \r before it.
		if n := len(f); n > 0 && f[n-1] == '\r' {
			f = f[:n-1]
		}
		s.fields = append(s.fields, f)
		if pos < end {
			pos++
			s.line++
		}
		s.pos = pos
		return line, true
	}
}

var nl = []byte{'\n'}

// oneLine splits the record at pos when it is a whole line without
// quotes, as most are, as the general loop of next would: at every
// separator, one \r dropped from the end of the last field. It finds the
// line's end and any quote with the vectorised bytes.IndexByte and the
// separators eight bytes at a time. It reports false, having done
// nothing, for any other record.
func (s *scanner) oneLine(pos int) bool {
	rest := s.data[pos:s.end]
	n := bytes.IndexByte(rest, '\n')
	if n < 0 {
		return false
	}
	ln := rest[:n]
	if bytes.IndexByte(ln, '"') >= 0 {
		return false
	}
	sep := uint64(s.sep) * lows
	start, i := 0, 0
	for ; i+8 <= len(ln); i += 8 {
		// Exactly the zero bytes of y, each flagged by its high bit.
		y := binary.LittleEndian.Uint64(ln[i:]) ^ sep
		m := ^((y&^highs + ^uint64(highs)) | y | ^uint64(highs))
		for m != 0 {
			j := i + bits.TrailingZeros64(m)/8
			s.fields = append(s.fields, ln[start:j])
			start = j + 1
			m &= m - 1
		}
	}
	for ; i < len(ln); i++ {
		if ln[i] == s.sep {
			s.fields = append(s.fields, ln[start:i])
			start = i + 1
		}
	}
	last := ln[start:]
	if k := len(last); k > 0 && last[k-1] == '\r' {
		last = last[:k-1]
	}
	s.fields = append(s.fields, last)
	s.pos = pos + n + 1
	s.line++
	return true
}

// Masks for finding bytes eight at a time.
const (
	lows  = 0x0101010101010101
	highs = 0x8080808080808080
)

// plain returns the end of the unquoted text at data[pos:end]: the
// offset of the first separator, newline or quote, or end. It tests
// eight bytes at a time, the usual field being shorter than a loop's
// setup: a byte equal to c is a zero byte of x^(c*lows), and the lowest
// byte flagged by (y-lows) &^ y & highs is the first zero byte of y.
func (s *scanner) plain(data []byte, pos, end int) int {
	sep := uint64(s.sep) * lows
	for pos+8 <= end {
		x := binary.LittleEndian.Uint64(data[pos:])
		a, b, c := x^sep, x^('\n'*lows), x^('"'*lows)
		if m := ((a-lows)&^a | (b-lows)&^b | (c-lows)&^c) & highs; m != 0 {
			return pos + bits.TrailingZeros64(m)/8
		}
		pos += 8
	}
	for pos < end && !s.special[data[pos]] {
		pos++
	}
	return pos
}

// unescape turns "" into " and CRLF into LF inside a quoted field, as
// encoding/csv does, appending to the record's scratch space.
func (s *scanner) unescape(f []byte) []byte {
	start := len(s.scratch)
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == '"' && i+1 < len(f) && f[i+1] == '"' {
			i++
		} else if c == '\r' && i+1 < len(f) && f[i+1] == '\n' {
			continue
		}
		s.scratch = append(s.scratch, c)
	}
	return s.scratch[start:len(s.scratch):len(s.scratch)]
}

// minChunk is the least data worth a chunk of its own (a variable so that
// tests can split small inputs).
var minChunk = 1 << 20

// readFast parses data with the byte-level scanner, in parallel chunks.
// ok is false when the file must be read by readStraightforward instead.
// Fields are separated by sep; the data's first line is line first of the
// file.
func readFast(name string, data []byte, opt Options, sep byte, first int) (log *Log, errs diag.List, ok bool) {
	data = bytes.TrimPrefix(data, bom)
	special := specials[sep]
	hs := &scanner{sep: sep, special: special, data: data, end: len(data), eof: len(data), line: first}
	line, found := hs.next()
	if hs.bad {
		return nil, nil, false
	}
	if !found {
		return nil, emptyFile(name), true
	}
	header := make([]string, len(hs.fields))
	for i, f := range hs.fields {
		header[i] = string(f)
	}
	lay, herrs := resolve(name, line, header, opt)
	if len(herrs) > 0 {
		return nil, herrs, true
	}
	bounds, lines := split(data, hs.pos, hs.line, opt.workers())
	n := len(bounds) - 1
	// One slice for all rows: chunk k may fill rows[cap0[k]:cap0[k+1]],
	// since it has no more records than lines.
	offs := make([]int, n+1)
	for k := 0; k < n; k++ {
		c := bytes.Count(data[bounds[k]:bounds[k+1]], nl) + 1
		offs[k+1] = offs[k] + c
	}
	all := make([]Row, offs[n])
	parsers := make([]*parser, n)
	var bad atomic.Bool
	var next atomic.Int64
	par.Go(min(opt.workers(), n), func(int) {
		// data may be a file mapped in memory (readMapped): one cut
		// short while it is read faults, which must be a panic that
		// par.Go carries to readMapped's recover, not a crash.
		debug.SetPanicOnFault(true)
		for {
			k := int(next.Add(1) - 1)
			if k >= n || bad.Load() {
				return
			}
			p := newParser(lay, name, opt.maxErrors())
			p.rows = all[offs[k]:offs[k]:offs[k+1]]
			s := &scanner{sep: sep, special: special, data: data, pos: bounds[k], end: bounds[k+1], eof: len(data), line: lines[k]}
			for {
				line, ok := s.next()
				if !ok {
					break
				}
				p.record(s.fields, line)
			}
			if s.bad {
				bad.Store(true)
				return
			}
			parsers[k] = p
		}
	})
	if bad.Load() {
		return nil, nil, false
	}
	cs := make([]*collector, n)
	for k, p := range parsers {
		cs[k] = &p.errs
	}
	if errs := append(finish(name, opt.maxErrors(), cs...), unknownErrors(name, lay, parsers)...); len(errs) > 0 {
		return nil, errs, true
	}
	log = mergeInPlace(name, lay, parsers, all)
	if errs := finalize(name, lay, log, opt, parsers, nil); errs != nil {
		return nil, errs, true
	}
	return log, nil, true
}

func (o Options) workers() int {
	if o.Workers > 0 {
		return o.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// split cuts data[start:] into chunks that begin at record boundaries.
// A position is inside a quoted field when an odd number of quotes come
// before it (doubled quotes inside a field come in pairs), which holds for
// any file encoding/csv reads without error; a file that breaks it has a
// quoting error before the boundary, which the chunk holding it reports
// by setting bad. lines[k] is the line number at bounds[k]. Counting
// quotes and newlines uses bytes.Count, which is vectorised.
func split(data []byte, start, line, workers int) (bounds, lines []int) {
	bounds = []int{start}
	lines = []int{line}
	rest := len(data) - start
	n := min(rest/minChunk, workers*4)
	if n < 2 {
		return append(bounds, len(data)), lines
	}
	pos, inQuote := start, false
	for k := 1; k < n; k++ {
		target := start + k*rest/n
		if target <= pos {
			continue
		}
		if bytes.Count(data[pos:target], []byte{'"'})%2 == 1 {
			inQuote = !inQuote
		}
		b := -1
		for i := target; i < len(data); i++ {
			switch data[i] {
			case '"':
				inQuote = !inQuote
			case '\n':
				if !inQuote {
					b = i + 1
				}
			}
			if b >= 0 {
				break
			}
		}
		if b < 0 || b >= len(data) {
			break
		}
		line += bytes.Count(data[bounds[len(bounds)-1]:b], nl)
		bounds = append(bounds, b)
		lines = append(lines, line)
		pos = b
	}
	return append(bounds, len(data)), lines
}

// serviceTable returns the parsers' services, sorted, and the index of
// each in that list.
func serviceTable(ps []*parser) ([]string, map[string]uint32) {
	index := map[string]uint32{}
	for _, p := range ps {
		for _, s := range p.names {
			index[s] = 0
		}
	}
	services := make([]string, 0, len(index))
	for s := range index {
		services = append(services, s)
	}
	sort.Strings(services)
	for i, s := range services {
		index[s] = uint32(i)
	}
	return services, index
}

// mergeInPlace compacts the chunks' rows, which sit in all at their
// chunks' offsets, into one slice with one sorted service table.
func mergeInPlace(file string, lay *layout, ps []*parser, all []Row) *Log {
	log := merge(file, lay, nil)
	var set map[string]uint32
	log.Services, set = serviceTable(ps)
	n := 0
	for _, p := range ps {
		remap := make([]uint32, len(p.names))
		for i, s := range p.names {
			remap[i] = set[s]
		}
		for _, r := range p.rows {
			r.Service = remap[r.Service]
			all[n] = r
			n++
		}
	}
	log.Rows = all[:n:n]
	if n == 0 {
		log.Rows = []Row{}
	}
	mergeCategories(log, ps)
	return log
}
