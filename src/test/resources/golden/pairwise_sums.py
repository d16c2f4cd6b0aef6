"""np.sum over (n, 1) float64 columns, the shape of the reference's softmax denominator, for PairwiseSumTest.

Value i of a column of n: u = ((7919 i + 104729 n) mod 1000003) / 1000003, then by i mod 4: u, u * 1000, u / 1000,
-u. Only exactly rounded operations, so Java rebuilds the same doubles.
"""
import json, sys
import numpy as np

def column(n):
    out = []
    for i in range(n):
        u = ((7919 * i + 104729 * n) % 1000003) / 1000003.0
        out.append((u, u * 1000.0, u / 1000.0, -u)[i % 4])
    return np.array(out, dtype=np.float64).reshape(n, 1)

lengths = list(range(1, 41)) + [57, 58, 63, 64, 65, 100, 127, 128, 129, 136, 200, 255, 256, 257, 300, 1000, 1024, 5000]
json.dump({"lengths": lengths, "sums": [float(np.sum(column(n))) for n in lengths]}, open(sys.argv[1], "w"))
