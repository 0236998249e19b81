# Ingest: every input form, idempotence, versions, overrides, determinism.
source "$(dirname "$0")/lib.sh"

# Content of a store, without the ingest time: what must be equal between
# runs that read the same inputs.
dump() {
  sqlite3 -batch "$1" "
    SELECT id, content_hash, origin, format, url, title, outlet_id, author, published,
           language, raw_size, text, blocks, notes, previous_version FROM documents ORDER BY id;
    SELECT * FROM sentences ORDER BY doc_id, idx;
    SELECT * FROM outlets ORDER BY id;"
}

expected_docs() {
  local files lines
  files=$(find "$CORPUS" -type f \( -name '*.txt' -o -name '*.html' -o -name '*.htm' \) | wc -l)
  lines=$(find "$CORPUS" -type f -name '*.jsonl' -exec cat {} + | grep -c '[^[:space:]]' || true)
  echo $((files + lines))
}

DB="$WORK/a.db"
run_vigil ingest --db "$DB" --json "$CORPUS"
expect_eq "corpus ingest exits 0" 0 "$RC"
N=$(expected_docs)
expect_eq "one document per file and JSONL line" "$N" "$(sql "$DB" 'SELECT count(*) FROM documents')"
expect_contains "summary counts insertions" "\"inserted\":$N" "$OUT"
expect_eq "every document has sentences" 0 \
  "$(sql "$DB" 'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id)')"
expect_eq "sentences are trimmed, ordered, inside their document" 0 \
  "$(sql "$DB" "SELECT count(*) FROM sentence_texts s JOIN documents d ON d.id = s.doc_id WHERE s.begin >= s.end OR s.end > length(CAST(d.text AS BLOB)) OR s.text <> trim(s.text, ' '||char(10)) OR EXISTS (SELECT 1 FROM sentences p WHERE p.doc_id = s.doc_id AND p.idx = s.idx - 1 AND p.end > s.begin)")"
expect_eq "schema version recorded" 7 "$(sql "$DB" 'PRAGMA user_version')"
expect_eq "WAL mode" wal "$(sql "$DB" 'PRAGMA journal_mode')"
n_html=$(find "$CORPUS" -name '*.html' | wc -l)
expect_eq "HTML pages have a title" "$n_html" "$(sql "$DB" "SELECT count(*) FROM documents WHERE format='html' AND coalesce(title,'') <> ''")"
expect_eq "HTML pages have a publication date" "$n_html" "$(sql "$DB" "SELECT count(*) FROM documents WHERE format='html' AND coalesce(published,'') <> ''")"
expect_eq "no script text in any document" 0 "$(sql "$DB" "SELECT count(*) FROM documents WHERE text LIKE '%function(%' OR text LIKE '%<script%'")"
expect_eq "Spanish documents flagged, not dropped" 1 "$(sql "$DB" "SELECT count(*) >= 2 FROM documents WHERE language='es'")"

# Idempotent: the same inputs again store nothing new.
run_vigil ingest --db "$DB" --json "$CORPUS"
expect_eq "re-ingest exits 0" 0 "$RC"
expect_contains "re-ingest inserts nothing" '"inserted":0' "$OUT"
expect_contains "re-ingest finds all present" "\"already_present\":$N" "$OUT"
expect_eq "document count unchanged" "$N" "$(sql "$DB" 'SELECT count(*) FROM documents')"

# Compressed copies and stdin carry the same content: already present.
mkdir -p "$WORK/packed"
first_txt=$(find "$CORPUS" -name '*.txt' | sort | head -1)
first_jsonl=$(find "$CORPUS" -name '*.jsonl' | sort | head -1)
gzip -c "$first_txt" > "$WORK/packed/a.txt.gz"
zstd -q -c "$first_txt" > "$WORK/packed/b.txt.zst"
gzip -c "$first_jsonl" > "$WORK/packed/c.jsonl.gz"
zstd -q -c "$first_jsonl" > "$WORK/packed/d.jsonl.zst"
run_vigil ingest --db "$DB" --json "$WORK/packed"
expect_eq "compressed inputs exit 0" 0 "$RC"
expect_contains "compressed copies are already present" '"inserted":0' "$OUT"
run_vigil ingest --db "$DB" --json - < "$first_txt"
expect_contains "stdin copy is already present" '"already_present":1' "$OUT"
gzip -c "$first_txt" | "$VIGIL" ingest --db "$DB" --json - > "$WORK/out" 2>&1
expect_contains "gzip on stdin is detected by its magic bytes" '"already_present":1' "$(cat "$WORK/out")"

# Overrides for a single file.
DB2="$WORK/b.db"
run_vigil ingest --db "$DB2" --published 2025-11-03 --outlet "Test Outlet" --url https://example.org/x "$first_txt"
expect_eq "override ingest exits 0" 0 "$RC"
expect_eq "published override" "2025-11-03" "$(sql "$DB2" 'SELECT published FROM documents')"
expect_eq "outlet override" "Test Outlet" "$(sql "$DB2" 'SELECT o.name FROM documents d JOIN outlets o ON o.id = d.outlet_id')"
expect_eq "url override" "https://example.org/x" "$(sql "$DB2" 'SELECT url FROM documents')"

# Same URL, changed text: a new version linked to the old one.
printf 'url: https://example.org/story\ntitle: Strike kills three\n\nA strike killed three people on Tuesday, officials said.\n' > "$WORK/v1.txt"
printf 'url: https://example.org/story\ntitle: Strike kills four\n\nA strike killed four people on Tuesday, officials said.\n' > "$WORK/v2.txt"
run_vigil ingest --db "$DB2" "$WORK/v1.txt"
run_vigil ingest --db "$DB2" --json "$WORK/v2.txt"
expect_contains "changed text is a new version" '"new_versions":1' "$OUT"
expect_eq "new version points to the old" 1 "$(sql "$DB2" "SELECT count(*) FROM documents a JOIN documents b ON b.previous_version = a.id WHERE a.url = 'https://example.org/story' AND b.title = 'Strike kills four'")"

# The same text twice in one batch is one document.
cp "$WORK/v1.txt" "$WORK/v1-copy.txt"
DB3="$WORK/c.db"
run_vigil ingest --db "$DB3" --json "$WORK/v1.txt" "$WORK/v1-copy.txt"
expect_contains "duplicate in one batch stored once" '"inserted":1' "$OUT"

# Determinism: one thread or two, small batches or large, the same store.
DB4="$WORK/d.db"; DB5="$WORK/e.db"
"$VIGIL" ingest --db "$DB4" --quiet --threads 1 --batch 3 "$CORPUS"
"$VIGIL" ingest --db "$DB5" --quiet --threads 2 --batch 500 "$CORPUS"
if [ "$(dump "$DB4")" == "$(dump "$DB5")" ]; then pass "thread count and batch size do not change the store"; else fail "stores differ between thread counts"; fi

finish
