#!/usr/bin/env bash
# Measures paper against what a council officer would otherwise script,
# side by side in one run on one machine, and prints the ratios:
#
#   1. paper build (PDF + DOCX) of the example paper, against pandoc
#      Markdown -> DOCX then LibreOffice DOCX -> PDF for the same paper (its
#      Markdown is our DOCX read back by pandoc, pictures included).
#      Target: at least 20 times faster.
#   2. paper metrics on a generated 1,000,000-row case log, against
#      Miller's group-by count (bench/metrics.sh). Target: faster than
#      Miller, under 1 s, under 300 MB resident.
#   3. paper pack of 20 papers: the generated 20-paper meeting of the pack
#      tests, and 20 copies of the example paper with data and charts.
#      Target: under 2 s.
#
#   bench/compare.sh                 # everything
#   RUNS=5 bench/compare.sh          # fewer runs per command
#
# Needs hyperfine, pandoc, LibreOffice, Miller and GNU time (Debian packages
# hyperfine pandoc libreoffice-writer-nogui miller time); installs them when
# it can. Exits 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-10}"
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v pandoc >/dev/null || need+=(pandoc)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v mlr >/dev/null || need+=(miller)
[ -x /usr/bin/time ] || need+=(time)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin="$work/paper"
go build -o "$bin" ./cmd/paper
example=examples/lgsco-annual-review/report.yaml
failed=0

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/{print $2}') GB RAM; $(go version | cut -d' ' -f3)"
echo "tools:   $(pandoc --version | head -1); $(soffice --version | head -1 | cut -c1-40); $(mlr --version)"
echo

# mean NAME: the mean of hyperfine result NAME in seconds.
means() {
  python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["mean"])' "$1"
}

peak_mb() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

echo "== 1. paper build against pandoc + LibreOffice =="
"$bin" build "$example" -o "$work/build" >/dev/null
mkdir -p "$work/md" "$work/lo"
(cd "$work/md" && pandoc -f docx -t markdown --extract-media=. "$work/build/report.docx" -o report.md)
pages=$(pdfinfo "$work/build/report.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
echo "paper: ${pages:-?} pages; the same paper as Markdown: $(wc -w <"$work/md/report.md") words, $(find "$work/md" -name '*.png' | wc -l) pictures"
lo="soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir $work/md $work/md/report.docx"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/build.json" \
  -n "paper build (PDF + DOCX)" "$bin build $example -o $work/b >/dev/null" \
  -n "pandoc md->docx, LibreOffice docx->pdf" "cd $work/md && pandoc report.md -o report.docx && $lo >/dev/null 2>&1"
mapfile -t m < <(means "$work/build.json")
build_rss=$(peak_mb "$bin" build "$example" -o "$work/b")
python3 - "${m[0]}" "${m[1]}" "$build_rss" <<'EOF' || failed=1
import sys
p, a, rss = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
print(f"paper build {p*1000:.0f} ms ({rss} MB peak), pandoc + LibreOffice {a*1000:.0f} ms: paper is {a/p:.0f}x faster (target 20x): {'met' if a/p >= 20 else 'MISSED'}")
sys.exit(0 if a / p >= 20 else 1)
EOF
echo

echo "== 2. paper metrics against Miller =="
RUNS="$runs" bench/metrics.sh || failed=1
echo

echo "== 3. paper pack of 20 papers =="
go run ./bench/genpack "$work/pack" >/dev/null
hyperfine --warmup 1 --runs "$runs" --export-json "$work/pack.json" \
  -n "paper pack: 20 generated papers" "$bin pack $work/pack/generated/agenda.yaml -o $work/p1 -q" \
  -n "paper pack: 20 example papers with charts" "$bin pack $work/pack/examples/agenda.yaml -o $work/p2 -q"
mapfile -t m < <(means "$work/pack.json")
p1=$(pdfinfo "$work/p1/agenda-public.pdf" | awk '/^Pages:/{print $2}')
e1=$(pdfinfo "$work/p1/agenda-exempt.pdf" | awk '/^Pages:/{print $2}')
p2=$(pdfinfo "$work/p2/agenda-public.pdf" | awk '/^Pages:/{print $2}')
e2=$(pdfinfo "$work/p2/agenda-exempt.pdf" | awk '/^Pages:/{print $2}')
pack_rss=$(peak_mb "$bin" pack "$work/pack/examples/agenda.yaml" -o "$work/p3" -q)
python3 - "${m[0]}" "${m[1]}" "$p1" "$e1" "$p2" "$e2" "$pack_rss" <<'EOF' || failed=1
import sys
a, b = float(sys.argv[1]), float(sys.argv[2])
print(f"20 generated papers: {a:.2f} s ({sys.argv[3]} public + {sys.argv[4]} exempt pages)")
print(f"20 example papers:   {b:.2f} s ({sys.argv[5]} public + {sys.argv[6]} exempt pages, {sys.argv[7]} MB peak)")
ok = a < 2 and b < 2
print("target (under 2 s):", "met" if ok else "MISSED")
sys.exit(0 if ok else 1)
EOF

exit "$failed"
