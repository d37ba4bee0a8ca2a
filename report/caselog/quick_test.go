package caselog

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// quickAgrees reads the records of text (after the header) twice: by
// record alone, and with quickRecord first, as Stream reads them; rows,
// services, categories and problems must be the same. It returns how
// many records quickRecord took.
func quickAgrees(t testing.TB, header, text string) int {
	t.Helper()
	read := func(quick bool) (*parser, int) {
		hs := &scanner{sep: ',', special: specials[','], data: []byte(header), end: len(header), eof: len(header), line: 1}
		line, ok := hs.next()
		if !ok {
			t.Skip("no header")
		}
		h := make([]string, len(hs.fields))
		for i, f := range hs.fields {
			h[i] = string(f)
		}
		lay, errs := resolve("c.csv", line, h, Options{})
		if len(errs) > 0 {
			t.Skip("header refused")
		}
		p := newParser(lay, "c.csv", 100)
		s := &scanner{sep: ',', special: specials[','], data: []byte(text), end: len(text), eof: len(text), line: 2}
		if quick {
			s.quick = p
		}
		taken := 0
		for {
			line, ok := s.next()
			if !ok {
				break
			}
			if s.taken {
				taken++
			} else {
				p.record(s.fields, line)
			}
		}
		if s.bad {
			t.Skip("quoting for encoding/csv")
		}
		return p, taken
	}
	want, _ := read(false)
	got, taken := read(true)
	if !reflect.DeepEqual(got.rows, want.rows) || !reflect.DeepEqual(got.names, want.names) || !reflect.DeepEqual(got.catNames, want.catNames) {
		t.Fatalf("%q: quickRecord read\n%+v %q %q\nrecord reads\n%+v %q %q", text, got.rows, got.names, got.catNames, want.rows, want.names, want.catNames)
	}
	if !reflect.DeepEqual(got.errs, want.errs) || !reflect.DeepEqual(got.unknown, want.unknown) {
		t.Fatalf("%q: quickRecord's problems\n%v %+v\nrecord's\n%v %+v", text, got.errs.list, got.unknown, want.errs.list, want.unknown)
	}
	return taken
}

const quickHeader = "Reference,Stage,Service,Received,Responded,Due,Outcome,Acknowledged,Category\n"

// TestQuickRecord: the rows quickRecord takes are record's, and it
// leaves every other to record, which gives its errors.
func TestQuickRecord(t *testing.T) {
	for _, c := range []struct {
		line  string
		taken bool
	}{
		{"C1,Stage 1,Housing,2021-02-28,2021-03-01,,Upheld,2021-03-01,Repairs", true},
		{"C1,stage 2,Housing,28/02/2021,01/03/2021,10/03/2021,not upheld,,", true},
		{"C1,1,Housing,2020-02-29,,,,,\r", true},
		{" C1 ,\tOmbudsman , Housing\t, 2021-02-28 ,,,Partially Upheld,,", true},
		{"C1,Stage 1,A long service name to cross eight-byte words,2199-12-31,,,,,", true},
		{"C1,LGSCO,H,1900-01-01,,,,,", true},
		{"C1,Stage 1,Housing,2021-02-28", true},
		{"C1,Stage 1,Housing,2021-02-28,,,,,,", false},    // more fields than the header
		{"C1,Stage 1,Housing,2021-02-28,,,,,,x", false},   // an extra value: an error
		{"C1,Stage 1,\"Housing\",2021-02-28,,,,,", false}, // quotes
		{",Stage 1,Housing,2021-02-28,,,,,", false},       // no reference
		{"C1,Stage one,Housing,2021-02-28,,,,,", false},   // another spelling
		{"C1,Stage 3,Housing,2021-02-28,,,,,", false},     // not a stage
		{"C1,1,,2021-02-28,,,,,", false},                  // no service
		{"C1,1,H,,,,,,", false},                           // no Received
		{"C1,1,H,2021-02-29,,,,,", false},                 // no such day
		{"C1,1,H,1899-12-31,,,,,", false},                 // before the table
		{"C1,1,H,2200-01-01,,,,,", false},                 // after it
		{"C1,1,H,2021-02-28 10:30,,,,,", false},           // a time
		{"C1,1,H,1/3/2021,,,,,", false},                   // one-digit day
		{"C1,1,H,44000,,,,,", false},                      // a serial
		{"C1,1,H,13/13/2021,,,,,", false},                 // no month 13
		{"C1,1,H,2021-03-01,2021-02-28,,,,", false},       // answered before received
		{"C1,1,H,2021-03-01,,2021-02-28,,,", false},       // due before received
		{"C1,1,H,2021-03-01,,,,2021-02-28,", false},       // acknowledged before received
		{"C1,1,H,2021-03-01,2021-03-0x,,,,", false},       // not a date
		{"C1,1,H,2021-03-01,,,Resolved,,", false},         // not an outcome
		{"C1,1,H,2021-03-01,,,Not Upheld ,,", true},       // trimmed
		{"C1,1,H,2021-0a-01,,,,,", false},                 // not a date
		{"C1,1,H,2021-03-01,,,NotUpheld,,", false},        // another spelling
		{"C1,1,H,2021-03-00,,,,,", false},                 // day 0
		{"C1,1,H,00/03/2021,,,,,", false},                 // day 0
		{"C1,1,H,2021-03-32,,,,,", false},                 // day 32
		{"C1,1,H,2021-03-01,2021-03-1a,,,,", false},       // not digits, the month cached
		{"C1,1,H,2021-03-01,2021-03-31,,,,", true},        // the month cached
		{",,,,,,,,", false},                               // blank
		{"C1,1,H,2021-03-01,,,,,A,B,C,D,E,F,G,H,I,J,K,L,M,N,O,P,Q,R,S,T,U,V,W,X,Y,Z", false},
	} {
		if got := quickAgrees(t, quickHeader, c.line+"\nC2,1,H,2021-03-01,,,,,\n"); (got == 2) != c.taken || got < 1 {
			t.Errorf("%q: quickRecord took %d of 2 records, want the first taken: %v", c.line, got, c.taken)
		}
	}
}

