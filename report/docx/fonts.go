package docx

import (
	"encoding/hex"
	"strings"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/fontinfo"
)

// fontDecl is one font of the font table.
type fontDecl struct {
	name   string
	panose string // 20 hexadecimal digits, empty when unknown
	family string // w:family: roman, swiss, modern, script or auto
	pitch  string // w:pitch: variable or fixed
}

// declare describes a house style's family for the font table, from its
// regular file's OS/2 and post tables. A family without a usable name is
// declared as fallback, the name the styles then use.
func declare(ff *doc.FontFamily, fallback string) fontDecl {
	name := strings.TrimSpace(clean(ff.Name))
	if name == "" {
		name = fallback
	}
	d := fontDecl{name: name, family: "auto", pitch: "variable"}
	in := fontinfo.Parse(ff.Regular)
	if in.HasOS2 && in.Panose != [10]byte{} {
		d.panose = strings.ToUpper(hex.EncodeToString(in.Panose[:]))
	}
	if in.FixedPitch {
		d.pitch = "fixed"
	}
	switch in.Generic(name) {
	case fontinfo.Serif:
		d.family = "roman"
	case fontinfo.SansSerif:
		d.family = "swiss"
	case fontinfo.Monospace:
		d.family = "modern"
	case fontinfo.Cursive:
		d.family = "script"
	}
	return d
}
