#!/usr/bin/env bash
# Runs every check the project relies on: formatting, vet, and all tests
# (the real-client tests included). The README's test command.
set -euo pipefail
cd "$(dirname "$0")"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
go test -count=1 -timeout 30m ./...
# The packages whose work is shared between goroutines, and a build's
# writers run side by side, under the race detector (about 80 s here).
go test -race -count=1 ./report/internal/par/ ./report/atomic/ ./third_party/fpdf/ ./report/caselog/ ./report/charts/
go test -race -count=1 -run 'Heatmap|FormatsOfABuild' ./report/pipeline/
