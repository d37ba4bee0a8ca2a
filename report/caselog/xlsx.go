package caselog

import (
	"bytes"
	"fmt"
	"io"

	"github.com/paperhq/paper/report/diag"
	"github.com/xuri/excelize/v2"
)

// maxUnzipped bounds what a workbook may unpack to, so that a small
// crafted file cannot claim gigabytes: a million-row export unpacks to
// well under 1 GB.
const maxUnzipped = 1 << 30

// ReadXLSX reads a case log from an XLSX workbook: the sheet named in
// opt.Sheet, or the first. Row numbers are the sheet's. Cells are read by
// their stored values, so a date cell is its serial number whatever its
// display format, and the workbook's 1900 or 1904 date system is honoured.
// The error, if any, is a diag.List, and then the log is nil.
func ReadXLSX(name string, r io.Reader, opt Options) (log *Log, err error) {
	defer func() {
		// excelize is large and reads untrusted archives: a panic in it
		// must become a diagnostic, never a crash.
		if v := recover(); v != nil {
			log, err = nil, diag.List{{File: name, Msg: fmt.Sprintf("cannot read the workbook: %v", v)}}
		}
	}()
	data, rerr := io.ReadAll(r)
	if rerr != nil {
		return nil, diag.List{{File: name, Msg: "cannot read the workbook: " + rerr.Error()}}
	}
	switch {
	case bytes.HasPrefix(data, []byte("\xD0\xCF\x11\xE0")):
		return nil, diag.List{{File: name, Msg: "is an Excel 97-2003 (.xls) or password-protected workbook; save it from Excel as .xlsx (without a password) or as .csv"}}
	case !bytes.HasPrefix(data, []byte("PK")):
		return nil, diag.List{{File: name, Msg: "is not an XLSX workbook (an .xlsx file is a zip archive, and this is not one); if it is a CSV export, name it .csv"}}
	}
	f, ferr := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: maxUnzipped})
	if ferr != nil {
		return nil, diag.List{{File: name, Msg: "cannot read the workbook: " + ferr.Error()}}
	}
	defer f.Close()
	sheets := f.GetSheetList()
	sheet := opt.Sheet
	if sheet == "" {
		if len(sheets) == 0 {
			return nil, diag.List{{File: name, Msg: "the workbook has no worksheets"}}
		}
		sheet = sheets[0]
	} else if idx, _ := f.GetSheetIndex(sheet); idx < 0 {
		return nil, diag.List{{File: name, Msg: fmt.Sprintf("no worksheet %s; the workbook has: %s", diag.Quote(sheet), headerList(sheets))}}
	}
	rows, rerr := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if rerr != nil {
		return nil, diag.List{{File: name, Msg: "cannot read the worksheet: " + rerr.Error()}}
	}
	date1904 := false
	if props, perr := f.GetWorkbookProps(); perr == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	var lay *layout
	var p *parser
	var rec [][]byte
	for i, cells := range rows {
		line := i + 1
		if lay == nil {
			blank := true
			for _, c := range cells {
				if len(trim([]byte(c))) > 0 {
					blank = false
				}
			}
			if blank {
				continue
			}
			var herrs diag.List
			lay, herrs = resolve(name, line, cells, opt.Columns)
			if len(herrs) > 0 {
				return nil, herrs
			}
			p = newParser(lay, name, opt.maxErrors())
			p.xlsx, p.date1904 = true, date1904
			continue
		}
		rec = rec[:0]
		for _, c := range cells {
			rec = append(rec, []byte(c))
		}
		p.record(rec, line)
	}
	if lay == nil {
		return nil, emptyFile(name)
	}
	if errs := finish(name, opt.maxErrors(), &p.errs); len(errs) > 0 {
		return nil, errs
	}
	log = merge(name, lay, []*parser{p})
	if errs := tooManyServices(name, lay, log); errs != nil {
		return nil, errs
	}
	return log, nil
}
