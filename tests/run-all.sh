#!/usr/bin/env bash
# Runs every test suite. On a fresh Debian machine it first installs and starts what the tests need
# (Chromium for the browser tests, PostgreSQL on 127.0.0.1, nginx and docker-compose for the deployment
# tests, poppler-utils for reading printed PDFs), then runs the unit and component (bUnit) tests once, the
# integration suite twice (on SQLite and on PostgreSQL), and the browser suite on SQLite and again, for the
# flows that write, on PostgreSQL. The native cluster (two site processes behind nginx) always uses
# PostgreSQL, so it runs once. Load tests (Category=Load) are run by hand with bench/reliability.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
fc-list 2>/dev/null | grep -qi dejavu || packages+=(fonts-dejavu-core)
command -v docker-compose >/dev/null || packages+=(docker-compose)
[ -x /usr/sbin/nginx ] || packages+=(nginx)
# The printable-week test reads Chromium's PDF back with pdftotext.
[ -x /usr/bin/pdftotext ] || packages+=(poppler-utils)
# The digest tests use real IANA zones (Pacific/Auckland, America/New_York, Europe/Paris).
[ -f /usr/share/zoneinfo/Pacific/Auckland ] || packages+=(tzdata)
if [ ${#packages[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "Installing test dependencies: ${packages[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi
bash tests/start-postgres.sh
# Every test server watches its configuration files with inotify; the suites run many servers at once, more than
# the kernel's default of 128 inotify instances per user. Raise it where we may (root); elsewhere keep the default.
if [ "$(id -u)" = 0 ] && [ "$(cat /proc/sys/fs/inotify/max_user_instances 2>/dev/null || echo 0)" -lt 1024 ]; then
  sysctl -qw fs.inotify.max_user_instances=1024 2>/dev/null || true
fi
export LLMCOURSE_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=llmcourse-test"

mkdir -p artifacts
log=artifacts/test-output.log
: > "$log"
status=0
run() {
  echo "== $*" | tee -a "$log"
  set +e
  "$@" 2>&1 | tee -a "$log"
  local code=${PIPESTATUS[0]}
  set -e
  [ "$code" = 0 ] || status=$code
}

dotnet build LlmCourse.sln -c Release
run dotnet test tests/LlmCourse.Core.Tests -c Release --no-build
run dotnet test tests/LlmCourse.Components.Tests -c Release --no-build
LLMCOURSE_TEST_PROVIDER=Sqlite run dotnet test tests/LlmCourse.Web.Tests -c Release --no-build --filter "Category!=Cluster&Category!=Load"
LLMCOURSE_TEST_PROVIDER=Sqlite run dotnet test tests/LlmCourse.BrowserTests -c Release --no-build
LLMCOURSE_TEST_PROVIDER=Postgres run dotnet test tests/LlmCourse.Web.Tests -c Release --no-build --filter "Category!=Load"
# On PostgreSQL the browser suite runs the flows that write through the browser (accounts, quizzes, study, discussion,
# the instructors' pages, offline sync). Pages that only read (lectures, glossary, lab, security headers, API docs,
# print) and the every-page layout walk check markup and CSS, which do not depend on the database: they run once, on
# SQLite; the integration suite above covers every database path on PostgreSQL.
writes="FullyQualifiedName~.Accounts.|FullyQualifiedName~.Dashboard.|FullyQualifiedName~.Discussion.|FullyQualifiedName~.Instructor."
writes="$writes|FullyQualifiedName~.Offline.|FullyQualifiedName~.Quizzes.|FullyQualifiedName~.Study."
LLMCOURSE_TEST_PROVIDER=Postgres run dotnet test tests/LlmCourse.BrowserTests -c Release --no-build --filter "Category!=Layout&($writes)"

# One closing line for the whole run, summed over the test runs above.
awk '/(Passed|Failed)! +- +Failed: +[0-9]+, Passed: +[0-9]+/ {
       for (i = 1; i <= NF; i++) { if ($i == "Failed:") f += $(i+1); if ($i == "Passed:") p += $(i+1); if ($i == "Skipped:") s += $(i+1) }
     }
     END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }' "$log"
exit "$status"
