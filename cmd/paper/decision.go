package main

import (
	"io"

	"github.com/paperhq/paper/report/pipeline"
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
		RunE: writeReport("decision", &opts, &formats, pipeline.Decision, stdout, stderr),
	}
	outputFlags(cmd, &opts, &formats)
	return cmd
}
