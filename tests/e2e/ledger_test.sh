# The ledger commands on the sample corpus: resolve, events (every format),
# export, tally, campaigns, edit; traceability of every mention; corrections
# surviving re-extraction; incremental ingest equal to a from-scratch run.
source "$(dirname "$0")/lib.sh"
CAMPAIGNS="$VIGIL_SOURCE_DIR/examples/campaigns.ini"
DB="$WORK/ledger.db"

run_vigil ingest -q --db "$DB" --campaigns "$CAMPAIGNS" "$CORPUS"
expect_eq "ingest with resolution exits 0" 0 "$RC"
n_events=$(sql "$DB" "SELECT count(*) FROM events")
if [ "$n_events" -ge 20 ]; then pass "ledger holds $n_events events"; else fail "only $n_events events"; fi
expect_eq "every event has members" 0 \
  "$(sql "$DB" "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_members m WHERE m.event_id = e.id)")"
expect_eq "reports never fewer than origins" 0 "$(sql "$DB" "SELECT count(*) FROM events WHERE origins > reports OR origins < 1")"

# Every mention of every event points at the bytes it came from.
run_vigil export --db "$DB" --format jsonl
expect_eq "export exits 0" 0 "$RC"
echo "$OUT" > "$WORK/events.jsonl"
python3 - "$WORK/events.jsonl" "$DB" <<'PY' || fail "traceability check"
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[2])
bad = 0
n = 0
for line in open(sys.argv[1], encoding="utf-8"):
    ev = json.loads(line)
    assert ev["schema"] == "vigil.events/1"
    for key in ("id", "type", "status", "killed", "reports", "origins", "flags", "mentions"):
        assert key in ev, key
    for m in ev["mentions"]:
        n += 1
        text, = db.execute("SELECT text FROM documents WHERE id = ?", (m["doc_id"],)).fetchone()
        b, e = m["span"]
        if text.encode("utf-8")[b:e].decode("utf-8") != m["text"]:
            bad += 1
            print("span mismatch", ev["id"], m["mention_id"], file=sys.stderr)
    k = ev["killed"]
    if k is not None:
        assert k["low"] <= k["best"] <= k["high"], ev["id"]
        assert all(r["mention"] for r in k["reported"])
print(f"{n} mentions checked")
sys.exit(1 if bad or n == 0 else 0)
PY
pass "every event mention's span holds its sentence"

# The other formats.
run_vigil events --db "$DB" --format csv
expect_eq "csv header" "id,type,mode,status,date_start,date_end,date_precision,place,place_kind,country,lat,lon,actors,targets,killed_low,killed_best,killed_high,injured,survivors,vessels,troops,count,strikes,reports,origins,first_reported,flags,campaigns" \
  "$(head -1 <<<"$OUT" | tr -d '\r')"
rows=$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)' <<<"$OUT")
expect_eq "one csv row per event" "$n_events" "$rows"
run_vigil events --db "$DB" --format geojson
python3 -c '
import json, sys
g = json.load(sys.stdin)
assert g["type"] == "FeatureCollection" and g["features"]
for f in g["features"]:
    lon, lat = f["geometry"]["coordinates"]
    assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert f["properties"]["id"] == f["id"]
' <<<"$OUT" && pass "geojson points with event properties" || fail "geojson"
run_vigil events --db "$DB" --format plover --type ASSAULT --status occurred
python3 -c '
import json, sys
rows = [json.loads(l) for l in sys.stdin if l.strip()]
assert rows and all(r["event_type"] == "ASSAULT" and r["contexts"] == [] for r in rows)
' <<<"$OUT" && pass "plover rows" || fail "plover"
run_vigil events --db "$DB" --format plover --status planned
expect_contains "planned events carry the future context" '"contexts":["future"]' "$OUT"
run_vigil export --db "$DB" --format csv -o "$WORK/ledger.csv"
expect_eq "export -o writes the file" "$((n_events + 1))" "$(python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1]))))' "$WORK/ledger.csv")"
expect_eq "no temporary file left" "" "$(ls "$WORK" | grep '\.tmp$' || true)"

