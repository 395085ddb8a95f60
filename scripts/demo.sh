#!/usr/bin/env bash
# The README's first command: builds the controller with visible progress, then starts `everest-site demo`
# (embedded MQTT broker, simulated EVSEs, SQLite under ./data). Extra arguments go to the demo, e.g.
#   scripts/demo.sh --duration 00:02:00
# A first run restores the NuGet packages and compiles the solution's app projects (a few minutes on a cold
# machine, most of it downloading packages); later runs rebuild only what changed (seconds).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
project="$repo/src/Everest.Site/Everest.Site.csproj"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "The .NET SDK 10.0 is not on PATH: install it (see README, Requirements), then run this again." >&2
  exit 1
fi

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

say "Restoring NuGet packages (the first run downloads them; this is the slow part)"
start=$SECONDS
dotnet restore "$project" -nologo -v minimal
say "Building everest-site in Release (each finished project prints one line)"
dotnet build "$project" -c Release --no-restore -nologo -v minimal -clp:NoSummary
say "Built in $((SECONDS - start)) s. Starting the demo (Ctrl+C stops it in order)"
exec dotnet "$repo/src/Everest.Site/bin/Release/net10.0/everest-site.dll" demo "$@"
