package metrics

import (
	"fmt"

	"github.com/paperhq/paper/report/caselog"
	"github.com/paperhq/paper/report/workdays"
)

// UncoveredYears returns, in order, the years in which a case of log was
// received or answered that the embedded bank holidays do not cover and
// extra lists no day of. Working days there are counted as every weekday,
// so deadlines fall early and response times read long: the user must be
// told.
func UncoveredYears(log *caselog.Log, extra []workdays.Day) []int {
	var seen yearSet
	for _, r := range log.Rows {
		seen.note(r.Received)
		seen.note(r.Responded)
		seen.note(r.Due)
	}
	return seen.years(extra)
}

// UncoveredMessage says what UncoveredYears found, for a warning.
func UncoveredMessage(years []int) string {
	span := fmt.Sprint(years[0])
	if n := len(years); n > 1 {
		span = fmt.Sprintf("%d to %d", years[0], years[n-1])
		if years[n-1]-years[0]+1 != n {
			span = fmt.Sprintf("%d years between %d and %d", n, years[0], years[n-1])
		}
	}
	return fmt.Sprintf("cases in %s fall outside the bank holidays paper knows (%d to %d), so working days there count every weekday",
		span, workdays.FirstYear, workdays.LastYear)
}
