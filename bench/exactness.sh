#!/usr/bin/env bash
# Checks the Java core number for number against the numpy reference, from identical initial weights.
#   bench/exactness.sh [CORPUS] [HIDDEN] [ITERATIONS...]   (defaults: ../shared/data/tinyshakespeare.txt, 64, 100 1000)
# Needs target/charrnn.jar (./mvnw -B -q -DskipTests package; JAR=... to use another) and /usr/bin/python3 with
# numpy. Prints one JSON line per comparison and iteration count:
#   java-vs-numpy          must be all zeros on the reference machine (numpy 1.24.2, AVX512_SKX): same algorithm,
#                          same summation orders, same elementary functions (NumpyMath = numpy's SVML kernels);
#   numpy-fdlibm-vs-numpy  for scale: the same numpy run with only exp, log and tanh replaced by fdlibm's,
#                          i.e. what one last bit in those functions does to training (see docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/tinyshakespeare.txt}
hidden=${2:-64}
shift $(( $# < 2 ? $# : 2 ))
iterations=${*:-100 1000}
py=/usr/bin/python3
seed=${SEED_NUMPY:-../shared/bench/seed_numpy.py}
jar=${JAR:-target/charrnn.jar}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
$py "$seed" "$corpus" --init-random 7 --hidden-size "$hidden" --dump-init "$out/init.json" --num-iterations 0 >/dev/null
for n in $iterations; do
  $py "$seed" "$corpus" --init-weights "$out/init.json" --num-iterations "$n" \
      --dump-losses "$out/np_l$n.json" --dump-weights "$out/np_w$n.json" >/dev/null
  java -jar "$jar" bench --corpus "$corpus" --init-weights "$out/init.json" --num-iterations "$n" \
      --warmup-iterations 0 --dump-losses "$out/j_l$n.json" --dump-weights "$out/j_w$n.json" >/dev/null
  $py bench/compare_runs.py "java-vs-numpy/$n" "$out/np_l$n.json" "$out/np_w$n.json" "$out/j_l$n.json" "$out/j_w$n.json"
  if [ -z "${NO_FDLIBM:-}" ]; then
    SEED_NUMPY="$seed" $py bench/seed_numpy_fdlibm.py "$corpus" --init-weights "$out/init.json" --num-iterations "$n" \
        --dump-losses "$out/fd_l$n.json" --dump-weights "$out/fd_w$n.json" >/dev/null
    $py bench/compare_runs.py "numpy-fdlibm-vs-numpy/$n" "$out/np_l$n.json" "$out/np_w$n.json" "$out/fd_l$n.json" "$out/fd_w$n.json"
  fi
done
