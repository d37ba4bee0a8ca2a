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
// from the bytes in hand and parses each with pdfcpu's own object parser,
// so the objects are the ones pdfcpu.Read would give, and stream data is
// not copied. A file that is not laid out that way is read by
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
	o, err := model.ParseObjectContext(context.Background(), &s, 0)
	if err != nil || strings.TrimSpace(s) != "" {
		return nil, errNotOwn
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