// TestQuickRecordBlocks: quickRecord reads a block's last line only with
// its newline, and every line of a block of short and long rows.
func TestQuickRecordBlocks(t *testing.T) {
	var b strings.Builder
	for i := range 200 {
		fmt.Fprintf(&b, "C%d,%d,%s,2021-%02d-%02d,,,,,\n", i, i%2+1, strings.Repeat("s", i%19+1), i%12+1, i%28+1)
	}
	text := b.String()
	if got := quickAgrees(t, quickHeader, text); got != 200 {
		t.Errorf("quickRecord took %d of 200 rows", got)
	}
	if got := quickAgrees(t, quickHeader, strings.TrimSuffix(text, "\n")); got != 199 {
		t.Errorf("without the last newline, quickRecord took %d of 200 rows, want 199", got)
	}
}

// TestMonthCache: a column's dates read through its month cache are
// parseDate's, whatever came before them, for the years of its table
// (it leaves the others to parseDate).
func TestMonthCache(t *testing.T) {
	var c monthCache
	for _, v := range []string{"2021-02-28", "2021-02-29", "2021-02-01", "2021-02-00", "2021-02-3x", "28/02/2021", "29/02/2021",
		"29/02/2020", "2020-02-29", "2020-02-30", "31/12/2199", "01/01/2200", "1900-01-01", "1899-12-31", "2021-13-01", "2021-1x-01"} {
		got, ok := c.date([]byte(v))
		want, st := parseDate([]byte(v))
		y, _, _ := want.Date()
		inTable := y >= 1900 && y < 2200
		if ok && (st != dateOK || got != want) || !ok && st == dateOK && inTable {
			t.Errorf("%s: monthCache gives %v %v, parseDate %v %v", v, got, ok, want, st)
		}
	}
}

// FuzzQuickRecord: whatever the records, quickRecord with record gives
// record's rows and problems.
func FuzzQuickRecord(f *testing.F) {
	f.Add(quickHeader, "C1,Stage 1,Housing,2021-02-28,2021-03-01,,Upheld,2021-03-01,Repairs\nC2,2,H,28/02/2021,,,,,\n")
	f.Add("Reference,Received,Service,Stage\n", "C1,2021-02-28,Housing,1\r\nC2,2021-02-28,,1\n")
	f.Add("Reference,Type,Stage,Service,Received\n", "C1,,1,H,2021-02-28\nF1,FOI,,H,2021-02-28\n")
	f.Fuzz(func(t *testing.T, header, text string) {
		quickAgrees(t, header, text)
	})
}
