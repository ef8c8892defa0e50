#!/usr/bin/env python3
"""Peer baseline for FtM JSON-lines ingestion: parse every line of FILE with orjson (and, when installed, build
followthemoney proxies), report seconds and MB/s. Run beside `corpgraph stats FILE` in the same session:

    python3 Benchmarks/ingest/ftm_peers.py /tmp/cgbench/1m.ftm.json
    /usr/bin/time -v .build/release/corpgraph stats --quiet /tmp/cgbench/1m.ftm.json
"""
import os
import sys
import time

path = sys.argv[1]
size = os.path.getsize(path)


def report(name, seconds, cpu, lines):
    print(f"{name}: {seconds:.2f} s wall, {cpu:.2f} s CPU, {size / 1e6 / cpu:.0f} MB/s of CPU, {lines} lines")


import orjson

start, cpu = time.perf_counter(), time.process_time()
n = 0
with open(path, "rb") as f:
    for line in f:
        if line.strip():
            orjson.loads(line)
            n += 1
report("orjson parse", time.perf_counter() - start, time.process_time() - cpu, n)

try:
    from followthemoney import model
except ImportError:
    print("followthemoney: not installed (pip install followthemoney)")
else:
    start, cpu = time.perf_counter(), time.process_time()
    n = 0
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                model.get_proxy(orjson.loads(line))
                n += 1
    report("followthemoney proxies", time.perf_counter() - start, time.process_time() - cpu, n)
