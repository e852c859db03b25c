#!/usr/bin/env bash
# REGISTER-with-digest load run against the single box (by hand, not part of the suite; run as root).
#
#   node  = the real node process (mediaplane/src/SipCube.MediaNode, production appsettings.json: console logging at
#           Information, metrics, the mapping store as credential source) pinned to CPU 0 with taskset, inside
#           `unshare -n` so nothing leaves the box;
#   SIPp  = tests/testdata/sipp/uac-register-digest-expect-200.xml (REGISTER -> 401 -> REGISTER+digest -> 200),
#           pinned to CPU 1, one AOR (u0@test.local, a phone mapping created through the node's API).
#
# Usage: tests/load/register-load.sh [rate/s ...]      e.g.  tests/load/register-load.sh 2000 4000 6000
#   SIPCUBE_LOAD_SECONDS  seconds per rate step (default 15)
#   SIPCUBE_LOAD_NOBUILD  set to skip `dotnet build` of the node
#   SIPCUBE_LOAD_NODE_DLL another build of the node to run (default: the Release build in the tree)
#   SIPCUBE_LOAD_TRACE    set to record a dotnet-trace (dotnet tool dotnet-trace) of the node during each step
#   SIPCUBE_LOAD_COUNTERS set to record System.Runtime counters (GC, allocation rate; dotnet tool dotnet-counters)
#                         of the node during each step into <step>/counters.csv
#   SIPCUBE_LOAD_PERF     set to record `perf record -e cpu-clock` of the node during each step (JIT frames named
#                         through DOTNET_PerfMapEnabled); read it with `perf report -i <step>/perf.data --no-children`
# For each rate it prints: offered rate, registrations completed per second (SIPp's own count over the step),
# failures, and percentiles of the whole registration time (first REGISTER sent -> 200 received, both round
# trips, from SIPp's -trace_rtt file with every sample). The node's CPU time over the step is printed too, so
# registrations per CPU-second of the node can be read off even when the box is shared.
set -euo pipefail
export PATH="$PATH:$HOME/.dotnet/tools"
root=$(cd "$(dirname "$0")/../.." && pwd)
rates=("$@"); [ ${#rates[@]} -eq 0 ] && rates=(2000)
seconds=${SIPCUBE_LOAD_SECONDS:-15}
work=$(mktemp -d /tmp/sipcube-register-load.XXXXXX)
cd "$root"
if [ -z "${SIPCUBE_LOAD_NOBUILD:-}" ]; then
  dotnet build mediaplane/src/SipCube.MediaNode -c Release -nologo -clp:ErrorsOnly >/dev/null
fi
dll=${SIPCUBE_LOAD_NODE_DLL:-"$root/mediaplane/src/SipCube.MediaNode/bin/Release/net10.0/SipCube.MediaNode.dll"}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
unshare -n bash -s "$root" "$work" "$dll" "$seconds" "${rates[@]}" <<'INNER'
set -euo pipefail
export PATH="$PATH:$HOME/.dotnet/tools"
root=$1; work=$2; dll=$3; seconds=$4; shift 4
ip link set lo up
http=18080; sip=5060; emulator=18081
export SipCube__DataDirectory=$work/data SipCube__Emulator__Url=http://127.0.0.1:$emulator \
  SipCube__Sip__BindAddress=127.0.0.1 SipCube__Sip__UdpPort=$sip SipCube__Sip__TcpPort=$sip \
  SipCube__Sip__QualifyIntervalSeconds=0 SipCube__Media__BindAddress=127.0.0.1
mkdir -p "$work/data"
[ -n "${SIPCUBE_LOAD_PERF:-}" ] && export DOTNET_PerfMapEnabled=1
(cd "$(dirname "$dll")" && exec taskset -c 0 dotnet "$dll" --urls "http://127.0.0.1:$http") > "$work/node.log" 2>&1 &
node=$!
trap 'kill -TERM $node 2>/dev/null || true; wait $node 2>/dev/null || true' EXIT
for i in $(seq 1 300); do
  curl -sf "http://127.0.0.1:$http/health/ready" >/dev/null 2>&1 && break
  kill -0 $node 2>/dev/null || { echo "node exited"; tail -30 "$work/node.log"; exit 1; }
  sleep 0.2
done
curl -sf -X POST "http://127.0.0.1:$http/api/mappings" -H 'content-type: application/json' \
  -d '{"sipUri":"sip:u0@test.local","sipPassword":"secret","connectyCubeUserId":4242,"displayName":"load"}' >/dev/null \
  || { echo "mapping not created"; tail -30 "$work/node.log"; exit 1; }
ticks=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$node/stat"; }
# A warm-up so the JIT (tiered compilation) has settled before the first measured step.
(cd "$work" && taskset -c 1 sipp 127.0.0.1:$sip -sf "$root/tests/testdata/sipp/uac-register-digest-expect-200.xml" \
  -s u0 -au u0 -ap secret -i 127.0.0.1 -p 5070 -r 1000 -m 5000 -l 5000 -nostdin -timeout 60s > /dev/null 2>&1 || true)
printf '%-8s %-10s %-8s %-9s %-8s %-8s %-8s %-8s %-12s %s\n' offered "done/s" failed retrans p50_ms p90_ms p99_ms max_ms node_cpu_s "done/cpu_s"
for rate in "$@"; do
  step=$work/r$rate; mkdir -p "$step"
  calls=$((rate * seconds))
  before=$(cpu); tracer=
  if [ -n "${SIPCUBE_LOAD_TRACE:-}" ]; then
    # Where the node's time goes: EventPipe thread-time samples (~100 Hz) over the step, as speedscope JSON too.
    taskset -c 1 dotnet-trace collect -p $node --profile dotnet-sampled-thread-time --duration 00:00:00:$((seconds > 10 ? 10 : seconds)) \
      --format Speedscope -o "$step/node.nettrace" > "$step/trace.out" 2>&1 &
    tracer=$!
    sleep 1
  elif [ -n "${SIPCUBE_LOAD_COUNTERS:-}" ]; then
    taskset -c 1 dotnet-counters collect -p $node --counters System.Runtime --refresh-interval 2 --format csv \
      -o "$step/counters.csv" --duration 00:00:00:$((seconds > 10 ? 10 : seconds)) > "$step/counters.out" 2>&1 &
    tracer=$!
  elif [ -n "${SIPCUBE_LOAD_PERF:-}" ]; then
    taskset -c 1 perf record -e cpu-clock -F 999 -g -p $node -o "$step/perf.data" -- sleep $((seconds > 10 ? 10 : seconds)) > "$step/perf.out" 2>&1 &
    tracer=$!
  fi
  (cd "$step" && taskset -c 1 sipp 127.0.0.1:$sip -sf "$root/tests/testdata/sipp/uac-register-digest-expect-200.xml" \
    -s u0 -au u0 -ap secret -i 127.0.0.1 -p 5070 -r "$rate" -m "$calls" -l 30000 -nostdin -timeout $((seconds * 4))s \
    -trace_rtt -rtt_freq 1 -trace_stat -fd 1 -trace_screen -screen_file "$step/screen.txt" > "$step/sipp.out" 2>&1 || true)
  after=$(cpu)
  [ -n "${tracer:-}" ] && { wait "$tracer" || true; tracer=; }
  # The screen file holds several screens; the last statistics screen has the final cumulative counters.
  ok=$(grep -E '^ *Successful call' "$step/screen.txt" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  failed=$(grep -E '^ *Failed call' "$step/screen.txt" | tail -1 | awk -F'|' '{gsub(/ /,"",$3); print $3}')
  retrans=$(grep -E 'REGISTER -+>' "$step/screen.txt" | tail -2 | awk '{s+=$(NF-1)} END {print s+0}')
  first=$(grep -E '^ *Start Time' "$step/screen.txt" | tail -1 | awk -F'\t' '{printf "%.6f", $3}')
  last=$(grep -E '^ *Current Time' "$step/screen.txt" | tail -1 | awk -F'\t' '{printf "%.6f", $3}')
  elapsed=$(awk -v a="$first" -v b="$last" 'BEGIN {printf "%.3f", b-a}')
  rtt=$(ls "$step"/*_rtt.csv 2>/dev/null | head -1)
  read -r p50 p90 p99 pmax < <(tail -n +2 "$rtt" | cut -d';' -f2 | sort -n | awk '{v[NR]=$1} END {if (NR==0) {print "- - - -"} else {printf "%.2f %.2f %.2f %.2f\n", v[int(NR*0.5)+1], v[int(NR*0.9)+1], v[int(NR*0.99)+1], v[NR]}}')
  cpus=$(awk -v a="$after" -v b="$before" -v t="$ticks" 'BEGIN {printf "%.2f", (a-b)/t}')
  printf '%-8s %-10s %-8s %-9s %-8s %-8s %-8s %-8s %-12s %s\n' "$rate" \
    "$(awk -v o="$ok" -v e="$elapsed" 'BEGIN {printf "%.0f", (e>0 ? o/e : 0)}')" "$failed" "$retrans" "$p50" "$p90" "$p99" "$pmax" "$cpus" \
    "$(awk -v o="$ok" -v c="$cpus" 'BEGIN {printf "%.0f", (c>0 ? o/c : 0)}')"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
grep -c -i -E 'registered' "$work/node.log" | sed 's/^/node log lines "registered": /'
INNER
echo "artifacts in $work"
