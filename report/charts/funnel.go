package charts

import (
	"fmt"
	"math"
	"strings"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/format"
)

// Step is one stage of a funnel.
type Step struct {
	// Label names the stage beside its bar: "Stage 1", "Ombudsman".
	Label string
	Count float64
	// Rate is the share of the previous stage that reached this one (the
	// escalation rate); undefined for the first stage.
	Rate Value
	// Into names the stage in a sentence: "stage 2", "the Ombudsman".
	Into string
}

// Funnel shows how many cases reach each stage: centred bars whose widths
// are proportional to the counts, with the escalation rate from each
// stage to the next written between them. It draws the "funnel" chart:
// stage 1 -> stage 2 -> Ombudsman.
type Funnel struct {
	// Title is drawn at the top of the chart; empty draws none.
	Title string
	// Subject names what flows, for the alternative text: "complaints
	// received in 2020/21".
	Subject string
	Steps   []Step
	// Precision is the decimals of the escalation rates, the paper's.
	Precision format.Precision
	// CategoryName heads the table's first column: "Stage".
	CategoryName string
	// CountName and RateName head the table's figures: "Received",
	// "Escalation rate".
	CountName, RateName string
	Palette             Palette
	// Typeface is the house style's font for the chart's text; nil is
	// Liberation Sans.
	Typeface *canvas.Typeface
	// Width is the printed width in millimetres; zero means DefaultWidth.
	Width float64
}

// Check reports what makes the chart undrawable.
func (fu *Funnel) Check() error {
	if len(fu.Steps) == 0 {
		return fmt.Errorf("%w: no stages", ErrEmpty)
	}
	for _, s := range fu.Steps {
		if s.Count < 0 || math.IsNaN(s.Count) || math.IsInf(s.Count, 0) {
			return fmt.Errorf("charts: %s: counts must be zero or more", s.Label)
		}
	}
	if !(fu.Steps[0].Count > 0) {
		return fmt.Errorf("%w: nothing entered the first stage (%s)", ErrEmpty, fu.Steps[0].Label)
	}
	return nil
}

// Funnel geometry.
var (
	funnelRow = mm(8.5)
	funnelGap = mm(8)
)

func (fu *Funnel) spec() hspec {
	sp := hspec{tf: fu.Typeface, title: fu.Title, width: fu.Width, minRow: funnelRow}
	for _, s := range fu.Steps {
		sp.labels = append(sp.labels, s.Label)
	}
	return sp
}

// funnelFrame is the funnel's layout: the horizontal frame with a gap
// opened between rows for the escalation labels, wrapped to fit.
type funnelFrame struct {
	hframe
	rates [][]string // escalation label lines before row i (none for row 0)
	cx    float64    // the centre line of the bars
}

func (fu *Funnel) frame() funnelFrame {
	f := funnelFrame{hframe: newHframe(fu.spec())}
	f.plot.x1 = f.w - f.pad
	f.cx = (f.plot.x0 + f.plot.x1) / 2
	label := textFont(fu.Typeface, labelSize)
	avail := f.w - f.pad - (f.cx + mm(3))
	// A word too long for the room right of the centre moves the centre
	// line left.
	for i := 1; i < len(fu.Steps); i++ {
		for _, w := range strings.Fields(fu.rateText(i)) {
			if ww := label.width(w); ww > avail {
				// Never further left than leaves room for a bar and its
				// count; a word longer still is shortened.
				f.cx = math.Max(f.cx-(ww-avail), f.plot.x0+f.plot.w()/4)
				avail = f.w - f.pad - (f.cx + mm(3))
			}
		}
	}
	f.rates = make([][]string, len(f.rowTop))
	shift := 0.0
	for i := range f.rowTop {
		if i > 0 {
			f.rates[i] = wrapText(fu.rateText(i), label, avail, 0)
			for j, ln := range f.rates[i] {
				f.rates[i][j] = fit(ln, label, avail)
			}
			shift += math.Max(funnelGap, float64(len(f.rates[i]))*label.line()+mm(2))
		}
		f.rowTop[i] += shift
	}
	f.plot.y1 += shift
	f.h += shift
	return f
}

// Size is the chart's printed size in millimetres: its width, and the
// height that follows from the number of stages.
func (fu *Funnel) Size() (w, h float64) {
	f := fu.frame()
	return f.w, f.h
}

// rateText is the sentence between stage i-1 and stage i.
func (fu *Funnel) rateText(i int) string {
	s := fu.Steps[i]
	into := orDefault(s.Into, s.Label)
	if !s.Rate.OK {
		return "Escalation to " + into + ": no rate"
	}
	return fmt.Sprintf("%s escalated to %s", format.PercentFloat(s.Rate.V, fu.Precision.Digits()), into)
}

