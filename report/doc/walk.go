package doc

import (
	"fmt"
	"math"
	"strings"
)

// Walk calls fn for every block in blocks, depth first, including the
// blocks inside numbered paragraphs and list items. It stops and returns
// false as soon as fn returns false.
func Walk(blocks []Block, fn func(Block) bool) bool {
	for _, b := range blocks {
		if !fn(b) {
			return false
		}
		switch b := b.(type) {
		case *NumberedParagraph:
			if !Walk(b.Blocks, fn) {
				return false
			}
		case *List:
			for _, it := range b.Items {
				if !Walk(it.Blocks, fn) {
					return false
				}
			}
		}
	}
	return true
}

// Check reports the first violation of the tree's invariants: tables whose
// rows do not cover their columns exactly, figures without a graphic or
// alternative text, headings outside levels 1-3, nil blocks. Writers call
// it before writing so that a malformed tree is an error, never a panic or
// a corrupt file.
func (d *Document) Check() error {
	var err error
	Walk(d.Blocks, func(b Block) bool {
		err = checkBlock(b)
		return err == nil
	})
	return err
}

func checkBlock(b Block) error {
	switch b := b.(type) {
	case nil:
		return fmt.Errorf("doc: nil block")
	case *Title, *Paragraph, *PageBreak:
		if b == nil {
			return fmt.Errorf("doc: nil %T", b)
		}
	case *Heading:
		if b == nil {
			return fmt.Errorf("doc: nil heading")
		}
		if b.Level < 1 || b.Level > 3 {
			return fmt.Errorf("doc: heading %q: level %d outside 1-3", b.Text, b.Level)
		}
	case *NumberedParagraph:
		if b == nil {
			return fmt.Errorf("doc: nil numbered paragraph")
		}
	case *List:
		if b == nil {
			return fmt.Errorf("doc: nil list")
		}
	case *Table:
		if b == nil {
			return fmt.Errorf("doc: nil table")
		}
		return b.check()
	case *Figure:
		if b == nil {
			return fmt.Errorf("doc: nil figure")
		}
		if b.Graphic == nil {
			return fmt.Errorf("doc: %s: no graphic", b.Label)
		}
		if w, h := b.Graphic.Size(); !(w > 0 && h > 0) || math.IsInf(w, 0) || math.IsInf(h, 0) {
			return fmt.Errorf("doc: %s: graphic has no size", b.Label)
		}
		if strings.TrimSpace(b.Alt) == "" {
			return fmt.Errorf("doc: %s: no alternative text", b.Label)
		}
		for _, t := range []*Table{b.Data, b.WebData} {
			if t != nil {
				if err := t.check(); err != nil {
					return err
				}
			}
		}
	case *Image:
		if b == nil {
			return fmt.Errorf("doc: nil image")
		}
		if b.Format != "png" && b.Format != "jpeg" {
			return fmt.Errorf("doc: image: format %q, want png or jpeg", b.Format)
		}
		if !(b.Width > 0) || math.IsInf(b.Width, 0) || b.PixelWidth < 1 || b.PixelHeight < 1 {
			return fmt.Errorf("doc: image: no size")
		}
		if strings.TrimSpace(b.Alt) == "" {
			return fmt.Errorf("doc: image: no alternative text")
		}
	default:
		return fmt.Errorf("doc: unknown block type %T", b)
	}
	return nil
}

func (t *Table) check() error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("doc: table %q has no columns", t.Caption)
	}
	for _, rows := range [][][]Cell{t.Header, t.Rows} {
		for i, row := range rows {
			n := 0
			for _, c := range row {
				n += c.Cols()
			}
			if n != len(t.Columns) {
				return fmt.Errorf("doc: table %q: row %d covers %d of %d columns", t.Caption, i+1, n, len(t.Columns))
			}
		}
	}
	return nil
}

