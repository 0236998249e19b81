# Crash consistency: SIGKILL an ingest at random moments, 20 times. After
# every kill the database passes PRAGMA integrity_check and holds a prefix of
# what an uninterrupted run stores; a final re-run converges on exactly the
# same content as the uninterrupted run.
source "$(dirname "$0")/lib.sh"

N_DOCS=${SIGKILL_DOCS:-10000}
python3 "$(dirname "$0")/gen_corpus.py" "$WORK/corpus" "$N_DOCS" 7

dump() {
  sqlite3 -batch "$1" "
    SELECT id, content_hash, origin, url, outlet_id, published, text, blocks FROM documents ORDER BY id;
    SELECT * FROM sentences ORDER BY doc_id, idx;
    SELECT * FROM outlets ORDER BY id;"
}

REF="$WORK/ref.db"
start=$(date +%s%N)
"$VIGIL" ingest --db "$REF" --quiet --batch 64 "$WORK/corpus"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
echo "uninterrupted run: $N_DOCS documents in ${elapsed_ms} ms"
dump "$REF" > "$WORK/ref.dump"
ref_docs=$(sql "$REF" 'SELECT count(*) FROM documents')
expect_eq "reference stores every document" "$N_DOCS" "$ref_docs"

DB="$WORK/killed.db"
RANDOM=42
kills=0
for round in $(seq 1 20); do
  # Kill somewhere within the time a full run takes.
  delay_ms=$(( (RANDOM % (elapsed_ms > 20 ? elapsed_ms : 20)) + 5 ))
  "$VIGIL" ingest --db "$DB" --quiet --batch 64 "$WORK/corpus" 2>/dev/null &
  pid=$!
  sleep "$(printf '0.%03d' $((delay_ms % 1000)))"
  sleep $((delay_ms / 1000))
  if kill -9 "$pid" 2>/dev/null; then kills=$((kills + 1)); fi
  wait "$pid" 2>/dev/null || true
  check=$(sql "$DB" 'PRAGMA integrity_check' 2>&1 || true)
  if [ "$check" != "ok" ]; then fail "round $round: integrity_check: $check"; continue; fi
  n=$(sql "$DB" 'SELECT count(*) FROM documents')
  # Every stored document equals the reference's document with the same id.
  diff=$(sqlite3 -batch "$DB" "ATTACH '$REF' AS ref;
    SELECT count(*) FROM documents d JOIN ref.documents r ON r.id = d.id
    WHERE r.content_hash <> d.content_hash;
    SELECT count(*) FROM documents WHERE id > $n;
    SELECT count(*) FROM sentences s WHERE NOT EXISTS (
      SELECT 1 FROM ref.sentences r WHERE r.doc_id = s.doc_id AND r.idx = s.idx
      AND r.begin = s.begin AND r.end = s.end);
    SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)
      <> (SELECT count(*) FROM ref.sentences r WHERE r.doc_id = d.id);" | tr '\n' ' ')
  if [ "$diff" != "0 0 0 0 " ]; then fail "round $round: not a prefix of the reference ($diff)"; fi
done
echo "killed $kills of 20 runs before they finished"
if [ "$kills" -ge 10 ]; then pass "most rounds were killed mid-run"; else fail "only $kills kills landed"; fi

"$VIGIL" ingest --db "$DB" --quiet --batch 64 "$WORK/corpus"
dump "$DB" > "$WORK/killed.dump"
if cmp -s "$WORK/ref.dump" "$WORK/killed.dump"; then pass "re-run converges on the uninterrupted content"; else fail "content differs after re-run"; fi
expect_eq "final integrity" ok "$(sql "$DB" 'PRAGMA integrity_check')"
finish
