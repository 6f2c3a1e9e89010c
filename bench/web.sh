#!/bin/sh
# web.sh BUILD_DIR: the web server's benchmarks (issue 17, docs/bench.md "Web
# server"), on loopback, with wrk:
#   1. a static asset (the stylesheet) served by `pcmt serve` against nginx
#      serving the same bytes with the same headers, in the same run,
#      alternating ours/nginx so that a drift of the machine hits both;
#   2. the people search page of a province officer (second factor signed in)
#      on the national dataset, at 50 connections;
#   3. a sign-in's cost: client time and the server's CPU per POST /dang-nhap;
#   4. the server's peak RSS (VmHWM) over the whole run.
# The national database is made once by `pcmt gen` and kept in
# BUILD_DIR/bench-web (PCMT_BENCH_DB=FILE: use that database instead); each
# run works on a copy in a temporary folder, removed on exit with everything
# it started. It prints figures with their bars; it asserts nothing.
# Knobs: PCMT_BENCH_WEB_SECONDS (wrk's duration per run, default 10).
set -eu

build=${1:-build}
pcmt=$(cd "$build" && pwd)/pcmt
secs=${PCMT_BENCH_WEB_SECONDS:-10}
cores=$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)

for tool in wrk nginx curl oathtool; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "   skipped: $tool is not installed (make bench installs it)"
    exit 0
  }
done
[ -x "$pcmt" ] || { echo "   no $pcmt: build first" >&2; exit 1; }
nginx_bin=$(command -v nginx)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pcmt-bench-web-XXXXXX")
srv_pid=""
ngx_pid=""
cleanup() {
  [ -n "$srv_pid" ] && kill "$srv_pid" 2>/dev/null && wait "$srv_pid" 2>/dev/null
  [ -n "$ngx_pid" ] && kill "$ngx_pid" 2>/dev/null && wait "$ngx_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ helpers

load() { uptime | sed 's/.*load average: *//'; }

# poll URL until it answers 2xx, while process PID lives (no fixed wait)
wait_http() {
  i=0
  until curl -sf -o /dev/null "$1"; do
    kill -0 "$2" 2>/dev/null || return 1
    i=$((i + 1))
    [ $i -lt 400 ] || return 1
    sleep 0.05
  done
}

# utime+stime of process PID, in clock ticks (fields 14 and 15 of stat,
# counted after the command name's closing parenthesis)
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }

