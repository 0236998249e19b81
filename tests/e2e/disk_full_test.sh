# Disk full during ingest: the database lives on a 4 MiB tmpfs and the corpus
# needs far more. The ingest must stop with one clear error line naming the
# database and saying what is kept, exit 2; the database must still open,
# pass PRAGMA integrity_check and hold exactly the documents of the batches
# committed before (a prefix of an unhindered run, each document with all
# its sentences). Once there is room again, re-running the same command must
# store the rest and converge on the unhindered run's content.
#
# Mounting needs root (and CAP_SYS_ADMIN); without them the test is skipped
# (exit 77) and says why.
source "$(dirname "$0")/lib.sh"

if [ "$(id -u)" -ne 0 ]; then
  echo "skip: mounting a size-limited tmpfs needs root"
  exit 77
fi
MNT="$WORK/small"
mkdir -p "$MNT"
if ! mount -t tmpfs -o size=4m,mode=0755 tmpfs "$MNT" 2>"$WORK/mount.err"; then
  echo "skip: cannot mount a tmpfs here: $(cat "$WORK/mount.err")"
  exit 77
fi
trap 'umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT

N_DOCS=600
python3 "$(dirname "$0")/gen_corpus.py" "$WORK/corpus" "$N_DOCS" 11
dump() {
  sqlite3 -batch "$1" "
    SELECT id, content_hash, origin, url, outlet_id, published, text, blocks FROM documents ORDER BY id;
    SELECT * FROM sentences ORDER BY doc_id, idx;
    SELECT doc_id, idx, type, status, killed FROM event_mentions ORDER BY doc_id, idx;"
}

REF="$WORK/ref.db"
"$VIGIL" ingest --db "$REF" --quiet --batch 32 "$WORK/corpus"
expect_eq "reference run stores every document" "$N_DOCS" "$(sql "$REF" 'SELECT count(*) FROM documents')"
ref_kb=$(( $(stat -c %s "$REF") / 1024 ))
echo "the reference database takes ${ref_kb} KiB; the tmpfs holds 4096 KiB"

DB="$MNT/v.db"
run_vigil ingest --db "$DB" --quiet --batch 32 "$WORK/corpus"
echo "$ERR"
expect_eq "disk full: exit 2" 2 "$RC"
expect_eq "disk full: one error line" 1 "$(grep -c '^vigil: error: ' <<<"$ERR" || true)"
# The statement that meets the full disk is usually the COMMIT (WAL frames
# are written then), but may be an insert when the page cache spills.
expect_contains "disk full: names the database" "vigil: error: $DB: " "$ERR"
expect_contains "disk full: names the cause" ": database or disk is full; " "$ERR"
expect_contains "disk full: says what is kept and what to do" \
  "document(s) of earlier batches are stored; make room and run the same command again" "$ERR"

check=$(sql "$DB" 'PRAGMA integrity_check' 2>&1 || true)
expect_eq "disk full: the database still opens and is intact" ok "$check"
n=$(sql "$DB" 'SELECT count(*) FROM documents')
echo "stored before the disk filled: $n of $N_DOCS documents"
if [ "$n" -gt 0 ] && [ "$n" -lt "$N_DOCS" ]; then pass "disk full: earlier batches kept ($n documents)"
else fail "disk full: $n documents stored"; fi
expect_contains "disk full: the count in the message is the count stored" \
  "the $n document(s) of earlier batches are stored" "$ERR"
diff=$(sqlite3 -batch "$DB" "ATTACH '$REF' AS ref;
  SELECT count(*) FROM documents d LEFT JOIN ref.documents r ON r.id = d.id
    WHERE r.content_hash IS NOT d.content_hash;
  SELECT count(*) FROM documents WHERE id > $n;
  SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)
    <> (SELECT count(*) FROM ref.sentences r WHERE r.doc_id = d.id);
  SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM event_mentions m WHERE m.doc_id = d.id)
    <> (SELECT count(*) FROM ref.event_mentions r WHERE r.doc_id = d.id);" | tr '\n' ' ')
expect_eq "disk full: what is stored is a prefix of the unhindered run, whole documents only" \
  "0 0 0 0 " "$diff"
run_vigil stats --db "$DB"
expect_eq "disk full: vigil stats still works" 0 "$RC"
expect_contains "disk full: stats counts the stored documents" "documents    $n " "$OUT"

# Room again: the same command finishes the job.
mount -o remount,size=256m "$MNT"
run_vigil ingest --db "$DB" --quiet --batch 32 "$WORK/corpus"
expect_eq "after making room: exit 0" 0 "$RC"
expect_eq "after making room: integrity" ok "$(sql "$DB" 'PRAGMA integrity_check')"
dump "$REF" > "$WORK/ref.dump"
dump "$DB" > "$WORK/db.dump"
if cmp -s "$WORK/ref.dump" "$WORK/db.dump"; then pass "after making room: same content as the unhindered run"
else fail "after making room: content differs from the unhindered run"; fi
finish
