package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

// version is the release, set when building one:
//
//	go build -ldflags "-X main.version=v1.4.0" ./cmd/paper
//
// Left empty, the module version recorded by `go install ...@v1.4.0` is
// used, or for a build from a checkout the commit it was built from.
var version string

// versionString is what `paper --version` prints: paper's version and
// the Go version it was built with, so that a bug report says both.
func versionString() string {
	v := version
	bi, ok := debug.ReadBuildInfo()
	if v == "" && ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = bi.Main.Version
	}
	if v == "" {
		v = "devel"
		if ok {
			var rev, modified string
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					rev = s.Value
				case "vcs.modified":
					modified = s.Value
				}
			}
			if len(rev) > 12 {
				rev = rev[:12]
			}
			if rev != "" {
				v += " " + rev
				if modified == "true" {
					v += " (modified)"
				}
			}
		}
	}
	return fmt.Sprintf("paper %s, built with %s for %s/%s", v, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
