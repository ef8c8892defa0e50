#!/usr/bin/env bash
# Runs corpgraph-bench on data/N, compares its outputs with the networkx oracle and shows the peers' times as ratios.
#
#   Benchmarks/compare.sh N [--reps K] [--tasks load,reach,...]
#
# Environment: CGBENCH_DATA (default /tmp/cgbench: the gen.py output with data/N/oracle from peers.py --dump-oracle),
# CGBENCH_RESULTS (default $CGBENCH_DATA/results: peers.py results_N.json), CGBENCH_OUT (default /tmp/corpgraph-bench),
# SCRATCH (default .build-bench: the release build directory), SHARED_BENCH (default ../shared/bench: RESULTS.md,
# used for the peers' numbers when results_N.json has none).
set -euo pipefail
cd "$(dirname "$0")/.."
N="${1:?usage: Benchmarks/compare.sh N [--reps K] [--tasks LIST]}"; shift
DATA="${CGBENCH_DATA:-/tmp/cgbench}"
RESULTS="${CGBENCH_RESULTS:-$DATA/results}"
OUT="${CGBENCH_OUT:-/tmp/corpgraph-bench}/$N"
SCRATCH="${SCRATCH:-.build-bench}"
SHARED_BENCH="${SHARED_BENCH:-../shared/bench}"
[ -d "$DATA/$N" ] || { echo "no $DATA/$N: generate it with ../shared/bench/gen.py (see its README)" >&2; exit 2; }

swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product corpgraph-bench >&2
swift build -c release --static-swift-stdlib --scratch-path "$SCRATCH" --product corpgraph >&2
# From 10M on, the tasks run on the mapped snapshot (the built graph is released): holding both, or loading twice,
# would not fit; one repetition each, and T5 left out (its per-person look-through takes ~100 s at 1M on this
# machine, so an hour or more at 10M; pass --tasks load,reach,paths,ofac50,ubo to run it). Options given on the
# command line come after these and win.
extra=()
if [ "$N" -ge 10000000 ]; then extra=(--on-snapshot --reps 1 --tasks load,reach,paths,ofac50); fi
status=0
"$SCRATCH/release/corpgraph-bench" "$DATA/$N" --out "$OUT" "${extra[@]}" "$@" || status=$?

# The CLI on the same data, whole processes as a user runs them: `corpgraph build` from the CSV pair (time and peak
# memory), then a cold single-subject `exposure` on the snapshot (first subject of subjects.txt), five times.
echo
echo "== corpgraph CLI: build from CSV, then cold exposure on the snapshot"
cli="$SCRATCH/release/corpgraph"
snapshot="$OUT/data.cgraph"
subject=$(head -1 "$DATA/$N/subjects.txt")
/usr/bin/time -f "build: %e s wall, %U s user, %S s sys, peak RSS %M KiB" "$cli" build --quiet "$DATA/$N" -o "$snapshot" \
    2>&1 | grep -v '^note:' || status=1
for i in 1 2 3 4 5; do
    /usr/bin/time -f "exposure --subject $subject: %e s wall, %U s user, %S s sys, peak RSS %M KiB" \
        "$cli" exposure "$snapshot" --subject "$subject" --as-of 2025-01-01 2>&1 >/dev/null | grep -v '^note:' || status=1
done

