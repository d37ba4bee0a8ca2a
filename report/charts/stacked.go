package charts

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
)

// StackRow is one category of a stacked bar chart: a count per part.
type StackRow struct {
	Label  string
	Counts []int
	// Disclosure, when set, says what of the row may be published, as
	// decided by the caller (so that the chart hides what the paper's
	// tables hide); nil applies the chart's own rule (see Stacked).
	Disclosure *Disclosure
}

// Disclosure is what of a row may be published.
type Disclosure struct {
	// SmallRow hides the whole row as one small count: "<k" and no bar.
	SmallRow bool
	// Hidden withholds part j; Small says it is a small count ("<k")
	// rather than one withheld to protect another ("*").
	Hidden, Small []bool
	// HiddenSum allows the hidden parts' sum, drawn as one grey
	// "withheld" segment; Total allows the row's total.
	HiddenSum, Total bool
}

// Stacked is a horizontal stacked bar chart of counts split into parts:
// the "by-service" chart of complaint outcomes (upheld, partially upheld,
// not upheld) per service.
//
// Small counts are suppressed as in published tables, so that no
// complainant can be identified. A row's Disclosure, when the caller
// sets it (report/layout does, to hide exactly what the paper's
// by-service table hides), decides what is shown; otherwise, with
// SuppressBelow k, a count from 1 to k-1 is "small" and:
//   - a row whose total is small shows "<k" and no bar;
//   - in any other row, each small count is withheld, and so is the
//     smallest other non-zero count until at least two are withheld and
//     they add up to k or more (secondary suppression: the total is shown,
//     so a single withheld count could be worked out). The withheld counts
//     are drawn together as one grey, hatched "withheld" segment; the
//     table shows small counts as "<k" and the others withheld as "*".
//   - rows with a small total are listed last, by name, whatever the sort,
//     so their order reveals nothing either.
type Stacked struct {
	// Title is drawn at the top of the chart; empty draws none.
	Title string
	// Subject names what is counted, for the alternative text: "stage 1
	// complaint outcomes by service, 2020/21".
	Subject string
	// Parts name the parts, in stacking order: "Upheld", "Partially
	// upheld", "Not upheld".
	Parts []string
	Rows  []StackRow
	// SuppressBelow is k above; zero or one suppresses nothing.
	SuppressBelow int
	// Withheld, when set, is the one mark printed for every withheld
	// count and total, small or not ("[c]"), so that the mark does not
	// tell which count is the small one; empty keeps "<k" and "*".
	Withheld string
	// Sort orders rows by their totals (or names).
	Sort Sort
	// CategoryName heads the table's first column: "Service". Axis titles
	// the scale: "Complaints".
	CategoryName, Axis string
	Palette            Palette
	// Typeface is the house style's font for the chart's text; nil is
	// Liberation Sans.
	Typeface *canvas.Typeface
	// Width is the printed width in millimetres; zero means DefaultWidth.
	Width float64
}

// cellState says how one count is published.
type cellState int

const (
	shown     cellState = iota
	small               // 1..k-1: "<k"
	secondary           // withheld so that a small count cannot be worked out: "*"
)

// stackRow is a row with its suppression worked out.
type stackRow struct {
	StackRow
	total      int
	smallTotal bool
	state      []cellState
	// heldSum: the withheld parts may be drawn as one segment; showTotal:
	// the total may be printed.
	heldSum, showTotal bool
}

func (s *Stacked) isSmall(n int) bool { return s.SuppressBelow > 1 && n > 0 && n < s.SuppressBelow }

