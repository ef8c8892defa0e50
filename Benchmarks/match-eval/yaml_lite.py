"""Reads the flow-style entity lines of entities.yaml without a YAML library (the file is written in that shape)."""
import re


def _items(text):
    out, depth, cur, quote = [], 0, "", None
    for ch in text:
        if quote:
            cur += ch
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
            cur += ch
        elif ch in "[{":
            depth += 1
            cur += ch
        elif ch in "]}":
            depth -= 1
            cur += ch
        elif ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    if cur.strip():
        out.append(cur.strip())
    return out


def _value(v):
    v = v.strip()
    if v.startswith("[") and v.endswith("]"):
        return [_value(x) for x in _items(v[1:-1])]
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        return v[1:-1]
    return v


def entities(path):
    for line in open(path, encoding="utf-8"):
        m = re.match(r"\s*-\s*\{(.*)\}\s*$", line)
        if not m:
            continue
        e = {}
        for item in _items(m.group(1)):
            k, _, v = item.partition(":")
            e[k.strip()] = _value(v)
        yield e
