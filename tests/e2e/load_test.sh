#!/usr/bin/env bash
# Load (issue 7): wrk against a real `vigil serve` on a loopback port,
# LOAD_CONNECTIONS connections (default 64) for LOAD_SECONDS (default 30) on
# /api/events with a typical filter, while `vigil ingest` keeps writing
# generated documents into the same database (each ingest ends by resolving
# the ledger again, so whole tables are rewritten under the readers).
# Passes when wrk saw no error at all: every answer a 200, no connect, read,
# write or timeout error; and the ingests all succeeded. Prints requests/s
# and the latency percentiles (docs/PERFORMANCE.md, "Server and dashboard").
# Label `slow`; run alone (RUN_SERIAL), as it keeps both cores busy.
source "$(dirname "$0")/lib.sh"
command -v wrk >/dev/null || { echo "skip: wrk missing (scripts/setup.sh installs it)"; exit 77; }
source "$(dirname "$0")/serve_lib.sh"

CONNECTIONS=${LOAD_CONNECTIONS:-64}
SECONDS_RUN=${LOAD_SECONDS:-30}
DOCS=${LOAD_DOCS:-4000}
# An answer slower than this counts as an error (wrk's timeout); the
# sanitizer build (make test-sanitize), several times slower, allows more.
TIMEOUT=${LOAD_TIMEOUT:-10s}
FILTER='/api/events?type=ASSAULT&status=occurred&from=2025-09-01&to=2025-12-31&sort=-date&limit=50'

# A ledger to read from the start (the sample corpus and 1,000 generated
# documents), and a further corpus that the ingests write while wrk runs.
DB="$WORK/ledger.db"
python3 "$VIGIL_SOURCE_DIR/bench/gen_corpus.py" --docs 1000 --seed 3 --out "$WORK/base" >/dev/null
python3 "$VIGIL_SOURCE_DIR/bench/gen_corpus.py" --docs "$DOCS" --seed 4 --out "$WORK/more" >/dev/null
"$VIGIL" ingest --db "$DB" --quiet "$CORPUS" "$WORK/base" || true
EVENTS=$(sql "$DB" "SELECT count(*) FROM events")
[ "$EVENTS" -gt 50 ] || { echo "ingest failed: $EVENTS events"; exit 1; }

# One request thread per connection: a keep-alive connection holds its
# thread while it is busy, so with fewer threads than connections the ones
# queued behind wait seconds for a turn (wrk counts that as a timeout).
start_server "$DB" --threads "$CONNECTIONS"
get "$SERVER_URL$FILTER"
expect_eq "the filter answers before the load" 200 "$CODE"
[ "$(jqn '.items.length')" -gt 0 ] && pass "the filter selects events" || fail "the filter selects no event"

# The writer: one ingest per directory of the further corpus, one after
# another, until wrk is done (or the corpus is used up). A non-zero status
# other than 1 ("some input skipped") is a failure.
: >"$WORK/ingest.status"
(
  for dir in $(find "$WORK/more" -mindepth 2 -maxdepth 2 -type d | sort) $(ls "$WORK"/more/jsonl/*.jsonl); do
    [ -e "$WORK/wrk.done" ] && break
    rc=0
    "$VIGIL" ingest --db "$DB" --quiet "$dir" 2>>"$WORK/ingest.err" || rc=$?
    echo "$dir $rc" >>"$WORK/ingest.status"
  done
) &
WRITER=$!
sleep 1

wrk -t 2 -c "$CONNECTIONS" -d "${SECONDS_RUN}s" --timeout "$TIMEOUT" --latency \
  "$SERVER_URL$FILTER" >"$WORK/wrk.out" 2>&1 || fail "wrk exited with an error"
touch "$WORK/wrk.done"
wait "$WRITER"
cat "$WORK/wrk.out"

ingests=$(wc -l <"$WORK/ingest.status")
bad_ingests=$(awk '$2 != 0 && $2 != 1' "$WORK/ingest.status" | wc -l)
[ "$ingests" -ge 1 ] && pass "$ingests ingest(s) wrote during the load" || fail "no ingest ran"
expect_eq "every ingest succeeded" 0 "$bad_ingests"
if grep -qi "locked\|busy" "$WORK/ingest.err"; then fail "ingest saw a locked database"; fi

requests=$(sed -n 's/^ *\([0-9]*\) requests in .*/\1/p' "$WORK/wrk.out")
rps=$(sed -n 's/^Requests\/sec: *//p' "$WORK/wrk.out")
p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.out")
p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.out")
non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *//p' "$WORK/wrk.out")
socket=$(grep "Socket errors" "$WORK/wrk.out" || true)
[ "${requests:-0}" -gt 0 ] && pass "wrk made $requests requests" || fail "wrk made no request"
expect_eq "no answer other than 2xx/3xx" "" "$non2xx"
expect_eq "no socket error" "" "$socket"
# A 3xx would not be an error to wrk; the filter never redirects, so check.
get "$SERVER_URL$FILTER"
expect_eq "the filter still answers 200 after the load" 200 "$CODE"
after=$(sql "$DB" "SELECT count(*) FROM events")
[ "$after" -ge "$EVENTS" ] && pass "ledger grew during the load ($EVENTS -> $after events)" ||
  fail "ledger shrank ($EVENTS -> $after events)"
echo "load: $CONNECTIONS connections, ${SECONDS_RUN} s, $requests requests, $rps requests/s, p50 $p50, p99 $p99, $ingests ingests"
finish
