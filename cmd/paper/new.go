package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/style"
	"github.com/paperhq/paper/templates"
	"github.com/spf13/cobra"
)

func newCommand(stdout io.Writer) *cobra.Command {
	var styleName string
	cmd := &cobra.Command{
		Use:   "new TEMPLATE DIR",
		Short: "Scaffold a report.yaml (and sample data) from a template",
		Args:  exactArgs(2, "a template name and a folder"),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !slices.Contains(templates.Names(), args[0]) {
				return usageError{fmt.Errorf("new: no template %q; the templates are %s", args[0], strings.Join(templates.Names(), ", "))}
			}
			if styleName != "" && !slices.Contains(style.Names(), styleName) {
				return usageError{fmt.Errorf("new: --style: no shipped style %q; the shipped styles are %s (a style file of your own is named in report.yaml: style: house/style.yaml)", styleName, strings.Join(style.Names(), ", "))}
			}
			written, err := templates.ScaffoldStyled(args[0], args[1], styleName)
			if err != nil {
				return inputError{diag.List{{Msg: err.Error()}}}
			}
			for _, w := range written {
				fmt.Fprintf(stdout, "wrote %s\n", w)
			}
			fmt.Fprintf(stdout, "next: edit %s, then run: paper check %[1]s\n", filepath.Join(args[1], "report.yaml"))
			return nil
		},
	}
	cmd.Flags().StringVar(&styleName, "style", "", "the shipped house style the report names: "+strings.Join(style.Names(), ", "))
	// The help lists each template with the first line of its
	// report.yaml: read only when the help is shown, not at every start
	// of every command (it copies some 70 KB of embedded files).
	cmd.SetHelpFunc(func(c *cobra.Command, args []string) {
		c.Long = newLong()
		c.Parent().HelpFunc()(c, args)
	})
	return cmd
}

// newLong is the long help of paper new.
func newLong() string {
	return "Scaffold a report.yaml from a template into DIR, which is created if needed. Existing files are never overwritten.\n\nTemplates:\n" + templateList()
}

func templateList() string {
	s := ""
	for _, n := range templates.Names() {
		s += fmt.Sprintf("  %-22s %s\n", n, templates.Describe(n))
	}
	return s
}
