package yamlx

import (
	"fmt"
	"reflect"
	"strings"
)

// String is one string value decoded into a struct, with its key path
// and where it is in the file.
type String struct {
	Path string
	Text Text
}

// Strings lists every non-empty string and Text value of the struct v
// points to, in the order of its fields, with their key paths and
// positions (pos, from Decode): what a check of every word a file prints
// walks. Keys for which skip returns true are left out with all they
// hold.
func Strings(v any, pos Positions, skip func(key string) bool) []String {
	var out []String
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
				out = append(out, String{Path: path, Text: Text{S: s, Pos: pos.At(path)}})
			}
		case reflect.Struct:
			if t, ok := v.Interface().(Text); ok {
				if t.S != "" {
					out = append(out, String{Path: path, Text: t})
				}
				return
			}
			for i := 0; i < v.NumField(); i++ {
				name, _, _ := strings.Cut(v.Type().Field(i).Tag.Get("yaml"), ",")
				if name == "" || name == "-" || skip(name) {
					continue
				}
				walk(v.Field(i), join(path, name))
			}
		}
	}
	walk(reflect.ValueOf(v).Elem(), "")
	return out
}
