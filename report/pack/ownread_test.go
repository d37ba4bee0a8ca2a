package pack

import (
	"bytes"
	"reflect"
	"testing"
	"time"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/pdf"
	"github.com/paperhq/paper/report/pipeline"
)

// TestReadOwnAgreesWithPdfcpu: for the documents a pack writes itself
// (the example paper, a front sheet, a notice), readOwn's fast path
// gives every object pdfcpu.Read gives, stream data included.
func TestReadOwnAgreesWithPdfcpu(t *testing.T) {
	p, errs := pipeline.Prepare("../../examples/lgsco-annual-review/report.yaml", pipeline.Options{})
	if errs.HasErrors() {
		t.Fatal(errs)
	}
	m := layout.Meeting{Council: "Kingsbridge City Council", Committee: "Audit and Governance Committee", Date: time.Date(2021, 9, 27, 0, 0, 0, 0, time.UTC)}
	docs := map[string]*doc.Document{
		"the example paper": packDoc(p.Doc, true),
		"a front sheet":     layout.FrontSheet(m, []layout.AgendaEntry{{Title: "Annual review (upstream and downstream)", Page: 2}}, true, time.Time{}),
		"a notice":          layout.Notice(m, layout.NoticeOf{Item: 1, Title: "Staffing", Exemption: "paragraph 1", Paragraphs: []int{1}}, time.Time{}),
	}
	for name, d := range docs {
		var buf bytes.Buffer
		if _, err := pdf.Write(&buf, d); err != nil {
			t.Fatal(err)
		}
		fast, err := sliceOwn(buf.Bytes())
		if err != nil {
			t.Fatalf("%s: not read by the fast path: %v", name, err)
		}
		slow, err := pdfcpu.Read(bytes.NewReader(buf.Bytes()), config())
		if err != nil {
			t.Fatal(err)
		}
		compareContexts(t, name, fast, slow)
	}
}

func compareContexts(t *testing.T, name string, fast, slow *model.Context) {
	t.Helper()
	if !reflect.DeepEqual(fast.Root, slow.Root) || !reflect.DeepEqual(fast.Info, slow.Info) {
		t.Errorf("%s: root %v, info %v; pdfcpu: %v, %v", name, fast.Root, fast.Info, slow.Root, slow.Info)
	}
	if len(fast.Table) != len(slow.Table) {
		t.Errorf("%s: %d objects, pdfcpu %d", name, len(fast.Table), len(slow.Table))
	}
	streams := 0
	for n, se := range slow.Table {
		fe := fast.Table[n]
		if fe == nil {
			t.Errorf("%s: object %d missing", name, n)
			continue
		}
		if fe.Free != se.Free {
			t.Errorf("%s: object %d free %v, pdfcpu %v", name, n, fe.Free, se.Free)
			continue
		}
		switch so := se.Object.(type) {
		case types.StreamDict:
			fo, ok := fe.Object.(types.StreamDict)
			if !ok {
				t.Errorf("%s: object %d is %T, pdfcpu's a stream", name, n, fe.Object)
				continue
			}
			streams++
			if !reflect.DeepEqual(fo.Dict, so.Dict) || !bytes.Equal(fo.Raw, so.Raw) || !reflect.DeepEqual(fo.FilterPipeline, so.FilterPipeline) ||
				*fo.StreamLength != *so.StreamLength || fo.StreamOffset != so.StreamOffset {
				t.Errorf("%s: stream %d differs:\n%v\npdfcpu:\n%v", name, n, fo.Dict, so.Dict)
			}
		default:
			if !reflect.DeepEqual(fe.Object, se.Object) {
				t.Errorf("%s: object %d differs:\n%v\npdfcpu:\n%v", name, n, fe.Object, se.Object)
			}
		}
	}
	if streams == 0 {
		t.Errorf("%s: no streams compared", name)
	}
}

// TestReadOwnFallsBack: a file the fast path does not expect (here, one
// whose objects are not where its table says) is still read, by
// pdfcpu.Read, to the same objects.
func TestReadOwnFallsBack(t *testing.T) {
	m := layout.Meeting{Council: "K", Committee: "C"}
	var buf bytes.Buffer
	if _, err := pdf.Write(&buf, layout.Notice(m, layout.NoticeOf{Item: 1, Title: "T", Exemption: "paragraph 1", Paragraphs: []int{1}}, time.Time{})); err != nil {
		t.Fatal(err)
	}
	// A comment after the header moves every object by 11 bytes:
	// pdfcpu.Read repairs the offsets, the fast path refuses.
	data := bytes.Replace(buf.Bytes(), []byte("%PDF-1.7\n"), []byte("%PDF-1.7\n%0123456789\n"), 1)
	if !bytes.HasPrefix(data, []byte("%PDF-1.7\n%0")) {
		t.Fatalf("unexpected header: %q", data[:20])
	}
	if _, err := sliceOwn(data); err == nil {
		t.Fatal("the fast path read a file whose offsets are wrong")
	}
	ctx, err := readOwn(data)
	if err != nil {
		t.Fatalf("readOwn: %v", err)
	}
	ps, _, err := pages(ctx)
	if err != nil || len(ps) != 1 {
		t.Fatalf("pages: %d, %v", len(ps), err)
	}
}
