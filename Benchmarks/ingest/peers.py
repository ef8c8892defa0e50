#!/usr/bin/env python3
"""Peer baselines for BODS and GLEIF ingestion: how long Python's fastest parsers take merely to parse FILE (no
graph, no validation), reported as CPU seconds and MB/s of CPU. Run beside `corpgraph stats --quiet FILE` in the
same session (Benchmarks/ingest/run.sh does both):

    python3 Benchmarks/ingest/peers.py /tmp/cgbench/1m.bods.jsonl    # JSON lines: orjson per line
    python3 Benchmarks/ingest/peers.py /tmp/cgbench/gleif/lei.json   # JSON array: orjson over the whole file
    python3 Benchmarks/ingest/peers.py /tmp/cgbench/gleif/rr.xml     # XML: lxml iterparse, each record cleared

The form is known by the first non-blank byte ('[' array, '<' XML, else JSON lines).
"""
import os
import sys
import time

path = sys.argv[1]
size = os.path.getsize(path)


def report(name, seconds, cpu, records):
    print(f"{name}: {seconds:.2f} s wall, {cpu:.2f} s CPU, {size / 1e6 / cpu:.0f} MB/s of CPU, {records} records")


with open(path, "rb") as f:
    head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]

start, cpu = time.perf_counter(), time.process_time()
if head == b"<":
    from lxml import etree

    n = 0
    records = {"LEIRecord", "RelationshipRecord", "Exception"}
    for _, element in etree.iterparse(path, events=("end",)):
        if etree.QName(element).localname in records:
            n += 1
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    report("lxml iterparse", time.perf_counter() - start, time.process_time() - cpu, n)
elif head == b"[":
    import orjson

    with open(path, "rb") as f:
        n = len(orjson.loads(f.read()))
    report("orjson whole array", time.perf_counter() - start, time.process_time() - cpu, n)
else:
    import orjson

    n = 0
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                orjson.loads(line)
                n += 1
    report("orjson per line", time.perf_counter() - start, time.process_time() - cpu, n)
