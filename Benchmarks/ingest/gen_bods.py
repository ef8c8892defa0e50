#!/usr/bin/env python3
"""BODS 0.4 benchmark input: N statements as JSON lines (half entities, a tenth persons, the rest relationships
with one shareholding interest each), deterministic for a given N and seed.

    python3 Benchmarks/ingest/gen_bods.py 1000000 /tmp/cgbench/1m.bods.jsonl   # 331 MB

Shape: what /tmp/cgbench/1m.bods.jsonl held when the BODS reader was first timed (registered entities with a
jurisdiction, known persons with one name, relationships subject <- interestedParty with an exact share).
"""
import random
import sys

n = int(sys.argv[1])
out = sys.argv[2]
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(seed)
entities = n // 2
persons = n // 10
relationships = n - entities - persons
countries = ["GB", "DE", "RU", "US", "FR", "CY", "NL", "CH", "AE", "IT"]
statement = 0


def sid():
    global statement
    statement += 1
    return f"s{statement:034d}"


def head(subject, record, kind):
    return (
        f'{{"statementId":"{sid()}","statementDate":"2024-01-01","declarationSubject":"{subject}",'
        f'"recordId":"{record}","recordType":"{kind}","recordStatus":"new","recordDetails":'
    )


with open(out, "w") as f:
    for i in range(entities):
        f.write(
            head(f"e{i}", f"e{i}", "entity")
            + f'{{"isComponent":false,"entityType":{{"type":"registeredEntity"}},"name":"Company {i} Ltd",'
            f'"jurisdiction":{{"code":"{rng.choice(countries)}","name":"x"}}}}}}\n'
        )
    for i in range(persons):
        f.write(
            head(f"p{i}", f"p{i}", "person")
            + f'{{"isComponent":false,"personType":"knownPerson","names":[{{"fullName":"Person {i}"}}]}}}}\n'
        )
    for i in range(relationships):
        subject = f"e{rng.randrange(entities)}"
        party = f"p{rng.randrange(persons)}" if rng.random() < 0.4 else f"e{rng.randrange(entities)}"
        f.write(
            head(subject, f"r{i}", "relationship")
            + f'{{"isComponent":false,"subject":"{subject}","interestedParty":"{party}","interests":'
            f'[{{"type":"shareholding","share":{{"exact":{rng.randrange(1, 100)}}},"startDate":"2020-01-01"}}]}}}}\n'
        )
