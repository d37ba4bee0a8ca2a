// Package yamlx decodes YAML strictly into Go structs while keeping the
// position of every value, so that each problem in a user's file can be
// reported as file:line:col with the key it concerns.
//
// It exists because yaml.v3's own decoder loses positions after decoding
// and reports unknown keys without suggestions. yamlx walks yaml.v3's node
// tree instead:
//
//   - unknown keys are errors that suggest the nearest known key
//     ("purpsoe: unknown key; did you mean purpose?");
//   - type mismatches say what was expected ("expected a list");
//   - duplicate keys, several documents in one file and anchors that
//     expand without bound (alias bombs) are errors, answered quickly;
//   - every decoded value's position is recorded under its key path
//     ("recommendations.items[2]") for later checks.
//
// Supported field types: string, bool (true/false, yes/no), int, float64,
// time.Time (ISO dates, YYYY-MM-DD, years MinYear to MaxYear), Text (a
// string with its position), slices, pointers, nested structs and
// map[string]string. Struct fields are named by `yaml:"key"` tags;
// `yaml:"key,required"` marks a key that must be present and non-empty.
package yamlx

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/paperhq/paper/report/diag"
	"gopkg.in/yaml.v3"
)

// Pos is a 1-based line and column in the source file.
type Pos struct {
	Line, Col int
}

// Text is a string together with where its content starts in the source
// file. For block scalars (| and >) Literal is true and Pos.Line is the
// first content line, the one after the indicator.
type Text struct {
	S       string
	Pos     Pos
	Literal bool
}

// String returns the text.
func (t Text) String() string { return t.S }

// Positions maps key paths ("sections[1].heading") to where their values
// start.
type Positions map[string]Pos

// At returns the position recorded for path, or for the nearest ancestor
// path that has one, so a check always has somewhere to point.
func (p Positions) At(path string) Pos {
	for {
		if pos, ok := p[path]; ok {
			return pos
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			return p[""]
		}
		path = path[:i]
	}
}

// MaxNodes bounds the number of YAML values decoded from one document,
// counting each alias expansion again. It applies to every document, with
// or without aliases: a definition is a few thousand values; an alias bomb
// is billions. Crossing the bound is an error, not an out-of-memory. (The
// messages spell the number out: keep them in step.)
const MaxNodes = 200000

// MaxErrors bounds the problems one file reports: past it, decoding
// stops with a note. A file that is not a definition at all (a
// spreadsheet saved as .yaml, an alias bomb of wrong types) would
// otherwise print thousands of lines.
const MaxErrors = 50

// MinYear and MaxYear bound the years of dates. A committee paper's
// dates are this century's; a year outside these is a typo (0001, 2206),
// and the first would decode to Go's zero time, which means "not given".
const (
	MinYear = 1900
	MaxYear = 2099
)

var timeType = reflect.TypeOf(time.Time{})
var textType = reflect.TypeOf(Text{})

// Decode parses src, read from the file named file, into v, which must be
// a pointer to a struct. It returns the positions of all decoded values
// and every problem found; decoding goes on after a problem so that one run
// lists them all.
func Decode(file string, src []byte, v any) (Positions, diag.List) {
	d := &decoder{file: file, pos: Positions{"": {1, 1}}}
	src = bytes.TrimPrefix(src, []byte("\xEF\xBB\xBF")) // a UTF-8 byte order mark, as Windows editors write
	if len(bytes.TrimSpace(src)) == 0 {
		d.errs.Errorf(file, 0, 0, "", "file is empty")
		return d.pos, d.errs
	}
	if line, col, msg := notText(src); msg != "" {
		d.errs.Errorf(file, line, col, "", "%s", msg)
		return d.pos, d.errs
	}
	dec := yaml.NewDecoder(bytes.NewReader(src))
	var root yaml.Node
	if err := dec.Decode(&root); errors.Is(err, io.EOF) {
		d.errs.Errorf(file, 0, 0, "", "file is empty: it holds only comments")
		return d.pos, d.errs
	} else if err != nil {
		d.syntax(err, src)
		return d.pos, d.errs
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		d.errs.Errorf(file, extra.Line, extra.Column, "", "a second YAML document (---) is not allowed; one file holds one definition")
	} else if !errors.Is(err, io.EOF) {
		d.syntax(err, src)
	}
	node := &root
	if node.Kind == yaml.DocumentNode {
		if len(node.Content) == 0 {
			d.errs.Errorf(file, 0, 0, "", "file is empty")
			return d.pos, d.errs
		}
		node = node.Content[0]
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.Elem().Kind() != reflect.Struct {
		panic("yamlx: Decode needs a pointer to a struct")
	}
	d.value(node, rv.Elem(), "")
	return d.pos, d.errs
}

type decoder struct {
	file  string
	pos   Positions
	errs  diag.List
	nodes int
	// aliases counts aliases followed, to say whether they made the
	// document too large.
	aliases int
	stop    bool
}

var lineRE = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`^yaml: line (\d+): (.*)$`) })

