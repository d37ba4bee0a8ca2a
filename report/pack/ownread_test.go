package pack

import (
	"bytes"
	"context"
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

// ownSyntax is the syntax parseOwn reads or leaves to pdfcpu: each case
// must read as pdfcpu's parser reads it, or be left to it.
var ownSyntax = []string{
	"<</Type /Page\n/Parent 1 0 R\n/Resources 2 0 R\n/Contents 4 0 R>>",
	"[3 0 R 5 0 R]", "[1 0]", "[1 2 3]", "[0 0 595.28 841.89]", "[-1.5 .5 3. -0 007]",
	"<< /A null /B [null 1] /C true /D false >>", "<< /A 1 /A 2 >>", "<< /A 1 /A null >>",
	"(plain) rest", "(nested (brackets) here)", "(escaped \\) bracket)", "(back\\\\slash)", "(a\\(b)",
	"<FEFF0041>", "<feff00e9>", "<abc>", "<>", "<41 42>", "<4G>",
	"/Name", "/A#20B", "/", "/Name/Other", "/F1 12 Tf",
	"1 0 R", "1 0 Rx", "-1 0 R", "1 -0 R", "1 +0 R", "1 0.0 R", "12 34", "12 /N", "12 0 % c\nR",
	"True", "nullx", "null", "truefalse", "%comment\n1", "1%c", "1)", "99999999999999999999",
	"<</K [<</Type /MCR /Pg 3 0 R /MCID 0>> 1 2]>>", "<</Alt (Chart: complaints \\(2020/21\\))>>",
	"<</A [[[[1]]]]>>", "<</A <</B <</C 1>>>>>>", "<<>>", "<</A 1>", "[1 2", "(unclosed", "<</A>>",
}

// TestParseOwnAgreesWithPdfcpu: every case parseOwn reads, it reads to
// the object and remainder pdfcpu's parser gives.
func TestParseOwnAgreesWithPdfcpu(t *testing.T) {
	read := 0
	for _, s := range ownSyntax {
		if checkParseOwn(t, s) {
			read++
		}
	}
	if read < len(ownSyntax)/2 {
		t.Errorf("the fast parser read only %d of %d cases", read, len(ownSyntax))
	}
}

// checkParseOwn compares parseOwn with pdfcpu on s and reports whether
// parseOwn read it.
func checkParseOwn(t *testing.T, s string) bool {
	t.Helper()
	o, rest, ok := parseOwn(s)
	if !ok {
		return false
	}
	l := s
	want, err := model.ParseObjectContext(context.Background(), &l, 0)
	if err != nil {
		t.Errorf("parseOwn(%q) = %v, pdfcpu fails: %v", s, o, err)
		return true
	}
	if !reflect.DeepEqual(o, want) || rest != l {
		t.Errorf("parseOwn(%q) = %#v, rest %q; pdfcpu %#v, rest %q", s, o, rest, want, l)
	}
	return true
}

// FuzzParseOwn holds the fast parser to pdfcpu's on any input it reads.
//
//	go test -run '^$' -fuzz FuzzParseOwn -fuzztime 5m -parallel 1 ./report/pack/
func FuzzParseOwn(f *testing.F) {
	for _, s := range ownSyntax {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkParseOwn(t, s) })
}
