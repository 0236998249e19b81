# The two seed reports (../shared/seeds; skipped when absent).
source "$(dirname "$0")/lib.sh"
SEEDS="${VIGIL_SEEDS:-}"
if [ -z "$SEEDS" ] || [ ! -f "$SEEDS/000_aac2a402c311dcee.txt" ]; then
  echo "seeds not available; skipping"
  exit 77
fi

DB="$WORK/seeds.db"
run_vigil ingest --db "$DB" "$SEEDS"/*.txt
expect_eq "seed ingest exits 0" 0 "$RC"
expect_eq "two documents" 2 "$(sql "$DB" 'SELECT count(*) FROM documents')"
expect_eq "004 published 2025-11-03" "2025-11-03" \
  "$(sql "$DB" "SELECT published FROM documents WHERE origin LIKE '%004_%'")"
expect_eq "000 has no publication date" "" \
  "$(sql "$DB" "SELECT coalesce(published, '') FROM documents WHERE origin LIKE '%000_%'")"
body=$(sql "$DB" "SELECT substr(text, 1, 40) FROM documents WHERE origin LIKE '%004_%'")
case "$body" in
  date*|" date"*) fail "004 body starts with the date line: $body" ;;
  *) pass "004 body does not start with 'date'" ;;
esac
expect_contains "004 body starts with its first sentence" "The administration of US President" "$body"
expect_eq "no sentence ends inside U.S. or after Nov." 0 \
  "$(sql "$DB" "SELECT count(*) FROM sentence_texts WHERE text LIKE '%U.' OR text LIKE '%Nov.' OR text LIKE '%Gen.'")"
expect_eq "both in English" "en" "$(sql "$DB" "SELECT group_concat(DISTINCT language) FROM documents")"
n=$(sql "$DB" "SELECT count(*) FROM sentence_texts WHERE text LIKE 'So far 64 people have been killed%'")
expect_eq "the tally sentence is one sentence" 1 "$n"
expect_eq "the 'Recall' line is its own sentence" 1 \
  "$(sql "$DB" "SELECT count(*) FROM sentence_texts WHERE text = 'Recall'")"

# With --published, 000 gets a date.
DB2="$WORK/seeds2.db"
run_vigil ingest --db "$DB2" --published 2025-11-03 "$SEEDS/000_aac2a402c311dcee.txt"
expect_eq "--published applies" "2025-11-03" "$(sql "$DB2" 'SELECT published FROM documents')"
finish
