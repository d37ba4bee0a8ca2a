#!/usr/bin/env bash
# Measures paper against what a council officer would otherwise script,
# side by side in one run on one machine, and prints the ratios:
#
#   1. paper build (PDF + DOCX) of the example paper, against pandoc
#      Markdown -> DOCX then LibreOffice DOCX -> PDF for the same paper (its
#      Markdown is our DOCX read back by pandoc, pictures included).
#      Target: at least 40 times faster (issue 20).
#   2. paper build --format pdf of the example paper, against the Typst
#      compiler (npm @myriaddreamin/typst-ts-node-compiler, through
#      bench/typst.js) compiling bench/example.typ, the same paper's text,
#      tables and chart pictures. Target: at least 5 times faster.
#   3. paper metrics on a generated 1,000,000-row case log, against
#      Miller's group-by count (bench/metrics.sh). Target: faster than
#      Miller, under 1 s, under 300 MB resident.
#   4. paper metrics against DuckDB (npm @duckdb/node-api, through
#      bench/duckdb.js) running bench/metrics.sql, the counts by year,
#      stage and service, on the same 1,000,000 rows, and on 10,000,000
#      rows when RUNS is 3 or more (a 750 MB file; ROWS_10M=0 leaves it
#      out). Target: at least 2 times faster at both sizes, under 150 MB
#      resident at 10,000,000 rows.
#   5. paper pack of 20 papers: the generated 20-paper meeting of the pack
#      tests, and 20 copies of the example paper with data and charts.
#      Target: under 2 s.
#
#   bench/compare.sh                 # everything
#   RUNS=5 bench/compare.sh          # fewer runs per command
#
# Needs hyperfine, pandoc, LibreOffice, Miller and GNU time (Debian packages
# hyperfine pandoc libreoffice-writer-nogui miller time) and Node.js with
# npm; installs them when it can, the npm packages into bench/node (which
# git ignores). A row whose tool cannot be had is skipped with a message.
# Exits 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/.."

runs="${RUNS:-10}"
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v pandoc >/dev/null || need+=(pandoc)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui)
command -v mlr >/dev/null || need+=(miller)
[ -x /usr/bin/time ] || need+=(time)
command -v npm >/dev/null || need+=(nodejs npm)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${need[@]}" >&2
fi

# The npm packages of rows 2 and 4, into bench/node when missing; a row
# whose package npm cannot fetch is skipped.
npm_pkgs=()
[ -d bench/node/node_modules/@myriaddreamin/typst-ts-node-compiler ] || npm_pkgs+=(@myriaddreamin/typst-ts-node-compiler)
[ -d bench/node/node_modules/@duckdb/node-api ] || npm_pkgs+=(@duckdb/node-api)
if [ "${#npm_pkgs[@]}" -gt 0 ] && command -v npm >/dev/null; then
  echo "installing ${npm_pkgs[*]} into bench/node" >&2
  mkdir -p bench/node
  npm install --no-audit --no-fund --prefix bench/node "${npm_pkgs[@]}" >&2 || echo "npm could not install ${npm_pkgs[*]}" >&2
fi
have_typst=0; [ -d bench/node/node_modules/@myriaddreamin/typst-ts-node-compiler ] && have_typst=1
have_duckdb=0; [ -d bench/node/node_modules/@duckdb/node-api ] && have_duckdb=1

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bin="$work/paper"
go build -o "$bin" ./cmd/paper
example=examples/lgsco-annual-review/report.yaml
failed=0

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(free -g | awk '/^Mem:/{print $2}') GB RAM; $(go version | cut -d' ' -f3)"
echo "tools:   $(pandoc --version | head -1); $(soffice --version | head -1 | cut -c1-40); $(mlr --version); node $(node --version 2>/dev/null)"
echo

# medians JSON: each command's median wall time in seconds, from hyperfine
# result JSON. The ratios are of medians: one slow LibreOffice or Typst run
# (or one slow paper run) on a shared machine moves a mean a long way and
# a median hardly at all.
medians() {
  python3 -c '
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    print(r["median"])' "$1"
}

