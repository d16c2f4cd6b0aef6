#!/usr/bin/env bash
# Speed of the Java core against the numpy reference and PyTorch on the CPU, side by side, one core each.
#   bench/compare.sh [CORPUS] [REPEATS]     (defaults: ../shared/data/tinyshakespeare.txt, 3)
# Env: SIZES (default "64 100 256 512"), CPU (core to pin every run to with taskset, default 1).
# Needs target/charrnn.jar (./mvnw -B -q -DskipTests package), /usr/bin/python3 with numpy and torch.
# Not part of ./mvnw verify. Runs alternate java/numpy/torch REPEATS times per size; the table shows medians.
# java warms up for 5 s first (bench's default) so the timed iterations run compiled code.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/tinyshakespeare.txt}
repeats=${2:-3}
sizes=${SIZES:-64 100 256 512}
cpu=${CPU:-1}
py=/usr/bin/python3
shared_bench=${SHARED_BENCH:-../shared/bench}
pin="taskset -c $cpu"
command -v taskset >/dev/null || pin=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT

iters_for() { # enough work for ~1-3 s per run at each size
  case $1 in 64) echo "10000 1000 1000";; 100) echo "10000 1000 1000";; 256) echo "2000 300 300";; *) echo "500 100 100";; esac
}

for h in $sizes; do
  read -r ji ni ti <<<"$(iters_for "$h")"
  for r in $(seq "$repeats"); do
    echo "java $h $($pin java -jar target/charrnn.jar bench --corpus "$corpus" --hidden-size "$h" --num-iterations "$ji")" >>"$log"
    # numpy: OPENBLAS_* are unset for this command only (they slow a current OpenBLAS; see the env notes)
    echo "numpy $h $(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE $pin $py "$shared_bench/seed_numpy.py" "$corpus" --hidden-size "$h" --num-iterations "$ni")" >>"$log"
    echo "torch $h $(OMP_NUM_THREADS=1 $pin $py "$shared_bench/torch_rnn.py" "$corpus" --hidden-size "$h" --num-iterations "$ti")" >>"$log"
  done
done

$py - "$log" <<'PY'
import json, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    impl, h, js = line.split(" ", 2)
    runs.setdefault((impl, int(h)), []).append(json.loads(js))
sizes = sorted({h for _, h in runs})
med = lambda impl, h, k: statistics.median(r[k] for r in runs[(impl, h)])
print(f"{'H':>4} {'java c/s':>10} {'numpy c/s':>10} {'torch c/s':>10} {'java/numpy':>10} {'java/torch':>10} {'java GFLOP/s':>12}")
for h in sizes:
    j, n, t = med("java", h, "chars_per_s"), med("numpy", h, "chars_per_s"), med("torch", h, "chars_per_s")
    print(f"{h:>4} {j:>10.0f} {n:>10.0f} {t:>10.0f} {j / n:>10.2f} {j / t:>10.2f} {med('java', h, 'gflops'):>12.2f}")
print(f"medians of {len(runs[('java', sizes[0])])} alternating runs per implementation and size")
PY
