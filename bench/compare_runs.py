#!/usr/bin/env python3
"""Compares two runs' per-iteration smooth losses and final weights (seed formats).

  compare_runs.py LABEL REF_LOSSES.json REF_WEIGHTS.json LOSSES.json WEIGHTS.json

Prints one JSON line: max relative loss error over the first 100 iterations and over all, max absolute weight
error, and the first iteration whose loss differs at all.
"""
import json, sys

label, rl, rw, ol, ow = sys.argv[1:6]
a, b = json.load(open(rl)), json.load(open(ol))
n = min(len(a), len(b))
rel = [abs(x - y) / abs(x) for x, y in zip(a[:n], b[:n])]
first = next((i for i in range(n) if a[i] != b[i]), None)
wa, wb = json.load(open(rw)), json.load(open(ow))


def flat(v):
    return [z for row in v for z in row]


werr = max(abs(x - y) for k in wa for x, y in zip(flat(wa[k]), flat(wb[k])))
print(json.dumps({"check": label, "iters": n, "max_rel_loss_err_100": max(rel[:100]),
                  "max_rel_loss_err_all": max(rel), "max_abs_weight_err_final": werr,
                  "first_differing_iter": first}))
