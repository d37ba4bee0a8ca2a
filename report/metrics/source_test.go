package metrics

// ForgetSource drops what c was computed from (the case log, calendar
// and targets ServiceMonths reads), so that tests can compare the
// figures of logs that differ only in the order of their rows.
func ForgetSource(c *Complaints) { c.log, c.cal, c.targets = nil, nil, Targets{} }
