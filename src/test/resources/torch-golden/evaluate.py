#!/usr/bin/env python3
"""Fixture of TorchStateDictTest: the loss (nats, summed) PyTorch gives the torch-trained final weights of
make-torch-golden.sh on the first 400 characters of corpus.txt, one stream from a zero state, predicting
characters 2..400 (float64). Run: /usr/bin/python3 evaluate.py > evaluate.json"""
import json, torch
torch.set_default_dtype(torch.float64)
text = open("corpus.txt", encoding="utf-8").read()
chars = sorted(set(text)); c2i = {c: i for i, c in enumerate(chars)}; V = len(chars)
ids = torch.tensor([c2i[c] for c in text[:400]])
out = {}
for name, rnn in [("lstm2-adam-final", torch.nn.LSTM), ("gru1-sgd-final", torch.nn.GRU)]:
    sd = {k: torch.tensor(v) for k, v in json.load(open(name + ".json")).items()}
    H = sd["out.weight"].shape[1]; L = sum(1 for k in sd if k.startswith("rnn.weight_ih"))
    net = rnn(V, H, num_layers=L); lin = torch.nn.Linear(H, V)
    net.load_state_dict({k[4:]: v for k, v in sd.items() if k.startswith("rnn.")})
    lin.load_state_dict({k[4:]: v for k, v in sd.items() if k.startswith("out.")})
    with torch.no_grad():
        hs, _ = net(torch.eye(V)[ids[:-1]].view(-1, 1, V))
        loss = torch.nn.functional.cross_entropy(lin(hs.view(-1, H)), ids[1:], reduction="sum").item()
    out[name] = loss
print(json.dumps(out))
