//go:build ignore

// Command data writes the example paper's case log and Ombudsman figures,
// examples/lgsco-annual-review/complaints.csv and ombudsman.yaml, for the
// fictional Kingsbridge City Council:
//
//	go run examples/gen/data/main.go
//
// The output is the same on every run (a fixed-seed generator of its own,
// no clock). The figures are chosen so that `paper metrics` reproduces
// the published figures the example paper is checked against: Ombudsman
// enquiries 47 (34% answered on time) in 2018/19, 36 (53%) in 2019/20 and
// 39 (69%) in 2020/21; 237 stage 2 and about 3,100 stage 1 complaints in
// 2020/21; and, in the Ombudsman's letter for 2020/21, 95% compliance with
// recommendations, 83% of investigations upheld and 4% of upheld cases
// already remedied by the council.
//
// The generator decides which responses are on time and picks Responded
// dates accordingly with the real working-day calendar; it then reads the
// files back with the real case-log reader, metrics and letter checks and
// stops with an error unless those figures come out. Every reference,
// service split and date is invented.
package main

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"log"
	"math"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
	"github.com/paperhq/paper/report/ombudsman"
	"github.com/paperhq/paper/report/workdays"
)

const dir = "examples/lgsco-annual-review"

// extract is the day the case log was exported: responses due after it
// had not been sent yet, so those complaints are open.
var extract = workdays.Date(2021, time.April, 23)

// rng is splitmix64: tiny, and its output never changes between Go
// releases, unlike math/rand's helpers.
type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns an integer in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

// pick returns an index chosen with probability proportional to w.
func (r *rng) pick(w []float64) int {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	t := r.float() * sum
	for i, x := range w {
		if t < x {
			return i
		}
		t -= x
	}
	return len(w) - 1
}

func (r *rng) shuffle(n int, swap func(i, j int)) {
	for i := n - 1; i > 0; i-- {
		swap(i, r.intn(i+1))
	}
}

// apportion splits total into whole counts proportional to w (largest
// remainder), so that they add up exactly.
func apportion(total int, w []float64) []int {
	sum := 0.0
	for _, x := range w {
		sum += x
	}
	out := make([]int, len(w))
	rem := make([]float64, len(w))
	given := 0
	for i, x := range w {
		v := float64(total) * x / sum
		out[i] = int(math.Floor(v))
		rem[i] = v - math.Floor(v)
		given += out[i]
	}
	order := make([]int, len(w))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case rem[a] > rem[b]:
			return -1
		case rem[a] < rem[b]:
			return 1
		}
		return 0
	})
	for k := 0; given < total; k++ {
		out[order[k%len(order)]]++
		given++
	}
	return out
}

// Services, with each stage's share of complaints and an adjustment to
// the chance of a response on time (social care and housing cases are
// harder to answer quickly). The last is small enough that its counts
// fall below five, so published tables must suppress them.
var services = []struct {
	name      string
	share     [3]float64 // stage 1, stage 2, Ombudsman
	onTimeAdj float64
}{
	{"Housing", [3]float64{0.25, 0.31, 0.31}, -0.05},
	{"Council Tax and Benefits", [3]float64{0.17, 0.14, 0.09}, 0.02},
	{"Waste and Recycling", [3]float64{0.18, 0.07, 0.04}, 0.04},
	{"Highways and Transport", [3]float64{0.12, 0.10, 0.07}, 0},
	{"Parks and Leisure", [3]float64{0.07, 0.04, 0.02}, 0.03},
	{"Adult Social Care", [3]float64{0.07, 0.11, 0.20}, -0.06},
	{"Children's Services", [3]float64{0.06, 0.10, 0.14}, -0.06},
	{"Planning", [3]float64{0.08, 0.12, 0.13}, -0.03},
}

