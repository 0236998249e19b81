#!/usr/bin/env bash
# Slow and stalled clients against a real `vigil serve` on a loopback port
# (tests/e2e/slow_client.py does the talking): half-sent requests, a silent
# connection, a reader that stops reading a large answer, a body that stops
# half way, and more stalled clients than request threads. Other clients
# must keep being answered within bounds, and the server must close every
# stalled connection after its I/O timeout. The timeout is shortened with
# --io-timeout (documented; default 10 s) so the test takes ~30 s, not ~2 min.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl missing (scripts/setup.sh installs it)"; exit 77; }
source "$(dirname "$0")/serve_lib.sh"

# The sample corpus and 1,000 generated documents: the export of every
# event is then several MB, more than the socket buffers hold, so a reader
# that stops reading really stalls the server's writes.
DB="$WORK/ledger.db"
python3 "$VIGIL_SOURCE_DIR/bench/gen_corpus.py" --docs 1000 --seed 5 --out "$WORK/gen" >/dev/null
"$VIGIL" ingest --db "$DB" --quiet "$CORPUS" "$WORK/gen" || true
[ "$(sql "$DB" "SELECT count(*) FROM events")" -gt 5 ] || { echo "ingest failed"; exit 1; }

THREADS=4
TIMEOUT=2
start_server "$DB" --threads "$THREADS" --io-timeout "$TIMEOUT"
port=${SERVER_URL##*:}

if python3 "$VIGIL_SOURCE_DIR/tests/e2e/slow_client.py" --port "$port" \
     --threads "$THREADS" --io-timeout "$TIMEOUT"; then
  pass "slow clients"
else
  fail "slow clients (see the FAIL lines above)"
fi
get "$SERVER_URL/api/stats"
expect_eq "server still answers after the slow clients" 200 "$CODE"
kill -0 "$SERVER_PID" 2>/dev/null && pass "server still running" || fail "server died"
finish
