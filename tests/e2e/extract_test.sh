# Extraction through the CLI: ingest extracts, `mentions` lists, `extract`
# re-extracts to the same result, `extract --stdin-jsonl` is a pure filter,
# `eval` scores the annotated corpus.
source "$(dirname "$0")/lib.sh"

DB="$WORK/x.db"
run_vigil ingest --db "$DB" --quiet "$CORPUS"
expect_eq "ingest exits 0" 0 "$RC"
n=$(sql "$DB" "SELECT count(*) FROM event_mentions")
if [ "$n" -gt 50 ]; then pass "ingest stored $n event mentions"; else fail "only $n event mentions"; fi
expect_eq "every document has an extraction" 0 \
  "$(sql "$DB" "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM extractions e WHERE e.doc_id = d.id)")"
expect_eq "every mention span lies inside its document" 0 \
  "$(sql "$DB" "SELECT count(*) FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE m.begin > m.end OR m.end > length(CAST(d.text AS BLOB)) OR m.trigger_begin < m.begin OR m.trigger_end > m.end")"
expect_eq "mention JSON is valid" 0 "$(sql "$DB" "SELECT count(*) FROM event_mentions WHERE json_valid(mention) = 0")"

run_vigil mentions --db "$DB" --type ASSAULT --status occurred
expect_eq "mentions exits 0" 0 "$RC"
expect_contains "table has a header" "status" "$OUT"
expect_not_contains "status filter holds" " planned " "$OUT"

run_vigil mentions --db "$DB" --format jsonl --limit 5
expect_eq "mentions jsonl: 5 lines" 5 "$(wc -l <<<"$OUT")"
expect_contains "mentions jsonl carries the source" '"outlet"' "$OUT"

# A stored 11-killed first strike (Sept. 2) from the AP report.
expect_eq "the first strike: 11 killed, occurred" 1 \
  "$(sql "$DB" "SELECT count(*) > 0 FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE d.origin LIKE '%01_ap_first_strike%' AND m.type = 'ASSAULT' AND m.status = 'occurred' AND m.killed = 11")"

before=$(sql "$DB" "SELECT group_concat(mention, char(10)) FROM (SELECT mention FROM event_mentions ORDER BY doc_id, idx)")
run_vigil extract --db "$DB"
expect_eq "re-extraction exits 0" 0 "$RC"
after=$(sql "$DB" "SELECT group_concat(mention, char(10)) FROM (SELECT mention FROM event_mentions ORDER BY doc_id, idx)")
if [ "$before" == "$after" ]; then pass "re-extraction gives the same mentions"; else fail "re-extraction changed the mentions"; fi

mkdir -p "$WORK/filter"
cd "$WORK/filter"
run_vigil extract --stdin-jsonl < "$CORPUS/batch.jsonl"
cd - >/dev/null
expect_eq "filter exits 0" 0 "$RC"
lines=$(grep -c '[^[:space:]]' "$CORPUS/batch.jsonl")
expect_eq "filter: one object per input line" "$lines" "$(wc -l <<<"$OUT")"
expect_eq "filter: every line has the schema" "$lines" "$(grep -c '"schema":"vigil.mentions/1"' <<<"$OUT")"
if [ -e "$WORK/filter/vigil.db" ]; then fail "filter created a database"; else pass "filter wrote no database"; fi

set +e
printf '{"text":"A strike killed two people."}\nnot json\n' | "$VIGIL" extract --stdin-jsonl > "$WORK/f.out" 2> "$WORK/f.err"
RC=$?
set -e
expect_eq "filter with a bad line exits 1" 1 "$RC"
expect_contains "filter names the bad line" "stdin:2" "$(cat "$WORK/f.err")"
expect_eq "filter keeps the good line" 1 "$(wc -l < "$WORK/f.out")"

run_vigil eval "$VIGIL_SOURCE_DIR/tests/corpus"
expect_eq "eval exits 0" 0 "$RC"
expect_contains "eval prints event F1" "event" "$OUT"
echo "$OUT"
finish
