// Command gencaselog writes a synthetic complaint case log for
// benchmarks (see package synth), as CSV, or as an XLSX workbook when the
// output is named .xlsx:
//
//	go run ./bench/gencaselog -rows 1000000 -o bench/data/complaints-1000000.csv
//	go run ./bench/gencaselog -rows 1000000 -o bench/data/complaints-1000000.xlsx
//
// The same row count and seed always give the same file.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paperhq/paper/bench/synth"
)

func main() {
	rows := flag.Int("rows", 1000000, "number of data rows")
	seed := flag.Uint64("seed", 1, "generator seed")
	out := flag.String("o", "bench/data/complaints-1000000.csv", "output file")
	flag.Parse()
	if err := write(*out, *rows, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "gencaselog:", err)
		os.Exit(1)
	}
}

// write writes the file under a temporary name and renames it, so an
// interrupted run never leaves a short file behind.
func write(path string, rows int, seed uint64) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), ".gencaselog-*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	gen := synth.Write
	if strings.EqualFold(filepath.Ext(path), ".xlsx") {
		gen = synth.WriteXLSX
	}
	if err := gen(f, rows, seed); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(f.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
