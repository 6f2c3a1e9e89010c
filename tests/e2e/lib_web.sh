# lib_web.sh: helpers for the end-to-end tests that talk to the real server
# over HTTP. Source it after lib.sh. Every page fetched lands in $T/h (the
# headers) and $T/p (the body), so the checks below read "the last page".

# web_serve [SERVE-ARGS...]: start `pcmt serve` over $db on a port the kernel
# chooses, wait (no fixed sleep) for its notice and /healthz, and stop it at
# exit. Sets $pid, $port, $U (the base address) and $log (its stderr).
web_serve() {
  log="$T/serve.log"
  "$PCMT_BIN" --db "$db" serve --listen 127.0.0.1:0 --threads 2 "$@" 2>"$log" &
  pid=$!
  trap 'kill "$pid" 2>/dev/null; rm -rf "$T"' EXIT
  i=0
  while ! grep -qs 'listening on' "$log" && kill -0 "$pid" 2>/dev/null && [ $i -lt 400 ]; do
    i=$((i + 1)); sleep 0.05
  done
  port=$(sed -n 's|.*listening on http://127.0.0.1:\([0-9]*\).*|\1|p' "$log")
  [ -n "$port" ] || { fail "no listening notice: $(cat "$log")"; finish; }
  U="http://127.0.0.1:$port"
  i=0
  until curl -sf -o /dev/null "$U/healthz" || [ $i -ge 200 ]; do i=$((i + 1)); sleep 0.05; done
}

# hdr FILE NAME: the last value of header NAME in the saved headers FILE
hdr() { tr -d '\r' <"$1" | sed -n "s/^$2: //Ip" | tail -1; }
# status_of FILE: the status code of the saved headers FILE
status_of() { head -1 "$1" | cut -d' ' -f2; }
check() { # check WHAT GOT WANT
  CHECKS=$((CHECKS + 1))
  [ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}
has() { # has WHAT TEXT: the last page holds TEXT
  CHECKS=$((CHECKS + 1))
  grep -qF -- "$2" "$T/p" || fail "$1: the page lacks '$2'"
}
lacks() { # lacks WHAT TEXT: the last page does not hold TEXT
  CHECKS=$((CHECKS + 1))
  grep -qF -- "$2" "$T/p" && fail "$1: the page holds '$2'"
}

# signin LOGIN [PASSWORD]: the sign-in form's POST (PASSWORD defaults to
# $pw); sets $token from the session cookie (empty when refused)
signin() {
  curl -s -D "$T/h" -o "$T/p" --data-urlencode "login=$1" --data-urlencode "password=${2:-$pw}" \
    "$U/dang-nhap"
  token=$(hdr "$T/h" Set-Cookie | sed -n 's/^__Host-pcmt=\([0-9a-f]*\);.*/\1/p')
}
# get PATH [CURL-ARGS...]: with the session cookie
get() {
  p=$1
  shift
  curl -s -D "$T/h" -o "$T/p" -H "Cookie: __Host-pcmt=$token" "$@" "$U$p"
}
# post PATH [CURL-ARGS...]: with the cookie and the CSRF token of the page
# last read by csrf_of_page
post() {
  p=$1
  shift
  postraw "$p" --data-urlencode "csrf=$csrf" "$@"
}
# postraw PATH CURL-ARGS...: with the cookie, without adding the token
postraw() {
  p=$1
  shift
  curl -s -D "$T/h" -o "$T/p" -H "Cookie: __Host-pcmt=$token" "$@" "$U$p"
}
# csrf_of_page: $csrf from the last page's first form
csrf_of_page() { csrf=$(sed -n 's|.*name="csrf" value="\([0-9a-f]*\)".*|\1|p' "$T/p" | head -1); }
