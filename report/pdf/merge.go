package pdf

import (
	"time"

	"github.com/paperhq/paper/third_party/fpdf"
)

// For writers that merge the PDFs this package writes (the agenda pack):
// what a tagged PDF/UA-1 document's catalogue needs besides its pages, so
// that a merged document is tagged by the same rules as a paper.

// Metadata says what a merged document's XMP metadata holds.
type Metadata struct {
	Title, Author, Subject, Lang string
	Date                         time.Time
}

// XMP returns the XMP metadata packet of a PDF/UA-1 document (dc:title,
// dc:creator, dc:description, dc:language, pdfuaid:part 1), written as
// the papers' is.
func XMP(m Metadata) []byte {
	return []byte(fpdf.XMPMetadata(fpdf.XMPInfo{
		Title: m.Title, Author: m.Author, Subject: m.Subject, Lang: m.Lang,
		Creator: "paper", Producer: "paper", Created: m.Date.UTC(), Modified: m.Date.UTC(),
	}))
}

// StandardRole reports whether role is a standard structure type of PDF
// 1.7: a merged document maps any other role onto one in its RoleMap.
func StandardRole(role string) bool { return fpdf.StandardRole(role) }