# Filters.
run_vigil events --db "$DB" --type ASSAULT --status occurred --from 2025-10-20 --to 2025-10-31
expect_not_contains "date filter keeps October's end only" "2025-09-02" "$OUT"
expect_contains "the Oct. 27 strikes" "2025-10-27" "$OUT"
run_vigil events --db "$DB" --status "occurred' OR '1'='1" --format jsonl
expect_eq "an injection string matches nothing" "" "$OUT"

# One event, shown.
key=$(sql "$DB" "SELECT key FROM events WHERE type = 'ASSAULT' AND status = 'occurred' ORDER BY reports DESC, key LIMIT 1")
run_vigil events show "$key" --db "$DB"
expect_contains "show names the event" "event      $key" "$OUT"
expect_contains "show groups reports by origin" "origin " "$OUT"
run_vigil events show E0000000000 --db "$DB"
expect_eq "unknown event exits 2" 2 "$RC"

# Campaign and tally.
run_vigil campaigns --db "$DB"
expect_contains "campaign listed" "us-boat-strikes" "$OUT"
run_vigil tally us-boat-strikes --db "$DB"
expect_eq "tally exits 0" 0 "$RC"
expect_contains "tally heading" "campaign  us-boat-strikes" "$OUT"
run_vigil tally us-boat-strikes --db "$DB" --format json
python3 -c '
import json, sys
t = json.load(sys.stdin)
assert t["ledger"]["events"] > 10 and t["totals"]
for line in t["totals"]:
    assert line["ledger"]["killed"] >= 0 and line["text"]
assert any(l["reported"]["killed"] == 64 for l in t["totals"])
' <<<"$OUT" && pass "tally json: totals next to the ledger count" || fail "tally json"
run_vigil tally nosuch --db "$DB"
expect_eq "unknown campaign exits 2" 2 "$RC"
printf '[campaign x]\ntype = ASSAULT\ncolour = red\n' > "$WORK/bad.ini"
run_vigil campaigns --db "$DB" --load "$WORK/bad.ini"
expect_eq "bad campaigns file exits 2" 2 "$RC"
expect_contains "error names file and line" "bad.ini:3" "$ERR"

# Corrections: reject, survive re-extraction, set a figure, undo, merge, split.
run_vigil edit reject "$key" --db "$DB" --note "test rejection"
expect_eq "reject exits 0" 0 "$RC"
run_vigil events --db "$DB" --format jsonl
expect_not_contains "rejected event hidden" "\"id\":\"$key\"" "$OUT"
run_vigil events --db "$DB" --all --format jsonl
expect_contains "rejected event listed with --all" "\"id\":\"$key\"" "$OUT"
run_vigil extract --db "$DB"
expect_eq "re-extraction exits 0" 0 "$RC"
expect_eq "rejection survives re-extraction" 1 "$(sql "$DB" "SELECT rejected FROM events WHERE key = '$key'")"
run_vigil edit set "$key" killed 99 --db "$DB" --note "analyst count"
expect_eq "set figure" "99.0" "$(sql "$DB" "SELECT killed_best FROM events WHERE key = '$key'")"
run_vigil edit list --db "$DB"
expect_contains "corrections listed" "analyst count" "$OUT"
for id in $(sql "$DB" "SELECT id FROM corrections"); do run_vigil edit undo "$id" --db "$DB"; done
expect_eq "undo restores" "0" "$(sql "$DB" "SELECT rejected FROM events WHERE key = '$key'")"
before=$(sql "$DB" "SELECT count(*) FROM events")
two=$(sql "$DB" "SELECT group_concat(key, ' ') FROM (SELECT key FROM events WHERE type = 'ASSAULT' AND status = 'occurred' ORDER BY key LIMIT 2)")
# shellcheck disable=SC2086
run_vigil edit merge $two --db "$DB" --note "same strike"
expect_eq "merge: one event fewer" "$((before - 1))" "$(sql "$DB" "SELECT count(*) FROM events")"
merged=$(sql "$DB" "SELECT e.key FROM events e JOIN event_members m ON m.event_id = e.id GROUP BY e.id HAVING count(*) > 1 AND e.event LIKE '%same strike%' LIMIT 1")
mention=$(sql "$DB" "SELECT m.mention_id FROM event_members m JOIN events e ON e.id = m.event_id WHERE e.key = '$merged' ORDER BY m.mention_id DESC LIMIT 1")
run_vigil edit split "$merged" --mention "$mention" --db "$DB"
expect_eq "split: one event more" "$before" "$(sql "$DB" "SELECT count(*) FROM events")"
run_vigil edit split "$merged" --mention 999999999 --db "$DB"
expect_eq "split of a foreign mention exits 2" 2 "$RC"
expect_eq "integrity" ok "$(sql "$DB" 'PRAGMA integrity_check')"

