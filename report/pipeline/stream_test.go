package pipeline

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/paperhq/paper/report/definition"
)

// TestDataStreamsLikeTheBuild: paper metrics REPORT.yaml (Data) streams
// the case log, a build stores its rows; for every report in the
// repository both must give the same figures and the same problems and
// warnings.
func TestDataStreamsLikeTheBuild(t *testing.T) {
	var reports []string
	for _, dir := range []string{"../../examples", "../../templates", "../../fixtures"} {
		filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
			if err == nil && d.Name() == "report.yaml" {
				reports = append(reports, path)
			}
			return nil
		})
	}
	compared := 0
	for _, path := range reports {
		r, errs := definition.Load(path)
		if r == nil || errs.HasErrors() || r.Data.Complaints == "" {
			continue
		}
		cal, _ := calendar(r)
		streamed, serrs := loadData(r, cal, true)
		stored, berrs := loadData(r, cal, false)
		if fmt.Sprint(serrs) != fmt.Sprint(berrs) {
			t.Errorf("%s: problems differ\nstreamed: %v\nstored: %v", path, serrs, berrs)
			continue
		}
		if (streamed == nil) != (stored == nil) || streamed == nil {
			continue
		}
		j1, _ := json.Marshal(streamed.Complaints)
		j2, _ := json.Marshal(stored.Complaints)
		if string(j1) != string(j2) {
			t.Errorf("%s: figures differ\nstreamed: %s\nstored: %s", path, j1, j2)
		}
		compared++
	}
	if compared < 4 {
		t.Errorf("only %d of %d reports compared", compared, len(reports))
	}
}
