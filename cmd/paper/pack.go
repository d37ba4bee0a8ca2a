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
	var formats string
	cmd := &cobra.Command{
		Use:   "pack AGENDA.yaml",
		Short: "Assemble the meeting's agenda pack: NAME-public.pdf, and NAME-exempt.pdf when anything is exempt",
		Long: `pack assembles a meeting's agenda pack from its agenda.yaml: a front sheet
with the agenda and the page each item starts on, then every paper (laid out
as build lays it out), its appendix PDFs and every pdf item, numbered "Page N"
through the whole pack, with one bookmark per item.

It writes NAME-public.pdf (NAME is the agenda file's name without .yaml), in
which every Part II paper, exempt document and exempt appendix is replaced
by a one-page notice quoting its Schedule 12A paragraphs; and, when anything
is exempt, NAME-exempt.pdf: everything, every page marked NOT FOR
PUBLICATION. Any problem (a missing or failing paper, a missing, encrypted
or damaged PDF) names the item, exits 1 and writes nothing.

--format html writes NAME-public/ in place of the packs, and --format
pdf,html (or all) both. NAME-public/ is the meeting's public web site:
the agenda as a page (index.html) linking a page for each public paper
and copies of the public PDFs, with exempt items as their notices. The
exempt pack is a PDF only.

Progress is printed item by item when standard error is a terminal.`,
		Args: exactArgs(1, "one agenda.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := wrongCommand("pack", args[0]); err != nil {
				return err
			}
			var err error
			if opts.Formats, err = parseFormats(formats, pack.Formats); err != nil {
				return err
			}
			if opts.Date, err = sourceDateEpoch(); err != nil {
				return err
			}
			if !quiet && isTerminal(stderr) {
				opts.Progress = func(format string, a ...any) {
					fmt.Fprintf(stderr, "paper: "+format+"\n", a...)
				}
			}
			res, err := pack.Build(args[0], opts)
			if err != nil {
				return inputError{diag.As(err)}
			}
			reportWritten(stdout, stderr, res.Files, res.Warnings)
			return nil
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "", "output `DIR` (default: the agenda's folder)")
	cmd.Flags().StringVar(&opts.Style, "style", "", styleUsage)
	cmd.Flags().BoolVarP(&quiet, "quiet", "q", false, "print no progress")
	cmd.Flags().StringVar(&formats, "format", "pdf", "comma-separated outputs: pdf (the packs), html (the public web site NAME-public/), or all")
	return cmd
}

// isTerminal reports whether w is a terminal, so progress is shown to
// people and kept out of logs, pipes and files. A terminal is a character
// device other than the null device.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	if err != nil || st.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	if null, err := os.Stat(os.DevNull); err == nil && os.SameFile(st, null) {
		return false
	}
	return true
}
