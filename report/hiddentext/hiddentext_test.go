package hiddentext

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/validate"

	"github.com/paperhq/paper/report/internal/hostile"
)

func init() { model.ConfigPath = "disable" }

// read parses a PDF as the pack does: relaxed validation.
func read(t testing.TB, data []byte) *model.Context {
	t.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	ctx, err := pdfcpu.Read(bytes.NewReader(data), conf)
	if err != nil {
		t.Fatalf("read: %v", err)
	}
	// The pack sets the structure tree aside from validation (it
	// rebuilds it itself, bounded); pdfcpu refuses trees over 100 deep.
	if root, err := ctx.Catalog(); err == nil && root != nil {
		root.Delete("StructTreeRoot")
	}
	if err := validate.XRefTable(ctx); err != nil {
		t.Fatalf("validate: %v", err)
	}
	return ctx
}

// TestHostileCases runs the detector over every case of the hostile-PDF
// catalogue: a case that hides text gives a finding saying how, with the
// hidden text's excerpt; no case gives a finding for text a reader sees.
func TestHostileCases(t *testing.T) {
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			fs, err := Scan(read(t, c.Build()))
			if err != nil {
				t.Fatalf("Scan: %v", err)
			}
			for _, f := range fs {
				for _, v := range c.Visible {
					if strings.Contains(v, f.Text) || strings.Contains(f.Text, v) {
						t.Errorf("visible text %q reported hidden: %s", v, f)
					}
				}
			}
			if c.Hidden == "" {
				if len(fs) > 0 {
					t.Errorf("findings in a file that hides nothing: %v", fs)
				}
				return
			}
			found := false
			for _, f := range fs {
				if strings.Contains(f.How, c.Hidden) && strings.HasPrefix(f.Text, c.HiddenText) && f.Page == 1 {
					found = true
				}
			}
			if !found {
				t.Errorf("no finding %q with text %q; got %v", c.Hidden, c.HiddenText, fs)
			}
		})
	}
}
