package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the case log Write writes as an XLSX workbook, the
// way a case-management system exports one: text cells, and dates as
// date cells (serial numbers with a date format). It is written with
// excelize's stream writer, a row at a time.
func WriteXLSX(w io.Writer, rows int, seed uint64) error {
	var csv bytes.Buffer
	if err := Write(&csv, rows, seed); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	format := "dd/mm/yyyy"
	style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &format})
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(&csv)
	epoch := time.Date(1899, time.December, 30, 0, 0, 0, 0, time.UTC)
	cells := make([]any, 0, 7)
	for n := 1; sc.Scan(); n++ {
		cells = cells[:0]
		for i, v := range strings.Split(sc.Text(), ",") {
			t, err := time.Parse("2006-01-02", v)
			switch {
			case n > 1 && i >= 3 && i <= 5 && err == nil:
				cells = append(cells, excelize.Cell{StyleID: style, Value: int(t.Sub(epoch).Hours() / 24)})
			case v == "":
				cells = append(cells, nil)
			default:
				cells = append(cells, v)
			}
		}
		if err := sw.SetRow(fmt.Sprintf("A%d", n), cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}
