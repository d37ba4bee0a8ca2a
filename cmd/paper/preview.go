package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/preview"
	"github.com/spf13/cobra"
)

func previewCommand(stdout, stderr io.Writer) *cobra.Command {
	var port int
	var draft bool
	var style string
	cmd := &cobra.Command{
		Use:   "preview REPORT.yaml",
		Short: "Serve the paper as a web page on this computer, rebuilt and reloaded as you edit it",
		Long: `preview serves the paper as the web page paper build --format html writes, at
http://127.0.0.1:PORT/ (this computer only), and rebuilds it whenever the
report.yaml, its data files or its style change; the page reloads itself.
What paper check reports is shown at the top of the page, above the last
build without errors. The appendix PDFs the page links open from it.
Nothing is written to disk. Ctrl-C stops it.`,
		Args: exactArgs(1, "one report.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if port < 0 || port > 65535 {
				return usageError{fmt.Errorf("--port: %d is not a port (0 to 65535; 0 picks a free one)", port)}
			}
			date, err := sourceDateEpoch()
			if err != nil {
				return err
			}
			if err := wrongCommand("preview", args[0]); err != nil {
				return err
			}
			path := args[0]
			addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(port))
			ln, err := preview.Listen(addr)
			if errors.Is(err, preview.ErrInUse) {
				return fmt.Errorf("preview: port %d on 127.0.0.1 is in use (another preview, or another server?); choose another with --port, or --port 0 for any free port", port)
			}
			if err != nil {
				return fmt.Errorf("preview: %v", err)
			}
			defer ln.Close()
			var last string
			srv, err := preview.New(path, preview.Options{Draft: draft, Date: date, Style: style, OnBuild: func(l diag.List) {
				// Each build is one line on the terminal, and its
				// problems, as check prints them, when they differ from
				// the last build's.
				if s := l.Error(); s != last {
					last = s
					printDiagnostics(stderr, l)
				}
				fmt.Fprintf(stderr, "paper: built %s at %s: %s\n", path, time.Now().Format("15:04:05"), summary(l))
			}})
			if err != nil {
				return inputError{diag.As(err)}
			}
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			served := make(chan struct{})
			release := onStop(func() {
				// A signal stops the server before paper exits: at most
				// a couple of seconds for a build under way to end.
				cancel()
				select {
				case <-served:
				case <-time.After(3 * time.Second):
				}
			})
			defer release()
			fmt.Fprintf(stdout, "paper: previewing %s at http://%s/ (Ctrl-C to stop)\n", path, ln.Addr())
			err = srv.Serve(ctx, ln)
			close(served)
			if err != nil {
				return fmt.Errorf("preview: %v", err)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&port, "port", 8080, "the `PORT` to serve on, on 127.0.0.1 only (0 picks a free one)")
	cmd.Flags().BoolVar(&draft, "draft", false, "mark the paper DRAFT, as build --draft does")
	cmd.Flags().StringVar(&style, "style", "", styleUsage)
	return cmd
}

// summary counts a build's problems for the terminal: "OK", "OK, with 1
// warning", "2 errors and 1 warning, shown at the top of the page".
func summary(l diag.List) string {
	n := func(k int, what string) string {
		return fmt.Sprintf("%d %s%s", k, what, map[bool]string{true: "s"}[k != 1])
	}
	e, w := len(l.Errors()), len(l.Warnings())
	switch {
	case e == 0 && w == 0:
		return "OK"
	case e == 0:
		return "OK, with " + n(w, "warning")
	case w == 0:
		return n(e, "error") + ", shown at the top of the page"
	}
	return n(e, "error") + " and " + n(w, "warning") + ", shown at the top of the page"
}

// stopping holds what a command that serves (preview) must do when a
// signal stops paper: guarded calls it before removing the private
// temporary folder.
var stopping struct {
	sync.Mutex
	fn func()
}

// onStop makes fn what a signal runs; release forgets it.
func onStop(fn func()) (release func()) {
	stopping.Lock()
	stopping.fn = fn
	stopping.Unlock()
	return func() {
		stopping.Lock()
		stopping.fn = nil
		stopping.Unlock()
	}
}

// stop runs what onStop set, if anything.
func stop() {
	stopping.Lock()
	fn := stopping.fn
	stopping.Unlock()
	if fn != nil {
		fn()
	}
}
