package main

import "testing"

func TestGCTuning(t *testing.T) {
	for _, c := range []struct {
		name    string
		args    []string
		env     map[string]string
		percent int
		limit   int64
	}{
		{"build", []string{"build", "report.yaml", "-o", "out"}, nil, gcPercent, noMemoryCap},
		{"check", []string{"check", "report.yaml"}, nil, gcPercent, noMemoryCap},
		{"decision", []string{"decision", "report.yaml"}, nil, gcPercent, noMemoryCap},
		{"pack has a memory limit", []string{"pack", "agenda.yaml"}, nil, gcPercent, packMemory},
		{"a flag before the command", []string{"--quiet", "build", "r.yaml"}, nil, gcPercent, noMemoryCap},
		{"metrics keeps the defaults", []string{"metrics", "c.csv"}, nil, -1, noMemoryCap},
		{"preview keeps the defaults", []string{"preview", "r.yaml"}, nil, -1, noMemoryCap},
		{"no command", []string{"--help"}, nil, -1, noMemoryCap},
		{"user's GOGC wins", []string{"build", "r.yaml"}, map[string]string{"GOGC": "100"}, -1, noMemoryCap},
		{"user's GOGC, pack keeps its limit", []string{"pack", "a.yaml"}, map[string]string{"GOGC": "off"}, -1, packMemory},
		{"user's GOMEMLIMIT wins", []string{"pack", "a.yaml"}, map[string]string{"GOMEMLIMIT": "4GiB"}, gcPercent, noMemoryCap},
		{"both set", []string{"pack", "a.yaml"}, map[string]string{"GOGC": "50", "GOMEMLIMIT": "200MiB"}, -1, noMemoryCap},
	} {
		t.Run(c.name, func(t *testing.T) {
			percent, limit := gcTuning(c.args, func(k string) string { return c.env[k] })
			if percent != c.percent || limit != c.limit {
				t.Errorf("gcTuning(%q) = %d, %d; want %d, %d", c.args, percent, limit, c.percent, c.limit)
			}
		})
	}
}
