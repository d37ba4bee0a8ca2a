package docx

import (
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/tablelayout"
)

// caption writes a Caption paragraph. A table's caption is kept with the
// table below it.
func (w *writer) caption(text string, keepNext bool, jc string, indent int) {
	w.b.raw(`<w:p>`)
	in := ""
	if indent > 0 {
		in = ind(indent, 0)
	}
	w.pPr(sCaption, keepNext, "", in, jc)
	w.run(doc.Inline{Text: text}, false)
	w.b.raw(`</w:p>`)
}

// colWidths shares width twips between a table's columns as the PDF
// does (see package tablelayout): by the columns' relative widths, but no
// column narrower than its longest word in the table's text size (bold in
// header rows and bold runs) plus the cell margins, so that Word and
// LibreOffice, which keep these fixed widths, never break a word between
// letters. The rounding remainder goes to the last column so the grid
// fills the width exactly.
func (w *writer) colWidths(t *doc.Table, width int) []int {
	size := float64(w.h.table) / 2
	if t.Kind == doc.Form {
		size = float64(w.h.form) / 2
	}
	mins := tablelayout.Mins(t, func(c doc.Cell, header bool) float64 {
		// Words measured in Liberation Sans (Arial's metrics), in twips,
		// with a little over for a word processor's own rounding.
		word := tablelayout.LongestWord(c.Content, header, size, tablelayout.Arial) * 20
		return word*1.02 + 2*cellMargin + 20
	})
	ws := tablelayout.Widths(tablelayout.Hints(t.Columns), mins, float64(width))
	out := make([]int, len(ws))
	used := 0
	for i, v := range ws {
		out[i] = max(int(v), 1)
		used += out[i]
	}
	if n := len(out); n > 0 {
		out[n-1] = max(out[n-1]+width-used, 1)
	}
	return out
}

// cellMargin is the left and right cell margin of the table style, twips.
const cellMargin = 85

// tblStart writes the table's properties and grid. tblCaption and
// tblDescription are the title and description Word shows under Alt Text
// and screen readers announce.
func (w *writer) tblStart(indent, width int, cols []int, header bool, caption, desc string) {
	b := &w.b
	b.rawInts(`<w:tbl><w:tblPr><w:tblStyle w:val="`+sTable+`"/><w:tblW w:w="`, width, `" w:type="dxa"/>`)
	if indent > 0 {
		b.rawInts(`<w:tblInd w:w="`, indent, `" w:type="dxa"/>`)
	}
	b.raw(`<w:tblLayout w:type="fixed"/>`)
	if header {
		b.raw(`<w:tblLook w:val="0620" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>`)
	} else {
		b.raw(`<w:tblLook w:val="0600" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>`)
	}
	if caption = clean(caption); caption != "" {
		b.raw(`<w:tblCaption w:val="`)
		b.attr(caption)
		b.raw(`"/>`)
	}
	if desc = clean(desc); desc != "" {
		b.raw(`<w:tblDescription w:val="`)
		b.attr(desc)
		b.raw(`"/>`)
	}
	b.raw(`</w:tblPr><w:tblGrid>`)
	for _, c := range cols {
		b.rawInts(`<w:gridCol w:w="`, c, `"/>`)
	}
	b.raw(`</w:tblGrid>`)
}