// syntax turns a yaml.v3 parse error into a positioned diagnostic. The
// commonest cause, a line indented with a tab, gets a plain explanation.
func (d *decoder) syntax(err error, src []byte) {
	msg := err.Error()
	for _, line := range strings.Split(msg, "\n") {
		line = strings.TrimSpace(line)
		if m := lineRE().FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			if strings.HasPrefix(m[2], "did not find expected") {
				// yaml.v3 numbers the lines of its parser's errors (as
				// opposed to its scanner's) from 0.
				n++
			}
			if last := bytes.Count(bytes.TrimRight(src, "\n"), []byte("\n")) + 1; n > last {
				n = last // an error at the end of the file: point at its last line
			}
			if l, ok := tabIndented(src, n); ok {
				d.errs.Errorf(d.file, l, 1, "", "invalid YAML: the line is indented with a tab; indent with spaces")
				return
			}
			if strings.HasPrefix(m[2], "mapping values are not allowed") {
				if col, fix, ok := colonInValue(src, n); ok {
					d.errs.Errorf(d.file, n, col, "", "invalid YAML: a colon followed by a space inside a value reads as a new key; put the value in quotes: %s", fix)
					return
				}
			}
			d.errs.Errorf(d.file, n, 0, "", "invalid YAML: %s", m[2])
			return
		}
	}
	// yaml.v3 leaves the line out of a message about the first line (it
	// writes "line N: " only when its 0-based line is not 0).
	msg = strings.TrimPrefix(msg, "yaml: ")
	d.errs.Errorf(d.file, 1, 0, "", "invalid YAML: %s", msg)
}

// colonInValue finds, on line n, a "key: value" whose value holds ": ",
// the commonest cause of yaml's "mapping values are not allowed in this
// context" (a title such as "Complaints: April to September"). It
// returns the 1-based column of that colon and the line with the value
// quoted.
func colonInValue(src []byte, n int) (int, string, bool) {
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return 0, "", false
	}
	line := strings.TrimRight(lines[n-1], "\r")
	body := strings.TrimLeft(line, " ")
	indent := len(line) - len(body)
	if strings.HasPrefix(body, "- ") {
		indent += 2
		body = body[2:]
	}
	k := strings.Index(body, ": ")
	if k <= 0 {
		return 0, "", false
	}
	value := strings.TrimSpace(body[k+2:])
	v := strings.Index(value, ": ")
	if v < 0 || value[0] == '"' || value[0] == '\'' || value[0] == '{' || value[0] == '[' {
		return 0, "", false
	}
	col := strings.Index(line[indent+k+2:], ": ") + indent + k + 2 + 1
	if len(line) > 200 {
		return col, "write it in double quotes", true
	}
	quoted := strconv.Quote(value)
	return col, strings.TrimSpace(line[:indent+k+2]) + " " + quoted, true
}

