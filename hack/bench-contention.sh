#!/usr/bin/env bash
# Lock contention of one `bench` run, measured from outside the code under test:
#
#   hack/bench-contention.sh <jar> <grants> [bench args...]
#   e.g. hack/bench-contention.sh target/ram-grant-operator.jar 5000 --accounts 10 --with-kube
#
# Runs `java -jar <jar> bench --grants <grants> [bench args] -o json` under `nice` with Java Flight
# Recorder on (hack/contention.jfc: every contended monitor enter, monitor waits and thread parks
# of 1 ms or more, with stacks; CPU samples every 20 ms), then prints the bench's own figures and the blocked time and
# count per lock category (RoleClaimIndex, AccountObservationCache, TemporaryCredentialCache,
# other) from hack/JfrContention.java. Any jar works, so the same command measures a build from
# before a change and one from after it.
#
# Environment: OUT (directory for recording.jfr, bench.json, bench.err, summary.md; default
# target/contention/<jar dir name>-<grants>-<UTC time>), JAVA_OPTS (default -Xmx256m, the heap
# cap BENCHMARKS.md uses; 5000 grants with --with-kube need more), NICE (default "nice"; empty to
# run at normal priority), SUMMARY_ONLY=1 with OUT: print the summary of that earlier run again.
set -euo pipefail

if (($# < 2)); then
  sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
jar="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
grants="$2"
shift 2
[[ -f "$jar" ]] || { echo "bench-contention: no jar at $jar" >&2; exit 2; }
for tool in java jq; do
  command -v "$tool" >/dev/null || { echo "bench-contention: needs $tool on PATH" >&2; exit 2; }
done

label="$(basename "$(dirname "$(dirname "$jar")")")"
out="${OUT:-target/contention/${label}-${grants}-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
read -r -a java_opts <<<"${JAVA_OPTS:--Xmx256m}"
read -r -a nice_cmd <<<"${NICE-nice}"

load() { cut -d' ' -f1 /proc/loadavg; }
if [[ "${SUMMARY_ONLY:-}" == 1 ]]; then
  source "$out/run.env" # summarise an earlier run again (e.g. after changing JfrContention.java)
else
  load_before="$(load)"
  start="$(date +%s.%N)"
  set +e
  "${nice_cmd[@]}" java "${java_opts[@]}" \
    "-XX:StartFlightRecording=filename=$out/recording.jfr,settings=$here/contention.jfc,maxsize=4g" \
    -XX:FlightRecorderOptions:stackdepth=128 \
    -jar "$jar" bench --grants "$grants" "$@" -o json >"$out/bench.out" 2>"$out/bench.err"
  status=$?
  set -e
  end="$(date +%s.%N)"
  load_after="$(load)"
  printf 'load_before=%s\nload_after=%s\nstart=%s\nend=%s\nstatus=%s\n' \
    "$load_before" "$load_after" "$start" "$end" "$status" >"$out/run.env"
fi
sed -n '/^{/,$p' "$out/bench.out" >"$out/bench.json" # JFR's start-up lines go to stdout before the report

{
  commit="$(git -C "$(dirname "$jar")" rev-parse --short HEAD 2>/dev/null || echo "not in a git worktree")"
  echo "jar: $jar (worktree at commit $commit)"
  echo "command: ${nice_cmd[*]} java ${java_opts[*]} -XX:StartFlightRecording=...,settings=hack/contention.jfc -XX:FlightRecorderOptions:stackdepth=128 -jar $(basename "$jar") bench --grants $grants $* -o json"
  echo "machine: $(nproc) cores; load average (1 min) $load_before before, $load_after after; exit status $status"
  awk -v s="$start" -v e="$end" 'BEGIN { printf "wall time of the process: %.1f s\n", e - s }'
  if jq -e . "$out/bench.json" >/dev/null 2>&1; then
    # One reconcile unit per role in the bench's workload; each role gets one GetRole per per-role resync.
    jq -r '
      ((.callsByAction.resyncSystemOnly.GetRole // 0) + (.callsByAction.resyncWithCustomPolicy.GetRole // 0)) as $units
      | "convergence: \(.convergenceSeconds) s (lower bound \(.lowerBoundSeconds) s, ratio \(.convergenceRatio)), \(.convergenceCpuSeconds) CPU-s, \(.cpuMillisPerConvergeCall) ms CPU per RAM call",
        "engine passes: \($units) reconcile units; per-role resync \(.resyncSeconds) s = \(if .resyncSeconds > 0 then ($units / .resyncSeconds | floor) else "n/a" end) passes/s",
        "heap after GC: \(.heapMiB) MiB, RSS \(.rssMiB) MiB; warm-up \(.warmupGrants) grants in \(.warmupSeconds) s",
        "throttled while converging: \(.callsByAction.throttledWhileConverging)"' "$out/bench.json"
  else
    echo "bench printed no JSON (see $out/bench.err)"
  fi
  grep -h 'Kubernetes API requests' "$out/bench.err" || true
  echo
  if [[ -s "$out/recording.jfr" ]]; then
    "${nice_cmd[@]}" java "$here/JfrContention.java" "$out/recording.jfr"
  else
    echo "no recording at $out/recording.jfr"
  fi
} | tee "$out/summary.md"
exit "$status"
