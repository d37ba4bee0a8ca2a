package html

import (
	"strconv"
	"strings"

	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/internal/fontinfo"
)

// Colours of the page's own, chosen for contrast: text #0b0c0c on white
// is 19.4:1; links #003078 are 12.7:1 on white and 10.2:1 on the default
// header fill (#d9e2f3); the focus ring is black on a yellow #ffdd00
// background (15.4:1 for the text it marks).
const (
	textColour  = "#0b0c0c"
	linkColour  = "#003078"
	focusColour = "#ffdd00"
)

// styleSheet is the page's inline style sheet, from the house style: its
// fonts, sizes, accent and header fill; margins for print.
func styleSheet(st doc.Style) string {
	font := cssFont(st.Font)
	if st.BodyFont != nil {
		font = familyStack(st.BodyFont)
	}
	body := size(st.BodySize, 12)
	small := size(st.SmallSize, 9)
	title := size(st.TitleSize, 20)
	h := [3]string{size(st.HeadingSize[0], 14), size(st.HeadingSize[1], 12), size(st.HeadingSize[2], 12)}
	accent := hex(st.Accent, "1f3864")
	fill := hex(st.HeaderFill, "d9e2f3")
	text, link, muted := hex(st.Text, textColour[1:]), hex(st.Link, linkColour[1:]), hex(st.Muted, textColour[1:])
	m := st.Margins
	if m == [4]float64{} {
		m = [4]float64{20, 20, 20, 20}
	}
	margins := mm(m[0]) + " " + mm(m[1]) + " " + mm(m[2]) + " " + mm(m[3])
	r := strings.NewReplacer(
		"$font", font, "$body", body, "$small", small, "$title", title,
		"$h1", h[0], "$h2", h[1], "$h3", h[2], "$accent", accent, "$fill", fill,
		"$text", text, "$link", link, "$muted", muted, "$focus", focusColour, "$margins", margins)
	sheet := r.Replace(css)
	if st.Muted != "" {
		// The house style's colour of the smaller print; without one it
		// is the text's.
		sheet += r.Replace(mutedCSS)
	}
	if st.HeadingFont != nil {
		if head := familyStack(st.HeadingFont); head != font {
			sheet += "h1,h2,h3,h4,.banner{font-family:" + head + "}\n"
		}
	}
	return sheet
}

// familyStack is the font stack for a house style's family: its name,
// then widely installed fonts of its kind (serif, sans serif or
// monospace, from its OS/2 and post tables, else its name), then the
// generic family. The page names the font rather than embedding it: see
// the README's "Fonts and Word templates".
func familyStack(ff *doc.FontFamily) string {
	return fontinfo.Stack(ff.Name, fontinfo.Parse(ff.Regular).Generic(ff.Name))
}

// mutedCSS colours a house style's muted text as the PDF has it: notes
// and the council's name above the banner.
const mutedCSS = ".note,.kicker{color:$muted}\n"

