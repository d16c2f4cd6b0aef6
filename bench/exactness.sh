#!/usr/bin/env bash
# Checks the Java core number for number against the numpy reference, from identical initial weights.
#   bench/exactness.sh [CORPUS] [HIDDEN]      (defaults: ../shared/data/tinyshakespeare.txt, 64)
# Needs target/charrnn.jar (./mvnw -B -q -DskipTests package) and /usr/bin/python3 with numpy.
# Prints one JSON line per comparison (100 and 1000 iterations):
#   java-vs-numpy-fdlibm  must be all zeros: same algorithm, same summation order, same elementary functions;
#   java-vs-numpy         differs: numpy's SIMD tanh/exp/log differ from fdlibm in the last bit, and the
#                         chaotic first iterations amplify that (see docs/benchmarks.md);
#   numpy-fdlibm-vs-numpy the same gap between two numpy runs that differ only in those three functions.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/tinyshakespeare.txt}
hidden=${2:-64}
py=/usr/bin/python3
seed=${SEED_NUMPY:-../shared/bench/seed_numpy.py}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$py "$seed" "$corpus" --init-random 7 --hidden-size "$hidden" --dump-init "$out/init.json" --num-iterations 0 >/dev/null
for n in 100 1000; do
  $py "$seed" "$corpus" --init-weights "$out/init.json" --num-iterations $n \
      --dump-losses "$out/np_l$n.json" --dump-weights "$out/np_w$n.json" >/dev/null
  SEED_NUMPY="$seed" $py bench/seed_numpy_fdlibm.py "$corpus" --init-weights "$out/init.json" --num-iterations $n \
      --dump-losses "$out/fd_l$n.json" --dump-weights "$out/fd_w$n.json" >/dev/null
  java -jar target/charrnn.jar bench --corpus "$corpus" --init-weights "$out/init.json" --num-iterations $n \
      --warmup-iterations 0 --dump-losses "$out/j_l$n.json" --dump-weights "$out/j_w$n.json" >/dev/null
  $py bench/compare_runs.py "java-vs-numpy-fdlibm/$n" "$out/fd_l$n.json" "$out/fd_w$n.json" "$out/j_l$n.json" "$out/j_w$n.json"
  $py bench/compare_runs.py "java-vs-numpy/$n" "$out/np_l$n.json" "$out/np_w$n.json" "$out/j_l$n.json" "$out/j_w$n.json"
  $py bench/compare_runs.py "numpy-fdlibm-vs-numpy/$n" "$out/np_l$n.json" "$out/np_w$n.json" "$out/fd_l$n.json" "$out/fd_w$n.json"
done
