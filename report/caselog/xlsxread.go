package caselog

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/diag"
)

// This file reads the parts of an XLSX package a case log needs: the
// workbook's sheet list and date system, the shared strings, and a
// worksheet's cells, row by row as a stream.
//
// A general XLSX library (excelize) decodes every cell through
// encoding/xml and pads each row out to its last cell: a million-row
// export took 25 s, and a sheet with one cell in column XFD per row cost
// 16,384 cells a row (8.6 GB for a 103 KB file). Here a worksheet is
// scanned byte by byte, a row at a time, and a row costs what its cells
// cost; the sheet's declared size (<dimension>) is not trusted, and
// nothing is written to disk.

// Limits on what a workbook may unpack to. A million-row export's
// worksheet unpacks to about 320 MB; the shared strings of one are tens
// of megabytes.
const (
	maxUnzipped      = 1 << 30   // every part read, in total
	maxSharedStrings = 256 << 20 // the shared strings, held in memory
	maxSmallPart     = 16 << 20  // the workbook and its relationships
	maxRow           = 64 << 20  // one row of a worksheet
	maxColumn        = 16384     // column XFD
	maxRowNumber     = 1048576
)

// errDamaged reports a workbook whose parts do not say what an XLSX's
// must.
type errDamaged string

func (e errDamaged) Error() string { return string(e) }

// xlsxFile is an XLSX package opened for reading.
type xlsxFile struct {
	files    map[string]*zip.File // by lower-case part name
	sheets   []string             // names, in workbook order
	paths    []string             // the worksheet part of each sheet
	date1904 bool
	sst      []byte // the shared strings, one after another
	sstEnd   []int  // sst[sstEnd[i-1]:sstEnd[i]] is string i
	budget   int64  // bytes left to unpack
}

func openWorkbook(data []byte) (*xlsxFile, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	wb := &xlsxFile{files: make(map[string]*zip.File, len(zr.File)), budget: maxUnzipped}
	for _, f := range zr.File {
		wb.files[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	main := "xl/workbook.xml"
	if rels, err := wb.rels("_rels/.rels", ""); err == nil {
		if t, ok := rels.byType("/officeDocument"); ok {
			main = t
		}
	}
	src, err := wb.read(main, maxSmallPart)
	if err != nil {
		return nil, err
	}
	var w struct {
		Props struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name  string     `xml:"name,attr"`
			Attrs []xml.Attr `xml:",any,attr"`
		} `xml:"sheets>sheet"`
	}
	if err := xml.Unmarshal(src, &w); err != nil {
		return nil, errDamaged("its workbook part is damaged: " + err.Error())
	}
	wb.date1904 = w.Props.Date1904 == "1" || strings.EqualFold(w.Props.Date1904, "true")
	rels, err := wb.rels(path.Join(path.Dir(main), "_rels", path.Base(main)+".rels"), path.Dir(main))
	if err != nil {
		return nil, err
	}
	for _, s := range w.Sheets {
		var id string
		for _, a := range s.Attrs {
			if a.Name.Local == "id" {
				id = a.Value
			}
		}
		wb.sheets = append(wb.sheets, s.Name)
		wb.paths = append(wb.paths, rels.target[id])
	}
	if t, ok := rels.byType("/sharedStrings"); ok {
		if err := wb.readSharedStrings(t); err != nil {
			return nil, err
		}
	}
	return wb, nil
}

// relationships are a part's links to other parts.
type relationships struct {
	target map[string]string // by Id
	types  []string          // Type of each, with...
	paths  []string          // ...its resolved target
}

func (r *relationships) byType(suffix string) (string, bool) {
	for i, t := range r.types {
		if strings.HasSuffix(t, suffix) {
			return r.paths[i], true
		}
	}
	return "", false
}

// rels reads a relationships part, resolving targets against dir.
func (wb *xlsxFile) rels(name, dir string) (*relationships, error) {
	src, err := wb.read(name, maxSmallPart)
	if err != nil {
		return nil, err
	}
	var rs struct {
		Rel []struct {
			ID     string `xml:"Id,attr"`
			Type   string `xml:"Type,attr"`
			Target string `xml:"Target,attr"`
		} `xml:"Relationship"`
	}
	if err := xml.Unmarshal(src, &rs); err != nil {
		return nil, errDamaged("its part " + name + " is damaged: " + err.Error())
	}
	r := &relationships{target: map[string]string{}}
	for _, x := range rs.Rel {
		t := x.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join(dir, t)
		}
		r.target[x.ID] = t
		r.types = append(r.types, x.Type)
		r.paths = append(r.paths, t)
	}
	return r, nil
}

