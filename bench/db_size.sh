#!/usr/bin/env bash
# Database size while a large model trains: a 2 x 512 LSTM with Adam (float64: about 80 MB of weights and moments
# per checkpoint, one every 10 s) on a fresh database, its size sampled every 30 s, then a graceful stop.
#   bench/db_size.sh h2|postgres [MINUTES] [CORPUS]     (defaults: 10, ../shared/data/tinyshakespeare.txt)
# postgres: a new database charrnn_dbsize on 127.0.0.1:5432 (user postgres), dropped at the end. Needs
# target/charrnn.jar. Prints "minute size_mb iteration" lines and the size after the stop.
set -euo pipefail
cd "$(dirname "$0")/.."
kind=${1:?h2 or postgres}
minutes=${2:-10}
corpus=${3:-../shared/data/tinyshakespeare.txt}
port=${PORT:-$((18300 + RANDOM % 500))}
dir=$(mktemp -d)
args=(--server.port="$port" --charrnn.workers=1)
if [ "$kind" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc 'drop database if exists charrnn_dbsize' -c 'create database charrnn_dbsize' >/dev/null
  args+=(--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/charrnn_dbsize --spring.datasource.username=postgres)
fi
size_mb() {
  if [ "$kind" = postgres ]; then
    psql -h 127.0.0.1 -U postgres -tAc "select round(pg_database_size('charrnn_dbsize') / 1e6, 1)"
  else
    du -sm --apparent-size "$dir/data" | cut -f1
  fi
}
(cd "$dir" && exec setsid java --add-modules jdk.incubator.vector -jar "$OLDPWD/target/charrnn.jar" "${args[@]}" \
    > "$dir/service.log" 2>&1) &
pid=$!
until curl -sf "http://127.0.0.1:$port/actuator/health" > /dev/null; do sleep 0.5; done
id=$(curl -sf -F file=@"$corpus" -F cell=lstm -F layers=2 -F hiddenSize=512 -F batchSize=50 -F seqLength=50 \
    -F optimizer=adam -F learningRate=0.002 -F gradNormClip=5 -F numIterations=1000000 \
    "http://127.0.0.1:$port/api/runs" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
echo "$(date -u '+%F %H:%M') UTC; $kind; run $id; load $(cut -d' ' -f1-3 /proc/loadavg)"
iteration() { curl -sf "http://127.0.0.1:$port/api/runs/$id" | python3 -c 'import json,sys; print(json.load(sys.stdin)["progress"]["iteration"])'; }
for i in $(seq 1 $((minutes * 2))); do
  sleep 30
  echo "minute $(python3 -c "print($i / 2)") size_mb $(size_mb) iteration $(iteration)"
done
kill -TERM -- "-$pid"; wait "$pid" 2>/dev/null || true
echo "after a graceful stop: size_mb $(size_mb); load $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$kind" = postgres ] && psql -h 127.0.0.1 -U postgres -qc 'drop database charrnn_dbsize' >/dev/null
rm -rf "$dir"
