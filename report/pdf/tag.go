package pdf

import (
	"strconv"

	"github.com/paperhq/paper/third_party/fpdf"

	"github.com/paperhq/paper/report/doc"
)

// Tagging: the writer builds the PDF's structure tree in reading order as
// it lays the tree out (third_party/fpdf's tagged mode puts everything
// drawn inside the innermost open element or artifact). Headings are H1-H3
// as the DOCX's Heading 1-3; paragraphs P, a numbered paragraph's number
// as text at the start of its first P; lists L/LI/Lbl/LBody; tables
// Table/Caption/THead/TBody/TR/TH/TD with Scope, spans and Headers/IDs;
// figures one Figure with /Alt and BBox holding all of the chart; links
// Link with the annotation's OBJR. Page furniture, rules, cell borders and
// repeated header rows are artifacts.

// begin opens a structure element.
func (w *writer) begin(role string, opt *fpdf.StructOptions) fpdf.StructElem {
	w.link = openLink{}
	return w.f.BeginStruct(role, opt)
}

// resume reopens an element created earlier (a table cell continuing
// after a page break, the stamp).
func (w *writer) resume(e fpdf.StructElem) {
	w.link = openLink{}
	w.f.ResumeStruct(e)
}

// openLink is the Link element a line ended in: when the next line of the
// same text starts with the same link, the link continues in it, so a
// link that wraps is one Link element (with an annotation per line).
type openLink struct {
	elem fpdf.StructElem
	url  string
}

// end closes the innermost structure element.
func (w *writer) end() { w.f.EndStruct() }

// artifact draws what draw draws as an artifact of type typ (Layout,
// Pagination) and subtype sub (Header, Footer, Watermark, or empty).
func (w *writer) artifact(typ, sub string, draw func()) {
	w.f.BeginArtifact(typ, sub)
	w.inArtifact++
	draw()
	w.inArtifact--
	w.f.EndArtifact()
}

// cellTag is how one laid-out cell is tagged.
type cellTag struct {
	role string // TH or TD; empty: no element (merged into the header cell above)
	opt  fpdf.StructOptions
}

// tableTags works out the tags of a table's cells: header rows' cells are
// TH with Scope Column and an ID; an empty header cell under a header cell
// of the same columns is part of it (RowSpan); a group row (one cell
// across a table of several columns) is a TH with Scope Row; a body cell
// names the header cells above its columns and the group row it is in
// (Headers). In the facts table, and a form table without header rows
// (sign off), a cell whose text is all bold is a row header.
func (w *writer) tableTags(t *doc.Table) (head, body [][]cellTag) {
	w.tables++
	prefix := "t" + strconv.Itoa(w.tables) + "-"
	type placed struct {
		c0, c1 int
		id     string
		tag    *cellTag
	}
	var above []placed // the header cells of earlier header rows
	head = make([][]cellTag, len(t.Header))
	for r, row := range t.Header {
		head[r] = make([]cellTag, len(row))
		col := 0
		var here []placed
		for i, c := range row {
			c0, c1 := col, col+c.Cols()
			col = c1
			if len(c.Content) == 0 {
				merged := false
				for k := len(above) - 1; k >= 0; k-- {
					if p := above[k]; p.c0 == c0 && p.c1 == c1 {
						p.tag.opt.RowSpan = max(p.tag.opt.RowSpan, 1) + 1
						merged = true
						break
					}
				}
				if merged {
					continue
				}
			}
			id := prefix + "h" + strconv.Itoa(r) + "-" + strconv.Itoa(i)
			head[r][i] = cellTag{role: "TH", opt: fpdf.StructOptions{ID: id, Scope: "Column", ColSpan: c1 - c0}}
			here = append(here, placed{c0, c1, id, &head[r][i]})
		}
		above = append(above, here...)
	}
	columnHeaders := func(c0 int) []string {
		var ids []string
		for _, p := range above {
			if p.c0 <= c0 && c0 < p.c1 {
				ids = append(ids, p.id)
			}
		}
		return ids
	}
	group := ""
	body = make([][]cellTag, len(t.Rows))
	for r, row := range t.Rows {
		body[r] = make([]cellTag, len(row))
		if len(row) == 1 && len(t.Columns) > 1 && len(t.Header) > 0 {
			group = prefix + "g" + strconv.Itoa(r)
			body[r][0] = cellTag{role: "TH", opt: fpdf.StructOptions{ID: group, Scope: "Row", ColSpan: len(t.Columns)}}
			continue
		}
		col := 0
		rowHead := ""
		for i, c := range row {
			c0 := col
			col += c.Cols()
			opt := fpdf.StructOptions{ColSpan: c.Cols()}
			if (t.Kind == doc.KeyValue && i == 0) || (t.Kind == doc.Form && len(t.Header) == 0 && allBold(c.Content)) {
				rowHead = prefix + "r" + strconv.Itoa(r) + "-" + strconv.Itoa(i)
				opt.ID, opt.Scope = rowHead, "Row"
				body[r][i] = cellTag{role: "TH", opt: opt}
				continue
			}
			opt.Headers = columnHeaders(c0)
			if group != "" {
				opt.Headers = append(opt.Headers, group)
			}
			if rowHead != "" {
				opt.Headers = append(opt.Headers, rowHead)
			}
			body[r][i] = cellTag{role: "TD", opt: opt}
		}
	}
	return head, body
}

// allBold reports whether runs have text and all of it is bold.
func allBold(runs []doc.Inline) bool {
	text := false
	for _, r := range runs {
		if r.Break {
			continue
		}
		if !r.Bold && r.Text != "" {
			return false
		}
		text = text || r.Text != ""
	}
	return text
}
