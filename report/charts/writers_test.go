package charts_test

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/internal/pdftags"
	"github.com/paperhq/paper/report/internal/tooltest"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// writePDF writes d to a temporary file and returns its path.
func writePDF(t *testing.T, d *doc.Document) string {
	t.Helper()
	var buf bytes.Buffer
	if _, err := pdf.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "charts.pdf")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func writeDOCX(t *testing.T, d *doc.Document) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := docx.Write(&buf, d); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "charts.docx")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, buf.Bytes()
}

// TestPDFChartsAreVectorsWithRealText checks what a reader of the PDF
// meets: the charts' axis labels, legends and value labels are text that
// can be found and copied, and no chart is a picture.
func TestPDFChartsAreVectorsWithRealText(t *testing.T) {
	fixtures := charts.Fixtures()
	p := writePDF(t, chartDoc(fixtures))
	text := string(tooltest.Run(t, "pdftotext", "-layout", p, "-"))
	for _, want := range []string{
		// trend: scales, categories, legend, values
		"2018/19", "2019/20", "2020/21", "100%", "Enquiries received (left scale)", "Answered on time (right scale)", "34%", "69%",
		// comparison
		"Kingsbridge City Council", "Comparator councils", "Average of the councils shown: 9.3", "12.1",
		"Upheld investigations per 100,000 residents",
		// by service
		"Housing", "Partially upheld", "Withheld (small numbers)", "<5", "980",
		// funnel
		"3,100", "7.6% escalated to stage 2", "escalated to the Ombudsman",
		// monthly
		"Apr", "Mar", "2019/20",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not found as text in the PDF", want)
		}
	}
	alts := figureAlts(t, p)
	for _, f := range fixtures {
		if !alts[f.Alt()] {
			t.Errorf("alternative text %q is no Figure's /Alt in the PDF", f.Alt())
		}
	}
	images := strings.Split(strings.TrimSpace(string(tooltest.Run(t, "pdfimages", "-list", p))), "\n")
	if len(images) > 2 {
		t.Errorf("charts must be vectors; the PDF holds images:\n%s", strings.Join(images, "\n"))
	}
}

// bbox is a word's box as pdftotext -bbox reports it, in points.
type bbox struct {
	XMin float64 `xml:"xMin,attr"`
	YMin float64 `xml:"yMin,attr"`
	XMax float64 `xml:"xMax,attr"`
	YMax float64 `xml:"yMax,attr"`
	Text string  `xml:",chardata"`
}

// TestPDFWordsDoNotOverlap reads back where each word landed on the page
// (pdftotext -bbox) and checks that no two visible words overlap and
// none runs off the page: an independent check of the charts' label
// placement through the real PDF backend.
func TestPDFWordsDoNotOverlap(t *testing.T) {
	p := writePDF(t, chartDoc(charts.Fixtures()))
	out := tooltest.Run(t, "pdftotext", "-bbox", p, "-")
	var html struct {
		Pages []struct {
			Width  float64 `xml:"width,attr"`
			Height float64 `xml:"height,attr"`
			Words  []bbox  `xml:"word"`
		} `xml:"body>doc>page"`
	}
	dec := xml.NewDecoder(bytes.NewReader(out))
	dec.Strict = false
	dec.AutoClose = xml.HTMLAutoClose
	dec.Entity = xml.HTMLEntity
	if err := dec.Decode(&html); err != nil {
		t.Fatal(err)
	}
	if len(html.Pages) == 0 {
		t.Fatal("no pages read back")
	}
	for pi, pg := range html.Pages {
		var words []bbox
		for _, w := range pg.Words {
			// The invisible alternative text is set in 2 pt type over the
			// chart; it is not seen, so it cannot collide.
			if w.YMax-w.YMin < 4 {
				continue
			}
			if w.XMin < 0 || w.XMax > pg.Width || w.YMin < 0 || w.YMax > pg.Height {
				t.Errorf("page %d: %q runs off the page", pi+1, w.Text)
			}
			// pdftotext's boxes include the font's leading; shrink them to
			// the ink (capitals to descenders) before comparing.
			h := w.YMax - w.YMin
			w.YMin += h * 0.12
			w.YMax -= h * 0.08
			words = append(words, w)
		}
		for i, a := range words {
			for _, b := range words[i+1:] {
				if a.XMin < b.XMax-0.2 && b.XMin < a.XMax-0.2 && a.YMin < b.YMax-0.2 && b.YMin < a.YMax-0.2 {
					t.Errorf("page %d: %q overlaps %q", pi+1, a.Text, b.Text)
				}
			}
		}
	}
}

var (
	docPrRE  = regexp.MustCompile(`<wp:docPr id="\d+" name="([^"]*)" descr="([^"]*)"(?: title="([^"]*)")?/>`)
	extentRE = regexp.MustCompile(`<wp:extent cx="(\d+)" cy="(\d+)"/>`)
)

