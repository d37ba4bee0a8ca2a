package pack_test

import (
	"testing"

	"github.com/paperhq/paper/report/pack"
	"github.com/paperhq/paper/report/pack/packtest"
)

// BenchmarkPack20 builds both packs for a meeting of 20 papers (7 of them
// Part II), each with a 2-page appendix A and every other Part I paper
// with an exempt appendix B, plus minutes and an exempt PDF item: the
// issue's target is under 2 seconds per build.
//
//	go test -run '^$' -bench Pack20 -benchtime 5x ./report/pack/
func BenchmarkPack20(b *testing.B) { bench20(b) }

// BenchmarkSite20 builds the same meeting's packs and its public web site
// (--format pdf,html): 13 papers' pages and PDFs, their appendices'
// copies, the minutes' copy.
//
//	go test -run '^$' -bench Site20 -benchtime 5x ./report/pack/
func BenchmarkSite20(b *testing.B) { bench20(b, "pdf", "html") }

func bench20(b *testing.B, formats ...string) {
	dir := b.TempDir()
	m, err := packtest.Write(dir, packtest.Spec{Papers: 20})
	if err != nil {
		b.Fatal(err)
	}
	out := b.TempDir()
	b.ResetTimer()
	for b.Loop() {
		if _, err := pack.Build(m.Agenda, pack.Options{OutDir: out, Formats: formats}); err != nil {
			b.Fatal(err)
		}
	}
}
