#!/usr/bin/env bash
# The long reliability checks, run by hand on an otherwise idle machine (not in CI):
#  - 2,000 learners starting the same quiz within one second (SQLite, then PostgreSQL);
#  - a soak of mixed traffic for SOAK_SECONDS (default 600) with memory sampled every 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/start-postgres.sh
export LLMCOURSE_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=llmcourse-test"
dotnet build tests/LlmCourse.Web.Tests -c Release -v quiet --nologo
for provider in Sqlite Postgres; do
  echo "== simultaneous starts on $provider"
  LLMCOURSE_TEST_PROVIDER=$provider dotnet test tests/LlmCourse.Web.Tests -c Release --no-build --filter "Category=Load" --logger "console;verbosity=normal"
done
