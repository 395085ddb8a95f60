#!/usr/bin/env bash
# Runs the benchmarks (Release) and leaves BenchmarkDotNet's reports in BenchmarkDotNet.Artifacts/results.
#   scripts/bench.sh                 # all of them
#   scripts/bench.sh actors|persistence|mqtt|allocation
# The persistence benchmarks need PostgreSQL: EVEREST_SITE_BENCH_PG names a server, else a throwaway one is
# started on a free loopback port. The MQTT benchmarks start their own mosquitto. Figures go to docs/benchmarks.md
# by hand, each beside the baseline measured in the same run. The allocation-quality replay reads the Caltech ACN
# data set from ../shared/data/acn beside the repository; EVEREST_SITE_ACN names another path.
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
project=bench/Everest.Site.Benchmarks
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  if [ -n "${started_pg:-}" ]; then scripts/stop-test-postgres.sh "$work/pg"; fi
  rm -rf "$work"
}
trap cleanup EXIT

run() { dotnet run -c Release --project "$project" -- "$@"; }

if [ "$what" = all ] || [ "$what" = actors ]; then
  run --filter '*Actors.PingPongBenchmarks*' '*Actors.FanInBenchmarks*' '*Actors.SpawnBenchmarks*'
  run idle-actor-memory
fi
if [ "$what" = all ] || [ "$what" = persistence ]; then
  if [ -z "${EVEREST_SITE_BENCH_PG:-}" ]; then
    EVEREST_SITE_BENCH_PG=$(scripts/start-test-postgres.sh "$work/pg")
    export EVEREST_SITE_BENCH_PG
    started_pg=1
  fi
  run --filter '*JournalWriteBenchmarks*' '*JournalReplayBenchmarks*'
fi
if [ "$what" = all ] || [ "$what" = mqtt ]; then
  run --filter '*MqttPubSub*'
fi
if [ "$what" = all ] || [ "$what" = allocation ]; then
  run allocation-quality ${EVEREST_SITE_ACN:+--acn "$EVEREST_SITE_ACN"}
  run --filter '*AllocationSpeedBenchmarks*'
fi
