#!/usr/bin/env bash
# What the agent adds to JVM start-up, as whole processes: ExitAtOnce (never calls allocateDirect)
# and OneBuffer (one allocateDirect, so the rewriting starts) with and without -javaagent, in
# alternating rounds; medians of wall-clock and CPU (user + sys) seconds per variant.
# Usage: benchmarks/startup.sh [--runs N] [--agent-jar JAR] [--compare JAR] [--options OPTS]
#                               [--aot] [--java JAVA]
#   --compare JAR  a second agent jar (e.g. an older build) in the same rounds
#   --options OPTS agent options for every agent run (default: none)
#   --aot          also runs each probe with a JDK 25 AOT cache trained on it (-XX:AOTCache; the
#                  agent jar is on -cp too, so its classes are cached: the README's recipe)
# Called by './pagepool bench startup', which builds the jars first.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=9
AGENT="$ROOT/agent/target/pagepool-agent.jar"
SAMPLES="$ROOT/samples/target/pagepool-samples.jar"
COMPARE=""
OPTIONS=""
AOT=""
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/java}"
JAVA=${JAVA:-java}

while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS=$2; shift 2 ;;
    --agent-jar) AGENT=$2; shift 2 ;;
    --compare) COMPARE=$2; shift 2 ;;
    --options) OPTIONS=$2; shift 2 ;;
    --aot) AOT=1; shift ;;
    --java) JAVA=$2; shift 2 ;;
    -h|--help) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "startup.sh: unknown argument '$1' (--help)" >&2; exit 2 ;;
  esac
done
for jar in "$AGENT" "$SAMPLES" ${COMPARE:+"$COMPARE"}; do
  [ -f "$jar" ] || { echo "startup.sh: no $jar (./pagepool build)" >&2; exit 2; }
done
case "$RUNS" in ''|*[!0-9]*|0) echo "startup.sh: --runs takes a positive number" >&2; exit 2 ;; esac

OUT=$(mktemp -d "${TMPDIR:-/tmp}/pagepool-startup.XXXXXX")
trap 'rm -rf "$OUT"' EXIT
agent_flag() { printf -- '-javaagent:%s%s' "$1" "${OPTIONS:+=$OPTIONS}"; }

# variants: NAME|JVM FLAGS (word-split)|CLASS PATH — each probe runs under each
variants=("jdk||$SAMPLES" "agent|$(agent_flag "$AGENT")|$SAMPLES")
[ -n "$COMPARE" ] && variants+=("compare|$(agent_flag "$COMPARE")|$SAMPLES")
if [ -n "$AOT" ]; then
  for probe in ExitAtOnce OneBuffer; do   # one training run per probe
    "$JAVA" -XX:AOTCacheOutput="$OUT/$probe.aot" "$(agent_flag "$AGENT")" -cp "$SAMPLES:$AGENT" \
      "io.pagepool.samples.$probe" >"$OUT/train-$probe.log" 2>&1 \
      || { echo "startup.sh: AOT training of $probe failed: $(cat "$OUT/train-$probe.log")" >&2; exit 1; }
  done
  variants+=("agent+aot|$(agent_flag "$AGENT") -XX:AOTCache=$OUT/PROBE.aot|$SAMPLES:$AGENT")
fi

# one run: appends "wall cpu" seconds to $OUT/PROBE.NAME; fails loudly when the probe fails
run_once() {
  local probe=$1 name=$2 flags=$3 classpath=$4 t0 t1 cpu
  flags=${flags//PROBE/$probe}
  local TIMEFORMAT='%U %S'
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  cpu=$( { time "$JAVA" $flags -cp "$classpath" "io.pagepool.samples.$probe" >"$OUT/last.out" 2>"$OUT/last.err"; } 2>&1 ) \
    || { echo "startup.sh: $probe ($name) failed: $(cat "$OUT/last.err")" >&2; exit 1; }
  t1=$(date +%s%N)
  grep -q "^$probe" "$OUT/last.out" || { echo "startup.sh: $probe ($name) printed nothing" >&2; exit 1; }
  awk -v w=$((t1 - t0)) -v c="$cpu" 'BEGIN { split(c, u, " "); printf "%.3f %.3f\n", w / 1e9, u[1] + u[2] }' \
    >>"$OUT/$probe.$name"
}

echo "pagepool start-up: $RUNS alternating rounds of ${#variants[@]} variants x 2 probes ($(nproc) CPUs," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg))"
for round in $(seq "$RUNS"); do
  for probe in ExitAtOnce OneBuffer; do
    for v in "${variants[@]}"; do
      IFS='|' read -r name flags classpath <<<"$v"
      run_once "$probe" "$name" "$flags" "$classpath"
    done
  done
  printf '.' >&2
done
echo >&2

median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.3f", m }'; }
printf '%-11s %-10s %10s %10s %12s %10s\n' probe variant "wall s" "cpu s" "wall added" "cpu added"
for probe in ExitAtOnce OneBuffer; do
  base_wall=$(cut -d' ' -f1 "$OUT/$probe.jdk" | median)
  base_cpu=$(cut -d' ' -f2 "$OUT/$probe.jdk" | median)
  for v in "${variants[@]}"; do
    name=${v%%|*}
    wall=$(cut -d' ' -f1 "$OUT/$probe.$name" | median)
    cpu=$(cut -d' ' -f2 "$OUT/$probe.$name" | median)
    printf '%-11s %-10s %10s %10s %12s %10s\n' "$probe" "$name" "$wall" "$cpu" \
      "$(awk -v a="$wall" -v b="$base_wall" 'BEGIN { printf "%+.3f", a - b }')" \
      "$(awk -v a="$cpu" -v b="$base_cpu" 'BEGIN { printf "%+.3f", a - b }')"
  done
done
echo "medians of $RUNS runs each; 'added' is the variant's median minus the JDK's (same probe)"
