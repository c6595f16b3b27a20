#!/usr/bin/env bash
# Whole-process timings, each beside a baseline measured in the same run (medians of N runs):
#   - `incimap gazetteer lookup Bamako` against `incimap --version` (process start alone);
#     issue 3's target: median under 30 ms.
#   - `incimap gazetteer import` of the shared ML/BF/NE dumps (target under 2 s), skipped when absent.
#   - `incimap extract` over 5,000 seed-like articles (the seeds copied 1,000 times) against
#     `cat` of the same files; issue 4's target: at least 5,000 articles/s.
# Usage: bash benches/process.sh [RUNS]   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-21}
cargo build --release -q
bin=target/release/incimap
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

median_ms() { # command... ; prints the median wall time in ms over $runs runs
  local times=()
  for _ in $(seq "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null 2>&1; t1=$(date +%s%N)
    times+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

base=$(median_ms "$bin" --version)
look=$(median_ms "$bin" gazetteer lookup Bamako)
echo "process start (incimap --version): median ${base} ms"
echo "gazetteer lookup Bamako:           median ${look} ms (ratio $(awk "BEGIN{printf \"%.2f\", $look/$base}")x the start-up)"

dumps=../shared/data/geonames
if [ -f "$dumps/ML.txt" ] && [ -f "$dumps/BF.txt" ] && [ -f "$dumps/NE.txt" ]; then
  imp=$(runs=5 median_ms "$bin" gazetteer import "$dumps/ML.txt" "$dumps/BF.txt" "$dumps/NE.txt" -o "$scratch/sahel.gaz")
  echo "gazetteer import ML+BF+NE:         median ${imp} ms"
fi

mkdir -p "$scratch/articles"
for i in $(seq 1000); do
  for f in seeds/*.txt; do cp "$f" "$scratch/articles/${i}_$(basename "$f")"; done
done
n=$(ls "$scratch/articles" | wc -l)
catms=$(runs=5 median_ms sh -c "cat $scratch/articles/*")
ext=$(runs=5 median_ms "$bin" extract "$scratch/articles" -o "$scratch/out.geojson")
echo "cat of $n articles:                median ${catms} ms"
echo "extract $n articles:               median ${ext} ms = $(awk "BEGIN{printf \"%.0f\", $n/($ext/1000)}") articles/s"
