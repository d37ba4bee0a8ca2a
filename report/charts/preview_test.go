package charts_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperhq/paper/report/charts"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/pdf"
)

var preview = flag.String("preview", "", "write charts.pdf and charts.docx with every fixture chart to this folder, to look at")

// chartDoc is a document holding each graphic as a numbered figure with
// its data table.
func chartDoc(gs []charts.Chart) *doc.Document {
	d := &doc.Document{
		Meta:  doc.Meta{Title: "Charts", Author: "paper", Language: "en-GB"},
		Page:  doc.Page{Marking: "OFFICIAL", Number: "Page {page} of {pages}"},
		Style: doc.DefaultStyle(),
	}
	d.Blocks = append(d.Blocks, &doc.Heading{Level: 1, Number: "1", Text: "Charts"})
	for i, g := range gs {
		d.Blocks = append(d.Blocks, &doc.Figure{
			Label: "Figure " + string(rune('1'+i)), Caption: "A chart", Alt: g.Alt(), Graphic: g, Data: g.Table(),
		})
	}
	return d
}

// pictureDoc is chartDoc with every chart marked Picture, as
// docx_charts: picture marks them.
func pictureDoc(gs []charts.Chart) *doc.Document {
	d := chartDoc(gs)
	for _, b := range d.Blocks {
		if f, ok := b.(*doc.Figure); ok {
			f.Picture = true
		}
	}
	return d
}

func TestPreview(t *testing.T) {
	if *preview == "" {
		t.Skip("run with -preview DIR to write the fixture charts out")
	}
	d := chartDoc(charts.Fixtures())
	if err := os.MkdirAll(*preview, 0o755); err != nil {
		t.Fatal(err)
	}
	f, err := os.Create(filepath.Join(*preview, "charts.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := pdf.Write(f, d); err != nil {
		t.Fatal(err)
	}
	f.Close()
	g, err := os.Create(filepath.Join(*preview, "charts.docx"))
	if err != nil {
		t.Fatal(err)
	}
	if err := docx.Write(g, d); err != nil {
		t.Fatal(err)
	}
	g.Close()
}
