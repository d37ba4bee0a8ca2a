package definition

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/paperhq/paper/report/yamlx"
)

// PrintedText is one string of the definition that the paper prints, with
// its key path and where it is in the file.
type PrintedText struct {
	Path string
	Text yamlx.Text
	// Heading is true for the text set in the heading font: the
	// committee's name (the banner), section headings and subheadings.
	Heading bool
}

// Printed lists every string of the definition that the paper prints, in
// the order of the struct's fields: what a house style's fonts must be
// able to draw. Keys that only name things (data, style, ids, file
// paths) are left out.
func (r *Report) Printed() []PrintedText {
	var out []PrintedText
	var walk func(v reflect.Value, path string)
	walk = func(v reflect.Value, path string) {
		switch v.Kind() {
		case reflect.Pointer:
			if !v.IsNil() {
				walk(v.Elem(), path)
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i), fmt.Sprintf("%s[%d]", path, i))
			}
		case reflect.String:
			if s := v.String(); s != "" {
				out = append(out, PrintedText{Path: path, Text: yamlx.Text{S: s, Pos: r.Pos.At(path)}, Heading: printedInHeading(path)})
			}
		case reflect.Struct:
			if t, ok := v.Interface().(yamlx.Text); ok {
				if t.S != "" {
					out = append(out, PrintedText{Path: path, Text: t})
				}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
				if name == "" || name == "-" || notPrinted[name] {
					continue
				}
				p := name
				if path != "" {
					p = path + "." + name
				}
				walk(v.Field(i), p)
			}
		}
	}
	walk(reflect.ValueOf(r).Elem(), "")
	return out
}

// notPrinted are the keys whose values the paper does not print.
var notPrinted = map[string]bool{
	"data": true, "style": true, "id": true, "file": true, "part": true,
	"align": true, "kind": true, "years": true, "year": true, "stage": true,
	"measure": true, "rate": true, "sort": true,
}

func printedInHeading(path string) bool {
	return path == "committee" || strings.HasSuffix(path, ".heading") || strings.HasSuffix(path, ".subheading")
}