// unescape decodes an XML attribute value.
func unescape(s string) string {
	var v struct {
		S string `xml:"s,attr"`
	}
	if err := xml.Unmarshal([]byte(`<x s="`+s+`"/>`), &v); err != nil {
		return s
	}
	return v.S
}

// TestDOCXPicturesCarryAltText checks the DOCX of charts marked Picture
// (docx_charts: picture) as Word and a screen reader meet it: one PNG
// part per chart, sharp enough for print, and
// each picture's descr (Word's Alt Text) and title set from the chart.
func TestDOCXPicturesCarryAltText(t *testing.T) {
	fixtures := charts.Fixtures()
	d := pictureDoc(fixtures)
	_, data := writeDOCX(t, d)
	parts := tooltest.ZipParts(t, data)
	body := string(parts["word/document.xml"])
	docPrs := docPrRE.FindAllStringSubmatch(body, -1)
	extents := extentRE.FindAllStringSubmatch(body, -1)
	if len(docPrs) != len(fixtures) || len(extents) != len(fixtures) {
		t.Fatalf("%d pictures (%d extents) for %d charts", len(docPrs), len(extents), len(fixtures))
	}
	for i, f := range fixtures {
		name, descr, title := docPrs[i][1], unescape(docPrs[i][2]), unescape(docPrs[i][3])
		if descr != f.Alt() {
			t.Errorf("picture %d descr = %q, want %q", i+1, descr, f.Alt())
		}
		if name != fmt.Sprintf("Figure %d", i+1) || title != "A chart" {
			t.Errorf("picture %d name %q title %q", i+1, name, title)
		}
		img := parts[fmt.Sprintf("word/media/image%d.png", i+1)]
		if img == nil {
			t.Fatalf("no picture part for figure %d", i+1)
		}
		cfg, err := png.DecodeConfig(bytes.NewReader(img))
		if err != nil {
			t.Fatalf("figure %d: %v", i+1, err)
		}
		cx, _ := strconv.ParseFloat(extents[i][1], 64)
		cy, _ := strconv.ParseFloat(extents[i][2], 64)
		inches := cx / 914400
		if cfg.Width < 1200 || float64(cfg.Width)/inches < 199.5 {
			t.Errorf("figure %d: %d px over %.2f in is not 1,200 px and 200 dpi", i+1, cfg.Width, inches)
		}
		// The picture keeps the chart's proportions.
		fw, fh := f.Size()
		want := fh / fw
		if got := float64(cfg.Height) / float64(cfg.Width); got < want*0.99 || got > want*1.01 {
			t.Errorf("figure %d: PNG aspect %.3f, chart %.3f", i+1, got, want)
		}
		if got := cy / cx; got < want*0.99 || got > want*1.01 {
			t.Errorf("figure %d: printed aspect %.3f, chart %.3f", i+1, got, want)
		}
		full, err := png.Decode(bytes.NewReader(img))
		if err != nil {
			t.Fatalf("figure %d: %v", i+1, err)
		}
		if r, g, b, a := full.At(0, 0).RGBA(); r>>8 != 255 || g>>8 != 255 || b>>8 != 255 || a>>8 != 255 {
			t.Errorf("figure %d: background is not opaque white", i+1)
		}
	}
	if ct := string(parts["[Content_Types].xml"]); !strings.Contains(ct, `Extension="png"`) {
		t.Error("content types do not declare png")
	}
}

// TestLibreOfficeRendersThePictures converts the DOCX of charts marked
// Picture with LibreOffice and checks that every chart comes out as a
// picture with its caption.
func TestLibreOfficeRendersThePictures(t *testing.T) {
	tooltest.Require(t, "soffice")
	fixtures := charts.Fixtures()
	p, _ := writeDOCX(t, pictureDoc(fixtures))
	dir := filepath.Dir(p)
	out := tooltest.ConvertToPDF(t, dir, p)[0]
	lines := strings.Split(strings.TrimSpace(string(tooltest.Run(t, "pdfimages", "-list", out))), "\n")
	images := 0
	for _, l := range lines[min(2, len(lines)):] {
		if f := strings.Fields(l); len(f) > 4 && f[2] == "image" {
			images++
		}
	}
	if images != len(fixtures) {
		t.Errorf("LibreOffice rendered %d pictures for %d charts:\n%s", images, len(fixtures), strings.Join(lines, "\n"))
	}
	text := string(tooltest.Run(t, "pdftotext", out, "-"))
	for i := range fixtures {
		if c := fmt.Sprintf("Figure %d: A chart", i+1); !strings.Contains(text, c) {
			t.Errorf("caption %q missing from LibreOffice's rendering", c)
		}
	}
}

