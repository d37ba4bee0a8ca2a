package preview

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/pipeline"
)

var (
	example       = filepath.Join("..", "..", "examples", "lgsco-annual-review")
	layoutFixture = filepath.Join("..", "..", "fixtures", "layout", "report.yaml")
)

// within is how soon a change to an input must show on the page
// (issue 15).
const within = 2 * time.Second

// copyExample copies the example paper's folder and returns the copy's
// report.yaml.
func copyExample(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "paper")
	if err := os.CopyFS(dir, os.DirFS(example)); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(dir, "report.yaml")
}

// serve previews path on a free loopback port until the test ends and
// returns the page's address.
func serve(t *testing.T, path string) string {
	t.Helper()
	s, err := New(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Serve(ctx, ln) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Serve: %v", err)
		}
	})
	return "http://" + ln.Addr().String() + "/"
}

// get fetches url and returns the status and body.
func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, string(b)
}

// waitFor fetches the page until ok holds of it, failing the test if it
// does not within the 2 seconds of the edit.
func waitFor(t *testing.T, url, what string, ok func(page string) bool) string {
	t.Helper()
	start := time.Now()
	var page string
	for time.Since(start) < within {
		_, _, page = get(t, url)
		if ok(page) {
			t.Logf("%s after %v", what, time.Since(start).Round(time.Millisecond))
			return page
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("not %s within %v; the page's top:\n%s", what, within, top(page))
	return ""
}

// top is the page's preview lines, or its first 2,000 bytes.
func top(page string) string {
	if i, j := strings.Index(page, `<section class="paper-preview"`), strings.Index(page, "</section>"); i >= 0 && j > i {
		return page[i : j+len("</section>")]
	}
	return page[:min(len(page), 2000)]
}

// edit replaces old by new in the file at path, failing if old is not
// there.
func edit(t *testing.T, path, old, new string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(b), old) {
		t.Fatalf("%s has no %q", path, old)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// withoutPreview removes what the preview adds to the writer's page: its
// style sheet, version, lines at the top and script.
func withoutPreview(page string) string {
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)<style>\n\.paper-preview.*?</style>\n`),
		regexp.MustCompile(`<meta name="paper-preview-version" content="[0-9a-f]+">\n`),
		regexp.MustCompile(`(?s)<section class="paper-preview".*?</section>\n`),
		regexp.MustCompile(`(?s)<script>\n.*?</script>\n`),
	} {
		page = re.ReplaceAllString(page, "")
	}
	return page
}

// TestServesTheBuiltPage checks that the page is the one paper build
// --format html writes, byte for byte once the preview's own lines are
// taken out, with a strict Content-Security-Policy and nothing but the
// preview's script added.
func TestServesTheBuiltPage(t *testing.T) {
	path := copyExample(t)
	// Built into the paper's own folder, as build with no -o does, so
	// the appendices' links are the preview's.
	res, err := pipeline.Build(path, pipeline.Options{Formats: []string{"html"}})
	if err != nil {
		t.Fatal(err)
	}
	built, err := os.ReadFile(res.Files[0])
	if err != nil {
		t.Fatal(err)
	}
	os.Remove(res.Files[0])

	url := serve(t, path)
	code, h, page := get(t, url)
	if code != http.StatusOK || h.Get("Content-Type") != "text/html; charset=utf-8" {
		t.Fatalf("GET /: %d %s", code, h.Get("Content-Type"))
	}
	if got := withoutPreview(page); got != string(built) {
		t.Errorf("the page differs from build --format html's (%d bytes, want %d)", len(got), len(built))
	}
	if strings.Contains(page, `<section class="paper-preview"`) {
		t.Errorf("a paper without problems has the preview's lines at the top:\n%s", top(page))
	}
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("the page has %d scripts, want the preview's one", n)
	}
	csp := h.Get("Content-Security-Policy")
	for _, want := range []string{"default-src 'none'", "script-src 'sha256-", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("Content-Security-Policy %q lacks %q", csp, want)
		}
	}
	script := regexp.MustCompile(`script-src [^;]*`).FindString(csp)
	if !regexp.MustCompile(`^script-src 'sha256-[A-Za-z0-9+/=]+'$`).MatchString(script) {
		t.Errorf("Content-Security-Policy %q allows inline script", csp)
	}
	for _, tag := range []string{"<script src", "<link", "<img src=\"http", "@import", "url(http"} {
		if strings.Contains(page, tag) {
			t.Errorf("the page loads something from elsewhere: %s", tag)
		}
	}
}

// problemsAt is the pattern of the preview's list of errors.
var problemsAt = regexp.MustCompile(`(?s)<div class="paper-preview-errors">.*?</div>`)

// TestRebuildsAsTheAuthorEdits edits the definition as an author does:
// a heading changed shows within 2 s; a mistake shows at the top with
// its file:line:col, escaped, above the last good build; the fix takes
// the problem away.
func TestRebuildsAsTheAuthorEdits(t *testing.T) {
	path := copyExample(t)
	url := serve(t, path)
	_, _, page := get(t, url)
	if !strings.Contains(page, "Executive Summary") {
		t.Fatal("the page is not the example paper")
	}

	edit(t, path, "heading: Executive Summary", "heading: Summary for the Committee")
	waitFor(t, url, "the new heading shown", func(p string) bool {
		return strings.Contains(p, "Summary for the Committee") && !strings.Contains(p, "Executive Summary")
	})

	// A colon in an unquoted title, on line 9: the message quotes the
	// line to write, whose quotes must reach the page escaped.
	src, _ := os.ReadFile(path)
	line := 1 + strings.Count(string(src[:strings.Index(string(src), "\ntitle: ")+1]), "\n")
	edit(t, path, "\ntitle: ", "\ntitle: Complaints: <b>April</b> to September\n_old_title: ")
	want := fmt.Sprintf("%s:%d:18: invalid YAML: a colon followed by a space inside a value reads as a new key; put the value in quotes: title: &#34;Complaints: &lt;b&gt;April&lt;/b&gt; to September&#34;", path, line)
	page = waitFor(t, url, "the problem shown", func(p string) bool { return problemsAt.MatchString(p) })
	errs := problemsAt.FindString(page)
	if !strings.Contains(errs, want) {
		t.Errorf("the problems shown:\n%s\nlack\n%s", errs, want)
	}
	if !strings.Contains(errs, "1 error in "+path) || !strings.Contains(errs, "Below is the last build without errors") {
		t.Errorf("the problems' heading is wrong:\n%s", errs)
	}
	if strings.Contains(page, "<b>April</b>") {
		t.Error("the problem's text reached the page unescaped")
	}
	// The problems come first, then the last good build, whole.
	if i, j := strings.Index(page, `<div class="paper-preview-errors">`), strings.Index(page, "<main"); i < 0 || j < i || !strings.Contains(page[j:], "Summary for the Committee") {
		t.Errorf("the last good build is not below the problems")
	}

	edit(t, path, "\ntitle: Complaints: <b>April</b> to September\n_old_title: ", "\ntitle: ")
	waitFor(t, url, "the problem gone", func(p string) bool {
		return !strings.Contains(p, `<div class="paper-preview-errors">`) && strings.Contains(p, "Summary for the Committee")
	})
}

// TestNeverBuilt starts on a paper that has never built: the page is
// its problems alone, until the paper is fixed.
func TestNeverBuilt(t *testing.T) {
	path := copyExample(t)
	edit(t, path, "\npurpose:", "\npurpsoe:")
	url := serve(t, path)
	_, _, page := get(t, url)
	errs := problemsAt.FindString(page)
	for _, want := range []string{"No build has succeeded yet", path + ":", "did you mean"} {
		if !strings.Contains(errs, want) {
			t.Errorf("the problems shown lack %q:\n%s", want, errs)
		}
	}
	if strings.Contains(page, "Executive Summary") {
		t.Error("a paper that never built shows a paper")
	}
	edit(t, path, "\npurpsoe:", "\npurpose:")
	waitFor(t, url, "the paper shown once fixed", func(p string) bool {
		return strings.Contains(p, "Executive Summary") && !strings.Contains(p, `<div class="paper-preview-errors">`)
	})
}

// TestCaseLogEdits edits the case log: a case added changes a figure in
// the text, and a case closed with no outcome adds check's warning,
// shown apart from errors, with the paper.
func TestCaseLogEdits(t *testing.T) {
	path := copyExample(t)
	csv := filepath.Join(filepath.Dir(path), "complaints.csv")
	url := serve(t, path)
	received := regexp.MustCompile(`the council received ([0-9,]+)\s+stage 1 complaints`)
	_, _, page := get(t, url)
	m := received.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page does not say how many stage 1 complaints the council received")
	}
	n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))

	appendLine(t, csv, "KCC-2020-99998,Stage 1,Highways and Transport,2020-06-01,2020-06-10,,Upheld\n")
	waitFor(t, url, "the figure changed", func(p string) bool {
		m := received.FindStringSubmatch(p)
		return m != nil && strings.ReplaceAll(m[1], ",", "") == strconv.Itoa(n+1)
	})

	appendLine(t, csv, "KCC-2020-99999,Stage 1,Highways and Transport,2020-06-02,2020-06-11,,\n")
	page = waitFor(t, url, "the warning shown", func(p string) bool { return strings.Contains(p, `<div class="paper-preview-warnings">`) })
	if strings.Contains(page, `<div class="paper-preview-errors">`) {
		t.Errorf("a warning is shown as an error:\n%s", top(page))
	}
	if !strings.Contains(top(page), "with a Responded date but no outcome") || !strings.Contains(top(page), "complaints.csv:") {
		t.Errorf("the warning shown is not check's:\n%s", top(page))
	}
	if m := received.FindStringSubmatch(page); m == nil || strings.ReplaceAll(m[1], ",", "") != strconv.Itoa(n+2) {
		t.Errorf("with a warning, the paper shown is not the new build: %v", m)
	}
}

func appendLine(t *testing.T, path, line string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString(line)
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestReloadEvents listens to the event stream as the page's script
// does: a page that is current hears "reload" when the paper changes, a
// stale one at once.
func TestReloadEvents(t *testing.T) {
	path := copyExample(t)
	url := serve(t, path)
	_, _, page := get(t, url)
	version := regexp.MustCompile(`<meta name="paper-preview-version" content="([0-9a-f]+)">`).FindStringSubmatch(page)
	if version == nil {
		t.Fatal("the page names no version")
	}
	if !strings.Contains(page, `new EventSource("/events?version="`) {
		t.Fatal("the page's script does not listen to /events")
	}

	events := func(v string) *bufio.Reader {
		resp, err := http.Get(url + "events?version=" + v)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
			t.Fatalf("/events is %s", ct)
		}
		return bufio.NewReader(resp.Body)
	}
	// next reads the stream's next event's name, giving up after the
	// issue's 2 seconds.
	next := func(r *bufio.Reader) string {
		got := make(chan string, 1)
		go func() {
			for {
				line, err := r.ReadString('\n')
				if err != nil {
					got <- "error: " + err.Error()
					return
				}
				if name, ok := strings.CutPrefix(line, "event: "); ok {
					got <- strings.TrimSpace(name)
					return
				}
			}
		}()
		select {
		case name := <-got:
			return name
		case <-time.After(within):
			return "nothing within " + within.String()
		}
	}

	if got := next(events("stale")); got != "reload" {
		t.Errorf("a stale page heard %q, want reload", got)
	}
	current := events(version[1])
	edit(t, path, "heading: Executive Summary", "heading: Summary for the Committee")
	if got := next(current); got != "reload" {
		t.Errorf("the current page heard %q after an edit, want reload", got)
	}
}

// TestServesOnlyLinkedFiles checks that the appendix PDFs the page links
// open, and that nothing else can be read: not the exempt appendix, the
// definition or the case log, nor a path climbing out, an absolute path,
// a symbolic link planted beside the paper, a folder; and that the
// server is read-only and answers only for its own address.
func TestServesOnlyLinkedFiles(t *testing.T) {
	path := copyExample(t)
	dir := filepath.Dir(path)
	secret := filepath.Join(t.TempDir(), "secret.txt")
	os.WriteFile(secret, []byte("personal data"), 0o600)
	os.Symlink(secret, filepath.Join(dir, "evil.pdf"))
	os.Symlink(secret, filepath.Join(dir, "appendix-d.pdf"))
	os.Mkdir(filepath.Join(dir, "more"), 0o755)
	os.WriteFile(filepath.Join(dir, "more", "x.pdf"), []byte("%PDF-1.7"), 0o644)
	url := serve(t, path)
	_, _, page := get(t, url)
	for _, name := range []string{"appendix-a.pdf", "appendix-b.pdf"} {
		if !strings.Contains(page, `href="`+name+`"`) {
			t.Fatalf("the page does not link %s", name)
		}
		code, h, body := get(t, url+name)
		want, _ := os.ReadFile(filepath.Join(dir, name))
		if code != http.StatusOK || body != string(want) || h.Get("Content-Type") != "application/pdf" {
			t.Errorf("GET /%s: %d %s, %d bytes (want the file's %d)", name, code, h.Get("Content-Type"), len(body), len(want))
		}
	}
	if strings.Contains(page, "appendix-c.pdf") {
		t.Fatal("the page links the exempt appendix")
	}
	for _, p := range []string{
		"appendix-c.pdf", "report.yaml", "complaints.csv", "ombudsman.yaml", "evil.pdf", "appendix-d.pdf",
		"more/", "more/x.pdf", "more", "../paper/report.yaml", "%2e%2e/paper/report.yaml", "..%2fpaper%2freport.yaml",
		secret[1:], "/" + secret, "./appendix-c.pdf", "appendix-a.pdf/", "favicon.ico",
	} {
		code, _, body := raw(t, url, "GET", "/"+p, "")
		if code != http.StatusNotFound || strings.Contains(body, "personal data") || strings.Contains(body, "council:") {
			t.Errorf("GET /%s: %d, want 404", p, code)
		}
	}
	// A linked appendix swapped for a symbolic link to a folder gives no
	// listing: only regular files are served.
	os.Remove(filepath.Join(dir, "appendix-b.pdf"))
	os.Symlink(dir, filepath.Join(dir, "appendix-b.pdf"))
	if code, _, body := raw(t, url, "GET", "/appendix-b.pdf", ""); code != http.StatusNotFound || strings.Contains(body, "report.yaml") {
		t.Errorf("GET /appendix-b.pdf, now a link to a folder: %d %q", code, body)
	}

	if code, _, _ := raw(t, url, "POST", "/", ""); code != http.StatusMethodNotAllowed {
		t.Errorf("POST /: %d, want 405", code)
	}
	if code, _, _ := raw(t, url, "PUT", "/appendix-a.pdf", ""); code != http.StatusMethodNotAllowed {
		t.Errorf("PUT /appendix-a.pdf: %d, want 405", code)
	}
	// A web page that rebinds its own name to 127.0.0.1 sends its own
	// Host: refused, whatever it asks for.
	for _, host := range []string{"attacker.example", "attacker.example:" + port(url), "127.0.0.1", "127.0.0.1:1"} {
		if code, _, body := raw(t, url, "GET", "/", host); code != http.StatusMisdirectedRequest || strings.Contains(body, "Executive Summary") {
			t.Errorf("GET / for Host %s: %d, want 421", host, code)
		}
	}
	if code, _, _ := raw(t, url, "GET", "/", "localhost:"+port(url)); code != http.StatusOK {
		t.Errorf("GET / for localhost: %d, want 200", code)
	}
}

func port(url string) string {
	_, p, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/"))
	return p
}

// raw sends a request line as written, unnormalised, with host as its
// Host header (the server's own when empty).
func raw(t *testing.T, url, method, target, host string) (int, http.Header, string) {
	t.Helper()
	addr := strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")
	if host == "" {
		host = addr
	}
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "%s %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", method, target, host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// TestPartII previews an exempt paper, which is local: the page says at
// its top that the paper is not for the website.
func TestPartII(t *testing.T) {
	url := serve(t, layoutFixture)
	_, _, page := get(t, url)
	banner := "Part II: this paper is exempt, not for publication and not for the website."
	i := strings.Index(page, banner)
	if i < 0 || i > strings.Index(page, "<header>") {
		t.Errorf("the exempt paper's page lacks the notice at its top:\n%s", top(page))
	}
}

// TestListenLoopbackOnly checks that a preview listens on the loopback
// interface alone, and says when the port is taken.
func TestListenLoopbackOnly(t *testing.T) {
	for _, addr := range []string{":0", "0.0.0.0:0", "[::]:0", "localhost:0", "192.0.2.1:0", "example.com:0", "127.0.0.1"} {
		if ln, err := Listen(addr); err == nil {
			ln.Close()
			t.Errorf("Listen(%q) listened on %s", addr, ln.Addr())
		}
	}
	ln, err := Listen("127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if ip := ln.Addr().(*net.TCPAddr).IP; !ip.IsLoopback() {
		t.Errorf("listening on %v", ip)
	}
	if again, err := Listen(ln.Addr().String()); !errors.Is(err, ErrInUse) {
		if again != nil {
			again.Close()
		}
		t.Errorf("Listen on a port in use: %v, want ErrInUse", err)
	}
}

// TestUnreadableDefinition checks that a definition that cannot be read
// at all is an error before anything is served, worded as build words it.
func TestUnreadableDefinition(t *testing.T) {
	dir := t.TempDir()
	for _, path := range []string{filepath.Join(dir, "missing.yaml"), dir} {
		_, err := New(path, Options{})
		want := pipeline.Check(path)
		if err == nil || err.Error() != want.Error() {
			t.Errorf("New(%s): %v, want %v", path, err, want)
		}
	}
}
