#!/usr/bin/env python3
"""Peer baselines for BODS and GLEIF ingestion: how long Python's fastest parsers take merely to parse FILE (no
graph, no validation), reported as CPU seconds and MB/s of CPU. Run beside `corpgraph stats --quiet FILE` in the
same session (Benchmarks/ingest/run.sh does both):

    python3 Benchmarks/ingest/peers.py /tmp/cgbench/1m.bods.jsonl    # JSON lines: orjson per line
    python3 Benchmarks/ingest/peers.py /tmp/cgbench/gleif/lei.json   # JSON array: orjson over the whole file
    python3 Benchmarks/ingest/peers.py /tmp/cgbench/gleif/rr.xml     # XML: lxml iterparse, each record cleared

The form is known by the first non-blank byte ('[' array, '<' XML, else JSON lines).
"""
import sys

from timing import timed

path = sys.argv[1]

with open(path, "rb") as f:
    head = f.read(4096).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]


def xml_records():
    from lxml import etree

    n = 0
    records = {"LEIRecord", "RelationshipRecord", "Exception"}
    for _, element in etree.iterparse(path, events=("end",)):
        if etree.QName(element).localname in records:
            n += 1
            element.clear()
            while element.getprevious() is not None:
                del element.getparent()[0]
    return n


def json_array():
    import orjson

    with open(path, "rb") as f:
        return len(orjson.loads(f.read()))


def json_lines():
    import orjson

    n = 0
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                orjson.loads(line)
                n += 1
    return n


if head == b"<":
    timed("lxml iterparse", path, "records", xml_records)
elif head == b"[":
    timed("orjson whole array", path, "records", json_array)
else:
    timed("orjson per line", path, "records", json_lines)
