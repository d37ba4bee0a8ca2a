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
