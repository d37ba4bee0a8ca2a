package caselog

import (
	"bytes"
	"sync"
	"testing"

	"github.com/paperhq/paper/bench/synth"
)

// millionXLSX is the synthetic 1,000,000-row case log as a workbook
// (about 27 MB; its worksheet unpacks to about 180 MB), made once.
var millionXLSX = sync.OnceValue(func() []byte {
	var buf bytes.Buffer
	if err := synth.WriteXLSX(&buf, 1000000, 1); err != nil {
		panic(err)
	}
	return buf.Bytes()
})

// BenchmarkReadXLSX1M reads a 1,000,000-row workbook: the target is
// under 5 s and 500 MB for the whole `paper metrics` (see the README's
// Speed section for the command measured).
//
//	go test -run '^$' -bench ReadXLSX1M -benchtime 3x -benchmem ./report/caselog/
func BenchmarkReadXLSX1M(b *testing.B) {
	data := millionXLSX()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		log, err := ReadXLSX("complaints.xlsx", bytes.NewReader(data), Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(log.Rows) != 1000000 {
			b.Fatalf("%d rows", len(log.Rows))
		}
	}
}

// BenchmarkReadXLSXColumnXFD reads a sheet with a value in column XFD on
// each of 100,000 rows: each costs one cell, not 16,384.
func BenchmarkReadXLSXColumnXFD(b *testing.B) {
	data := wideWorkbook(b, 100000)
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := ReadXLSX("wide.xlsx", bytes.NewReader(data), Options{}); err == nil {
			b.Fatal("read a sheet with values outside its header")
		}
	}
}
