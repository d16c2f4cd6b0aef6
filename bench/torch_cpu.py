#!/usr/bin/env python3
"""Runs ../shared/bench/torch_charlm.py (path as the first argument, then its own arguments) with its clock
replaced by the process's CPU time (time.process_time), so that on a shared machine its chars_per_s counts only
what the core did for it, as `bench`'s cpu_chars_per_s does for java. With --threads 1 the process's CPU time is
the training thread's (plus the interpreter's few other threads, which idle)."""
import runpy, sys, time

time.perf_counter = time.process_time
script = sys.argv[1]
sys.argv = sys.argv[1:]
runpy.run_path(script, run_name="__main__")
