# The CLI surface: --version, --help everywhere, usage errors, stats and docs
# on the sample corpus.
source "$(dirname "$0")/lib.sh"

run_vigil --version
expect_eq "--version exits 0" 0 "$RC"
expect_contains "--version names vigil" "vigil " "$OUT"

for sub in "" ingest stats docs "docs show"; do
  # shellcheck disable=SC2086
  run_vigil $sub --help
  expect_eq "'$sub --help' exits 0" 0 "$RC"
  expect_contains "'$sub --help' prints usage" "Usage" "$OUT"
done

run_vigil frobnicate
expect_eq "unknown subcommand exits 2" 2 "$RC"
run_vigil
expect_eq "no subcommand exits 2" 2 "$RC"

DB="$WORK/cli.db"
run_vigil ingest --db "$DB" --quiet "$CORPUS"
expect_eq "ingest of the sample corpus exits 0" 0 "$RC"

run_vigil stats --db "$DB"
expect_eq "stats exits 0" 0 "$RC"
expect_contains "stats shows documents" "documents" "$OUT"
expect_contains "stats has outlets" "by outlet" "$OUT"
expect_contains "stats has languages" "es" "$OUT"

run_vigil stats --db "$DB" --format json
docs=$(sqlite3 "$DB" "SELECT count(*) FROM documents")
expect_contains "stats json counts documents" "\"documents\":$docs" "$OUT"

run_vigil docs --db "$DB" --limit 5
expect_eq "docs exits 0" 0 "$RC"
expect_eq "docs --limit 5 prints header + 5 rows" 6 "$(wc -l <<<"$OUT")"

run_vigil docs --db "$DB" --format jsonl --lang es
expect_eq "docs --lang es exits 0" 0 "$RC"
n_es=$(grep -c '"language":"es"' <<<"$OUT" || true)
if [ "$n_es" -ge 1 ]; then pass "Spanish documents listed"; else fail "no Spanish document"; fi
expect_not_contains "--lang es lists only es" '"language":"en"' "$OUT"

run_vigil docs show 1 --db "$DB"
expect_eq "docs show exits 0" 0 "$RC"
expect_contains "docs show prints sentences" "[  0 " "$OUT"

run_vigil docs show 1 --db "$DB" --format json
expect_contains "docs show json has sentence_list" '"sentence_list"' "$OUT"

run_vigil docs show 999999 --db "$DB"
expect_eq "docs show of a missing id exits 2" 2 "$RC"
expect_contains "missing id is named" "no document with id 999999" "$ERR"

# A file that is not a database.
echo "not a database" > "$WORK/bogus.db"
run_vigil stats --db "$WORK/bogus.db"
expect_eq "stats on a non-database exits 2" 2 "$RC"
expect_contains "non-database error names the file" "bogus.db" "$ERR"

# A mistyped --db is an error for every reading command, and leaves no
# empty database behind.
for cmd in stats docs mentions events tally resolve feeds; do
  args=("$cmd" --db "$WORK/typo.db")
  [ "$cmd" = tally ] && args+=(us-boat-strikes)
  run_vigil "${args[@]}"
  expect_eq "$cmd on a missing database exits 2" 2 "$RC"
  expect_contains "$cmd names the missing database" "no such database" "$ERR"
done
expect_eq "no database was created" "no" "$([ -e "$WORK/typo.db" ] && echo yes || echo no)"

finish
