package pack_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/hostile"
	"github.com/paperhq/paper/report/internal/pdfgen"
	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pack/packtest"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// checkTagged reads a pack's structure back and checks what PDF/UA rests
// on: cpdf's Matterhorn check finds nothing; every text, path and image
// operator is inside an MCID'd element or an artifact, every MCID has one
// parent and the parent tree agrees (report/internal/pdftags); the Parts
// under the Document are the front sheet then the items, in agenda order.
func checkTagged(t *testing.T, path string, parts []string) *pdftags.Tree {
	t.Helper()
	tree, err := pdftags.Read(path)
	if err != nil {
		t.Fatalf("%s: %v", filepath.Base(path), err)
	}
	for _, p := range tree.Problems {
		t.Errorf("%s: %s", filepath.Base(path), p)
	}
	var got []string
	for _, e := range tree.Elems {
		if e.Depth == 1 && e.Role == "Part" {
			got = append(got, e.T)
		}
	}
	if !slices.Equal(got, parts) {
		t.Errorf("%s: Parts in reading order\n%q\nwant (agenda order)\n%q", filepath.Base(path), got, parts)
	}
	if len(tree.Elems) == 0 || tree.Elems[0].Role != "Document" || tree.Elems[0].Depth != 0 {
		t.Errorf("%s: the tree does not start with one Document", filepath.Base(path))
	}
	if out := tooltest.Matterhorn(t, path); out != "" {
		t.Errorf("%s: cpdf's Matterhorn check reports:\n%s", filepath.Base(path), out)
	}
	return tree
}

// headings lists the headings of the elements from i on at a greater
// depth than elems[i] (its descendants), as "H2 text".
func headings(elems []*pdftags.Elem, i int) []string {
	var out []string
	for j := i + 1; j < len(elems) && elems[j].Depth > elems[i].Depth; j++ {
		if e := elems[j]; regexp.MustCompile(`^H[1-6]$`).MatchString(e.Role) {
			out = append(out, e.Role+" "+strings.TrimSpace(e.Text))
		}
	}
	return out
}

// fileHeadings lists a tagged PDF's headings in tree order.
func fileHeadings(t *testing.T, path string) []string {
	t.Helper()
	tree, err := pdftags.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	tree.Elems = append([]*pdftags.Elem{{Depth: -1}}, tree.Elems...)
	return headings(tree.Elems, 0)
}

// structTextHeadings reads the headings from pdfinfo -struct-text, in
// the order it prints them.
func structTextHeadings(t *testing.T, path string) []string {
	t.Helper()
	out := tooltest.Run(t, "pdfinfo", "-struct-text", path)
	var hs []string
	lines := strings.Split(string(out), "\n")
	head := regexp.MustCompile(`^(\s*)(H[1-6]) \(block\)$`)
	quoted := regexp.MustCompile(`^\s*"(.*)"$`)
	for i := 0; i < len(lines); i++ {
		m := head.FindStringSubmatch(lines[i])
		if m == nil {
			continue
		}
		var text strings.Builder
		for j := i + 1; j < len(lines); j++ {
			indent := len(lines[j]) - len(strings.TrimLeft(lines[j], " "))
			if indent <= len(m[1]) {
				break
			}
			if q := quoted.FindStringSubmatch(lines[j]); q != nil {
				text.WriteString(q[1])
			}
		}
		hs = append(hs, m[2]+" "+strings.TrimSpace(text.String()))
	}
	return hs
}