// open opens a part, counting what it unpacks against the budget.
func (wb *xlsxFile) open(name string) (io.ReadCloser, error) {
	if name == "" {
		return nil, errDamaged("it lists a sheet with no part behind it")
	}
	f, ok := wb.files[strings.ToLower(name)]
	if !ok {
		return nil, errDamaged(fmt.Sprintf("it has no part %s", name))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	return &budgetReader{rc: rc, wb: wb}, nil
}

// read reads a whole part of at most max bytes.
func (wb *xlsxFile) read(name string, max int64) ([]byte, error) {
	rc, err := wb.open(name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := diag.ReadAll(rc, max, "part "+name)
	var tl *diag.TooLargeError
	if errors.As(err, &tl) {
		return nil, errDamaged(fmt.Sprintf("its part %s unpacks to more than %d MB", name, max>>20))
	}
	if err != nil {
		return nil, err
	}
	return data, nil
}

// budgetReader fails once the workbook has unpacked maxUnzipped bytes,
// so a small crafted file cannot claim gigabytes.
type budgetReader struct {
	rc io.ReadCloser
	wb *xlsxFile
}

func (b *budgetReader) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	b.wb.budget -= int64(n)
	if b.wb.budget < 0 {
		return n, errDamaged(fmt.Sprintf("it unpacks to more than %d MB", maxUnzipped>>20))
	}
	return n, err
}

func (b *budgetReader) Close() error { return b.rc.Close() }

// readSharedStrings reads the shared string table: each <si>'s text,
// the <t> elements of its runs joined, phonetic hints (<rPh>) left out.
func (wb *xlsxFile) readSharedStrings(name string) error {
	src, err := wb.read(name, maxSharedStrings)
	if err != nil {
		return err
	}
	var x xmlScanner
	x.b = src
	wb.sst = make([]byte, 0, len(src)/4)
	inSI, inT, inRPh := false, false, false
	for {
		text, tag, ok := x.next()
		if !ok {
			break
		}
		if text != nil && inSI && inT && !inRPh {
			wb.sst = appendText(wb.sst, text)
			continue
		}
		switch tag.local {
		case "si":
			if tag.end || tag.selfClosing {
				wb.sstEnd = append(wb.sstEnd, len(wb.sst))
			}
			inSI = !tag.end && !tag.selfClosing
		case "t":
			inT = !tag.end && !tag.selfClosing
		case "rPh":
			inRPh = !tag.end && !tag.selfClosing
		}
	}
	return nil
}

// sharedString returns string i of the table.
func (wb *xlsxFile) sharedString(i int) ([]byte, bool) {
	if i < 0 || i >= len(wb.sstEnd) {
		return nil, false
	}
	start := 0
	if i > 0 {
		start = wb.sstEnd[i-1]
	}
	return wb.sst[start:wb.sstEnd[i]], true
}

// tag is one XML tag: its local name (without a namespace prefix, as
// some writers give one) and kind.
type tag struct {
	local            string
	attrs            []byte // the raw attributes of a start tag
	end, selfClosing bool
}

// xmlScanner splits XML into text and tags. It understands what worksheets
// and shared strings hold: elements, attributes, text, comments,
// processing instructions and CDATA; entities are decoded by appendText.
type xmlScanner struct {
	b   []byte
	pos int
}

// next returns the next piece: text (non-nil) or a tag. ok is false at
// the end, or at a tag left unclosed.
func (x *xmlScanner) next() (text []byte, t tag, ok bool) {
	b := x.b
	if x.pos >= len(b) {
		return nil, t, false
	}
	if b[x.pos] != '<' {
		i := bytes.IndexByte(b[x.pos:], '<')
		if i < 0 {
			i = len(b) - x.pos
		}
		text = b[x.pos : x.pos+i]
		x.pos += i
		return text, t, true
	}
	rest := b[x.pos:]
	switch {
	case bytes.HasPrefix(rest, []byte("<!--")):
		return x.skip("-->")
	case bytes.HasPrefix(rest, []byte("<![CDATA[")):
		end := bytes.Index(rest, []byte("]]>"))
		if end < 0 {
			return nil, t, false
		}
		x.pos += end + 3
		return rest[9:end], t, true // as text (an & in it, rare, is decoded too)
	case len(rest) > 1 && (rest[1] == '?' || rest[1] == '!'):
		return x.skip(">")
	}
	end := tagEnd(rest)
	if end < 0 {
		return nil, t, false
	}
	inner := rest[1:end]
	x.pos += end + 1
	if len(inner) > 0 && inner[0] == '/' {
		t.end = true
		inner = inner[1:]
	}
	if len(inner) > 0 && inner[len(inner)-1] == '/' {
		t.selfClosing = true
		inner = inner[:len(inner)-1]
	}
	n := 0
	for n < len(inner) && !isSpace(inner[n]) {
		n++
	}
	name := inner[:n]
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	t.local = localName(name)
	t.attrs = inner[n:]
	return nil, t, true
}

// localName returns the names the readers look for without allocating,
// and any other name as a placeholder.
func localName(b []byte) string {
	switch string(b) {
	case "c":
		return "c"
	case "v":
		return "v"
	case "is":
		return "is"
	case "t":
		return "t"
	case "row":
		return "row"
	case "si":
		return "si"
	case "rPh":
		return "rPh"
	}
	return "?"
}

func (x *xmlScanner) skip(end string) ([]byte, tag, bool) {
	i := bytes.Index(x.b[x.pos:], []byte(end))
	if i < 0 {
		return nil, tag{}, false
	}
	x.pos += i + len(end)
	return nil, tag{local: "?"}, true
}

// tagEnd returns the index of the > that closes the tag starting b,
// skipping quoted attribute values, or -1.
func tagEnd(b []byte) int {
	var quote byte
	for i := 1; i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// attr returns the value of the attribute named name (its local name) in
// raw attributes, or nil.
func attr(attrs []byte, name string) []byte {
	i := 0
	for {
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		k := i
		for i < len(attrs) && attrs[i] != '=' && !isSpace(attrs[i]) {
			i++
		}
		key := attrs[k:i]
		for i < len(attrs) && (isSpace(attrs[i]) || attrs[i] == '=') {
			i++
		}
		if i >= len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
			return nil
		}
		q := attrs[i]
		end := bytes.IndexByte(attrs[i+1:], q)
		if end < 0 {
			return nil
		}
		if j := bytes.LastIndexByte(key, ':'); j >= 0 {
			key = key[j+1:]
		}
		if string(key) == name {
			return attrs[i+1 : i+1+end]
		}
		i += end + 2
	}
}

// appendText appends XML text to dst with its entities decoded.
func appendText(dst, text []byte) []byte {
	for {
		i := bytes.IndexByte(text, '&')
		if i < 0 {
			return append(dst, text...)
		}
		dst = append(dst, text[:i]...)
		text = text[i:]
		semi := bytes.IndexByte(text, ';')
		if semi < 0 || semi > 12 {
			dst = append(dst, '&')
			text = text[1:]
			continue
		}
		ent := string(text[1:semi])
		switch {
		case ent == "lt":
			dst = append(dst, '<')
		case ent == "gt":
			dst = append(dst, '>')
		case ent == "amp":
			dst = append(dst, '&')
		case ent == "quot":
			dst = append(dst, '"')
		case ent == "apos":
			dst = append(dst, '\'')
		case strings.HasPrefix(ent, "#"):
			base, digits := 10, ent[1:]
			if strings.HasPrefix(digits, "x") || strings.HasPrefix(digits, "X") {
				base, digits = 16, digits[1:]
			}
			r, err := strconv.ParseUint(digits, base, 32)
			if err != nil || r == 0 || r > 0x10FFFF {
				dst = append(dst, text[:semi+1]...)
			} else {
				dst = fmt.Appendf(dst, "%c", rune(r))
			}
		default:
			dst = append(dst, text[:semi+1]...)
		}
		text = text[semi+1:]
	}
}

// cell is one cell of a row: its column (from 1) and value, decoded.
type cell struct {
	col   int
	value []byte
	num   bool // a number cell: a date's serial, whatever its display format
}

// rowReader streams a worksheet's rows.
type rowReader struct {
	wb   *xlsxFile
	r    io.Reader
	buf  []byte
	eof  bool
	num  int    // the current row's number
	text []byte // decoded cell values of the current row
	ends []int
	// closing is the end tag of the row being found, "</row>" or with
	// the writer's namespace prefix, "</x:row>".
	closing []byte
}

// next reads the next row into cells (reusing its memory) and returns
// the row's number, or 0 at the end of the sheet.
func (rr *rowReader) next(cells []cell) ([]cell, int, error) {
	start, end, err := rr.findRow()
	if err != nil || start < 0 {
		return cells[:0], 0, err
	}
	row := rr.buf[start:end]
	rr.buf = rr.buf[end:]
	cells, err = rr.parseRow(row, cells[:0])
	return cells, rr.num, err
}

// findRow returns the bounds in buf of the next complete <row> element,
// reading more of the sheet as needed; start is -1 at the end.
func (rr *rowReader) findRow() (start, end int, err error) {
	for {
		b := rr.buf
		// stop is where scanning stopped for want of more of the sheet:
		// a tag or comment cut at the end of what is read.
		start, stop := -1, len(b)
		for i := 0; i < len(b); {
			j := bytes.IndexByte(b[i:], '<')
			if j < 0 {
				break
			}
			i += j
			if bytes.HasPrefix(b[i:], []byte("<!--")) {
				k := bytes.Index(b[i:], []byte("-->"))
				if k < 0 {
					stop = i
					break
				}
				i += k + 3
				continue
			}
			n := i + 1
			for n < len(b) && b[n] != '>' && b[n] != '/' && !isSpace(b[n]) {
				n++
			}
			if n >= len(b) {
				stop = i
				break
			}
			name := b[i+1 : n]
			if k := bytes.LastIndexByte(name, ':'); k >= 0 {
				name = name[k+1:]
			}
			if string(name) == "row" && b[i+1] != '/' {
				start = i
				break
			}
			i = n
		}
		if start >= 0 {
			rest := b[start:]
			if te := tagEnd(rest); te >= 0 {
				if rest[te-1] == '/' {
					return start, start + te + 1, nil
				}
				n := start + 1
				for b[n] != '>' && b[n] != '/' && !isSpace(b[n]) {
					n++
				}
				closing := append(append(rr.closing[:0], "</"...), b[start+1:n]...)
				closing = append(closing, '>')
				rr.closing = closing
				if k := bytes.Index(rest[te:], closing); k >= 0 {
					return start, start + te + k + len(closing), nil
				}
			}
			stop = start // keep the row's start and read more
		}
		rr.buf = b[stop:]
		if len(rr.buf) > maxRow {
			return 0, 0, errDamaged(fmt.Sprintf("a row of the worksheet is more than %d MB", maxRow>>20))
		}
		if rr.eof {
			if start >= 0 {
				return 0, 0, errDamaged("a row is unfinished: the worksheet is damaged")
			}
			return -1, 0, nil
		}
		if err := rr.fill(); err != nil {
			return 0, 0, err
		}
	}
}

// fill reads the next chunk of the sheet onto buf. Only io.EOF ends the
// sheet: a truncated or corrupt stream is an error.
func (rr *rowReader) fill() error {
	chunk := 1 << 20
	if rr.buf == nil {
		chunk = 64 << 10 // most of a small sheet, without a megabyte for it
	}
	if cap(rr.buf)-len(rr.buf) < chunk {
		nb := make([]byte, len(rr.buf), 2*len(rr.buf)+chunk)
		copy(nb, rr.buf)
		rr.buf = nb
	}
	for room, empty := chunk, 0; room > 0; {
		n, err := rr.r.Read(rr.buf[len(rr.buf) : len(rr.buf)+room])
		rr.buf = rr.buf[:len(rr.buf)+n]
		room -= n
		if n == 0 && err == nil {
			if empty++; empty > 100 {
				return io.ErrNoProgress
			}
		}
		if err == io.EOF {
			rr.eof = true
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// parseRow reads one <row> element's cells, in document order, leaving
// out cells with no value.
func (rr *rowReader) parseRow(row []byte, cells []cell) ([]cell, error) {
	x := xmlScanner{b: row}
	_, rt, _ := x.next()
	if r := attr(rt.attrs, "r"); r != nil {
		n, err := strconv.Atoi(string(r))
		if err != nil || n < 1 || n > maxRowNumber {
			return cells, errDamaged(fmt.Sprintf("a row is numbered %.20q", r))
		}
		rr.num = n
	} else {
		rr.num++
	}
	if rr.num > maxRowNumber {
		return cells, errDamaged("it has more rows than a worksheet can")
	}
	rr.text, rr.ends = rr.text[:0], rr.ends[:0]
	col := 0
	var (
		inCell, inV, inIs, inT, inRPh bool
		typ, ref                      []byte
		start                         int
		has                           bool
	)
	for {
		text, t, ok := x.next()
		if !ok {
			break
		}
		if text != nil {
			if inCell && (inV || (inIs && inT && !inRPh)) {
				rr.text = appendText(rr.text, text)
				has = true
			}
			continue
		}
		switch t.local {
		case "c":
			if t.end {
				if !inCell {
					continue
				}
				inCell = false
			} else {
				typ, ref = attr(t.attrs, "t"), attr(t.attrs, "r")
				start, has = len(rr.text), false
				if ref != nil {
					c, ok := column(ref)
					if !ok {
						return cells, errDamaged(fmt.Sprintf("a cell is named %.20q", ref))
					}
					col = c
				} else {
					col++
				}
				if col > maxColumn {
					return cells, errDamaged("a row has more cells than a worksheet can")
				}
				if !t.selfClosing {
					inCell = true
					continue
				}
			}
			if !has {
				rr.text = rr.text[:start]
				continue
			}
			if string(typ) == "s" {
				i, err := strconv.Atoi(string(bytes.TrimSpace(rr.text[start:])))
				s, ok := rr.wb.sharedString(i)
				if err != nil || !ok {
					return cells, errDamaged(fmt.Sprintf("row %d refers to shared string %.20q, which it does not have", rr.num, rr.text[start:]))
				}
				rr.text = append(rr.text[:start], s...)
			}
			cells = append(cells, cell{col: col, num: len(typ) == 0 || string(typ) == "n"})
			rr.ends = append(rr.ends, start, len(rr.text))
		case "v":
			inV = inCell && !t.end && !t.selfClosing
		case "is":
			inIs = inCell && !t.end && !t.selfClosing
		case "t":
			inT = !t.end && !t.selfClosing
		case "rPh":
			inRPh = !t.end && !t.selfClosing
		}
	}
	// The values are set once the row's text has stopped growing.
	for i := range cells {
		cells[i].value = rr.text[rr.ends[2*i]:rr.ends[2*i+1]]
	}
	return cells, nil
}

// column returns the column of a cell reference such as "C12" (3), or
// false if ref is not one.
func column(ref []byte) (int, bool) {
	col, i := 0, 0
	for ; i < len(ref); i++ {
		c := ref[i] | 0x20 // lower case
		if c < 'a' || c > 'z' {
			break
		}
		col = col*26 + int(c-'a'+1)
		if col > maxColumn {
			return 0, false
		}
	}
	if i == 0 || i == len(ref) {
		return 0, false
	}
	for ; i < len(ref); i++ {
		if ref[i] < '0' || ref[i] > '9' {
			return 0, false
		}
	}
	return col, true
}
