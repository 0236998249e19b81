# Helpers for tests that run `vigil serve`: source after lib.sh.
#   start_server DB        starts a server on a free loopback port; sets
#                          SERVER_URL and SERVER_PID (stopped on exit)
#   get URL [curl args]    sets CODE, BODY and the headers for `header NAME`
#   jqn EXPR               evaluates a JavaScript expression on BODY, where
#                          a leading dot names the parsed body: '.items.length'
#   urlencode STRING
SERVER_PIDS=()
# Stops every server with SIGTERM; a server that does not then exit 0 (a
# crash, a sanitizer report) is a failure, with its stderr shown.
stop_servers() {
  local pid rc n=0
  for pid in "${SERVER_PIDS[@]}"; do
    if kill "$pid" 2>/dev/null; then
      rc=0
      wait "$pid" 2>/dev/null || rc=$?
      if [ "$rc" -ne 0 ]; then
        echo "FAIL: server $n exited with status $rc:" >&2
        cat "$WORK/server$n.err" >&2 2>/dev/null || true
        FAILURES=$((FAILURES + 1))
      fi
    fi
    n=$((n + 1))
  done
  SERVER_PIDS=()
}
trap 'stop_servers; rm -rf "$WORK"' EXIT

start_server() {
  local db=$1 n=${#SERVER_PIDS[@]}
  # Created here: the background job opens them only when it gets to run.
  : >"$WORK/server$n.out"
  : >"$WORK/server$n.err"
  "$VIGIL" serve --db "$db" --port 0 "${@:2}" >"$WORK/server$n.out" 2>"$WORK/server$n.err" &
  SERVER_PID=$!
  SERVER_PIDS+=("$SERVER_PID")
  SERVER_URL=""
  for _ in $(seq 1 200); do
    SERVER_URL=$(sed -n 's|.* at \(http://[^ ]*\) .*|\1|p' "$WORK/server$n.out")
    [ -n "$SERVER_URL" ] && break
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  if [ -z "$SERVER_URL" ]; then
    echo "server did not start:" >&2
    cat "$WORK/server$n.out" "$WORK/server$n.err" >&2
    exit 1
  fi
  SERVER_URL=${SERVER_URL%/}
}

get() {
  local url=$1; shift
  set +e
  CODE=$(curl -s --max-time 30 -o "$WORK/body" -D "$WORK/headers" -w '%{http_code}' "$@" "$url")
  set -e
  BODY=$(cat "$WORK/body" 2>/dev/null || true)
}

header() {
  grep -i "^$1:" "$WORK/headers" | head -1 | cut -d: -f2- | sed 's/^ *//; s/\r$//'
}

jqn() {
  node -e '
    const fs = require("fs");
    let $;
    try { $ = JSON.parse(fs.readFileSync(process.argv[1], "utf8")); } catch (e) { console.log("(not JSON)"); process.exit(0); }
    const expr = process.argv[2].replace(/(^|[^\w\)\]\.])\.(?=[A-Za-z_\[])/g, "$1$$.");
    const v = eval(expr);
    console.log(v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));
  ' "$WORK/body" "$1"
}

urlencode() {
  python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$1"
}