// small is the ninth service: a handful of complaints a year, given
// exactly, per year and stage.
var small = struct {
	name   string
	counts [3][3]int // [year][stage]
}{"Registrars and Bereavement Services", [3][3]int{{7, 1, 0}, {9, 0, 1}, {4, 1, 0}}}

// year is one financial year's plan.
type year struct {
	start    int    // 2018 for 2018/19
	received [3]int // by stage
	// month weights, April to March, by stage
	months [3][12]float64
	// onTime is the chance of a stage 1 or stage 2 response on time, by
	// month (April = 0).
	onTime [2][12]float64
	// ombOnTime is the exact number of Ombudsman enquiries answered on
	// time; ombOpen how many of the latest are still open at the extract.
	ombOnTime, ombOpen int
}

var usual = [12]float64{0.95, 1.00, 0.97, 1.05, 1.00, 1.02, 1.08, 1.03, 0.78, 1.12, 1.00, 1.05}

func flat(v float64) (m [12]float64) {
	for i := range m {
		m[i] = v
	}
	return m
}

var years = []year{
	{
		start: 2018, received: [3]int{3418, 298, 47},
		months:    [3][12]float64{usual, usual, usual},
		onTime:    [2][12]float64{flat(0.80), flat(0.69)},
		ombOnTime: 16, // 16/47 = 34%
	},
	{
		start: 2019, received: [3]int{3271, 262, 36},
		// The Ombudsman stopped sending new enquiries in late March 2020.
		months:    [3][12]float64{usual, usual, {1, 1, 1, 1, 1, 1, 1, 1, 0.8, 1.1, 1, 0.3}},
		onTime:    [2][12]float64{flat(0.83), flat(0.72)},
		ombOnTime: 19, // 19/36 = 53%
	},
	{
		start: 2020, received: [3]int{3104, 237, 39},
		// The pandemic: few complaints in spring 2020, and the Ombudsman
		// paused casework until the end of June.
		months: [3][12]float64{
			{0.62, 0.80, 0.95, 1.08, 1.05, 1.08, 1.10, 1.00, 0.80, 1.05, 1.00, 1.08},
			{0.55, 0.70, 0.90, 1.05, 1.05, 1.10, 1.10, 1.05, 0.85, 1.05, 1.00, 1.10},
			{0.10, 0.10, 0.50, 1.20, 1.10, 1.10, 1.20, 1.10, 0.90, 1.20, 1.10, 1.20},
		},
		// Slower in the first lockdown; steadier from October 2020.
		onTime: [2][12]float64{
			{0.78, 0.80, 0.86, 0.86, 0.87, 0.87, 0.90, 0.90, 0.90, 0.90, 0.91, 0.91},
			{0.72, 0.74, 0.76, 0.77, 0.78, 0.78, 0.80, 0.80, 0.80, 0.80, 0.80, 0.80},
		},
		ombOnTime: 25, ombOpen: 3, // 25/36 = 69%
	},
}

// row is one complaint at one stage.
type row struct {
	ref       string
	stage     caselog.Stage
	service   string
	received  workdays.Day
	responded workdays.Day // caselog.NoDate while open
	due       workdays.Day // caselog.NoDate unless the log gives one
	outcome   caselog.Outcome
	linked    bool // a later stage has taken this row's reference
}

var cal = workdays.EnglandAndWales()

var targets = metrics.DefaultTargets()

// receivedDays spreads n complaints over the days of a month: mostly
// working days, Mondays busiest, a few online at weekends and on bank
// holidays.
func receivedDays(r *rng, y int, m time.Month, n int) []workdays.Day {
	first := workdays.Date(y, m, 1)
	days := workdays.DaysIn(y, m)
	w := make([]float64, days)
	for i := range w {
		d := first + workdays.Day(i)
		switch wd := d.Weekday(); {
		case wd == time.Saturday:
			w[i] = 0.15
		case wd == time.Sunday:
			w[i] = 0.10
		case !cal.Working(d):
			w[i] = 0.20
		case wd == time.Monday:
			w[i] = 1.25
		case wd == time.Friday:
			w[i] = 0.85
		default:
			w[i] = 1
		}
	}
	out := make([]workdays.Day, n)
	for i := range out {
		out[i] = first + workdays.Day(r.pick(w))
	}
	slices.Sort(out)
	return out
}

