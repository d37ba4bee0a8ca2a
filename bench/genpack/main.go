// Command genpack writes agenda-pack fixtures for bench/compare.sh:
//
//	go run ./bench/genpack DIR
//
// DIR/generated holds a 20-paper meeting from packtest (7 Part II papers,
// every paper with a 2-page appendix, exempt appendices, minutes and an
// exempt PDF item). DIR/examples holds an agenda of 20 items that are each
// the example paper, with its data, tables, charts and three appendices:
// a pack of the length a busy committee publishes; DIR/examples100 the
// same with 100 items, issue 20's largest pack.
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/paperhq/paper/report/pack/packtest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./bench/genpack DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "genpack:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	gen := filepath.Join(dir, "generated")
	if err := os.MkdirAll(gen, 0o755); err != nil {
		return err
	}
	m, err := packtest.Write(gen, packtest.Spec{Papers: 20})
	if err != nil {
		return err
	}
	fmt.Println(m.Agenda)

	paper, err := filepath.Abs("examples/lgsco-annual-review/report.yaml")
	if err != nil {
		return err
	}
	if _, err := os.Stat(paper); err != nil {
		return fmt.Errorf("run from the repository's root: %w", err)
	}
	for _, p := range []struct {
		dir   string
		items int
	}{{"examples", 20}, {"examples100", 100}} {
		agenda, err := examples(filepath.Join(dir, p.dir), paper, p.items)
		if err != nil {
			return err
		}
		fmt.Println(agenda)
	}
	return nil
}

// examples writes into dir an agenda of n items that are each the
// example paper, and returns its path.
func examples(dir, paper string, n int) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	var sb strings.Builder
	sb.WriteString(`council: Kingsbridge City Council
committee: Audit and Governance Committee
date: 2021-09-27
time: "10:00"
venue: Committee Room 2, Civic Centre, Kingsbridge
members: [Councillor Esther Vane (Chair), Councillor Rupert Achebe (Vice-Chair)]
contact: Democratic Services, democratic.services@kingsbridge.example
items:
`)
	for range n {
		fmt.Fprintf(&sb, "  - report: %s\n", paper)
	}
	agenda := filepath.Join(dir, "agenda.yaml")
	return agenda, os.WriteFile(agenda, []byte(sb.String()), 0o644)
}
