package main

import (
	"io"
	"strings"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/pipeline"
	"github.com/paperhq/paper/report/writers"
	"github.com/spf13/cobra"
)

func decisionCommand(stdout, stderr io.Writer) *cobra.Command {
	var opts pipeline.Options
	var formats string
	cmd := &cobra.Command{
		Use:   "decision REPORT.yaml",
		Short: "Write the decision notice of a paper's decision: block (NAME-decision.pdf, .docx, .html)",
		Long: `decision writes the notice a council publishes after a decision is taken on
a paper: decision maker, status, key decision, call-in, report author, the
dates of publication, of the decision and from which it takes effect (the
working day after the call-in period), the resolutions, reasons,
alternatives rejected and interests declared. It reads the paper's
decision: block, checks the paper as build does, and writes
NAME-decision.pdf and NAME-decision.docx (and NAME-decision.html with
--format html or all) beside the paper's own outputs; on any problem it
writes nothing.`,
		Args: exactArgs(1, "one report.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			var err error
			if opts.Formats, err = parseFormats(formats); err != nil {
				return err
			}
			if opts.Date, err = sourceDateEpoch(); err != nil {
				return err
			}
			if err := wrongCommand("decision", args[0]); err != nil {
				return err
			}
			res, err := pipeline.Decision(args[0], opts)
			if err != nil {
				return inputError{diag.As(err)}
			}
			reportWritten(stdout, stderr, res.Files, res.Warnings)
			return nil
		},
	}
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "", "output `DIR` (default: the report's folder)")
	cmd.Flags().StringVar(&formats, "format", strings.Join(writers.Names(writers.Default()...), ","), "comma-separated output formats: "+strings.Join(writers.Names(), ", ")+", or all")
	return cmd
}