// answer sets a row's Responded date so that it is on time or late
// against its due date, in working days.
func answer(r *rng, row *row, onTime bool) {
	due := row.due
	if due == caselog.NoDate {
		due = cal.Add(row.received, targets[row.stage])
	}
	allowed := cal.Between(row.received, due)
	var d int
	switch {
	case onTime && row.stage == caselog.Stage1:
		// Most stage 1 replies go out in the second week.
		d = max(1, allowed-r.pick([]float64{3, 4, 4, 3, 2, 1.5, 1, 0.6, 0.4, 0.3}))
	case onTime:
		d = max(1, allowed-r.pick([]float64{3, 4, 3, 2, 2, 1.5, 1, 1, 0.5, 0.5, 0.4, 0.3, 0.2, 0.2, 0.1}))
	default:
		d = allowed + 1 + r.pick([]float64{5, 4, 3, 2.5, 2, 1.5, 1.2, 1, 0.8, 0.6, 0.5, 0.4, 0.3, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1, 0.1})
	}
	row.responded = cal.Add(row.received, d)
}

// outcome draws an outcome for a closed row.
func outcome(r *rng, stage caselog.Stage, service string) caselog.Outcome {
	w := map[caselog.Stage][]float64{
		caselog.Stage1:    {0.27, 0.14, 0.51, 0.08},
		caselog.Stage2:    {0.19, 0.16, 0.60, 0.05},
		caselog.Ombudsman: {0.52, 0.10, 0.28, 0.10},
	}[stage]
	if stage == caselog.Ombudsman && (service == "Housing" || service == "Adult Social Care") {
		w = []float64{0.64, 0.10, 0.18, 0.08}
	}
	return []caselog.Outcome{caselog.Upheld, caselog.PartiallyUpheld, caselog.NotUpheld, caselog.Withdrawn}[r.pick(w)]
}

