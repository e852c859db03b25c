#!/usr/bin/env bash
# REGISTER-with-digest load run (by hand, not part of the suite):
#   server = the real UDP endpoint + registrar (tests/SipCube.Sip.Tests/load/SipLoadServer.cs) pinned to CPU 0,
#   SIPp (uac-register-digest-expect-200.xml: REGISTER -> 401 -> REGISTER+digest -> 200) pinned to CPU 1.
# Usage: tests/SipCube.Sip.Tests/load/register-load.sh [rate/s] [calls]   (run as root; uses unshare -n)
# Prints SIPp's final statistics: successful/failed registrations, rate, and the response-time repartition
# of the whole registration (first REGISTER to 200, both round trips).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
rate=${1:-2000}; calls=${2:-60000}
work=$(mktemp -d)
cd "$root"
dotnet build tests/SipCube.Sip.Tests -c Release -nologo -clp:ErrorsOnly >/dev/null
unshare -n bash -s "$root" "$work" "$rate" "$calls" <<'INNER'
set -euo pipefail
root=$1; work=$2; rate=$3; calls=$4
ip link set lo up
port=5060
SIPCUBE_SIP_LOAD_PORT=$port SIPCUBE_SIP_LOAD_STOP=$work/stop taskset -c 0 \
  dotnet test "$root/tests/SipCube.Sip.Tests" -c Release --no-build --filter "FullyQualifiedName~SipLoadServerHarness" > "$work/server.log" 2>&1 &
server=$!
for i in $(seq 1 600); do ss -uln | grep -q ":$port " && break; sleep 0.2; done
cd "$work"
taskset -c 1 sipp 127.0.0.1:$port -sf "$root/tests/testdata/sipp/uac-register-digest-expect-200.xml" -s u0 -au u0 -ap secret \
  -i 127.0.0.1 -p 5070 -r "$rate" -m "$calls" -l 20000 -nostdin -default_behaviors all,-bye -timeout 300s \
  -trace_screen -screen_file "$work/screen.txt" > "$work/sipp.out" 2>&1 || true
touch "$work/stop"
wait $server || true
sed -n '/Start Time/,$p' "$work/screen.txt" | head -60
tail -5 "$work/server.log"
INNER
echo "artifacts in $work"
