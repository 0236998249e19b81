# Crash consistency: SIGKILL `vigil ingest` (which stores the documents with
# their mentions, then resolves the ledger) at random moments until 20 kills
# have landed, spread over the whole length of an uninterrupted run, its
# resolution included. After every kill the database passes PRAGMA
# integrity_check, holds a prefix of what the uninterrupted run stores, and
# holds no ledger or all of it. Runs go on from where the last one was
# killed; after a kill during the resolution, or a run that finished before
# its kill, the next starts from an empty database again. A run that
# finishes, and the re-run after the last kill (which lands during a
# resolution), must leave exactly the uninterrupted run's content:
# documents, sentences, outlets, event mentions (all but their row ids) and
# the ledger (its export, normalised by ledger_norm.py).
source "$(dirname "$0")/lib.sh"

N_DOCS=${SIGKILL_DOCS:-3000}
KILLS=20
python3 "$(dirname "$0")/gen_corpus.py" "$WORK/corpus" "$N_DOCS" 7

# The command every run repeats (run directly, never through a function or
# a subshell: $! must be vigil itself for the kill to reach it).
INGEST=("$VIGIL" ingest --quiet --batch 64 "$WORK/corpus" --db)

# What must converge: every stored column except row ids of mentions and
# events and the times things were stored or resolved.
dump() {
  sqlite3 -batch "$1" "
    SELECT id, content_hash, origin, url, outlet_id, published, text, blocks FROM documents ORDER BY id;
    SELECT * FROM sentences ORDER BY doc_id, idx;
    SELECT * FROM outlets ORDER BY id;"
  python3 - "$1" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
cur = db.execute("SELECT * FROM event_mentions ORDER BY doc_id, idx")
cols = [d[0] for d in cur.description]
for row in cur:
    print(repr({c: v for c, v in zip(cols, row) if c != "id"}))
PY
  "$VIGIL" export --db "$1" --format jsonl > "$WORK/export.jsonl"
  echo "ledger:"
  python3 "$VIGIL_SOURCE_DIR/tests/e2e/ledger_norm.py" "$WORK/export.jsonl"
}
converges() {  # DB WHAT
  dump "$1" > "$WORK/run.dump"
  if cmp -s "$WORK/ref.dump" "$WORK/run.dump"; then
    pass "$2: same documents, mentions and ledger as the uninterrupted run"
  else
    fail "$2: content differs from the uninterrupted run:"
    diff "$WORK/ref.dump" "$WORK/run.dump" | cut -c1-200 | head -8 >&2
  fi
  expect_eq "$2: integrity" ok "$(sql "$1" 'PRAGMA integrity_check')"
}
# Milliseconds since $1 (date +%s%N).
since_ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

# The uninterrupted run, timed: the whole of it, and until its last
# document was stored (the resolution follows).
REF="$WORK/ref.db"
start=$(date +%s%N)
"${INGEST[@]}" "$REF" &
pid=$!
stored_ms=0
while kill -0 "$pid" 2>/dev/null; do
  if [ "$stored_ms" -eq 0 ] && [ -f "$REF" ] &&
     [ "$(sql "$REF" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)" = "$N_DOCS" ]; then
    stored_ms=$(since_ms "$start")
  fi
  sleep 0.05
done
wait "$pid"
elapsed_ms=$(since_ms "$start")
[ "$stored_ms" -gt 0 ] || stored_ms=$elapsed_ms
resolve_ms=$(( elapsed_ms - stored_ms > 50 ? elapsed_ms - stored_ms : 50 ))
echo "uninterrupted run: $N_DOCS documents in ${elapsed_ms} ms, the last stored after ${stored_ms} ms"
expect_eq "reference stores every document" "$N_DOCS" "$(sql "$REF" 'SELECT count(*) FROM documents')"
dump "$REF" > "$WORK/ref.dump"
ref_events=$(sql "$REF" 'SELECT count(*) FROM events')
if [ "$ref_events" -gt 0 ]; then pass "reference ledger holds $ref_events events"; else fail "no events"; fi