// rows applies suppression and the sort.
func (s *Stacked) rows() []stackRow {
	out := make([]stackRow, 0, len(s.Rows))
	for _, r := range s.Rows {
		sr := stackRow{StackRow: r, state: make([]cellState, len(r.Counts)), heldSum: true, showTotal: true}
		for _, n := range r.Counts {
			sr.total += n
		}
		if d := r.Disclosure; d != nil {
			sr.smallTotal = d.SmallRow
			sr.heldSum, sr.showTotal = d.HiddenSum, d.Total
			for j := range sr.state {
				switch {
				case j < len(d.Hidden) && d.Hidden[j] && j < len(d.Small) && d.Small[j]:
					sr.state[j] = small
				case j < len(d.Hidden) && d.Hidden[j]:
					sr.state[j] = secondary
				}
			}
			out = append(out, sr)
			continue
		}
		sr.smallTotal = s.isSmall(sr.total)
		if !sr.smallTotal {
			withheld, sum := 0, 0
			for i, n := range r.Counts {
				if s.isSmall(n) {
					sr.state[i] = small
					withheld++
					sum += n
				}
			}
			for withheld > 0 && (withheld < 2 || sum < s.SuppressBelow) {
				// Withhold the smallest count still shown (non-zero).
				j := -1
				for i, n := range r.Counts {
					if sr.state[i] == shown && n > 0 && (j < 0 || n < r.Counts[j]) {
						j = i
					}
				}
				if j < 0 {
					break
				}
				sr.state[j] = secondary
				withheld++
				sum += r.Counts[j]
			}
		}
		out = append(out, sr)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		switch {
		case a.smallTotal != b.smallTotal:
			return !a.smallTotal
		case a.smallTotal:
			return a.Label < b.Label
		case s.Sort == AsGiven:
			return false
		case s.Sort == Ascending && a.published() != b.published():
			return a.published() < b.published()
		case s.Sort == Descending && a.published() != b.published():
			return a.published() > b.published()
		}
		return a.Label < b.Label
	})
	return out
}

// published is the row's total as far as it is published: the total, or
// when that is withheld what is drawn, so that the order of rows reveals
// nothing more than the chart shows.
func (r stackRow) published() int {
	if r.showTotal {
		return r.total
	}
	n := 0
	for j, c := range r.Counts {
		if r.state[j] == shown || r.heldSum {
			n += c
		}
	}
	return n
}

// Check reports what makes the chart undrawable.
func (s *Stacked) Check() error {
	if len(s.Parts) == 0 {
		return fmt.Errorf("charts: a stacked chart needs parts")
	}
	if len(s.Rows) == 0 {
		return fmt.Errorf("%w: no rows", ErrEmpty)
	}
	total := 0
	for _, r := range s.Rows {
		if len(r.Counts) != len(s.Parts) {
			return fmt.Errorf("charts: %s has %d counts for %d parts", r.Label, len(r.Counts), len(s.Parts))
		}
		for _, n := range r.Counts {
			if n < 0 {
				return fmt.Errorf("charts: %s: counts must be zero or more", r.Label)
			}
			total += n
		}
	}
	if total == 0 {
		return fmt.Errorf("%w: every count is zero", ErrEmpty)
	}
	return nil
}

// partStyle is part i's fill: the palette in order, the second part
// hatched so neighbouring parts differ in pattern as well as colour.
func (s *Stacked) partStyle(i int) bar {
	return bar{fill: s.Palette.at(i), hatched: i%2 == 1}
}

// drawsWithheld reports whether a grey "withheld" segment is drawn.
func (s *Stacked) drawsWithheld(rows []stackRow) bool {
	for _, r := range rows {
		if r.smallTotal || !r.heldSum {
			continue
		}
		for j, st := range r.state {
			if st != shown && r.Counts[j] > 0 {
				return true
			}
		}
	}
	return false
}

// hasWithheld reports whether any figure is withheld.
func (s *Stacked) hasWithheld(rows []stackRow) bool {
	for _, r := range rows {
		if r.smallTotal || !r.showTotal {
			return true
		}
		for _, st := range r.state {
			if st != shown {
				return true
			}
		}
	}
	return false
}

