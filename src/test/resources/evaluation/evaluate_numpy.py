#!/usr/bin/env python3
"""Scores a text with seed-format weights in numpy, as POST /api/runs/{id}/evaluate does.

From h = 0, characters 2..n are predicted from their prefixes; the loss is summed in nats with the training
formula -log(p[target] + 1e-12), the forward pass written exactly as the reference's (bench/seed_numpy.py).

  evaluate_numpy.py WEIGHTS.json VOCABULARY.json TEXT_FILE     # prints {"characters", "predictions", "loss"}
  evaluate_numpy.py --make-fixture fixture.json               # rewrites the committed test fixture

WEIGHTS.json and VOCABULARY.json are what GET /api/runs/{id}/weights and /vocabulary return.
Needs numpy (Debian: apt-get install -y python3-numpy; run with /usr/bin/python3).
"""
import json, sys
import numpy as np


def evaluate(w, vocabulary, text):
    Wxh, Whh, Why, bh, by = (np.array(w[k], dtype=np.float64) for k in ("Wxh", "Whh", "Why", "bh", "by"))
    H, V = Whh.shape[0], len(vocabulary)
    assert Wxh.shape == (H, V) and Why.shape == (V, H) and bh.shape == (H, 1) and by.shape == (V, 1)
    c2i = {c: i for i, c in enumerate(vocabulary)}
    ix = [c2i[c] for c in text]
    h = np.zeros((H, 1)); loss = 0.0
    for t in range(len(ix) - 1):
        x = np.zeros((V, 1)); x[ix[t]] = 1
        h = np.tanh(np.dot(Wxh, x) + np.dot(Whh, h) + bh)
        y = np.dot(Why, h) + by; e = np.exp(y - np.max(y)); p = e / np.sum(e)
        loss += -np.log(p[ix[t + 1], 0] + 1e-12)
    return {"characters": len(ix), "predictions": len(ix) - 1, "loss": float(loss)}


def make_fixture(path):
    # Weights large enough that the hidden state saturates and the probabilities spread over several orders of
    # magnitude; a vocabulary out of code-point order and a character outside the BMP.
    text = "hello deep learning, \U0001F600 hello\nthe quick brown fox jumps over the lazy dog\n" * 3
    vocabulary = sorted(set(text), reverse=True)
    rng = np.random.default_rng(2024)
    H, V = 8, len(vocabulary)
    w = {"Wxh": rng.standard_normal((H, V)) * 1.5, "Whh": rng.standard_normal((H, H)) * 0.8,
         "Why": rng.standard_normal((V, H)) * 2.0, "bh": rng.standard_normal((H, 1)) * 0.3,
         "by": rng.standard_normal((V, 1)) * 0.5}
    w = {k: v.tolist() for k, v in w.items()}
    fixture = {"weights": w, "vocabulary": vocabulary, "text": text, "numpy": evaluate(w, vocabulary, text)}
    with open(path, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False)
        f.write("\n")
    print(json.dumps(fixture["numpy"]))


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--make-fixture":
        make_fixture(sys.argv[2])
    elif len(sys.argv) == 4:
        weights = json.load(open(sys.argv[1], encoding="utf-8"))
        vocabulary = json.load(open(sys.argv[2], encoding="utf-8"))
        text = open(sys.argv[3], encoding="utf-8", newline="").read()
        print(json.dumps(evaluate(weights, vocabulary, text)))
    else:
        sys.exit(__doc__)