# cpu JSON: each command's mean CPU time (user + system) from hyperfine
# result JSON, and the ratio of the second to the first: on a shared,
# loaded machine wall time swings with other work, CPU time much less.
cpu() {
  python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["results"]
c = [x["user"] + x["system"] for x in r]
parts = ["%s %.0f ms" % (x["command"], t * 1000) for x, t in zip(r, c)]
print("CPU time (user + system): " + ", ".join(parts) + (": %.1fx" % (c[1] / c[0]) if len(c) > 1 else ""))' "$1"
}

peak_mb() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f", $1/1024}'
}

echo "== 1. paper build against pandoc + LibreOffice =="
"$bin" build "$example" -o "$work/build" >/dev/null
# The alternative's Markdown (and the Typst document's pictures) come from
# the paper with its charts as pictures, as a hand-made paper would have
# them: paper's own DOCX has native Word charts, which pandoc does not read.
mkdir -p "$work/md" "$work/lo" "$work/pic"
cp -r "$(dirname "$example")/." "$work/pic/"
printf '\ndocx_charts: picture\n' >>"$work/pic/$(basename "$example")"
"$bin" build "$work/pic/$(basename "$example")" -o "$work/picout" --format docx >/dev/null
(cd "$work/md" && pandoc -f docx -t markdown --extract-media=. "$work/picout/report.docx" -o report.md)
pages=$(pdfinfo "$work/build/report.pdf" 2>/dev/null | awk '/^Pages:/{print $2}')
echo "paper: ${pages:-?} pages; the same paper as Markdown: $(wc -w <"$work/md/report.md") words, $(find "$work/md" -name '*.png' | wc -l) pictures"
lo="soffice -env:UserInstallation=file://$work/lo --headless --convert-to pdf --outdir $work/md $work/md/report.docx"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/build.json" \
  -n "paper build (PDF + DOCX)" "$bin build $example -o $work/b >/dev/null" \
  -n "pandoc md->docx, LibreOffice docx->pdf" "cd $work/md && pandoc report.md -o report.docx && $lo >/dev/null 2>&1"
mapfile -t m < <(medians "$work/build.json")
build_rss=$(peak_mb "$bin" build "$example" -o "$work/b")
python3 - "${m[0]}" "${m[1]}" "$build_rss" <<'EOF' || failed=1
import sys
p, a, rss = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
print(f"paper build {p*1000:.0f} ms ({rss} MB peak), pandoc + LibreOffice {a*1000:.0f} ms: paper is {a/p:.0f}x faster (target 40x): {'met' if a/p >= 40 else 'MISSED'}")
sys.exit(0 if a / p >= 40 else 1)
EOF
cpu "$work/build.json"
echo

echo "== 2. paper build --format pdf against Typst =="
if [ "$have_typst" = 1 ]; then
  mkdir -p "$work/typ"
  cp bench/example.typ "$work/typ/" && cp -r "$work/md/media" "$work/typ/"
  node bench/typst.js "$work/typ/example.typ" "$work/typ/example.pdf"
  echo "Typst: $(pdfinfo "$work/typ/example.pdf" 2>/dev/null | awk '/^Pages:/{print $2}') pages from bench/example.typ; paper: ${pages:-?} pages"
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/typst.json" \
    -n "paper build --format pdf" "$bin build $example --format pdf -o $work/b2 >/dev/null" \
    -n "Typst (node bench/typst.js)" "node bench/typst.js $work/typ/example.typ $work/typ/out.pdf"
  mapfile -t m < <(medians "$work/typst.json")
  pdf_rss=$(peak_mb "$bin" build "$example" --format pdf -o "$work/b2")
  typst_rss=$(peak_mb node bench/typst.js "$work/typ/example.typ" "$work/typ/out.pdf")
  python3 - "${m[0]}" "${m[1]}" "$pdf_rss" "$typst_rss" <<'EOF' || failed=1
import sys
p, a = float(sys.argv[1]), float(sys.argv[2])
print(f"paper --format pdf {p*1000:.0f} ms ({sys.argv[3]} MB peak), Typst {a*1000:.0f} ms ({sys.argv[4]} MB): paper is {a/p:.1f}x faster (target 5x): {'met' if a/p >= 5 else 'MISSED'}")
sys.exit(0 if a / p >= 5 else 1)
EOF
  cpu "$work/typst.json"
