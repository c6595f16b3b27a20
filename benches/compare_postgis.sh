#!/usr/bin/env bash
# The same batch of queries in PostGIS: geography points with a GiST index, ST_DWithin for
# near, the <-> operator for nearest, ST_Intersects on a geometry column (GiST) for bbox
# (exact, where && alone compares float4 boxes and lets edge points in); distances on
# the sphere (use_spheroid = false), ties by id, as incimap answers. Times the 1,000
# queries only (not the load), and counts answers that differ from incimap's.
#
# Usage: bash benches/compare_postgis.sh EVENTS.geojson QUERIES.jsonl ANSWERS.jsonl
# Needs PostgreSQL with PostGIS (Debian: postgresql-15-postgis-3) and a `postgres` user;
# runs a throw-away server on a Unix socket in a temporary folder.
set -euo pipefail
events=$(realpath "$1"); queries=$(realpath "$2"); answers=$(realpath "$3")
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d); chmod 777 "$work"
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -c "$*"; else bash -c "$*"; fi; }
cleanup() { as_pg "$bin/pg_ctl -D $work/db stop -m immediate" >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT
as_pg "$bin/initdb -D $work/db -A trust -U postgres" >/dev/null
as_pg "$bin/pg_ctl -D $work/db -o '-k $work -c listen_addresses= -c shared_buffers=512MB -c work_mem=64MB' -l $work/log start -w" >/dev/null
psql=(psql -h "$work" -U postgres -q -X -v ON_ERROR_STOP=1)

python3 - "$events" "$work/events.csv" <<'EOF'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f, open(sys.argv[2], "w") as out:
    for ft in json.load(f)["features"]:
        lon, lat = ft["geometry"]["coordinates"][:2]
        out.write(f"{ft['id']},{lon},{lat}\n")
EOF
t0=$(date +%s.%N)
"${psql[@]}" <<EOF
CREATE EXTENSION postgis;
CREATE TABLE events (id text, lon float8, lat float8);
\copy events FROM '$work/events.csv' CSV
ALTER TABLE events ADD COLUMN geog geography(Point, 4326), ADD COLUMN geom geometry(Point, 4326);
UPDATE events SET geom = ST_SetSRID(ST_MakePoint(lon, lat), 4326), geog = ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography;
CREATE INDEX ON events USING gist (geog);
CREATE INDEX ON events USING gist (geom);
VACUUM ANALYZE events;
EOF
t1=$(date +%s.%N)

python3 - "$queries" "$work/queries.sql" <<'EOF'
import json, sys
out = open(sys.argv[2], "w")
out.write("\\pset format unaligned\n\\pset tuples_only on\n")
for line in open(sys.argv[1]):
    if not line.strip():
        continue
    q = json.loads(line)
    qid = json.dumps(q["qid"]).replace("'", "''")
    if q["op"] in ("near", "nearest"):
        pt = f"ST_SetSRID(ST_MakePoint({q['lon']}, {q['lat']}), 4326)::geography"
    if q["op"] == "near":
        sql = (f"SELECT id, ST_Distance(geog, {pt}, false) AS d FROM events "
               f"WHERE ST_DWithin(geog, {pt}, {q['radius_km'] * 1000.0}, false)")
        order = "d, id"
    elif q["op"] == "nearest":
        sql = (f"SELECT id, d FROM (SELECT id, ST_Distance(geog, {pt}, false) AS d FROM events "
               f"ORDER BY geog <-> {pt} LIMIT {q['k'] * 2 + 10}) c ORDER BY d, id LIMIT {q['k']}")
        order = "d, id"
    else:
        w, s, e, n = q["bbox"]
        boxes = [(w, s, e, n)] if w <= e else [(w, s, 180, n), (-180, s, e, n)]
        cond = " OR ".join(f"ST_Intersects(geom, ST_MakeEnvelope({a}, {b}, {c}, {d}, 4326))" for a, b, c, d in boxes)
        sql = f"SELECT id, 0 AS d FROM events WHERE {cond}"
        order = "id"
    out.write(f"SELECT json_build_object('qid', '{qid}'::json, 'ids', coalesce(json_agg(id ORDER BY {order}), '[]'::json)) FROM ({sql}) s;\n")
EOF
t2=$(date +%s.%N)
"${psql[@]}" -f "$work/queries.sql" -o "$work/answers.jsonl"
t3=$(date +%s.%N)
cp "$work/answers.jsonl" "${POSTGIS_ANSWERS:-/dev/null}"
differ=$(python3 - "$work/answers.jsonl" "$answers" <<'EOF'
import json, sys
got = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
want = [json.loads(l) for l in open(sys.argv[2]) if l.strip()]
bad = [w["qid"] for g, w in zip(got, want) if sorted(map(str, g["ids"])) != sorted(map(str, w["ids"]))]
print(f"{len(bad)}" + (f" (qids {bad[:5]})" if bad else ""))
EOF
)
n=$(grep -c . "$queries")
echo "postgis $("${psql[@]}" -At -c 'SELECT postgis_lib_version()'): load and index $(awk "BEGIN{printf \"%.1f\", $t1-$t0}") s, $n queries answered in $(awk "BEGIN{printf \"%.3f\", $t3-$t2}") s ($(awk "BEGIN{printf \"%.3f\", ($t3-$t2)/$n*1000}") ms a query, one psql session); answers whose ids differ from incimap's (as sets): $differ"
