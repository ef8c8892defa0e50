#!/usr/bin/env python3
"""Writes a deterministic 300-entity native dataset for the generated overview in render/ (make render).

A holding tree across 10 countries, with cross payments and control edges; seeded, so the file and the drawing
are the same on every run. Usage: generate_overview.py OUT.yaml [N]
"""
import random
import sys

out = sys.argv[1]
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
rng = random.Random(300)
countries = ["RU", "CY", "AE", "SG", "JP", "DE", "KZ", "HK", "GB", "CH"]
roles = ["Генеральный директор", "代表取締役", "CEO", "Managing director", "boardAppointment"]
lines = ["policy:", "  jurisdictions: [RU, BY]", "  regime: ofac", "", "entities:"]
for i in range(n):
    kind = "person" if i % 9 == 4 else "company"
    listed = ", designations: [{list: OFAC-SDN, listed: 2022-04-05}]" if i % 37 == 5 else ""
    lines.append(f"  - {{id: g{i}, kind: {kind}, name: \"Generated {kind} {i}\", jurisdiction: {rng.choice(countries)}{listed}}}")
lines += ["", "relationships:"]
k = 0
for i in range(1, n):
    parent = rng.randrange(0, i)
    lines.append(f"  - {{id: t{k}, kind: owns, source: g{parent}, target: g{i}, share: {rng.choice([100, 51, 49, 25, 10])}}}")
    k += 1
for _ in range(n // 3):
    a, b = rng.randrange(n), rng.randrange(n)
    if a != b:
        lines.append(f"  - {{id: t{k}, kind: pays, source: g{a}, target: g{b}, amount: {rng.randrange(1, 900) * 1000}, "
                     f"currency: USDT, date: 2022-0{rng.randrange(1, 10)}-15}}")
        k += 1
for _ in range(n // 10):
    a, b = rng.randrange(n), rng.randrange(n)
    if a != b:
        role = rng.choice(roles)
        lines.append(f"  - {{id: t{k}, kind: directs, source: g{a}, target: g{b}, role: \"{role}\"}}")
        k += 1
with open(out, "w", encoding="utf-8") as f:
    f.write("\n".join(lines) + "\n")
