#!/usr/bin/env python3
"""Quality of `corpgraph search` on the labelled set, beside rapidfuzz token_set_ratio, measured in the same run.

    /tmp/venv/bin/pip install rapidfuzz          # the baseline only
    /tmp/venv/bin/python Benchmarks/match-eval/eval.py [--corpgraph .build/release/corpgraph] [--threshold 0.7]

Each query of queries.csv either names the entity it should find (`expected`) or none (a hard negative). For both
systems the top result counts:
  top-1 accuracy  positives whose top result is the expected entity;
  recall          positives whose top result is the expected entity and scores at or above the threshold;
  precision       of the queries whose top result scores at or above the threshold, those where it is the expected
                  entity (any such result of a negative is a false positive).
corpgraph runs with its default threshold (0.7). rapidfuzz is scored on lower-cased text against every name and alias
(score / 100); it is reported at 0.7 and at its best-F1 threshold on this very set (hindsight: an advantage to it).
"""
import argparse
import csv
import json
import os
import subprocess
import sys

import yaml_lite

from rapidfuzz import fuzz

HERE = os.path.dirname(os.path.abspath(__file__))


def load_names(path):
    names = {}
    for e in yaml_lite.entities(path):
        names[e["id"]] = [e["name"]] + e.get("aliases", [])
    return names


def metrics(rows, threshold):
    positives = [r for r in rows if r["expected"]]
    top1 = sum(1 for r in positives if r["top"] == r["expected"])
    tp = sum(1 for r in positives if r["top"] == r["expected"] and r["score"] >= threshold)
    predicted = [r for r in rows if r["top"] and r["score"] >= threshold]
    correct = sum(1 for r in predicted if r["top"] == r["expected"])
    precision = correct / len(predicted) if predicted else 1.0
    recall = tp / len(positives)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0
    false_pos_negatives = sum(1 for r in rows if not r["expected"] and r["top"] and r["score"] >= threshold)
    return dict(precision=precision, recall=recall, f1=f1, top1=top1 / len(positives),
                false_positive_negatives=false_pos_negatives)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpgraph", default=".build/release/corpgraph")
    ap.add_argument("--threshold", type=float, default=0.7)
    ap.add_argument("--show", action="store_true", help="print every query with both top results")
    args = ap.parse_args()
    entities = os.path.join(HERE, "entities.yaml")
    names = load_names(entities)
    queries = list(csv.DictReader(open(os.path.join(HERE, "queries.csv"), encoding="utf-8")))

    ours, base = [], []
    for q in queries:
        out = subprocess.run([args.corpgraph, "search", entities, q["query"], "--format", "json", "--limit", "3"],
                             capture_output=True, text=True)
        if out.returncode != 0:
            sys.exit(f"corpgraph search failed for {q['query']!r}: {out.stderr}")
        results = json.loads(out.stdout)["results"]
        top = results[0] if results else None
        ours.append(dict(query=q["query"], expected=q["expected"], top=top["id"] if top else "",
                         score=top["score"] if top else 0.0))
        best_id, best = "", -1.0
        for eid in sorted(names):
            s = max(fuzz.token_set_ratio(q["query"].lower(), n.lower()) for n in names[eid]) / 100
            if s > best:
                best_id, best = eid, s
        base.append(dict(query=q["query"], expected=q["expected"], top=best_id, score=best))

    grid = [x / 100 for x in range(50, 100)]
    best_t = max(grid, key=lambda t: (metrics(base, t)["f1"], -t))
    n_pos = sum(1 for q in queries if q["expected"])
    print(f"queries: {len(queries)} ({n_pos} positives, {len(queries) - n_pos} hard negatives); entities: {len(names)}")
    print(f"{'system':44} {'precision':>9} {'recall':>7} {'F1':>6} {'top-1':>6} {'FP on negatives':>16}")
    for label, rows, t in [(f"corpgraph search (default threshold {args.threshold})", ours, args.threshold),
                           ("rapidfuzz token_set_ratio @ 0.70", base, 0.70),
                           (f"rapidfuzz token_set_ratio @ best F1 {best_t:.2f}", base, best_t)]:
        m = metrics(rows, t)
        print(f"{label:44} {m['precision']:9.3f} {m['recall']:7.3f} {m['f1']:6.3f} {m['top1']:6.3f} {m['false_positive_negatives']:16d}")
    if args.show:
        for o, b in zip(ours, base):
            flag = "" if (o["top"] == o["expected"]) == bool(o["expected"]) or not o["expected"] else "  <-- top-1 miss"
            print(f"  {o['query'][:40]:40} expected {o['expected'] or '-':4} ours {o['top'] or '-':4} {o['score']:.3f}"
                  f"   rapidfuzz {b['top']:4} {b['score']:.3f}{flag}")


if __name__ == "__main__":
    main()
