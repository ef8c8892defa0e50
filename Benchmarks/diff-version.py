#!/usr/bin/env python3
"""Derives a second version of a gen.py data directory that differs in 1 % of its records (the diff benchmark).

Usage: python3 Benchmarks/diff-version.py /tmp/cgbench/1000000 /tmp/cgbench/1000000-v2

Deterministic (no randomness): every 100th entity row (row index % 100 == 0) is changed, in turn renamed, its
sanctions toggled (none -> OFAC-SDN, any -> none), removed (with its relationships), or moved to another
jurisdiction; every 100th relationship row (index % 100 == 50) is, in turn, dropped, changed (an owns share to 80 %
of itself, a payment amount doubled) or kept with a new payment beside it. The csv module reads and writes RFC 4180.
"""
import csv
import os
import sys


def main(src, dst):
    os.makedirs(dst, exist_ok=True)
    removed = set()
    counts = {"entities changed": 0, "entities removed": 0, "relationships dropped": 0, "relationships changed": 0,
              "relationships added": 0}
    with open(os.path.join(src, "entities.csv"), newline="", encoding="utf-8") as f, \
         open(os.path.join(dst, "entities.csv"), "w", newline="", encoding="utf-8") as g:
        r = csv.reader(f)
        w = csv.writer(g, lineterminator="\n")
        w.writerow(next(r))
        for i, row in enumerate(r):
            if i % 100 == 0:
                step = (i // 100) % 4
                if step == 0:
                    row[2] = row[2] + " (renamed)"
                elif step == 1:
                    row[4] = "" if row[4] else "OFAC-SDN"
                elif step == 2:
                    removed.add(row[0])
                    counts["entities removed"] += 1
                    continue
                else:
                    row[3] = "DE" if row[3].startswith("RU") else "RU"
                counts["entities changed"] += 1
            w.writerow(row)
    with open(os.path.join(src, "relationships.csv"), newline="", encoding="utf-8") as f, \
         open(os.path.join(dst, "relationships.csv"), "w", newline="", encoding="utf-8") as g:
        r = csv.reader(f)
        w = csv.writer(g, lineterminator="\n")
        header = next(r)
        w.writerow(header)
        for j, row in enumerate(r):
            if row[0] in removed or row[1] in removed:
                continue
            if j % 100 == 50:
                step = (j // 100) % 3
                if step == 0:
                    counts["relationships dropped"] += 1
                    continue
                if step == 1:
                    if row[2] == "owns" and row[3]:
                        cents = int(row[3].replace(".", ""))
                        row[3] = "%d.%02d" % divmod(cents * 8 // 10, 100)
                    elif row[2] == "pays" and row[4]:
                        cents = int(row[4].replace(".", ""))
                        row[4] = "%d.%02d" % divmod(cents * 2, 100)
                    counts["relationships changed"] += 1
                else:
                    w.writerow(row)
                    row = [row[0], row[1], "pays", "", "1000.00", "USD", "2023-06-01"] + [""] * (len(header) - 7)
                    counts["relationships added"] += 1
            w.writerow(row)
    print(", ".join("%s %d" % kv for kv in counts.items()))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
