package main

import (
	"path/filepath"
	"strings"

	"github.com/paperhq/paper/report/build"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/pack"
	"gopkg.in/yaml.v3"
)

// checkFile checks a report or an agenda definition, telling them apart
// by their keys: an agenda lists items, a report has recommendations.
func checkFile(path string) diag.List {
	if isAgenda(path) {
		return pack.Check(path)
	}
	return build.Check(path)
}

func isAgenda(path string) bool {
	// A path that cannot be read (a FIFO, a folder, a huge file) is left
	// to the report's loader, which says why.
	src, err := diag.ReadFile(path, definition.MaxFileSize, "a definition")
	if err != nil {
		return false
	}
	var top map[string]yaml.Node
	if yaml.Unmarshal(src, &top) != nil {
		return strings.HasPrefix(strings.ToLower(filepath.Base(path)), "agenda")
	}
	_, items := top["items"]
	_, recs := top["recommendations"]
	return items && !recs
}
