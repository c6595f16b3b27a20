#!/usr/bin/env bash
# Whole-process figures for issues 5 and 17 on the generated 1,000,000-event file:
#   - `incimap batch` with the 1,000 mixed queries: its own load / index / answer times
#     (stderr summary) and the peak resident memory (target < 400 MB), medians of N runs;
#   - the same queries in GeoPandas + shapely STRtree (benches/compare_geopandas.py) and in
#     PostGIS (benches/compare_postgis.sh), when they are installed, with their answers
#     checked against incimap's.
# The in-process comparisons with serde_json and brute force are `cargo bench --bench spatial`.
# Usage: bash benches/spatial.sh [RUNS]   (data goes to target/bench-data/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
n=${INCIMAP_BENCH_EVENTS:-1000000}
dir=target/bench-data; mkdir -p "$dir"
events=$dir/events-$n.geojson; queries=$dir/queries-$n.jsonl
[ -f "$events" ] && [ -f "$queries" ] || python3 benches/gen_events.py --events "$n" "$events" "$queries"
cargo build --release -q
echo "events: $events ($(du -m "$events" | cut -f1) MB), queries: $queries"
for _ in $(seq "$runs"); do
  /usr/bin/time -f "rss_kb=%M wall_s=%e" target/release/incimap batch "$queries" "$events" -o "$dir/answers.jsonl" 2>&1 | tr '\n' ' '
  echo
done | tee "$dir/batch.log" | sed 's/^/  /'
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "incimap batch, medians of $runs runs:" \
  "load $(grep -o 'loaded in [0-9.]*' "$dir/batch.log" | awk '{print $3}' | median) s," \
  "index $(grep -o 'index built in [0-9.]*' "$dir/batch.log" | awk '{print $4}' | median) s," \
  "1000 queries $(grep -o 'answered in [0-9.]*' "$dir/batch.log" | awk '{print $3}' | median) s," \
  "peak RSS $(grep -o 'rss_kb=[0-9]*' "$dir/batch.log" | cut -d= -f2 | median | awk '{printf "%.0f", $1/1024}') MB"
# FlatGeobuf and GeoParquet (issue 17): the same events converted once to each, then
# whole-process `near`, `nearest` and `within` on the .fgb, which read only the candidates
# its index gives, and on the .parquet, which read only the row groups whose bbox
# statistics meet the query's box.
for ext in fgb parquet; do
  file=$dir/events-$n.$ext
  [ -f "$file" ] || target/release/incimap convert "$events" -o "$file"
  for q in "near 12.6,-8 --radius 50km" "near 51.5,-0.1 --radius 50km" "nearest 12.6,-8 -k 5" "within --bbox -9,12,-7,14"; do
    for _ in $(seq "$((runs * 3))"); do
      start=$(date +%s%N)
      target/release/incimap $q "$file" -o "$dir/answer.geojson" 2>/dev/null
      echo $(( ($(date +%s%N) - start) / 1000 ))
    done | median | awk -v q="$q" -v ext="$ext" '{printf "incimap %s on the .%s: median %.1f ms\n", q, ext, $1/1000}'
  done
done
if python3 -c 'import geopandas, shapely' 2>/dev/null; then
  python3 benches/compare_geopandas.py "$events" "$queries" "$dir/answers.jsonl"
else
  echo "geopandas: not installed (pip install geopandas), skipped"
fi
if ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; then
  bash benches/compare_postgis.sh "$events" "$queries" "$dir/answers.jsonl"
else
  echo "postgis: not installed (apt-get install postgresql-15-postgis-3), skipped"
fi
