#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the test suite on a free loopback port and prints the
# connection string for EVEREST_SITE_TEST_PG. Usage:
#   export EVEREST_SITE_TEST_PG="$(scripts/start-test-postgres.sh DIR)"   # DIR: where the cluster lives
#   scripts/stop-test-postgres.sh DIR
# Needs Debian's postgresql package (scripts/install-prerequisites.sh). Runs the server as the
# 'postgres' system user when started by root, since PostgreSQL refuses to run as root.
set -euo pipefail
dir=${1:?usage: start-test-postgres.sh DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found: install Debian's 'postgresql' package (scripts/install-prerequisites.sh)." >&2
  exit 1
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
  || echo $((20000 + RANDOM % 20000)))
run() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
run "$bin/initdb" -D "$dir/data" -U postgres -A trust --no-sync >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
run "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=on -c max_connections=200" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Pooling=true"
