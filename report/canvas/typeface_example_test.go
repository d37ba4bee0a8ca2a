package canvas_test

import (
	"fmt"

	"github.com/go-fonts/liberation/liberationserifbold"
	"github.com/go-fonts/liberation/liberationserifregular"

	"github.com/paperhq/paper/report/canvas"
)

// A house style's typeface: text measured in it, and the font-family
// list an SVG names it by.
func ExampleNewTypeface() {
	tf, err := canvas.NewTypeface("Liberation Serif", liberationserifregular.TTF, liberationserifbold.TTF)
	if err != nil {
		fmt.Println(err)
		return
	}
	serif := canvas.Font{Size: 10, Typeface: tf}
	sans := canvas.Font{Size: 10}
	fmt.Printf("%.2f mm in Liberation Serif, %.2f mm in Liberation Sans\n", serif.Width("Kingsbridge"), sans.Width("Kingsbridge"))
	fmt.Println(serif.Stack())
	// Output:
	// 17.44 mm in Liberation Serif, 18.63 mm in Liberation Sans
	// 'Liberation Serif', 'Times New Roman', 'Times', serif
}
