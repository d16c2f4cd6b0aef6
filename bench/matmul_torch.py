#!/usr/bin/env python3
"""The shapes of `java -jar target/charrnn.jar bench matmul` in PyTorch: C += op(A) op(B) with torch's addmm_ on
the CPU, same layouts (NN: A[MxK] B[KxN]; NT: B stored [NxK]; TN: A stored [KxM]), same timing (warm-up, then
--reps rounds of about --round-seconds, median [slowest fastest] GFLOP/s). Pin it like the Java bench:

  OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 taskset -c 1 /usr/bin/python3 bench/matmul_torch.py --threads 1

Debian's torch calls the system BLAS (libblas.so.3): check `update-alternatives --display
libblas.so.3-x86_64-linux-gnu` points at OpenBLAS (apt-get install -y python3-torch libopenblas0-pthread).
"""
import argparse, time
import torch

ap = argparse.ArgumentParser()
ap.add_argument("--hidden", default="128,512")
ap.add_argument("--batch", type=int, default=50)
ap.add_argument("--vocab", type=int, default=65)
ap.add_argument("--seq", type=int, default=50)
ap.add_argument("--precision", default="float32,float64")
ap.add_argument("--threads", type=int, default=1)
ap.add_argument("--reps", type=int, default=7)
ap.add_argument("--round-seconds", type=float, default=0.3)
ap.add_argument("--warmup-seconds", type=float, default=2.0)
a = ap.parse_args()
torch.set_num_threads(a.threads)


def shapes(H, B, V, T):
    G = 4 * H
    return [("gates += x W_ih^T, layer 0 (one-hot as dense)", "NT", B, V, G),
            ("gates += h W_hh^T", "NT", B, H, G),
            ("gates += h (W_hh^T kept transposed)", "NN", B, H, G),
            ("gates(all t) += X W_ih^T, M = T*B", "NT", T * B, H, G),
            ("dh += dgates W_hh", "NN", B, G, H),
            ("dW_hh += dgates^T h", "TN", G, B, H),
            ("dW_ih += dgates(all t)^T X, K = T*B", "TN", G, T * B, H),
            ("logits += h W_out^T", "NT", B, H, V),
            ("dh += dlogits W_out", "NN", B, V, H),
            ("dW_out += dlogits^T h", "TN", V, B, H)]


def rate(call, seconds):
    t0 = time.perf_counter()
    n = 0
    while True:
        call()
        n += 1
        now = time.perf_counter()
        if now - t0 >= seconds:
            return n / (now - t0)


print(f"# torch {torch.__version__} addmm_, {torch.get_num_threads()} thread(s), median of {a.reps} rounds of "
      f"{a.round_seconds:.2f} s [slowest fastest], GFLOP/s")
for H in [int(h) for h in a.hidden.split(",")]:
    for precision in a.precision.split(","):
        dtype = {"float32": torch.float32, "float64": torch.float64}[precision]
        for name, form, M, K, N in shapes(H, a.batch, a.vocab, a.seq):
            g = torch.Generator().manual_seed(42)
            A = torch.rand(K, M, generator=g, dtype=dtype) * 2 - 1 if form == "TN" else torch.rand(M, K, generator=g, dtype=dtype) * 2 - 1
            Bm = torch.rand(N, K, generator=g, dtype=dtype) * 2 - 1 if form == "NT" else torch.rand(K, N, generator=g, dtype=dtype) * 2 - 1
            C = torch.zeros(M, N, dtype=dtype)
            opA = A.t() if form == "TN" else A
            opB = Bm.t() if form == "NT" else Bm
            call = lambda: C.addmm_(opA, opB)
            rate(call, a.warmup_seconds)
            rates = sorted(2.0 * M * K * N * rate(call, a.round_seconds) * 1e-9 for _ in range(a.reps))
            med = rates[len(rates) // 2]
            print(f"H={H:<4d} {precision:7s} {form} M={M:<5d} K={K:<5d} N={N:<5d} {med:7.1f} [{rates[0]:5.1f} "
                  f"{rates[-1]:5.1f}] {2.0 * M * K * N / med * 1e-3:9.1f} us  {name}")
