#!/usr/bin/env bash
# Load on loopback with wrk (Debian): `Benchmarks/serve/run.sh [DATASET]` (default the 1M graph of ../shared/bench's
# gen.py in /tmp/cgbench/1000000; a .cgraph built from it starts in seconds). Needs a release build:
# swift build -c release --product corpgraph. BIN=… runs another binary (a baseline), DURATION, RSS_DURATION and
# RENDER_RSS_DURATION set the phases' lengths.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${1:-/tmp/cgbench/1000000}
BIN=${BIN:-.build/release/corpgraph}
PORT=${PORT:-18116}
DURATION=${DURATION:-20s}
RSS_DURATION=${RSS_DURATION:-120s}
RENDER_RSS_DURATION=${RENDER_RSS_DURATION:-240s}
SUBJECTS_ALL=${SUBJECTS_ALL:-/tmp/cgbench/1000000/subjects.txt}
"$BIN" serve "$DATA" --port "$PORT" --as-of 2024-01-01 2>/tmp/corpgraph-serve-bench.log &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
URL="http://127.0.0.1:$PORT"
until curl -sf "$URL/readyz" >/dev/null; do sleep 1; kill -0 $PID; done
# The search index builds in the background after start (a newer server says so in /readyz): wait for it.
while curl -s "$URL/readyz" | grep -q '"building"'; do sleep 1; done
rss() { awk '/VmRSS/ {print $2}' /proc/$PID/status; }
# Server plus its render worker processes, kB.
rss_all() {
  local total; total=$(rss)
  for c in $(pgrep -P $PID || true); do total=$((total + $(awk '/VmRSS/ {print $2}' /proc/$c/status 2>/dev/null || echo 0))); done
  echo "$total"
}
echo "loaded; RSS $(rss) kB"
# The single-subject benchmark subjects whose exposure report is under 200 KB (28 of the 100 have 1 000 paths and a
# 3.7 MB report, 0.5 s each: a different benchmark, reported separately).
export SUBJECTS=/tmp/corpgraph-serve-subjects-light.txt
: >"$SUBJECTS"
while read -r s; do
  [ -n "$s" ] || continue
  n=$(curl -s -o /dev/null -w '%{size_download}' "$URL/v1/exposure?subject=$s&asOf=2024-01-01")
  if [ "$n" -lt 200000 ]; then echo "$s" >>"$SUBJECTS"; fi
done <"$SUBJECTS_ALL"
echo "light subjects: $(wc -l <"$SUBJECTS") of $(grep -c . "$SUBJECTS_ALL")"
echo "== single-subject exposure (wrk 2 threads, 16 connections, $DURATION)"
wrk -t2 -c16 -d"$DURATION" --latency -s Benchmarks/serve/subjects.lua "$URL" | grep -E "Requests/sec|p50_ms|Non-2xx|Socket errors"
echo "RSS $(rss) kB"
echo "== RSS over $RSS_DURATION more exposure requests"
before=$(rss)
wrk -t2 -c16 -d"$RSS_DURATION" -s Benchmarks/serve/subjects.lua "$URL" >/tmp/corpgraph-wrk-rss.txt
grep -E "requests in|Requests/sec" /tmp/corpgraph-wrk-rss.txt
echo "RSS before $before kB, after $(rss) kB"
echo "== small renders (SVG, depth 3, 4 connections, $DURATION)"
wrk -t2 -c4 -d"$DURATION" --latency -s Benchmarks/serve/renders.lua "$URL" | grep -E "Requests/sec|p50_ms|Non-2xx|Socket errors"
echo "RSS server $(rss) kB, with render workers $(rss_all) kB"
echo "== RSS over $RENDER_RSS_DURATION of renders"
before=$(rss); before_all=$(rss_all)
wrk -t2 -c4 -d"$RENDER_RSS_DURATION" -s Benchmarks/serve/renders.lua "$URL" >/tmp/corpgraph-wrk-render-rss.txt &
W=$!
n=0
while kill -0 $W 2>/dev/null; do sleep 30; n=$((n+1)); echo "  t=$((n*30))s RSS server $(rss) kB, with workers $(rss_all) kB"; done
grep -E "requests in|Requests/sec|Non-2xx" /tmp/corpgraph-wrk-render-rss.txt || true
echo "RSS server before $before kB, after $(rss) kB; with workers before $before_all kB, after $(rss_all) kB"
echo "== malformed requests ($DURATION)"
wrk -t2 -c8 -d"$DURATION" -s Benchmarks/serve/malformed.lua "$URL" | grep -E "requests in|Non-2xx|Socket errors|statuses" || true
kill -0 $PID && echo "still alive; /healthz: $(curl -s "$URL/healthz" | tr -d ' \n')"
