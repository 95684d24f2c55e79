#!/usr/bin/env bash
# Starts a private, throw-away PostgreSQL cluster on 127.0.0.1 for tests and prints its
# settings as shell assignments for eval: PG_TEST_DIR=… and DATABASE_URL=…
# `scripts/pg-test-cluster.sh stop "$PG_TEST_DIR"` stops and removes it again.
# Needs Debian's postgresql package (installed when missing and running as root).
set -euo pipefail

if [ "${1:-start}" = "stop" ]; then
  dir=${2:?usage: pg-test-cluster.sh stop <dir>}
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  exit 0
fi

if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || { echo "postgresql is not installed (apt-get install postgresql)" >&2; exit 1; }
  echo "installing postgresql…" >&2
  apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
port=${PGPORT_TEST:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
dir=$(mktemp -d /tmp/meshdeck-pg-XXXXXX)
chown postgres "$dir"
runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/log" -w \
  -o "-h 127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
echo "PG_TEST_DIR=$dir"
echo "DATABASE_URL=postgresql://postgres@127.0.0.1:$port/postgres"
