package docx

import (
	"archive/zip"
	"bytes"
	"image/png"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
)

// drawingOnly hides a chart's ChartData: the graphic as today's writer
// saw it, a drawing and nothing more.
type drawingOnly struct{ canvas.Drawing }

func trendChart() *charts.Columns {
	return &charts.Columns{
		Subject: "Ombudsman enquiries", Labels: []string{"2018/19", "2019/20", "2020/21"}, CategoryName: "Year",
		Bars:     charts.Series{Name: "Enquiries received", Axis: "Enquiries", Values: []charts.Value{charts.V(47), charts.V(36), charts.V(39)}},
		Line:     charts.Series{Name: "Answered on time", Values: []charts.Value{charts.V(0.34), charts.V(0.53), charts.V(0.69)}, Format: charts.Percent},
		LineWord: "on time",
	}
}

func chartFigure(g doc.Graphic, picture bool) *doc.Figure {
	return &doc.Figure{Label: "Figure 1", Caption: "Enquiries", Alt: trendChart().Alt(), Graphic: g, Picture: picture}
}

// TestPictureModeIsTodaysDOCX checks docx_charts: picture: a chart marked
// Picture gives exactly the bytes of a plain drawing's picture (today's
// print-resolution PNG), and the native chart the same printed size with
// its alternative text and title on the graphic frame.
func TestPictureModeIsTodaysDOCX(t *testing.T) {
	date := time.Date(2021, 9, 22, 0, 0, 0, 0, time.UTC)
	mk := func(f *doc.Figure) []byte {
		d := newDoc(para("Before"), f, para("After"))
		d.Meta.Date = date
		return write(t, d)
	}
	picture := mk(chartFigure(trendChart(), true))
	today := mk(chartFigure(drawingOnly{trendChart()}, true))
	if !bytes.Equal(picture, today) {
		t.Fatal("a chart marked Picture does not give today's DOCX")
	}
	native := mk(chartFigure(trendChart(), false))
	np, tp := unpack(t, native).parts, unpack(t, today).parts
	if np["word/charts/chart1.xml"] == nil || np["word/media/image1.png"] != nil {
		t.Fatal("the native DOCX has no chart part, or a picture")
	}
	if tp["word/charts/chart1.xml"] != nil {
		t.Fatal("the picture DOCX has a chart part")
	}
	ext := regexp.MustCompile(`<wp:extent [^>]*/>`)
	nb, tb := string(np["word/document.xml"]), string(tp["word/document.xml"])
	if a, b := ext.FindString(nb), ext.FindString(tb); a == "" || a != b {
		t.Errorf("native chart extent %q, picture %q: not the same size", a, b)
	}
	if !strings.Contains(nb, `descr="`+trendChart().Alt()+`" title="Enquiries"/>`) {
		t.Errorf("native chart frame lacks the alternative text and title: %.600s", nb)
	}
	m := regexp.MustCompile(`<c:chart xmlns:c="[^"]+" r:id="(rId\d+)"/>`).FindStringSubmatch(nb)
	if m == nil || !strings.Contains(string(np["word/_rels/document.xml.rels"]), `Id="`+m[1]+`" Type="`+relChart+`" Target="charts/chart1.xml"`) {
		t.Errorf("the graphic frame's chart is not related to charts/chart1.xml")
	}
}

// TestChartWorkbookIsStamped checks that the embedded workbook's entries
// carry the given time, not the clock's, and two writes are identical.
func TestChartWorkbookIsStamped(t *testing.T) {
	at := time.Date(2021, 9, 22, 0, 0, 0, 0, time.UTC)
	d := trendChart().ChartData()
	a, err := chartWorkbook(d, at)
	if err != nil {
		t.Fatal(err)
	}
	b, err := chartWorkbook(d, at)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Error("two workbooks of the same chart differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a), int64(len(a)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) < 4 {
		t.Fatalf("workbook has %d entries", len(zr.File))
	}
	for _, f := range zr.File {
		if !f.Modified.Equal(at) {
			t.Errorf("%s modified %v, want %v", f.Name, f.Modified, at)
		}
	}
}

