package pack_test

import (
	"bytes"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// textLine is a line of text as pdftotext -bbox-layout places it, in
// points from the top left of the page.
type textLine struct {
	text           string
	x0, y0, x1, y1 float64
}

func (l textLine) String() string {
	return fmt.Sprintf("%q at (%.1f, %.1f)-(%.1f, %.1f)", l.text, l.x0, l.y0, l.x1, l.y1)
}

var (
	bboxLineRE     = regexp.MustCompile(`(?s)<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</line>`)
	bboxLineWordRE = regexp.MustCompile(`<word [^>]*>([^<]*)</word>`)
)

// textLines returns every page's lines, page 1 first.
func textLines(t *testing.T, path string) [][]textLine {
	t.Helper()
	out := string(tooltest.Run(t, "pdftotext", "-bbox-layout", path, "-"))
	var pages [][]textLine
	for _, pg := range strings.Split(out, "<page ")[1:] {
		var lines []textLine
		for _, m := range bboxLineRE.FindAllStringSubmatch(pg, -1) {
			var words []string
			for _, w := range bboxLineWordRE.FindAllStringSubmatch(m[5], -1) {
				words = append(words, html.UnescapeString(w[1]))
			}
			l := textLine{text: strings.Join(words, " ")}
			for i, v := range []*float64{&l.x0, &l.y0, &l.x1, &l.y1} {
				*v, _ = strconv.ParseFloat(m[i+1], 64)
			}
			lines = append(lines, l)
		}
		pages = append(pages, lines)
	}
	return pages
}

// isStamp reports whether a line is one of the exempt pack's stamp's.
func isStamp(l textLine) bool {
	return l.text == "NOT FOR PUBLICATION" || strings.HasPrefix(l.text, "Exempt pack for members:") || strings.HasPrefix(l.text, "by virtue of paragraph")
}

// TestExemptStampInTopMargin reads where the stamp is on every page of
// the exempt pack: both its lines in the top 20 mm (the default top
// margin), NOT FOR PUBLICATION above what makes it exempt, and neither
// touching any other text on the page (the classification, the running
// title, the body's first line).
func TestExemptStampInTopMargin(t *testing.T) {
	b := meeting(t)
	const topMargin = 20 * 72 / 25.4
	for i, lines := range textLines(t, b.exempt) {
		var stamp, other []textLine
		for _, l := range lines {
			if isStamp(l) {
				stamp = append(stamp, l)
			} else {
				other = append(other, l)
			}
		}
		if len(stamp) != 2 || stamp[0].text != "NOT FOR PUBLICATION" || stamp[1].y0 < stamp[0].y1 {
			t.Errorf("exempt pack page %d: stamp lines %v, want NOT FOR PUBLICATION and beneath it what makes the page exempt", i+1, stamp)
			continue
		}
		for _, s := range stamp {
			if s.y1 > topMargin {
				t.Errorf("exempt pack page %d: stamp line %v reaches below the top margin (%.1f)", i+1, s, topMargin)
			}
			for _, o := range other {
				if s.x0 < o.x1 && o.x0 < s.x1 && s.y0 < o.y1 && o.y0 < s.y1 {
					t.Errorf("exempt pack page %d: stamp line %v overlaps %v", i+1, s, o)
				}
			}
		}
		body := false
		for _, o := range other {
			body = body || o.y0 >= stamp[1].y1
		}
		if !body {
			t.Errorf("exempt pack page %d: no text below the stamp", i+1)
		}
	}
}

// TestPaperSamePagesInBothPacks: a Part I paper's pages are laid out in
// the exempt pack exactly as in the public pack and in the paper's own
// PDF (`paper build`): the same pages, every line of text in the same
// place, but for the exempt pack's stamp and the page numbers.
func TestPaperSamePagesInBothPacks(t *testing.T) {
	b := meeting(t)
	public, exempt := textLines(t, b.public), textLines(t, b.exempt)
	pubStarts := agendaPages(t, pages(t, b.public), b.m.Items)
	exStarts := agendaPages(t, pages(t, b.exempt), b.m.Items)
	pageLabel := regexp.MustCompile(`^Page \d+( of \d+)?$`)
	kept := func(lines []textLine) []textLine {
		var out []textLine
		for _, l := range lines {
			if !isStamp(l) && !pageLabel.MatchString(l.text) {
				out = append(out, l)
			}
		}
		return out
	}
	compared := 0
	for i, it := range b.m.Items {
		if it.Kind != "report" || it.Exempt {
			continue
		}
		p, err := pipeline.Prepare(filepath.Join(filepath.Dir(b.m.Agenda), it.Path), pipeline.Options{})
		if err.HasErrors() {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		info, werr := pdf.Write(&buf, p.Doc)
		if werr != nil {
			t.Fatal(werr)
		}
		own := filepath.Join(t.TempDir(), "own.pdf")
		if err := os.WriteFile(own, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		alone := textLines(t, own)
		if len(alone) != info.Pages {
			t.Fatalf("item %d: pdftotext reads %d pages of the paper's own %d", i+1, len(alone), info.Pages)
		}
		ps, es := pubStarts[i+1], exStarts[i+1]
		if ps == 0 || es == 0 {
			t.Fatalf("item %d: not on the agendas (public page %d, exempt page %d)", i+1, ps, es)
		}
		for n := range info.Pages {
			if ps+n > len(public) || es+n > len(exempt) {
				t.Fatalf("item %d: the packs end before the paper's page %d", i+1, n+1)
			}
			want := fmt.Sprint(kept(alone[n]))
			for name, got := range map[string][]textLine{"public": public[ps+n-1], "exempt": exempt[es+n-1]} {
				if g := fmt.Sprint(kept(got)); g != want {
					t.Errorf("item %d, page %d of the paper: the %s pack's page differs from the paper's own PDF:\n got %s\nwant %s", i+1, n+1, name, g, want)
				}
			}
			compared++
		}
	}
	if compared == 0 {
		t.Fatal("no Part I paper's pages compared")
	}
}
