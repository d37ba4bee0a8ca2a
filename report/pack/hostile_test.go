package pack_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/hostile"
	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pack/packtest"
)

// TestHostileCatalogue puts each hostile PDF of the catalogue
// (fixtures/hostile) into a meeting twice, as a public pdf item (the
// minutes) and as a Part I paper's public appendix, and checks what the
// packs made from it contain: none of its Absent strings anywhere in the
// public pack (its bytes as written, its bytes with every stream
// decompressed, its text), each of its Visible strings in the text of
// both packs; or, for a case with Err, that the pack fails with that
// error naming the item and its file. The public web site's copies of
// the two (item-3.pdf, item-4-appendix-a.pdf) are checked as the public
// pack is. Cases of hidden text (Hidden set) are checked by the
// hidden-text tests.
func TestHostileCatalogue(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	tooltest.Require(t, "qpdf")
	// The bombs inflate to hostile.BombSize: past this bound, far below
	// the real one, so that the fixtures stay small.
	defer pack.SetInflateLimit(hostile.BombSize / 2)()
	for _, c := range hostile.Cases() {
		if c.Hidden != "" {
			continue
		}
		t.Run(c.Name, func(t *testing.T) {
			dir := t.TempDir()
			m, err := packtest.Write(dir, packtest.Spec{Papers: 1, AppendixPages: 1})
			if err != nil {
				t.Fatal(err)
			}
			data := c.Build()
			for _, f := range []string{"minutes.pdf", filepath.Join("paper01", "appendix-a.pdf")} {
				if err := os.WriteFile(filepath.Join(dir, f), data, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			res, err := pack.Build(m.Agenda, pack.Options{OutDir: filepath.Join(dir, "out"), Formats: []string{"pdf", "html"}})
			if c.Err != "" {
				if err == nil {
					t.Fatalf("the pack was made; want an error containing %q", c.Err)
				}
				msg := err.Error()
				for _, want := range []string{c.Err, "item 3 (3. Minutes of the previous meeting): minutes.pdf: "} {
					if !strings.Contains(msg, want) {
						t.Errorf("error %q does not contain %q", msg, want)
					}
				}
				if _, err := os.Stat(filepath.Join(dir, "out")); err == nil {
					t.Errorf("a failed pack wrote its output folder")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			public, exempt := res.Files[0], res.Files[1]
			if !strings.HasSuffix(public, "-public.pdf") {
				public, exempt = exempt, public
			}
			tooltest.Run(t, "qpdf", "--check", public)
			raw, err := os.ReadFile(public)
			if err != nil {
				t.Fatal(err)
			}
			qdf := decompressed(t, public)
			text := tooltest.Run(t, "pdftotext", public, "-")
			for _, s := range c.Absent {
				for where, b := range map[string][]byte{"bytes": raw, "decompressed bytes": qdf, "text": text} {
					if bytes.Contains(b, []byte(s)) {
						t.Errorf("the public pack's %s contain %q", where, s)
					}
				}
			}
			if c.Tagged {
				for _, f := range []string{public, exempt} {
					tree, err := pdftags.Read(f)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range tree.Problems {
						t.Errorf("%s: %s", filepath.Base(f), p)
					}
				}
			}
			for _, name := range []string{"item-3.pdf", "item-4-appendix-a.pdf"} {
				copied := filepath.Join(dir, "out", "agenda-public", name)
				tooltest.Run(t, "qpdf", "--check", copied)
				raw, err := os.ReadFile(copied)
				if err != nil {
					t.Fatal(err)
				}
				text := tooltest.Run(t, "pdftotext", copied, "-")
				for _, s := range c.Absent {
					for where, b := range map[string][]byte{"bytes": raw, "decompressed bytes": decompressed(t, copied), "text": text} {
						if bytes.Contains(b, []byte(s)) {
							t.Errorf("the site's %s: its %s contain %q", name, where, s)
						}
					}
				}
				for _, s := range c.Visible {
					if !bytes.Contains(text, []byte(s)) {
						t.Errorf("the site's %s does not show %q", name, s)
					}
				}
				if c.Tagged {
					tree, err := pdftags.Read(copied)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range tree.Problems {
						t.Errorf("the site's %s: %s", name, p)
					}
				}
			}
			exemptText := tooltest.Run(t, "pdftotext", exempt, "-")
			for _, s := range c.Visible {
				// Once as the minutes, once as the appendix.
				if n := bytes.Count(text, []byte(s)); n != 2 {
					t.Errorf("the public pack shows %q %d times, want 2 (the item and the appendix)", s, n)
				}
				if !bytes.Contains(exemptText, []byte(s)) {
					t.Errorf("the exempt pack does not show %q", s)
				}
			}
		})
	}
}

// TestHostileBombAsAppendix: a compression bomb in a paper's appendix
// fails the pack with the error naming the paper's item and the file.
func TestHostileBombAsAppendix(t *testing.T) {
	defer pack.SetInflateLimit(hostile.BombSize / 2)()
	for _, c := range hostile.Cases() {
		if c.Err == "" {
			continue
		}
		dir := t.TempDir()
		m, err := packtest.Write(dir, packtest.Spec{Papers: 1, AppendixPages: 1})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "paper01", "appendix-a.pdf"), c.Build(), 0o644); err != nil {
			t.Fatal(err)
		}
		_, err = pack.Build(m.Agenda, pack.Options{OutDir: filepath.Join(dir, "out")})
		if err == nil || !strings.Contains(err.Error(), c.Err) || !strings.Contains(err.Error(), "item 4 (") || !strings.Contains(err.Error(), "appendix-a.pdf: ") {
			t.Errorf("%s as an appendix: error %v, want %q naming item 4 and appendix-a.pdf", c.Name, err, c.Err)
		}
	}
}

// TestExemptPackFailsAlone: when the exempt pack fails (a compression
// bomb as a Part I paper's exempt appendix, so only that pack copies it)
// while the public pack, copied side by side, is ahead of it by more
// papers than may be held parsed, the build ends with the error rather
// than waiting for ever.
func TestExemptPackFailsAlone(t *testing.T) {
	defer pack.SetInflateLimit(hostile.BombSize / 2)()
	var bomb hostile.Case
	for _, c := range hostile.Cases() {
		if c.Err != "" {
			bomb = c
			break
		}
	}
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 12, AppendixPages: 1})
	if err != nil {
		t.Fatal(err)
	}
	planted := ""
	for _, it := range m.Items {
		if it.Kind != "report" || it.Exempt || len(it.Appendices) < 2 || !it.Appendices[1].Exempt {
			continue
		}
		files, _ := filepath.Glob(filepath.Join(dir, filepath.Dir(it.Path), "appendix-b-*.pdf"))
		if len(files) != 1 {
			t.Fatalf("%s: appendix B files %v", it.Path, files)
		}
		if err := os.WriteFile(files[0], bomb.Build(), 0o644); err != nil {
			t.Fatal(err)
		}
		planted = it.Path
		break
	}
	if planted == "" {
		t.Fatal("no Part I paper with an exempt appendix B in the fixture")
	}
	done := make(chan error, 1)
	go func() {
		_, err := pack.Build(m.Agenda, pack.Options{OutDir: filepath.Join(dir, "out")})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), bomb.Err) {
			t.Errorf("%s's appendix B a bomb: error %v, want %q", planted, err, bomb.Err)
		}
	case <-time.After(2 * time.Minute):
		t.Fatal("the build did not end when the exempt pack failed")
	}
	if _, err := os.Stat(filepath.Join(dir, "out", "agenda-public.pdf")); err == nil {
		t.Error("a public pack was written though the build failed")
	}
}