// Outline returns a stable, indented text outline of the tree: one line
// per block with its kind and text. Golden tests compare it, so a change
// to the layout shows up as a readable diff.
func Outline(d *Document) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "meta title=%q author=%q subject=%q lang=%q\n", d.Meta.Title, d.Meta.Author, d.Meta.Subject, d.Meta.Language)
	fmt.Fprintf(&sb, "page marking=%q running=%q draft=%q stamp=%q number=%q first=%d\n",
		d.Page.Marking, d.Page.RunningTitle, d.Page.Draft, d.Page.Stamp, d.Page.Number, d.Page.FirstNumber)
	outline(&sb, d.Blocks, "")
	return sb.String()
}

func outline(sb *strings.Builder, blocks []Block, indent string) {
	for _, b := range blocks {
		switch b := b.(type) {
		case *Title:
			fmt.Fprintf(sb, "%stitle %q %q\n", indent, b.Kicker, b.Text)
		case *Heading:
			fmt.Fprintf(sb, "%sh%d %q %q #%s\n", indent, b.Level, b.Number, b.Text, b.ID)
		case *Paragraph:
			fmt.Fprintf(sb, "%sp%s %s\n", indent, styleName(b.Style), runs(b.Content))
		case *NumberedParagraph:
			fmt.Fprintf(sb, "%snum %s\n", indent, b.Label)
			outline(sb, b.Blocks, indent+"  ")
		case *List:
			kind := "bullets"
			if b.Ordered {
				kind = fmt.Sprintf("ordered from %d", max(b.Start, 1))
			}
			fmt.Fprintf(sb, "%slist %s\n", indent, kind)
			for _, it := range b.Items {
				fmt.Fprintf(sb, "%s  item\n", indent)
				outline(sb, it.Blocks, indent+"    ")
			}
		case *Table:
			tableOutline(sb, b, indent)
		case *Figure:
			fmt.Fprintf(sb, "%sfigure %q %q width=%g alt=%q\n", indent, b.Label, b.Caption, b.Width, b.Alt)
			if b.Data != nil {
				tableOutline(sb, b.Data, indent+"  ")
			}
		case *PageBreak:
			fmt.Fprintf(sb, "%spagebreak\n", indent)
		case *Image:
			fmt.Fprintf(sb, "%simage %s %dx%d width=%g alt=%q\n", indent, b.Format, b.PixelWidth, b.PixelHeight, b.Width, b.Alt)
		default:
			fmt.Fprintf(sb, "%s%T\n", indent, b)
		}
	}
}

func tableOutline(sb *strings.Builder, t *Table, indent string) {
	fmt.Fprintf(sb, "%stable kind=%d %q %q cols=%d\n", indent, t.Kind, t.Label, t.Caption, len(t.Columns))
	for _, row := range t.Header {
		fmt.Fprintf(sb, "%s  header %s\n", indent, cells(row))
	}
	for _, row := range t.Rows {
		fmt.Fprintf(sb, "%s  row %s\n", indent, cells(row))
	}
}

func cells(row []Cell) string {
	parts := make([]string, len(row))
	for i, c := range row {
		parts[i] = runs(c.Content)
		if c.Cols() > 1 {
			parts[i] += fmt.Sprintf("(span %d)", c.Cols())
		}
	}
	return strings.Join(parts, " | ")
}

func styleName(s ParaStyle) string {
	switch s {
	case Note:
		return "(note)"
	case Centered:
		return "(centered)"
	case Emphasis:
		return "(emphasis)"
	}
	return ""
}

// runs renders inline runs compactly: **bold**, _italic_, [text](link).
func runs(rs []Inline) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range rs {
		if r.Break {
			sb.WriteString(`\n`)
			continue
		}
		t := r.Text
		if r.Bold {
			t = "**" + t + "**"
		}
		if r.Italic {
			t = "_" + t + "_"
		}
		if r.Link != "" {
			t = "[" + t + "](" + r.Link + ")"
		}
		sb.WriteString(t)
	}
	sb.WriteByte('"')
	return sb.String()
}
