#!/usr/bin/env bash
# Load on loopback with wrk (Debian): `Benchmarks/serve/run.sh [DATASET_DIR]` (default the 1M graph of
# ../shared/bench's gen.py in /tmp/cgbench/1000000). Needs a release build: swift build -c release --product corpgraph.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/tmp/cgbench/1000000}
BIN=${BIN:-.build/release/corpgraph}
PORT=${PORT:-18116}
DURATION=${DURATION:-20s}
export SUBJECTS="$DATA/subjects.txt"
"$BIN" serve "$DATA" --port "$PORT" --as-of 2024-01-01 2>/tmp/corpgraph-serve-bench.log &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null; do sleep 1; kill -0 $PID; done
rss() { awk '/VmRSS/ {print $2}' /proc/$PID/status; }
echo "loaded; RSS $(rss) kB"
# Warm the (date, regime) caches.
curl -s "http://127.0.0.1:$PORT/v1/exposure?subject=$(head -1 "$SUBJECTS")&asOf=2024-01-01" >/dev/null
echo "== single-subject exposure (2 threads, 16 connections, $DURATION)"
wrk -t2 -c16 -d"$DURATION" --latency -s Benchmarks/serve/subjects.lua "http://127.0.0.1:$PORT" | grep -E "Requests/sec|p50_ms|Non-2xx|Socket errors"
echo "RSS $(rss) kB"
echo "== RSS over 100 000 more exposure requests"
before=$(rss)
wrk -t2 -c16 -d120s -s Benchmarks/serve/subjects.lua "http://127.0.0.1:$PORT" >/tmp/corpgraph-wrk-rss.txt &
W=$!
n=0
while kill -0 $W 2>/dev/null; do sleep 5; n=$((n+1)); echo "  t=$((n*5))s RSS $(rss) kB"; done
grep -E "requests in|Requests/sec" /tmp/corpgraph-wrk-rss.txt
echo "RSS before $before kB, after $(rss) kB"
echo "== small renders (SVG, depth 3)"
wrk -t2 -c4 -d"$DURATION" --latency -s Benchmarks/serve/renders.lua "http://127.0.0.1:$PORT" | grep -E "Requests/sec|p50_ms|Non-2xx|Socket errors"
echo "RSS $(rss) kB"
echo "== malformed requests"
wrk -t2 -c8 -d"$DURATION" -s Benchmarks/serve/malformed.lua "http://127.0.0.1:$PORT" | grep -E "requests in|Non-2xx|Socket errors" || true
kill -0 $PID && echo "still alive; /healthz: $(curl -s http://127.0.0.1:$PORT/healthz | tr -d ' \n')"
