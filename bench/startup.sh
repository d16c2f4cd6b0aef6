#!/usr/bin/env bash
# Start-up: seconds from launching the JVM to the first HTTP 200 from /actuator/health, for each way of starting
# the service, on a new (empty) database each time.
#
#   bench/startup.sh [starts]      (default 5; needs target/charrnn.jar: ./mvnw -B -q -DskipTests package)
#
# Forms measured:
#   jar     java -jar target/charrnn.jar, with the java on PATH
#   image   the Docker image's start, with the java on PATH: the jar unpacked (charrnn.jar + lib/), the context that
#           process-aot prepared at build time (-Dspring.aot.enabled=true) and a class-data-sharing archive
#           recorded from one start (the Dockerfile's commands)
#   jdk25   the same with a JDK 25 AOT cache (-XX:AOTCache) in place of the CDS archive: $JAVA25_HOME, or the
#           first JDK 25+ under /usr/lib/jvm; skipped when there is none
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-5}
jar=$PWD/target/charrnn.jar
[ -f "$jar" ] || { echo "no $jar: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# One start: prints the seconds to health 200, then stops the service.
start_once() {
  local dir port pid t0 t1 code
  dir=$(mktemp -d "$work/run.XXXX"); port=$(free_port)
  t0=$(date +%s.%N)
  (cd "$dir" && exec "$@" --server.port="$port" > "$dir/service.log" 2>&1) &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "the service died; see below" >&2; tail -20 "$dir/service.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s.%N)
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$t1 - $t0" | bc
}

measure() {
  local name=$1; shift
  local times=()
  for _ in $(seq 1 "$starts"); do times+=("$(start_once "$@")"); done
  printf '%-10s median %5.2f s   (%s)\n' "$name" \
    "$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')" \
    "$(printf '%.2f ' "${times[@]}")"
}

# The unpacked layout and the recording start, as in the Dockerfile: in-memory database, exit after the refresh.
unpack() {
  local java=$1 dir=$2
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" > /dev/null
}
record() {
  local dir=$1; shift
  (cd "$work" && "$@" -Dspring.aot.enabled=true -Dspring.context.exit=onRefresh -Djava.awt.headless=true \
      -jar "$dir/charrnn.jar" \
      --spring.datasource.url=jdbc:h2:mem:record --server.port=0 > "$dir/record.log" 2>&1)
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u +%F)"
echo "java on PATH: $(java -version 2>&1 | head -1)"

measure jar java -Djava.awt.headless=true -jar "$jar"

unpack java "$work/image"
record "$work/image" java -XX:ArchiveClassesAtExit="$work/image/charrnn.jsa"
measure image java -XX:SharedArchiveFile="$work/image/charrnn.jsa" -Dspring.aot.enabled=true -Djava.awt.headless=true \
  -XX:MaxRAMPercentage=75 \
  -jar "$work/image/charrnn.jar"

java25=""
if [ -n "${JAVA25_HOME:-}" ]; then
  java25=$JAVA25_HOME/bin/java
else
  for home in /usr/lib/jvm/*; do
    v=$("$home/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}') || continue
    if [ -n "$v" ] && [ "${v%%.*}" -ge 25 ] 2>/dev/null; then java25=$home/bin/java; break; fi
  done
fi
if [ -n "$java25" ]; then
  echo "JDK 25+: $("$java25" -version 2>&1 | head -1)"
  unpack "$java25" "$work/aot"
  record "$work/aot" "$java25" -XX:AOTCacheOutput="$work/aot/charrnn.aot"
  measure jdk25 "$java25" -XX:AOTCache="$work/aot/charrnn.aot" -Dspring.aot.enabled=true -Djava.awt.headless=true \
    -jar "$work/aot/charrnn.jar"
else
  echo "jdk25      skipped: no JDK 25+ (set JAVA25_HOME)"
fi
