package pack

import (
	"fmt"

	"github.com/paperhq/paper/report/agenda"
	"github.com/paperhq/paper/report/diag"
)

// maxHiddenReported bounds the findings listed for one file; the rest
// are counted in one line.
const maxHiddenReported = 20

// hiddenText reports the text an item's outside PDFs paint that a reader
// cannot see (hiddentext.Scan ran when each was read): a failed
// redaction must not reach the public pack. For a PDF that goes into the
// public pack (a public pdf item, a public appendix of a Part I paper)
// each finding is an error, unless the item says allow_hidden_text: true
// because a person has checked the text is fit to publish; then, and for
// PDFs only the exempt pack holds, each is a warning. Paper's own papers
// are not scanned: their layout never hides text.
func (x *item) hiddenText(a *agenda.Agenda, at string, it agenda.Item, errs *diag.List) {
	type file struct {
		src    *source
		key    string // where the item names it, for the position
		name   string
		public bool
	}
	var files []file
	if x.pdf != nil {
		files = append(files, file{x.pdf, at + ".pdf", it.PDF, x.exemption == ""})
	}
	for _, ap := range x.appendices {
		files = append(files, file{ap.file, at + ".report", ap.name, x.exemption == "" && ap.exemption == ""})
	}
	field := fmt.Sprintf("%s (%s)", at, x.title)
	if x.title == "" {
		field = at
	}
	found := false
	for _, f := range files {
		if f.public && (f.src.hiddenErr != nil || len(f.src.hidden) > 0) {
			found = true
		}
	}
	if it.AllowHiddenText && !found && len(files) > 0 {
		a.Warnf(errs, at+".allow_hidden_text", "%s: no hidden text was found in what this item publishes; remove allow_hidden_text so that the next version of the file is checked", x.name())
	}
	for _, f := range files {
		p := a.Pos.At(f.key)
		report := errs.Errorf
		suffix := ""
		if !f.public || it.AllowHiddenText {
			report = errs.Warnf
			if f.public {
				suffix = " (allowed by allow_hidden_text)"
			} else {
				suffix = " (in the exempt pack only)"
			}
		}
		if err := f.src.hiddenErr; err != nil {
			report(a.File, p.Line, p.Col, field, "%s cannot be checked for text a reader cannot see: %v; if a person has checked it, say allow_hidden_text: true%s", f.name, err, suffix)
			continue
		}
		for i, h := range f.src.hidden {
			if i == maxHiddenReported {
				report(a.File, p.Line, p.Col, field, "%s: %d more hidden texts%s", f.name, len(f.src.hidden)-i, suffix)
				break
			}
			report(a.File, p.Line, p.Col, field, "%s %s%s", f.name, h, suffix)
		}
		if len(f.src.hidden) > 0 && suffix == "" {
			errs.Errorf(a.File, p.Line, p.Col, field, "%s: remove hidden text from the source document and make the PDF again (covering text does not remove it); "+
				"if a person has checked that all of it may be published, add allow_hidden_text: true to the item", f.name)
		}
	}
}