# wrk_run LABEL WRK-ARGS...: one wrk run; prints a line and sets rps, p50, p99
wrk_run() {
  label=$1
  shift
  wrk -t2 -c50 -d"${secs}s" --latency "$@" >"$tmp/wrk.out" 2>&1 || true
  # shellcheck disable=SC2046 # four numbers, split on purpose
  set -- $(awk '
    function ms(v) {
      if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
      if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
      if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
      if (v ~ /m$/) return substr(v, 1, length(v) - 1) * 60000
      return -1
    }
    /^Requests\/sec:/ { rps = $2 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    /^  Non-2xx or 3xx responses:/ { bad = $NF }
    /^  Socket errors:/ { sock = $0 }
    END { printf "%s %s %s %s\n", rps + 0, p50 + 0, p99 + 0, bad + 0 }' "$tmp/wrk.out")
  rps=$1 p50=$2 p99=$3
  extra=""
  [ "$4" = 0 ] || extra=" ($4 answers not 2xx/3xx)"
  grep -q 'Socket errors' "$tmp/wrk.out" && extra="$extra ($(grep 'Socket errors' "$tmp/wrk.out" | sed 's/^ *//'))"
  printf '   %-28s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  load %s%s\n' \
    "$label" "$rps" "$p50" "$p99" "$(load)" "$extra"
}

mean() { awk '{ s += $1; n++ } END { printf "%.0f", n ? s / n : 0 }'; }

# ----------------------------------------------------------- the database

cache="$build/bench-web"
if [ -n "${PCMT_BENCH_DB:-}" ]; then
  base=$PCMT_BENCH_DB
  echo "   database: $base (PCMT_BENCH_DB)"
else
  base="$cache/national.db"
  if [ ! -f "$cache/national.done" ]; then
    echo "   generating the national dataset into $base (once; kept for the next run)"
    rm -rf "$cache"
    mkdir -p "$cache"
    t0=$(date +%s)
    "$pcmt" --db "$base" init >/dev/null
    "$pcmt" --db "$base" units import >/dev/null
    "$pcmt" --db "$base" gen --scale national --seed 1 >"$cache/gen.log"
    sed 's/^/   /' "$cache/gen.log"
    date >"$cache/national.done"
    echo "   generated in $(($(date +%s) - t0)) s"
  else
    echo "   database: $base (made $(cat "$cache/national.done"))"
  fi
fi
[ -f "$base" ] || { echo "   no database $base" >&2; exit 1; }
# a copy: the users, sessions and audit rows of this run never reach the kept file
db="$tmp/web.db"
umask 077
for suffix in "" -wal .key; do
  [ -f "$base$suffix" ] && cp "$base$suffix" "$db$suffix"
done
umask 022

pw='bench: một câu đủ dài 2026'
printf '%s\n' "$pw" >"$tmp/pw"
# a province register officer of Hà Nội (01, the largest province; a second
# factor required) and a commune officer of Hà Nội (00004; none required)
"$pcmt" --db "$db" user add bench.tinh --role officer --unit 01 <"$tmp/pw" >/dev/null
"$pcmt" --db "$db" user add bench.xa --role officer --unit 00004 <"$tmp/pw" >/dev/null

# ----------------------------------------------------------- the servers

"$pcmt" --db "$db" serve --listen 127.0.0.1:0 --threads "$cores" 2>"$tmp/serve.log" &
srv_pid=$!
i=0
while ! grep -qs 'listening on' "$tmp/serve.log"; do
  if ! kill -0 "$srv_pid" 2>/dev/null || [ $i -ge 400 ]; then
    echo "   pcmt serve did not start: $(cat "$tmp/serve.log")" >&2
    exit 1
  fi
  i=$((i + 1))
  sleep 0.05
done
port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$tmp/serve.log")
U="http://127.0.0.1:$port"
wait_http "$U/healthz" "$srv_pid" || { echo "   /healthz never answered" >&2; exit 1; }

# the stylesheet's hashed name, from the sign-in page; its bytes into nginx's root
css=$(curl -sf "$U/dang-nhap" | sed -n 's|.*href="\(/static/style\.[0-9a-f]*\.css\)".*|\1|p' | head -1)
[ -n "$css" ] || { echo "   no stylesheet link on the sign-in page" >&2; exit 1; }
ngx="$tmp/nginx"
mkdir -p "$ngx/www/static" "$ngx/temp"
curl -sf -o "$ngx/www$css" "$U$css"
# nginx's workers drop to an unprivileged user when started as root: they may
# cross the temporary folder (not list it) and read the one file
chmod 711 "$tmp" "$ngx"
chmod 755 "$ngx/www" "$ngx/www/static"
chmod 644 "$ngx/www$css"
curl -s -D "$tmp/h" -o /dev/null "$U$css"
csp=$(tr -d '\r' <"$tmp/h" | sed -n 's/^Content-Security-Policy: //Ip')

# nginx: as many workers as we have threads, no gzip (ours never compresses
# assets), the same security and cache headers, an access log like ours
start_nginx() {
  cat >"$ngx/nginx.conf" <<EOF
daemon off;
worker_processes $cores;
pid $ngx/nginx.pid;
error_log $ngx/error.log;
events { worker_connections 1024; }
http {
  access_log $ngx/access.log;
  client_body_temp_path $ngx/temp/body;
  proxy_temp_path $ngx/temp/proxy;
  fastcgi_temp_path $ngx/temp/fastcgi;
  uwsgi_temp_path $ngx/temp/uwsgi;
  scgi_temp_path $ngx/temp/scgi;
  types { text/css css; }
  charset utf-8;
  charset_types text/css;
  sendfile on;
  tcp_nopush on;
  gzip off;
  server_tokens off;
  keepalive_requests 10000000;
  server {
    listen 127.0.0.1:$1;
    root $ngx/www;
    location /static/ {
      add_header Content-Security-Policy "$csp";
      add_header X-Content-Type-Options nosniff;
      add_header Referrer-Policy no-referrer;
      add_header X-Frame-Options DENY;
      add_header Cache-Control "public, max-age=31536000, immutable";
    }
  }
}
EOF
  "$nginx_bin" -p "$ngx" -e "$ngx/error.log" -c "$ngx/nginx.conf" 2>"$ngx/stderr.log" &
  ngx_pid=$!
  wait_http "http://127.0.0.1:$1$css" "$ngx_pid"
}
# a free port: try a few, nginx exits at once when its port is taken
ngx_port=""
for try in 1 2 3 4 5 6 7 8; do
  p=$((20000 + ($$ * 7 + try * 1543) % 40000))
  if start_nginx "$p"; then
    ngx_port=$p
    break
  fi
  kill "$ngx_pid" 2>/dev/null || true
  wait "$ngx_pid" 2>/dev/null || true
  ngx_pid=""
done
[ -n "$ngx_port" ] || { echo "   nginx did not start: $(cat "$ngx/error.log" "$ngx/stderr.log")" >&2; exit 1; }
N="http://127.0.0.1:$ngx_port"
curl -sf -o "$tmp/ours.css" "$U$css"
curl -sf -o "$tmp/theirs.css" "$N$css"
cmp -s "$tmp/ours.css" "$tmp/theirs.css" || { echo "   nginx serves other bytes" >&2; exit 1; }

echo "   machine: $cores cores; $(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //')"
echo "   load before: $(load)"

# ------------------------------------------------------ 1. static asset

echo "   -- static asset $css ($(wc -c <"$tmp/ours.css" | tr -d ' ') bytes, no gzip on either side)," \
  "wrk -t2 -c50 -d${secs}s, $cores threads / $cores nginx workers"
: >"$tmp/ours.rps"
: >"$tmp/nginx.rps"
for round in 1 2; do
  wrk_run "pcmt serve (run $round)" "$U$css"
  echo "$rps $p50 $p99" >>"$tmp/ours.rps"
  wrk_run "nginx (run $round)" "$N$css"
  echo "$rps $p50 $p99" >>"$tmp/nginx.rps"
done
ours=$(mean <"$tmp/ours.rps")
theirs=$(mean <"$tmp/nginx.rps")
ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.8 ? "meets" : "BELOW") }')
echo "   static: ours $ours req/s, nginx $theirs req/s (means of 2): ratio $ratio (bar: >= 0.80, $verdict)"
kill "$ngx_pid" 2>/dev/null || true
wait "$ngx_pid" 2>/dev/null || true
ngx_pid=""

