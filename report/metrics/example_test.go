package metrics_test

import (
	"encoding/json"
	"fmt"
	"os"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/metrics"
)

// Two stage 1 complaints received on Monday 4 May 2020, whose 10 working
// days run to Tuesday 19 May because the early May bank holiday moved to
// Friday 8 May that year; one of them escalated to stage 2 and is still
// open.
func ExampleCompute() {
	src := "Reference,Stage,Service,Received,Responded,Due,Outcome\n" +
		"KCC-2020-00101,Stage 1,Housing,2020-05-04,2020-05-19,,Upheld\n" +
		"KCC-2020-00102,Stage 1,Planning,2020-05-04,2020-05-20,,Not upheld\n" +
		"KCC-2020-00101,Stage 2,Housing,2020-06-01,,,\n"
	log, err := caselog.ReadCSV("complaints.csv", []byte(src), caselog.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := metrics.Compute(log, metrics.Options{})
	y := c.Years["2020/21"]
	fmt.Printf("stage 1: %d received, %d on time (%.0f%%), %.1f working days on average\n",
		y.Stage1.Received, y.Stage1.OnTime, *y.Stage1.OnTimeRate*100, *y.Stage1.MeanWorkingDays)
	enc := json.NewEncoder(os.Stdout)
	enc.Encode(y.Stage2)
	// Output:
	// stage 1: 2 received, 1 on time (50%), 10.5 working days on average
	// {"received":1,"closed":0,"open":1,"on_time":0,"on_time_rate":null,"mean_working_days":null,"upheld":0,"partially_upheld":0,"not_upheld":0,"withdrawn":0,"no_outcome":0,"upheld_rate":null,"escalation_rate":0.5,"refused":0,"acknowledged":0,"acknowledged_on_time":0,"acknowledged_on_time_rate":null}
}

// The same complaints by quarter: the stage 1 complaints fall in Q1
// (April to June) of 2020/21, and a service is found however it is typed.
func ExampleComplaints_Lookup() {
	src := "Reference,Stage,Service,Received,Responded,Due,Outcome\n" +
		"KCC-2020-00101,Stage 1,Housing,2020-05-04,2020-05-19,,Upheld\n" +
		"KCC-2020-00102,Stage 1,Planning,2020-05-04,2020-05-20,,Not upheld\n" +
		"KCC-2020-00103,Stage 1,Housing,2020-10-12,2020-10-13,,Upheld\n"
	log, err := caselog.ReadCSV("complaints.csv", []byte(src), caselog.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := metrics.Compute(log, metrics.Options{})
	for _, q := range []struct{ period, service string }{{"2020/21 Q1", ""}, {"2020/21 Q3", "housing"}, {"2020/21 H1", "HOUSING"}, {"2020/21 Q4", ""}} {
		y, err := c.Lookup(q.period, q.service)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%s %s: %d received\n", q.period, q.service, y.Stage1.Received)
	}
	// Output:
	// 2020/21 Q1 : 2 received
	// 2020/21 Q3 housing: 1 received
	// 2020/21 H1 HOUSING: 1 received
	// 2020/21 Q4 (January to March 2021) is after the last complaint in the case log, received on 12 October 2020: it has no figures yet
}