const css = `*,*::before,*::after{box-sizing:border-box}
html{font-family:$font;font-size:$body;line-height:1.45;color:$text;background:#fff}
body{margin:0 auto;max-width:48em;padding:0 1em 2em}
a{color:$link;text-decoration:underline;text-underline-offset:0.15em}
a:focus-visible,[tabindex]:focus-visible,summary:focus-visible{outline:3px solid $text;outline-offset:0;background:$focus;color:$text}
.skip{position:absolute;left:-9999px;top:0}
.skip:focus{position:static;display:inline-block;margin:0.5em 0;padding:0.25em 0.5em}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
header,footer{font-size:$small;padding:0.5em 0;border-bottom:1px solid $text}
footer{border-top:1px solid $text;border-bottom:0;margin-top:2em}
header p,footer p{margin:0.25em 0}
.marking{font-weight:bold;letter-spacing:0.05em;text-align:center}
.draft{font-weight:bold;font-size:$h1;text-align:center;border:3px solid $text;padding:0.1em}
.stamp{font-weight:bold;text-align:center;border:2px solid $text;padding:0.25em}
.up{font-size:$body}
.banner{margin-top:1em}
.banner p{margin:0}
.kicker{font-size:$body}
.committee{font-size:$h1;font-weight:bold;color:$accent}
h1{font-size:$title;margin:0.75em 0 0.5em}
h2{font-size:$h1;color:$accent;margin:1.5em 0 0.5em}
h3{font-size:$h2;color:$accent;margin:1.25em 0 0.5em}
h4{font-size:$h3;margin:1em 0 0.5em}
h1,h2,h3,h4{line-height:1.25;overflow-wrap:break-word}
p,li{overflow-wrap:break-word}
.note{font-size:$small}
.centred{text-align:center}
.emphasis{font-weight:bold;font-size:$h1;text-align:center}
.numbered{display:grid;grid-template-columns:3.5em minmax(0,1fr);margin:0.75em 0}
.numbered>.num{font-weight:normal}
.numbered>.text>:first-child{margin-top:0}
.numbered>.text>:last-child{margin-bottom:0}
table{border-collapse:collapse;margin:1em 0;width:100%}
caption{text-align:left;font-weight:bold;padding:0.25em 0;caption-side:top}
th,td{border:1px solid $text;padding:0.3em 0.45em;text-align:left;vertical-align:top;overflow-wrap:break-word}
thead th{background:$fill}
.facts th,.facts td{border:0;border-bottom:1px solid #b1b4b6}
.facts td{overflow-wrap:anywhere}
.form{font-size:$small}
.right{text-align:right}
.centre{text-align:center}
.wide{overflow-x:auto;margin:1em 0}
.wide table{margin:0;min-width:32em}
figure{margin:1.5em 0}
figure svg{display:block;max-width:100%;height:auto}
figcaption{font-weight:bold;margin-top:0.5em}
details{margin-top:0.5em}
summary{cursor:pointer;color:$link;text-decoration:underline}
.page-break{height:0}
@media print{
@page{size:A4;margin:$margins}
html{font-size:$body}
body{max-width:none;padding:0}
.skip,.up{display:none}
a{color:$text}
a[href]:not([href^="#"])::after{content:" (" attr(href) ")";overflow-wrap:anywhere}
thead{display:table-header-group}
tr,figure,.numbered>.num{break-inside:avoid;page-break-inside:avoid}
h1,h2,h3,h4,caption{break-after:avoid;page-break-after:avoid}
.wide{overflow:visible}
.wide table{min-width:0}
details>summary{display:none}
details::details-content{content-visibility:visible;display:contents}
.page-break{break-before:page;page-break-before:always}
}
`

// cssFont is the font stack for the house font: the font itself, then
// Liberation Sans (metric-compatible with Arial, as the PDF embeds), then
// any sans-serif.
func cssFont(f string) string {
	var stack []string
	if f = strings.Map(func(r rune) rune {
		if r == '"' || r == '\\' || r == ';' || r == '{' || r == '}' || r == '<' || r < ' ' {
			return -1
		}
		return r
	}, f); f != "" {
		stack = append(stack, `"`+f+`"`)
	}
	return strings.Join(append(stack, `"Liberation Sans"`, "Arial", "Helvetica", "sans-serif"), ",")
}

// size is a size in points, or def when unset.
func size(pt, def float64) string {
	if !(pt > 0 && pt < 200) {
		pt = def
	}
	return strconv.FormatFloat(pt, 'f', -1, 64) + "pt"
}

func mm(v float64) string {
	if !(v >= 0 && v < 100) {
		v = 20
	}
	return strconv.FormatFloat(v, 'f', -1, 64) + "mm"
}

// hex is "#rrggbb" from "RRGGBB", or def for anything else.
func hex(s, def string) string {
	if len(s) != 6 {
		return "#" + def
	}
	for _, r := range s {
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			return "#" + def
		}
	}
	return "#" + strings.ToLower(s)
}
