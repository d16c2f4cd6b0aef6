#!/usr/bin/env bash
# Training speed of the stacked models against PyTorch (torch_charlm.py), side by side, alternating runs.
#   bench/compare_models.sh [CORPUS] [REPEATS]     (defaults: ../shared/data/tinyshakespeare.txt, 3)
# Env: MODELS (default "lstm:2:128 gru:2:128 lstm:2:512", cell:layers:hidden), BATCH (50), SEQ (50),
# ITERS (timed iterations, default 20), PRECISION (java's: float32, the default for speed, or float64),
# THREADS (java's threads and torch's --threads, default 1), WARMUP (java's warm-up seconds, default 10),
# CPU (cores to pin to, default 1; "" for none), SHARED_BENCH (where torch_charlm.py is, default ../shared/bench),
# LAUNCH (how java runs charrnn, default "-jar target/charrnn.jar"; "-cp target/classes
# dev.charrnn.CharRnnApplication" after ./mvnw compile spares the packaging).
# Needs target/charrnn.jar (./mvnw -B -q -DskipTests package), /usr/bin/python3 with torch and OpenBLAS
# (check `update-alternatives --display libblas.so.3-x86_64-linux-gnu`). Not part of ./mvnw verify.
# Both train the same model the same way: one-hot input, Adam 2e-3, global norm clip 5; torch in its float32
# default. Java runs with --add-modules jdk.incubator.vector (the Vector API kernels) after a warm-up; torch from its
# first iteration, as torch_charlm.py times itself. Every run prints wall-clock chars/s and chars/s over its own
# CPU time (bench's cpu_chars_per_s; bench/torch_cpu.py for torch): on a shared machine the second says what the
# core did when it was the run's. The table shows medians and the load average before each pair.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/tinyshakespeare.txt}
repeats=${2:-3}
models=${MODELS:-lstm:2:128 gru:2:128 lstm:2:512}
batch=${BATCH:-50}
seq=${SEQ:-50}
iters=${ITERS:-20}
precision=${PRECISION:-float32}
threads=${THREADS:-1}
warmup=${WARMUP:-10}
cpu=${CPU-1}
read -r -a launch <<<"${LAUNCH:--jar target/charrnn.jar}"
py=/usr/bin/python3
shared_bench=${SHARED_BENCH:-../shared/bench}
pin=""
if [ -n "$cpu" ] && command -v taskset >/dev/null; then pin="taskset -c $cpu"; fi
log=$(mktemp)
trap 'rm -f "$log"' EXIT
update-alternatives --display libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 2,3p || true
echo "$(date -u '+%F %H:%M') UTC; java $precision, threads $threads; pinned: ${cpu:-no}"

for m in $models; do
  IFS=: read -r cell layers hidden <<<"$m"
  for r in $(seq "$repeats"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "java $m $load $($pin java --add-modules jdk.incubator.vector "${launch[@]}" bench \
        --corpus "$corpus" --cell "$cell" --layers "$layers" --hidden-size "$hidden" --batch-size "$batch" \
        --seq-length "$seq" --optimizer adam --learning-rate 0.002 --grad-norm-clip 5 --precision "$precision" \
        --threads "$threads" --num-iterations "$iters" --warmup-seconds "$warmup" 2>/dev/null | tail -1)" >>"$log"
    load=$(cut -d' ' -f1 /proc/loadavg)
    echo "torch $m $load $(OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads $pin $py bench/torch_cpu.py \
        "$shared_bench/torch_charlm.py" "$corpus" --cell "$cell" --layers "$layers" --hidden-size "$hidden" \
        --batch-size "$batch" --seq-length "$seq" --threads "$threads" --num-iterations "$iters" \
        --eval-every 1000000000 --val-chars 100 | tail -1)" >>"$log"
    tail -2 "$log"
  done
done

$py - "$log" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    impl, m, load, js = line.split(" ", 3)
    d = json.loads(js)
    runs.setdefault((m, impl), []).append((d["chars_per_s"], d.get("cpu_chars_per_s") or float("nan"), float(load)))
print(f"{'model':<12}{'java c/s':>10}{'torch c/s':>11}{'ratio':>7}{'java cpu c/s':>14}{'torch cpu c/s':>15}"
      f"{'cpu ratio':>11}{'  loads'}")
for m in dict.fromkeys(k[0] for k in runs):
    j, t = runs[(m, "java")], runs[(m, "torch")]
    jw, tw = statistics.median(x[0] for x in j), statistics.median(x[0] for x in t)
    jc, tc = statistics.median(x[1] for x in j), statistics.median(x[1] for x in t)
    loads = " ".join(f"{x[2]:.1f}" for x in j + t)
    print(f"{m:<12}{jw:>10.0f}{tw:>11.0f}{jw / tw:>7.2f}{jc:>14.0f}{tc:>15.0f}{jc / tc:>11.2f}  {loads}")
PY
