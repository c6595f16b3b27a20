#!/usr/bin/env python3
"""Writes the pathological articles of issue 19 at a size factor, for timing `incimap extract`
(see benches/pathological.sh): one article without sentence punctuation, one sentence of
comma-separated figures, and thousands of incidents in one file.

Usage: python3 benches/pathological.py OUT_DIR FACTOR
  FACTOR 16 gives the issue's sizes: a 1.4 MB unpunctuated article, a 1 MB list of figures,
  16,000 incidents in one file; FACTOR 1 and 4 give 1/16 and 1/4 of them.
"""
import datetime
import os
import sys

out, factor = sys.argv[1], int(sys.argv[2])
os.makedirs(out, exist_ok=True)

# 1. No sentence punctuation: words of an incident report repeated, no period, comma or line break.
words = ("gunmen killed twelve villagers in Menaka on Friday and soldiers said the attackers "
         "fled towards the border after burning houses and stealing cattle while residents ")
target = 1_400_000 * factor // 16
text = (words * (target // len(words) + 1))[:target]
with open(os.path.join(out, "unpunctuated.txt"), "w") as f:
    f.write("Attack in Menaka\n" + text + "\n")

# 2. One sentence of comma-separated figures.
target = 1_000_000 * factor // 16
parts, size, n = [], 0, 0
while size < target:
    p = f"{n % 997 + 3}"
    parts.append(p)
    size += len(p) + 2
    n += 1
with open(os.path.join(out, "figures.txt"), "w") as f:
    f.write("Attacks in Mali\nOn Friday gunmen killed " + ", ".join(parts) + " people in Gao, Mali.\n")

# 3. Many incidents in one file: a thousand per factor, each its own paragraph.
places = ["Gao", "Menaka", "Timbuktu", "Mopti", "Kidal", "Segou", "Bamako", "Djenne"]
first = datetime.date(2024, 1, 1)
with open(os.path.join(out, "incidents.txt"), "w") as f:
    f.write("Weekly security roundup\n")
    for i in range(1000 * factor):
        day = first + datetime.timedelta(days=i % 260)
        f.write(f"On {day.day} {day:%B %Y}, gunmen killed {i % 40 + 2} civilians in "
                f"the town of {places[i // 260 % len(places)]} in northern Mali, officials said.\n\n")
