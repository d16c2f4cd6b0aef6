#!/usr/bin/python3
"""Loads a charrnn export (PyTorch state_dict JSON: GET /api/runs/{id}/weights or `bench --dump-weights`) into
torch_charlm.py's model with load_state_dict(strict=True) and prints the loss of a text under it, in float64.

    /usr/bin/python3 bench/torch_load_export.py WEIGHTS.json VOCAB TEXT

VOCAB: the run's vocabulary as a file whose distinct characters, sorted by code point, are the model's (the corpus
itself will do: charrnn's vocabulary is the corpus's sorted distinct characters). TEXT: the text to score, e.g. the
run's held-out characters. The loss is torch_charlm.py's evaluate(): from a zero state, -ln p(text[t+1] | text[..t])
summed over t, and divided by the number of predictions; compare it with charrnn's
POST /api/runs/{id}/evaluate on the same text (lossPerChar).
"""
import json
import math
import sys

import torch

weights_path, vocab_path, text_path = sys.argv[1:4]
torch.set_default_dtype(torch.float64)
state = {k: torch.tensor(v) for k, v in json.load(open(weights_path)).items()}
chars = sorted(set(open(vocab_path, encoding="utf-8").read()))
c2i = {c: i for i, c in enumerate(chars)}
text = open(text_path, encoding="utf-8").read()
ids = torch.tensor([c2i[c] for c in text], dtype=torch.long)

V = state["out.weight"].shape[0]
H = state["out.weight"].shape[1]
layers = 1 + max(int(k.rsplit("_l", 1)[1]) for k in state if k.startswith("rnn.weight_ih_l"))
gates = state["rnn.weight_hh_l0"].shape[0] // H
cell = {4: "lstm", 3: "gru", 1: "rnn"}[gates]
E = state["embedding.weight"].shape[1] if "embedding.weight" in state else 0
assert V == len(chars), f"the weights have V = {V}, the vocabulary file {len(chars)} characters"


class CharLM(torch.nn.Module):
    """torch_charlm.py's CharLM, plus the optional learned embedding of charrnn's embeddingSize."""

    def __init__(self):
        super().__init__()
        rnn = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU, "rnn": torch.nn.RNN}[cell]
        if E:
            self.embedding = torch.nn.Embedding(V, E)
        self.rnn = rnn(E or V, H, num_layers=layers)
        self.out = torch.nn.Linear(H, V)
        self.register_buffer("eye", torch.eye(V), persistent=False)

    def forward(self, x, s):
        hs, s = self.rnn(self.embedding(x) if E else self.eye[x], s)
        return self.out(hs), s


model = CharLM()
model.load_state_dict(state, strict=True)
model.eval()
with torch.no_grad():
    logits, _ = model(ids[:-1].view(-1, 1), None)
    total = torch.nn.functional.cross_entropy(logits.view(-1, V), ids[1:], reduction="sum").item()
n = len(ids) - 1
print(json.dumps({"cell": cell, "layers": layers, "hidden": H, "embedding": E, "vocab": V, "predictions": n,
                  "loss": total, "loss_per_char": total / n, "bits_per_char": total / n / math.log(2)}))
