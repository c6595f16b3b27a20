#!/usr/bin/env python3
"""incimap's GeoParquet read by the tools it is written for: GeoPandas (read_parquet),
pyarrow (the column types) and DuckDB (the types, the points, and the README's recipe over
a Hive-partitioned folder giving the same ids as `incimap near`).

    python3 tests/geoparquet_check.py target/release/incimap

Needs `pip install duckdb duckdb-extension-spatial pyarrow geopandas` (.ci/run installs
them where pip reaches PyPI, and skips this check where it cannot). Exits 1 on the first
difference, naming it.
"""

import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(incimap, *args):
    done = subprocess.run([incimap, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"incimap {' '.join(args)} failed: {done.stderr}")
    return done.stdout


def check(ok, what):
    if not ok:
        sys.exit(f"geoparquet_check: FAILED: {what}")
    print(f"ok: {what}")


def duckdb_with_spatial():
    import duckdb

    con = duckdb.connect()
    try:
        import duckdb_extension_spatial

        here = os.path.dirname(duckdb_extension_spatial.__file__)
        version = duckdb.__version__
        con.sql(f"LOAD '{here}/extensions/v{version}/spatial.duckdb_extension'")
    except Exception:  # noqa: BLE001 - the extension from DuckDB's own repository, if reachable
        con.sql("INSTALL spatial")
        con.sql("LOAD spatial")
    return con


def scattered(path, n):
    """n points, a quarter around Bamako, the rest over the globe, as GeoJSON."""
    state = 0x2545F4914F6CDD1D

    def next_random():
        nonlocal state
        state ^= (state << 13) & 0xFFFFFFFFFFFFFFFF
        state ^= state >> 7
        state ^= (state << 17) & 0xFFFFFFFFFFFFFFFF
        return (state >> 11) / float(1 << 53)

    countries = ["ML", "NE", "BF", "NG"]
    features = []
    for i in range(n):
        if i % 4 == 3:
            lon, lat = -8.5 + next_random(), 12.1 + next_random()
        else:
            lon, lat = 360 * next_random() - 180, 170 * next_random() - 85
        features.append({
            "type": "Feature", "id": f"p{i:06d}",
            "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
            "properties": {"event_id": f"p{i:06d}", "country": countries[i % 4],
                           "event_date": f"{2020 + (i // 4) % 4}-01-{1 + i % 28:02d}", "fatalities": i % 7},
        })
    with open(path, "w") as out:
        json.dump({"type": "FeatureCollection", "features": features}, out)


def main():
    incimap = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/incimap")
    import geopandas
    import pyarrow.parquet as pq

    with tempfile.TemporaryDirectory() as tmp:
        geojson = os.path.join(tmp, "events.geojson")
        parquet = os.path.join(tmp, "events.parquet")
        run(incimap, "extract", os.path.join(ROOT, "seeds"), "-o", geojson)
        run(incimap, "convert", geojson, "-o", parquet)
        with open(geojson) as f:
            features = {x["properties"]["event_id"]: x for x in json.load(f)["features"]}

        # GeoPandas: geometry, CRS, every feature at its point.
        frame = geopandas.read_parquet(parquet)
        check(len(frame) == len(features), f"GeoPandas reads {len(frame)} of {len(features)} features")
        check(str(frame.crs) == "OGC:CRS84", f"GeoPandas: the CRS is OGC:CRS84 ({frame.crs})")
        check(set(frame.geometry.geom_type) == {"Point"}, "GeoPandas: every geometry is a Point")
        for _, row in frame.iterrows():
            lon, lat = features[row["event_id"]]["geometry"]["coordinates"]
            if (row.geometry.x, row.geometry.y) != (lon, lat):
                check(False, f"GeoPandas: {row['event_id']} at {row.geometry}, not {lon},{lat}")
        check(True, "GeoPandas: every point where the GeoJSON has it")

        # pyarrow: the typed columns and the covering.
        schema = pq.read_schema(parquet)
        types = {f.name: str(f.type) for f in schema}
        expected = {"event_id": "string", "event_date": "date32[day]", "fatalities": "int64",
                    "confidence": "double", "geometry": "binary"}
        for name, kind in expected.items():
            check(types.get(name) == kind, f"pyarrow: {name} is {types.get(name)}, want {kind}")
        check(types.get("bbox", "").startswith("struct<xmin: double"), f"pyarrow: bbox is {types.get('bbox')}")
        geo = json.loads(schema.metadata[b"geo"])
        check(geo["version"] == "1.1.0" and geo["columns"]["geometry"]["covering"]["bbox"]["xmin"] == ["bbox", "xmin"],
              "pyarrow: geo metadata 1.1.0 with the bbox covering")
        names = [f.name for f in schema][: -2]
        first = next(iter(features.values()))
        check(names == list(first["properties"]), "the columns in the order of the GeoJSON properties")

        # DuckDB: the types and the points.
        con = duckdb_with_spatial()
        described = {r[0]: r[1] for r in con.sql(f"DESCRIBE SELECT * FROM read_parquet('{parquet}')").fetchall()}
        for name, kind in {"event_date": "DATE", "fatalities": "BIGINT", "event_id": "VARCHAR",
                           "confidence": "DOUBLE"}.items():
            check(described.get(name) == kind, f"DuckDB: {name} is {described.get(name)}, want {kind}")
        check(described.get("geometry", "").upper().startswith("GEOMETRY"),
              f"DuckDB: geometry is {described.get('geometry')}")
        points = con.sql(f"SELECT event_id, ST_X(geometry), ST_Y(geometry) FROM read_parquet('{parquet}')").fetchall()
        check(all(features[i]["geometry"]["coordinates"] == [x, y] for i, x, y in points),
              f"DuckDB: {len(points)} points where the GeoJSON has them")

        # The README's recipe over a partitioned folder: the ids `incimap near` gives.
        many = os.path.join(tmp, "many.geojson")
        n = int(os.environ.get("GEOPARQUET_CHECK_EVENTS", "200000"))
        scattered(many, n)
        folder = os.path.join(tmp, "archive")
        run(incimap, "convert", many, "-o", folder, "--partition", "country,year")
        files = [os.path.join(d, f) for d, _, fs in os.walk(folder) for f in fs]
        check(len(files) == 16 and all("country=" in f and "year=" in f for f in files),
              f"--partition country,year: {len(files)} Hive-partitioned files")
        centre_lat, centre_lon, km = 12.6, -8.0, 50
        start = time.perf_counter()
        answer = run(incimap, "near", f"{centre_lat},{centre_lon}", "--radius", f"{km}km", many, "-f", "csv")
        incimap_s = time.perf_counter() - start
        incimap_ids = sorted(line.split(",")[0] for line in answer.splitlines()[1:])
        sql = f"""
            SELECT event_id
            FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)
            WHERE bbox.ymax >= {centre_lat} - 0.46 AND bbox.ymin <= {centre_lat} + 0.46
              AND bbox.xmax >= {centre_lon} - 0.47 AND bbox.xmin <= {centre_lon} + 0.47
              AND 2 * 6371.0088 * asin(least(1, sqrt(
                    pow(sin(radians(ST_Y(geometry) - {centre_lat}) / 2), 2)
                  + cos(radians({centre_lat})) * cos(radians(ST_Y(geometry)))
                    * pow(sin(radians(ST_X(geometry) - {centre_lon}) / 2), 2)))) <= {km}
            ORDER BY event_id"""
        start = time.perf_counter()
        duck_ids = [r[0] for r in con.sql(sql).fetchall()]
        duck_s = time.perf_counter() - start
        check(len(incimap_ids) > 10 and duck_ids == incimap_ids,
              f"DuckDB over the partitioned folder: the {len(duck_ids)} ids `incimap near` gives "
              f"({n} events; DuckDB {duck_s * 1000:.0f} ms in process, incimap near on the GeoJSON "
              f"{incimap_s * 1000:.0f} ms whole process)")
        sql_geodesic = f"""
            SELECT event_id FROM read_parquet('{folder}/**/*.parquet', hive_partitioning = true)
            WHERE ST_Distance_Spheroid(ST_Point({centre_lat}, {centre_lon}),
                                       ST_Point(ST_Y(geometry), ST_X(geometry))) <= {km * 1000}
            ORDER BY event_id"""
        geodesic = run(incimap, "near", f"{centre_lat},{centre_lon}", "--radius", f"{km}km", "--geodesic",
                       many, "-f", "csv")
        geodesic_ids = sorted(line.split(",")[0] for line in geodesic.splitlines()[1:])
        duck_geodesic = [r[0] for r in con.sql(sql_geodesic).fetchall()]
        check(duck_geodesic == geodesic_ids,
              f"DuckDB ST_Distance_Spheroid: the {len(duck_geodesic)} ids `incimap near --geodesic` gives")
        print("geoparquet_check: all passed")


if __name__ == "__main__":
    main()
