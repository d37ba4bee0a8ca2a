package preview

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/paperhq/paper/report/internal/tooltest"
)

// webDriver is a session of headless Chromium driven through Debian's
// chromedriver by the W3C WebDriver protocol.
type webDriver struct {
	t    *testing.T
	base string // the session's address
}

func startBrowser(t *testing.T) *webDriver {
	t.Helper()
	chromium := tooltest.Require(t, "chromium")
	driver := tooltest.Require(t, "chromedriver")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, driver, "--port="+strconv.Itoa(port))
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})
	root := fmt.Sprintf("http://127.0.0.1:%d", port)
	for start := time.Now(); ; time.Sleep(50 * time.Millisecond) {
		if resp, err := http.Get(root + "/status"); err == nil {
			resp.Body.Close()
			break
		}
		if time.Since(start) > 20*time.Second {
			t.Fatal("chromedriver did not start")
		}
	}
	w := &webDriver{t: t, base: root}
	var session struct {
		SessionID string `json:"sessionId"`
	}
	w.call("POST", "/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": map[string]any{
		"browserName": "chrome",
		"goog:chromeOptions": map[string]any{"binary": chromium,
			// Chromium's sandbox needs user namespaces, which CI's
			// containers may not have.
			"args": []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"}},
	}}}, &session)
	w.base = root + "/session/" + session.SessionID
	t.Cleanup(func() { w.call("DELETE", "", nil, nil) })
	return w
}

// call sends one WebDriver command and decodes its value into out.
func (w *webDriver) call(method, path string, in, out any) {
	w.t.Helper()
	var body io.Reader
	if in != nil {
		b, _ := json.Marshal(in)
		body = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, w.base+path, body)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		w.t.Fatal(err)
	}
	defer resp.Body.Close()
	var reply struct {
		Value json.RawMessage `json:"value"`
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, &reply); err != nil || resp.StatusCode != http.StatusOK {
		w.t.Fatalf("WebDriver %s %s: %s %s", method, path, resp.Status, b)
	}
	if out != nil {
		if err := json.Unmarshal(reply.Value, out); err != nil {
			w.t.Fatalf("WebDriver %s %s: %v in %s", method, path, err, b)
		}
	}
}

// run runs script in the page and decodes what it returns into out.
func (w *webDriver) run(script string, out any) {
	w.t.Helper()
	w.call("POST", "/execute/sync", map[string]any{"script": script, "args": []any{}}, out)
}

// TestBrowserReloads opens the preview in headless Chromium: under the
// page's Content-Security-Policy its style sheets apply and its script
// runs, and when the paper is edited the script reloads the page, within
// the 2 seconds.
func TestBrowserReloads(t *testing.T) {
	path := copyExample(t)
	url := serve(t, path)
	w := startBrowser(t)
	w.call("POST", "/url", map[string]any{"url": url}, nil)

	var got struct {
		Title       string `json:"title"`
		MaxWidth    string `json:"maxWidth"`
		PanelBorder string `json:"panelBorder"`
	}
	const look = `return {
		title: document.title,
		maxWidth: getComputedStyle(document.body).maxWidth,
		panelBorder: document.querySelector(".paper-preview") ? getComputedStyle(document.querySelector(".paper-preview")).borderTopWidth : ""
	};`
	w.run(look, &got)
	if !strings.HasPrefix(got.Title, "Analysis of the Ombudsman's Annual Review Letter 2020/21") {
		t.Fatalf("the browser shows %q", got.Title)
	}
	if got.MaxWidth == "none" || got.MaxWidth == "" {
		t.Errorf("the paper's style sheet does not apply (body max-width %q): the policy blocks it", got.MaxWidth)
	}
	// The script, if the policy let it run, is listening to /events;
	// had it not connected before the edit, it hears "reload" as soon as
	// it does, the page it shows being stale by then.
	w.run(`window.paperPreviewTest = "before the reload"; return null;`, nil)

	// A mistake: the page reloads to show it, with the preview's own
	// style sheet applied.
	edit(t, path, "\npurpose:", "\npurpsoe:")
	var marker any
	start := time.Now()
	for time.Since(start) < within {
		w.run(`return window.paperPreviewTest === undefined ? null : window.paperPreviewTest;`, &marker)
		if marker == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if marker != nil {
		t.Fatalf("the page did not reload within %v of the edit: the policy blocks its script, or the script failed", within)
	}
	t.Logf("reloaded %v after the edit", time.Since(start).Round(time.Millisecond))
	for start := time.Now(); time.Since(start) < within; time.Sleep(50 * time.Millisecond) {
		w.run(look, &got)
		if got.PanelBorder != "" {
			break
		}
	}
	if got.PanelBorder != "2px" {
		t.Errorf("the preview's lines are not styled (border %q): the policy blocks their style sheet", got.PanelBorder)
	}
}