// tabIndented reports the line, at or just before line n (yaml.v3
// sometimes names the next line), whose indentation holds a tab.
func tabIndented(src []byte, n int) (int, bool) {
	lines := bytes.Split(src, []byte("\n"))
	for l := n; l >= n-1 && l >= 1; l-- {
		if l > len(lines) {
			continue
		}
		text := lines[l-1]
		indent := text[:len(text)-len(bytes.TrimLeft(text, " \t"))]
		if bytes.IndexByte(indent, '\t') >= 0 {
			return l, true
		}
	}
	return 0, false
}

// notText finds what makes src unreadable as a YAML text file: UTF-16
// (Notepad's "Unicode"), bytes that are not UTF-8 (binary data, a
// spreadsheet, Windows-1252 text) or control characters YAML forbids. It
// returns the position of the first offending character and a message
// saying what to do, or an empty message when src is text.
func notText(src []byte) (line, col int, msg string) {
	if bytes.HasPrefix(src, []byte{0xFF, 0xFE}) || bytes.HasPrefix(src, []byte{0xFE, 0xFF}) {
		return 1, 1, "the file is saved as UTF-16; save it as UTF-8 text"
	}
	if bytes.IndexByte(src, 0) >= 0 {
		// A zero byte never occurs in text: this is a spreadsheet, a
		// document or an image given by mistake. No position helps.
		return 0, 0, "not a text file (it holds binary data); a definition is UTF-8 text written in an editor"
	}
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		switch {
		case r == utf8.RuneError && size <= 1:
			return line, col, fmt.Sprintf("byte 0x%02X is not UTF-8; save the file as UTF-8 text", src[i])
		case r == '\n':
			line, col = line+1, 0
		case r == '\t' || r == '\r':
		case r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0):
			return line, col, fmt.Sprintf("control character U+%04X is not allowed; delete it: a paper holds printable text only", r)
		}
		i += size
		col++
	}
	return 0, 0, ""
}

func (d *decoder) errorf(n *yaml.Node, path, format string, args ...any) {
	if d.stop {
		return
	}
	if len(d.errs) >= MaxErrors {
		d.errs.Errorf(d.file, n.Line, n.Column, "", "too many problems; stopped after the first %d", MaxErrors)
		d.stop = true
		return
	}
	d.errs.Errorf(d.file, n.Line, n.Column, path, format, args...)
}

// deref follows aliases, counting nodes so alias bombs stop early.
func (d *decoder) deref(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		d.aliases++
		n = n.Alias
	}
	return n
}

func (d *decoder) value(n *yaml.Node, v reflect.Value, path string) {
	if d.stop {
		return
	}
	d.nodes++
	if d.nodes > MaxNodes {
		if d.aliases > 0 {
			d.errorf(n, path, "the document has more than 200,000 values, counting each use of an alias again: an alias is expanded every time it is used")
		} else {
			d.errorf(n, path, "the document has more than 200,000 values, the most paper reads from one file; put a table this large in an appendix")
		}
		d.stop = true
		return
	}
	alias := n
	n = d.deref(n)
	if n == nil {
		return
	}
	d.pos[path] = Pos{alias.Line, alias.Column}
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // an empty value leaves the zero value; checks decide if it is required
	}
	switch {
	case v.Type() == timeType:
		d.date(n, v, path)
		return
	case v.Type() == textType:
		if s, ok := d.scalar(n, path, "text"); ok {
			line := n.Line
			if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				line++
			}
			v.Set(reflect.ValueOf(Text{S: s, Pos: Pos{line, n.Column}, Literal: n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0}))
		}
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			v.Set(reflect.New(v.Type().Elem()))
		}
		d.value(alias, v.Elem(), path)
		d.nodes-- // the pointer is not a value of its own
	case reflect.String:
		if s, ok := d.scalar(n, path, "text"); ok {
			v.SetString(s)
		}
	case reflect.Bool:
		if s, ok := d.scalar(n, path, "true or false"); ok {
			switch strings.ToLower(s) {
			case "true", "yes":
				v.SetBool(true)
			case "false", "no":
				v.SetBool(false)
			default:
				d.errorf(n, path, "expected true or false, found %s", diag.Quote(s))
			}
		}
	case reflect.Int:
		if s, ok := d.scalar(n, path, "a whole number"); ok {
			i, err := strconv.Atoi(s)
			if err != nil {
				d.errorf(n, path, "expected a whole number, found %s", diag.Quote(s))
				return
			}
			v.SetInt(int64(i))
		}
	case reflect.Float64:
		if s, ok := d.scalar(n, path, "a number"); ok {
			f, err := strconv.ParseFloat(s, 64)
			if err != nil {
				d.errorf(n, path, "expected a number, found %s", diag.Quote(s))
				return
			}
			v.SetFloat(f)
		}
	case reflect.Slice:
		d.slice(n, v, path)
	case reflect.Map:
		d.stringMap(n, v, path)
	case reflect.Struct:
		d.structure(n, v, path)
	default:
		panic(fmt.Sprintf("yamlx: unsupported field type %s at %s", v.Type(), path))
	}
}

