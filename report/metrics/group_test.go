package metrics_test

import (
	"testing"

	"github.com/paperhq/paper/report/metrics"
)

// TestGroup: services counted as one ("Other services") have their
// counts summed and their rates worked out from the sums, not averaged.
func TestGroup(t *testing.T) {
	c := metrics.Compute(read(t, `Reference,Stage,Service,Received,Responded,Due,Outcome
A1,1,Parks,2020-05-01,2020-05-04,,Upheld
A2,1,Parks,2020-05-01,2020-05-04,,Not upheld
A3,1,Libraries,2020-06-01,2020-06-02,,Not upheld
A4,1,Libraries,2020-06-01,,,
A5,1,Housing,2020-06-01,2020-06-02,,Upheld
`), metrics.Options{})
	g, err := c.Group("2020/21", []string{"parks", "Libraries"})
	if err != nil {
		t.Fatal(err)
	}
	s := g.At(0)
	if s.Received != 4 || s.Closed != 3 || s.Open != 1 || s.Upheld != 1 || s.NotUpheld != 2 {
		t.Errorf("summed counts: %+v", s)
	}
	if s.UpheldRate == nil || *s.UpheldRate != 1.0/3 {
		t.Errorf("upheld rate %v, want 1/3 of the sums", s.UpheldRate)
	}
	if s.MeanWorkingDays == nil {
		t.Errorf("mean working days of the group is undefined")
	}
	q, err := c.Group("2020/21 Q1", []string{"Parks"})
	if err != nil || q.At(0).Received != 2 {
		t.Errorf("a quarter's group: %v %v", q, err)
	}
	if _, err := c.Group("2020/21", []string{"Parkz"}); err == nil {
		t.Errorf("an unknown service was grouped")
	}
}