// TestSVGPicture checks a graphic with no native chart form (the
// funnel) when charts are native: an SVG picture, with its alternative
// text inside, and a PNG fallback of lower resolution than the print
// picture, both related from one a:blip.
func TestSVGPicture(t *testing.T) {
	fig := &doc.Figure{Label: "Figure 1", Caption: "Bars", Alt: "Bar chart: 47, 36, 39", Graphic: doctest.BarGraphic()}
	p := unpack(t, write(t, newDoc(fig)))
	svgData, pngData := p.parts["word/media/image2.svg"], p.parts["word/media/image1.png"]
	if !bytes.HasPrefix(svgData, []byte("<?xml")) || !bytes.Contains(svgData, []byte("<svg")) || !bytes.Contains(svgData, []byte("Bar chart: 47, 36, 39")) {
		t.Fatalf("no SVG with the alternative text: %.200s", svgData)
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(pngData))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Width < fallbackPixels || cfg.Width >= 1200*1.5 {
		t.Errorf("fallback PNG %d px wide: want at least %d and well under the print picture's", cfg.Width, fallbackPixels)
	}
	print := unpack(t, write(t, newDoc(&doc.Figure{Label: "Figure 1", Caption: "Bars", Alt: fig.Alt, Graphic: doctest.BarGraphic(), Picture: true})))
	pc, _ := png.DecodeConfig(bytes.NewReader(print.parts["word/media/image1.png"]))
	if float64(cfg.Width*cfg.Height) > 0.6*float64(pc.Width*pc.Height) {
		t.Errorf("fallback %dx%d has more than 60%% of the print picture's %dx%d pixels", cfg.Width, cfg.Height, pc.Width, pc.Height)
	}
	body := string(p.parts["word/document.xml"])
	m := regexp.MustCompile(`<a:blip r:embed="(rId\d+)"><a:extLst><a:ext uri="\{96DAC541-7B7A-43D3-8B79-37D633B846F1\}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="(rId\d+)"/>`).FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no svgBlip in the picture: %.800s", body)
	}
	rels := string(p.parts["word/_rels/document.xml.rels"])
	for id, target := range map[string]string{m[1]: "media/image1.png", m[2]: "media/image2.svg"} {
		if !strings.Contains(rels, `Id="`+id+`" Type="`+relImage+`" Target="`+target+`"`) {
			t.Errorf("%s does not relate %s", id, target)
		}
	}
	if !strings.Contains(string(p.parts["[Content_Types].xml"]), `<Default Extension="svg" ContentType="image/svg+xml"/>`) {
		t.Error("svg has no content type")
	}
}

// fuzzChart is a graphic that describes itself as the fuzzer's chart.
type fuzzChart struct {
	canvas.Drawing
	d *doc.ChartData
}

func (c fuzzChart) ChartData() *doc.ChartData { return c.d }

// FuzzChart writes charts described by fuzz bytes (names with control
// characters and invalid UTF-8, NaN and infinite figures, series of the
// wrong length, groups out of order, every kind): the writer returns a DOCX or an error,
// never panics, and every chart part it writes is well-formed XML whose
// workbook opens as a spreadsheet.
func FuzzChart(f *testing.F) {
	f.Add([]byte("\x00\x03\x02abc\x01\x05hello\x07"))
	f.Add([]byte("\x01\x02\x03\x10<&\x00>\x02\xff\xfe\x01\x05"))
	f.Add([]byte("\x02\x05\x04\x00\x00\x00\x00\x09\x01\x01"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r := &fuzzReader{b: data}
		d := &doc.ChartData{Kind: doc.ChartKind(r.byte() % 4), Title: r.str(), CategoryTitle: r.str(), ValueTitle: r.str(),
			SecondaryTitle: r.str(), ValueMax: r.num(), ValueStep: r.num(), Legend: r.bool()}
		n := int(r.byte() % 6)
		for range n {
			d.Categories = append(d.Categories, r.str())
		}
		for range int(r.byte() % 3) { // groups, in order or not
			d.Groups = append(d.Groups, doc.ChartGroup{Label: r.str(), From: int(r.byte()%8) - 1, To: int(r.byte() % 8)})
		}
		for range int(r.byte() % 4) {
			s := doc.ChartSeries{Name: r.str(), Format: r.str(), Colour: "0072B2", Line: r.bool(), Dashed: r.bool(),
				Secondary: r.bool(), Labels: r.bool(), Bold: r.bool()}
			if r.bool() {
				s.Hatch = "FFFFFF"
			}
			m := n
			if r.byte()%8 == 0 {
				m = int(r.byte() % 6) // the wrong length, sometimes
			}
			for range m {
				s.Values = append(s.Values, r.num())
				s.Missing = append(s.Missing, r.bool())
			}
			d.Series = append(d.Series, s)
		}
		fig := &doc.Figure{Label: "Figure 1", Caption: r.str(), Alt: "alt", Graphic: fuzzChart{doctest.BarGraphic(), d}}
		var buf bytes.Buffer
		if err := Write(&buf, newDoc(fig)); err != nil {
			return
		}
		p := unpack(t, buf.Bytes())
		for name, part := range p.parts {
			switch {
			case strings.HasPrefix(name, "word/charts/"):
				if _, err := decodeXML(part); err != nil {
					t.Fatalf("%s: %v\n%s", name, err, part)
				}
			case strings.HasPrefix(name, "word/embeddings/"):
				wb, err := excelize.OpenReader(bytes.NewReader(part))
				if err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				if _, err := wb.GetRows(chartSh); err != nil {
					t.Fatalf("%s: %v", name, err)
				}
				wb.Close()
			}
		}
	})
}