// TestExamplePacksTagged: both packs of the example meeting are tagged
// PDF/UA-1 that cpdf passes; each merged document's headings are under
// its item's Part, as they are in the document itself; the stamp of the
// exempt pack is read once per document and is an artifact on its other
// pages; pdfinfo -struct-text reads the front sheet's headings, then each
// item's, in agenda order.
func TestExamplePacksTagged(t *testing.T) {
	tooltest.Require(t, "pdfinfo")
	agenda := filepath.Join("..", "..", "examples", "meeting", "agenda.yaml")
	out := t.TempDir()
	if _, err := pack.Build(agenda, pack.Options{OutDir: out}); err != nil {
		t.Fatal(err)
	}
	// The paper as the pack lays it out, and its appendices.
	p, errs := pipeline.Prepare(filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml"), pipeline.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	paperPDF := filepath.Join(out, "paper.pdf")
	var buf bytes.Buffer
	if _, err := pdf.Write(&buf, p.Doc); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(paperPDF, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	ex := func(f string) string { return filepath.Join("..", "..", "examples", f) }
	minutes := fileHeadings(t, ex("meeting/minutes.pdf"))
	paper := fileHeadings(t, paperPDF)
	appA := fileHeadings(t, ex("lgsco-annual-review/appendix-a.pdf"))
	appB := fileHeadings(t, ex("lgsco-annual-review/appendix-b.pdf"))
	appC := fileHeadings(t, ex("lgsco-annual-review/appendix-c.pdf"))
	item4 := "4. Analysis of the Ombudsman's Annual Review Letter 2020/21"
	item5 := "5. Settlement of a Claim Arising from a Complaint"
	for _, c := range []struct {
		file  string
		parts []string
		// items are the headings each Part must begin with, those of
		// its documents in order (a notice's may follow): nil for parts
		// checked only for having headings.
		items [][]string
	}{
		{"agenda-public.pdf", []string{"Front sheet and agenda", "3. Minutes of the previous meeting", item4, item5 + " (not for publication)"},
			[][]string{nil, minutes, slices.Concat(paper, appA, appB), nil}},
		{"agenda-exempt.pdf", []string{"Front sheet and agenda", "3. Minutes of the previous meeting", item4, item5},
			[][]string{nil, minutes, slices.Concat(paper, appA, appB, appC), nil}},
	} {
		t.Run(c.file, func(t *testing.T) {
			path := filepath.Join(out, c.file)
			tree := checkTagged(t, path, c.parts)
			var all []string
			k := 0
			for i, e := range tree.Elems {
				if e.Depth != 1 || e.Role != "Part" {
					continue
				}
				hs := headings(tree.Elems, i)
				all = append(all, hs...)
				if len(hs) == 0 {
					t.Errorf("Part %q has no headings", c.parts[k])
				}
				if want := c.items[k]; want != nil && (len(hs) < len(want) || !slices.Equal(hs[:len(want)], want)) {
					t.Errorf("Part %q headings\n%q\nwant the documents' own first\n%q", c.parts[k], hs, want)
				}
				if k == 0 && !slices.Contains(hs, "H1 Agenda") {
					t.Errorf("the front sheet's headings %q lack H1 Agenda", hs)
				}
				k++
			}
			if got := structTextHeadings(t, path); !slices.Equal(got, all) {
				t.Errorf("pdfinfo -struct-text headings\n%q\nwant\n%q", got, all)
			}
			stamps := 0
			for _, e := range tree.Elems {
				if e.Role == "P" && strings.HasPrefix(e.Text, "NOT FOR PUBLICATION") {
					stamps++
				}
			}
			stamped := 0
			for _, a := range tree.Artifacts {
				if a == "NOT FOR PUBLICATION" {
					stamped++
				}
			}
			// (The public pack's notices say NOT FOR PUBLICATION in
			// their text: they are not stamped.)
			if c.file == "agenda-public.pdf" && stamped > 0 {
				t.Errorf("the public pack draws %d stamps", stamped)
			}
			if c.file == "agenda-exempt.pdf" {
				// One read stamp per document (front sheet, minutes,
				// paper, appendices A-C, the Part II paper and its
				// appendix), an artifact on every other page.
				pages := pageCount(t, path)
				if stamps != 8 || stamps+stamped != pages {
					t.Errorf("the exempt pack reads the stamp %d times (want 8, once per document) and draws it as an artifact %d times (want %d, every other page)", stamps, stamped, pages-8)
				}
			}
		})
	}
}

func pageCount(t *testing.T, path string) int {
	t.Helper()
	m := regexp.MustCompile(`Pages:\s+(\d+)`).FindSubmatch(tooltest.Run(t, "pdfinfo", path))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n := 0
	for _, c := range m[1] {
		n = n*10 + int(c-'0')
	}
	return n
}

// TestPacksTagged: the packs the fixture meetings make (papers, public
// and exempt appendices, notices, text items) are tagged as the example's
// are.
func TestPacksTagged(t *testing.T) {
	b, err := buildIn(t.TempDir(), packtest.Spec{Papers: 3})
	if err != nil {
		t.Fatal(err)
	}
	parts := func(exempt bool) []string {
		ps := []string{"Front sheet and agenda"}
		for i, it := range b.m.Items {
			if it.Kind == "text" {
				continue
			}
			title := strconv.Itoa(i+1) + ". " + it.Title
			if !exempt && it.Exempt {
				title += " (not for publication)"
			}
			ps = append(ps, title)
		}
		return ps
	}
	checkTagged(t, b.public, parts(false))
	checkTagged(t, b.exempt, parts(true))
}

// TestExemptStructureNotPublic: a tagged exempt appendix's structure (its
// heading and its Figure's alternative text) comes into the exempt pack
// and nowhere into the public pack: not its structure tree, its text, its
// metadata or any of its bytes after decompression.
func TestExemptStructureNotPublic(t *testing.T) {
	tooltest.Require(t, "qpdf")
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1, AppendixPages: 1})
	if err != nil {
		t.Fatal(err)
	}
	var c hostile.Case
	for _, hc := range hostile.Cases() {
		if hc.Name == "struct-figure-alt" {
			c = hc
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "paper01", "appendix-b-*.pdf"))
	if len(matches) != 1 || c.Build == nil {
		t.Fatalf("fixture: exempt appendix %v, case %q", matches, c.Name)
	}
	if err := os.WriteFile(matches[0], c.Build(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := pack.Build(m.Agenda, pack.Options{OutDir: filepath.Join(dir, "out")})
	if err != nil {
		t.Fatal(err)
	}
	public, exempt := res.Files[1], res.Files[0]
	secrets := []string{"HOSTILE-FIGURE-ALT", "HOSTILE-STRUCT-HEADING"}
	raw, err := os.ReadFile(public)
	if err != nil {
		t.Fatal(err)
	}
	for where, hay := range map[string][]byte{"bytes": raw, "decompressed bytes": decompressed(t, public)} {
		for _, s := range secrets {
			if enc := find(hay, s); len(enc) > 0 {
				t.Errorf("the public pack's %s hold the exempt appendix's %q (%v)", where, s, enc)
			}
		}
	}
	if len(find(decompressed(t, exempt), "HOSTILE-FIGURE-ALT")) == 0 {
		t.Errorf("the search cannot find the Figure's Alt even in the exempt pack")
	}
	tree, err := pdftags.Read(exempt)
	if err != nil {
		t.Fatal(err)
	}
	alt := false
	for _, e := range tree.Elems {
		alt = alt || e.Role == "Figure" && e.Alt == "HOSTILE-FIGURE-ALT"
	}
	heading := slices.Contains(structTextHeadings(t, exempt), "H1 HOSTILE-STRUCT-HEADING")
	if !alt || !heading {
		t.Errorf("the exempt pack lost the appendix's structure: Figure with its Alt %v, its H1 %v", alt, heading)
	}
	for _, p := range tree.Problems {
		t.Errorf("exempt pack: %s", p)
	}
}

// TestUntaggedInputWarns: a merged PDF without a structure tree is
// included as it is, with a warning naming the item and the file and
// which pack loses out.
func TestUntaggedInputWarns(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	dir := t.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 1, AppendixPages: 1})
	if err != nil {
		t.Fatal(err)
	}
	untagged, _ := pdfgen.NewPages("", pdfgen.Page{Content: pdfgen.Text(72, 760, 12, "Minutes scanned without tags.")})
	matches, _ := filepath.Glob(filepath.Join(dir, "paper01", "appendix-b-*.pdf"))
	if len(matches) != 1 {
		t.Fatalf("fixture: exempt appendix %v", matches)
	}
	for _, f := range []string{filepath.Join(dir, "minutes.pdf"), matches[0]} {
		if err := os.WriteFile(f, untagged.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := pack.Build(m.Agenda, pack.Options{OutDir: filepath.Join(dir, "out")})
	if err != nil {
		t.Fatal(err)
	}
	got := res.Warnings.Error()
	for _, want := range []string{
		"item 3, minutes.pdf, is not a tagged PDF: the public pack will not be accessible to screen readers; ask for a tagged export",
		"item 4, " + filepath.Base(matches[0]) + ", is not a tagged PDF: the exempt pack will not be accessible to screen readers; ask for a tagged export",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("warnings lack %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "is not a tagged PDF"); n != 2 {
		t.Errorf("%d untagged warnings, want 2:\n%s", n, got)
	}
	if text := tooltest.Run(t, "pdftotext", res.Files[1], "-"); !bytes.Contains(text, []byte("Minutes scanned without tags.")) {
		t.Errorf("the untagged minutes are missing from the public pack")
	}
}
