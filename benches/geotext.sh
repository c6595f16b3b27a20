#!/usr/bin/env bash
# Whole-process timing of `incimap extract` against the Python package geotext (PyPI `geotext`:
# city and country names found with a regex and its bundled cities list) over the same 5,000
# seed-like articles as benches/process.sh (the seeds copied 1,000 times). geotext runs through
# benches/geotext_run.py (2 worker processes, as incimap uses both cores; one JSON line per
# article). The two commands alternate (A B A B …), RUNS times each; printed: each one's median
# wall time and articles/s, the ratio of the medians and the median of the per-pair ratios.
# Usage: bash benches/geotext.sh [RUNS]   (default 7; installs geotext with pip if missing,
#                                          builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-7}
python3 -c 'import geotext' 2>/dev/null || python3 -m pip install --quiet geotext
cargo build --release -q
bin=target/release/incimap
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

mkdir -p "$scratch/articles"
for i in $(seq 1000); do
  for f in seeds/*.txt; do cp "$f" "$scratch/articles/${i}_$(basename "$f")"; done
done
n=$(ls "$scratch/articles" | wc -l)

ms() { # command... ; prints its wall time in ms (on failure, its stderr, and stops the bench)
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>"$scratch/stderr" || { cat "$scratch/stderr" >&2; return 1; }
  t1=$(date +%s%N)
  awk "BEGIN{printf \"%.2f\", ($t1 - $t0)/1e6}"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

inc=() geo=() ratio=()
for _ in $(seq "$runs"); do
  a=$(ms "$bin" extract "$scratch/articles" -o "$scratch/out.geojson")
  b=$(ms sh -c "python3 benches/geotext_run.py '$scratch/articles' > '$scratch/out.jsonl'")
  inc+=("$a") geo+=("$b") ratio+=("$(awk "BEGIN{printf \"%.4f\", $a/$b}")")
done
mi=$(printf '%s\n' "${inc[@]}" | median)
mg=$(printf '%s\n' "${geo[@]}" | median)
mr=$(printf '%s\n' "${ratio[@]}" | median)
echo "geotext $(python3 -c 'from importlib.metadata import version; print(version("geotext"))'), $n articles, $runs runs each (alternated)"
echo "incimap extract:    median ${mi} ms = $(awk "BEGIN{printf \"%.0f\", $n/($mi/1000)}") articles/s"
echo "geotext (2 procs):  median ${mg} ms = $(awk "BEGIN{printf \"%.0f\", $n/($mg/1000)}") articles/s"
echo "incimap/geotext:    ratio of medians $(awk "BEGIN{printf \"%.3f\", $mi/$mg}"), median per-pair ratio ${mr}"
