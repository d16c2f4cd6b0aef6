#!/usr/bin/env bash
# Quality per minute: the best held-out loss that charrnn and torch_charlm.py (its defaults) reach in SECONDS of
# training on one core each, side by side in one sitting (java pinned to core 0, torch to core 1, both at once),
# then both curves on one chart.
#   bench/quality.sh [CORPUS] [OUT_DIR]      (defaults: ../shared/data/tinyshakespeare.txt, target/quality)
# Env: SECONDS_ (training seconds, default 300), JAVA_MODEL (charrnn's model options, default
# "--cell lstm --layers 2 --hidden-size 128 --batch-size 50 --seq-length 50 --optimizer adam --learning-rate 0.002
# --grad-norm-clip 5 --precision float32"), SHARED_BENCH (default ../shared/bench), LAUNCH (default "-jar
# target/charrnn.jar"). Both hold out the last 10% and score its first 100,000 characters every 200 iterations;
# scoring time is not training time. Java starts cold (its JIT compiles within the 300 s). Needs target/charrnn.jar,
# /usr/bin/python3 with torch on OpenBLAS (update-alternatives --display libblas.so.3-x86_64-linux-gnu).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/tinyshakespeare.txt}
out=${2:-target/quality}
seconds=${SECONDS_:-300}
model=${JAVA_MODEL:---cell lstm --layers 2 --hidden-size 128 --batch-size 50 --seq-length 50 --optimizer adam --learning-rate 0.002 --grad-norm-clip 5 --precision float32}
read -r -a launch <<<"${LAUNCH:--jar target/charrnn.jar}"
read -r -a opts <<<"$model"
mkdir -p "$out"
update-alternatives --display libblas.so.3-x86_64-linux-gnu 2>/dev/null | sed -n 2,3p || true
echo "$(date -u '+%F %H:%M') UTC; load $(cut -d' ' -f1-3 /proc/loadavg); $seconds s each"
taskset -c 0 java --add-modules jdk.incubator.vector "${launch[@]}" bench quality --corpus "$corpus" \
    --seconds "$seconds" "${opts[@]}" > "$out/java.jsonl" 2> "$out/java.err" &
jpid=$!
OMP_NUM_THREADS=1 taskset -c 1 /usr/bin/python3 "${SHARED_BENCH:-../shared/bench}/torch_charlm.py" "$corpus" \
    --threads 1 --seconds "$seconds" > "$out/torch.jsonl" &
tpid=$!
wait "$jpid" "$tpid"
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
tail -n 1 "$out/java.jsonl"
tail -n 1 "$out/torch.jsonl"
java "${launch[@]}" bench quality-chart "$out/quality.png" "$out/java.jsonl" "$out/torch.jsonl"
echo "chart: $out/quality.png"
