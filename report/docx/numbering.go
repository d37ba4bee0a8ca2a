package docx

import (
	"strconv"

	"github.com/paperhq/paper/report/doc"
)

// Numbering instances (w:num ids). The first four are fixed; each ordered
// doc.List gets its own instance from firstListNum on, so every list
// restarts at its own Start whatever came before it.
const (
	numBullet    = 1 // bullets at the margin (List Bullet styles)
	numBulletNP  = 2 // bullets indented under a numbered paragraph
	numOrdered   = 3 // the List Number styles' default, for new lists typed in Word
	numBody      = 4 // section numbers "1." and paragraph numbers "1.1"
	firstListNum = 5
)

// Abstract numbering definitions (w:abstractNum ids).
const (
	absBullet = iota
	absBulletNP
	absOrdered
	absOrderedNP
	absBody
)

// listNum is one ordered list's numbering instance.
type listNum struct{ abs, ilvl, start int }

// numbering is the plan for word/numbering.xml, filled in while the body
// is written.
type numbering struct {
	// auto is true when the tree's section and paragraph labels follow the
	// counting rule, so Word's automatic numbering reproduces them; false
	// means labels are written as literal text.
	auto  bool
	lists []listNum
}

// ordered returns a new numbering instance for an ordered list at level
// ilvl, starting at start.
func (n *numbering) ordered(inNP bool, ilvl, start int) int {
	abs := absOrdered
	if inNP {
		abs = absOrderedNP
	}
	n.lists = append(n.lists, listNum{abs: abs, ilvl: ilvl, start: start})
	return firstListNum + len(n.lists) - 1
}

// labelsCount reports whether the tree's labels are exactly what a word
// processor's multilevel list produces: numbered level 1 headings are
// "1", "2" ... in document order, and each numbered paragraph is
// "<section>.<n>" with n counting from 1 under its heading. doc.go
// promises this rule; when a tree breaks it (a hand-made tree, a section
// starting at 5) the writer prints the labels as text instead, so the
// document never shows numbers different from the tree's.
func labelsCount(blocks []doc.Block) bool {
	sec, n := 0, 0
	ok := true
	doc.Walk(blocks, func(b doc.Block) bool {
		switch b := b.(type) {
		case *doc.Heading:
			if b != nil && b.Level == 1 && b.Number != "" {
				sec++
				n = 0
				ok = b.Number == strconv.Itoa(sec)
			}
		case *doc.NumberedParagraph:
			if b != nil {
				n++
				ok = sec > 0 && b.Label == strconv.Itoa(sec)+"."+strconv.Itoa(n)
			}
		}
		return ok
	})
	return ok
}

// bulletChar is the bullet at a nesting depth, alternating as in the PDF.
func bulletChar(ilvl int) string {
	if ilvl%2 == 1 {
		return "–"
	}
	return "•"
}

// numberingXML writes word/numbering.xml: bullets, ordered lists (each
// list an instance with a start override), and, when labels count, the
// body's multilevel list whose level 0 numbers sections "%1." and level 1
// numbers paragraphs "%1.%2". The levels are linked to the Heading 1
// Numbered and Numbered Paragraph styles (each style's numPr names the
// level, each level's pStyle the style), so paragraphs are numbered by
// their style alone: pressing Enter after a numbered paragraph in Word
// gives the next number, and inserting one renumbers those after it.
func numberingXML(n numbering) []byte {
	var b xb
	b.Grow(16 << 10)
	b.raw(xmlHeader + `<w:numbering xmlns:w="` + nsW + `">`)
	simple := func(id int, indent int, ordered bool) {
		b.rawInts(`<w:abstractNum w:abstractNumId="`, id, `"><w:nsid w:val="5041500`, id, `"/><w:multiLevelType w:val="hybridMultilevel"/>`)
		for k := 0; k < 9; k++ {
			b.rawInts(`<w:lvl w:ilvl="`, k, `"><w:start w:val="1"/>`)
			if ordered {
				fmtName := "decimal"
				if k%2 == 1 {
					fmtName = "lowerLetter"
				}
				b.rawInts(`<w:numFmt w:val="`+fmtName+`"/><w:lvlText w:val="%`, k+1, `."/>`)
			} else {
				b.raw(`<w:numFmt w:val="bullet"/><w:lvlText w:val="` + bulletChar(k) + `"/>`)
			}
			b.rawInts(`<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="`, indent+listStep*(k+1), `" w:hanging="`, listStep, `"/></w:pPr></w:lvl>`)
		}
		b.raw(`</w:abstractNum>`)
	}
	simple(absBullet, 0, false)
	simple(absBulletNP, npIndent, false)
	simple(absOrdered, 0, true)
	simple(absOrderedNP, npIndent, true)
	if n.auto {
		b.rawInts(`<w:abstractNum w:abstractNumId="`, absBody, `"><w:nsid w:val="5041500`, absBody, `"/><w:multiLevelType w:val="multilevel"/>`)
		text := ""
		for k := 0; k < 9; k++ {
			if k > 0 {
				text += "."
			}
			text += "%" + strconv.Itoa(k+1)
			lvlText := text
			if k == 0 {
				lvlText += "."
			}
			b.rawInts(`<w:lvl w:ilvl="`, k, `"><w:start w:val="1"/><w:numFmt w:val="decimal"/>`)
			switch k {
			case 0:
				b.raw(`<w:pStyle w:val="` + sHeading1Numbered + `"/>`)
			case 1:
				b.raw(`<w:pStyle w:val="` + sNumbered + `"/>`)
			}
			b.rawInts(`<w:lvlText w:val="`+lvlText+`"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="`, npIndent*max(k, 1), `" w:hanging="`, npIndent, `"/></w:pPr></w:lvl>`)
		}
		b.raw(`</w:abstractNum>`)
	}
	num := func(id, abs int) { b.rawInts(`<w:num w:numId="`, id, `"><w:abstractNumId w:val="`, abs, `"/>`) }
	num(numBullet, absBullet)
	b.raw(`</w:num>`)
	num(numBulletNP, absBulletNP)
	b.raw(`</w:num>`)
	num(numOrdered, absOrdered)
	b.raw(`</w:num>`)
	if n.auto {
		num(numBody, absBody)
		b.raw(`</w:num>`)
	}
	for i, l := range n.lists {
		num(firstListNum+i, l.abs)
		b.rawInts(`<w:lvlOverride w:ilvl="`, l.ilvl, `"><w:startOverride w:val="`, l.start, `"/></w:lvlOverride></w:num>`)
	}
	b.raw(`</w:numbering>`)
	return b.Bytes()
}