// kindName names a node's kind the way a user would.
func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping (key: value pairs)"
	case yaml.ScalarNode:
		return diag.Quote(n.Value)
	}
	return "something else"
}

func (d *decoder) scalar(n *yaml.Node, path, want string) (string, bool) {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, path, "expected %s, found %s", want, kindName(n))
		return "", false
	}
	return n.Value, true
}

func (d *decoder) date(n *yaml.Node, v reflect.Value, path string) {
	s, ok := d.scalar(n, path, "a date")
	if !ok {
		return
	}
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	if err != nil {
		d.errorf(n, path, "%s is not a date (write dates as YYYY-MM-DD, e.g. 2026-12-14)", diag.Quote(s))
		return
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		// 0001-01-01 would otherwise decode to the zero time and be
		// reported as empty.
		d.errorf(n, path, "%s is out of range: dates are from %d to %d; is the year a typo?", strings.TrimSpace(s), MinYear, MaxYear)
		return
	}
	v.Set(reflect.ValueOf(t))
}

func (d *decoder) slice(n *yaml.Node, v reflect.Value, path string) {
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, path, "expected a list, found %s", kindName(n))
		return
	}
	out := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, out.Index(i), fmt.Sprintf("%s[%d]", path, i))
		if d.stop {
			return
		}
	}
	v.Set(out)
}

func (d *decoder) stringMap(n *yaml.Node, v reflect.Value, path string) {
	if v.Type().Key().Kind() != reflect.String {
		panic("yamlx: only maps with string keys are supported")
	}
	if n.Kind != yaml.MappingNode {
		d.errorf(n, path, "expected a mapping (key: value pairs), found %s", kindName(n))
		return
	}
	m := reflect.MakeMap(v.Type())
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := d.deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "expected a key, found %s", kindName(k))
			continue
		}
		if prev, dup := seen[k.Value]; dup {
			d.errorf(k, join(path, diag.Excerpt(k.Value)), "duplicate key; first given on line %d", prev.Line)
			continue
		}
		seen[k.Value] = k
		elem := reflect.New(v.Type().Elem()).Elem()
		d.value(val, elem, join(path, diag.Excerpt(k.Value)))
		m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
}

type field struct {
	key      string
	index    int
	required bool
	// list marks the field a list written in the struct's place is
	// read into (yaml:"items,list"): lessons: [...] for
	// lessons: {items: [...]}.
	list bool
}

// structKeys is what decoding needs of a struct type's keys, worked out
// once per type and process (a report's definition decodes some two
// hundred structs of a dozen types).
type structKeys struct {
	fs    []field        // in declaration order
	at    map[string]int // key -> its index in fs
	known []string       // the keys, in declaration order
}

var keysOf sync.Map // reflect.Type -> *structKeys

func keysOfType(t reflect.Type) *structKeys {
	if k, ok := keysOf.Load(t); ok {
		return k.(*structKeys)
	}
	fs := fields(t)
	k := &structKeys{fs: fs, at: make(map[string]int, len(fs)), known: make([]string, len(fs))}
	for i, f := range fs {
		k.at[f.key] = i
		k.known[i] = f.key
	}
	got, _ := keysOf.LoadOrStore(t, k)
	return got.(*structKeys)
}

