// Package markdown converts the Markdown that report authors write in text
// fields into document-tree blocks and inline runs.
//
// It follows goldmark's own design: goldmark parses the text into its AST,
// and this package renders that AST into doc nodes, one case per node kind.
// Authors get paragraphs, bullet and numbered lists (nested), bold,
// italic, links (including bare web and email addresses; a link to
// "#id" cites a heading or numbered paragraph of the paper), line breaks and
// typographic quotes and dashes (' becomes ’, -- becomes –). What a paper
// cannot hold is flattened rather than dropped: a heading inside a text
// field becomes a bold paragraph, code is set as plain text, raw HTML is
// kept as literal text, images become their description.
package markdown

import (
	"bytes"
	"strings"
	"unicode"

	"github.com/paperhq/paper/report/doc"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

var md = goldmark.New(
	goldmark.WithExtensions(
		extension.Linkify,
		extension.NewTypographer(extension.WithTypographicSubstitutions(map[extension.TypographicPunctuation]string{
			extension.LeftSingleQuote:  "‘",
			extension.RightSingleQuote: "’",
			extension.LeftDoubleQuote:  "“",
			extension.RightDoubleQuote: "”",
			extension.EnDash:           "–",
			extension.EmDash:           "—",
			extension.Ellipsis:         "…",
			extension.Apostrophe:       "’",
			// Leave << and >> as typed.
			extension.LeftAngleQuote:  "<<",
			extension.RightAngleQuote: ">>",
		})),
	),
	goldmark.WithParserOptions(parser.WithAutoHeadingID()),
)

// Clean removes characters a document cannot hold: control characters
// other than tab and newline, and the Unicode non-characters. Carriage
// returns are dropped so Windows line endings read as Unix ones.
func Clean(s string) string {
	clean := true
	for _, r := range s {
		if bad(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if bad(r) {
			return -1
		}
		return r
	}, s)
}

func bad(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	return unicode.IsControl(r) || r == 0xFFFE || r == 0xFFFF || (r >= 0xD800 && r <= 0xDFFF)
}

// Blocks converts Markdown source to document blocks.
func Blocks(src string) []doc.Block {
	source := []byte(Clean(src))
	root := md.Parser().Parse(text.NewReader(source))
	c := &converter{src: source}
	return c.blocks(root)
}

// Inline converts Markdown source to inline runs, joining paragraphs with
// line breaks; for table cells and front-sheet values, where blocks cannot
// go. List items become lines starting with a bullet or their number.
func Inline(src string) []doc.Inline {
	var out []doc.Inline
	var add func(bs []doc.Block, prefix string)
	add = func(bs []doc.Block, prefix string) {
		for _, b := range bs {
			switch b := b.(type) {
			case *doc.Paragraph:
				if len(out) > 0 {
					out = append(out, doc.Inline{Break: true})
				}
				if prefix != "" {
					out = append(out, doc.Inline{Text: prefix})
					prefix = ""
				}
				out = append(out, b.Content...)
			case *doc.List:
				for i, it := range b.Items {
					p := "• "
					if b.Ordered {
						p = itoa(max(b.Start, 1)+i) + ". "
					}
					add(it.Blocks, p)
				}
			}
		}
	}
	add(Blocks(src), "")
	return out
}

func itoa(n int) string {
	if n < 0 {
		return "-" + itoa(-n)
	}
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

type converter struct {
	src []byte
}

// blocks renders the block children of n.
func (c *converter) blocks(n ast.Node) []doc.Block {
	var out []doc.Block
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		out = append(out, c.block(ch)...)
	}
	return out
}

func (c *converter) block(n ast.Node) []doc.Block {
	switch n := n.(type) {
	case *ast.Paragraph, *ast.TextBlock:
		runs := c.inlines(n, style{})
		if len(runs) == 0 {
			return nil
		}
		return []doc.Block{&doc.Paragraph{Content: runs}}
	case *ast.Heading:
		runs := c.inlines(n, style{bold: true})
		if len(runs) == 0 {
			return nil
		}
		return []doc.Block{&doc.Paragraph{Content: runs}}
	case *ast.List:
		l := &doc.List{Ordered: n.IsOrdered()}
		if l.Ordered && n.Start != 1 {
			l.Start = n.Start
		}
		for it := n.FirstChild(); it != nil; it = it.NextSibling() {
			l.Items = append(l.Items, doc.ListItem{Blocks: c.blocks(it)})
		}
		return []doc.Block{l}
	case *ast.Blockquote:
		return c.blocks(n)
	case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock:
		var buf bytes.Buffer
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			buf.Write(seg.Value(c.src))
		}
		if hb, ok := n.(*ast.HTMLBlock); ok && hb.HasClosure() {
			buf.Write(hb.ClosureLine.Value(c.src))
		}
		var runs []doc.Inline
		for i, line := range strings.Split(strings.TrimRight(buf.String(), "\n"), "\n") {
			if i > 0 {
				runs = append(runs, doc.Inline{Break: true})
			}
			if line != "" {
				runs = append(runs, doc.Inline{Text: line})
			}
		}
		if len(runs) == 0 {
			return nil
		}
		return []doc.Block{&doc.Paragraph{Content: runs}}
	case *ast.ThematicBreak:
		return nil
	default:
		return c.blocks(n)
	}
}