echo
echo "== outputs vs $DATA/$N/oracle"
for f in reach.tsv paths.tsv ofac50.tsv ubo.tsv; do
    ours="$OUT/$f"; oracle="$DATA/$N/oracle/$f"
    if [ ! -f "$ours" ]; then printf '%-11s not produced\n' "$f"; continue; fi
    if [ ! -f "$oracle" ]; then
        # No oracle files (N = 1M: networkx is too slow to dump them): compare with the digest RESULTS.md publishes.
        task="${f%.tsv}"
        published=$(awk -v n="$N" -v t="$task" '
            /^### N = / { inside = ($4 == n) }
            inside && /^Result summaries/ {
                if (match($0, t ": [^;]*digest=[0-9a-f]+")) { s = substr($0, RSTART, RLENGTH); sub(/.*digest=/, "", s); print s }
                exit }' "$SHARED_BENCH/RESULTS.md" 2>/dev/null || true)
        if [ "$f" = ubo.tsv ]; then mine=$(cut -f1,2 "$ours" | sha256sum | cut -c1-16); else mine=$(sha256sum < "$ours" | cut -c1-16); fi
        if [ -z "$published" ]; then
            printf '%-11s no oracle (digest %s)\n' "$f" "$mine"
        elif [ "$mine" = "$published" ]; then
            printf '%-11s AGREES (digest %s = RESULTS.md)\n' "$f" "$mine"
        else
            printf '%-11s DIFFERS (digest %s, RESULTS.md %s)\n' "$f" "$mine" "$published"; status=1
        fi
        continue
    fi
    if [ "$f" = ubo.tsv ]; then
        # Pairs exactly; effective values within a relative 1e-6.
        if cmp -s <(cut -f1,2 "$ours") <(cut -f1,2 "$oracle") && paste "$ours" "$oracle" | awk -F'\t' '
            { d = $3 - $6; if (d < 0) d = -d; m = $6 < 0 ? -$6 : $6; if (d > 1e-6 * (m > 1 ? m : 1)) bad = 1 }
            END { exit bad }'; then
            printf '%-11s AGREES (pairs exact, values within 1e-6)\n' "$f"
        else
            printf '%-11s DIFFERS\n' "$f"; status=1
        fi
    elif cmp -s "$ours" "$oracle"; then
        printf '%-11s AGREES\n' "$f"
    else
        printf '%-11s DIFFERS (first difference: %s)\n' "$f" "$(cmp "$ours" "$oracle" 2>&1 | head -1)"; status=1
    fi
done

echo
echo "== time vs peers (median seconds; ratio = peer / corpgraph, > 1 means corpgraph is faster)"
python3 - "$OUT/times.json" "$RESULTS/results_$N.json" "$SHARED_BENCH/RESULTS.md" "$N" <<'PY'
import json, os, re, sys
ours_path, results_path, md_path, n = sys.argv[1:5]
ours = json.load(open(ours_path))
tasks = ["load", "reach", "paths", "ofac50", "ubo"]
peers = {}  # peer -> task -> seconds (None: timeout/not run); peer -> "rss" -> MiB
source = None
if os.path.exists(results_path):
    data = json.load(open(results_path))
    for peer, r in data.get("results", {}).items():
        row = {}
        for t in tasks:
            x = r.get(t)
            if isinstance(x, dict) and x.get("status") == "ok" and x.get("times"):
                ts = sorted(x["times"]); row[t] = ts[len(ts) // 2]
        if "peak_rss_kb" in r: row["rss"] = r["peak_rss_kb"] / 1024
        if isinstance(r.get("load"), dict) and "rss_kb_after_load" in r["load"]: row["rss_load"] = r["load"]["rss_kb_after_load"] / 1024
        peers[peer] = row
    source = results_path
if len(peers) <= 1 and os.path.exists(md_path):
    # Fall back on the measured table in RESULTS.md for this N.
    text = open(md_path, encoding="utf-8").read()
    m = re.search(r"### N = %s\b.*?\n(\|.*?)\n\n" % n, text, re.S)
    if m:
        lines = [l for l in m.group(1).splitlines() if l.startswith("|")]
        names = [c.strip() for c in lines[0].strip("|").split("|")][1:-1]
        label = {"T1 load": "load", "T2 reach": "reach", "T3 paths": "paths", "T4 ofac50": "ofac50", "T5 ubo": "ubo",
                 "peak RSS": "rss", "RSS after load": "rss_load"}
        for l in lines[2:]:
            cells = [c.strip() for c in l.strip("|").split("|")]
            key = next((v for k, v in label.items() if cells[0].startswith(k) and "plain-Python" not in cells[0]), None)
            if key is None: continue
            for name, cell in zip(names, cells[1:]):
                num = re.match(r"[0-9.]+", cell.replace(",", ""))
                peers.setdefault(name, {})[key] = float(num.group()) if num else None
        source = md_path
mine = {t: v["median"] for t, v in ours.get("tasks", {}).items()}
mine["rss"] = ours.get("peak_rss_kb", 0) / 1024
mine["rss_load"] = ours.get("rss_kb_after_load", 0) / 1024
names = sorted(peers)
print("source of peer numbers:", source or "none found")
print("%-8s %12s" % ("task", "corpgraph") + "".join(" %18s" % p for p in names))
memory = {"rss": "peak MiB", "rss_load": "MiB@load"}
for t in tasks + ["rss_load", "rss"]:
    if t not in mine: continue
    ours_t = mine.get(t)
    row = "%-8s %12s" % (memory.get(t, t), "%.0f" % ours_t if t in memory else "%.3f" % ours_t)
    for p in names:
        v = peers[p].get(t)
        if v is None: row += " %18s" % "-"
        elif t in memory: row += " %18s" % ("%.0f (%.1fx)" % (v, v / ours_t if ours_t else 0))
        elif v < 0.0005 or ours_t < 0.0005: row += " %18s" % ("%.3f" % v)
        else: row += " %18s" % ("%.3f (%.1fx)" % (v, v / ours_t))
    print(row)
PY
exit $status
