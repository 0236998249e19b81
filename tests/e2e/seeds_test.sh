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

# What EXPECTED.md asks of extraction.
m() { sql "$DB" "SELECT count(*) FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE $1"; }
expect_eq "no drone strike in Mexico is 'occurred'" 0 \
  "$(m "m.type = 'ASSAULT' AND m.mode = 'drone' AND m.status = 'occurred' AND m.place_country = 'MX'")"
if [ "$(m "m.type = 'ASSAULT' AND m.status = 'planned' AND m.mode = 'drone'")" -ge 2 ]; then
  pass "planned drone strikes in both documents"; else fail "planned drone strikes not found in both"; fi
expect_eq "64 killed in 15 strikes is a running total" 1 \
  "$(m "m.killed = 64 AND m.strikes = 15 AND m.running_total = 1")"
expect_eq "no incident of 64 killed" 0 "$(m "m.killed = 64 AND m.running_total = 0")"
expect_eq "the weekend strike: 3 killed, Caribbean, attributed to Hegseth" 1 \
  "$(m "m.type = 'ASSAULT' AND m.status = 'occurred' AND m.killed = 3 AND m.place_id LIKE 'sea:carib%' AND m.speaker LIKE '%Hegseth%'")"

# The ledger: the two reports retell one NBC News story.
e() { sql "$DB" "SELECT $1 FROM events WHERE $2"; }
expect_eq "planned drone strikes in Mexico: one event, two reports, one origin" "1|2|1" \
  "$(e "count(*) || '|' || max(reports) || '|' || max(origins)" "type = 'ASSAULT' AND mode = 'drone' AND status = 'planned'")"
expect_eq "planned troop mission: two reports, one origin" "2|1" \
  "$(e "reports || '|' || origins" "type = 'MOBILIZE' AND status = 'planned' AND place_country = 'MX'")"
expect_eq "no occurred drone strike in the ledger" 0 \
  "$(e "count(*)" "type = 'ASSAULT' AND mode = 'drone' AND status = 'occurred'")"
expect_eq "the weekend strike is one occurred event: 3 killed in the Caribbean" "1|3.0|sea:caribbean" \
  "$(e "count(*) || '|' || max(killed_best) || '|' || max(place_id)" "type = 'ASSAULT' AND status = 'occurred'")"
expect_eq "64 killed in 15 strikes is a tally, citing NBC News" "64.0|15.0|outlet:NBC News" \
  "$(sql "$DB" "SELECT killed || '|' || strikes || '|' || origin FROM tallies")"
expect_eq "55 extradited" "55.0" "$(e "count" "type = 'COERCE' AND mode = 'extradite'")"
expect_eq "10,000 troops" 1 "$(e "count(*)" "type = 'MOBILIZE' AND troops = 10000")"

# With --published, 000 gets a date.
DB2="$WORK/seeds2.db"
run_vigil ingest --db "$DB2" --published 2025-11-03 "$SEEDS/000_aac2a402c311dcee.txt"
expect_eq "--published applies" "2025-11-03" "$(sql "$DB2" 'SELECT published FROM documents')"
expect_eq "the weekend before 2025-11-03" "2025-11-01 2025-11-02" \
  "$(sql "$DB2" "SELECT date_start || ' ' || date_end FROM event_mentions WHERE killed = 3 AND running_total = 0")"
finish
