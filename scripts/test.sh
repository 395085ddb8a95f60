#!/usr/bin/env bash
# Runs every test of the solution: unit, scenario, contract and integration tests (real mosquitto, real
# PostgreSQL, SQLite files, browser). Installs the prerequisites first when any is missing.
#   scripts/test.sh                 # everything
#   scripts/test.sh --filter X      # extra arguments go to 'dotnet test'
# Environment:
#   EVEREST_SITE_TEST_PG   Npgsql connection string of a PostgreSQL server for the journal tests. When unset,
#                          a throwaway server is started on a free loopback port and removed afterwards.
#   EVEREST_API_SPECS      folder of the upstream EVerest API specs (default: ../shared/everest-api).
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v mosquitto >/dev/null 2>&1 || missing+=(mosquitto)
command -v mosquitto_sub >/dev/null 2>&1 || missing+=(mosquitto-clients)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing missing prerequisites: ${missing[*]}"
  scripts/install-prerequisites.sh
fi

work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  if [ -n "${started_pg:-}" ]; then scripts/stop-test-postgres.sh "$work/pg"; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ -z "${EVEREST_SITE_TEST_PG:-}" ]; then
  EVEREST_SITE_TEST_PG=$(scripts/start-test-postgres.sh "$work/pg")
  export EVEREST_SITE_TEST_PG
  started_pg=1
fi

# A hang is reported with a dump instead of eating CI's time budget.
status=0
dotnet test Everest.Site.sln --blame-hang-timeout 5m "$@" 2>&1 | tee "$work/test.log" || status=$?

# One closing line over all test assemblies, in the form CI reads: "N passed, N failed, N skipped".
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+/ {
       gsub(",", ""); for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) } }
     END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$work/test.log"
# A project that does not compile runs no test, so the line above can read "0 failed" while the run failed.
if [ "$status" -ne 0 ] && grep -qE ': error [A-Z]+[0-9]+' "$work/test.log"; then
  echo "build errors: $(grep -cE ': error [A-Z]+[0-9]+' "$work/test.log") (see above); the projects that failed to build ran no test"
fi
exit $status
