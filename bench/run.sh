#!/usr/bin/env bash
# Measures the site against nginx serving a saved copy of the same page, on this machine, in one run.
# Run by hand (not in CI):  bash bench/run.sh [seconds-per-run]
# Needs: nginx, wrk (Debian packages), python3, PostgreSQL for the PostgreSQL rows (tests/start-postgres.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
duration=${1:-10}
work=$(mktemp -d /tmp/llmcourse-bench.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; sleep 1; rm -rf "$work"' EXIT

for tool in nginx wrk curl; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "missing $tool: apt-get install $tool" >&2; exit 1; }
done

echo "== building (Release)"
dotnet publish src/LlmCourse.Web -c Release -o "$work/app" --nologo -v quiet >/dev/null

# start_site PORT PROVIDER CONNECTION CONTENT -> sets SITE_PID
start_site() {
  local port=$1 provider=$2 connection=$3 content=$4
  ASPNETCORE_ENVIRONMENT=Production ASPNETCORE_CONTENTROOT="$PWD/src/LlmCourse.Web" \
  Database__Provider="$provider" ConnectionStrings__Default="$connection" Content__Path="$content" \
  Security__RequireHttps=false RateLimits__SignInPerMinute=100000 RateLimits__RegisterPerMinute=100000 \
  RateLimits__ApiPerMinute=100000000 Logging__LogLevel__Default=Warning \
    dotnet "$work/app/LlmCourse.Web.dll" --urls "http://127.0.0.1:$port" >"$work/site-$port.log" 2>&1 &
  SITE_PID=$!
}

wait_ready() {
  for _ in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/readyz")" = 200 ] && return 0
    sleep 0.05
  done
  echo "not ready: $1" >&2; return 1
}

# wrk_run URL [header] -> "rps p50 p99"
wrk_run() {
  local url=$1 header=${2:-}
  local out
  if [ -n "$header" ]; then out=$(wrk -t2 -c32 -d"${duration}s" --latency -H "$header" "$url"); else out=$(wrk -t2 -c32 -d"${duration}s" --latency "$url"); fi
  local rps p50 p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx/ {print $5}' <<<"$out")
  echo "$rps $p50 $p99 ${errors:-0}"
}

rows=()
row() { rows+=("$(printf '| %s | %s | %s | %s | %s | %s |' "$@")"); }

echo "== anonymous lecture slide vs nginx (32 connections, ${duration}s runs, alternating)"
start_site 5101 Sqlite "Data Source=$work/bench.db" "$PWD/content"; site=$SITE_PID
wait_ready http://127.0.0.1:5101
mkdir -p "$work/static"
curl -s http://127.0.0.1:5101/weeks/7/lecture/slides/1 >"$work/static/slide.html"
cat >"$work/nginx.conf" <<NGINX
daemon off; master_process on; worker_processes 2; pid $work/nginx.pid; error_log $work/nginx-error.log;
events { worker_connections 1024; }
http { access_log off; client_body_temp_path $work; proxy_temp_path $work; fastcgi_temp_path $work; uwsgi_temp_path $work; scgi_temp_path $work;
  server { listen 127.0.0.1:5102; root $work/static; location / { default_type text/html; } } }
