package pack

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"strings"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

// readOwn parses a PDF that report/pdf has just written, for copying into
// a pack. pdfcpu.Read reads each object through a positioned reader into
// a fresh buffer and copies every stream out of it; for paper's own
// files, whose layout is known (one classic cross-reference table, no
// object streams, direct stream lengths), readOwn slices the objects
// from the bytes in hand and parses each as pdfcpu's object parser does
// (parseOwn, with pdfcpu's parser for what that leaves), so the objects
// are the ones pdfcpu.Read would give, and stream data is not copied. A file that is not laid out that way is read by
// pdfcpu.Read.
func readOwn(data []byte) (*model.Context, error) {
	if ctx, err := sliceOwn(data); err == nil {
		return ctx, nil
	}
	return pdfcpu.Read(bytes.NewReader(data), config())
}

var errNotOwn = errors.New("not laid out as report/pdf writes")

// sliceOwn is readOwn's fast path; it fails with errNotOwn on anything
// it does not expect.
func sliceOwn(data []byte) (*model.Context, error) {
	ctx, err := model.NewContext(bytes.NewReader(data), config())
	if err != nil {
		return nil, err
	}
	xref, trailer, err := ownXRef(data)
	if err != nil {
		return nil, err
	}
	t := ctx.XRefTable
	for n, off := range xref {
		if n == 0 {
			continue
		}
		if off < 0 {
			t.Table[n] = &model.XRefTableEntry{Free: true, Offset: new(int64), Generation: new(int)}
			continue
		}
		o, err := ownObject(ctx, data, n, off)
		if err != nil {
			return nil, err
		}
		gen := 0
		offset := int64(off)
		t.Table[n] = &model.XRefTableEntry{Offset: &offset, Generation: &gen, Object: o}
	}
	zero, free := int64(0), types.FreeHeadGeneration
	t.Table[0] = &model.XRefTableEntry{Free: true, Offset: &zero, Generation: &free}
	size := len(xref)
	t.Size = &size
	t.MaxObjNr = size - 1
	root, ok := trailer["Root"].(types.IndirectRef)
	if !ok {
		return nil, errNotOwn
	}
	t.Root = &root
	if info, ok := trailer["Info"].(types.IndirectRef); ok {
		t.Info = &info
	}
	if _, ok := trailer["Encrypt"]; ok {
		return nil, errNotOwn
	}
	if id, ok := trailer["ID"].(types.Array); ok {
		t.ID = id
	}
	ctx.Read.FileSize = int64(len(data))
	return ctx, nil
}

// ownXRef reads the file's one cross-reference table: the offset of each
// object, -1 for a free one, and the trailer.
func ownXRef(data []byte) ([]int, types.Dict, error) {
	i := bytes.LastIndex(data, []byte("startxref"))
	if i < 0 {
		return nil, nil, errNotOwn
	}
	at, _, ok := ownInt(data, skipSpace(data, i+len("startxref")))
	if !ok || at <= 0 || at >= len(data) || !bytes.HasPrefix(data[at:], []byte("xref")) {
		return nil, nil, errNotOwn
	}
	p := skipSpace(data, at+len("xref"))
	first, p, ok := ownInt(data, p)
	if !ok || first != 0 {
		return nil, nil, errNotOwn
	}
	count, p, ok := ownInt(data, skipSpace(data, p))
	if !ok || count <= 0 || count > len(data)/20 {
		return nil, nil, errNotOwn
	}
	p = skipSpace(data, p)
	xref := make([]int, count)
	for n := range count {
		// "oooooooooo ggggg n\r\n" or "... n \n": 20 bytes.
		if p+20 > len(data) {
			return nil, nil, errNotOwn
		}
		e := data[p : p+20]
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil || e[10] != ' ' || e[16] != ' ' {
			return nil, nil, errNotOwn
		}
		switch e[17] {
		case 'n':
			if off <= 0 || off >= len(data) || string(e[11:16]) != "00000" {
				return nil, nil, errNotOwn
			}
			xref[n] = off
		case 'f':
			xref[n] = -1
		default:
			return nil, nil, errNotOwn
		}
		p += 20
	}
	p = skipSpace(data, p)
	if !bytes.HasPrefix(data[p:], []byte("trailer")) {
		return nil, nil, errNotOwn
	}
	rest := string(data[p+len("trailer") : i])
	o, err := model.ParseObjectContext(context.Background(), &rest, 0)
	trailer, ok := o.(types.Dict)
	if err != nil || !ok {
		return nil, nil, errNotOwn
	}
	return xref, trailer, nil
}

