//go:build unix

package main

import (
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// previewURL waits for a preview's first line and returns the address it
// prints, failing the test if the line is not as the README gives it.
func previewURL(t *testing.T, p *proc, path string) string {
	t.Helper()
	line := regexp.MustCompile(`^paper: previewing ` + regexp.QuoteMeta(path) + ` at (http://127\.0\.0\.1:[1-9][0-9]*/) \(Ctrl-C to stop\)\n$`)
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		out := p.stdout.String()
		if m := line.FindStringSubmatch(out); m != nil {
			return m[1]
		}
		if strings.Contains(out, "\n") || p.cmd.ProcessState != nil {
			break
		}
	}
	p.cmd.Process.Kill()
	t.Fatalf("preview printed %q, stderr %q", p.stdout.String(), p.stderr.String())
	return ""
}

func fetch(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	return string(b)
}

// TestPreviewProcess runs paper preview as a user does: on a free port,
// the page is the paper; an edit shows within 2 s; SIGINT and SIGTERM
// stop it with 130 and 143 and the commands' wording, the port closed,
// nothing left in its temporary folder and nothing written beside the
// paper.
func TestPreviewProcess(t *testing.T) {
	for _, tt := range stopSignals {
		t.Run(tt.sig.String(), func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "paper")
			if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "examples", "lgsco-annual-review"))); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "report.yaml")
			before := files(t, dir)
			p := startPaper(t, 0o022, nil, "preview", path, "--port", "0")
			url := previewURL(t, p, path)
			if page := fetch(t, url); !strings.Contains(page, "<h1>Analysis of the Ombudsman&#39;s Annual Review Letter 2020/21</h1>") {
				t.Fatalf("the page is not the example paper:\n%.2000s", page)
			}
			src, _ := os.ReadFile(path)
			os.WriteFile(path, []byte(strings.Replace(string(src), "heading: Executive Summary", "heading: Summary for the Committee", 1)), 0o644)
			seen := false
			for start := time.Now(); time.Since(start) < 2*time.Second && !seen; time.Sleep(20 * time.Millisecond) {
				seen = strings.Contains(fetch(t, url), "Summary for the Committee")
			}
			if !seen {
				t.Errorf("the edited heading did not show within 2 s")
			}

			p.cmd.Process.Signal(tt.sig)
			if code := p.wait(t); code != tt.code {
				t.Errorf("exit %d, want %d; stderr %q", code, tt.code, p.stderr.String())
			}
			if got := p.stderr.String(); !strings.HasSuffix(got, tt.msg) {
				t.Errorf("stderr %q does not end %q", got, tt.msg)
			}
			if !strings.Contains(p.stderr.String(), "paper: built "+path+" at ") {
				t.Errorf("stderr %q does not report the builds", p.stderr.String())
			}
			if c, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(url, "http://"), "/")); err == nil {
				c.Close()
				t.Errorf("%s still answers after the preview stopped", url)
			}
			if after := files(t, dir); !slices.Equal(after, before) {
				t.Errorf("the paper's folder held %v and now holds %v", before, after)
			}
		})
	}
}

// TestPreviewPortInUse checks that a port already taken on 127.0.0.1 is
// exit 1 with a message saying so, before anything is served.
func TestPreviewPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	p := startPaper(t, 0o022, nil, "preview", layoutFixture, "--port", strings.TrimPrefix(ln.Addr().String(), "127.0.0.1:"))
	code := p.wait(t)
	want := "paper: preview: port " + strings.TrimPrefix(ln.Addr().String(), "127.0.0.1:") + " on 127.0.0.1 is in use (another preview, or another server?); choose another with --port, or --port 0 for any free port\n"
	if code != exitInput || p.stderr.String() != want || p.stdout.String() != "" {
		t.Errorf("port %d in use: exit %d, stdout %q, stderr %q; want exit 1 and %q", port, code, p.stdout.String(), p.stderr.String(), want)
	}
}