// fields lists a struct type's keys in declaration order.
func fields(t reflect.Type) []field {
	var fs []field
	for i := 0; i < t.NumField(); i++ {
		tag := t.Field(i).Tag.Get("yaml")
		if tag == "" || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		fs = append(fs, field{key: name, index: i, required: opts == "required", list: opts == "list"})
	}
	return fs
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func (d *decoder) structure(n *yaml.Node, v reflect.Value, path string) {
	keys := keysOfType(v.Type())
	fs := keys.fs
	if n.Kind == yaml.SequenceNode {
		for _, f := range fs {
			if f.list {
				d.value(n, v.Field(f.index), path)
				return
			}
		}
	}
	if n.Kind != yaml.MappingNode {
		keys := make([]string, 0, 3)
		for _, f := range fs[:min(3, len(fs))] {
			keys = append(keys, f.key)
		}
		d.errorf(n, path, "expected a mapping of keys such as %s, found %s", strings.Join(keys, ", "), kindName(n))
		return
	}
	known := keys.known
	// seen and failed are by field: the key that gave it, and whether
	// its value (or, for a typo of it, its key) had an error.
	seen := make([]*yaml.Node, len(fs))
	failed := make([]bool, len(fs))
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := d.deref(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, path, "expected a key, found %s", kindName(k))
			continue
		}
		if k.Value == "<<" {
			d.errorf(k, path, "merge keys (<<) are not supported; write the keys out")
			continue
		}
		at, ok := keys.at[k.Value]
		if !ok {
			msg := "unknown key"
			if s := Suggest(k.Value, known); s != "" {
				msg += "; did you mean " + s + "?"
				failed[keys.at[s]] = true // the typo explains why s is missing
			} else {
				msg += "; known keys: " + strings.Join(known, ", ")
			}
			d.errorf(k, join(path, diag.Excerpt(k.Value)), "%s", msg)
			continue
		}
		if prev := seen[at]; prev != nil {
			d.errorf(k, join(path, k.Value), "duplicate key; first given on line %d", prev.Line)
			continue
		}
		seen[at] = k
		before := len(d.errs)
		d.value(val, v.Field(fs[at].index), join(path, k.Value))
		if d.stop {
			return
		}
		if len(d.errs) > before {
			failed[at] = true
		}
	}
	for at, f := range fs {
		if !f.required || failed[at] {
			continue // a value with its own error is not also "empty"
		}
		if k := seen[at]; k == nil {
			d.errorf(n, join(path, f.key), "required, but missing")
		} else if v.Field(f.index).IsZero() {
			d.errorf(k, join(path, f.key), "required, but empty")
		}
	}
}

// Suggest returns the known key nearest to key by edit distance, or "" if
// none is near enough to be a plausible typo.
func Suggest(key string, known []string) string {
	if len(key) > 100 {
		return "" // no typo of a known key is this long, and the distance costs its length squared
	}
	best, bestDist := "", 1<<30
	lk := strings.ToLower(key)
	for _, k := range known {
		dist := distance(lk, strings.ToLower(k))
		if dist < bestDist {
			best, bestDist = k, dist
		}
	}
	limit := max(2, len(key)/3)
	if bestDist <= limit {
		return best
	}
	return ""
}

// distance is the optimal string alignment distance: insertions,
// deletions, substitutions and swaps of neighbours each count as one typo.
// Keys are short, so a full matrix is fine.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	m := make([][]int, len(ra)+1)
	for i := range m {
		m[i] = make([]int, len(rb)+1)
		m[i][0] = i
	}
	for j := range m[0] {
		m[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			m[i][j] = min(m[i-1][j]+1, m[i][j-1]+1, m[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				m[i][j] = min(m[i][j], m[i-2][j-2]+1)
			}
		}
	}
	return m[len(ra)][len(rb)]
}