// TestExamplePaperCharts builds the example paper as a user does and
// checks its charts in both formats: numbered figures whose axis labels
// are text in the PDF, no raster image in the PDF, and in the DOCX one
// graphic per chart with the same alternative text: a native chart part
// for each chart that has one, a picture for the rest.
func TestExamplePaperCharts(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "examples", "lgsco-annual-review", "report.yaml")
	p, errs := pipeline.Prepare(src, pipeline.Options{Date: time.Unix(1700000000, 0)})
	if errs.HasErrors() || p == nil {
		t.Fatalf("example does not build: %v", errs)
	}
	var figs []*doc.Figure
	for _, b := range p.Doc.Blocks {
		if f, ok := b.(*doc.Figure); ok {
			figs = append(figs, f)
		}
	}
	kinds := map[string]bool{}
	for _, f := range figs {
		switch f.Graphic.(type) {
		case *charts.Columns:
			kinds["trend or monthly"] = true
		case *charts.Bars:
			kinds["comparison"] = true
		case *charts.Funnel:
			kinds["funnel"] = true
		}
	}
	if len(figs) < 3 || len(kinds) < 3 {
		t.Fatalf("the example has %d charts of kinds %v; it needs a trend, a comparison and a funnel", len(figs), kinds)
	}
	if _, err := pipeline.Build(src, pipeline.Options{OutDir: dir}); err != nil {
		t.Fatal(err)
	}
	pdfPath := filepath.Join(dir, "report.pdf")
	text := strings.Join(strings.Fields(string(tooltest.Run(t, "pdftotext", pdfPath, "-"))), " ")
	alts := figureAlts(t, pdfPath)
	for i, f := range figs {
		if c := fmt.Sprintf("Figure %d: %s", i+1, f.Caption); !strings.Contains(text, c) {
			t.Errorf("caption %q not in the PDF", c)
		}
		if !alts[f.Alt] {
			t.Errorf("alternative text %q is no Figure's /Alt in the PDF", f.Alt)
		}
	}
	// Axis labels, as text: the years of the trend, the percentages of
	// its rate scale, the councils of the comparison, the funnel's stages.
	for _, want := range []string{"2018/19", "2019/20", "2020/21", "0%", "100%", "Kingsbridge City Council", "Stage 1", "Ombudsman", "escalated to stage 2"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q not found as text in the example PDF", want)
		}
	}
	// Only a logo on the first page may be a picture.
	images := strings.Split(strings.TrimSpace(string(tooltest.Run(t, "pdfimages", "-list", pdfPath))), "\n")
	for _, l := range images[min(2, len(images)):] {
		if f := strings.Fields(l); len(f) > 0 && f[0] != "1" {
			t.Errorf("the example PDF holds a raster image on page %s:\n%s", f[0], strings.Join(images, "\n"))
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "report.docx"))
	if err != nil {
		t.Fatal(err)
	}
	parts := tooltest.ZipParts(t, data)
	docPrs := docPrRE.FindAllStringSubmatch(string(parts["word/document.xml"]), -1)
	if len(docPrs) != len(figs) {
		t.Fatalf("%d pictures in the DOCX for %d charts", len(docPrs), len(figs))
	}
	native, pictures := 0, 0
	for i, f := range figs {
		if got := unescape(docPrs[i][2]); got != f.Alt {
			t.Errorf("figure %d descr %q, want %q", i+1, got, f.Alt)
		}
		if c, ok := f.Graphic.(doc.Charted); ok && c.ChartData() != nil {
			native++
			if parts[fmt.Sprintf("word/charts/chart%d.xml", native)] == nil {
				t.Errorf("no chart part for figure %d", i+1)
			}
			continue
		}
		pictures++
		if parts[fmt.Sprintf("word/media/image%d.png", pictures)] == nil {
			t.Errorf("no picture part for figure %d", i+1)
		}
	}
	if native < 3 || pictures != 1 {
		t.Errorf("%d native charts and %d pictures; want the trend, comparison and by-service charts native and the funnel a picture", native, pictures)
	}
}

// TestWritersAreDeterministic writes the charts twice in each format: the
// bytes must not differ (the DOCX draws its pictures in parallel).
func TestWritersAreDeterministic(t *testing.T) {
	d := chartDoc(charts.Fixtures())
	d.Meta.Date = time.Date(2026, 12, 4, 0, 0, 0, 0, time.UTC)
	for _, format := range []struct {
		name  string
		write func(io.Writer) error
	}{
		{"pdf", func(w io.Writer) error { _, err := pdf.Write(w, d); return err }},
		{"docx", func(w io.Writer) error { return docx.Write(w, d) }},
	} {
		var a, b bytes.Buffer
		if err := format.write(&a); err != nil {
			t.Fatal(err)
		}
		if err := format.write(&b); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a.Bytes(), b.Bytes()) {
			t.Errorf("two %s files of the same charts differ", format.name)
		}
	}
}

// figureAlts returns the alternative texts of the tagged PDF's Figure
// elements, what a screen reader reads for each chart.
func figureAlts(t *testing.T, path string) map[string]bool {
	t.Helper()
	tree, err := pdftags.Read(path)
	if err != nil {
		t.Fatal(err)
	}
	alts := map[string]bool{}
	for _, e := range tree.Elems {
		if e.Role == "Figure" {
			alts[e.Alt] = true
		}
	}
	return alts
}
