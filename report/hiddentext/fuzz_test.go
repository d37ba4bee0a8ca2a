package hiddentext

import (
	"math"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/paperhq/paper/report/internal/hostile"
	"github.com/paperhq/paper/report/internal/pdfcontent"
)

// FuzzScan interprets arbitrary content streams on a page whose
// resources hold fonts, graphics states, colour spaces, images and forms
// (one of which draws itself): a damaged stream must never panic or
// hang, and every finding must be well formed.
func FuzzScan(f *testing.F) {
	for _, tc := range contentCases {
		f.Add([]byte(tc.content))
	}
	for _, c := range hostile.Cases() {
		ctx := read(f, c.Build())
		d, _, _, err := ctx.PageDict(1, false)
		if err != nil {
			f.Fatal(err)
		}
		data, err := streamData(ctx, d["Contents"], maxStreamBytes)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte("BI /W 4 /H 1 /CS /G /BPC 8 ID \x00EI\x00\x00 EI q 1 0 0 1 0 0 cm /Loop Do Q"))
	f.Add([]byte("q q q q 1e308 1e308 1e308 1e308 1e308 1e308 cm BT /F1 1e308 Tf 1e308 Tz (x) Tj ET"))
	f.Add([]byte("BT /F1 12 Tf [(a) 1e400 (b) -1e400 (c)] TJ NaN Tw (d) ' 1 2 (e) \" ET"))
	ctx := read(f, onePage("", ""))
	d, _, inh, err := ctx.PageDict(1, false)
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, content []byte) {
		type result struct {
			fs  []Finding
			err error
		}
		done := make(chan result, 1)
		go func() {
			s := &scanner{ctx: ctx, fonts: map[int]*font{}, forms: map[int][]pdfcontent.Op{}}
			fs, err := s.pageContent(1, d, inh, content)
			done <- result{fs, err}
		}()
		var res result
		select {
		case res = <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("scanning a %d-byte content stream takes over 10 seconds", len(content))
		}
		for _, f := range res.fs {
			if f.Page != 1 || f.How == "" || utf8.RuneCountInString(f.Text) > 40 || !utf8.ValidString(f.Text) {
				t.Errorf("malformed finding %+v", f)
			}
			for _, v := range f.Box {
				if math.IsNaN(v) || math.IsInf(v, 0) {
					t.Errorf("finding's box is not finite: %+v", f)
				}
			}
		}
	})
}
