#!/usr/bin/env bash
# The billing benchmark on a throw-away PostgreSQL (Debian's postgresql package, as the tests use it):
#   bench/billing.sh 100000            # N accounts; extra arguments go to the bench (--workers 2 --batch 1000)
# The server runs with fsync off like the tests' one: the product and the raw COPY floor share it, so the ratio holds.
set -euo pipefail
cd "$(dirname "$0")/.."
accounts="${1:-100000}"; shift || true
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
root=$(mktemp -d /tmp/vidnova-bench-pg.XXXXXX)
port=$((20000 + RANDOM % 20000))
as_pg() { if [ "$(id -u)" = 0 ]; then chown -R postgres:postgres "$root"; runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$bin/initdb" -D "$root/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$bin/pg_ctl" -D "$root/data" -l "$root/server.log" -w -o \
  "-p $port -k $root -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=1GB -c max_wal_size=8GB" start >/dev/null
trap 'as_pg "$bin/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null; rm -rf "$root"' EXIT
dotnet build -c Release bench/Vidnova.BillingBench -v q -nologo >/dev/null
dotnet bench/Vidnova.BillingBench/bin/Release/net10.0/Vidnova.BillingBench.dll \
  --server "Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres" --accounts "$accounts" "$@"
