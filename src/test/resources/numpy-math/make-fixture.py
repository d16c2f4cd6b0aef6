#!/usr/bin/env python3
"""Writes numpy's float64 exp, log and tanh of chosen arguments, for dev.charrnn.nn.NumpyMathTest.

  make-fixture.py                 the committed fixture: exp.bin, log.bin, tanh.bin here (a few thousand each)
  make-fixture.py --large DIR     ~10 million arguments per function into DIR (same format), for
                                  ./mvnw test -Dtest=NumpyMathTest -Dnumpy-math.large=DIR

Each .bin holds little-endian float64 pairs (argument, numpy's result). Run with Debian 12's /usr/bin/python3
(python3-numpy 1.24.2) on an x86-64 CPU with AVX-512 (AVX512_SKX): there numpy's exp and log are Intel SVML's
__svml_exp8 / __svml_log8 and tanh is numpy's own universal-intrinsics kernel, which NumpyMath reproduces.
The arguments favour the places where one last bit is easy to get wrong: the kernels' table and interval edges,
the reduction steps of exp (multiples of ln2/16), the steps of vrcp14pd in log, the switch to the scalar routines,
subnormal arguments and results, and the ranges the training loop uses (softmax: y - max y <= 0; loss: p + 1e-12).
"""
import argparse, os
import numpy as np

ap = argparse.ArgumentParser()
ap.add_argument("--large", metavar="DIR")
ap.add_argument("--seed", type=int, default=20240)
a = ap.parse_args()
rng = np.random.default_rng(a.seed)
scale = 5000 if a.large else 1  # random arguments per stratum: 5000x more for the large set
out = a.large or os.path.dirname(os.path.abspath(__file__))
TINY, MAXD = 5e-324, np.finfo(np.float64).max


def bits_between(lo, hi, n):
    """n doubles uniform over the bit patterns in [lo, hi] (both > 0): every binade equally."""
    b = np.array([lo, hi]).view(np.int64)
    return rng.integers(b[0], b[1], n, endpoint=True).view(np.float64)


def around(xs, ulps=2):
    """xs and their neighbours within ulps units in the last place."""
    xs = np.asarray(xs, dtype=np.float64)
    steps = np.arange(-ulps, ulps + 1)
    return (xs.view(np.int64)[:, None] + steps[None, :]).ravel().view(np.float64)


def pick(xs, n):
    xs = np.asarray(xs, dtype=np.float64)
    return xs if a.large or len(xs) <= n else rng.choice(xs, n, replace=False)


special = [0.0, -0.0, np.inf, -np.inf, np.nan, TINY, -TINY, 2.2250738585072014e-308, MAXD, -MAXD, 1.0, -1.0]

exp_args = np.concatenate([
    special,
    around([707.7032713517042, 709.782712893384, -708.3964185322641, -745.1332191019411, 2.0 ** -54, -2.0 ** -54], 3),
    pick(around(np.arange(-16 * 1023, 16 * 1022) * np.log(2) / 16, 1), 600),  # x log2(e) near multiples of 1/16
    rng.uniform(-60, 0, 900 * scale),                                         # softmax
    rng.uniform(-745.2, 710, 400 * scale),
    rng.uniform(-745.2, -707, 200 * scale),                                   # scalar routine, subnormal results
    rng.uniform(707, 709.8, 100 * scale),
    -bits_between(1e-300, 700, 200 * scale), bits_between(1e-300, 700, 200 * scale),
])

rcp_steps = [float.fromhex(h) for h in ("0x1.f08p+0", "0x1.d41cp+0", "0x1.badp+0", "0x1.a41ap+0", "0x1.8f9cp+0",
                                         "0x1.7d07p+0", "0x1.6c15p+0", "0x1.5c99p+0", "0x1.4e5fp+0", "0x1.4143p+0",
                                         "0x1.3523p+0", "0x1.29e6p+0", "0x1.1f7p+0", "0x1.15b4p+0", "0x1.0c97p+0",
                                         "0x1.040fp+0")]
exponents = 2.0 ** np.array([-1074 + 52, -1000, -40, -20, -1, 0, 1, 30, 1000])
log_args = np.concatenate([
    special, [-1e-300, -5.0, 0.5, 2.0, 0.75, 1.5],
    (around(rcp_steps, 3)[:, None] * exponents[None, :]).ravel(),             # vrcp14pd steps, every binade
    around(32.0 / (np.arange(16, 33) + 0.5), 2),                             # where a correctly rounded 1/x steps
    rng.uniform(0, 1, 500 * scale) + 1e-12,                                   # the loss: p + 1e-12
    rng.uniform(0.9, 1.1, 200 * scale),
    bits_between(1e-12, 1.0, 400 * scale),
    bits_between(TINY, 2.2250738585072014e-308, 100 * scale),                 # subnormal
    bits_between(TINY, MAXD, 300 * scale),
    1.0 / rng.integers(2, 200, 100 * scale),                                  # 1.0 / V
])

edges = np.array([0.125 * 2 ** (k // 2) * (1.5 if k % 2 else 1.0) for k in range(16)])  # tanh's interval edges
tanh_args = np.concatenate([
    special, around(np.concatenate([edges, -edges, [1.5 * 2.0 ** 1023, -1.5 * 2.0 ** 1023, 2.0 ** -1022]]), 3),
    rng.uniform(-5, 5, 900 * scale),                                          # hidden units
    rng.uniform(-25, 25, 300 * scale),
    bits_between(1e-300, 30, 200 * scale), -bits_between(1e-300, 30, 200 * scale),
    bits_between(30, MAXD, 50 * scale),
])

with np.errstate(all="ignore"):
    for name, xs in (("exp", exp_args), ("log", log_args), ("tanh", tanh_args)):
        xs = np.asarray(xs, dtype="<f8")
        pairs = np.empty((len(xs), 2), dtype="<f8")
        pairs[:, 0] = xs
        pairs[:, 1] = getattr(np, name)(xs)
        pairs.tofile(os.path.join(out, name + ".bin"))
        print(name, len(xs), "pairs")