// ownObject parses object n at offset off: "n 0 obj", a value, then
// "endobj" or, after a dictionary, "stream", the data (of its /Length,
// a direct number) and "endstream".
func ownObject(ctx *model.Context, data []byte, n, off int) (types.Object, error) {
	got, p, ok := ownInt(data, off)
	if !ok || got != n {
		return nil, errNotOwn
	}
	gen, p, ok := ownInt(data, skipSpace(data, p))
	if !ok || gen != 0 {
		return nil, errNotOwn
	}
	p = skipSpace(data, p)
	if !bytes.HasPrefix(data[p:], []byte("obj")) {
		return nil, errNotOwn
	}
	p += len("obj")
	// The first "endobj" ends a plain object; a "stream" before it
	// ends a stream's dictionary. Either word inside a string or name
	// cuts a dictionary or array short, which then does not parse, and
	// the file is read by pdfcpu.Read.
	rest := data[p:]
	e := bytes.Index(rest, []byte("endobj"))
	st := bytes.Index(rest, []byte("stream"))
	if e < 0 {
		return nil, errNotOwn
	}
	head := rest[:e]
	if st >= 0 && st < e {
		head = rest[:st]
	}
	s := string(bytes.TrimSpace(head))
	if s == "" {
		return nil, nil
	}
	o, tail, ok := parseOwn(s)
	if !ok || strings.TrimSpace(tail) != "" {
		// Syntax the fast parser leaves to pdfcpu's.
		var err error
		if o, err = model.ParseObjectContext(context.Background(), &s, 0); err != nil || strings.TrimSpace(s) != "" {
			return nil, errNotOwn
		}
	}
	if st < 0 || st > e {
		return o, nil
	}
	d, ok := o.(types.Dict)
	if !ok {
		return nil, errNotOwn
	}
	length, ok := d["Length"].(types.Integer)
	if !ok || length < 0 {
		return nil, errNotOwn
	}
	// "stream" is followed by CRLF or LF, then the data, an end of
	// line and "endstream".
	q := p + st + len("stream")
	switch {
	case bytes.HasPrefix(data[q:], []byte("\r\n")):
		q += 2
	case bytes.HasPrefix(data[q:], []byte("\n")):
		q++
	default:
		return nil, errNotOwn
	}
	if int(length) > len(data)-q || !bytes.HasPrefix(data[skipSpace(data, q+int(length)):], []byte("endstream")) {
		return nil, errNotOwn
	}
	var pipeline []types.PDFFilter
	switch f := d["Filter"].(type) {
	case nil:
	case types.Name:
		pipeline = []types.PDFFilter{{Name: f.Value()}}
	default:
		return nil, errNotOwn
	}
	if _, ok := d["DecodeParms"]; ok {
		return nil, errNotOwn
	}
	l := int64(length)
	sd := types.NewStreamDict(d, int64(q), &l, nil, pipeline)
	sd.Raw = data[q : q+int(length) : q+int(length)]
	return sd, nil
}

// ownInt reads an unsigned decimal number at p.
func ownInt(data []byte, p int) (n, next int, ok bool) {
	start := p
	for p < len(data) && data[p] >= '0' && data[p] <= '9' && p-start < 12 {
		n = n*10 + int(data[p]-'0')
		p++
	}
	return n, p, p > start
}

