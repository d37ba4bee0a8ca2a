package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/paperhq/paper/report/build"
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
	src, err := os.ReadFile(path)
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
