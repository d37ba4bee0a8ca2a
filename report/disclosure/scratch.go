package disclosure

// scratch is the working memory of one auditor at a time (tableaux,
// indexes, components, keys), handed out in pieces from blocks that the
// next auditor of the same Choose reuses once the last is done with
// (memo.recycle resets it). A Choose audits tens of patterns of one
// table, each needing about the same pieces: taking them afresh each
// time cost the example paper's Choose 1.7 MB, and in a fresh process,
// which does not collect garbage, every new page of it is a page fault.
// A nil scratch (an auditor outside a Choose) allocates each piece.
type scratch struct {
	floats   pile[float64]
	ints     pile[int]
	bools    pile[bool]
	floatRow pile[[]float64]
	intRow   pile[[]int]
}

// pile hands out zeroed slices from its newest block. When the block is
// used up it starts a larger one; the slices handed out of the old one
// keep it alive for as long as they are used.
type pile[T any] struct {
	buf []T
	n   int
}

func (p *pile[T]) take(n int) []T {
	if p.n+n > len(p.buf) {
		p.buf = make([]T, max(2*len(p.buf), n, 256))
		p.n = 0
	}
	s := p.buf[p.n : p.n+n : p.n+n]
	p.n += n
	clear(s)
	return s
}

// reset makes the whole of the newest block free again: nothing taken
// before may be used after.
func (s *scratch) reset() {
	if s == nil {
		return
	}
	s.floats.n, s.ints.n, s.bools.n, s.floatRow.n, s.intRow.n = 0, 0, 0, 0, 0
}

// floatsOf, intsOf, boolsOf, floatRows and intRows take n zero values
// from s, or make them when s is nil.
func (s *scratch) floatsOf(n int) []float64 {
	if s == nil {
		return make([]float64, n)
	}
	return s.floats.take(n)
}

func (s *scratch) intsOf(n int) []int {
	if s == nil {
		return make([]int, n)
	}
	return s.ints.take(n)
}

func (s *scratch) boolsOf(n int) []bool {
	if s == nil {
		return make([]bool, n)
	}
	return s.bools.take(n)
}

func (s *scratch) floatRows(n int) [][]float64 {
	if s == nil {
		return make([][]float64, n)
	}
	return s.floatRow.take(n)
}

func (s *scratch) intRows(n int) [][]int {
	if s == nil {
		return make([][]int, n)
	}
	return s.intRow.take(n)
}
