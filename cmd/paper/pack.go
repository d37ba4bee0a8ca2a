package main

import (
	"fmt"
	"io"
	"os"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/pack"
	"github.com/spf13/cobra"
)

func packCommand(stdout, stderr io.Writer) *cobra.Command {
	var opts pack.Options
	var quiet bool
	cmd := &cobra.Command{
		Use:   "pack AGENDA.yaml",
		Short: "Assemble the meeting's agenda pack: NAME-public.pdf, and NAME-exempt.pdf when anything is exempt",
		Args:  exactArgs(1, "one agenda.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !quiet && isTerminal(stderr) {
				opts.Progress = func(format string, a ...any) {
					fmt.Fprintf(stderr, "paper: "+format+"\n", a...)
				}
			}
			res, err := pack.Build(args[0], opts)
			if err != nil {
				return inputError{diag.As(err)}
			}
			printDiagnostics(stderr, res.Warnings)
			for _, f := range res.Files {
				fmt.Fprintf(stdout, "wrote %s\n", f)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "", "output `DIR` (default: the agenda's folder)")
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print no progress")
	return cmd
}

// isTerminal reports whether w is a terminal (a character device), so
// progress is shown to people and kept out of logs and pipes.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
