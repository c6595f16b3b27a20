#!/usr/bin/env python3
"""Generates the spatial benchmark's data, deterministically: N point events clustered
around real towns (the shipped gazetteer's places of 20,000 people or more, weighted by
population), written as a GeoJSON FeatureCollection of about 250 bytes a feature with
incimap's property names; and Q mixed queries (near, nearest, bbox) as JSON lines for
`incimap batch`, centred on towns and, one in ten, anywhere.

Usage: python3 benches/gen_events.py [--events N] [--queries Q] [--seed S] OUT.geojson QUERIES.jsonl
Same arguments, same bytes.
"""

import argparse
import bisect
import gzip
import json
import math
import pathlib
import random

ROOT = pathlib.Path(__file__).resolve().parent.parent
TYPES = ["Battles", "Battles", "Explosions/Remote violence", "Violence against civilians",
         "Violence against civilians", "Protests", "Riots", "Strategic developments"]
ACTORS = ["JNIM", "ISGS", "Boko Haram", "ISWAP", "al-Shabaab", "Military Forces",
          "Police Forces", "Rioters", "Protesters", "Unidentified Armed Group"]


def towns():
    rows = []
    with gzip.open(ROOT / "gazetteer" / "places.tsv.gz", "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c[6] in ("country", "admin1") or int(c[7] or 0) < 20000:
                continue
            rows.append((int(c[0]), c[1], float(c[2]), float(c[3]), c[4], int(c[7])))
    rows.sort()
    return rows


def clamp(lat, lon):
    lat = max(-90.0, min(90.0, lat))
    lon = (lon + 180.0) % 360.0 - 180.0
    return round(lat, 5), round(lon, 5)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=20261123)
    ap.add_argument("out")
    ap.add_argument("queries_out")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    places = towns()
    cumulative, total = [], 0.0
    for p in places:
        total += math.sqrt(p[5])
        cumulative.append(total)

    def town():
        return places[bisect.bisect_left(cumulative, rng.random() * total)]

    with open(a.out, "w", encoding="utf-8") as out:
        out.write('{"type":"FeatureCollection","features":[\n')
        for i in range(a.events):
            _, name, lat, lon, cc, _ = town()
            spread = rng.choice((0.02, 0.1, 0.4))
            lat, lon = clamp(lat + rng.gauss(0, spread), lon + rng.gauss(0, spread))
            kind = rng.choice(TYPES)
            deaths = int(rng.expovariate(0.2)) if kind != "Protests" else 0
            props = {
                "event_date": f"{rng.randint(2018, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                "event_type": kind,
                "actor1": rng.choice(ACTORS),
                "location": name,
                "country_code": cc,
                "fatalities": deaths,
            }
            feature = {"type": "Feature", "id": f"ev-{i:07d}",
                       "geometry": {"type": "Point", "coordinates": [lon, lat]},
                       "properties": props}
            out.write(("" if i == 0 else ",\n") + json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
        out.write("\n]}\n")

    with open(a.queries_out, "w", encoding="utf-8") as out:
        for q in range(a.queries):
            if rng.random() < 0.1:
                lat, lon = clamp(math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180))
            else:
                _, _, lat, lon, _, _ = town()
                lat, lon = clamp(lat + rng.gauss(0, 0.2), lon + rng.gauss(0, 0.2))
            op = ("near", "nearest", "bbox")[q % 3]
            if op == "near":
                query = {"qid": q, "op": op, "lon": lon, "lat": lat,
                         "radius_km": round(rng.choice((5, 10, 25, 50, 100)) * rng.uniform(0.5, 1.5), 1)}
            elif op == "nearest":
                query = {"qid": q, "op": op, "lon": lon, "lat": lat, "k": rng.choice((1, 5, 10, 20, 50))}
            else:
                half = rng.choice((0.05, 0.1, 0.25, 0.5))
                s, n = max(-90.0, lat - half), min(90.0, lat + half)
                w, e = clamp(0, lon - half)[1], clamp(0, lon + half)[1]
                query = {"qid": q, "op": op, "bbox": [w, round(s, 5), e, round(n, 5)]}
            out.write(json.dumps(query, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
