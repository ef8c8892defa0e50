#!/usr/bin/env python3
"""Baseline for search latency: rapidfuzz process.extractOne (token_set_ratio, lower-cased, one core) over every
name of data/N/entities.csv, for the first --queries counterparties of a corpgraph-bench counterparty file.

    /tmp/venv/bin/python Benchmarks/match-eval/rapidfuzz_latency.py /tmp/cgbench/1000000 /tmp/cgbench-counterparties-10000.csv
"""
import csv
import statistics
import sys
import time

from rapidfuzz import fuzz, process, utils

data, counterparties = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 20
names = [row["name"].lower() for row in csv.DictReader(open(f"{data}/entities.csv", encoding="utf-8"))]
queries = [row["name"].lower() for _, row in zip(range(n), csv.DictReader(open(counterparties, encoding="utf-8")))]
times = []
for q in queries:
    t = time.perf_counter()
    process.extractOne(q, names, scorer=fuzz.token_set_ratio)
    times.append(time.perf_counter() - t)
med = statistics.median(times)
print(f"rapidfuzz extractOne over {len(names)} names: {len(queries)} queries, median {med * 1000:.1f} ms, "
      f"max {max(times) * 1000:.1f} ms; 10 000 queries ≈ {med * 10000:.0f} s")
