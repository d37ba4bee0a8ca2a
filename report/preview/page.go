package preview

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"html"
	"strings"

	"github.com/paperhq/paper/report/diag"
)

// state is what the server serves between two builds.
type state struct {
	// version names the page: its reload script asks the server for a
	// newer one.
	version string
	page    []byte
	// csp is the page's Content-Security-Policy.
	csp string
	// files maps URL paths to the files the page links.
	files map[string]string
	// changed is closed when a new page replaces this one.
	changed chan struct{}
}

// script is the preview's only script: it waits on /events for a page
// newer than its own (named in the page's paper-preview-version meta
// element) and then reloads. The page reads fully without it.
const script = `(function () {
  "use strict";
  var meta = document.querySelector('meta[name="paper-preview-version"]');
  var events = new EventSource("/events?version=" + encodeURIComponent(meta ? meta.content : ""));
  events.addEventListener("reload", function () {
    events.close();
    location.reload();
  });
}());
`

// style is the style sheet of the preview's own lines at the top of the
// page. They are not the paper's, so they are not printed.
const style = `.paper-preview{font:1rem/1.45 system-ui,-apple-system,"Segoe UI",Arial,sans-serif;color:#0b0c0c;background:#fff;margin:0 0 1.5rem;padding:.75rem 1rem;border:2px solid #0b0c0c}
.paper-preview p{margin:.25rem 0}
.paper-preview ul{margin:.25rem 0 .5rem;padding-left:1.25rem}
.paper-preview code{font:.9rem/1.45 ui-monospace,"DejaVu Sans Mono",Consolas,monospace;white-space:pre-wrap;overflow-wrap:anywhere}
.paper-preview-exempt{background:#b10e1e;color:#fff;font-weight:700;padding:.5rem .75rem}
.paper-preview-errors{border-left:6px solid #b10e1e;padding-left:.75rem;margin:.5rem 0}
.paper-preview-warnings{border-left:6px solid #505a5f;padding-left:.75rem;margin:.5rem 0;color:#505a5f;font-size:.9rem}
@media print{.paper-preview{display:none}}
`

// compose makes the page for a build of the definition at path with
// problems: the last good build's page with the preview's lines at its
// top and its script at its foot, or, when no build has succeeded, a
// page of the problems alone.
func compose(path string, problems diag.List, good *goodBuild) *state {
	panel := panel(path, problems, good)
	var page []byte
	files := map[string]string{}
	if good != nil {
		page = insert(good.html, panel)
		files = good.files
	} else {
		page = []byte("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n" +
			"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n" +
			"<title>" + html.EscapeString(path) + ": problems – paper preview</title>\n</head>\n<body>\n" +
			"<main>\n<h1>" + html.EscapeString(path) + "</h1>\n" + panel + "</main>\n</body>\n</html>\n")
		page = insert(page, "")
	}
	sum := sha256.Sum256(page)
	version := hex.EncodeToString(sum[:8])
	meta := "<meta name=\"paper-preview-version\" content=\"" + version + "\">\n"
	page = bytes.Replace(page, []byte("</head>"), []byte(meta+"</head>"), 1)
	return &state{version: version, page: page, csp: policy(page), files: files, changed: make(chan struct{})}
}

// insert puts the preview's style sheet at the end of the page's head,
// panel at the top of its body and the script at its end. The writer
// escapes every text it prints, so its own tags are the first <body> and
// the last </body>.
func insert(page []byte, panel string) []byte {
	s := string(page)
	var b strings.Builder
	head := strings.Index(s, "</head>")
	body := strings.Index(s, "<body>\n")
	end := strings.LastIndex(s, "</body>")
	if head < 0 || body < head || end < body {
		// Not a page as the writer writes them: served as it is.
		return page
	}
	body += len("<body>\n")
	b.WriteString(s[:head])
	b.WriteString("<style>\n" + style + "</style>\n")
	b.WriteString(s[head:body])
	b.WriteString(panel)
	b.WriteString(s[body:end])
	b.WriteString("<script>\n" + script + "</script>\n")
	b.WriteString(s[end:])
	return []byte(b.String())
}

// panel is the preview's lines at the top of the page: that a Part II
// paper is not for the website, then every problem check reports (each
// as paper check prints it), errors first and warnings less prominently.
// Empty when there is nothing to say.
func panel(path string, problems diag.List, good *goodBuild) string {
	errs, warns := problems.Errors(), problems.Warnings()
	var b strings.Builder
	if good != nil && good.exempt {
		b.WriteString("<p class=\"paper-preview-exempt\">Part II: this paper is exempt, not for publication and not for the website. This preview is served to this computer only.</p>\n")
	}
	list := func(l diag.List) {
		b.WriteString("<ul>\n")
		for _, d := range l {
			b.WriteString("<li><code>" + html.EscapeString(d.String()) + "</code></li>\n")
		}
		b.WriteString("</ul>\n")
	}
	if len(errs) > 0 {
		b.WriteString("<div class=\"paper-preview-errors\">\n<p><strong>")
		b.WriteString(html.EscapeString(fmt.Sprintf("paper check: %s in %s.", count(len(errs), "error"), path)))
		b.WriteString("</strong> ")
		if good != nil {
			b.WriteString(html.EscapeString("Below is the last build without errors, from " + good.at.Format("15:04:05") + "."))
		} else {
			b.WriteString(html.EscapeString("No build has succeeded yet, so there is no paper to show."))
		}
		b.WriteString("</p>\n")
		list(errs)
		b.WriteString("</div>\n")
	}
	if len(warns) > 0 {
		b.WriteString("<div class=\"paper-preview-warnings\">\n<p>" + html.EscapeString(count(len(warns), "warning")) + ":</p>\n")
		list(warns)
		b.WriteString("</div>\n")
	}
	if b.Len() == 0 {
		return ""
	}
	return "<section class=\"paper-preview\" aria-label=\"paper preview\">\n" + b.String() + "</section>\n"
}

// count is "1 error", "2 errors".
func count(n int, what string) string {
	if n == 1 {
		return "1 " + what
	}
	return fmt.Sprintf("%d %ss", n, what)
}

// policy is the page's Content-Security-Policy: nothing may load but its
// own style sheets and script (by their hashes), data: images and fonts
// (a house style's logo and fonts are inline), and the event stream. The
// style attributes the writer gives table columns are allowed; no other
// inline script, no plug-ins, no forms, no framing.
func policy(page []byte) string {
	var styles []string
	s := string(page)
	for {
		i := strings.Index(s, "<style>")
		if i < 0 {
			break
		}
		s = s[i+len("<style>"):]
		j := strings.Index(s, "</style>")
		if j < 0 {
			break
		}
		styles = append(styles, hash(s[:j]))
		s = s[j:]
	}
	return "default-src 'none'; script-src " + hash("\n"+script) +
		"; style-src-elem " + strings.Join(styles, " ") +
		"; style-src-attr 'unsafe-inline'; img-src data:; font-src data:; connect-src 'self'" +
		"; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
}

// hash is a CSP hash source for an inline element's text.
func hash(text string) string {
	sum := sha256.Sum256([]byte(text))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