// serviceList returns the services of n rows of one stage and year, in
// exact proportions, shuffled.
func serviceList(r *rng, yi int, stage caselog.Stage, n int) []string {
	n -= small.counts[yi][stage]
	w := make([]float64, len(services))
	for i, s := range services {
		w[i] = s.share[stage]
	}
	var out []string
	for i, c := range apportion(n, w) {
		for range c {
			out = append(out, services[i].name)
		}
	}
	for range small.counts[yi][stage] {
		out = append(out, small.name)
	}
	r.shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func onTimeAdj(service string) float64 {
	for _, s := range services {
		if s.name == service {
			return s.onTimeAdj
		}
	}
	return 0
}

func generate() []*row {
	r := &rng{s: 20210927}
	var rows []*row
	for yi, y := range years {
		for stage := caselog.Stage1; stage <= caselog.Ombudsman; stage++ {
			perMonth := apportion(y.received[stage], y.months[stage][:])
			var stageRows []*row
			for mi, n := range perMonth {
				cy, cm := y.start, time.Month(mi+4)
				if cm > 12 {
					cy, cm = y.start+1, cm-12
				}
				for _, d := range receivedDays(r, cy, cm, n) {
					stageRows = append(stageRows, &row{stage: stage, received: d, responded: caselog.NoDate, due: caselog.NoDate})
				}
			}
			for i, s := range serviceList(r, yi, stage, len(stageRows)) {
				stageRows[i].service = s
			}
			for _, row := range stageRows {
				// A few agreed extensions, and the Ombudsman's own
				// deadlines for some enquiries.
				switch {
				case stage == caselog.Ombudsman && r.float() < 0.25:
					row.due = row.received + 30
				case stage != caselog.Ombudsman && r.float() < 0.02:
					row.due = cal.Add(row.received, targets[stage]+10)
				}
			}
			if stage == caselog.Ombudsman {
				answerOmbudsman(r, y, stageRows)
			} else {
				for _, row := range stageRows {
					m := monthIndex(y.start, row.received)
					p := y.onTime[stage][m] + onTimeAdj(row.service)
					answer(r, row, r.float() < p)
				}
			}
			rows = append(rows, stageRows...)
		}
	}
	for _, row := range rows {
		if row.responded != caselog.NoDate && row.responded > extract {
			row.responded = caselog.NoDate // not answered when the log was exported
		}
		if row.responded != caselog.NoDate {
			row.outcome = outcome(r, row.stage, row.service)
		}
	}
	slices.SortStableFunc(rows, func(a, b *row) int {
		if a.received != b.received {
			return int(a.received - b.received)
		}
		return int(a.stage) - int(b.stage)
	})
	reference(rows)
	return rows
}

func monthIndex(start int, d workdays.Day) int {
	y, m, _ := d.Date()
	return (y-start)*12 + int(m) - 4
}

// answerOmbudsman answers exactly y.ombOnTime enquiries on time. In
// 2020/21 the late ones are mostly before October, when the council
// began tracking every enquiry; the latest y.ombOpen are left open, and
// no other is answered after the extract.
func answerOmbudsman(r *rng, y year, rows []*row) {
	n := len(rows)
	open := rows[n-y.ombOpen:]
	closed := rows[:n-y.ombOpen]
	for _, row := range open {
		row.responded = caselog.NoDate
	}
	late := make([]bool, len(closed))
	lateCount := len(closed) - y.ombOnTime
	var early, later []int // indices before October and from October
	for i, row := range closed {
		_, m, _ := row.received.Date()
		if y.start == 2020 && (m >= time.October || m <= time.March) {
			if row.received < extract-75 { // late answers must still precede the extract
				later = append(later, i)
			}
			continue
		}
		early = append(early, i)
	}
	if y.start == 2020 {
		// One late answer after October, the rest before.
		late[later[r.intn(len(later))]] = true
		lateCount--
	} else {
		early = append(early, later...)
	}
	r.shuffle(len(early), func(i, j int) { early[i], early[j] = early[j], early[i] })
	for _, i := range early[:lateCount] {
		late[i] = true
	}
	for i, row := range closed {
		answer(r, row, !late[i])
	}
	for _, row := range open {
		answer(r, row, true)
		row.responded = caselog.NoDate
	}
}

// reference numbers the complaints by calendar year of receipt, KCC-2020-
// 00123, and gives a stage 2 complaint the reference of a stage 1
// complaint in the same service answered shortly before, and an
// Ombudsman enquiry that of a stage 2 complaint, as a case management
// system does when a complaint is escalated. Escalations whose earlier
// stage predates the log get a reference of their own.
func reference(rows []*row) {
	seq := map[int]int{}
	newRef := func(d workdays.Day) string {
		y, _, _ := d.Date()
		seq[y]++
		return fmt.Sprintf("KCC-%d-%05d", y, seq[y])
	}
	for _, row := range rows {
		if row.stage == caselog.Stage1 {
			row.ref = newRef(row.received)
		}
	}
	link := func(stage caselog.Stage, from caselog.Stage, minGap, maxGap workdays.Day) {
		// Earlier-stage rows by service, in order of response.
		pool := map[string][]*row{}
		for _, p := range rows {
			if p.stage == from && p.responded != caselog.NoDate && p.outcome != caselog.Withdrawn {
				pool[p.service] = append(pool[p.service], p)
			}
		}
		for _, list := range pool {
			slices.SortStableFunc(list, func(a, b *row) int { return int(a.responded - b.responded) })
		}
		for _, row := range rows {
			if row.stage != stage {
				continue
			}
			for _, p := range pool[row.service] {
				gap := row.received - p.responded
				if !p.linked && gap >= minGap && gap <= maxGap {
					p.linked = true
					row.ref = p.ref
					break
				}
			}
			if row.ref == "" {
				row.ref = newRef(row.received - 90)
			}
		}
	}
	link(caselog.Stage2, caselog.Stage1, 2, 42)
	link(caselog.Ombudsman, caselog.Stage2, 14, 200)
}

func date(d workdays.Day) string {
	if d == caselog.NoDate {
		return ""
	}
	return d.String()
}

func writeCSV(rows []*row) []byte {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"Reference", "Stage", "Service", "Received", "Responded", "Due", "Outcome"})
	for _, r := range rows {
		w.Write([]string{r.ref, r.stage.String(), r.service, date(r.received), date(r.responded), date(r.due), r.outcome.String()})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		log.Fatal(err)
	}
	return buf.Bytes()
}

