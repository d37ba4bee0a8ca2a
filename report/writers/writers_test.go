package writers

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/doc/doctest"
)

// kinds holds one block of every node kind of report/doc.
func kinds() map[string]doc.Block {
	cell := func(s string) doc.Cell { return doc.Cell{Content: doc.Plain(s)} }
	return map[string]doc.Block{
		"Title":             &doc.Title{Kicker: "Council", Text: "Committee"},
		"Heading":           &doc.Heading{Level: 1, Number: "1", Text: "Heading"},
		"Paragraph":         &doc.Paragraph{Content: []doc.Inline{{Text: "plain "}, {Text: "bold", Bold: true}, {Text: "link", Link: "https://example.org/"}}},
		"NumberedParagraph": &doc.NumberedParagraph{Label: "1.1", Blocks: []doc.Block{&doc.Paragraph{Content: doc.Plain("numbered")}}},
		"List":              &doc.List{Items: []doc.ListItem{{Blocks: []doc.Block{&doc.Paragraph{Content: doc.Plain("item")}}}}},
		"Table": &doc.Table{Label: "Table 1", Caption: "A table", Columns: []doc.Column{{Width: 1}, {Width: 1}},
			Header: [][]doc.Cell{{cell("a"), cell("b")}}, Rows: [][]doc.Cell{{cell("1"), cell("2")}}},
		"Figure": &doc.Figure{Label: "Figure 1", Caption: "A chart", Alt: "Bar chart: three bars.", Graphic: doctest.BarGraphic(),
			WebData: &doc.Table{Columns: []doc.Column{{}, {}}, Header: [][]doc.Cell{{cell("Year"), cell("Bars")}}, Rows: [][]doc.Cell{{cell("2020/21"), cell("3")}}}},
		"PageBreak": &doc.PageBreak{},
		"Image":     doctest.Logo(),
	}
}

// docKinds lists the node kinds report/doc declares: the types with a
// block method.
func docKinds(t *testing.T) []string {
	t.Helper()
	fset := token.NewFileSet()
	files, err := filepath.Glob(filepath.Join("..", "doc", "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, path := range files {
		if strings.HasSuffix(path, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, path, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Name.Name != "block" {
				continue
			}
			if star, ok := fn.Recv.List[0].Type.(*ast.StarExpr); ok {
				names = append(names, star.X.(*ast.Ident).Name)
			}
		}
	}
	slices.Sort(names)
	return names
}

// TestEveryWriterWritesEveryNodeKind writes a document of each node kind
// of report/doc through every registered writer: a writer that meets a
// kind it does not handle returns an error, and so fails here.
func TestEveryWriterWritesEveryNodeKind(t *testing.T) {
	samples := kinds()
	declared := docKinds(t)
	if len(declared) == 0 {
		t.Fatal("found no node kinds in report/doc")
	}
	for _, name := range declared {
		if samples[name] == nil {
			t.Errorf("report/doc declares the node kind %s, which this test has no sample of: add one to kinds()", name)
		}
	}
	for _, w := range All() {
		for _, name := range declared {
			b := samples[name]
			if b == nil {
				continue
			}
			d := &doc.Document{Meta: doc.Meta{Title: "Kinds", Language: "en-GB"}, Style: doc.DefaultStyle(), Blocks: []doc.Block{b}}
			var buf bytes.Buffer
			if _, err := w.Write(&buf, d); err != nil {
				t.Errorf("%s: %s: %v", w.Name, name, err)
			} else if buf.Len() == 0 {
				t.Errorf("%s: %s: wrote nothing", w.Name, name)
			}
		}
	}
}

// foreign is a block of a kind no writer knows.
type foreign struct{ *doc.PageBreak }

func TestWritersRefuseAnUnknownKind(t *testing.T) {
	for _, w := range All() {
		d := &doc.Document{Style: doc.DefaultStyle(), Blocks: []doc.Block{foreign{&doc.PageBreak{}}}}
		if _, err := w.Write(&bytes.Buffer{}, d); err == nil || !strings.Contains(err.Error(), "writers.foreign") {
			t.Errorf("%s: a block of an unknown kind gave %v, want an error naming it", w.Name, err)
		}
	}
}

func TestRegistry(t *testing.T) {
	if got := strings.Join(Names(), ","); got != "pdf,docx,html" {
		t.Errorf("Names() = %s", got)
	}
	if got := strings.Join(Names(Default()...), ","); got != "pdf,docx" {
		t.Errorf("the default formats are %s, want pdf,docx", got)
	}
	seen := map[string]bool{}
	for _, w := range All() {
		if w.Name == "" || !strings.HasPrefix(w.Ext, ".") || w.Write == nil {
			t.Errorf("incomplete entry %+v", w)
		}
		if seen[w.Name] {
			t.Errorf("%s registered twice", w.Name)
		}
		seen[w.Name] = true
		if got, ok := Lookup(strings.ToUpper(w.Name)); !ok || got.Name != w.Name {
			t.Errorf("Lookup(%s) = %v, %v", strings.ToUpper(w.Name), got.Name, ok)
		}
	}
	if _, ok := Lookup("epub"); ok {
		t.Error("Lookup found a format that is not registered")
	}
	if p, ok := Paged(); !ok || p.Name != "pdf" {
		t.Errorf("Paged() = %v, %v", p.Name, ok)
	}
}
