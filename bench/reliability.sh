#!/usr/bin/env bash
# The long reliability checks, run by hand on an otherwise idle machine (not in CI):
#  - 2,000 learners starting the same quiz within one second (SQLite, then PostgreSQL), on a site that has
#    served other learners first (the test warms it until its JIT is quiet; see docs/benchmarks.md);
#  - a soak of mixed traffic for SOAK_SECONDS (default 600) with memory sampled every 30 s.
set -euo pipefail
cd "$(dirname "$0")/.."
bash tests/start-postgres.sh
export LLMCOURSE_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=llmcourse-test"
dotnet build tests/LlmCourse.Web.Tests -c Release -v quiet --nologo
for provider in Sqlite Postgres; do
  echo "== simultaneous starts on $provider"
  LLMCOURSE_TEST_PROVIDER=$provider dotnet test tests/LlmCourse.Web.Tests -c Release --no-build --filter "Category=Load" --logger "console;verbosity=detailed" \
    || echo "(the target was missed on $provider; the figures are above)"
done

echo "== soak: mixed anonymous and signed-in traffic for ${SOAK_SECONDS:=600} s"
work=$(mktemp -d /tmp/llmcourse-soak.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
dotnet publish src/LlmCourse.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null
ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$PWD/src/LlmCourse.Web" Database__Provider=Sqlite \
ConnectionStrings__Default="Data Source=$work/soak.db" Content__Path="$PWD/content" Security__RequireHttps=false \
RateLimits__RegisterPerMinute=100000 RateLimits__ApiPerMinute=100000000 Logging__LogLevel__Default=Warning \
  dotnet "$work/app/LlmCourse.Web.dll" --urls http://127.0.0.1:5111 >"$work/site.log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:5111/readyz)" = 200 ] && break; sleep 0.1; done
jar="$work/jar"
token=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:5111/account/register | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.DisplayName=Soak" --data-urlencode "Input.Email=soak@example.com" \
  --data-urlencode "Input.Password=soak-password-1" --data-urlencode "Input.ConfirmPassword=soak-password-1" \
  --data-urlencode "__RequestVerificationToken=$token" http://127.0.0.1:5111/account/register
cookie=$(awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}' "$jar")
for url in /weeks/7/lecture/slides/3 /weeks/2/class-notes /api/v1/course /lab/sampling?prompt=fine; do
  wrk -t1 -c4 -d"${SOAK_SECONDS}s" "http://127.0.0.1:5111$url" >"$work/wrk-$(echo "$url" | tr -c 'a-z0-9' '_').txt" &
done
wrk -t1 -c4 -d"${SOAK_SECONDS}s" -H "Cookie: $cookie" http://127.0.0.1:5111/dashboard >"$work/wrk-dashboard.txt" &
for t in $(seq 0 30 "$SOAK_SECONDS"); do
  echo "t=${t}s rss=$(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$pid/status)"
  sleep 30
done
wait $(jobs -p | grep -v "^$pid$") 2>/dev/null || true
grep -H -E "Requests/sec|Non-2xx|Socket errors" "$work"/wrk-*.txt
kill $pid