# Incremental: half the corpus, then the rest, gives the ledger of one run.
project() {
  "$VIGIL" export --db "$1" --format jsonl | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    keys = sorted(m["key"] for m in e["mentions"])
    k = e["killed"]["best"] if e["killed"] else None
    print(e["id"], e["type"], e["status"], e["date_start"], (e["place"] or {}).get("name"), k,
          e["reports"], e["origins"], len(e["flags"]), ",".join(keys))
' | sort
}
ONE="$WORK/one.db"
INC="$WORK/inc.db"
"$VIGIL" ingest -q --db "$ONE" "$CORPUS" 2>/dev/null
mapfile -t files < <(find "$CORPUS" -type f ! -name '*.md' ! -name '*.gold.json' | sort)
half=$(( ${#files[@]} / 2 ))
"$VIGIL" ingest -q --db "$INC" "${files[@]:0:$half}" 2>/dev/null || true
"$VIGIL" ingest --db "$INC" "${files[@]:$half}" 2>"$WORK/inc.err" || true
expect_eq "same documents" "$(sql "$ONE" 'SELECT count(*) FROM documents')" "$(sql "$INC" 'SELECT count(*) FROM documents')"
if diff <(project "$ONE") <(project "$INC") > "$WORK/diff"; then
  pass "incremental ledger equals the one-run ledger"
else
  fail "incremental ledger differs:"; head -20 "$WORK/diff" >&2
fi
# The second resolution rebuilt only what the second half touched.
summary=$(grep 'vigil: resolved' "$WORK/inc.err")
unchanged=$(sed -E 's/.* ([0-9]+) unchanged.*/\1/' <<<"$summary")
if [ -n "$unchanged" ] && [ "$unchanged" -gt 0 ]; then
  pass "second resolution kept $unchanged unchanged event(s)"
else
  fail "second resolution kept no event: $summary"
fi
# Byte for byte: the incrementally kept ledger equals a full rebuild of the
# same database, also after corrections, and a resolution with nothing new
# writes nothing and leaves the last-changed time alone.
"$VIGIL" export --db "$INC" -o "$WORK/inc.jsonl"
stamp=$(sql "$INC" "SELECT value FROM ledger_state WHERE key = 'updated_at'")
sleep 1.1
run_vigil resolve --db "$INC"
expect_contains "nothing new: nothing written" "0 event(s) written, 0 removed" "$ERR"
expect_eq "nothing new: last-changed time kept" "$stamp" "$(sql "$INC" "SELECT value FROM ledger_state WHERE key = 'updated_at'")"
run_vigil resolve --db "$INC" --full
"$VIGIL" export --db "$INC" -o "$WORK/full.jsonl"
if cmp -s "$WORK/inc.jsonl" "$WORK/full.jsonl"; then
  pass "incremental export equals --full export, byte for byte"
else
  fail "incremental and full exports differ"; diff <(head -c 3000 "$WORK/inc.jsonl") <(head -c 3000 "$WORK/full.jsonl") | head -5 >&2
fi
victim=$(sql "$INC" "SELECT key FROM events WHERE reports > 1 ORDER BY key LIMIT 1")
run_vigil edit reject "$victim" --db "$INC" --note "test"
run_vigil edit set "$victim" killed 7 --db "$INC" --note "test"
"$VIGIL" export --db "$INC" -o "$WORK/inc2.jsonl"
run_vigil resolve --db "$INC" --full
"$VIGIL" export --db "$INC" -o "$WORK/full2.jsonl"
if cmp -s "$WORK/inc2.jsonl" "$WORK/full2.jsonl" && ! cmp -s "$WORK/inc.jsonl" "$WORK/inc2.jsonl"; then
  pass "after corrections, incremental export equals --full export"
else
  fail "after corrections, incremental and full exports differ (or the corrections changed nothing)"
fi
finish
