package style

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifbolditalic"
	"github.com/go-fonts/liberation/liberationserifitalic"
	"github.com/go-fonts/liberation/liberationserifregular"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
)

// The styles shipped with paper, each shipped/NAME.yaml.
//
//go:embed shipped/*.yaml
var shipped embed.FS

// shippedFonts are the font files the shipped styles name, from the
// fonts paper embeds already.
var shippedFonts = map[string][]byte{
	"liberation/LiberationSerif-Regular.ttf":    liberationserifregular.TTF,
	"liberation/LiberationSerif-Bold.ttf":       liberationserifbold.TTF,
	"liberation/LiberationSerif-Italic.ttf":     liberationserifitalic.TTF,
	"liberation/LiberationSerif-BoldItalic.ttf": liberationserifbolditalic.TTF,
}

// Names lists the shipped styles, default first.
func Names() []string {
	es, _ := fs.ReadDir(shipped, "shipped")
	names := []string{"default"}
	for _, e := range es {
		if n := strings.TrimSuffix(e.Name(), ".yaml"); n != "default" {
			names = append(names, n)
		}
	}
	return names
}

// Source is a shipped style's file, for paper new to copy or a reader
// to see.
func Source(name string) ([]byte, bool) {
	b, err := shipped.ReadFile("shipped/" + name + ".yaml")
	return b, err == nil
}

type embedded struct{}

func (embedded) path(name string) string { return "(paper's own) " + name }

func (embedded) read(name string, max int64, what string) ([]byte, error) {
	if b, ok := shippedFonts[path.Clean(name)]; ok {
		return b, nil
	}
	return nil, fmt.Errorf("%s is not among paper's own files", name)
}

// Shipped loads the shipped style name.
func Shipped(name string) (*Style, diag.List) {
	src, ok := Source(name)
	if !ok {
		return nil, diag.List{{Msg: fmt.Sprintf("no shipped style %q", name)}}
	}
	s, errs := parse("style "+name, src, embedded{})
	if s != nil {
		s.Name = name
	}
	return s, errs
}

// IsName reports whether ref, as written after style: or --style, names
// a shipped style rather than a file: a word with no folder and no
// extension.
func IsName(ref string) bool {
	return ref != "" && !strings.ContainsAny(ref, `/\.`)
}

// Open loads the style ref names: a shipped style's name, or a style
// file's path, relative to dir when not absolute. The problems of a ref
// that names neither are returned as a message for the caller to place
// at the key or flag that gave it (msg), apart from the style file's
// own problems (errs).
func Open(ref, dir string) (s *Style, errs diag.List, msg string) {
	if IsName(ref) {
		names := Names()
		if !slices.Contains(names, ref) {
			msg = fmt.Sprintf("no style named %s is shipped with paper", diag.Quote(ref))
			if sug := yamlx.Suggest(ref, names); sug != "" {
				msg += "; did you mean " + sug + "?"
			}
			msg += fmt.Sprintf(" (the shipped styles are %s; a style file is named by its path, e.g. house/style.yaml)", strings.Join(names, ", "))
			return nil, nil, msg
		}
		s, errs = Shipped(ref)
		return s, errs, ""
	}
	p := ref
	if !filepath.IsAbs(p) {
		p = filepath.Join(dir, p)
	}
	if err := diag.Stat(p, MaxFileSize, "a style file"); err != nil {
		return nil, nil, p + ": " + diag.ReadError(err)
	}
	s, errs = Load(p)
	return s, errs, ""
}
