#!/usr/bin/env python3
"""Fixture of OptimizerGoldenTest: torch.optim (PyTorch 1.13, float64) on two tensors for 6 steps with fixed
gradients, for the optimizers and options torch_charlm.py does not expose. Run: /usr/bin/python3 optimizers.py >
optimizers.json"""
import json, torch
torch.set_default_dtype(torch.float64)
g = torch.Generator().manual_seed(3)
p0 = [torch.rand(5, 3, generator=g) - 0.5, torch.rand(4, generator=g) - 0.5]
grads = [[torch.randn(5, 3, generator=g), torch.randn(4, generator=g)] for _ in range(6)]
grads[2][0][1, 1] = 0.0  # an exact zero gradient entry
cases = {
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.01, weight_decay=0.1),
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.01),
    "sgd_momentum": lambda ps: torch.optim.SGD(ps, lr=0.1, momentum=0.9),
    "rmsprop": lambda ps: torch.optim.RMSprop(ps, lr=0.01),
    "adagrad": lambda ps: torch.optim.Adagrad(ps, lr=0.1),
}
out = {"init": [p.flatten().tolist() for p in p0], "grads": [[t.flatten().tolist() for t in s] for s in grads]}
for name, make in cases.items():
    ps = [p.clone().requires_grad_(True) for p in p0]
    opt = make(ps)
    for s in grads:
        for p, gr in zip(ps, s):
            p.grad = gr.clone()
        opt.step()
    out[name] = [p.detach().flatten().tolist() for p in ps]
print(json.dumps(out))
