package metrics_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
	"github.com/xuri/excelize/v2"
)

// messyExport writes a case-management export of the usual shape: its
// own headers, UK dates, a byte order mark, CRLF, trailing spaces,
// services in mixed case (most rows spelling each properly), an alias, the system's own Stage and Outcome values, some
// informal rows, some closed rows without an outcome, refused complaints
// (as "Refused" and as the system's own "Outside the Code"), an
// acknowledgement date, blank on some rows, and a Case Type column with
// FOI, EIR, SAR and enquiry rows among the complaints (its own spellings,
// Internal Review stages, outcomes the requests' own, acknowledgement
// dates that are the complaints' column and ignored), counted in requests
// by type for 2024/25. want counts, per
// service (folded) and stage, what paper must find in 2024/25, and
// quarters the same for every quarter ("2024/25 Q1"), computed here as the
// rows are made and not by paper's code.
func messyExport(rows int) (csv string, table [][]string, want map[string]*[3]expect, quarters map[string]map[string]*[3]expect, requests map[string]int) {
	r := rand.New(rand.NewPCG(13, 2025))
	services := [][]string{
		{"Housing", "HOUSING", "housing "},
		{"Children’s Services", "children’s services"},
		{"Environment, Streets & Parks", "Env & Streets"},
		{"Adult Social Care", "Adult  Social Care."},
	}
	stages := []struct {
		value string
		stage int // -1: informal, left out
	}{{"Stage One", 0}, {"Stage 1", 0}, {"Stage Two", 1}, {"LGSCO", 2}, {"Informal", -1}}
	outcomes := []struct {
		value string
		kind  string
	}{{"Upheld", "upheld"}, {"Partly Upheld", "partial"}, {"Not Upheld - Advice Given", "not"}, {"Resolved", "upheld"}, {"", "none"},
		{"Refused", "refused"}, {"Outside the Code", "refused"}}
	types := []struct{ value, key string }{
		{"Freedom of Info", "foi"}, {"FOI", "foi"}, {"EIR", "eir"}, {"Subject Access", "sar"},
		{"Councillor Enquiry", "member_enquiry"}, {"MP enquiry", "mp_enquiry"},
	}
	// Acknowledged this many calendar days after receipt: up to 5 is
	// always within 5 working days (from a Sunday, the fifth is the
	// Friday; holidays only move the deadline later), 15 or more never is
	// (no run of bank holidays is that long); -1 is blank.
	ackDays := []int{0, 1, 2, 3, 4, 5, 15, 21, -1}
	want = map[string]*[3]expect{}
	quarters = map[string]map[string]*[3]expect{}
	requests = map[string]int{}
	table = [][]string{{"Case Ref", "Complaint Stage", "Directorate", "Date Logged", "Date Responded", "Target Date", "Outcome", "Case Type", "Date Acknowledged"}}
	start := time.Date(2023, 4, 1, 0, 0, 0, 0, time.UTC)
	for i := range rows {
		sv := services[r.IntN(len(services))]
		spelling := sv[0] // most rows spell it properly
		if r.IntN(10) < 3 {
			spelling = sv[1+r.IntN(len(sv)-1)]
		}
		st := stages[r.IntN(len(stages))]
		received := start.AddDate(0, 0, r.IntN(730))
		open := r.IntN(10) == 0
		oc := outcomes[r.IntN(len(outcomes))]
		responded := ""
		if open {
			oc.value, oc.kind = "", "open"
		} else {
			responded = received.AddDate(0, 0, 1+r.IntN(30)).Format("02/01/2006")
		}
		typ := []string{"", "Complaint", " complaint"}[r.IntN(3)]
		if r.IntN(10) < 3 {
			ty := types[r.IntN(len(types))]
			typ, st.value, oc.value = ty.value, "", []string{"", "Information provided", "Refused"}[r.IntN(3)]
			key := ty.key
			if (key == "foi" || key == "eir") && r.IntN(5) == 0 {
				st.value, key = "Internal Review", key+"_review"
			}
			if received.After(time.Date(2024, 3, 31, 0, 0, 0, 0, time.UTC)) && received.Before(time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)) {
				requests[key]++
			}
			st.stage = -1 // not a complaint
		}
		ack, ackd := "", ackDays[r.IntN(len(ackDays))]
		if ackd >= 0 {
			ack = received.AddDate(0, 0, ackd).Format("02/01/2006")
		}
		table = append(table, []string{fmt.Sprintf("KCC-%06d", i), st.value, spelling + " ", received.Format("02/01/2006"), responded, "", oc.value, typ, ack})
		if st.stage < 0 {
			continue
		}
		kind := oc.kind
		switch {
		case ackd >= 0 && ackd <= 5:
			kind += "+ack on time"
		case ackd > 5:
			kind += "+ack late"
		}
		oc.kind = kind
		name := sv[0]
		// The quarter, counted from the calendar: April to June is Q1 of
		// the financial year starting that April.
		fy, q := received.Year(), (int(received.Month())-4+12)%12/3+1
		if received.Month() < time.April {
			fy--
		}
		label := fmt.Sprintf("%d/%02d Q%d", fy, (fy+1)%100, q)
		if quarters[label] == nil {
			quarters[label] = map[string]*[3]expect{}
		}
		if quarters[label][name] == nil {
			quarters[label][name] = &[3]expect{}
		}
		quarters[label][name][st.stage].count(oc.kind)
		if fy == 2024 {
			if want[name] == nil {
				want[name] = &[3]expect{}
			}
			want[name][st.stage].count(oc.kind)
		}
	}
	return render(table, ",", "\uFEFF"), table, want, quarters, requests
}