# Kill delays ($RANDOM alone stops at 32767 ms): rounds take turns killing
# at a moment uniform over the whole run, over the part that stores
# documents, over the whole run again, and during the resolution (wait for
# the last document, then a moment uniform over the resolution's length).
mapfile -t DELAYS < <(python3 -c "
import random
r = random.Random(42)
for _ in range(200):
    print(5 + r.randrange($elapsed_ms), 5 + r.randrange($stored_ms), 5 + r.randrange($resolve_ms))")

DB="$WORK/killed.db"
kills=0 round=0 finished=0 storing=0 resolving=0
while [ "$kills" -lt "$KILLS" ] && [ "$round" -lt 60 ]; do
  read -r whole_ms store_ms resolve_delay_ms <<<"${DELAYS[$round]}"
  round=$((round + 1))
  case $((round % 4)) in
    1|3) delay_ms=$whole_ms ;;
    2) delay_ms=$store_ms ;;
    0) delay_ms=-1 ;;
  esac
  # The last kill lands during a resolution: the final re-run starts there.
  if [ "$kills" -eq $((KILLS - 1)) ]; then delay_ms=-1; fi
  start=$(date +%s%N)
  "${INGEST[@]}" "$DB" 2>"$WORK/round.err" &
  pid=$!
  if [ "$delay_ms" -lt 0 ]; then
    while kill -0 "$pid" 2>/dev/null &&
          { [ ! -f "$DB" ] ||
            [ "$(sql "$DB" 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)" != "$N_DOCS" ]; }; do
      sleep 0.02
    done
    delay_ms=$(( $(since_ms "$start") + resolve_delay_ms ))
  fi
  while kill -0 "$pid" 2>/dev/null && [ "$(since_ms "$start")" -lt "$delay_ms" ]; do sleep 0.01; done
  kill -9 "$pid" 2>/dev/null || true
  rc=0
  wait "$pid" 2>/dev/null || rc=$?
  if [ "$rc" -eq 0 ]; then
    # It finished first: it must have converged; start again from empty.
    finished=$((finished + 1))
    converges "$DB" "round $round (finished before the kill at ${delay_ms} ms)"
    rm -f "$DB" "$DB-wal" "$DB-shm"
    continue
  fi
  if [ "$rc" -ne 137 ]; then
    fail "round $round: ingest exited $rc, not killed: $(head -c 600 "$WORK/round.err")"
    continue
  fi
  kills=$((kills + 1))
  check=$(sql "$DB" 'PRAGMA integrity_check' 2>&1 || true)
  if [ "$check" != "ok" ]; then fail "round $round: integrity_check: $check"; continue; fi
  n=$(sql "$DB" 'SELECT count(*) FROM documents')
  events=$(sql "$DB" 'SELECT count(*) FROM events')
  echo "round $round: killed after ${delay_ms} ms: $n documents, $events events"
  # Every stored document, with its sentences and mentions, equals the
  # reference's document with the same id.
  diff=$(sqlite3 -batch "$DB" "ATTACH '$REF' AS ref;
    SELECT count(*) FROM documents d JOIN ref.documents r ON r.id = d.id
    WHERE r.content_hash <> d.content_hash;
    SELECT count(*) FROM documents WHERE id > $n;
    SELECT count(*) FROM sentences s WHERE NOT EXISTS (
      SELECT 1 FROM ref.sentences r WHERE r.doc_id = s.doc_id AND r.idx = s.idx
      AND r.begin = s.begin AND r.end = s.end);
    SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)
      <> (SELECT count(*) FROM ref.sentences r WHERE r.doc_id = d.id);
    SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM event_mentions m WHERE m.doc_id = d.id)
      <> (SELECT count(*) FROM ref.event_mentions r WHERE r.doc_id = d.id);" | tr '\n' ' ')
  if [ "$diff" != "0 0 0 0 0 " ]; then fail "round $round: not a prefix of the reference ($diff)"; fi
  # The ledger is written in one transaction: a run killed before its
  # commit leaves none (no run of this database has resolved yet), one
  # killed after it the whole of it.
  if [ "$events" != 0 ] && [ "$events" != "$ref_events" ]; then
    fail "round $round: a partial ledger ($events events of $ref_events)"
  fi
  if [ "$n" -lt "$N_DOCS" ]; then
    storing=$((storing + 1))
  else
    # Killed after its last document (resolving): start again from empty,
    # unless this was the last kill (the final re-run goes on from here).
    resolving=$((resolving + 1))
    if [ "$kills" -lt "$KILLS" ]; then rm -f "$DB" "$DB-wal" "$DB-shm"; fi
  fi
done
echo "$round rounds: $kills killed ($storing while storing documents, $resolving after the last" \
     "document, during the resolution), $finished finished first"
expect_eq "$KILLS kills landed" "$KILLS" "$kills"
if [ "$storing" -ge 3 ] && [ "$resolving" -ge 3 ]; then
  pass "kills landed both while storing and while resolving"
else
  fail "kills were not spread over the run ($storing storing, $resolving resolving)"
fi

"${INGEST[@]}" "$DB"
converges "$DB" "re-run after the last kill"
finish
