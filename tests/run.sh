#!/usr/bin/env bash
# The whole test suite, as the README gives it: installs the peers, builds, then runs every test
# inside a private network namespace (unshare -n: only loopback exists, so real peers can reach
# nothing else and no port can clash with other programs) that is also a private PID namespace, so
# no peer a test left behind outlives the run; then the infra/ tests.
# Ends with one line "N passed, N failed, N skipped". With SIPCUBE_REQUIRE_INTEROP=1 (CI) a skipped
# test fails the run: interop tests skip only when a peer is missing.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

bash tests/setup.sh
dotnet build SipCubeCloud.sln -c Release -nologo -clp:ErrorsOnly

results="$root/.artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
# Category=Load marks load harnesses started by hand (e.g. tests/SipCube.Sip.Tests/load/register-load.sh), never here.
filter=${SIPCUBE_TEST_FILTER:-Category!=Load}
set +e
unshare --net --pid --fork --mount-proc bash -c '
  ip link set lo up
  dotnet test SipCubeCloud.sln -c Release --no-build --no-restore -nologo \
    --results-directory "$1" --logger "trx" --logger "console;verbosity=normal" \
    --blame-hang-timeout 8m ${2:+--filter "$2"}
' run-tests "$results" "$filter" > "$results/console.log" 2>&1
dotnet_rc=$?
set -e
# Failures and skips with their messages, then the per-assembly totals.
grep -E -A12 '^\s+(Failed|Skipped) ' "$results/console.log" | head -400 || true
grep -E '^(Passed!|Failed!)|^\s+(Total tests|Passed|Failed|Skipped):' "$results/console.log" || true

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$(get total); executed=$(get executed)
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  skipped=$((skipped + total - executed))
done

infra_rc=0
if [ -f infra/package.json ] && [ -z "${SIPCUBE_TEST_FILTER:-}" ]; then
  echo "infra: npm test"
  set +e
  (cd infra && npm test --silent) > "$results/infra.log" 2>&1
  infra_rc=$?
  set -e
  ip=$(grep -Eo '^# pass [0-9]+' "$results/infra.log" | grep -Eo '[0-9]+' | tail -1); ip=${ip:-0}
  if_=$(grep -Eo '^# fail [0-9]+' "$results/infra.log" | grep -Eo '[0-9]+' | tail -1); if_=${if_:-0}
  passed=$((passed + ip)); failed=$((failed + if_))
  [ $infra_rc -ne 0 ] && [ "$if_" -eq 0 ] && failed=$((failed + 1)) && cat "$results/infra.log"
fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
if [ "$dotnet_rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$infra_rc" -ne 0 ]; then
  echo "tests failed (dotnet rc=$dotnet_rc, infra rc=$infra_rc); full log: $results/console.log" >&2
  exit 1
fi
if [ "${SIPCUBE_REQUIRE_INTEROP:-}" = "1" ] && [ "$skipped" -ne 0 ]; then
  echo "SIPCUBE_REQUIRE_INTEROP=1 but $skipped test(s) were skipped" >&2
  exit 1
fi
if [ "$passed" -eq 0 ]; then
  echo "no test ran" >&2
  exit 1
fi