func skipSpace(data []byte, p int) int {
	for p < len(data) && (data[p] == ' ' || data[p] == '\n' || data[p] == '\r' || data[p] == '\t') {
		p++
	}
	return p
}

// parseOwn parses one object from s as pdfcpu's strict parser does, for
// the plain syntax report/pdf writes: dictionaries, arrays, names
// without # escapes, literal and hex strings, numbers, references,
// booleans and null. On anything else (a comment, a # escape, a
// keyword in another case, a byte outside ASCII between tokens, a
// number pdfcpu reads in its own way) ok is false and the caller uses
// pdfcpu's parser, so the objects are always the ones pdfcpu.Read
// gives (FuzzParseOwn holds it to that). rest is what follows the
// object.
func parseOwn(s string) (o types.Object, rest string, ok bool) {
	p := ownParser{s: s}
	o, ok = p.value(0)
	return o, p.s[p.i:], ok
}

type ownParser struct {
	s string
	i int
}

func ownSpace(c byte) bool {
	switch c {
	case ' ', '\n', '\r', '\t', '\f', '\v', 0:
		return true
	}
	return false
}

// ownEnds reports whether a keyword or number may end at c: whitespace,
// the end, or a delimiter that ends a number for pdfcpu too.
func ownEnds(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	switch c := s[i]; {
	case ownSpace(c):
		return true
	case c == '/' || c == '<' || c == '>' || c == '[' || c == ']' || c == '(':
		return true
	}
	return false
}

// skip passes whitespace; false on a comment or a byte outside ASCII.
func (p *ownParser) skip() bool {
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case ownSpace(c):
			p.i++
		case c == '%' || c >= 0x80:
			return false
		default:
			return true
		}
	}
	return true
}

func (p *ownParser) value(depth int) (types.Object, bool) {
	if depth > 90 || !p.skip() || p.i >= len(p.s) {
		return nil, false
	}
	s := p.s
	switch c := s[p.i]; {
	case c == '<' && p.i+1 < len(s) && s[p.i+1] == '<':
		return p.dict(depth)
	case c == '<':
		return p.hex()
	case c == '[':
		return p.array(depth)
	case c == '/':
		n, ok := p.name()
		return n, ok
	case c == '(':
		return p.literal()
	case c == 't' || c == 'f' || c == 'n':
		for _, kw := range []struct {
			word string
			val  types.Object
		}{{"true", types.Boolean(true)}, {"false", types.Boolean(false)}, {"null", nil}} {
			if strings.HasPrefix(s[p.i:], kw.word) && ownEnds(s, p.i+len(kw.word)) {
				p.i += len(kw.word)
				return kw.val, true
			}
		}
		return nil, false
	default:
		return p.number()
	}
}

func (p *ownParser) dict(depth int) (types.Object, bool) {
	p.i += 2
	d := types.NewDict()
	for {
		if !p.skip() || p.i >= len(p.s) {
			return nil, false
		}
		if strings.HasPrefix(p.s[p.i:], ">>") {
			p.i += 2
			return d, true
		}
		if p.s[p.i] != '/' {
			return nil, false
		}
		k, ok := p.name()
		if !ok {
			return nil, false
		}
		v, ok := p.value(depth + 1)
		// pdfcpu wants at least ">>" after a value.
		if !ok || len(p.s)-p.i < 2 {
			return nil, false
		}
		if v != nil { // a null entry is no entry
			d[string(k)] = v
		}
	}
}

func (p *ownParser) array(depth int) (types.Object, bool) {
	p.i++
	a := types.Array{}
	for {
		if !p.skip() || p.i >= len(p.s) {
			return nil, false
		}
		if p.s[p.i] == ']' {
			p.i++
			return a, true
		}
		v, ok := p.value(depth + 1)
		if !ok {
			return nil, false
		}
		a = append(a, v)
	}
}

