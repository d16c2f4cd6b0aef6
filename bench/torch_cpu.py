#!/usr/bin/env python3
"""Runs a torch_charlm.py (path as the first argument, then its own arguments) and prints, after its own lines, one
JSON line with the training loop's speed both ways: chars_per_s over wall-clock time, as torch_charlm.py measures
it, and cpu_chars_per_s over the process's CPU time (time.process_time), which on a shared machine counts only
what the cores did for it, as `bench`'s cpu_chars_per_s does for java. The script's clock (time.perf_counter) is
replaced by the CPU clock; the wall clock is read at the same calls (the first starts the training loop, the last
ends it). With --threads 1 the process's CPU time is the training thread's plus idle helpers'."""
import json, runpy, sys, time

walls = []


def cpu_clock():
    walls.append(time.monotonic())
    return time.process_time()


time.perf_counter = cpu_clock
script = sys.argv[1]
sys.argv = sys.argv[1:]
g = runpy.run_path(script, run_name="__main__")
chars = g["n"] * g["S"] * g["B"]
wall = walls[-1] - walls[0]
print(json.dumps({"impl": "torch", "cell": g["a"].cell, "layers": g["NL"], "hidden": g["H"], "batch": g["B"],
                  "seq": g["S"], "threads": g["torch"].get_num_threads(), "iters": g["n"],
                  "chars_per_s": chars / max(wall, 1e-9), "cpu_chars_per_s": chars / max(g["train_s"], 1e-9)}))
