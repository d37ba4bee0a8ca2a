package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/doc"
	"github.com/paperhq/paper/report/pipeline"
	"github.com/paperhq/paper/report/writers"
	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK       = 0
	exitInput    = 1
	exitUsage    = 2
	exitInternal = 3
	// exitSignal plus the signal's number is the code of a run stopped by
	// a signal, as shells report it: 130 for SIGINT (Ctrl-C), 143 for
	// SIGTERM.
	exitSignal = 128
)

// inputError is a problem with the user's files: exit 1.
type inputError struct{ list diag.List }

func (e inputError) Error() string { return e.list.Error() }

// usageError is a problem with the command line: exit 2.
type usageError struct{ error }

// reportURL is where internal errors should be reported.
const reportURL = "https://github.com/paperhq/paper/issues"

// run executes the command line and returns the exit code. A panic (a bug
// in paper, never the user's input) is turned into one line asking to
// report it, not a goroutine dump.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "paper: internal error: %v (please report this at %s, with the command you ran)\n", r, reportURL)
			if os.Getenv("PAPER_DEBUG") != "" {
				stderr.Write(debug.Stack())
			}
			code = exitInternal
		}
	}()
	root := rootCommand(stdin, stdout, stderr)
	root.SetArgs(args)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ie inputError
	if errors.As(err, &ie) {
		printDiagnostics(stderr, ie.list)
		return exitInput
	}
	var ue usageError
	if errors.As(err, &ue) || isCobraUsage(err) {
		fmt.Fprintf(stderr, "paper: %v\nRun 'paper --help' for usage.\n", err)
		return exitUsage
	}
	fmt.Fprintf(stderr, "paper: %v\n", err)
	return exitInput
}

// isCobraUsage recognises cobra's own command-line errors.
func isCobraUsage(err error) bool {
	s := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand flag", "accepts ", "requires at least", "requires at most", "flag needs an argument", "invalid argument"} {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// printDiagnostics prints one problem per line, in file, line and column
// order, as compilers do, so that editors can jump to each.
func printDiagnostics(w io.Writer, l diag.List) {
	l = append(diag.List(nil), l...)
	l.Sort()
	for _, d := range l {
		fmt.Fprintln(w, d.String())
	}
}

func rootCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	root := &cobra.Command{
		Use:   "paper",
		Short: "Committee papers and agenda packs from YAML and complaint data",
		Long: `paper turns a YAML report definition plus a council's complaint data into
finished committee papers (PDF and DOCX) in the councils' standard layout,
and assembles agenda packs with exempt (Part II) material kept out of the
public pack.

Exit codes: 0 success (warnings may be printed), 1 invalid input (nothing
written), 2 usage error, 3 internal error, 130 interrupted (SIGINT, Ctrl-C),
143 terminated (SIGTERM); a stopped run leaves no partial outputs or
temporary files.`,
		SilenceErrors: true,
		SilenceUsage:  true,
		// A bare "paper" is a usage error: say what the commands are.
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("unknown command %q", args[0])}
			}
			return usageError{errors.New("no command given; the commands are new, check, build, decision, metrics, pack and preview")}
		},
	}
	root.Version = versionString()
	root.SetVersionTemplate("{{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(newCommand(stdout), checkCommand(stdout, stderr), buildCommand(stdout, stderr), decisionCommand(stdout, stderr), metricsCommand(stdout, stderr), packCommand(stdout, stderr), previewCommand(stdout, stderr))
	root.CompletionOptions.DisableDefaultCmd = true
	return root
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s: expected %s, got %d argument(s)", cmd.Name(), what, len(args))}
		}
		return nil
	}
}

