# `vigil eval` against a ledger gold file (docs/EVENTS.md, "Evaluation"):
# merge precision and recall over the reports each gold event lists, the
# gold file's from/to range, and clear errors for a malformed gold file.
source "$(dirname "$0")/lib.sh"

C="$WORK/corpus"
mkdir -p "$C"
cp "$VIGIL_SOURCE_DIR/examples/campaigns.ini" "$WORK/campaigns.ini"
cat > "$C/a.txt" <<'DOC'
title: US strike kills two in eastern Pacific
date: 2025-10-22
outlet: Pacific Wire

US strike kills two in eastern Pacific

The U.S. military struck a boat in the eastern Pacific on Tuesday, killing two people, Defense Secretary Pete Hegseth said.
DOC
cat > "$C/b.txt" <<'DOC'
title: Two dead in Pacific boat strike
date: 2025-10-22
outlet: Harbor Daily

Two dead in Pacific boat strike

A U.S. strike on a boat in the eastern Pacific on Tuesday killed two people, Hegseth said on X.
DOC
cat > "$C/c.txt" <<'DOC'
title: Three killed in Caribbean strike
date: 2025-11-02
outlet: Island News

Three killed in Caribbean strike

U.S. forces struck a boat in the Caribbean on Saturday, killing three people, Hegseth said.
DOC
cat > "$C/d.txt" <<'DOC'
title: Four killed in Caribbean strike
date: 2025-10-04
outlet: Island News

Four killed in Caribbean strike

U.S. forces struck a boat in the Caribbean on Friday, killing four people, Hegseth said.
DOC
RANGE='"from": "2025-10-15", "to": "2025-11-30",'
gold() {
  cat > "$C/ledger.gold.json" <<GOLD
{"gold_version": 1, "campaigns_file": "../campaigns.ini", "campaign": "us-boat-strikes",
 $RANGE
 "events": [$1]}
GOLD
}
GOOD='{"date": "2025-10-21", "place": "sea:eastern-pacific", "killed": 2, "reports": ["a.txt", "b.txt"]},
      {"date": "2025-11-01", "place": "sea:caribbean", "killed": 3, "reports": ["c.txt"]}'
gold "$GOOD"
run_vigil eval --format json "$C"
expect_eq "eval exits 0" 0 "$RC"
ledger=$(tail -1 <<<"$OUT")
field() { python3 -c 'import json,sys; d=json.loads(sys.argv[1])["ledger"]; print(eval(sys.argv[2], {}, d))' "$ledger" "$1"; }
expect_eq "the Oct 4 strike is outside from/to: two events count" 2 "$(field predicted_events)"
expect_eq "both gold events matched" 2 "$(field matched)"
expect_eq "three items, one per report" 3 "$(field 'merge["items"]')"
expect_eq "B-cubed precision 1" 1.0 "$(field 'merge["bcubed_precision"]')"
expect_eq "B-cubed recall 1" 1.0 "$(field 'merge["bcubed_recall"]')"
expect_eq "one gold pair, found" "1 1" "$(field 'str(merge["gold_pairs"]) + " " + str(merge["common_pairs"])')"

RANGE=""
gold "$GOOD"
run_vigil eval --format json "$C"
ledger=$(tail -1 <<<"$OUT")
expect_eq "without from/to the Oct 3 strike counts too" 3 "$(field predicted_events)"
RANGE='"from": "2025-10-15", "to": "2025-11-30",'
gold "$GOOD"

run_vigil eval "$C"
expect_contains "table prints the merge scores" "B-cubed precision 1.000" "$OUT"
expect_contains "table prints pairwise scores" "pairwise precision" "$OUT"
expect_contains "table names the range" "dates 2025-10-15 to 2025-11-30 only" "$OUT"

# Gold that claims both reports of the Pacific strike belong to two
# different happenings: the ledger's one event then over-merges them.
gold '{"date": "2025-10-21", "place": "sea:eastern-pacific", "killed": 2, "reports": ["a.txt"]},
      {"date": "2025-10-21", "place": "sea:eastern-pacific", "killed": 2, "reports": ["b.txt"]},
      {"date": "2025-11-01", "place": "sea:caribbean", "killed": 3, "reports": ["c.txt"]}'
run_vigil eval --format json --verbose "$C"
expect_eq "eval exits 0" 0 "$RC"
ledger=$(tail -1 <<<"$OUT")
expect_eq "one event holding two happenings lowers precision" True "$(field 'merge["bcubed_precision"] < 1')"
expect_contains "verbose names the report placed elsewhere" "merge: b.txt reports 2025-10-21" "$ERR"

# A report that no event holds is alone: recall drops.
gold '{"date": "2025-10-21", "place": "sea:eastern-pacific", "killed": 2, "reports": ["a.txt", "b.txt", "c.txt"]}'
run_vigil eval --format json "$C"
ledger=$(tail -1 <<<"$OUT")
expect_eq "a report outside the event lowers recall" True "$(field 'merge["bcubed_recall"] < 1')"

gold '{"date": "2025-10-21", "reports": "a.txt"}'
run_vigil eval "$C"
expect_eq "reports not a list: exit 2" 2 "$RC"
expect_contains "error names the file and event" "ledger.gold.json: event 1" "$ERR"

gold '{"date": "2025-12-21", "reports": ["a.txt"]}'
run_vigil eval "$C"
expect_eq "gold event outside from/to: exit 2" 2 "$RC"
expect_contains "error says why" "outside the file's from/to" "$ERR"

finish
