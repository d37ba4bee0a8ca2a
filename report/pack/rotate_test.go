package pack_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/paperhq/paper/report/internal/pdfgen"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pack"
)

// oddPages writes a PDF of four pages as other tools produce them: A4
// portrait, A4 landscape, and portrait pages displayed rotated by 90 and
// 270 degrees (a scanned table turned sideways).
func oddPages(t *testing.T, path string) {
	t.Helper()
	portrait, landscape := "[0 0 595.28 841.89]", "[0 0 841.89 595.28]"
	f, _ := pdfgen.NewPages("",
		pdfgen.Page{Content: pdfgen.Text(72, 741.89, 14, "PORTRAIT top left"), MediaBox: portrait},
		pdfgen.Page{Content: pdfgen.Text(72, 495.28, 14, "LANDSCAPE top left"), MediaBox: landscape},
		pdfgen.Page{Content: pdfgen.Text(72, 741.89, 14, "TURNED90 top left"), MediaBox: portrait, Extra: "/Rotate 90"},
		pdfgen.Page{Content: pdfgen.Text(72, 741.89, 14, "TURNED270 top left"), MediaBox: portrait, Extra: "/Rotate 270"})
	if err := os.WriteFile(path, f.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

var (
	bboxPageRE = regexp.MustCompile(`<page width="([\d.]+)" height="([\d.]+)">`)
	bboxWordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
)

// TestExternalPagesAnyShape: the pack's page number lands at the bottom
// right of every external page as it is displayed, whatever its size and
// rotation, and the page's own text is still there, the right way up.
func TestExternalPagesAnyShape(t *testing.T) {
	tooltest.Require(t, "pdftotext")
	dir := t.TempDir()
	oddPages(t, filepath.Join(dir, "odd.pdf"))
	write(t, filepath.Join(dir, "agenda.yaml"), `council: Kingsbridge City Council
committee: Audit and Governance Committee
date: 2026-12-14
items:
  - {title: Tables from the Ombudsman, pdf: odd.pdf}
`)
	res, err := pack.Build(filepath.Join(dir, "agenda.yaml"), pack.Options{})
	if err != nil {
		t.Fatal(err)
	}
	out := string(tooltest.Run(t, "pdftotext", "-bbox", res.Files[0], "-"))
	pagesXML := bboxPageRE.FindAllStringSubmatchIndex(out, -1)
	if len(pagesXML) != 5 {
		t.Fatalf("%d pages, want the front sheet and 4", len(pagesXML))
	}
	for i, loc := range pagesXML[1:] {
		n := i + 2
		end := len(out)
		if i+2 < len(pagesXML) {
			end = pagesXML[i+2][0]
		}
		w, _ := strconv.ParseFloat(out[loc[2]:loc[3]], 64)
		h, _ := strconv.ParseFloat(out[loc[4]:loc[5]], 64)
		turned := n >= 4
		if turned {
			// pdftotext gives the unrotated size but places words as
			// the page is displayed.
			w, h = h, w
		}
		words := bboxWordRE.FindAllStringSubmatch(out[loc[1]:end], -1)
		found, own := false, false
		for j, wd := range words {
			x0, _ := strconv.ParseFloat(wd[1], 64)
			y0, _ := strconv.ParseFloat(wd[2], 64)
			if wd[5] == "Page" && j+1 < len(words) && words[j+1][5] == strconv.Itoa(n) {
				found = true
				if x0 < w*0.6 || y0 < h*0.9 {
					t.Errorf("page %d (%gx%g): \"Page %d\" at (%g, %g), not at the bottom right", n, w, h, n, x0, y0)
				}
			}
			if wd[5] == "top" && j+1 < len(words) && words[j+1][5] == "left" {
				own = true
				if !turned && (x0 > w*0.4 || y0 > h*0.4) {
					t.Errorf("page %d: its own text \"top left\" is at (%g, %g): the page is not the right way up", n, x0, y0)
				}
			}
		}
		if !found {
			t.Errorf("page %d has no \"Page %d\"", n, n)
		}
		if !own {
			t.Errorf("page %d lost its own text", n)
		}
	}
}
