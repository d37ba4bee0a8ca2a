package hiddentext_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"github.com/paperhq/paper/report/hiddentext"
)

// A name in the minutes painted over with a black box, instead of
// removed: the box hides it on the page, but it is still in the file.
func ExampleScan() {
	model.ConfigPath = "disable"
	data, err := os.ReadFile(filepath.Join("..", "..", "fixtures", "hostile", "hidden-black-box.pdf"))
	if err != nil {
		panic(err)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		panic(err)
	}
	if err := validate.XRefTable(ctx); err != nil {
		panic(err)
	}
	findings, err := hiddentext.Scan(ctx)
	if err != nil {
		panic(err)
	}
	for _, f := range findings {
		fmt.Println(f)
		fmt.Printf("at x %.0f to %.0f, y %.0f to %.0f\n", f.Box[0], f.Box[2], f.Box[1], f.Box[3])
	}
	// Output:
	// page 1: text under an opaque box drawn over it: "HIDDEN-BOX Mrs J Smith, 14 Acacia Avenue"
	// at x 146 to 391, y 598 to 609
}
