#!/usr/bin/env python3
"""The peer that benches/geotext.sh times against `incimap extract`: geotext (PyPI) run over
every .txt file under a folder (walked recursively, sorted by path), with 2 worker processes.

geotext builds its cities/countries index when it is imported, so importing it at module
level loads it once per worker process (inherited on fork, re-imported on spawn), never per
article. One JSON line per article (file name, cities, countries) goes to stdout, in file
order, so the work cannot be skipped.

Usage: python3 benches/geotext_run.py DIR > out.jsonl   (needs `pip install geotext`)
"""

import json
import multiprocessing
import sys
from pathlib import Path

from geotext import GeoText


def places(path):
    found = GeoText(path.read_text(encoding="utf-8"))
    return json.dumps({"file": path.name, "cities": found.cities, "countries": found.countries})


if __name__ == "__main__":
    files = sorted(Path(sys.argv[1]).rglob("*.txt"))
    with multiprocessing.Pool(2) as pool:
        sys.stdout.writelines(line + "\n" for line in pool.imap(places, files, chunksize=64))
