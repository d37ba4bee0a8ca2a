package preview

import (
	"fmt"
	"net"
	"net/http"
	"path/filepath"
	"strconv"

	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/diag"
)

// handler answers the preview's requests on addr: the page at /, its
// event stream at /events and the files the page links, read-only (GET
// and HEAD). A request addressed to another host (a web page in the
// browser reaching this server by DNS rebinding) is refused.
func (s *Server) handler(addr net.Addr) http.Handler {
	port := ""
	if a, ok := addr.(*net.TCPAddr); ok {
		port = strconv.Itoa(a.Port)
	}
	hosts := map[string]bool{"127.0.0.1:" + port: true, "localhost:" + port: true, "[::1]:" + port: true}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Cache-Control", "no-store")
		if !hosts[r.Host] {
			http.Error(w, fmt.Sprintf("paper preview answers only requests for http://127.0.0.1:%s/", port), http.StatusMisdirectedRequest)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "paper preview is read-only", http.StatusMethodNotAllowed)
			return
		}
		switch r.URL.Path {
		case "/":
			s.page(w, r)
		case "/events":
			s.events(w, r)
		default:
			s.file(w, r)
		}
	})
}

// page serves the page.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	st := s.current()
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", st.csp)
	h.Set("Content-Length", strconv.Itoa(len(st.page)))
	if r.Method == http.MethodHead {
		return
	}
	w.Write(st.page)
}

// events is the stream of server-sent events the page's script listens
// to: "reload" as soon as the page it shows (its version in the query)
// is not the one served, at once if it is already stale.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	w.WriteHeader(http.StatusOK)
	if r.Method == http.MethodHead {
		return
	}
	fmt.Fprint(w, "retry: 1000\n\n")
	flusher.Flush()
	shown := r.URL.Query().Get("version")
	for {
		st := s.current()
		if st.version != shown {
			shown = st.version
			fmt.Fprintf(w, "event: reload\ndata: %s\n\n", st.version)
			flusher.Flush()
		}
		select {
		case <-st.changed:
		case <-r.Context().Done():
			return
		case <-s.done:
			return
		}
	}
}

// file serves a file the page links, read as every input is (a regular
// file within the appendix size limit, never a folder's listing); any
// other path is not found.
func (s *Server) file(w http.ResponseWriter, r *http.Request) {
	path, ok := s.current().files[r.URL.Path]
	if !ok {
		http.Error(w, "not found: paper preview serves the paper and the files it links, nothing else", http.StatusNotFound)
		return
	}
	f, err := diag.Open(path, definition.MaxPDFSize, "a linked file")
	if err != nil {
		http.Error(w, "not found: "+diag.ReadError(err), http.StatusNotFound)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		http.Error(w, "not found", http.StatusNotFound)
		return
	}
	http.ServeContent(w, r, filepath.Base(path), fi.ModTime(), f)
}
