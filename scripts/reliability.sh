#!/usr/bin/env bash
# The reliability suite (issue 14): builds once, then replays faults against `everest-site run` with the simulator
# (`everest-site simulate`'s SiteSimulator) keeping the ground truth, on a real mosquitto, SQLite and a PostgreSQL
# server of its own, and compares the journal with the ground truth after each. Prints one table
# (fault → sessions expected / stored / lost / duplicated, memory) and exits non-zero when any row loses or
# duplicates, or the controller's memory did not stay flat.
#   scripts/reliability.sh            # full: 50 SIGKILLs per database, 30 s outages, a 60 s full disk, 100,000 hostile payloads
#   scripts/reliability.sh --quick    # 10 SIGKILLs, 30 s outages, a 60 s full disk, 20,000 hostile payloads
# Both play the seven reproductions of issue 14 as rows of their own. Must run as root: the full disk is a tmpfs the
# suite mounts under the journal (the row fails with the reason where mounting is not permitted).
# The faults are the tests of tests/Everest.Site.IntegrationTests/Reliability, run at the chosen size; the normal
# test run plays them small.
set -euo pipefail
cd "$(dirname "$0")/.."

size=full
case "${1:-}" in
  --quick) size=quick ;;
  "" | --full) ;;
  *) echo "usage: scripts/reliability.sh [--quick|--full]" >&2; exit 2 ;;
esac

work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
  if [ -n "${started_pg:-}" ]; then scripts/stop-test-postgres.sh "$work/pg"; fi
  rm -rf "$work"
}
trap cleanup EXIT

EVEREST_SITE_TEST_PG=$(scripts/start-test-postgres.sh "$work/pg")
export EVEREST_SITE_TEST_PG
started_pg=1
export EVEREST_SITE_RELIABILITY=$size
export EVEREST_SITE_RELIABILITY_TABLE="$work/table.tsv"
: >"$EVEREST_SITE_RELIABILITY_TABLE"

echo "building once..."
dotnet build tests/Everest.Site.IntegrationTests/Everest.Site.IntegrationTests.csproj -v q -nologo >"$work/build.log" 2>&1 \
  || { cat "$work/build.log"; exit 1; }

echo "running the $size suite (this takes minutes; each fault is one test)..."
status=0
dotnet test tests/Everest.Site.IntegrationTests/Everest.Site.IntegrationTests.csproj --no-build \
  --filter "FullyQualifiedName~Everest.Site.IntegrationTests.Reliability" \
  --logger "console;verbosity=normal" >"$work/test.log" 2>&1 || status=$?
grep -E "^\s+(Passed|Failed) |Total tests|Passed:|Failed:" "$work/test.log" || true

echo
printf '%-34s %-10s %8s %6s %4s %10s %4s %5s %14s %5s  %s\n' fault database expected stored lost duplicated gaps alive "rss MB (start→end)" flat notes
awk -F'\t' '{ printf "%-34s %-10s %8s %6s %4s %10s %4s %5s %8s → %-4s %5s  %s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12;
              if ($5 != 0 || $6 != 0 || $7 != 0 || $8 != "yes" || $11 != "yes") bad = 1 }
            END { exit bad }' "$EVEREST_SITE_RELIABILITY_TABLE" || status=1

rows=$(wc -l <"$EVEREST_SITE_RELIABILITY_TABLE")
# Five faults and the seven reproductions of issue 14 (the full disk under both journals).
if [ "$rows" -lt 13 ]; then
  echo "only $rows of 13 faults reported a row; the test log follows" >&2
  tail -n 80 "$work/test.log" >&2
  status=1
fi
exit $status
