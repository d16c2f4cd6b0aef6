"""Inputs of LongReferenceTest: the first 20,000 characters of tinyshakespeare and initial weights for H=64.

Usage: long_init.py TINYSHAKESPEARE CORPUS_OUT INIT_OUT SEED. The weights (Wxh, Whh, Why, row-major) are
0.01 * (u_1 + ... + u_12 - 6), nearly standard normal, with the u uniform in [0, 1) from SplitMix64 seeded with
SEED; biases are 0. Only integer and exactly rounded operations, so Java rebuilds the same doubles without a fixture.
"""
import json, sys

source, corpus_out, init_out, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
H = 64
MASK = (1 << 64) - 1
text = open(source, encoding="utf-8").read()[:20000]
open(corpus_out, "w", encoding="utf-8").write(text)
V = len(set(text))
state = seed


def uniform():
    global state
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return (z >> 11) * 2.0 ** -53


def matrix(rows, cols):
    out = []
    for _ in range(rows):
        row = []
        for _ in range(cols):
            s = 0.0
            for _ in range(12):
                s += uniform()
            row.append((s - 6.0) * 0.01)
        out.append(row)
    return out


w = {"Wxh": matrix(H, V), "Whh": matrix(H, H), "Why": matrix(V, H), "bh": [[0.0]] * H, "by": [[0.0]] * V}
json.dump(w, open(init_out, "w"))
