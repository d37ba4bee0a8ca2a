// Command paper turns a YAML report definition plus a council's complaint
// data into finished committee papers (PDF and DOCX) and agenda packs.
//
//	paper new lgsco-annual-review drafts/ombudsman   scaffold a report.yaml
//	paper check drafts/ombudsman/report.yaml         list every problem
//	paper build drafts/ombudsman/report.yaml -o out  write report.pdf and report.docx
//	paper metrics complaints.csv --json              print the complaint metrics
//	paper pack meetings/2026-12-14/agenda.yaml       assemble the agenda pack
//
// Exit codes: 0 success (warnings may be printed), 1 invalid input
// (nothing written), 2 usage error, 3 internal error.
package main

import (
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
