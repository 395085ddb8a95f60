#!/usr/bin/env bash
# Runs the benchmarks in Release, each figure beside the baseline it is measured against in the same run.
#   scripts/bench.sh                  # all of them (about 15 minutes on 2 cores once the fleet history exists)
#   scripts/bench.sh actors|persistence|mqtt|fleet|allocation|billing
# BenchmarkDotNet's reports land in BenchmarkDotNet.Artifacts/results; the scenario benchmarks print their tables.
# persistence needs PostgreSQL: EVEREST_SITE_BENCH_PG names a server, else a throwaway one is started on a free
# loopback port and removed afterwards. mqtt and fleet start their own mosquitto on loopback.
# fleet recovery lays down a year of history for 1,000 EVSEs once (about 11 minutes on a loaded box, 8.6 GB) and keeps it in
# EVEREST_SITE_BENCH_CACHE (default ~/.cache/everest-site-bench) for the next run; delete that folder to free the space.
# allocation replays the Caltech ACN sessions from ../shared/data/acn beside the repository (EVEREST_SITE_ACN names
# another path). billing exports 100,000 CDRs from a SQLite read model and times the projection's catch-up (a few
# minutes). Figures go to docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
case "$what" in
  all|actors|persistence|mqtt|fleet|allocation|billing) ;;
  *) echo "usage: scripts/bench.sh [actors|persistence|mqtt|fleet|allocation|billing|all]" >&2; exit 2 ;;
esac
project=bench/Everest.Site.Benchmarks
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  if [ -n "${started_pg:-}" ]; then scripts/stop-test-postgres.sh "$work/pg"; fi
  rm -rf "$work"
}
trap cleanup EXIT

dotnet build -c Release -nologo -v q "$project"
bench() { dotnet "$project/bin/Release/net10.0/Everest.Site.Benchmarks.dll" "$@"; }

if [ "$what" = all ] || [ "$what" = actors ]; then
  bench --filter '*Actors.PingPongBenchmarks*' '*Actors.FanInBenchmarks*' '*Actors.SpawnBenchmarks*'
  bench idle-actor-memory
fi
if [ "$what" = all ] || [ "$what" = persistence ]; then
  if [ -z "${EVEREST_SITE_BENCH_PG:-}" ]; then
    EVEREST_SITE_BENCH_PG=$(scripts/start-test-postgres.sh "$work/pg")
    export EVEREST_SITE_BENCH_PG
    started_pg=1
  fi
  bench --filter '*Persistence.JournalWriteBenchmarks*'
fi
if [ "$what" = all ] || [ "$what" = mqtt ]; then
  bench mqtt-ingest
fi
if [ "$what" = all ] || [ "$what" = fleet ]; then
  cache=${EVEREST_SITE_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/everest-site-bench}
  mkdir -p "$cache"
  bench fleet-recovery --cache "$cache"
  # Last: it fails (non-zero exit) when the fleet is not all online within its timeout, as docs/benchmarks.md reports.
  bench fleet-writes
fi
if [ "$what" = all ] || [ "$what" = allocation ]; then
  bench allocation-quality ${EVEREST_SITE_ACN:+--acn "$EVEREST_SITE_ACN"}
  bench --filter '*AllocationSpeedBenchmarks*'
fi
if [ "$what" = all ] || [ "$what" = billing ]; then
  bench billing
fi
