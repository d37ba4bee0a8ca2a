package canvas_test

import (
	"fmt"
	"os"

	"github.com/paperhq/paper/report/canvas"
	"github.com/paperhq/paper/report/canvas/svg"
)

// badge is a Drawing: a hatched box with a label, 16 × 6 mm.
type badge struct{ label string }

func (badge) Size() (w, h float64) { return 16, 6 }

func (b badge) Draw(c canvas.Canvas) error {
	box := &canvas.Path{}
	box.Rect(0.5, 0.5, 15.5, 5.5)
	c.Fill(box, canvas.RGB(0xE6, 0x9F, 0x00))
	c.Hatch(box, canvas.Hatch{Color: canvas.RGB(0x40, 0x40, 0x40), Gap: 3, Width: 0.5})
	c.Stroke(box, canvas.Pen{Color: canvas.RGB(0x40, 0x40, 0x40), Width: 0.2})
	f := canvas.Font{Size: 9, Bold: true}
	// Centre the label with the width the font measures, which every
	// backend draws it at.
	c.Text(b.label, f, 8-f.Width(b.label)/2, 3+f.Size*canvas.PtToMM*canvas.CapHeight/2, canvas.RGB(0x1A, 0x1A, 0x1A))
	return nil
}

// A drawing is written once against the canvas and drawn by any backend:
// here as SVG, the whole drawing one figure with alternative text.
func Example() {
	d := badge{"Own"}
	w, h := d.Size()
	fmt.Printf("%g × %g mm, label %.2f mm wide\n", w, h, canvas.Font{Size: 9, Bold: true}.Width(d.label))
	if err := svg.Write(os.Stdout, d, "Badge: own council"); err != nil {
		fmt.Println(err)
	}
	// Output:
	// 16 × 6 mm, label 6.88 mm wide
	// <?xml version="1.0" encoding="UTF-8"?>
	// <svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="16mm" height="6mm" viewBox="0 0 16 6">
	// <g><title>Badge: own council</title>
	// <path d="M0.5,0.5 L15.5,0.5 L15.5,5.5 L0.5,5.5 Z" fill="#e69f00"/>
	// <path d="M0.5,0.5 L1,0.5 L0.5,1 Z M0.5,3.5 L3.5,0.5 L4,0.5 L0.5,4 Z M1.5,5.5 L6.5,0.5 L7,0.5 L2,5.5 Z M4.5,5.5 L9.5,0.5 L10,0.5 L5,5.5 Z M7.5,5.5 L12.5,0.5 L13,0.5 L8,5.5 Z M10.5,5.5 L15.5,0.5 L15.5,1 L11,5.5 Z M13.5,5.5 L15.5,3.5 L15.5,4 L14,5.5 Z" fill="#404040"/>
	// <path d="M0.5,0.5 L15.5,0.5 L15.5,5.5 L0.5,5.5 Z" fill="none" stroke="#404040" stroke-width="0.2" stroke-linejoin="round"/>
	// <text x="4.561" y="4.157" font-family="Liberation Sans, Arial, Helvetica, sans-serif" font-size="3.175" font-weight="bold" fill="#1a1a1a" xml:space="preserve">Own</text>
	// </g>
	// </svg>
}
