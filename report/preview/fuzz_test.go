package preview

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/paperhq/paper/report/diag"
	"golang.org/x/net/html"
)

var (
	fuzzOnce   sync.Once
	fuzzServer *Server
	fuzzErr    error
)

// FuzzRequest sends the preview any request path, host and method: it
// never fails, and answers 200 only for the page, its events and the
// files the page links, on its own address, reading nothing else (the
// definition, the data and the exempt appendix never appear).
func FuzzRequest(f *testing.F) {
	for _, seed := range []struct{ method, path, host string }{
		{"GET", "/", "127.0.0.1:8080"},
		{"GET", "/appendix-a.pdf", "127.0.0.1:8080"},
		{"GET", "/appendix-c.pdf", "localhost:8080"},
		{"HEAD", "/events", "127.0.0.1:8080"},
		{"GET", "/../report.yaml", "127.0.0.1:8080"},
		{"GET", "/complaints.csv", "127.0.0.1:8080"},
		{"GET", "//etc/passwd", "127.0.0.1:8080"},
		{"POST", "/", "127.0.0.1:8080"},
		{"GET", "/", "attacker.example:8080"},
	} {
		f.Add(seed.method, seed.path, seed.host)
	}
	fuzzOnce.Do(func() { fuzzServer, fuzzErr = New(filepath.Join(example, "report.yaml"), Options{}) })
	if fuzzErr != nil {
		f.Fatal(fuzzErr)
	}
	secrets := []string{}
	for _, name := range []string{"report.yaml", "complaints.csv", "ombudsman.yaml", "appendix-c.pdf"} {
		b, err := os.ReadFile(filepath.Join(example, name))
		if err != nil {
			f.Fatal(err)
		}
		secrets = append(secrets, string(b))
	}
	h := fuzzServer.handler(&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8080})
	done, cancel := context.WithCancel(context.Background())
	cancel() // an event stream answers and ends
	f.Fuzz(func(t *testing.T, method, path, host string) {
		r := (&http.Request{Method: method, URL: &url.URL{Path: path}, Host: host, Header: http.Header{}}).WithContext(done)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		linked := fuzzServer.current().files[path] != ""
		ok := (host == "127.0.0.1:8080" || host == "localhost:8080" || host == "[::1]:8080") &&
			(method == "GET" || method == "HEAD") && (path == "/" || path == "/events" || linked)
		if w.Code == http.StatusOK && !ok {
			t.Errorf("%s %q for Host %q: 200", method, path, host)
		}
		for _, s := range secrets {
			if w.Body.Len() > 0 && strings.Contains(w.Body.String(), s) {
				t.Errorf("%s %q for Host %q served an input the page does not link", method, path, host)
			}
		}
	})
}

// FuzzPanel puts any problem text on the page: it is always text, never
// an element, and reads back as check prints it.
func FuzzPanel(f *testing.F) {
	f.Add("report.yaml", "title", `put the value in quotes: title: "Complaints: <b>April</b>"`, 3, 7, false)
	f.Add("a&b.csv", "", "</code></li></ul><script>alert(1)</script>", 0, 0, true)
	f.Fuzz(func(t *testing.T, file, field, msg string, line, col int, warning bool) {
		d := diag.Diagnostic{File: file, Field: field, Msg: msg, Line: line, Col: col}
		if warning {
			d.Severity = diag.Warning
		}
		p := panel("report.yaml", diag.List{d}, &goodBuild{exempt: true})
		z := html.NewTokenizer(strings.NewReader(p))
		var text strings.Builder
		inCode := false
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			tok := z.Token()
			switch tt {
			case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
				switch tok.Data {
				case "section", "div", "p", "strong", "ul", "li", "code":
				default:
					t.Fatalf("the problem %q made a <%s> element", d.String(), tok.Data)
				}
				if tok.Data == "code" {
					inCode = tt == html.StartTagToken
				}
			case html.TextToken:
				if inCode {
					text.WriteString(tok.Data)
				}
			}
		}
		// The tokenizer reads NUL and CR as the browser does.
		want := strings.NewReplacer("\x00", "\ufffd", "\r\n", "\n", "\r", "\n").Replace(d.String())
		if got := text.String(); got != want && !strings.ContainsAny(d.String(), "\x00\r") {
			t.Errorf("the page reads %q, check prints %q", got, want)
		}
	})
}