// render writes the export's rows separated by sep, after prefix (a
// byte order mark), quoting as Excel does.
func render(table [][]string, sep, prefix string) string {
	var sb strings.Builder
	sb.WriteString(prefix)
	for _, row := range table {
		for j, f := range row {
			if j > 0 {
				sb.WriteString(sep)
			}
			if strings.ContainsAny(f, sep+"\"") {
				f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
			}
			sb.WriteString(f)
		}
		sb.WriteString("\r\n")
	}
	return sb.String()
}

type expect struct {
	received, closed, upheld, partial, notUpheld, noOutcome int
	refused, acked, ackOnTime                               int
}

// count adds a row with the outcome kind ("upheld", ..., "none" for
// closed without one, "open"), and "+ack on time" or "+ack late" when
// it was acknowledged.
func (e *expect) count(kind string) {
	e.received++
	kind, ack, _ := strings.Cut(kind, "+ack ")
	if ack != "" {
		e.acked++
		if ack == "on time" {
			e.ackOnTime++
		}
	}
	switch kind {
	case "refused":
		e.refused++
	case "upheld":
		e.upheld++
	case "partial":
		e.partial++
	case "not":
		e.notUpheld++
	case "none":
		e.noOutcome++
	}
	if kind != "open" {
		e.closed++
	}
}

// toUnicodeText re-encodes the export as Excel's "Unicode Text": UTF-16
// little-endian with a byte order mark, fields separated by tabs.
func toUnicodeText(table [][]string) []byte {
	text := render(table, "\t", "")
	out := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(text)) {
		out = append(out, byte(u), byte(u>>8))
	}
	return out
}

// toWindows1252 re-encodes the export as Excel's "CSV (Comma delimited)"
// would; the only characters outside ASCII it has are ’ and the BOM.
func toWindows1252(s string) []byte {
	s = strings.TrimPrefix(s, "\uFEFF")
	return []byte(strings.ReplaceAll(s, "’", "\x92"))
}

