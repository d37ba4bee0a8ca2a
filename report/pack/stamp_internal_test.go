package pack

import (
	"testing"

	"github.com/paperhq/paper/report/doc"
)

// TestPackDocStampRoom: a paper keeps its own top margin in the packs
// when the stamp fits in it, and gets stampRoom more, in both packs,
// only when the meeting has an exempt pack and the margin is too shallow;
// wherever it ends up, the stamp's first line is above the classification
// marking and its second below the running title and above the body.
func TestPackDocStampRoom(t *testing.T) {
	shallow := doc.DefaultStyle()
	shallow.Margins[0] = 16
	deep := doc.DefaultStyle()
	deep.Margins[0] = 30
	large := doc.DefaultStyle()
	large.SmallSize = 11
	for _, tc := range []struct {
		name    string
		style   doc.Style
		stamped bool
		top     float64 // the paper's top margin in the packs
	}{
		{"default style, exempt pack", doc.DefaultStyle(), true, 20},
		{"default style, no exempt pack", doc.DefaultStyle(), false, 20},
		{"shallow margin, exempt pack", shallow, true, 16 + stampRoom},
		{"shallow margin, no exempt pack", shallow, false, 16},
		{"deep margin, exempt pack", deep, true, 30},
		{"large small size, exempt pack", large, true, 20 + stampRoom},
		{"no style (report/pdf's default)", doc.Style{}, true, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := &doc.Document{Style: tc.style, Page: doc.Page{Stamp: "NOT FOR PUBLICATION", Draft: "DRAFT", Number: "Page {PAGE}"}}
			c := packDoc(d, tc.stamped)
			if got := c.Style.Margins[0]; got != tc.top {
				t.Errorf("top margin %g mm, want %g", got, tc.top)
			}
			if d.Style.Margins[0] != tc.style.Margins[0] || d.Page.Stamp == "" {
				t.Errorf("packDoc changed the paper's own document")
			}
			if c.Page.Stamp != "" || c.Page.Draft != "" || c.Page.Number != "" {
				t.Errorf("the pack's copy keeps the paper's own stamp, draft mark or page number: %+v", c.Page)
			}
			if !tc.stamped {
				return
			}
			st := c.Style
			if st.BodySize == 0 {
				st = doc.DefaultStyle()
			}
			first, second, fits := stampPlace(st)
			if !fits {
				t.Fatalf("the stamp does not fit in the pack's copy (top margin %g mm)", st.Margins[0])
			}
			mmOf := func(pt float64) float64 { return pt * ptMM }
			s1, s2, small := mmOf(st.SmallSize+1), mmOf(st.SmallSize-1), mmOf(st.SmallSize)
			if bottom := first + fontDescent*s1; bottom > markingTop {
				t.Errorf("NOT FOR PUBLICATION reaches %.2f mm, into the marking at %g mm", bottom, markingTop)
			}
			if top := first - fontAscent*s1; top < 2 {
				t.Errorf("NOT FOR PUBLICATION starts %.2f mm from the page's edge", top)
			}
			if top := second - fontAscent*s2; top < runningTop+(lineBase+fontDescent)*small {
				t.Errorf("the stamp's second line (from %.2f mm) overlaps the running title", top)
			}
			if bottom := second + fontDescent*s2; bottom > st.Margins[0] {
				t.Errorf("the stamp's second line reaches %.2f mm, below the body's top at %g mm", bottom, st.Margins[0])
			}
		})
	}
}
