#!/usr/bin/env python3
"""GLEIF benchmark inputs in the golden-copy shapes the GLEIF reader reads (docs/FORMATS-IMPORT.md §3):
N Level 1 LEI records and N/2 Level 2 relationship records, each as a JSON array and as XML, deterministic for a
given N and seed. LEIs are 20 characters with valid ISO 17442 check digits.

    python3 Benchmarks/ingest/gen_gleif.py 1000000 /tmp/cgbench/gleif
    # -> lei.json, rr.json (JSON arrays, one record per line as the golden copy's JSON), lei.xml, rr.xml

Relationship types follow the golden copy's mix roughly: direct and ultimate consolidation (a third of the direct
ones with a PERCENTAGE quantifier), fund management, sub-funds, branches; a few INACTIVE ones with an end date.
"""
import json
import os
import random
import sys

n = int(sys.argv[1])
folder = sys.argv[2]
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 1
rng = random.Random(seed)
os.makedirs(folder, exist_ok=True)
ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOUS = ["5493", "2138", "5299", "9695", "8945", "3157", "7245", "0292"]
COUNTRIES = ["US", "GB", "DE", "FR", "LU", "NL", "IE", "KY", "CH", "RU", "CY", "JP"]
CITIES = ["Boston", "London", "Frankfurt", "Paris", "Luxembourg", "Amsterdam", "Dublin", "George Town"]


def lei(i):
    x = i * 2_654_435_761 % 36**12  # a bijection of 0..36^12-1: spreads the ids over the alphabet
    tail = ""
    for _ in range(12):
        x, d = divmod(x, 36)
        tail = ALNUM[d] + tail
    body = LOUS[i % len(LOUS)] + "00" + tail
    digits = "".join(str(int(c, 36)) for c in body) + "00"
    return body + f"{98 - int(digits) % 97:02d}"


leis = [lei(i) for i in range(n)]


def level_one(i):
    country = COUNTRIES[i % len(COUNTRIES)]
    record = {
        "LEI": leis[i],
        "Entity": {
            "LegalName": f"Entity {i} {rng.choice(['Holdings', 'Capital', 'Fund', 'GmbH', 'S.A.', 'Ltd'])}",
            "LegalAddress": {
                "FirstAddressLine": f"{rng.randrange(1, 999)} Main Street",
                "City": rng.choice(CITIES),
                "Country": country,
                "PostalCode": f"{rng.randrange(10000, 99999)}",
            },
            "RegistrationAuthority": {"RegistrationAuthorityID": "RA000665", "RegistrationAuthorityEntityID": f"S{i:09d}"},
            "LegalJurisdiction": country,
            "EntityCategory": rng.choice(["GENERAL", "FUND", "BRANCH"]),
            "EntityStatus": "ACTIVE",
            "EntityCreationDate": "2012-11-29T00:00:00.000Z",
        },
        "Registration": {
            "InitialRegistrationDate": "2012-11-29T16:33:00.000Z",
            "LastUpdateDate": "2023-05-18T15:41:20.212Z",
            "RegistrationStatus": rng.choice(["ISSUED", "ISSUED", "ISSUED", "LAPSED"]),
            "ManagingLOU": "EVK05KS7XY1DEII3R011",
            "ValidationSources": "FULLY_CORROBORATED",
        },
    }
    if i % 5 == 0:
        record["Entity"]["OtherEntityNames"] = [
            {"type": "PREVIOUS_LEGAL_NAME", "OtherEntityName": f"Former Entity {i}"}
        ]
    return record


TYPES = ["IS_DIRECTLY_CONSOLIDATED_BY"] * 4 + ["IS_ULTIMATELY_CONSOLIDATED_BY"] * 3 + [
    "IS_FUND-MANAGED_BY", "IS_SUBFUND_OF", "IS_INTERNATIONAL_BRANCH_OF"]


