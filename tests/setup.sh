#!/usr/bin/env bash
# Installs everything the test suite needs on a fresh Debian machine: the real peers from apt
# (SIPp, baresip, Chromium, sox, tshark...) and the npm packages in tests/package.json
# (Azurite, playwright-core, the connectycube SDK). Idempotent: already-present packages are skipped.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

apt_packages=(sip-tester baresip-core chromium chromium-driver sox espeak-ng tshark libopus0 libbcg729-0 iproute2 util-linux curl jq)
missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -d "$here/node_modules" ] || [ "$here/package.json" -nt "$here/node_modules/.installed" ]; then
  echo "setup: npm install in tests/"
  (cd "$here" && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi

if [ -f "$here/../infra/package.json" ]; then
  if [ ! -d "$here/../infra/node_modules" ] || [ "$here/../infra/package.json" -nt "$here/../infra/node_modules/.installed" ]; then
    echo "setup: npm install in infra/"
    (cd "$here/../infra" && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
  fi
fi
