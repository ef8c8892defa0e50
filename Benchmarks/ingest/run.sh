#!/bin/sh
# BODS and GLEIF load rate beside Python's parsers, in one session (README "Performance").
#   Benchmarks/ingest/run.sh [CORPGRAPH] [DIR] [PYTHON]
# CORPGRAPH: a release build (default .build/release/corpgraph); DIR: where the 1M inputs are made (default
# /tmp/cgbench); PYTHON: an interpreter with orjson and lxml (python3 -m venv V && V/bin/pip install orjson lxml).
set -eu
here=$(dirname "$0")
bin=${1:-.build/release/corpgraph}
dir=${2:-/tmp/cgbench}
py=${3:-python3}
mkdir -p "$dir"
[ -f "$dir/1m.bods.jsonl" ] || python3 "$here/gen_bods.py" 1000000 "$dir/1m.bods.jsonl"
[ -f "$dir/gleif/rr.xml" ] || python3 "$here/gen_gleif.py" 1000000 "$dir/gleif"
for f in "$dir/1m.bods.jsonl" "$dir/gleif/rr.json" "$dir/gleif/rr.xml" "$dir/gleif/lei.json" "$dir/gleif/lei.xml"; do
    size=$(stat -c %s "$f")
    /usr/bin/time -f "%U %S %M" -o /tmp/ingest-time.txt "$bin" stats --quiet "$f" >/dev/null
    read -r user sys rss </tmp/ingest-time.txt
    echo "$f: corpgraph $(echo "$user $sys $size $rss" |
        awk '{printf "%.2f s CPU, %.0f MB/s of CPU, %.0f MB peak RSS", $1 + $2, $3 / 1e6 / ($1 + $2), $4 / 1024}')"
    "$py" "$here/peers.py" "$f"
done
