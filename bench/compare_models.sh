#!/usr/bin/env bash
# Training speed of the stacked models against PyTorch (torch_charlm.py), side by side, one core each.
#   bench/compare_models.sh [CORPUS] [REPEATS]     (defaults: ../shared/data/tinyshakespeare.txt, 3)
# Env: MODELS (default "lstm:2:128 gru:2:128 lstm:2:512", cell:layers:hidden), BATCH (50), SEQ (50),
# ITERS (java and torch timed iterations, default 20), CPU (core to pin to, default 1).
# Needs target/charrnn.jar (./mvnw -B -q -DskipTests package), /usr/bin/python3 with torch and OpenBLAS
# (check `update-alternatives --display libblas.so.3-x86_64-linux-gnu`). Not part of ./mvnw verify.
# Both train the same model the same way: one-hot input, Adam 2e-3, global norm clip 5, float64 for java
# (its only precision so far) and PyTorch's float32 default. The table shows medians of chars/s.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/tinyshakespeare.txt}
repeats=${2:-3}
models=${MODELS:-lstm:2:128 gru:2:128 lstm:2:512}
batch=${BATCH:-50}
seq=${SEQ:-50}
iters=${ITERS:-20}
cpu=${CPU:-1}
py=/usr/bin/python3
shared_bench=${SHARED_BENCH:-../shared/bench}
pin="taskset -c $cpu"
command -v taskset >/dev/null || pin=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

for m in $models; do
  IFS=: read -r cell layers hidden <<<"$m"
  for r in $(seq "$repeats"); do
    echo "java $m $($pin java -jar target/charrnn.jar bench --corpus "$corpus" --cell "$cell" --layers "$layers" \
        --hidden-size "$hidden" --batch-size "$batch" --seq-length "$seq" --optimizer adam --learning-rate 0.002 \
        --grad-norm-clip 5 --num-iterations "$iters" --warmup-iterations 3)" >>"$log"
    echo "torch $m $(OMP_NUM_THREADS=1 $pin $py "$shared_bench/torch_charlm.py" "$corpus" --cell "$cell" \
        --layers "$layers" --hidden-size "$hidden" --batch-size "$batch" --seq-length "$seq" --threads 1 \
        --num-iterations "$iters" --eval-every 1000000000 --val-chars 100 | tail -1)" >>"$log"
  done
done

$py - "$log" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    impl, m, js = line.split(" ", 2)
    runs.setdefault((m, impl), []).append(json.loads(js)["chars_per_s"])
print(f"{'model':<14}{'java chars/s':>14}{'torch chars/s':>15}{'java/torch':>12}")
for m in dict.fromkeys(k[0] for k in runs):
    j, t = statistics.median(runs[(m, "java")]), statistics.median(runs[(m, "torch")])
    print(f"{m:<14}{j:>14.0f}{t:>15.0f}{j / t:>12.2f}")
PY
