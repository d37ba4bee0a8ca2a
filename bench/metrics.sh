#!/usr/bin/env bash
# Times `paper metrics` on a generated 1,000,000-row case log (about 75 MB
# of CSV) against Miller's group-by count on the same file, side by side,
# and reports each one's peak resident memory and the speed ratio.
#
#   bench/metrics.sh            # 1,000,000 rows
#   ROWS=200000 bench/metrics.sh
#
# Targets (issues 3 and 6): paper under 1 s and under 300 MB resident, and
# faster than `mlr --icsv --ojson count -g Stage,Service`. Needs hyperfine
# and mlr (Debian packages hyperfine, miller) and GNU time (package time),
# which the script installs when it can.
set -euo pipefail
cd "$(dirname "$0")/.."

rows="${ROWS:-1000000}"
data="bench/data/complaints-${rows}.csv"
bin="$(mktemp -d)/paper"
trap 'rm -rf "$(dirname "$bin")"' EXIT

need_pkgs=()
command -v hyperfine >/dev/null || need_pkgs+=(hyperfine)
command -v mlr >/dev/null || need_pkgs+=(miller)
[ -x /usr/bin/time ] || need_pkgs+=(time)
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  echo "installing ${need_pkgs[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get install -y --no-install-recommends "${need_pkgs[@]}" >&2
fi

go build -o "$bin" ./cmd/paper
if [ ! -s "$data" ]; then
  go run ./bench/gencaselog -rows "$rows" -o "$data"
fi
size_mb=$(( $(stat -c %s "$data") / 1000000 ))

paper_cmd="$bin metrics $data --json"
mlr_cmd="mlr --icsv --ojson count -g Stage,Service $data"

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/{print $2}') GB RAM; $(go version | cut -d' ' -f3); $(mlr --version)"
echo "input:   $data ($rows rows, $size_mb MB)"
echo

json="$(dirname "$bin")/hyperfine.json"
hyperfine --warmup 1 --runs "${RUNS:-10}" --export-json "$json" \
  -n "paper metrics" "$paper_cmd > /dev/null" \
  -n "mlr count -g Stage,Service" "$mlr_cmd > /dev/null"

# Peak resident set size, in MB, of one run of a command.
peak_rss() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}
paper_rss=$(peak_rss $paper_cmd)
mlr_rss=$(peak_rss $mlr_cmd)

read -r paper_mean mlr_mean < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
print(r[0]["mean"], r[1]["mean"])' "$json")

echo
printf '%-28s %8s %10s\n' "" "mean" "peak RSS"
printf '%-28s %7.3fs %7s MB\n' "paper metrics --json" "$paper_mean" "$paper_rss"
printf '%-28s %7.3fs %7s MB\n' "mlr count -g Stage,Service" "$mlr_mean" "$mlr_rss"
python3 -c '
import sys
p, m, rss = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3])
print(f"paper is {m/p:.1f}x faster than Miller")
ok = p < 1 and rss < 300 and p < m
print("targets (under 1 s, under 300 MB, faster than Miller):", "met" if ok else "MISSED")
sys.exit(0 if ok else 1)' "$paper_mean" "$mlr_mean" "$paper_rss"
