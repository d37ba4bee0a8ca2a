package doc

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestSourceDateEpoch(t *testing.T) {
	for _, tt := range []struct {
		env  string
		want time.Time
		ok   bool
		err  string
	}{
		{"", time.Time{}, false, ""},
		{"0", time.Unix(0, 0).UTC(), true, ""},
		{"1700000000", time.Date(2023, 11, 14, 22, 13, 20, 0, time.UTC), true, ""},
		{"253402300799", time.Date(9999, 12, 31, 23, 59, 59, 0, time.UTC), true, ""},
		{"253402300800", time.Time{}, false, `SOURCE_DATE_EPOCH="253402300800": out of range; the latest date a PDF or DOCX can hold is 253402300799 (9999-12-31 23:59:59 UTC)`},
		{"99999999999999999999", time.Time{}, false, `SOURCE_DATE_EPOCH="99999999999999999999": out of range; the latest date a PDF or DOCX can hold is 253402300799 (9999-12-31 23:59:59 UTC)`},
		{"-1", time.Time{}, false, `SOURCE_DATE_EPOCH="-1": not a whole number of seconds since 1970-01-01 00:00:00 UTC (digits only, as date +%s prints)`},
		{"1.5e9", time.Time{}, false, `SOURCE_DATE_EPOCH="1.5e9": not a whole number of seconds since 1970-01-01 00:00:00 UTC (digits only, as date +%s prints)`},
		{" 1700000000", time.Time{}, false, `SOURCE_DATE_EPOCH=" 1700000000": not a whole number of seconds since 1970-01-01 00:00:00 UTC (digits only, as date +%s prints)`},
		{"2026-12-14", time.Time{}, false, `SOURCE_DATE_EPOCH="2026-12-14": not a whole number of seconds since 1970-01-01 00:00:00 UTC (digits only, as date +%s prints)`},
	} {
		got, ok, err := SourceDateEpoch(tt.env)
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if !got.Equal(tt.want) || ok != tt.ok || gotErr != tt.err {
			t.Errorf("SOURCE_DATE_EPOCH=%q: got %v, %v, %q; want %v, %v, %q", tt.env, got, ok, gotErr, tt.want, tt.ok, tt.err)
		}
	}
}

// FuzzSourceDateEpoch checks that any value is either refused or a date
// a PDF and a DOCX can hold: a four-digit year, and the digits it was
// given.
func FuzzSourceDateEpoch(f *testing.F) {
	for _, s := range []string{"0", "1700000000", "253402300799", "253402300800", "-1", "1e9", "", "٣"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok, err := SourceDateEpoch(s)
		if s == "" {
			if ok || err != nil {
				t.Fatalf("unset: %v, %v", ok, err)
			}
			return
		}
		if err != nil {
			if ok || !strings.HasPrefix(err.Error(), "SOURCE_DATE_EPOCH=") {
				t.Fatalf("%q: ok %v with error %v", s, ok, err)
			}
			return
		}
		if !ok || got.Year() < 1970 || got.Year() > 9999 || got.Location() != time.UTC {
			t.Fatalf("%q: %v, %v", s, got, ok)
		}
		if n, _ := strconv.ParseInt(s, 10, 64); got.Unix() != n {
			t.Fatalf("%q: %v is %d seconds", s, got, got.Unix())
		}
	})
}
