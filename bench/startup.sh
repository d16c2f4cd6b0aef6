#!/usr/bin/env bash
# Start-up: seconds from launching the command to the first HTTP 200 from /actuator/health, for each way of
# starting the service, on a new (empty) database each time, so the migrations run too.
#
#   bench/startup.sh [starts]             (default 5; the jar forms need target/charrnn.jar: ./mvnw -B -q -DskipTests package)
#   FORMS="jar run" bench/startup.sh 5    (a subset; default: jar image jdk25 run)
#   JAR=/tmp/other.jar FORMS=jar bench/startup.sh 5   (another build of the jar, e.g. to compare two commits)
#
# Forms measured:
#   jar     java -jar target/charrnn.jar, with the java on PATH: the README's jar command (the jar starts the
#           context process-aot prepared at build time, set by its spring.properties)
#   image   the Docker image's start, with the java on PATH: the jar unpacked (charrnn.jar + lib/) and a
#           class-data-sharing archive recorded from one start (the Dockerfile's commands)
#   jdk25   the same with a JDK 25 AOT cache (-XX:AOTCache) in place of the CDS archive: $JAVA25_HOME, or the
#           first JDK 25+ under /usr/lib/jvm; skipped when there is none
#   run     ./mvnw spring-boot:run, the README's run command, as a new user meets it: in a fresh clone of this
#           repository's HEAD (commit what you want measured), after one untimed start that does the build; the
#           time includes Maven's own work. It uses ~/.m2 as it is.
#
# Each form gives the median and every start's seconds, then medians of: the CPU seconds its processes had used
# when health answered (on a shared machine that moves less with the load than the wall time), the seconds
# before the JVM started (Maven's work, for spring-boot:run) and the JVM's own seconds up to "Started ...".
# The load average is printed before and after each form; compare figures only from a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
starts=${1:-5}
forms=${FORMS:-jar image jdk25 run}
jar=${JAR:-$PWD/target/charrnn.jar}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

has_form() { [[ " $forms " == *" $1 "* ]]; }
if has_form jar || has_form image || has_form jdk25; then
  [ -f "$jar" ] || { echo "no $jar: ./mvnw -B -q -DskipTests package" >&2; exit 1; }
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }

# CPU seconds (user + system, reaped children included) of every process in a process group.
group_cpu() {
  python3 - "$1" <<'PY'
import os, sys
group, ticks = int(sys.argv[1]), 0
for p in filter(str.isdigit, os.listdir('/proc')):
    try:
        s = open(f'/proc/{p}/stat').read()
    except OSError:
        continue
    f = s[s.rindex(')') + 2:].split()
    if int(f[2]) == group:
        ticks += sum(int(x) for x in f[11:15])
print(ticks / os.sysconf('SC_CLK_TCK'))
PY
}

