package preview

import (
	"net/url"
	"path/filepath"

	"github.com/paperhq/paper/report/doc"
)

// links returns the files the page of d links (an appendix's PDF: a link
// with no scheme, host or fragment of its own), by the URL path a
// browser showing the page at / asks for, each resolved against dir, the
// folder the page's links are relative to (the definition's, as for
// paper build with no -o). Nothing else is ever served: not the
// definition, its data, an exempt appendix (which the page does not
// link) or anything beside them.
//
// A browser resolves a link that climbs out of the folder ("../shared/a.pdf")
// against / as "/shared/a.pdf"; when two links come to the same path,
// the first in the page is served.
func links(d *doc.Document, dir string) map[string]string {
	files := map[string]string{}
	root := &url.URL{Path: "/"}
	add := func(runs []doc.Inline) {
		for _, r := range runs {
			u, err := url.Parse(r.Link)
			if r.Link == "" || err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" {
				continue
			}
			at := root.ResolveReference(&url.URL{Path: u.Path}).Path
			if _, ok := files[at]; ok || at == "/" {
				continue
			}
			files[at] = filepath.Join(dir, filepath.FromSlash(u.Path))
		}
	}
	walk(d.Blocks, add)
	return files
}

// walk calls fn with every run of inline content in bs, in document
// order: paragraphs, numbered paragraphs, lists, and the cells of tables
// (their web content as well as their printed content) and figures.
func walk(bs []doc.Block, fn func([]doc.Inline)) {
	table := func(t *doc.Table) {
		if t == nil {
			return
		}
		for _, rows := range [][][]doc.Cell{t.Header, t.Rows} {
			for _, row := range rows {
				for _, c := range row {
					fn(c.Content)
					fn(c.Web)
				}
			}
		}
	}
	for _, b := range bs {
		switch b := b.(type) {
		case *doc.Paragraph:
			fn(b.Content)
		case *doc.NumberedParagraph:
			walk(b.Blocks, fn)
		case *doc.List:
			for _, it := range b.Items {
				walk(it.Blocks, fn)
			}
		case *doc.Table:
			table(b)
		case *doc.Figure:
			table(b.Data)
			table(b.WebData)
		}
	}
}
