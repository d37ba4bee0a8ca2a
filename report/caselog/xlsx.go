package caselog

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/diag"
)

// ReadXLSX reads a case log from an XLSX workbook: the sheet named in
// opt.Sheet (the first, if empty), streamed a row at a time. Row numbers
// are the sheet's. Cells are read by their stored values, so a date cell
// is its serial number whatever its display format, and the workbook's
// 1900 or 1904 date system is honoured. A row costs what its cells cost,
// wherever they are, and the sheet's declared size is not trusted. The
// error, if any, is a diag.List, and then the log is nil.
func ReadXLSX(name string, r io.Reader, opt Options) (log *Log, err error) {
	defer func() {
		// The reader parses untrusted archives: a panic in it must become
		// a diagnostic, never a crash.
		if v := recover(); v != nil {
			log, err = nil, diag.List{{File: name, Msg: fmt.Sprintf("cannot read the workbook: %v", v)}}
		}
	}()
	data, rerr := diag.ReadAll(r, MaxXLSXSize, "an XLSX case log")
	if rerr != nil {
		return nil, diag.List{{File: name, Msg: "cannot read the workbook: " + diag.ReadError(rerr)}}
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return nil, diag.List{{File: name, Msg: "is an Excel 97-2003 (.xls) or password-protected workbook; save it from Excel as .xlsx (without a password) or as .csv"}}
	case !bytes.HasPrefix(data, []byte("PK")):
		return nil, diag.List{{File: name, Msg: "is not an XLSX workbook (an .xlsx file is a zip archive, and this is not one); if it is a CSV export, name it .csv"}}
	}
	wb, werr := openWorkbook(data)
	if werr != nil {
		return nil, diag.List{{File: name, Msg: "cannot read the workbook: " + werr.Error()}}
	}
	if len(wb.sheets) == 0 {
		return nil, diag.List{{File: name, Msg: "the workbook has no worksheets"}}
	}
	if opt.Sheet != "" {
		idx := sheetIndex(wb.sheets, opt.Sheet)
		if idx < 0 {
			return nil, diag.List{{File: name, Msg: fmt.Sprintf("no worksheet %s; the workbook has: %s", diag.Quote(opt.Sheet), sheetList(wb.sheets))}}
		}
		log, errs, _ := readSheet(name, wb, idx, opt)
		return result(log, errs)
	}
	// No sheet named: the first whose header has the columns, so that a
	// cover sheet before the data is passed over.
	var first diag.List
	for idx := range wb.sheets {
		log, errs, found := readSheet(name, wb, idx, opt)
		if found || len(wb.sheets) == 1 {
			return result(log, errs)
		}
		if idx == 0 {
			first = errs
		}
	}
	return nil, append(first, diag.Diagnostic{File: name, Msg: fmt.Sprintf(
		"no worksheet has a header row with the columns; the workbook has: %s; name the sheet with the report's data: sheet: (a name or a number from 1)", sheetList(wb.sheets))})
}

// result returns a log or its problems as ReadXLSX does: a nil error,
// not an empty diag.List, when there are none.
func result(log *Log, errs diag.List) (*Log, error) {
	if len(errs) > 0 {
		return nil, errs
	}
	return log, nil
}

// sheetList lists a workbook's sheets, numbered from 1, for messages.
func sheetList(sheets []string) string {
	n := min(len(sheets), maxListed)
	list := make([]string, n)
	for i, s := range sheets[:n] {
		list[i] = fmt.Sprintf("%d %s", i+1, diag.Quote(s))
	}
	out := strings.Join(list, ", ")
	if more := len(sheets) - n; more > 0 {
		out += fmt.Sprintf(" and %d more", more)
	}
	return out
}

// readSheet reads the case log on sheet idx. found reports whether its
// header named the columns (the errors are then about its rows).
func readSheet(name string, wb *xlsxFile, idx int, opt Options) (log *Log, errs diag.List, found bool) {
	sheet, serr := wb.open(wb.paths[idx])
	if serr != nil {
		return nil, diag.List{{File: name, Msg: "cannot read the worksheet: " + serr.Error()}}, false
	}
	defer sheet.Close()
	rr := &rowReader{wb: wb, r: sheet}
	var (
		lay   *layout
		p     *parser
		rec   [][]byte
		cells []cell
		width int // fields a record needs: up to the last column with a role
	)
	for {
		var line int
		var rerr error
		cells, line, rerr = rr.next(cells)
		if rerr != nil {
			return nil, diag.List{{File: name, Msg: "cannot read the worksheet: " + rerr.Error()}}, lay != nil
		}
		if line == 0 {
			break
		}
		if lay == nil {
			blank := true
			for _, c := range cells {
				if len(trim(c.value)) > 0 {
					blank = false
				}
			}
			if blank {
				continue
			}
			last := 0 // cells are in document order, not always by column
			for _, c := range cells {
				last = max(last, c.col)
			}
			header := make([]string, last)
			for _, c := range cells {
				header[c.col-1] = string(c.value)
			}
			var herrs diag.List
			lay, herrs = resolve(name, line, header, opt)
			if len(herrs) > 0 {
				return nil, herrs, false
			}
			p = newParser(lay, name, opt.maxErrors())
			p.xlsx, p.date1904 = true, wb.date1904
			for _, c := range lay.col {
				width = max(width, c+1)
			}
			rec = make([][]byte, width)
			p.num = make([]bool, width)
			continue
		}
		clear(rec)
		clear(p.num)
		beyond := 0 // the first column past the header with a value
		for _, c := range cells {
			switch {
			case c.col <= width:
				rec[c.col-1] = c.value
				p.num[c.col-1] = c.num
			case c.col > lay.header && beyond == 0 && len(trim(c.value)) > 0:
				beyond = c.col
			}
		}
		if beyond > 0 {
			p.errs.add(line, "", "cell %s%d has a value, but the header row has no column %s: every value must be under a heading", columnName(beyond), line, columnName(beyond))
		}
		p.record(rec, line)
	}
	if lay == nil {
		return nil, emptyFile(name), false
	}
	if errs := append(finish(name, opt.maxErrors(), &p.errs), unknownErrors(name, lay, []*parser{p})...); len(errs) > 0 {
		return nil, errs, true
	}
	log = merge(name, lay, []*parser{p})
	if errs := finalize(name, lay, log, opt, []*parser{p}, nil); errs != nil {
		return nil, errs, true
	}
	return log, nil, true
}

// sheetIndex finds a worksheet by name, ignoring case as Excel does
// when the exact name is not there, or by its number from 1; -1 if there
// is none.
func sheetIndex(sheets []string, name string) int {
	for i, s := range sheets {
		if s == name {
			return i
		}
	}
	for i, s := range sheets {
		if strings.EqualFold(s, name) {
			return i
		}
	}
	// A number counts sheets from 1, as Excel's tabs are read.
	if n, err := strconv.Atoi(strings.TrimSpace(name)); err == nil && n >= 1 && n <= len(sheets) {
		return n - 1
	}
	return -1
}

// columnName returns a column's letters: 1 is A, 16384 is XFD.
func columnName(col int) string {
	var b []byte
	for ; col > 0; col = (col - 1) / 26 {
		b = append([]byte{byte('A' + (col-1)%26)}, b...)
	}
	return string(b)
}
