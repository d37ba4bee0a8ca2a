package tooltest

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
)

// SameHash checks that data's SHA-256 is the one recorded in the file at
// path: a writer's output that must not change unnoticed (the default
// look, when a feature adds options). With update the hash is recorded
// first; use it only for a change meant to alter the output, and say so
// in its commit.
func SameHash(t testing.TB, path string, data []byte, update bool) {
	t.Helper()
	sum := sha256.Sum256(data)
	got := hex.EncodeToString(sum[:])
	if update {
		if err := os.WriteFile(path, []byte(got+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != strings.TrimSpace(string(want)) {
		t.Errorf("output's SHA-256 is %s, %s records %s: the output changed", got, path, strings.TrimSpace(string(want)))
	}
}