// letter is ombudsman.yaml: the Ombudsman's letters for 2019/20 and
// 2020/21, with comparator councils and similar-authority averages.
const letter = `# The Local Government and Social Care Ombudsman's annual review letters for
# Kingsbridge City Council, with the Ombudsman's published figures for
# similar councils. Kingsbridge and its comparators are fictional.
# Written by examples/gen/data/main.go; see the README for the keys.
council: Kingsbridge City Council
population: 264700
authority_type: unitary authorities

years:
  "2019/20":
    received: 62                 # complaints and enquiries received
    decided: 60                  # decisions made
    investigations: 33           # detailed investigations
    upheld: 24
    remedied: 2                  # upheld, already remedied by the council
    recommendations_due: 22
    recommendations_complied: 21
    average: {upheld_rate: 0.61, compliance_rate: 0.99, remedy_rate: 0.12}
    decisions:
      upheld: 24
      not_upheld: 9
      advice_given: 2
      closed_after_initial_enquiries: 14
      incomplete_or_invalid: 3
      referred_back: 8
    services:
      adult_care_services: 10
      benefits_and_tax: 8
      corporate_and_other_services: 4
      education_and_childrens_services: 9
      environmental_services: 6
      highways_and_transport: 5
      housing: 14
      planning_and_development: 6
    comparators:
      - {name: Ashcombe Council, population: 320800, investigations: 38, upheld: 27}
      - {name: Eastmoor City Council, population: 212600, investigations: 25, upheld: 17}
      - {name: Hallam Vale Council, population: 300400, investigations: 29, upheld: 21}
      - {name: Portlow City Council, population: 244100, investigations: 31, upheld: 24}
      - {name: Redfern Borough Council, population: 187000, investigations: 20, upheld: 16}
      - {name: Westbrook Borough Council, population: 197500, investigations: 17, upheld: 10}

  "2020/21":
    received: 55
    decided: 52
    investigations: 30
    upheld: 25
    remedied: 1
    recommendations_due: 20
    recommendations_complied: 19
    average: {upheld_rate: 0.67, compliance_rate: 0.996, remedy_rate: 0.12}
    decisions:
      upheld: 25
      not_upheld: 5
      advice_given: 1
      closed_after_initial_enquiries: 12
      incomplete_or_invalid: 2
      referred_back: 7
    services:
      adult_care_services: 9
      benefits_and_tax: 6
      corporate_and_other_services: 3
      education_and_childrens_services: 8
      environmental_services: 5
      highways_and_transport: 4
      housing: 14
      planning_and_development: 6
    comparators:
      - {name: Ashcombe Council, population: 322100, investigations: 41, upheld: 33}
      - {name: Eastmoor City Council, population: 213400, investigations: 27, upheld: 20}
      - {name: Hallam Vale Council, population: 301900, investigations: 31, upheld: 24}
      - {name: Portlow City Council, population: 245600, investigations: 34, upheld: 28}
      - {name: Redfern Borough Council, population: 187900, investigations: 22, upheld: 19}
      - {name: Westbrook Borough Council, population: 198300, investigations: 18, upheld: 12}
`

