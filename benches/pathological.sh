#!/usr/bin/env bash
# Extraction time and peak memory on issue 19's pathological articles at 1x, 4x and 16x
# (benches/pathological.py writes them; 16x is a 1.4 MB unpunctuated article, a 1 MB list
# of figures, 16,000 incidents in one file). Linear cost: each 4x step about 4x the time.
# Usage: bash benches/pathological.sh   (builds the release binary first)
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release -q
bin=target/release/incimap
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for factor in 1 4 16; do
  python3 benches/pathological.py "$scratch/$factor" "$factor"
  for article in unpunctuated figures incidents; do
    /usr/bin/time -f "${factor}x $article: %e s, %M KB" \
      "$bin" extract "$scratch/$factor/$article.txt" --published 2024-09-19 -o "$scratch/out.geojson" 2>&1 | tail -1
  done
done