type style struct {
	bold, italic bool
	link, ref    string
}

// inlines renders the inline children of n with the inherited style,
// merging neighbouring runs of the same style.
func (c *converter) inlines(n ast.Node, st style) []doc.Inline {
	var out []doc.Inline
	emit := func(s string) {
		if s == "" {
			return
		}
		if k := len(out) - 1; k >= 0 && !out[k].Break && out[k].Bold == st.bold && out[k].Italic == st.italic && out[k].Link == st.link && out[k].Ref == st.ref {
			out[k].Text += s
			return
		}
		out = append(out, doc.Inline{Text: s, Bold: st.bold, Italic: st.italic, Link: st.link, Ref: st.ref})
	}
	for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
		switch ch := ch.(type) {
		case *ast.Text:
			v := ch.Value(c.src)
			if !ch.IsRaw() {
				v = unescape(v)
			}
			emit(string(v))
			if ch.HardLineBreak() {
				out = append(out, doc.Inline{Break: true})
			} else if ch.SoftLineBreak() {
				emit(" ")
			}
		case *ast.String:
			v := ch.Value
			if !ch.IsRaw() && !ch.IsCode() {
				v = unescape(v)
			}
			emit(string(v))
		case *ast.CodeSpan:
			var buf bytes.Buffer
			for g := ch.FirstChild(); g != nil; g = g.NextSibling() {
				switch g := g.(type) {
				case *ast.Text:
					buf.Write(g.Value(c.src))
				case *ast.String:
					buf.Write(g.Value)
				}
			}
			emit(buf.String())
		case *ast.Emphasis:
			inner := st
			if ch.Level >= 2 {
				inner.bold = true
			} else {
				inner.italic = true
			}
			out = appendRuns(out, c.inlines(ch, inner))
		case *ast.Link:
			inner := st
			dest := string(ch.Destination)
			if id, ok := strings.CutPrefix(dest, "#"); ok {
				// A link within the paper: a section or paragraph
				// reference, which layout checks against its anchors.
				inner.ref = id
			} else {
				inner.link = safeURL(dest)
			}
			out = appendRuns(out, c.inlines(ch, inner))
		case *ast.AutoLink:
			url := string(ch.URL(c.src))
			label := string(ch.Label(c.src))
			if ch.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(url), "mailto:") {
				url = "mailto:" + url
			}
			inner := st
			inner.link = safeURL(url)
			out = appendRuns(out, []doc.Inline{{Text: label, Bold: inner.bold, Italic: inner.italic, Link: inner.link}})
		case *ast.Image:
			// A paper cannot embed arbitrary images from text; keep the
			// description so nothing is silently lost.
			out = appendRuns(out, c.inlines(ch, st))
		case *ast.RawHTML:
			var buf bytes.Buffer
			for i := 0; i < ch.Segments.Len(); i++ {
				seg := ch.Segments.At(i)
				buf.Write(seg.Value(c.src))
			}
			emit(buf.String())
		default:
			out = appendRuns(out, c.inlines(ch, st))
		}
	}
	return trimRuns(out)
}

// appendRuns appends runs, merging the first with the last run of out
// when their styles match.
func appendRuns(out, more []doc.Inline) []doc.Inline {
	for _, r := range more {
		if k := len(out) - 1; k >= 0 && !r.Break && !out[k].Break && out[k].Bold == r.Bold && out[k].Italic == r.Italic && out[k].Link == r.Link && out[k].Ref == r.Ref {
			out[k].Text += r.Text
			continue
		}
		out = append(out, r)
	}
	return out
}

// trimRuns removes leading and trailing spaces and breaks.
func trimRuns(rs []doc.Inline) []doc.Inline {
	for len(rs) > 0 && (rs[0].Break || strings.TrimSpace(rs[0].Text) == "") {
		rs = rs[1:]
	}
	for len(rs) > 0 && (rs[len(rs)-1].Break || strings.TrimSpace(rs[len(rs)-1].Text) == "") {
		rs = rs[:len(rs)-1]
	}
	if len(rs) == 0 {
		return nil
	}
	rs[0].Text = strings.TrimLeft(rs[0].Text, " \t")
	rs[len(rs)-1].Text = strings.TrimRight(rs[len(rs)-1].Text, " \t")
	return rs
}

func unescape(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// safeURL keeps web, email and telephone links and drops anything else
// (javascript:, file:), which has no place in a published paper.
func safeURL(u string) string {
	l := strings.ToLower(strings.TrimSpace(u))
	for _, p := range []string{"http://", "https://", "mailto:", "tel:"} {
		if strings.HasPrefix(l, p) {
			return strings.TrimSpace(u)
		}
	}
	if strings.HasPrefix(l, "www.") {
		return "https://" + strings.TrimSpace(u)
	}
	return ""
}