func (p *ownParser) name() (types.Name, bool) {
	start := p.i + 1
	j := start
	for j < len(p.s) && !ownSpace(p.s[j]) && !strings.ContainsRune("/<>()[]%", rune(p.s[j])) {
		if c := p.s[j]; c == '#' || c >= 0x80 {
			return "", false
		}
		j++
	}
	if j == start {
		return "", false
	}
	p.i = j
	return types.Name(p.s[start:j]), true
}

// literal is a string's bytes between its brackets as they stand,
// escapes and all, found as pdfcpu finds the closing bracket.
func (p *ownParser) literal() (types.Object, bool) {
	s := p.s[p.i:]
	depth, escaped := 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !escaped && c == '\\' {
			escaped = true
			continue
		}
		if escaped {
			escaped = false
			continue
		}
		if c == '(' {
			depth++
		}
		if c == ')' {
			depth--
		}
		if depth == 0 {
			p.i += i + 1
			return types.StringLiteral(s[1:i]), true
		}
	}
	return nil, false
}

// hex is a hex string's digits in upper case, a missing last digit 0.
func (p *ownParser) hex() (types.Object, bool) {
	end := strings.IndexByte(p.s[p.i:], '>')
	if end < 0 {
		return nil, false
	}
	digits := p.s[p.i+1 : p.i+end]
	for i := 0; i < len(digits); i++ {
		c := digits[i]
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return nil, false
		}
	}
	p.i += end + 1
	h := strings.ToUpper(digits)
	if len(h)%2 == 1 {
		h += "0"
	}
	return types.HexLiteral(h), true
}

// number reads an integer, a real ("-1.5", ".5", "3.") or a reference
// ("12 0 R").
func (p *ownParser) number() (types.Object, bool) {
	s := p.s
	start := p.i
	j := start
	if j < len(s) && s[j] == '-' {
		j++
	}
	digits, dot := 0, false
	for ; j < len(s); j++ {
		switch c := s[j]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && !dot:
			dot = true
		default:
			goto done
		}
	}
done:
	if digits == 0 || digits > 15 || !ownEnds(s, j) {
		return nil, false
	}
	tok := s[start:j]
	p.i = j
	if dot {
		f, err := strconv.ParseFloat(tok, 64)
		return types.Float(f), err == nil
	}
	n, err := strconv.Atoi(tok)
	if err != nil {
		return nil, false
	}
	// "n g R" is a reference; pdfcpu looks for one after an integer
	// followed by whitespace.
	if j >= len(s) || !ownSpace(s[j]) {
		return types.Integer(n), true
	}
	k := j
	for k < len(s) && ownSpace(s[k]) {
		k++
	}
	g := k
	for g < len(s) && s[g] >= '0' && s[g] <= '9' {
		g++
	}
	if g == k {
		if k < len(s) && (s[k] == '-' || s[k] == '+' || s[k] == '.' || s[k] == '%' || s[k] >= 0x80) {
			return nil, false // a second token pdfcpu may read otherwise
		}
		return types.Integer(n), true
	}
	if g-k > 9 || !ownEnds(s, g) {
		return nil, false
	}
	if g >= len(s) || !ownSpace(s[g]) {
		return types.Integer(n), true // "1 2]": two integers
	}
	r := g
	for r < len(s) && ownSpace(s[r]) {
		r++
	}
	if r < len(s) && s[r] == 'R' {
		if n < 0 || !ownEnds(s, r+1) {
			return nil, false
		}
		gen, _ := strconv.Atoi(s[k:g])
		p.i = r + 1
		return *types.NewIndirectRef(n, gen), true
	}
	if r < len(s) && (s[r] == '%' || s[r] >= 0x80) {
		return nil, false
	}
	if n < 0 {
		return nil, false
	}
	return types.Integer(n), true
}
