// Package templates holds the files paper ships inside its binary: the
// skeletons `paper new` scaffolds a report from.
//
// Each folder under new/ is one skeleton; its files are copied as they
// are. A skeleton's report.yaml passes `paper check` as written, so an
// author starts from a working paper and edits it.
package templates

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

//go:embed new
var files embed.FS

// Names lists the skeletons, sorted.
func Names() []string {
	entries, _ := fs.ReadDir(files, "new")
	var names []string
	for _, e := range entries {
		if e.IsDir() {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names
}

// Describe returns a skeleton's one-line description: the first comment
// line of its report.yaml.
func Describe(name string) string {
	b, err := fs.ReadFile(files, "new/"+name+"/report.yaml")
	if err != nil {
		return ""
	}
	line, _, _ := strings.Cut(string(b), "\n")
	return strings.TrimSpace(strings.TrimPrefix(line, "#"))
}

// ErrExists is returned when scaffolding would overwrite a file.
var ErrExists = errors.New("already exists")

// Scaffold copies the skeleton name into dir, creating dir if needed, and
// returns the paths written. It refuses to overwrite any existing file and
// then writes nothing.
func Scaffold(name, dir string) ([]string, error) { return ScaffoldStyled(name, dir, "") }

// ScaffoldStyled is Scaffold with the house style the report names: a
// style key naming style (a shipped style's name) is written into the
// report.yaml, after its opening comment. An empty style writes the
// skeleton as it is.
func ScaffoldStyled(name, dir, style string) ([]string, error) {
	root := "new/" + name
	if _, err := fs.Stat(files, root); err != nil {
		return nil, fmt.Errorf("no template %q (templates: %s)", name, strings.Join(Names(), ", "))
	}
	var rel []string
	err := fs.WalkDir(files, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel = append(rel, strings.TrimPrefix(p, root+"/"))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range rel {
		dst := filepath.Join(dir, filepath.FromSlash(r))
		if _, err := os.Stat(dst); err == nil {
			return nil, fmt.Errorf("%s %w; choose an empty folder", dst, ErrExists)
		}
	}
	var written []string
	for _, r := range rel {
		data, err := fs.ReadFile(files, root+"/"+r)
		if err != nil {
			return written, err
		}
		if r == "report.yaml" && style != "" {
			data = withStyle(data, style)
		}
		dst := filepath.Join(dir, filepath.FromSlash(r))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return written, err
		}
		if err := os.WriteFile(dst, data, 0o644); err != nil {
			return written, err
		}
		written = append(written, dst)
	}
	return written, nil
}

// withStyle writes "style: NAME" into a report.yaml after its opening
// comment lines, with a comment saying what it does.
func withStyle(src []byte, style string) []byte {
	lines := strings.SplitAfter(string(src), "\n")
	i := 0
	for i < len(lines) && strings.HasPrefix(lines[i], "#") {
		i++
	}
	key := "# The house style (paper's own " + style + " style); a style file's path names your own.\nstyle: " + style + "\n"
	return []byte(strings.Join(lines[:i], "") + key + strings.Join(lines[i:], ""))
}