else
  echo "skipped: npm could not install @myriaddreamin/typst-ts-node-compiler into bench/node (needs Node.js, npm and the npm registry)"
fi
echo

echo "== 3. paper metrics against Miller =="
RUNS="$runs" bench/metrics.sh || failed=1
echo

echo "== 4. paper metrics against DuckDB =="
if [ "$have_duckdb" = 1 ]; then
  sizes=(1000000)
  [ "$runs" -ge 3 ] && [ "${ROWS_10M:-1}" != 0 ] && sizes+=(10000000)
  for rows in "${sizes[@]}"; do
    data="bench/data/complaints-${rows}.csv"
    [ -s "$data" ] || go run ./bench/gencaselog -rows "$rows" -o "$data"
    if ! "$bin" metrics "$data" --json >/dev/null 2>"$work/metrics.err"; then
      echo "$rows rows: paper metrics refuses the file: $(head -1 "$work/metrics.err")"
      echo "$rows rows: target (2x DuckDB): MISSED"
      failed=1
      continue
    fi
    hyperfine --warmup 1 --runs "$runs" --export-json "$work/duckdb-$rows.json" \
      -n "paper metrics, $rows rows" "$bin metrics $data --json >/dev/null" \
      -n "DuckDB bench/metrics.sql, $rows rows" "node bench/duckdb.js $data >/dev/null"
    mapfile -t m < <(medians "$work/duckdb-$rows.json")
    paper_rss=$(peak_mb "$bin" metrics "$data" --json)
    duck_rss=$(peak_mb node bench/duckdb.js "$data")
    python3 - "$rows" "${m[0]}" "${m[1]}" "$paper_rss" "$duck_rss" <<'EOF' || failed=1
import sys
rows, p, a, rss, drss = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
ok = a / p >= 2 and (rows < 10_000_000 or rss < 150)
target = "2x" + (", under 150 MB" if rows >= 10_000_000 else "")
speed = f"paper is {a/p:.2f}x faster" if a >= p else f"paper is {p/a:.2f}x slower"
print(f"{rows:,} rows: paper {p:.2f} s ({rss} MB peak), DuckDB {a:.2f} s ({drss} MB): {speed} (target {target}): {'met' if ok else 'MISSED'}")
sys.exit(0 if ok else 1)
EOF
    cpu "$work/duckdb-$rows.json"
  done
else
  echo "skipped: npm could not install @duckdb/node-api into bench/node (needs Node.js, npm and the npm registry)"
fi
echo


echo "== 5. paper pack of 20 papers =="
go run ./bench/genpack "$work/pack" >/dev/null
hyperfine --warmup 1 --runs "$runs" --export-json "$work/pack.json" \
  -n "paper pack: 20 generated papers" "$bin pack $work/pack/generated/agenda.yaml -o $work/p1 -q" \
  -n "paper pack: 20 example papers with charts" "$bin pack $work/pack/examples/agenda.yaml -o $work/p2 -q"
mapfile -t m < <(medians "$work/pack.json")
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

echo "== 6. paper pack of 100 example papers =="
hyperfine --warmup 0 --runs "$(( runs < 3 ? runs : 3 ))" --export-json "$work/pack100.json" \
  -n "paper pack: 100 example papers" "$bin pack $work/pack/examples100/agenda.yaml -o $work/p4 -q"
mapfile -t m < <(medians "$work/pack100.json")
p4=$(pdfinfo "$work/p4/agenda-public.pdf" | awk '/^Pages:/{print $2}')
pack100_rss=$(peak_mb "$bin" pack "$work/pack/examples100/agenda.yaml" -o "$work/p5" -q)
cpu "$work/pack100.json"
python3 - "${m[0]}" "$p4" "$pack100_rss" <<'EOF' || failed=1
import sys
a = float(sys.argv[1])
print(f"100 example papers: {a:.2f} s ({sys.argv[2]} public pages, {sys.argv[3]} MB peak)")
ok = a < 3
print("target (under 3 s):", "met" if ok else "MISSED")
sys.exit(0 if ok else 1)
EOF

exit "$failed"
