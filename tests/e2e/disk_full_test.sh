# Disk full during ingest: the database has 4 MiB of room and the corpus
# needs far more. The ingest must stop with one clear error line naming the
# database and saying what is kept, exit 2; the database must still open,
# pass PRAGMA integrity_check and hold exactly the documents of the batches
# committed before (a prefix of an unhindered run, each document with all
# its sentences). Once there is room again, re-running the same command must
# store the rest and converge on the unhindered run's content.
#
# Two ways to run out of room, each through the whole scenario:
# - limit: the ingest runs under a 4 MiB file size limit (ulimit -f) with
#   SIGXFSZ ignored, so a write past it fails with EFBIG, which SQLite calls
#   a "disk I/O error" and Vigil explains ("files are limited to 4194304
#   bytes: ulimit -f"). Needs no privilege: always run.
# - tmpfs: the database lives on a 4 MiB tmpfs, a full file system (ENOSPC,
#   "database or disk is full"). Mounting needs root and CAP_SYS_ADMIN;
#   without them this part is left out and the test says so.
source "$(dirname "$0")/lib.sh"

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
echo "the reference database takes ${ref_kb} KiB; the room is 4096 KiB"
dump "$REF" > "$WORK/ref.dump"

# ingest_limited MODE ARGS...: vigil ingest with 4 MiB of room, as run_vigil.
ingest_limited() {
  local mode=$1
  shift
  if [ "$mode" = tmpfs ]; then
    run_vigil ingest "$@"
    return
  fi
  set +e
  OUT=$(trap '' XFSZ; ulimit -f 4096; exec "$VIGIL" ingest "$@" 2>"$WORK/stderr")
  RC=$?
  set -e
  ERR=$(cat "$WORK/stderr")
}

# scenario MODE DB: fill the room, check what is kept, make room, re-run.
scenario() {
  local mode=$1 DB=$2 n check diff
  local t="$mode: room runs out"
  ingest_limited "$mode" --db "$DB" --quiet --batch 32 "$WORK/corpus"
  echo "$ERR"
  expect_eq "$t: exit 2" 2 "$RC"
  expect_eq "$t: one error line" 1 "$(grep -c '^vigil: error: ' <<<"$ERR" || true)"
  # The statement that meets the full disk is usually the COMMIT (WAL frames
  # are written then), but may be an insert when the page cache spills.
  expect_contains "$t: names the database" "vigil: error: $DB: " "$ERR"
  if [ "$mode" = tmpfs ]; then
    expect_contains "$t: names the cause" ": database or disk is full; " "$ERR"
  else
    expect_contains "$t: names the cause" ": disk I/O error (files are limited to 4194304 bytes: ulimit -f); " "$ERR"
  fi
  expect_contains "$t: says what is kept and what to do" \
    "document(s) of earlier batches are stored; make room and run the same command again" "$ERR"

  check=$(sql "$DB" 'PRAGMA integrity_check' 2>&1 || true)
  expect_eq "$t: the database still opens and is intact" ok "$check"
  n=$(sql "$DB" 'SELECT count(*) FROM documents')
  echo "$mode: stored before the room ran out: $n of $N_DOCS documents"
  if [ "$n" -gt 0 ] && [ "$n" -lt "$N_DOCS" ]; then pass "$t: earlier batches kept ($n documents)"
  else fail "$t: $n documents stored"; fi
  expect_contains "$t: the count in the message is the count stored" \
    "the $n document(s) of earlier batches are stored" "$ERR"
  diff=$(sqlite3 -batch "$DB" "ATTACH '$REF' AS ref;
    SELECT count(*) FROM documents d LEFT JOIN ref.documents r ON r.id = d.id
      WHERE r.content_hash IS NOT d.content_hash;
    SELECT count(*) FROM documents WHERE id > $n;
    SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)
      <> (SELECT count(*) FROM ref.sentences r WHERE r.doc_id = d.id);
    SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM event_mentions m WHERE m.doc_id = d.id)
      <> (SELECT count(*) FROM ref.event_mentions r WHERE r.doc_id = d.id);" | tr '\n' ' ')
  expect_eq "$t: what is stored is a prefix of the unhindered run, whole documents only" \
    "0 0 0 0 " "$diff"
  run_vigil stats --db "$DB"
  expect_eq "$t: vigil stats still works" 0 "$RC"
  expect_contains "$t: stats counts the stored documents" "documents    $n " "$OUT"

  # Room again: the same command finishes the job.
  if [ "$mode" = tmpfs ]; then mount -o remount,size=256m "$(dirname "$DB")"; fi
  run_vigil ingest --db "$DB" --quiet --batch 32 "$WORK/corpus"
  t="$mode: after making room"
  expect_eq "$t: exit 0" 0 "$RC"
  expect_eq "$t: integrity" ok "$(sql "$DB" 'PRAGMA integrity_check')"
  dump "$DB" > "$WORK/db.dump"
  if cmp -s "$WORK/ref.dump" "$WORK/db.dump"; then pass "$t: same content as the unhindered run"
  else fail "$t: content differs from the unhindered run"; fi
}

mkdir -p "$WORK/limit"
scenario limit "$WORK/limit/v.db"

MNT="$WORK/small"
mkdir -p "$MNT"
if [ "$(id -u)" -ne 0 ]; then
  echo "tmpfs part left out: mounting a size-limited tmpfs needs root"
elif ! mount -t tmpfs -o size=4m,mode=0755 tmpfs "$MNT" 2>"$WORK/mount.err"; then
  echo "tmpfs part left out: cannot mount a tmpfs here: $(cat "$WORK/mount.err")"
else
  trap 'umount "$MNT" 2>/dev/null || umount -l "$MNT" 2>/dev/null; rm -rf "$WORK"' EXIT
  scenario tmpfs "$MNT/v.db"
fi
finish
