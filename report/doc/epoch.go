package doc

import (
	"fmt"
	"strconv"
	"time"
)

// MaxSourceDateEpoch is the last second SOURCE_DATE_EPOCH may name,
// 9999-12-31 23:59:59 UTC: PDF and DOCX dates have four-digit years.
const MaxSourceDateEpoch = 253402300799

// SourceDateEpoch reads s, the value of SOURCE_DATE_EPOCH, the
// reproducible-builds convention for the date to write into outputs
// instead of the clock. The command line reads the environment once and
// passes the date down; no library reads it. SourceDateEpoch returns ok
// false when s is empty (the variable unset or empty), and an error when
// it is not a whole number of seconds (digits only, as `date +%s` prints
// them) from 0 to MaxSourceDateEpoch: such a value must stop a build, not
// be ignored or written as a malformed date.
func SourceDateEpoch(s string) (t time.Time, ok bool, err error) {
	if s == "" {
		return time.Time{}, false, nil
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q: not a whole number of seconds since 1970-01-01 00:00:00 UTC (digits only, as date +%%s prints)", s)
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n > MaxSourceDateEpoch {
		return time.Time{}, false, fmt.Errorf("SOURCE_DATE_EPOCH=%q: out of range; the latest date a PDF or DOCX can hold is %d (9999-12-31 23:59:59 UTC)", s, int64(MaxSourceDateEpoch))
	}
	return time.Unix(n, 0).UTC(), true, nil
}