func main() {
	rows := generate()
	csvPath := filepath.Join(dir, "complaints.csv")
	yamlPath := filepath.Join(dir, "ombudsman.yaml")
	if err := os.WriteFile(csvPath, writeCSV(rows), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(yamlPath, []byte(letter), 0o644); err != nil {
		log.Fatal(err)
	}
	if err := verify(csvPath, yamlPath); err != nil {
		log.Fatalf("the generated figures are wrong: %v", err)
	}
	log.Printf("wrote %s (%d rows) and %s", csvPath, len(rows), yamlPath)
}

// verify reads the files back with the real reader and metrics and checks
// the figures the example paper quotes.
func verify(csvPath, yamlPath string) error {
	cl, err := caselog.ReadFile(csvPath, caselog.Options{})
	if err != nil {
		return err
	}
	c := metrics.Compute(cl, metrics.Options{})
	l, err := ombudsman.Load(yamlPath)
	if err != nil {
		return err
	}
	f := &metrics.Figures{Complaints: c, Letter: l}
	pct := func(metric, year string) int {
		v, ok, err := f.Value(metric, year, "")
		if err != nil || !ok {
			log.Fatalf("%s %s: %v", metric, year, err)
		}
		return int(math.Round(v * 100))
	}
	count := func(metric, year string) int {
		v, _, err := f.Value(metric, year, "")
		if err != nil {
			log.Fatalf("%s %s: %v", metric, year, err)
		}
		return int(v)
	}
	for _, w := range []struct {
		year            string
		received, onPct int
	}{{"2018/19", 47, 34}, {"2019/20", 36, 53}, {"2020/21", 39, 69}} {
		if n, p := count("ombudsman.received", w.year), pct("ombudsman.on_time_rate", w.year); n != w.received || p != w.onPct {
			return fmt.Errorf("Ombudsman enquiries %s: %d at %d%% on time, want %d at %d%%", w.year, n, p, w.received, w.onPct)
		}
	}
	if n := count("stage2.received", "2020/21"); n != 237 {
		return fmt.Errorf("stage 2 2020/21: %d, want 237", n)
	}
	if n := count("stage1.received", "2020/21"); n < 3050 || n > 3150 {
		return fmt.Errorf("stage 1 2020/21: %d, want about 3,100", n)
	}
	if p := pct("stage1.on_time_rate", "2020/21"); p < 85 || p > 90 {
		return fmt.Errorf("stage 1 on time 2020/21: %d%%, want 85-90%%", p)
	}
	if p := pct("stage2.on_time_rate", "2020/21"); p < 75 || p > 80 {
		return fmt.Errorf("stage 2 on time 2020/21: %d%%, want 75-80%%", p)
	}
	for _, w := range []struct {
		metric string
		want   int
	}{{"letter.compliance_rate", 95}, {"letter.upheld_rate", 83}, {"letter.remedy_rate", 4}} {
		if p := pct(w.metric, "2020/21"); p != w.want {
			return fmt.Errorf("%s 2020/21: %d%%, want %d%%", w.metric, p, w.want)
		}
	}
	if y, _ := c.Lookup("2020/21", small.name); y.Stage1.Received >= 5 {
		return fmt.Errorf("%s: %d stage 1 complaints in 2020/21, want fewer than 5 so that tables suppress them", small.name, y.Stage1.Received)
	}
	if open := c.Years["2020/21"].Stage1.Open; open == 0 {
		return fmt.Errorf("no open stage 1 complaints at the extract")
	}
	for _, y := range c.YearLabels() {
		for _, s := range metrics.Stages {
			if n := count(s+".open", y); n > 0 && y != "2020/21" {
				return fmt.Errorf("%s %s: %d open; only the latest year should have open complaints", s, y, n)
			}
		}
	}
	return nil
}