func (s *Stacked) spec() (hspec, []stackRow) {
	rows := s.rows()
	sp := hspec{tf: s.Typeface, title: s.Title, width: s.Width, minRow: mm(7), axis: true, axisTitle: s.Axis}
	for i, p := range s.Parts {
		st := s.partStyle(i)
		sp.legend = append(sp.legend, legendItem{label: p, fill: st.fill, hatched: st.hatched})
	}
	if s.drawsWithheld(rows) {
		sp.legend = append(sp.legend, legendItem{label: "Withheld (small numbers)", fill: withheld, hatched: true})
	}
	if s.hasWithheld(rows) {
		sp.legend = append(sp.legend, legendItem{label: s.marksLegend(), plain: true})
	}
	label := textFont(s.Typeface, labelSize)
	lb := label
	lb.bold = true
	m := 0
	for _, r := range rows {
		sp.labels = append(sp.labels, r.Label)
		sp.valueW = math.Max(sp.valueW, lb.width(s.totalText(r))+mm(2))
		if !r.smallTotal {
			m = max(m, r.total)
		}
	}
	sp.scale = niceScale(float64(m), 0, true)
	return sp, rows
}

// marksLegend explains the marks in the legend.
func (s *Stacked) marksLegend() string {
	if s.Withheld != "" {
		return s.Withheld + ": withheld, so that no one can be identified"
	}
	return fmt.Sprintf("<%d or *: not shown, so that no one can be identified", s.SuppressBelow)
}

func (s *Stacked) totalText(r stackRow) string {
	switch {
	case s.Withheld != "" && (r.smallTotal || !r.showTotal):
		return s.Withheld
	case r.smallTotal:
		return "<" + strconv.Itoa(s.SuppressBelow)
	case !r.showTotal:
		return "*"
	}
	return FormatCount(float64(r.total))
}

// Size is the chart's printed size in millimetres: its width, and the
// height that follows from the number of rows and their labels.
func (s *Stacked) Size() (w, h float64) {
	sp, _ := s.spec()
	return printedWidth(s.Width), newHframe(sp).h
}

// Draw draws the chart on c.
func (s *Stacked) Draw(c canvas.Canvas) error {
	if err := s.Check(); err != nil {
		return err
	}
	sp, rows := s.spec()
	f := newHframe(sp)
	cv := newCanvas(c, f.w, f.h)
	f.drawFrame(cv, s.Title, nil, Count, true)
	label := textFont(s.Typeface, labelSize)
	for i, row := range rows {
		mid := f.mid(i)
		th := math.Min(f.rowH[i]*0.72, mm(5.5))
		x, cum := f.plot.x0, 0
		if !row.smallTotal {
			type seg struct {
				n   int
				st  bar
				box rect
			}
			var segs []seg
			held := 0
			for j, n := range row.Counts {
				if row.state[j] != shown {
					held += n
					continue
				}
				if n == 0 {
					continue
				}
				cum += n
				x1 := f.x(float64(cum))
				segs = append(segs, seg{n, s.partStyle(j), rect{x, mid - th/2, x1, mid + th/2}})
				x = x1
			}
			if held > 0 && row.heldSum {
				cum += held
				x1 := f.x(float64(cum))
				segs = append(segs, seg{0, bar{fill: withheld, hatched: true}, rect{x, mid - th/2, x1, mid + th/2}})
				x = x1
			}
			for _, sg := range segs {
				cv.rect(sg.box, sg.st.fill, axisInk, mm(0.2))
				if sg.st.hatched {
					cv.hatch(sg.box.grow(-mm(0.15)), textOnHatch(sg.st.fill))
				}
			}
			// Counts inside their segments where they fit, on a plain
			// patch of the segment's colour over any hatching.
			for _, sg := range segs {
				if sg.n == 0 {
					continue
				}
				t := FormatCount(float64(sg.n))
				lf := label
				lf.color = textOn(sg.st.fill)
				box := textBox(t, lf, (sg.box.x0+sg.box.x1)/2, mid+lf.cap()/2, center)
				if box.w()+mm(1.6) > sg.box.w() || lf.cap()+mm(1.2) > sg.box.h() {
					continue
				}
				if sg.st.hatched {
					cv.rect(rect{box.x0 - mm(1), box.y0 - mm(0.5), box.x1 + mm(1), box.y1 + mm(0.3)}, sg.st.fill, canvas.Color{}, 0)
				}
				cv.text(t, lf, (sg.box.x0+sg.box.x1)/2, mid+lf.cap()/2, center)
			}
		}
		lf := label
		lf.bold = true
		// On a white halo, clear of the gridlines.
		cv.halo(textBox(s.totalText(row), lf, x+mm(1.5), mid+lf.cap()/2, left))
		cv.text(s.totalText(row), lf, x+mm(1.5), mid+lf.cap()/2, left)
	}
	return nil
}