# -------------------------------------------------------- 2. sign-in cost

hdr() { tr -d '\r' <"$1" | sed -n "s/^$2: //Ip" | tail -1; }
# signin LOGIN: POST the password; sets token (from the cookie) and secs_taken
signin() {
  secs_taken=$(curl -s -D "$tmp/h" -o "$tmp/p" -w '%{time_total}' --data-urlencode "login=$1" \
    --data-urlencode "password=$pw" "$U/dang-nhap")
  token=$(hdr "$tmp/h" Set-Cookie | sed -n 's/^__Host-pcmt=\([0-9a-f]*\);.*/\1/p')
}
# Only failed sign-ins count towards the lockout (app_session.c); every
# sign-in here succeeds (each one checked), so none is throttled.
n_signin=20
tck=$(getconf CLK_TCK)
: >"$tmp/signin.ms"
c0=$(cpu_ticks "$srv_pid")
k=0
while [ $k -lt $n_signin ]; do
  signin bench.xa
  [ -n "$token" ] || { echo "   sign-in $k failed: $(head -1 "$tmp/h")" >&2; exit 1; }
  awk -v s="$secs_taken" 'BEGIN { printf "%.1f\n", s * 1000 }' >>"$tmp/signin.ms"
  k=$((k + 1))
done
c1=$(cpu_ticks "$srv_pid")
med=$(sort -n "$tmp/signin.ms" | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }')
mx=$(sort -n "$tmp/signin.ms" | tail -1)
cpu=$(awk -v a="$c0" -v b="$c1" -v t="$tck" -v n="$n_signin" 'BEGIN { printf "%.0f", (b - a) * 1000 / t / n }')
verdict=$(awk -v c="$cpu" 'BEGIN { print (c < 300 ? "meets" : "OVER") }')
echo "   -- sign-in (POST /dang-nhap, argon2id), $n_signin in sequence, one commune officer"
echo "   sign-in: median $med ms (max $mx ms) seen by the client; server CPU $cpu ms per sign-in" \
  "(bar: < 300 ms of one core, $verdict); load $(load)"

# ----------------------------------------------- 3. the people search page

# the province officer: password, then enrolment of the second factor with a
# code computed by oathtool; the session is then complete
get() { curl -s -D "$tmp/h" -o "$tmp/p" -H "Cookie: __Host-pcmt=$token" "$U$1"; }
signin bench.tinh
get /xac-thuc/dang-ky
csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$tmp/p" | head -1)
secret=$(sed -n 's|.*<code class="secret">\([A-Z2-7]*\)</code>.*|\1|p' "$tmp/p")
curl -s -D "$tmp/h" -o "$tmp/p" -H "Cookie: __Host-pcmt=$token" --data-urlencode "csrf=$csrf" \
  --data-urlencode "code=$(oathtool --totp -b "$secret")" "$U/xac-thuc/dang-ky"
query=${PCMT_BENCH_WEB_QUERY:-nguyen+thi+hoa}
get "/nguoi?q=$query"
[ "$(head -1 "$tmp/h" | cut -d' ' -f2)" = 200 ] || {
  echo "   the search page answered $(head -1 "$tmp/h")" >&2
  exit 1
}
hits=$(grep -c '^<tr><td><a href="/nguoi/' "$tmp/p" || true)
echo "   -- people search GET /nguoi?q=$query as a Hà Nội officer (second factor done):" \
  "$hits rows on the page, $(wc -c <"$tmp/p" | tr -d ' ') bytes, each search audited"
wrk_run "search page" -H "Cookie: __Host-pcmt=$token" "$U/nguoi?q=$query"
echo "   search: $rps req/s, p50 $p50 ms, p99 $p99 ms at 50 connections (no bar in the issue)"

# ----------------------------------------------------------- 4. peak RSS

hwm=$(awk '/^VmHWM:/ { printf "%.1f", $2 / 1024 }' "/proc/$srv_pid/status")
rss=$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$srv_pid/status")
verdict=$(awk -v m="$hwm" 'BEGIN { print (m < 100 ? "meets" : "OVER") }')
echo "   peak RSS of pcmt serve over the run: $hwm MB (VmHWM; $rss MB at the end)" \
  "(bar: < 100 MB, $verdict)"
kill "$srv_pid"
wait "$srv_pid" 2>/dev/null || true
srv_pid=""
echo "   load after: $(load)"
