#!/usr/bin/env bash
# The batched cells' matrix products, route by route, in one sitting: Matmul on the Vector API and on plain loops,
# dev.ludovic.netlib:blas (JNI to the system BLAS) and PyTorch (addmm_ on the system BLAS). One core
# (taskset -c 1) for the one-thread figures, both for the two-thread ones.
#   bench/matmul_compare.sh [HIDDEN=128,512] [PRECISIONS=float32,float64]   (after ./mvnw -B -q -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
H=${1:-128,512}
P=${2:-float32,float64}
JAR=${JAR:-target/charrnn.jar}
M2=${M2:-$HOME/.m2/repository}
CP=$M2/dev/ludovic/netlib/blas/3.0.3/blas-3.0.3.jar:$M2/net/sourceforge/f2j/arpack_combined_all/0.1/arpack_combined_all-0.1.jar
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1
update-alternatives --display libblas.so.3-x86_64-linux-gnu | sed -n 2p
echo "# $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c 1 java --add-modules jdk.incubator.vector -jar "$JAR" bench matmul --hidden "$H" --precision "$P" 2>/dev/null
taskset -c 1 java -jar "$JAR" bench matmul --hidden "$H" --precision "$P"
if [ -f "${CP%%:*}" ]; then
  taskset -c 1 java -cp "$CP" bench/NetlibMatmul.java "$H" "$P" 2>/dev/null
fi
taskset -c 1 /usr/bin/python3 bench/matmul_torch.py --hidden "$H" --precision "$P" --threads 1
echo "# two threads; load: $(cut -d' ' -f1-3 /proc/loadavg)"
taskset -c 0,1 java --add-modules jdk.incubator.vector -jar "$JAR" bench matmul --hidden "$H" --precision "$P" --threads 2 2>/dev/null
OMP_NUM_THREADS=2 taskset -c 0,1 /usr/bin/python3 bench/matmul_torch.py --hidden "$H" --precision "$P" --threads 2
echo "# end $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
