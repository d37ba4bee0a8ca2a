// Package writers is the list of output formats a document tree is written
// to, in the spirit of pandoc's list of writers: each entry names a
// format, its file extension and the function that writes the tree.
//
// The pipeline and the command line know formats only through this list,
// so adding a format is one package (the writer, which imports report/doc
// and nothing of the pipeline) and one entry here.
package writers

import (
	"io"
	"strings"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/docx"
	"github.com/paperhq/paper/report/html"
	"github.com/paperhq/paper/report/pdf"
)

// Info is what a writer reports about what it wrote.
type Info struct {
	// Pages is the number of pages, for a format with fixed pages; 0
	// otherwise (a word-processing document reflows).
	Pages int
}

// Writer is one output format.
type Writer struct {
	// Name is the format as --format takes it: "pdf".
	Name string
	// Ext is the file extension of its outputs, with the dot: ".pdf".
	Ext string
	// Paged is set when the format has fixed pages, so that Info.Pages is
	// the paper's printed length (paper check measures it with the first
	// paged writer).
	Paged bool
	// Optional is set for a format a build writes only when asked
	// (--format html): the default is every other format.
	Optional bool
	// Write writes the tree. It returns an error, never panics, for any
	// tree, including one holding a node kind it does not handle.
	Write func(w io.Writer, d *doc.Document) (Info, error)
	// Warm, when set, does ahead of time the work the process's first
	// Write pays for once (parsing fonts), for a caller to run beside
	// other work; Write's output is the same either way.
	Warm func()
}

// list is every format, in the default order of a build.
var list = []Writer{
	{Name: "pdf", Ext: ".pdf", Paged: true, Write: func(w io.Writer, d *doc.Document) (Info, error) {
		info, err := pdf.Write(w, d)
		return Info{Pages: info.Pages}, err
	}, Warm: pdf.Warm},
	{Name: "docx", Ext: ".docx", Write: func(w io.Writer, d *doc.Document) (Info, error) {
		return Info{}, docx.Write(w, d)
	}},
	{Name: "html", Ext: ".html", Optional: true, Write: func(w io.Writer, d *doc.Document) (Info, error) {
		return Info{}, html.Write(w, d)
	}},
}

// All returns every format: "pdf", "docx", "html".
func All() []Writer { return append([]Writer(nil), list...) }

// Default returns the formats a build writes when none is named: every
// format but the optional ones ("pdf", "docx").
func Default() []Writer {
	var ws []Writer
	for _, w := range list {
		if !w.Optional {
			ws = append(ws, w)
		}
	}
	return ws
}

// Names returns the names of ws, or of every format when ws is empty:
// "pdf", "docx", "html".
func Names(ws ...Writer) []string {
	if len(ws) == 0 {
		ws = list
	}
	names := make([]string, len(ws))
	for i, w := range ws {
		names[i] = w.Name
	}
	return names
}

// Lookup returns the format named name, in any case.
func Lookup(name string) (Writer, bool) {
	for _, w := range list {
		if strings.EqualFold(w.Name, name) {
			return w, true
		}
	}
	return Writer{}, false
}

// Paged returns the first format with fixed pages, which measures a
// paper's length.
func Paged() (Writer, bool) {
	for _, w := range list {
		if w.Paged {
			return w, true
		}
	}
	return Writer{}, false
}
