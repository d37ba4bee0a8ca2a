// Package diag carries problems found in a user's input, each with the
// file, line and column it concerns, so that every stage reports errors the
// same way: "report.yaml:14:3: recommendations: expected a list".
package diag

import (
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"syscall"
)

// Severity says whether a problem stops the build.
type Severity int

const (
	// Error stops the build: nothing is written.
	Error Severity = iota
	// Warning is printed but the build goes on.
	Warning
)

// Diagnostic is one problem at one place in one input file. Line and Col
// count from 1; zero means unknown (the position is then left out). Field
// is the key path or column the problem concerns, e.g. "recommendations"
// or "sections[2].blocks[0].table", and may be empty.
type Diagnostic struct {
	File     string
	Line     int
	Col      int
	Field    string
	Msg      string
	Severity Severity
}

// String formats the diagnostic as file:line:col: field: message, with
// "warning: " before the message for warnings.
func (d Diagnostic) String() string {
	var sb strings.Builder
	if d.File != "" {
		sb.WriteString(d.File)
		if d.Line > 0 {
			fmt.Fprintf(&sb, ":%d", d.Line)
			if d.Col > 0 {
				fmt.Fprintf(&sb, ":%d", d.Col)
			}
		}
		sb.WriteString(": ")
	}
	if d.Severity == Warning {
		sb.WriteString("warning: ")
	}
	if d.Field != "" {
		sb.WriteString(d.Field)
		sb.WriteString(": ")
	}
	sb.WriteString(d.Msg)
	return sb.String()
}

// Error makes a Diagnostic usable as an error.
func (d Diagnostic) Error() string { return d.String() }

// List is a set of diagnostics, in the order they were found.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at file:line:col.
func (l *List) Errorf(file string, line, col int, field, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Field: field, Msg: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, field, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Field: field, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List { return l.filter(Error) }

// Warnings returns only the warnings.
func (l List) Warnings() List { return l.filter(Warning) }

func (l List) filter(s Severity) List {
	var out List
	for _, d := range l {
		if d.Severity == s {
			out = append(out, d)
		}
	}
	return out
}

// Sort orders diagnostics by file, line and column, keeping the order of
// those at the same place.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// Err returns the list as an error when it holds any error, else nil.
func (l List) Err() error {
	if !l.HasErrors() {
		return nil
	}
	return l
}

// Error joins the diagnostics one per line.
func (l List) Error() string {
	s := make([]string, len(l))
	for i, d := range l {
		s[i] = d.String()
	}
	return strings.Join(s, "\n")
}

// As extracts diagnostics from err: a List, a Diagnostic, or errors
// wrapping them. Any other error becomes one position-less diagnostic.
func As(err error) List {
	if err == nil {
		return nil
	}
	var l List
	if errors.As(err, &l) {
		return l
	}
	var d Diagnostic
	if errors.As(err, &d) {
		return List{d}
	}
	return List{{Msg: err.Error()}}
}

// ReadError words an error from reading or opening a file the way a
// user needs it, without Go's "open path:" prefixes: "no such file",
// "is not a regular file: it is a folder", "permission denied: cannot
// read the file", the messages of NotRegularError and TooLargeError, else
// the underlying error.
func ReadError(err error) string {
	var pe *fs.PathError
	var nr *NotRegularError
	var tl *TooLargeError
	switch {
	case errors.As(err, &nr):
		return nr.Error()
	case errors.As(err, &tl):
		return tl.Error()
	case errors.Is(err, fs.ErrNotExist):
		return "no such file"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied: cannot read the file"
	case errors.Is(err, syscall.EISDIR):
		return (&NotRegularError{Mode: fs.ModeDir}).Error()
	case errors.As(err, &pe):
		return pe.Err.Error()
	}
	return err.Error()
}
