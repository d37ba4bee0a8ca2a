package metrics_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paperhq/paper/bench/synth"
	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/workdays"
)

// figuresText is everything paper metrics prints of c: the JSON, the
// tables with and without quarters, and the uncovered years.
func figuresText(t *testing.T, c *metrics.Complaints, extra []workdays.Day) string {
	t.Helper()
	j, err := json.Marshal(struct {
		Years    map[string]*metrics.Year            `json:"years"`
		Quarters map[string]*metrics.Year            `json:"quarters"`
		Halves   map[string]*metrics.Year            `json:"halves"`
		Services map[string]map[string]*metrics.Year `json:"services"`
		Requests *metrics.Requests                   `json:"requests"`
	}{c.Years, c.Quarters, c.Halves, c.Services, c.Requests})
	if err != nil {
		t.Fatal(err)
	}
	var text, quarters bytes.Buffer
	if err := c.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteTextQuarters(&quarters); err != nil {
		t.Fatal(err)
	}
	label, months, last, ok := c.PartYear()
	return fmt.Sprintf("%s\n%s\n%s\nuncovered %v\npart year %s %d %v %v\nmonths %v", j, text.String(), quarters.String(), c.UncoveredYears(extra), label, months, last, ok, c.Months)
}

// TestStreamMatchesCompute computes the figures of every text case log
// in the repository and of generated ones both ways, from rows stored
// (caselog.ReadFile, Compute) and streamed (Stream), with several
// options: the JSON, the tables, the warnings and the problems must be
// the same, as must what a service or period lookup finds.
func TestStreamMatchesCompute(t *testing.T) {
	var files []string
	for _, dir := range []string{"../../fixtures", "../../examples", "../../templates", "../../cmd/paper/testdata", "../../report"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && caselog.IsText(path) && !strings.Contains(path, "/fuzz/") {
				files = append(files, path)
			}
			return nil
		})
	}
	dir := t.TempDir()
	for _, g := range []struct {
		rows int
		seed uint64
	}{{1, 1}, {100, 2}, {60000, 3}} {
		var b bytes.Buffer
		if err := synth.Write(&b, g.rows, g.seed); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, fmt.Sprintf("generated-%d.csv", g.rows))
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	if len(files) < 12 {
		t.Fatalf("found only %d case logs", len(files))
	}
	holiday := []workdays.Day{workdays.Date(2031, 1, 2)}
	opts := []struct {
		read caselog.Options
		opt  metrics.Options
	}{
		{},
		{caselog.Options{MaxErrors: 1, Workers: 1}, metrics.Options{Workers: 1, Targets: metrics.Targets{5, 0, 30}, Acknowledge: 3}},
		{caselog.Options{DeadlinesFromAcknowledged: true, Services: map[string]string{"Env & Streets": "Environment, Streets & Parks", "Legal": "Legal Services"}},
			metrics.Options{FromAcknowledged: true, Calendar: workdays.New(holiday...)}},
	}
	read := 0
	for _, f := range files {
		for i, o := range opts {
			log, serr := caselog.ReadFile(f, o.read)
			c, slog, err := metrics.Stream(f, o.read, o.opt)
			if fmt.Sprint(diag.As(err)) != fmt.Sprint(diag.As(serr)) {
				t.Fatalf("%s, options %d: problems differ\nstream: %v\nstored: %v", f, i, err, serr)
			}
			if serr != nil {
				continue
			}
			read++
			want := metrics.Compute(log, o.opt)
			if got, want := figuresText(t, c, holiday), figuresText(t, want, holiday); got != want {
				t.Fatalf("%s, options %d: figures differ\nstream: %s\nstored: %s", f, i, got, want)
			}
			if got, want := fmt.Sprint(c.UncoveredYears(holiday)), fmt.Sprint(metrics.UncoveredYears(log, holiday)); got != want {
				t.Fatalf("%s, options %d: uncovered years %s, stored %s", f, i, got, want)
			}
			log.Rows, slog.Rows = nil, nil
			if !reflect.DeepEqual(slog, log) {
				t.Fatalf("%s, options %d: logs differ\nstream: %+v\nstored: %+v", f, i, slog, log)
			}
			for _, s := range append(log.Services, "housing", "no such service") {
				for _, p := range append(want.YearLabels(), "2023/24 Q2", "2024/25 H1", "1999/00") {
					y1, e1 := c.Lookup(p, s)
					y2, e2 := want.Lookup(p, s)
					if !reflect.DeepEqual(y1, y2) || fmt.Sprint(e1) != fmt.Sprint(e2) {
						t.Fatalf("%s: Lookup(%q, %q) differs: %v %v, stored %v %v", f, p, s, y1, e1, y2, e2)
					}
				}
			}
		}
	}
	if read < 3*8 {
		t.Errorf("only %d readings of %d files compared: are the fixtures there?", read, len(files))
	}
	t.Logf("%d readings of %d files compared", read, len(files))
}

// FuzzStreamFiguresMatch checks on random case logs that the figures of
// Stream are those Compute gives for the rows ReadFile stores.
func FuzzStreamFiguresMatch(f *testing.F) {
	for _, s := range []string{
		"Reference,Stage,Service,Received,Responded,Due,Outcome,Acknowledged\nC1,1,Housing,2021-02-28,2021-03-01,,Upheld,2021-03-01\nC2,2,housing ,2021-04-28,,,,\nC3,Ombudsman,Parks,2009-04-28,2009-06-01,2009-05-01,Not upheld,\n",
		"Reference,Type,Stage,Service,Received,Responded,Due,Outcome\nF1,FOI,,Legal,2024-01-31,2024-02-29,,Refused\nS1,SAR,,Legal,2024-01-31,,2024-01-30,\nC1,,1,Housing,2024-02-01,,,\nE1,MP enquiry,,Housing,2031-02-01,2031-02-03,,\n",
		"Reference,Stage,Service,Received,Responded,Outcome\nC1,1,A,2021-02-28,2021-03-01,Refused\nC2,1,B,2021-02-28,,Refused\n",
	} {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, data []byte, fromAck bool) {
		path := filepath.Join(t.TempDir(), "complaints.csv")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		read := caselog.Options{DeadlinesFromAcknowledged: fromAck}
		opt := metrics.Options{FromAcknowledged: fromAck}
		log, serr := caselog.ReadFile(path, read)
		c, _, err := metrics.Stream(path, read, opt)
		if fmt.Sprint(diag.As(err)) != fmt.Sprint(diag.As(serr)) {
			t.Fatalf("problems differ\nstream: %v\nstored: %v", err, serr)
		}
		if serr != nil {
			return
		}
		if got, want := figuresText(t, c, nil), figuresText(t, metrics.Compute(log, opt), nil); got != want {
			t.Fatalf("figures differ\nstream: %s\nstored: %s", got, want)
		}
	})
}
