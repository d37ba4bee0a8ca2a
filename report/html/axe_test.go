package html_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/style"
)

// axeTags are the axe-core rules of WCAG 2.0, 2.1 and 2.2 at levels A
// and AA (WCAG 2.2 adds no level A rule to axe's).
const axeTags = "wcag2a,wcag2aa,wcag21a,wcag21aa,wcag22aa"

// TestAxe runs axe-core in headless Chromium over the example paper's
// page, the fixture with every block kind and the decision notices of
// the examples (paper decision --format html): no WCAG 2.0, 2.1 or 2.2
// A or AA rule may be violated.
func TestAxe(t *testing.T) {
	axe := tooltest.RequireAxe(t)
	dir := t.TempDir()
	var urls []string
	for name, page := range map[string][]byte{
		"example.html":          write(t, exampleDoc(t, true)),
		"fixture.html":          write(t, fixture()),
		"decision.html":         write(t, decisionDoc(t, example)),
		"decision-part-ii.html": write(t, decisionDoc(t, settlement)),
		"styled.html":           write(t, styledFixture(t)),
	} {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, page, 0o644); err != nil {
			t.Fatal(err)
		}
		urls = append(urls, "file://"+path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append(urls, "--tags", axeTags, "--stdout",
		"--chrome-path", axe.Chromium, "--chromedriver-path", axe.Chromedriver,
		// Chromium's sandbox needs user namespaces, which CI's
		// containers (running as root) do not give it.
		"--chrome-options=headless,no-sandbox,disable-gpu,disable-dev-shm-usage")
	cmd := exec.CommandContext(ctx, axe.CLI, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	out, err := cmd.Output()
	if err != nil {
		msg := ""
		if ee, ok := err.(*exec.ExitError); ok {
			msg = string(ee.Stderr)
		}
		t.Fatalf("axe: %v\n%s%s", err, out, msg)
	}
	var results []struct {
		URL        string `json:"url"`
		Violations []struct {
			ID, Help string
			Nodes    []struct {
				Target []any `json:"target"`
			} `json:"nodes"`
		} `json:"violations"`
		Passes []struct{ ID string } `json:"passes"`
	}
	if err := json.Unmarshal(out, &results); err != nil {
		t.Fatalf("axe's report is not JSON: %v\n%.500s", err, out)
	}
	if len(results) != len(urls) {
		t.Fatalf("axe checked %d pages, want %d", len(results), len(urls))
	}
	for _, r := range results {
		if len(r.Passes) < 10 {
			t.Errorf("%s: axe passed only %d rules: did the page load?", r.URL, len(r.Passes))
		}
		for _, v := range r.Violations {
			var where []string
			for _, n := range v.Nodes {
				where = append(where, fmt.Sprint(n.Target...))
			}
			t.Errorf("%s: %s (%s) at %s", filepath.Base(r.URL), v.ID, v.Help, strings.Join(where, ", "))
		}
	}
}

// styledFixture is the fixture in the shipped heritage style (its
// colours and palette) with a logo at the top.
func styledFixture(t *testing.T) *doc.Document {
	st, errs := style.Shipped("heritage")
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	d := fixture()
	d.Style = st.Doc
	d.Blocks = append([]doc.Block{doctest.Logo()}, d.Blocks...)
	return d
}
