#!/usr/bin/env bash
# Speed-up of a run's `threads` (bench --threads N against --threads 1), alternating runs, same model and seed.
#   bench/threads.sh [CORPUS] [REPEATS]     (defaults: ../shared/data/tinyshakespeare.txt, 3)
# Env: MODEL (cell:layers:hidden, default lstm:2:128), BATCH (50), SEQ (50), THREADS (the split count, default 2),
# ITERS (timed iterations, default 60), PRECISION (float32), WARMUP (seconds, default 10),
# LAUNCH (default "-jar target/charrnn.jar").
# Needs target/charrnn.jar (./mvnw -B -q -DskipTests package). Not part of ./mvnw verify. Every thread needs a core
# of its own: run it on an otherwise idle machine (the load average is printed before each run). Each line also
# prints the run's final smooth loss, which must be the same for every thread count (the split changes no sum).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/tinyshakespeare.txt}
repeats=${2:-3}
IFS=: read -r cell layers hidden <<<"${MODEL:-lstm:2:128}"
threads=${THREADS:-2}
read -r -a launch <<<"${LAUNCH:--jar target/charrnn.jar}"
echo "$(date -u '+%F %H:%M') UTC; $(nproc) cores; $cell $layers x $hidden, batch ${BATCH:-50}, seq ${SEQ:-50}, ${PRECISION:-float32}"
declare -A rates
for r in $(seq "$repeats"); do
  for t in 1 "$threads"; do
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(java --add-modules jdk.incubator.vector "${launch[@]}" bench --corpus "$corpus" --cell "$cell" \
        --layers "$layers" --hidden-size "$hidden" --batch-size "${BATCH:-50}" --seq-length "${SEQ:-50}" \
        --optimizer adam --learning-rate 0.002 --grad-norm-clip 5 --precision "${PRECISION:-float32}" \
        --threads "$t" --num-iterations "${ITERS:-60}" --warmup-seconds "${WARMUP:-10}" 2>/dev/null | tail -1)
    read -r cps loss <<<"$(python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["chars_per_s"], d["final_smooth_loss"])' "$line")"
    printf 'threads %-2s chars/s %9.0f  final smooth loss %s  load %s\n' "$t" "$cps" "$loss" "$load"
    rates[$t]+="$cps "
  done
done
python3 - "${rates[1]}" "${rates[$threads]}" "$threads" <<'PY'
import statistics, sys
one = statistics.median(map(float, sys.argv[1].split()))
n = statistics.median(map(float, sys.argv[2].split()))
print(f"median chars/s: 1 thread {one:.0f}, {sys.argv[3]} threads {n:.0f}: speed-up {n / one:.2f}x")
PY
