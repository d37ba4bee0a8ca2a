package pdf

import (
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/doc"
)

// furniture draws what every page carries, once the page count is known:
// the protective marking top and bottom, the running title from page 2,
// the exempt stamp, the DRAFT marking and watermark, and the page number.
func (w *writer) furniture() {
	f := w.f
	pages := f.PageCount()
	first := w.d.Page.FirstNumber
	if first <= 0 {
		first = 1
	}
	small := w.style.SmallSize
	for p := 1; p <= pages; p++ {
		f.SetPage(p)
		// A page's content stream starts with no font: force the first
		// font selection on this page to be written.
		w.curFam, w.curStyle, w.curSize = "", "", 0
		w.curColor = [3]int{-1, -1, -1}
		fam, st := w.body.regular()
		w.useFont(fam, st)
		w.f.SetFont(fam, st, small+0.5)
		if w.d.Page.Draft != "" {
			w.artifact("Pagination", "Watermark", w.watermark)
		}
		pg := w.d.Page
		if pg.Marking != "" {
			w.artifact("Pagination", "Header", func() { w.centred(pg.Marking, "B", small, 7) })
			w.artifact("Pagination", "Footer", func() { w.centred(pg.Marking, "B", small, pageH-9) })
		}
		if pg.Stamp != "" {
			// Real content on the first page, read first; furniture on
			// the others.
			stamp := func() {
				w.y = stampTop
				w.text(w.body, doc.Plain(pg.Stamp), "B", w.stampSize, w.left, w.right-w.left, doc.Center, [3]int{170, 0, 0})
			}
			if p == 1 {
				w.resume(w.stamp)
				stamp()
				w.end()
			} else {
				w.artifact("Pagination", "Header", stamp)
			}
		}
		if mark := clean(pg.Draft); mark != "" {
			w.artifact("Pagination", "Header", func() {
				w.setTextColor([3]int{170, 0, 0})
				w.textAt(mark, "B", small, w.right-textWidth(w.body, mark, "B", small), 7+small*ptToMM*0.93)
			})
		}
		if p > 1 && pg.RunningTitle != "" {
			w.artifact("Pagination", "Header", func() {
				w.setTextColor(w.muted)
				w.textAt(fitText(w.body, clean(pg.RunningTitle), small, w.right-w.left), "", small, w.left, 11.5+small*ptToMM*0.93)
			})
		}
		label := strings.NewReplacer(doc.PageField, strconv.Itoa(first+p-1), doc.PagesField, strconv.Itoa(first+pages-1)).Replace(clean(pg.Number))
		if label != "" {
			w.artifact("Pagination", "Footer", func() {
				w.setTextColor(w.ink)
				w.textAt(label, "", small, w.right-textWidth(w.body, label, "", small), pageH-9+small*ptToMM*0.93)
			})
		}
	}
}

// centred draws one line of text centred on the page with its top at y.
func (w *writer) centred(s, style string, size, y float64) {
	s = clean(s)
	x := (pageW - textWidth(w.body, s, style, size)) / 2
	w.y = y
	w.drawLine(line{spans: spans(s, textStyle{style: style, size: size, face: w.body}), w: textWidth(w.body, s, style, size)}, x, y, size, w.ink)
}

// watermark draws the draft's mark (DRAFT) light and diagonal across the
// page, translucent so the text beneath stays readable.
func (w *writer) watermark() {
	f := w.f
	size := 110.0
	f.SetAlpha(0.12, "Normal")
	mark := clean(w.d.Page.Draft)
	sps := spans(mark, textStyle{style: "B", size: size, face: w.body})
	if len(sps) > 0 {
		// Set outside the transformation, whose Q would undo it.
		w.setFont(sps[0].family, sps[0].style, size)
	}
	w.setTextColor([3]int{120, 120, 120})
	tw := textWidth(w.body, mark, "B", size)
	cx, cy := pageW/2, pageH/2
	f.TransformBegin()
	f.TransformRotate(55, cx, cy)
	w.textAt(mark, "B", size, cx-tw/2, cy+size*ptToMM*0.35)
	f.TransformEnd()
	if len(sps) > 1 {
		// A font set inside was undone by Q: set the next one again.
		w.curFam = ""
	}
	f.SetAlpha(1, "Normal")
}

// fitText shortens s with an ellipsis to fit width mm on one line.
func fitText(fc *face, s string, size, width float64) string {
	if textWidth(fc, s, "", size) <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 && textWidth(fc, string(r)+"…", "", size) > width {
		r = r[:len(r)-1]
	}
	return string(r) + "…"
}
