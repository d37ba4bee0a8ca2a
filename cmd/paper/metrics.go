package main

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/hos"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/pipeline"
	"github.com/paperhq/paper/report/workdays"
	"github.com/spf13/cobra"
)

func metricsCommand(stdout, stderr io.Writer) *cobra.Command {
	var (
		asJSON    bool
		quarters  bool
		letter    string
		sheet     string
		columns   []string
		targets   []string
		holidays  []string
		maxErrors int
	)
	cmd := &cobra.Command{
		Use:   "metrics [CASELOG.csv|CASELOG.xlsx|report.yaml]",
		Short: "Print the complaint metrics of a case log (and the Ombudsman's letter figures)",
		Long: `Print the complaint metrics of a case log per financial year and stage, and
per service: received, closed, open, on time, on-time rate, mean working days,
outcomes, upheld rate and escalation rates. With --ombudsman, add the
Ombudsman's annual letter figures and the rates derived from them.

Given a report definition, the figures come from its data: block (case log,
sheet, encoding, columns, values, services, targets, holidays and the
Ombudsman's letter), as a build reads them; the flags that would say the same
are then refused.

With --json the output is the documented JSON (rates as unrounded fractions,
null where a denominator is zero), quarters and halves beside the years;
without it, a readable table per year (with --quarters, each followed by its
quarters' and halves').`,
		Example: `  paper metrics complaints.csv --json
  paper metrics export.xlsx --column Reference="Case Reference" --column Received="Date Received"
  paper metrics complaints.csv --quarters
  paper metrics complaints.csv --ombudsman ombudsman.yaml --json
  paper metrics report.yaml --json`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 1 {
				return usageError{fmt.Errorf("metrics: expected at most one case log, got %d arguments", len(args))}
			}
			if len(args) == 0 && letter == "" {
				return usageError{fmt.Errorf("metrics: give a case log (CSV or XLSX), --ombudsman FILE, or both")}
			}
			if len(args) == 1 && fileKind(args[0]) == kindHousing {
				return usageError{fmt.Errorf("metrics: %s is the Housing Ombudsman's figures (housing-ombudsman.yaml): name it under data: housing_ombudsman: in a report.yaml and give paper metrics the report, or check it with paper check %s", args[0], args[0])}
			}
			if len(args) == 1 && isReport(args[0]) {
				for _, f := range []string{"ombudsman", "sheet", "column", "target", "holiday"} {
					if cmd.Flags().Changed(f) {
						return usageError{fmt.Errorf("--%s: %s is a report, whose data: block says what --%s would; change it there, or give the case log itself", f, args[0], f)}
					}
				}
				return nil
			}
			if cmd.Flags().Changed("sheet") {
				// A CSV has one table: a --sheet given with it would
				// otherwise be silently ignored.
				if len(args) == 0 {
					return usageError{fmt.Errorf("--sheet %q: picks a worksheet of an XLSX case log, and no case log is given", sheet)}
				}
				if ext := strings.ToLower(filepath.Ext(args[0])); ext != ".xlsx" && ext != ".xlsm" {
					return usageError{fmt.Errorf("--sheet %q: picks a worksheet of an XLSX case log, and %s is not one", sheet, args[0])}
				}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := metrics.Options{Targets: metrics.DefaultTargets()}
			for _, t := range targets {
				// The rule is data.targets' (pipeline.Target); only the
				// place named differs: the flag, not a report.yaml line.
				k, v, ok := strings.Cut(t, "=")
				n, err := strconv.Atoi(strings.TrimSpace(v))
				if !ok || err != nil {
					return usageError{fmt.Errorf("--target %q: write STAGE=DAYS, e.g. stage1=10 (stages: stage1, stage2, ombudsman; acknowledge for the acknowledgement; requests: foi, eir, internal_review, sar (months), member_enquiry, mp_enquiry)", t)}
				}
				if types, ok, err := pipeline.RequestTarget(strings.TrimSpace(k), n); ok {
					if err != nil {
						return usageError{fmt.Errorf("--target %q: %v", t, err)}
					}
					for _, ty := range types {
						opts.Requests[ty] = n
					}
					continue
				}
				st, ack, err := pipeline.Target(strings.TrimSpace(k), n)
				if err != nil {
					return usageError{fmt.Errorf("--target %q: %v", t, err)}
				}
				if ack {
					opts.Acknowledge = n
				} else {
					opts.Targets[st] = n
				}
			}
			var extra []workdays.Day
			for _, h := range holidays {
				t, err := time.Parse("2006-01-02", h)
				if err != nil {
					return usageError{fmt.Errorf("--holiday %q: write dates as YYYY-MM-DD", h)}
				}
				extra = append(extra, workdays.FromTime(t))
			}
			opts.Calendar = workdays.New(extra...)
			cols := map[string]string{}
			for _, c := range columns {
				k, v, ok := strings.Cut(c, "=")
				if !ok || strings.TrimSpace(v) == "" {
					return usageError{fmt.Errorf("--column %q: write COLUMN=HEADER, e.g. Received=\"Date Received\" (columns: %s)", c, strings.Join(caselog.Columns, ", "))}
				}
				std, err := pipeline.Column(k)
				if err != nil {
					return usageError{fmt.Errorf("--column %q: %v", c, err)}
				}
				cols[std] = strings.TrimSpace(v)
			}

			// The documented order: years, services, then the letter; the
			// first two present, if empty, whenever a case log was read.
			var out struct {
				Years     *map[string]*metrics.Year            `json:"years,omitempty"`
				Quarters  *map[string]*metrics.Year            `json:"quarters,omitempty"`
				Halves    *map[string]*metrics.Year            `json:"halves,omitempty"`
				Services  *map[string]map[string]*metrics.Year `json:"services,omitempty"`
				Requests  *metrics.Requests                    `json:"requests,omitempty"`
				Ombudsman *ombudsman.Letter                    `json:"ombudsman,omitempty"`
				Housing   *hos.Figures                         `json:"housing_ombudsman,omitempty"`
			}
			// Read both inputs before reporting, so that one run lists the
			// problems of each.
			var errs diag.List
			var complaints *metrics.Complaints
			var l *ombudsman.Letter
			var housing *metrics.Figures // with the Housing Ombudsman's figures
			if len(args) == 1 && isReport(args[0]) {
				fig, errs := pipeline.Data(args[0])
				if errs.HasErrors() {
					return inputError{errs}
				}
				printDiagnostics(stderr, errs)
				if complaints = fig.Complaints; complaints != nil {
					out.Years, out.Services = &complaints.Years, &complaints.Services
					out.Quarters, out.Halves = &complaints.Quarters, &complaints.Halves
					out.Requests = complaints.Requests
				}
				l, out.Ombudsman = fig.Letter, fig.Letter
				out.Housing = fig.Housing
				if fig.Housing != nil {
					housing = fig
				}
			} else if len(args) == 1 {
				// Streamed: the rows are counted as they are read, not kept.
				c, log, err := metrics.Stream(args[0], caselog.Options{Columns: cols, Sheet: sheet, MaxErrors: maxErrors, Flags: true}, opts)
				if err != nil {
					errs = append(errs, diag.As(err)...)
				} else {
					complaints = c
					printDiagnostics(stderr, log.Warnings)
					out.Years, out.Services = &complaints.Years, &complaints.Services
					out.Quarters, out.Halves = &complaints.Quarters, &complaints.Halves
					out.Requests = complaints.Requests
					if years := complaints.UncoveredYears(extra); len(years) > 0 {
						var w diag.List
						w.Warnf(args[0], 0, 0, "", "%s; give those years' bank holidays with --holiday", metrics.UncoveredMessage(years))
						printDiagnostics(stderr, w)
					}
				}
			}
			if letter != "" {
				var err error
				if l, err = ombudsman.Load(letter); err != nil {
					errs = append(errs, diag.As(err)...)
				}
				out.Ombudsman = l
			}
			if len(errs) > 0 {
				return inputError{errs}
			}
			if asJSON {
				enc := json.NewEncoder(stdout)
				enc.SetIndent("", "  ")
				return enc.Encode(out)
			}
			if complaints != nil {
				write := complaints.WriteText
				if quarters {
					write = complaints.WriteTextQuarters
				}
				if err := write(stdout); err != nil {
					return err
				}
			}
			if l != nil {
				if complaints != nil {
					fmt.Fprintln(stdout)
				}
				if err := l.WriteText(stdout); err != nil {
					return err
				}
			}
			if housing != nil {
				if complaints != nil || l != nil {
					fmt.Fprintln(stdout)
				}
				var perHomes func(string, int) (float64, bool)
				if complaints != nil {
					perHomes = func(y string, st int) (float64, bool) {
						v, ok, err := housing.HousingPerThousand(y, caselog.Stage(st))
						return v, ok && err == nil
					}
				}
				return housing.Housing.WriteText(stdout, perHomes)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.BoolVar(&asJSON, "json", false, "print JSON (the documented contract) instead of tables")
	f.BoolVar(&quarters, "quarters", false, "add each year's quarters and halves (2024/25 Q1 ... H2) to the tables; JSON always has them")
	f.StringVar(&letter, "ombudsman", "", "the Ombudsman's annual letter figures (ombudsman.yaml) to add")
	f.StringVar(&sheet, "sheet", "", "the XLSX worksheet to read, by name or number from 1 (default: the first with the columns)")
	f.StringArrayVar(&columns, "column", nil, "map a standard column to the export's header, COLUMN=HEADER (repeatable)")
	f.StringArrayVar(&targets, "target", nil, "working-day target for a stage or request type, KEY=DAYS (default stage1=10, stage2=20, ombudsman=20, acknowledge=5, foi=20, eir=20, internal_review=20, member_enquiry=10, mp_enquiry=10; sar=1 is in months)")
	f.StringArrayVar(&holidays, "holiday", nil, "an extra non-working day, YYYY-MM-DD (repeatable)")
	f.IntVar(&maxErrors, "max-errors", caselog.DefaultMaxErrors, "list at most this many problems in the case log")
	return cmd
}

// isReport tells paper metrics that its argument is a report definition,
// whose data: block gives the inputs: a YAML file that is not an
// Ombudsman letter (a broken one is left to the report's loader, which
// says why).
func isReport(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".yaml", ".yml":
		return fileKind(path) != kindLetter && fileKind(path) != kindHousing
	}
	return false
}