// table writes a table: its caption above in the Caption style, then the
// table in the Council Table style with fixed column widths, header rows
// marked to repeat on every page and no row split across pages. A table
// with no rows at all writes only its caption: Word rejects a w:tbl
// without rows.
func (w *writer) table(t *doc.Table, indent int) {
	if c := t.CaptionLine(); c != "" {
		w.caption(c, true, "", indent)
	}
	if len(t.Header) == 0 && len(t.Rows) == 0 {
		return
	}
	width := max(w.h.textWidth-indent, minText)
	cols := w.colWidths(t, width)
	text, head := sTableText, sTableHead
	if t.Kind == doc.Form {
		text, head = sFormText, sFormHead
	}
	desc := t.Description
	if desc == "" {
		desc = t.Caption
	}
	// A form table without header rows (sign off) and the front sheet's
	// facts have their first row (labels and codes, the date of meeting)
	// marked as the header row (tblHeader, without the table style's
	// header shading): Word's Accessibility Checker reports a table
	// without one.
	formHead := (t.Kind == doc.Form || t.Kind == doc.KeyValue) && len(t.Header) == 0
	w.tblStart(indent, width, cols, len(t.Header) > 0, t.CaptionLine(), desc)
	merges := headerMerges(t.Header)
	for i, row := range t.Header {
		w.row(t, row, cols, true, i > 0, head, false, merges[i])
	}
	for i, row := range t.Rows {
		// A form table (appendices, sign off) is read as one block: each
		// row is kept with the next so it never leaves a row alone on the
		// next page. In any table a group heading row is kept with the
		// first row of its group, and the last row with the one before.
		keep := (t.Kind == doc.Form && i < len(t.Rows)-1) || tablelayout.KeepWithNext(t, i)
		w.row(t, row, cols, formHead && i == 0, false, text, keep, nil)
	}
	w.b.raw(`</w:tbl>`)
	w.afterTable = true
}

// headerMerges marks the vertical merges of header rows: an empty header
// cell under a header cell of the same columns continues it (vMerge), as
// "Ref." and "Title of Appendix" above the paragraph numbers 1-7, rather
// than standing as an empty header cell. merges[r][i] is "restart" for a
// cell continued below, "continue" for a continuing cell, else empty.
func headerMerges(header [][]doc.Cell) [][]string {
	merges := make([][]string, len(header))
	type at struct{ c0, c1 int }
	var prev map[at]int // the previous row's cells by columns
	for r, row := range header {
		merges[r] = make([]string, len(row))
		cur := map[at]int{}
		col := 0
		for i, c := range row {
			k := at{col, col + c.Cols()}
			col = k.c1
			cur[k] = i
			if j, ok := prev[k]; ok && len(c.Content) == 0 && (merges[r-1][j] != "" || len(header[r-1][j].Content) > 0) {
				merges[r][i] = "continue"
				if merges[r-1][j] == "" {
					merges[r-1][j] = "restart"
				}
			}
		}
		prev = cur
	}
	return merges
}

// row writes a table row; merges, when set, gives each cell's vertical
// merge (see headerMerges).
func (w *writer) row(t *doc.Table, row []doc.Cell, cols []int, header, shade bool, style string, keepNext bool, merges []string) {
	b := &w.b
	b.raw(`<w:tr><w:trPr><w:cantSplit/>`)
	if header {
		b.raw(`<w:tblHeader/>`)
	}
	b.raw(`</w:trPr>`)
	col := 0
	for i, c := range row {
		span := c.Cols()
		if col+span > len(cols) {
			break // d.Check rules this out; never write a cell off the grid
		}
		cw := 0
		for _, x := range cols[col : col+span] {
			cw += x
		}
		b.rawInts(`<w:tc><w:tcPr><w:tcW w:w="`, cw, `" w:type="dxa"/>`)
		if span > 1 {
			b.rawInts(`<w:gridSpan w:val="`, span, `"/>`)
		}
		if i < len(merges) {
			switch merges[i] {
			case "restart":
				b.raw(`<w:vMerge w:val="restart"/>`)
			case "continue":
				b.raw(`<w:vMerge/>`)
			}
		}
		if shade {
			b.raw(headerCell(w.h))
		}
		b.raw(`</w:tcPr><w:p>`)
		align := t.Columns[col].Align
		if c.AlignSet {
			align = c.Align
		}
		w.pPr(style, keepNext, "", "", jc(align))
		w.inlines(c.Content)
		b.raw(`</w:p></w:tc>`)
		col += span
	}
	b.raw(`</w:tr>`)
}

// jc is the paragraph justification for a cell alignment.
func jc(a doc.Align) string {
	switch a {
	case doc.Center:
		return "center"
	case doc.Right:
		return "right"
	}
	return ""
}