# One start: runs the command in its own process group, in a new empty directory (its ./data is the database),
# with {port} and {dir} in its arguments replaced; prints "seconds cpu-seconds", then stops the whole group.
start_once() {
  local dir port pid t0 t1 code cpu args=()
  dir=$(mktemp -d "$work/run.XXXX"); port=$(free_port)
  for a in "$@"; do a=${a//\{port\}/$port}; args+=("${a//\{dir\}/$dir}"); done
  t0=$(date +%s.%N)
  (cd "$dir" && exec setsid "${args[@]}" > "$dir/service.log" 2>&1) &
  pid=$!
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/actuator/health" || true)
    [ "$code" = 200 ] && break
    kill -0 "$pid" 2>/dev/null || { echo "the service died; see below" >&2; tail -20 "$dir/service.log" >&2; exit 1; }
    sleep 0.02
  done
  t1=$(date +%s.%N)
  cpu=$(group_cpu "$pid")
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  while pgrep -g "$pid" > /dev/null; do sleep 0.1; done
  # "Started ... in A seconds (process running for B)" and its log time: B is the JVM's own share; what came
  # before the JVM (Maven's work, for spring-boot:run) is the log time minus B minus the launch time.
  python3 - "$dir/service.log" "$t0" "$t1" "$cpu" <<'PY'
import re, sys
from datetime import datetime
log, t0, t1, cpu = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
before = jvm = float('nan')
for line in open(log, errors='replace'):
    m = re.match(r'(\S+)\s.*Started \S+ in [0-9.]+ seconds \(process running for ([0-9.]+)\)', line)
    if m:
        at = datetime.fromisoformat(m.group(1).replace('Z', '+00:00')).timestamp()
        jvm = float(m.group(2))
        before = at - t0 - jvm
print(f'{t1 - t0:.3f} {cpu} {before:.3f} {jvm:.3f}')
PY
}

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

measure() {
  local name=$1; shift
  local times=() cpus=() befores=() jvms=() one load0
  load0=$(load)
  for _ in $(seq 1 "$starts"); do
    read -r -a one <<< "$(start_once "$@")"
    times+=("${one[0]}"); cpus+=("${one[1]}"); befores+=("${one[2]}"); jvms+=("${one[3]}")
  done
  printf '%-6s median %6.2f s   (%s)\n' "$name" \
    "$(printf '%s\n' "${times[@]}" | median)" "$(printf '%.2f ' "${times[@]}" | sed 's/ $//')"
  printf '       medians: cpu %.1f s; before the JVM %.2f s; JVM start to "Started" %.2f s; load %s -> %s\n' \
    "$(printf '%s\n' "${cpus[@]}" | median)" "$(printf '%s\n' "${befores[@]}" | median)" \
    "$(printf '%s\n' "${jvms[@]}" | median)" "$load0" "$(load)"
}

# The unpacked layout and the recording start, as in the Dockerfile: in-memory database, exit after the refresh.
unpack() {
  local java=$1 dir=$2
  "$java" -Djarmode=tools -jar "$jar" extract --destination "$dir" > /dev/null
}
record() {
  local dir=$1; shift
  (cd "$work" && "$@" -Dspring.context.exit=onRefresh -Djava.awt.headless=true -jar "$dir/charrnn.jar" \
      --spring.datasource.url=jdbc:h2:mem:record --server.port=0 > "$dir/record.log" 2>&1)
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); $(date -u '+%F %H:%M') UTC"
echo "java on PATH: $(java -version 2>&1 | head -1); load average $(load)"

if has_form jar; then
  measure jar java -Djava.awt.headless=true -jar "$jar" --server.port={port}
fi

if has_form image; then
  unpack java "$work/image"
  record "$work/image" java --add-modules jdk.incubator.vector -XX:ArchiveClassesAtExit="$work/image/charrnn.jsa"
  measure image java --add-modules jdk.incubator.vector -XX:SharedArchiveFile="$work/image/charrnn.jsa" \
    -Djava.awt.headless=true \
    -XX:MaxRAMPercentage=75 -jar "$work/image/charrnn.jar" --server.port={port}
fi

if has_form jdk25; then
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
    measure jdk25 "$java25" -XX:AOTCache="$work/aot/charrnn.aot" -Djava.awt.headless=true \
      -jar "$work/aot/charrnn.jar" --server.port={port}
  else
    echo "jdk25  skipped: no JDK 25+ (set JAVA25_HOME)"
  fi
fi

if has_form run; then
  git clone -q "$PWD" "$work/clone"
  # The application runs in {dir} (spring-boot.run.workingDirectory), so its ./data is new at every start.
  run=("$work/clone/mvnw" -B -f "$work/clone/pom.xml" spring-boot:run -Dspring-boot.run.workingDirectory={dir}
       "-Dspring-boot.run.arguments=--server.port={port}")
  read -r -a first <<< "$(start_once "${run[@]}")"
  echo "run    the first start in the fresh clone (the build: compile, process-aot): ${first[0]} s"
  measure run "${run[@]}"
fi
