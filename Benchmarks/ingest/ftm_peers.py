#!/usr/bin/env python3
"""Peer baseline for FtM JSON-lines ingestion: parse every line of FILE with orjson (and, when installed, build
followthemoney proxies), report seconds and MB/s. Run beside `corpgraph stats FILE` in the same session:

    python3 Benchmarks/ingest/ftm_peers.py /tmp/cgbench/1m.ftm.json
    /usr/bin/time -v .build/release/corpgraph stats --quiet /tmp/cgbench/1m.ftm.json
"""
import sys

import orjson

from timing import timed

path = sys.argv[1]


def each_line(use):
    n = 0
    with open(path, "rb") as f:
        for line in f:
            if line.strip():
                use(orjson.loads(line))
                n += 1
    return n


timed("orjson parse", path, "lines", lambda: each_line(lambda value: None))

try:
    from followthemoney import model
except ImportError:
    print("followthemoney: not installed (pip install followthemoney)")
else:
    timed("followthemoney proxies", path, "lines", lambda: each_line(model.get_proxy))
