package caselog

import (
	"bytes"
	"fmt"
	"io"
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
	idx := 0
	if opt.Sheet != "" {
		idx = sheetIndex(wb.sheets, opt.Sheet)
		if idx < 0 {
			return nil, diag.List{{File: name, Msg: fmt.Sprintf("no worksheet %s; the workbook has: %s", diag.Quote(opt.Sheet), headerList(wb.sheets))}}
		}
	}
	sheet, serr := wb.open(wb.paths[idx])
	if serr != nil {
		return nil, diag.List{{File: name, Msg: "cannot read the worksheet: " + serr.Error()}}
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
		cells, line, rerr = rr.next(cells)
		if rerr != nil {
			return nil, diag.List{{File: name, Msg: "cannot read the worksheet: " + rerr.Error()}}
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
				return nil, herrs
			}
			p = newParser(lay, name, opt.maxErrors())
			p.xlsx, p.date1904 = true, wb.date1904
			for _, c := range lay.col {
				width = max(width, c+1)
			}
			rec = make([][]byte, width)
			continue
		}
		clear(rec)
		beyond := 0 // the first column past the header with a value
		for _, c := range cells {
			switch {
			case c.col <= width:
				rec[c.col-1] = c.value
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
		return nil, emptyFile(name)
	}
	if errs := append(finish(name, opt.maxErrors(), &p.errs), unknownErrors(name, lay, []*parser{p})...); len(errs) > 0 {
		return nil, errs
	}
	log = merge(name, lay, []*parser{p})
	if errs := finalize(name, lay, log, opt, []*parser{p}); errs != nil {
		return nil, errs
	}
	return log, nil
}

// sheetIndex finds a worksheet by name, ignoring case as Excel does
// when the exact name is not there; -1 if there is none.
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
