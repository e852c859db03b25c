#!/usr/bin/env bash
# Publishes the Functions app and checks functions.metadata names every [Function] in the project.
set -euo pipefail
cd "$(dirname "$0")/.."
out=.artifacts/functions-publish
rm -rf "$out"
dotnet publish functions/SipCube.ControlPlane.Functions -c Release -o "$out" -nologo -clp:ErrorsOnly
test -f "$out/functions.metadata" || { echo "functions.metadata missing" >&2; exit 1; }
test -f "$out/host.json" || { echo "host.json missing" >&2; exit 1; }
expected=$(grep -rhoE '\[Function\("[A-Za-z0-9_]+"\)\]' functions/SipCube.ControlPlane.Functions --include='*.cs' | grep -oE '"[^"]+"' | tr -d '"' | sort -u)
for name in $expected; do
  grep -q "\"name\": *\"$name\"" "$out/functions.metadata" || { echo "function $name missing from functions.metadata" >&2; exit 1; }
done
echo "functions.metadata lists $(echo "$expected" | grep -c . || true) functions"
