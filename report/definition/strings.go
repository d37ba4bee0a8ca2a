package definition

import (
	"strings"

	"github.com/paperhq/paper/report/yamlx"
)

// PrintedText is one string of the definition that the paper prints, with
// its key path and where it is in the file.
type PrintedText struct {
	yamlx.String
	// Heading is true for the text set in the heading font: the
	// committee's name (the banner), section headings and subheadings.
	Heading bool
}

// Printed lists every string of the definition that the paper prints, in
// the order of the struct's fields: what a house style's fonts must be
// able to draw. Keys that only name things (data, style, ids, file
// paths, options of tables and charts) are left out.
func (r *Report) Printed() []PrintedText {
	var out []PrintedText
	for _, s := range yamlx.Strings(r, r.Pos, func(key string) bool { return notPrinted[key] }) {
		out = append(out, PrintedText{String: s, Heading: printedInHeading(s.Path)})
	}
	return out
}

// notPrinted are the keys whose values the paper does not print.
var notPrinted = map[string]bool{
	"data": true, "style": true, "id": true, "file": true, "part": true, "pdf": true, "report": true,
	"align": true, "kind": true, "years": true, "year": true, "stage": true,
	"measure": true, "rate": true, "sort": true,
}

// NotPrinted reports whether the values under key are not printed: what
// a check of the printed words of a definition or an agenda skips.
func NotPrinted(key string) bool { return notPrinted[key] }

func printedInHeading(path string) bool {
	return path == "committee" || strings.HasSuffix(path, ".heading") || strings.HasSuffix(path, ".subheading")
}