// cellText is how count j of a row is published.
func (s *Stacked) cellText(r stackRow, j int) string {
	switch {
	case s.Withheld != "" && r.state[j] != shown:
		return s.Withheld
	case r.smallTotal && r.Disclosure == nil:
		return "*"
	case r.state[j] == small:
		return "<" + strconv.Itoa(s.SuppressBelow)
	case r.state[j] == secondary:
		return "*"
	}
	return FormatCount(float64(r.Counts[j]))
}

// cellWords is cellText for the alternative text, in words.
func (s *Stacked) cellWords(r stackRow, j int) string {
	switch {
	case s.Withheld != "" && r.state[j] != shown:
		return "withheld"
	case r.state[j] == small:
		return "fewer than " + strconv.Itoa(s.SuppressBelow)
	case r.state[j] == secondary:
		return "withheld"
	}
	return FormatCount(float64(r.Counts[j]))
}

// Alt is the alternative text: each row's total and parts, as published.
func (s *Stacked) Alt() string {
	var b strings.Builder
	b.WriteString("Stacked bar chart: ")
	b.WriteString(s.Subject)
	b.WriteString(":")
	rows := s.rows()
	for i, r := range rows {
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " %s ", r.Label)
		if r.smallTotal {
			fmt.Fprintf(&b, "fewer than %d", s.SuppressBelow)
			continue
		}
		if r.showTotal {
			b.WriteString(FormatCount(float64(r.total)))
			b.WriteString(" ")
		}
		b.WriteString("(")
		for j, p := range s.Parts {
			if j > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s %s", lowerFirst(p), s.cellWords(r, j))
		}
		b.WriteString(")")
	}
	b.WriteString(".")
	switch {
	case s.hasWithheld(rows) && s.Withheld != "":
		b.WriteString(" Counts that could identify someone, and any that would reveal them, are withheld.")
	case s.hasWithheld(rows):
		fmt.Fprintf(&b, " Counts below %d, and any that would reveal them, are withheld.", s.SuppressBelow)
	}
	return b.String()
}

// Table returns the rows as a table with a Total column, suppressed as in
// the chart ("<k" for a small count, "*" for one withheld to protect it).
func (s *Stacked) Table() *doc.Table {
	t := countTable(orDefault(s.CategoryName, "Category"), 2, s.Parts, 1)
	rows := s.rows()
	for _, r := range rows {
		row := []doc.Cell{cell(r.Label)}
		for j := range s.Parts {
			row = append(row, cell(s.cellText(r, j)))
		}
		row = append(row, cell(s.totalText(r)))
		t.Rows = append(t.Rows, row)
	}
	if s.hasWithheld(rows) {
		note := fmt.Sprintf("<%d: fewer than %d. *: withheld so that a small number cannot be worked out.", s.SuppressBelow, s.SuppressBelow)
		if s.Withheld != "" {
			note = fmt.Sprintf("%s: withheld so that no one can be identified: a count from 1 to %d, or one that would reveal such a count.", s.Withheld, s.SuppressBelow-1)
		}
		t.Rows = append(t.Rows, []doc.Cell{{Span: len(s.Parts) + 2, Content: []doc.Inline{{Text: note, Italic: true}}}})
	}
	return t
}

// countTable starts the data table of a chart of counts: a first column
// naming the rows (of relative width first), a column per part, then a
// Total column (of width total), right-aligned.
func countTable(name string, first float64, parts []string, total float64) *doc.Table {
	t := &doc.Table{Kind: doc.Grid, Columns: []doc.Column{{Width: first}}}
	header := []doc.Cell{cell(name)}
	for _, p := range parts {
		t.Columns = append(t.Columns, doc.Column{Width: 1, Align: doc.Right})
		header = append(header, cell(p))
	}
	t.Columns = append(t.Columns, doc.Column{Width: total, Align: doc.Right})
	t.Header = [][]doc.Cell{append(header, cell("Total"))}
	return t
}