// coverXLSX writes the export as a workbook with a cover sheet first.
func coverXLSX(t *testing.T, table [][]string) []byte {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Cover")
	f.SetCellValue("Cover", "A1", "Complaints export")
	f.NewSheet("Cases")
	sw, err := f.NewStreamWriter("Cases")
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range table {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = v
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(cell, cells); err != nil {
			t.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMessyExport reads a messy export as UTF-8 CSV, as Windows-1252 CSV,
// as Excel's "Unicode Text" (UTF-16, tabs), as a semicolon-separated CSV
// (Excel in European locales) and as a workbook with a cover sheet, with
// the mapping a report would give, and checks paper's 2024/25 figures and
// every quarter's, per service and stage and for the council, against
// the counts made while writing it.
func TestMessyExport(t *testing.T) {
	csv, table, want, quarters, requests := messyExport(6302)
	values, probs := caselog.ParseValues(map[string]map[string]string{
		"Stage":   {"Informal": "ignore"},
		"Outcome": {"Not Upheld - Advice Given": "not_upheld", "Resolved": "upheld", "Outside the Code": "refused"},
		"Type":    {"Freedom of Info": "foi"},
	})
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	opt := caselog.Options{
		Columns:  map[string]string{"Reference": "Case Ref", "Stage": "Complaint Stage", "Service": "Directorate", "Received": "Date Logged", "Responded": "Date Responded", "Outcome": "Outcome", "Type": "Case Type", "Acknowledged": "Date Acknowledged"},
		Services: map[string]string{"Env & Streets": "Environment, Streets & Parks"},
		Values:   values,
	}
	for _, in := range []struct {
		name string
		read func() (*caselog.Log, error)
	}{
		{"utf-8 csv", func() (*caselog.Log, error) { return caselog.ReadCSV("export.csv", []byte(csv), opt) }},
		{"windows-1252 csv", func() (*caselog.Log, error) { return caselog.ReadCSV("export.csv", toWindows1252(csv), opt) }},
		{"unicode text", func() (*caselog.Log, error) { return caselog.ReadCSV("export.txt", toUnicodeText(table), opt) }},
		{"semicolon csv", func() (*caselog.Log, error) {
			return caselog.ReadCSV("export.csv", []byte(render(table, ";", "\uFEFF")), opt)
		}},
		{"xlsx with a cover sheet", func() (*caselog.Log, error) {
			return caselog.ReadXLSX("export.xlsx", bytes.NewReader(coverXLSX(t, table)), opt)
		}},
	} {
		t.Run(in.name, func(t *testing.T) {
			log, err := in.read()
			if err != nil {
				t.Fatal(err)
			}
			warnings := log.Warnings.Error()
			for _, w := range []string{"counted as one service", "left out of the figures, as data.values says", "with a Responded date but no outcome"} {
				if !strings.Contains(warnings, w) {
					t.Errorf("warnings lack %q:\n%s", w, warnings)
				}
			}
			if strings.Contains(warnings, "is not UTF-8") != (in.name == "windows-1252 csv") ||
				strings.Contains(warnings, "is UTF-16 text") != (in.name == "unicode text") ||
				strings.Contains(warnings, "separated by semicolons") != (in.name == "semicolon csv") {
				t.Errorf("the encoding and separator warnings are wrong:\n%s", warnings)
			}
			c := metrics.Compute(log, metrics.Options{})
			for key, n := range requests {
				if got := c.Requests.ByType[key]["2024/25"]; got == nil || got.Received != n {
					t.Errorf("%s received in 2024/25: %+v, want %d", key, got, n)
				}
			}
			if len(requests) != 7 {
				t.Errorf("the export has %d request types, want all 7", len(requests))
			}
			if len(c.Services) != len(want) {
				t.Errorf("services %q, want %d", c.ServiceNames(), len(want))
			}
			for name, stages := range want {
				y := c.Services[name]["2024/25"]
				if y == nil {
					t.Errorf("no 2024/25 figures for %q; services %q", name, c.ServiceNames())
					continue
				}
				for st, e := range stages {
					s := y.At(caselog.Stage(st))
					got := expect{s.Received, s.Closed, s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.NoOutcome, s.Refused, s.Acknowledged, s.AcknowledgedOnTime}
					if got != e {
						t.Errorf("%s stage %d: got %+v, want %+v", name, st+1, got, e)
					}
				}
			}
			// Every quarter, by service and for the council; the halves
			// as two quarters.
			if got := c.QuarterLabels(); len(got) != len(quarters) {
				t.Errorf("quarters %q, want %d", got, len(quarters))
			}
			halves := map[string]map[string]*[3]expect{}
			for label, services := range quarters {
				var council [3]expect
				h := label[:8] + "H1"
				if label[9] > '2' {
					h = label[:8] + "H2"
				}
				if halves[h] == nil {
					halves[h] = map[string]*[3]expect{}
				}
				for name, stages := range services {
					if halves[h][name] == nil {
						halves[h][name] = &[3]expect{}
					}
					for st, e := range stages {
						council[st].add(e)
						halves[h][name][st].add(e)
					}
					checkPeriod(t, c, label, name, stages)
				}
				checkPeriod(t, c, label, "", &council)
			}
			for label, services := range halves {
				for name, stages := range services {
					checkPeriod(t, c, label, strings.ToUpper(name), stages) // as an author might type it
				}
			}
		})
	}
}

func (e *expect) add(o expect) {
	e.received += o.received
	e.closed += o.closed
	e.upheld += o.upheld
	e.partial += o.partial
	e.notUpheld += o.notUpheld
	e.noOutcome += o.noOutcome
	e.refused += o.refused
	e.acked += o.acked
	e.ackOnTime += o.ackOnTime
}

// checkPeriod compares paper's figures for a period and service ("" for
// the council) with the counts made while writing the export.
func checkPeriod(t *testing.T, c *metrics.Complaints, period, service string, want *[3]expect) {
	t.Helper()
	y, err := c.Lookup(period, service)
	if err != nil {
		t.Errorf("%s %q: %v", period, service, err)
		return
	}
	for st, e := range want {
		s := y.At(caselog.Stage(st))
		if got := (expect{s.Received, s.Closed, s.Upheld, s.PartiallyUpheld, s.NotUpheld, s.NoOutcome, s.Refused, s.Acknowledged, s.AcknowledgedOnTime}); got != e {
			t.Errorf("%s %q stage %d: got %+v, want %+v", period, service, st+1, got, e)
		}
	}
}
