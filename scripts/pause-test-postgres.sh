#!/usr/bin/env bash
# Stops a server started by scripts/start-test-postgres.sh DIR for SECONDS, then starts it again on the same port
# and data (a database outage for the reliability suite). Usage: pause-test-postgres.sh DIR SECONDS
set -euo pipefail
dir=${1:?usage: pause-test-postgres.sh DIR SECONDS}
seconds=${2:?usage: pause-test-postgres.sh DIR SECONDS}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
# The port was given on start-test-postgres.sh's command line; pg_ctl keeps that line in postmaster.opts.
port=$(grep -o '"-p" "[0-9]*"' "$dir/data/postmaster.opts" | grep -o '[0-9][0-9]*')
run "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
sleep "$seconds"
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200" start >/dev/null
