package layout_test

import (
	"fmt"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/definition"
	"github.com/paperhq/paper/report/layout"
	"github.com/paperhq/paper/report/metrics"
)

// The reporting year, data.year, against a case log of 2023/24 and
// 2024/25: what "latest" and "previous" mean everywhere in the paper.
func ExampleReportingYear() {
	log, err := caselog.ReadCSV("complaints.csv", []byte("Reference,Stage,Service,Received\nA1,1,Housing,2023-05-02\nB1,1,Housing,2024-05-07\n"), caselog.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fig := &metrics.Figures{Complaints: metrics.Compute(log, metrics.Options{})}
	for _, year := range []string{"", "latest", "previous", "2023/24", "2022/23", "2023-24"} {
		got, err := layout.ReportingYear(definition.Data{Year: year}, fig)
		if err != nil {
			fmt.Printf("%q: %v\n", year, err)
			continue
		}
		fmt.Printf("%q: %s\n", year, got)
	}
	// Output:
	// "": 2024/25
	// "latest": 2024/25
	// "previous": 2023/24
	// "2023/24": 2023/24
	// "2022/23": the case log has no figures for 2022/23 (it covers 2023/24, 2024/25)
	// "2023-24": "2023-24" is not a financial year like 2024/25, latest or previous
}