func checkCommand(stdout, stderr io.Writer) *cobra.Command {
	var audit bool
	var styleRef string
	cmd := &cobra.Command{
		Use:   "check FILE.yaml",
		Short: "Validate a report or agenda definition and list every problem with file:line:col",
		Args:  exactArgs(1, "one report.yaml or agenda.yaml"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if k := fileKind(args[0]); audit && k != kindReport && k != kindUnknown {
				return usageError{fmt.Errorf("check --disclosure takes a report.yaml")}
			}
			l := checkFile(args[0], styleRef)
			if l.HasErrors() {
				return inputError{l}
			}
			printDiagnostics(stderr, l)
			if audit {
				if err := printDisclosure(stdout, args[0], styleRef); err != nil {
					return err
				}
			}
			if n := len(l.Warnings()); n > 0 {
				fmt.Fprintf(stdout, "%s: OK, with %d warning%s\n", args[0], n, map[bool]string{true: "s"}[n > 1])
			} else {
				fmt.Fprintf(stdout, "%s: OK\n", args[0])
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&styleRef, "style", "", styleUsage)
	cmd.Flags().BoolVar(&audit, "disclosure", false, "also print, for each suppressed table, the cells withheld, why, and each small count's audited range")
	return cmd
}

func buildCommand(stdout, stderr io.Writer) *cobra.Command {
	var opts pipeline.Options
	var formats string
	cmd := &cobra.Command{
		Use:   "build REPORT.yaml",
		Short: "Write the paper as PDF and DOCX, or HTML (named after the YAML file)",
		Args:  exactArgs(1, "one report.yaml"),
		RunE:  writeReport("build", &opts, &formats, pipeline.Build, stdout, stderr),
	}
	outputFlags(cmd, &opts, &formats)
	cmd.Flags().BoolVar(&opts.Draft, "draft", false, "mark every page DRAFT in the header and as a diagonal watermark")
	cmd.Flags().BoolVar(&opts.ExemptOK, "exempt-ok", false, "write --format html for a Part II (exempt) paper, which is not for the website")
	return cmd
}

// writeReport is the work of a command that writes a report's outputs
// (build, decision): it reads --format and SOURCE_DATE_EPOCH, runs write
// and lists what it wrote, or refuses the wrong kind of file.
func writeReport(name string, opts *pipeline.Options, formats *string, write func(string, pipeline.Options) (pipeline.Result, error), stdout, stderr io.Writer) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		var err error
		if opts.Formats, err = parseFormats(*formats, writers.Names()); err != nil {
			return err
		}
		if opts.Date, err = sourceDateEpoch(); err != nil {
			return err
		}
		res, err := write(args[0], *opts)
		if err != nil {
			// A file of another kind (an agenda, a letter, a case log)
			// never builds as a report, and writes nothing; only then is
			// the file read again for its kind, to name the command that
			// takes it, so a paper that builds is parsed once.
			if err := wrongCommand(name, args[0]); err != nil {
				return err
			}
			return inputError{diag.As(err)}
		}
		reportWritten(stdout, stderr, res.Files, res.Warnings)
		return nil
	}
}

// outputFlags adds the flags of a command that writes a report's
// outputs: -o DIR, --format and --style.
func outputFlags(cmd *cobra.Command, opts *pipeline.Options, formats *string) {
	cmd.Flags().StringVarP(&opts.OutDir, "output", "o", "", "output `DIR` (default: the report's folder)")
	cmd.Flags().StringVar(formats, "format", strings.Join(writers.Names(writers.Default()...), ","), "comma-separated output formats: "+strings.Join(writers.Names(), ", ")+", or all")
	cmd.Flags().StringVar(&opts.Style, "style", "", styleUsage)
}

// styleUsage describes --style.
const styleUsage = "the house style, in place of the YAML's style key: a shipped style's `NAME` (default, cabinet, heritage) or a style file's path"

// parseFormats reads --format: known formats, any case, separated by
// commas, each written once however often it is named; "all" names every
// known format. Naming none is a usage error, not a request for every
// format.
func parseFormats(list string, known []string) ([]string, error) {
	var formats []string
	for _, f := range strings.Split(list, ",") {
		f = strings.ToLower(strings.TrimSpace(f))
		if f == "" {
			continue
		}
		names := []string{f}
		if f == "all" {
			names = known
		} else if !slices.Contains(known, f) {
			return nil, usageError{fmt.Errorf("--format: unknown format %q (known: %s, all)", f, strings.Join(known, ", "))}
		}
		for _, f := range names {
			if !slices.Contains(formats, f) {
				formats = append(formats, f)
			}
		}
	}
	if len(formats) == 0 {
		return nil, usageError{fmt.Errorf("--format: no format given (known: %s, all)", strings.Join(known, ", "))}
	}
	return formats, nil
}

// sourceDateEpoch reads SOURCE_DATE_EPOCH, the one place paper reads the
// environment for its outputs, and returns the date it names (zero when
// unset) for the command to pass down. An invalid value is a usage error
// before a command writes anything: a build that was asked for a fixed
// date must not quietly write another.
func sourceDateEpoch() (time.Time, error) {
	t, _, err := doc.SourceDateEpoch(os.Getenv("SOURCE_DATE_EPOCH"))
	if err != nil {
		return time.Time{}, usageError{err}
	}
	return t, nil
}

// reportWritten prints a command's warnings on stderr and the files it
// wrote on stdout.
func reportWritten(stdout, stderr io.Writer, files []string, warnings diag.List) {
	printDiagnostics(stderr, warnings)
	for _, f := range files {
		fmt.Fprintf(stdout, "wrote %s\n", f)
	}
}
