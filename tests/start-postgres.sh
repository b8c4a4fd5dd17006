#!/usr/bin/env bash
# Starts Debian's PostgreSQL on 127.0.0.1:5432 for the test suites (installing it if missing) and sets the
# password the tests use. Safe to run again: a running server is left as it is.
set -euo pipefail

sudo=""
[ "$(id -u)" = 0 ] || sudo="sudo"
if ! command -v pg_ctlcluster >/dev/null || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  echo "Installing PostgreSQL"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends postgresql
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -q "^$version main$"; then
  $sudo pg_createcluster "$version" main >/dev/null
fi
if ! pg_lsclusters -h | grep "^$version main" | grep -q online; then
  $sudo pg_ctlcluster "$version" main start
fi

for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
as_postgres psql -q -c "ALTER USER postgres PASSWORD 'llmcourse-test';"

# Every test host keeps its own connection pool, and the cluster and load tests run several processes:
# the default 100 connections is too few for a whole suite.
if [ "$(as_postgres psql -tAq -c 'SHOW max_connections')" -lt 400 ]; then
  as_postgres psql -q -c "ALTER SYSTEM SET max_connections = 400;"
  $sudo pg_ctlcluster "$version" main restart
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# A second cluster on 5433 for the connection-resilience test alone (Reliability/PostgresRestartTests restarts it
# under load; restarting the shared server would break every test running beside it).
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -q "^$version restart$"; then
  $sudo pg_createcluster "$version" restart -p 5433 >/dev/null
fi
if ! pg_lsclusters -h | grep "^$version restart" | grep -q online; then
  $sudo pg_ctlcluster "$version" restart start
fi
for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5433 && break; sleep 1; done
pg_isready -h 127.0.0.1 -p 5433
as_postgres psql -p 5433 -q -c "ALTER USER postgres PASSWORD 'llmcourse-test';"
echo "PostgreSQL $version ready on 127.0.0.1:5432 (and 5433 for the restart test)"