NGINX
chmod -R a+rX "$work"
/usr/sbin/nginx -c "$work/nginx.conf" -p "$work" &
sleep 1
curl -s -o /dev/null http://127.0.0.1:5101/weeks/7/lecture/slides/1
best_nginx=0; best_site=0; site_p50=""; site_p99=""; nginx_p50=""; nginx_p99=""
for round in 1 2; do
  read -r rps p50 p99 _ < <(wrk_run http://127.0.0.1:5102/slide.html)
  if awk "BEGIN{exit !($rps > $best_nginx)}"; then best_nginx=$rps; nginx_p50=$p50; nginx_p99=$p99; fi
  read -r rps p50 p99 errors < <(wrk_run http://127.0.0.1:5101/weeks/7/lecture/slides/1)
  if awk "BEGIN{exit !($rps > $best_site)}"; then best_site=$rps; site_p50=$p50; site_p99=$p99; fi
done
ratio=$(awk "BEGIN{printf \"%.0f%%\", 100*$best_site/$best_nginx}")
row "nginx, saved slide page (static)" "$best_nginx" "$nginx_p50" "$nginx_p99" "100%" "reference"
row "site, anonymous lecture slide" "$best_site" "$site_p50" "$site_p99" "$ratio" "target ≥ 60%, p99 < 10 ms"

# dashboard_case PORT LABEL: registers a learner who has viewed three slides, then loads their dashboard.
dashboard_case() {
  local base="http://127.0.0.1:$1" jar="$work/dash-$1.txt" token cookie rps p50 p99 errors
  token=$(curl -s -c "$jar" -b "$jar" "$base/account/register" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.DisplayName=Bench" --data-urlencode "Input.Email=bench-$1@example.com" \
    --data-urlencode "Input.Password=bench-password-1" --data-urlencode "Input.ConfirmPassword=bench-password-1" \
    --data-urlencode "__RequestVerificationToken=$token" "$base/account/register"
  for s in 1 2 3; do curl -s -o /dev/null -b "$jar" "$base/weeks/7/lecture/slides/$s"; done
  cookie=$(awk '{ sub(/^#HttpOnly_/, "") } !/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}' "$jar")
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "$base/dashboard")" = 200 ] || { echo "sign-in for the dashboard run failed" >&2; exit 1; }
  read -r rps p50 p99 errors < <(wrk_run "$base/dashboard" "Cookie: $cookie")
  row "$2, signed-in dashboard" "$rps" "$p50" "$p99" "$(awk "BEGIN{printf \"%.0f%%\", 100*$rps/$best_nginx}")" "target ≥ 25%; non-2xx: $errors"
}

echo "== signed-in dashboard"
dashboard_case 5101 "site (SQLite)"
rss=$(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$site/status)
kill $site; wait $site 2>/dev/null || true

# quiz_cases PORT LABEL: 16 learners each saving answers to their own attempt, then submitting.
quiz_cases() {
  local base="http://127.0.0.1:$1" label=$2 tokens=() attempts=() question=""
  for n in $(seq 1 16); do
    local j="$work/q$1-$n.jar" t
    t=$(curl -s -c "$j" -b "$j" "$base/account/register" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    curl -s -o /dev/null -c "$j" -b "$j" --data-urlencode "Input.DisplayName=Q$n" --data-urlencode "Input.Email=q$n-$1@example.com" \
      --data-urlencode "Input.Password=quiz-password-1" --data-urlencode "Input.ConfirmPassword=quiz-password-1" --data-urlencode "__RequestVerificationToken=$t" "$base/account/register"
    t=$(curl -s -c "$j" -b "$j" "$base/account" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | head -1 | sed 's/.*value="//;s/"$//')
    tokens+=("$(curl -s -c "$j" -b "$j" --data-urlencode "name=bench" --data-urlencode "__RequestVerificationToken=$t" "$base/account?handler=CreateToken" | grep -o 'value="llmc_[^"]*"' | sed 's/value="//;s/"$//')")
    local started
    started=$(curl -s -X POST -H "Authorization: Bearer ${tokens[-1]}" "$base/api/v1/weeks/7/quizzes/quiz/attempts")
    attempts+=("$(python3 -c 'import json,sys; print(json.load(sys.stdin)["attempt"]["id"])' <<<"$started")")
    [ -n "$question" ] || question=$(curl -s -H "Authorization: Bearer ${tokens[-1]}" "$base/api/v1/weeks/7/quizzes/quiz/attempts/${attempts[-1]}" |
      python3 -c 'import json,sys; print(next(q["id"] for q in json.load(sys.stdin)["questions"] if q["type"] == "short"))')
  done
  local out
  out=$(SAVE_TOKENS="${tokens[*]}" SAVE_ATTEMPTS="${attempts[*]}" SAVE_QUESTION="$question" SAVE_PATH_PREFIX="/api/v1/weeks/7/quizzes/quiz/attempts/" \
    wrk -t16 -c16 -d"${duration}s" --latency -s bench/save-answer.lua "$base")
  local rps p50 p99 lost=0
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out"); p50=$(awk '$1=="50%" {print $2}' <<<"$out"); p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  # None lost: each attempt must hold at least the last save the server acknowledged to its learner.
  while read -r _ attempt acked; do
    local i token stored
    for i in "${!attempts[@]}"; do [ "${attempts[$i]}" = "$attempt" ] && token=${tokens[$i]}; done
    stored=$(curl -s -H "Authorization: Bearer $token" "$base/api/v1/weeks/7/quizzes/quiz/attempts/$attempt" |
      python3 -c "import json,sys; print(json.load(sys.stdin)['answers'].get('$question', {}).get('t', 'save -1').split()[1])")
    [ "$stored" -ge "$acked" ] || lost=$((lost + 1))
  done < <(grep '^ACK ' <<<"$out")
  row "$label, saving a quiz answer (16 learners)" "$rps" "$p50" "$p99" "" "target ≥ 2,000/s on SQLite; attempts missing an acknowledged save: $lost"
  local start end pids=() graded
  start=$(date +%s.%N)
  for i in "${!attempts[@]}"; do
    curl -s -o /dev/null -w '%{http_code}\n' -X POST -H "Authorization: Bearer ${tokens[$i]}" \
      "$base/api/v1/weeks/7/quizzes/quiz/attempts/${attempts[$i]}/submission" >"$work/submit-$1-$i" &
    pids+=($!)
  done
  wait "${pids[@]}"
  end=$(date +%s.%N)
  graded=$(cat "$work"/submit-"$1"-* | grep -c '^200$' || true)
  row "$label, submitting 16 attempts at once" "" "" "" "" "$(awk "BEGIN{printf \"%.0f ms for all 16\", 1000*($end - $start)}"); graded: $graded of 16"
}

echo "== quiz answers and submissions (SQLite)"
start_site 5105 Sqlite "Data Source=$work/quiz.db" "$PWD/content"; quiz=$SITE_PID
wait_ready http://127.0.0.1:5105
quiz_cases 5105 "SQLite"
kill $quiz; wait $quiz 2>/dev/null || true

echo "== per-slide insight of week 7's lecture for a 200-learner class (SQLite)"
start_site 5106 Sqlite "Data Source=$work/insight.db" "$PWD/content"; insight=$SITE_PID
wait_ready http://127.0.0.1:5106
seed_start=$(date +%s)
insight_cookie=$(python3 bench/seed-insight-class.py http://127.0.0.1:5106 200 "$work/insight.db" insight-teacher@example.com insight-password-1)
seeded="seeded in $(( $(date +%s) - seed_start )) s"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $insight_cookie" http://127.0.0.1:5106/instructor/weeks/7/lecture/insight)" = 200 ] ||
  { echo "the instructor could not open the insight page" >&2; exit 1; }
# One instructor at a time (wrk -c1): the page is computed per request, and this is how it is used.
read -r rps p50 p99 errors < <(wrk -t1 -c1 -d"${duration}s" --latency -H "Cookie: $insight_cookie" http://127.0.0.1:5106/instructor/weeks/7/lecture/insight |
  awk '/Requests\/sec/ {r=$2} $1=="50%" {p=$2} $1=="99%" {q=$2} /Non-2xx/ {e=$5} END {print r, p, q, (e == "" ? 0 : e)}')
row "SQLite, instructor's per-slide insight, 200 learners (1 connection)" "$rps" "$p50" "$p99" "" "target p50 < 200 ms; $seeded; non-2xx: $errors"
kill $insight; wait $insight 2>/dev/null || true

echo "== start-up with a generated 1,000-page course"
big="$work/big-content"
mkdir -p "$big/weeks"
printf -- '---\ntitle: Generated course\ntagline: 1,000 pages of notes\n---\nA generated course for the start-up benchmark.\n' >"$big/course.md"
for w in $(seq 1 100); do
  d="$big/weeks/$(printf '%03d' "$w")-week"
  mkdir -p "$d"
  printf -- '---\nnumber: %d\ntitle: Week %d\n---\nGenerated week.\n' "$w" "$w" >"$d/week.md"
  for i in $(seq 1 10); do
    {
      printf -- '---\nkind: notes\ntitle: Notes %d.%d\ntags: [generated, week-%d]\n---\n' "$w" "$i" "$w"
      for s in 1 2 3 4; do
        printf '## Section %d\n\nFine-tuning adapts a **pre-trained** model to a task with labelled examples; PEFT methods such as LoRA train a few adapter weights instead of all of them, which avoids catastrophic forgetting. Metrics such as ROUGE and BLEU compare generated text with references, n-gram by n-gram. [Back to week](/weeks/%d)\n\n- temperature\n- top-p\n- max tokens\n\n' "$s" "$w"
      done
    } >"$d/$(printf '%02d' "$i")-notes-$i.md"
  done
done
start=$(date +%s.%N)
start_site 5103 Sqlite "Data Source=$work/big.db" "$big"; big_pid=$SITE_PID
wait_ready http://127.0.0.1:5103
ready=$(awk "BEGIN{printf \"%.2f s\", $(date +%s.%N) - $start}")
big_rss=$(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' /proc/$big_pid/status)
kill $big_pid; wait $big_pid 2>/dev/null || true
row "start-up, 1,000 Markdown pages, to /readyz" "" "" "" "" "$ready (target < 3 s); RSS $big_rss (target < 250 MB)"
row "resident memory after the lecture and dashboard runs" "" "" "" "" "$rss"

if [ -n "${LLMCOURSE_BENCH_POSTGRES:-}" ]; then
  echo "== PostgreSQL: anonymous lecture and signed-in dashboard"
  # A new database per run (the site creates and migrates it), so accounts of an earlier run do not collide. Old
  # ones are left for the operator to drop: psql -c 'DROP DATABASE "llmcourse_bench_…"'.
  start_site 5104 Postgres "$LLMCOURSE_BENCH_POSTGRES;Database=llmcourse_bench_$(date +%s)" "$PWD/content"; pg=$SITE_PID
  wait_ready http://127.0.0.1:5104
  read -r rps p50 p99 _ < <(wrk_run http://127.0.0.1:5104/weeks/7/lecture/slides/1)
  row "site on PostgreSQL, anonymous lecture slide" "$rps" "$p50" "$p99" "$(awk "BEGIN{printf \"%.0f%%\", 100*$rps/$best_nginx}")" ""
  dashboard_case 5104 "site (PostgreSQL)"
  quiz_cases 5104 "PostgreSQL"
  kill $pg; wait $pg 2>/dev/null || true
fi

# 2,000 learners start week 7's quiz within one second, on a site that has served waves of other starts first:
# the load test (tests/…/Reliability/SimultaneousStartTests.cs) runs the site as a process and prints its figures.
start_case() {
  local provider=$1 out line
  echo "== 2,000 quiz starts within one second ($provider)"
  out=$(LLMCOURSE_TEST_PROVIDER=$provider dotnet test tests/LlmCourse.Web.Tests -c Release --no-build --nologo \
    --filter "FullyQualifiedName~SimultaneousStartTests" --logger "console;verbosity=detailed" 2>&1 || true)
  grep -E "^ *(Warm-up|CPU during|The site's runtime|2,000 starts)" <<<"$out" | sed 's/^ *//' || true
  line=$(grep -oE "p50 [0-9]+ ms, p95 [0-9]+ ms, max [0-9]+ ms" <<<"$out" | head -n 1)
  if grep -qE "Passed +LlmCourse.*SimultaneousStart" <<<"$out"; then
    row "$provider, 2,000 quiz starts within one second" "" "" "" "" "${line:-?}; all stored (target p95 < 1 s): met"
  else
    row "$provider, 2,000 quiz starts within one second" "" "" "" "" "${line:-no figures}; NOT met: $(grep -m1 -E "starts failed|p95 [0-9]+ ms \\(|Assert" <<<"$out" | sed 's/^ *//')"
  fi
}
dotnet build tests/LlmCourse.Web.Tests -c Release -v quiet --nologo >/dev/null
start_case Sqlite
if [ -n "${LLMCOURSE_BENCH_POSTGRES:-}" ]; then
  LLMCOURSE_TEST_POSTGRES=$LLMCOURSE_BENCH_POSTGRES start_case Postgres
fi

echo
echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%d); wrk -t2 -c32 -d${duration}s"
echo
echo "| case | requests/s | p50 | p99 | site / nginx | notes |"
echo "|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