def relationship(k):
    child = rng.randrange(n)
    parent = rng.randrange(n)
    if parent == child:
        parent = (parent + 1) % n
    kind = rng.choice(TYPES)
    inactive = rng.random() < 0.05
    period = {"StartDate": f"20{rng.randrange(10, 24)}-01-01T00:00:00.000Z", "PeriodType": "RELATIONSHIP_PERIOD"}
    if inactive:
        period["EndDate"] = "2024-06-30T00:00:00.000Z"
    rel = {
        "StartNode": {"NodeID": leis[child], "NodeIDType": "LEI"},
        "EndNode": {"NodeID": leis[parent], "NodeIDType": "LEI"},
        "RelationshipType": kind,
        "RelationshipPeriods": [period],
        "RelationshipStatus": "INACTIVE" if inactive else "ACTIVE",
    }
    if kind.endswith("CONSOLIDATED_BY"):
        rel["RelationshipQualifiers"] = [{"QualifierDimension": "ACCOUNTING_STANDARD", "QualifierCategory": "IFRS"}]
        if kind == "IS_DIRECTLY_CONSOLIDATED_BY" and k % 3 == 0:
            rel["RelationshipQuantifiers"] = [
                {"MeasurementMethod": "ACCOUNTING_CONSOLIDATION", "QuantifierAmount": f"{rng.randrange(50, 101)}.00",
                 "QuantifierUnits": "PERCENTAGE"}]
    return {
        "Relationship": rel,
        "Registration": {
            "InitialRegistrationDate": "2022-11-14T09:59:48.000Z",
            "LastUpdateDate": "2023-05-18T15:41:20.212Z",
            "RegistrationStatus": "PUBLISHED",
            "ManagingLOU": "EVK05KS7XY1DEII3R011",
            "ValidationSources": "FULLY_CORROBORATED",
        },
    }


def xml(name, value, indent):
    pad = " " * indent
    if isinstance(value, dict) and "type" in value and len(value) == 2:  # <OtherEntityName type="…">text</…>
        text = next(v for k, v in value.items() if k != "type")
        return f'{pad}<{name} type="{value["type"]}">{text}</{name}>\n'
    if isinstance(value, dict):
        inner = "".join(xml(k, v, indent + 2) for k, v in value.items() if k != "type")
        return f"{pad}<{name}>\n{inner}{pad}</{name}>\n"
    if isinstance(value, list):  # Xs wrapping repeated X
        inner = "".join(xml(name[:-1], v, indent + 2) for v in value)
        return f"{pad}<{name}>\n{inner}{pad}</{name}>\n"
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f"{pad}<{name}>{text}</{name}>\n"


def prefixed(record, prefix):
    if isinstance(record, dict):
        return {f"{prefix}:{k}" if k != "type" else k: prefixed(v, prefix) for k, v in record.items()}
    if isinstance(record, list):
        return [prefixed(v, prefix) for v in record]
    return record


def write(stem, count, make, root, records, element, prefix, namespace):
    """Both forms at once, one record at a time (memory stays small at any N)."""
    with open(os.path.join(folder, stem + ".json"), "w") as j, open(os.path.join(folder, stem + ".xml"), "w") as x:
        j.write("[\n")
        x.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<{prefix}:{root} xmlns:{prefix}="{namespace}">\n')
        x.write(f"<{prefix}:{records}>\n")
        for i in range(count):
            r = make(i)
            j.write(json.dumps(r, separators=(",", ":")) + (",\n" if i + 1 < count else "\n"))
            x.write(xml(f"{prefix}:{element}", prefixed(r, prefix), 0))
        j.write("]\n")
        x.write(f"</{prefix}:{records}>\n</{prefix}:{root}>\n")


write("lei", n, level_one, "LEIData", "LEIRecords", "LEIRecord", "lei", "http://www.gleif.org/data/schema/leidata/2016")
write("rr", n // 2, relationship, "RelationshipData", "RelationshipRecords", "RelationshipRecord", "rr",
      "http://www.gleif.org/data/schema/rr/2016")
