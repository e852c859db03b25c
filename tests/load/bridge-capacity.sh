#!/usr/bin/env bash
# Capacity run of the single box (issue 7): SIPp phones call WebRTC app peers of ours (tests/SipCube.LoadHarness,
# bridge mode: ICE as the controlling agent, DTLS client, SRTP) through the real node, all on loopback inside a
# private network namespace. The node is pinned to core 0; SIPp and the harness to core 1. One row per step:
# calls, loss, node CPU, calls per core, RSS per call, round trips via the node and straight to SIPp's echo, and the
# added one-way latency estimate. Needs root (unshare -n, and perf when PERF=1), sipp, dotnet.
#
#   tests/load/bridge-capacity.sh                              # passthrough ramp 50,100,200,400
#   STEPS=100,300,500 RATE=25 tests/load/bridge-capacity.sh     # other ramp
#   CODEC=opus tests/load/bridge-capacity.sh                    # app side answers Opus only: the node transcodes
#   SMOKE=1 tests/load/bridge-capacity.sh                       # 5 calls, 5 s window: proves the harness works
#   PERF=1 tests/load/bridge-capacity.sh                        # also perf-profile the node, print its top symbols
#   DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 ...          # any DOTNET_* setting reaches the node (experiments)
#   SIPCUBE_NODE_DLL=/path/SipCube.MediaNode.dll SKIP_BUILD=1 ...   # a node built elsewhere (e.g. from a clean tree)
# Extra arguments go to the harness (see `dotnet .../SipCube.LoadHarness.dll bridge --help`).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NODE_DLL=${SIPCUBE_NODE_DLL:-$ROOT/mediaplane/src/SipCube.MediaNode/bin/Release/net10.0/SipCube.MediaNode.dll}
HARNESS_DLL=$ROOT/tests/SipCube.LoadHarness/bin/Release/net10.0/SipCube.LoadHarness.dll

if [ -z "${SIPCUBE_LOAD_NETNS:-}" ]; then
  if [ "${SKIP_BUILD:-0}" != 1 ]; then
    [ -n "${SIPCUBE_NODE_DLL:-}" ] || dotnet build "$ROOT/mediaplane/src/SipCube.MediaNode" -c Release -nologo -clp:ErrorsOnly
    dotnet build "$ROOT/tests/SipCube.LoadHarness" -c Release -nologo -clp:ErrorsOnly
  fi
  # setsid: a session of our own, so the scheduler's autogroup holds only this run (see NICE below).
  exec unshare -n setsid --wait env SIPCUBE_LOAD_NETNS=1 bash "$0" "$@"
fi

ip link set lo up
ulimit -n "$(ulimit -Hn)"
CODEC=${CODEC:-pcmu}
SMOKE_ARGS=()
if [ "${SMOKE:-0}" = 1 ]; then
  STEPS=${STEPS:-5}; WINDOW=${WINDOW:-5}; WARMUP=${WARMUP:-0}; SMOKE_ARGS=(--require-zero-loss true)
fi
STEPS=${STEPS:-50,100,200,400}
RATE=${RATE:-20}
WINDOW=${WINDOW:-10}
WARMUP=${WARMUP:-50}
HTTP_PORT=17180; SIP_PORT=5060; EMULATOR_PORT=7080
WORK=$(mktemp -d /tmp/sipcube-load-XXXXXX)
echo "work dir $WORK; load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"

# The box is shared (other builds run beside us): node and generators run at a higher priority so the figures
# are the node's, not the scheduler's. NICE=0 to measure without that.
NICE=${NICE:--15}
# With sched_autogroup on, nice only ranks tasks inside one session's group; the group's own nice ranks it
# against the other sessions' builds.
[ -w /proc/self/autogroup ] && echo "$NICE" > /proc/self/autogroup 2>/dev/null || true
export DOTNET_PerfMapEnabled=${PERF:-0}
if [ "${PERF:-0}" = 1 ]; then
  # perf resolves JIT-compiled frames through /tmp/perf-PID.map only without the W^X double mapping.
  export DOTNET_EnableWriteXorExecute=0
fi
env \
  SipCube__DataDirectory="$WORK/data" \
  SipCube__Emulator__Url="http://127.0.0.1:$EMULATOR_PORT" \
  SipCube__Sip__BindAddress=127.0.0.1 \
  SipCube__Sip__UdpPort=$SIP_PORT \
  SipCube__Sip__TcpPort=$SIP_PORT \
  SipCube__Sip__ChallengeAlgorithms__0=MD5 \
  SipCube__Sip__QualifyIntervalSeconds=0 \
  SipCube__Media__BindAddress=127.0.0.1 \
  SipCube__Media__PortMin=20000 \
  SipCube__Media__PortMax=40000 \
  SipCube__Routing__AllowNumericConnectyCubeIds=true \
  Logging__LogLevel__Default=Warning \
  nice -n "$NICE" taskset -c 0 dotnet "$NODE_DLL" --contentRoot "$(dirname "$NODE_DLL")" --urls "http://127.0.0.1:$HTTP_PORT" > "$WORK/node.log" 2>&1 &
NODE_PID=$!
cleanup() {
  kill -TERM "$NODE_PID" 2>/dev/null || true
  wait "$NODE_PID" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 300); do
  if curl -fs "http://127.0.0.1:$HTTP_PORT/health/ready" > /dev/null 2>&1; then break; fi
  if ! kill -0 "$NODE_PID" 2>/dev/null; then echo "node exited:"; cat "$WORK/node.log"; exit 1; fi
  sleep 0.2
done
curl -fs "http://127.0.0.1:$HTTP_PORT/health/ready" > /dev/null || { echo "node not ready:"; tail -50 "$WORK/node.log"; exit 1; }

PERF_ARGS=()
if [ "${PERF:-0}" = 1 ]; then
  PERF_ARGS=(--perf-output "$WORK/perf.data")
fi

cd "$ROOT"
set +e
nice -n "$NICE" taskset -c 1 dotnet "$HARNESS_DLL" bridge --node-pid "$NODE_PID" --http "http://127.0.0.1:$HTTP_PORT/" \
  --emulator "http://127.0.0.1:$EMULATOR_PORT" --sip-port $SIP_PORT --steps "$STEPS" --rate "$RATE" \
  --window "$WINDOW" --warmup "$WARMUP" --codec "$CODEC" "${SMOKE_ARGS[@]}" "${PERF_ARGS[@]}" "$@"
STATUS=$?
set -e

if [ -f "$WORK/perf.data" ]; then
  echo; echo "node profile (perf during the last step's window, self time): by thread, by library, top symbols"
  for sort in comm dso sym; do
    perf report -i "$WORK/perf.data" --pid "$NODE_PID" --no-children --sort $sort -g none --stdio 2>/dev/null | grep -v '^#' | grep '%' | head -${PERF_TOP:-25}
    echo
  done
fi
echo "node warnings/errors: $(grep -c -E 'warn|fail|crit' "$WORK/node.log" || true) lines (log: $WORK/node.log)"
exit $STATUS
