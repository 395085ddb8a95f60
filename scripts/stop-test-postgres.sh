#!/usr/bin/env bash
# Stops a server started by scripts/start-test-postgres.sh DIR and removes its files.
set -uo pipefail
dir=${1:?usage: stop-test-postgres.sh DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -n "$bin" ] && [ -d "$dir/data" ]; then
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
  else "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1; fi
fi
rm -rf "$dir"
