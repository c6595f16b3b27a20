#!/usr/bin/env python3
"""The same batch of queries, answered with GeoPandas and shapely's STRtree, timed
without the load (as issue 5 asks), and checked against incimap's answers.

Great-circle answers from a planar tree: each near query asks the tree for a box that
surely holds the circle (split at the antimeridian), then keeps the candidates whose
haversine distance (numpy, mean radius 6371.0088 km) is within the radius; nearest grows
the radius until k are found; bbox asks the tree for the box. The answers must equal
incimap's, id for id (the script says how many differ).

Usage: python3 benches/compare_geopandas.py EVENTS.geojson QUERIES.jsonl ANSWERS.jsonl
(ANSWERS from `incimap batch QUERIES EVENTS`). Needs geopandas and shapely 2.
"""

import json
import math
import sys
import time

import geopandas
import numpy as np
import shapely

R = 6371.0088


def haversine(lat0, lon0, lat, lon):
    p0, p = math.radians(lat0), np.radians(lat)
    a = np.sin((p - p0) / 2) ** 2 + math.cos(p0) * np.cos(p) * np.sin(np.radians(lon - lon0) / 2) ** 2
    return 2 * R * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def boxes(lat, lon, radius_km):
    """Lon/lat boxes that hold every point within radius_km of (lat, lon)."""
    dlat = math.degrees(radius_km / R)
    south, north = lat - dlat, lat + dlat
    if south <= -90 or north >= 90 or radius_km >= math.pi * R / 2:
        return [(-180, max(-90, south), 180, min(90, north))]
    dlon = math.degrees(math.asin(min(1.0, math.sin(radius_km / R) / math.cos(math.radians(lat)))))
    if dlon >= 180:
        return [(-180, south, 180, north)]
    west, east = lon - dlon, lon + dlon
    out = [(max(-180, west), south, min(180, east), north)]
    if west < -180:
        out.append((west + 360, south, 180, north))
    if east > 180:
        out.append((-180, south, east - 360, north))
    return out


def main():
    events, queries, answers = sys.argv[1:4]
    t0 = time.perf_counter()
    with open(events, encoding="utf-8") as f:
        feats = json.load(f)["features"]
    lon = np.array([ft["geometry"]["coordinates"][0] for ft in feats])
    lat = np.array([ft["geometry"]["coordinates"][1] for ft in feats])
    ids = np.array([ft["id"] for ft in feats])
    del feats
    gdf = geopandas.GeoDataFrame({"id": ids}, geometry=geopandas.points_from_xy(lon, lat), crs="EPSG:4326")
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    tree = shapely.STRtree(gdf.geometry.values)
    tree_s = time.perf_counter() - t0

    qs = [json.loads(line) for line in open(queries, encoding="utf-8") if line.strip()]

    def near(q_lat, q_lon, r):
        cand = np.unique(np.concatenate([tree.query(shapely.box(*b)) for b in boxes(q_lat, q_lon, r)]))
        d = haversine(q_lat, q_lon, lat[cand], lon[cand])
        keep = d <= r
        cand, d = cand[keep], d[keep]
        order = np.lexsort((ids[cand], d))
        return cand[order], d[order]

    t0 = time.perf_counter()
    got = []
    for q in qs:
        if q["op"] == "near":
            found, _ = near(q["lat"], q["lon"], q["radius_km"])
        elif q["op"] == "nearest":
            r = 10.0
            while True:
                found, _ = near(q["lat"], q["lon"], r)
                if len(found) >= q["k"] or r > math.pi * R:
                    found = found[: q["k"]]
                    break
                r *= 4
        else:
            w, s, e, n = q["bbox"]
            parts = [(w, s, e, n)] if w <= e else [(w, s, 180, n), (-180, s, e, n)]
            found = np.unique(np.concatenate([tree.query(shapely.box(*p), predicate="intersects") for p in parts]))
        got.append([str(i) for i in ids[found]])
    query_s = time.perf_counter() - t0

    expected = [json.loads(line)["ids"] for line in open(answers, encoding="utf-8") if line.strip()]
    differ = sum(1 for a, b in zip(got, expected) if a != b)
    print(f"geopandas {geopandas.__version__} / shapely {shapely.__version__}: {len(lon)} events "
          f"loaded in {load_s:.1f} s, STRtree built in {tree_s:.2f} s, {len(qs)} queries answered in "
          f"{query_s:.3f} s ({query_s / len(qs) * 1e3:.3f} ms a query); answers differing from "
          f"incimap's: {differ}")


if __name__ == "__main__":
    main()
