#!/usr/bin/env bash
# Starts the local Debian PostgreSQL cluster and creates the test role and database
# (quotegraph/quotegraph, database quotegraph_test). Safe to run again.
set -euo pipefail
version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
cluster=$(pg_lsclusters -h | head -n 1 | awk '{print $1" "$2}')
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
as_postgres() { su postgres -c "$1"; }
as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname='quotegraph'\"" | grep -q 1 ||
  as_postgres "psql -qc \"CREATE ROLE quotegraph LOGIN SUPERUSER PASSWORD 'quotegraph'\""
as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='quotegraph_test'\"" | grep -q 1 ||
  as_postgres "createdb -O quotegraph quotegraph_test"
echo "ci: PostgreSQL $version is up on 127.0.0.1:5432"
