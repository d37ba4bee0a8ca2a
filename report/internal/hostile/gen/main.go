// Command gen writes the hostile-PDF catalogue (report/internal/hostile)
// into a folder, one NAME.pdf per case and a README.md listing what each
// tries:
//
//	go run ./report/internal/hostile/gen fixtures/hostile
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/paperhq/paper/report/internal/hostile"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: gen DIR")
		os.Exit(2)
	}
	if err := hostile.WriteDir(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Println("wrote", filepath.Clean(os.Args[1]))
}