// Draw draws the chart on c.
func (fu *Funnel) Draw(c canvas.Canvas) error {
	if err := fu.Check(); err != nil {
		return err
	}
	f := fu.frame()
	cv := newCanvas(c, f.w, f.h)
	f.drawFrame(cv, fu.Title, nil, Count, false)
	label := textFont(fu.Typeface, labelSize)
	lb := label
	lb.bold = true
	fill := fu.Palette.at(0)
	// Bars are centred in the plot; the widest leaves room either side
	// for a count written beside a narrow bar.
	maxCount := 0.0
	countW := 0.0
	for _, s := range fu.Steps {
		maxCount = math.Max(maxCount, s.Count)
		countW = math.Max(countW, lb.width(FormatCount(s.Count)))
	}
	cx := f.cx
	full := math.Max(mm(10), 2*math.Min(cx-f.plot.x0, f.plot.x1-cx)-2*(countW+mm(3)))
	for i, s := range fu.Steps {
		mid := f.mid(i)
		th := mm(6.5)
		bw := math.Max(s.Count/maxCount*full, mm(0.8))
		if s.Count == 0 {
			bw = 0
		}
		box := rect{cx - bw/2, mid - th/2, cx + bw/2, mid + th/2}
		if bw > 0 {
			cv.rect(box, fill, axisInk, mm(0.2))
		}
		t := FormatCount(s.Count)
		in := textBox(t, lb, cx, mid+lb.cap()/2, center)
		if in.grow(mm(1)).inside(box) {
			f := lb
			f.color = textOn(fill)
			cv.text(t, f, cx, mid+lb.cap()/2, center)
		} else {
			// Beside the bar: right, else left, else as near the centre
			// as the chart's edges allow.
			base := mid + lb.cap()/2
			w := lb.width(t)
			switch {
			case box.x1+mm(1.5)+w <= f.w-f.pad:
				cv.text(t, lb, box.x1+mm(1.5), base, left)
			case box.x0-mm(1.5)-w >= f.plot.x0:
				cv.text(t, lb, box.x0-mm(1.5), base, right)
			default:
				x := math.Max(f.plot.x0, math.Min(cx-w/2, f.w-f.pad-w))
				cv.halo(textBox(t, lb, x, base, left))
				cv.text(t, lb, x, base, left)
			}
		}
		if i == 0 {
			continue
		}
		// The escalation between the rows: an arrow down the centre and
		// the rate beside it.
		top, bottom := f.rowTop[i-1]+f.rowH[i-1]/2+th/2+mm(0.8), box.y0-mm(0.8)
		ax := cx
		cv.line(ax, top, ax, bottom-mm(1.6), axisInk, mm(0.35))
		cv.polygon([][2]float64{{ax - mm(1.2), bottom - mm(1.8)}, {ax + mm(1.2), bottom - mm(1.8)}, {ax, bottom}}, axisInk)
		lines := f.rates[i]
		first := (top+bottom)/2 - float64(len(lines)-1)*label.line()/2 + label.cap()/2
		for j, ln := range lines {
			cv.text(ln, label, ax+mm(3), first+float64(j)*label.line(), left)
		}
	}
	return nil
}

// Alt is the alternative text: each stage's count and the share of the
// stage before that reached it.
func (fu *Funnel) Alt() string {
	var b strings.Builder
	b.WriteString("Funnel chart: ")
	b.WriteString(fu.Subject)
	b.WriteString(":")
	for i, s := range fu.Steps {
		if i > 0 {
			b.WriteString(";")
		}
		fmt.Fprintf(&b, " %s %s", s.Label, FormatCount(s.Count))
		if i > 0 {
			prev := fu.Steps[i-1]
			if s.Rate.OK {
				fmt.Fprintf(&b, " (%s of %s)", format.PercentFloat(s.Rate.V, fu.Precision.Digits()), lowerFirst(prev.Label))
			}
		}
	}
	b.WriteString(".")
	return b.String()
}

// Table returns the stages with their counts and escalation rates.
func (fu *Funnel) Table() *doc.Table {
	t := &doc.Table{Kind: doc.Grid,
		Columns: []doc.Column{{Width: 2}, {Width: 1, Align: doc.Right}, {Width: 1, Align: doc.Right}},
		Header: [][]doc.Cell{{cell(orDefault(fu.CategoryName, "Stage")), cell(orDefault(fu.CountName, "Count")),
			cell(orDefault(fu.RateName, "Share of the stage before"))}},
	}
	for i, s := range fu.Steps {
		rate := ""
		switch {
		case i == 0:
			rate = "–"
		case s.Rate.OK:
			rate = format.PercentFloat(s.Rate.V, fu.Precision.Digits())
		default:
			rate = "no figure"
		}
		t.Rows = append(t.Rows, []doc.Cell{cell(s.Label), cell(FormatCount(s.Count)), cell(rate)})
	}
	return t
}
