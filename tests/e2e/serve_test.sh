#!/usr/bin/env bash
# `vigil serve` against a real database ingested from examples/corpus, over
# real HTTP on a loopback port: every endpoint, paging and sorting, errors as
# JSON, security headers, the token, the limits, and SQL injection strings in
# every filter.
source "$(dirname "$0")/lib.sh"
command -v curl >/dev/null || { echo "curl missing (scripts/setup.sh installs it)"; exit 77; }
source "$(dirname "$0")/serve_lib.sh"

DB="$WORK/ledger.db"
"$VIGIL" ingest --db "$DB" --quiet "$CORPUS" || true
"$VIGIL" campaigns --db "$DB" --load "$VIGIL_SOURCE_DIR/examples/campaigns.ini" >/dev/null 2>&1
DOCS=$(sql "$DB" "SELECT count(*) FROM documents")
MENTIONS=$(sql "$DB" "SELECT count(*) FROM event_mentions")
[ "$DOCS" -gt 20 ] || { echo "ingest failed: $DOCS documents"; exit 1; }

# A server that was not given a token, and one that was (on a copy).
start_server "$DB"
RO="$SERVER_URL"
RO_PID="$SERVER_PID"
cp "$DB" "$WORK/rw.db"
VIGIL_TOKEN=s3cret-token start_server "$WORK/rw.db"
RW="$SERVER_URL"

# ---- binding ----------------------------------------------------------------
port=${RO##*:}; port=${port%/}
expect_contains "binds loopback by default" "127.0.0.1:$port" "$RO"
if command -v ss >/dev/null; then
  listen=$(ss -ltnH "sport = :$port" | awk '{print $4}')
  expect_eq "listens on 127.0.0.1 only" "127.0.0.1:$port" "$listen"
fi

# ---- endpoints --------------------------------------------------------------
get "$RO/api/stats"
expect_eq "stats: 200" 200 "$CODE"
expect_eq "stats: documents" "$DOCS" "$(jqn '.documents')"
expect_eq "stats: event mentions" "$MENTIONS" "$(jqn '.event_mentions')"

get "$RO/api/documents?limit=5"
expect_eq "documents: 200" 200 "$CODE"
expect_eq "documents: total" "$DOCS" "$(jqn '.total')"
expect_eq "documents: page size" 5 "$(jqn '.items.length')"
expect_eq "documents: first id" 1 "$(jqn '.items[0].id')"
get "$RO/api/documents?limit=5&offset=5"
expect_eq "documents: offset" 6 "$(jqn '.items[0].id')"
get "$RO/api/documents?sort=-published&limit=500"
expect_eq "documents: sorted by date, newest first" "$(sql "$DB" "SELECT max(published) FROM documents")" "$(jqn '.items[0].published')"
expect_eq "documents: sort keeps all" "$DOCS" "$(jqn '.items.length')"
get "$RO/api/documents?language=es"
expect_eq "documents: language filter" "$(sql "$DB" "SELECT count(*) FROM documents WHERE language='es'")" "$(jqn '.total')"
get "$RO/api/documents?from=2025-10-01&to=2025-10-31"
expect_eq "documents: date range" \
  "$(sql "$DB" "SELECT count(*) FROM documents WHERE substr(published,1,10) BETWEEN '2025-10-01' AND '2025-10-31'")" "$(jqn '.total')"
outlet=$(sql "$DB" "SELECT o.name FROM outlets o JOIN documents d ON d.outlet_id=o.id GROUP BY o.id ORDER BY count(*) DESC LIMIT 1")
get "$RO/api/documents?outlet=$(urlencode "$outlet")"
expect_eq "documents: outlet filter" \
  "$(sql "$DB" "SELECT count(*) FROM documents d JOIN outlets o ON o.id=d.outlet_id WHERE o.name='${outlet//\'/\'\'}'")" "$(jqn '.total')"

get "$RO/api/documents/1"
expect_eq "document: 200" 200 "$CODE"
expect_eq "document: text" "$(sql "$DB" "SELECT length(text) FROM documents WHERE id=1")" "$(jqn '.text.length')"
expect_eq "document: sentences" "$(sql "$DB" "SELECT count(*) FROM sentences WHERE doc_id=1")" "$(jqn '.sentence_list.length')"
expect_eq "document: mentions" "vigil.mentions/1" "$(jqn '.mentions.schema')"
expect_eq "document: blocks" true "$(jqn '.blocks.length > 0')"

get "$RO/api/outlets"
expect_eq "outlets: all" "$(sql "$DB" "SELECT count(*) FROM outlets")" "$(jqn '.items.length')"
expect_eq "outlets: documents add up" "$DOCS" \
  "$(( $(jqn '.items.reduce((a, o) => a + o.documents, 0)') + $(sql "$DB" "SELECT count(*) FROM documents WHERE outlet_id IS NULL") ))"

get "$RO/api/mentions?limit=500"
expect_eq "mentions: total" "$MENTIONS" "$(jqn '.total')"
get "$RO/api/mentions?type=ASSAULT&status=occurred&limit=500"
expect_eq "mentions: type and status" \
  "$(sql "$DB" "SELECT count(*) FROM event_mentions WHERE type='ASSAULT' AND status='occurred'")" "$(jqn '.total')"
expect_eq "mentions: every item matches" true "$(jqn '.items.every(m => m.type === "ASSAULT" && m.status === "occurred")')"
get "$RO/api/mentions?min_deaths=4&sort=-killed&limit=500"
expect_eq "mentions: min deaths" "$(sql "$DB" "SELECT count(*) FROM event_mentions WHERE killed >= 4")" "$(jqn '.total')"
expect_eq "mentions: sorted by deaths" "$(sql "$DB" "SELECT printf('%g', max(killed)) FROM event_mentions")" "$(jqn '.items[0].killed.value')"
get "$RO/api/mentions?from=2025-10-01&to=2025-10-31&limit=500"
expect_eq "mentions: date range" \
  "$(sql "$DB" "SELECT count(*) FROM event_mentions WHERE coalesce(date_end, date_start) >= '2025-10-01' AND date_start <= '2025-10-31'")" "$(jqn '.total')"
country=$(sql "$DB" "SELECT place_country FROM event_mentions WHERE place_country IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
get "$RO/api/mentions?country=$country&limit=500"
expect_eq "mentions: country" "$(sql "$DB" "SELECT count(*) FROM event_mentions WHERE place_country='$country'")" "$(jqn '.total')"
get "$RO/api/mentions?doc=1&limit=500"
expect_eq "mentions: one document" "$(sql "$DB" "SELECT count(*) FROM event_mentions WHERE doc_id=1")" "$(jqn '.total')"
id=$(sql "$DB" "SELECT id FROM event_mentions WHERE lat IS NOT NULL AND killed IS NOT NULL LIMIT 1")
get "$RO/api/mentions/$id"
expect_eq "mention: by id" "$id" "$(jqn '.id')"
expect_eq "mention: has a place with coordinates" true "$(jqn 'typeof .place.lat === "number"')"
expect_eq "mention: sentence text" true "$(jqn '.text.length > 0')"

# ---- the ledger: events, campaigns, exports ----------------------------------
EVENTS=$(sql "$DB" "SELECT count(*) FROM events WHERE rejected = 0")
get "$RO/api"
expect_eq "index lists events" true "$(jqn '.endpoints.includes("/api/events")')"
get "$RO/api/events?limit=500"
expect_eq "events: total" "$EVENTS" "$(jqn '.total')"
expect_eq "events: schema" "vigil.events/1" "$(jqn '.items[0].schema')"
get "$RO/api/events?type=ASSAULT&status=occurred&limit=500"
expect_eq "events: type and status" \
  "$(sql "$DB" "SELECT count(*) FROM events WHERE type='ASSAULT' AND status='occurred' AND rejected=0")" "$(jqn '.total')"
expect_eq "events: every item matches" true "$(jqn '.items.every(e => e.type === "ASSAULT" && e.status === "occurred")')"
get "$RO/api/events?min_deaths=5&sort=-killed&limit=500"
expect_eq "events: min deaths" "$(sql "$DB" "SELECT count(*) FROM events WHERE killed_best >= 5 AND rejected=0")" "$(jqn '.total')"
expect_eq "events: sorted by deaths" "$(sql "$DB" "SELECT printf('%g', max(killed_best)) FROM events WHERE rejected=0")" "$(jqn '.items[0].killed.best')"
get "$RO/api/events?bbox=-100,0,-50,30&limit=500"
expect_eq "events: bounding box" \
  "$(sql "$DB" "SELECT count(*) FROM events WHERE lat BETWEEN 0 AND 30 AND lon BETWEEN -100 AND -50 AND rejected=0")" "$(jqn '.total')"
get "$RO/api/events?mode=aerial&limit=500"
expect_eq "events: mode" "$(sql "$DB" "SELECT count(*) FROM events WHERE mode='aerial' AND rejected=0")" "$(jqn '.total')"
expect_eq "events: every item has the mode" true "$(jqn '.items.every(e => e.mode === "aerial")')"
get "$RO/api/events?from=2025-10-01&to=2025-10-31&limit=500"
expect_eq "events: date range (overlapping it)" \
  "$(sql "$DB" "SELECT count(*) FROM events WHERE COALESCE(date_end, date_start) >= '2025-10-01' AND date_start <= '2025-10-31' AND rejected=0")" "$(jqn '.total')"
expect_eq "events: every item overlaps the range" true \
  "$(jqn '.items.every(e => (e.date_end || e.date_start) >= "2025-10-01" && e.date_start <= "2025-10-31")')"
get "$RO/api/events?country=MX&limit=500"
expect_eq "events: country" "$(sql "$DB" "SELECT count(*) FROM events WHERE place_country='MX' AND rejected=0")" "$(jqn '.total')"
[ "$(jqn '.total')" -gt 0 ] && pass "events: the sample ledger has events in Mexico" || fail "events: no event in Mexico to filter"
get "$RO/api/events?campaign=us-boat-strikes&limit=500"
expect_eq "events: campaign" "$(sql "$DB" "SELECT count(*) FROM campaign_events c JOIN events e ON e.id = c.event_id WHERE c.campaign='us-boat-strikes' AND e.rejected=0")" "$(jqn '.total')"
key=$(sql "$DB" "SELECT key FROM events WHERE reports > 1 ORDER BY id LIMIT 1")
get "$RO/api/events/$key"
expect_eq "event: by id" "$key" "$(jqn '.id')"
expect_eq "event: its mentions" "$(sql "$DB" "SELECT reports FROM events WHERE key='$key'")" "$(jqn 'new Set(.mentions.map(m => m.doc_id)).size')"
check_error0() { get "$1"; expect_eq "$2" "$3" "$CODE"; }
check_error0 "$RO/api/events/E0000000000" "unknown event: 404" 404
check_error0 "$RO/api/events/nope" "bad event id: 400" 400
check_error0 "$RO/api/events?bbox=1,2,3" "bad bbox: 400" 400
check_error0 "$RO/api/events?sort=key" "bad event sort: 400" 400
get "$RO/api/campaigns"
expect_eq "campaigns" us-boat-strikes "$(jqn '.items[0].name')"
get "$RO/api/campaigns/us-boat-strikes/tally"
expect_eq "tally: campaign" us-boat-strikes "$(jqn '.campaign')"
expect_eq "tally: totals" true "$(jqn '.totals.length > 0')"
expect_eq "tally: same as the CLI" "$("$VIGIL" tally us-boat-strikes --db "$DB" --format json)" "$BODY"
check_error0 "$RO/api/campaigns/nothing/tally" "unknown campaign: 404" 404
get "$RO/api/export?format=csv"
expect_eq "export csv: a row per event" "$((EVENTS + 1))" "$(printf '%s\n' "$BODY" | grep -c .)"
expect_contains "export csv: attachment" "vigil-events.csv" "$(header content-disposition)"
expect_eq "export csv: same as the CLI" "$("$VIGIL" export --db "$DB" --format csv | md5sum)" "$(md5sum <"$WORK/body")"
get "$RO/api/export?format=geojson"
expect_eq "export geojson" FeatureCollection "$(jqn '.type')"
get "$RO/api/export?format=jsonl&type=ASSAULT"
expect_eq "export jsonl filtered" "$(sql "$DB" "SELECT count(*) FROM events WHERE type='ASSAULT' AND rejected=0")" "$(grep -c . "$WORK/body")"
get "$RO/api/export?format=plover"
expect_eq "export plover" "$EVENTS" "$(grep -c . "$WORK/body")"
check_error0 "$RO/api/export?format=xml" "bad export format: 400" 400

# ---- full-text search (q=) ----------------------------------------------------
# The same question asked of the tables: an event matches when a member's
# sentence or one of its documents' titles holds the word.
like_events() {
  sql "$DB" "SELECT count(*) FROM events WHERE rejected = 0 AND id IN (
    SELECT em.event_id FROM event_members em JOIN event_mentions m ON m.id = em.mention_id
    JOIN documents d ON d.id = m.doc_id
    WHERE lower(CAST(substr(CAST(d.text AS BLOB), m.begin + 1, m.end - m.begin) AS TEXT)) LIKE '%$1%'
       OR lower(d.title) LIKE '%$1%')"
}
for word in caribbean pacific hegseth; do
  get "$RO/api/events?q=$word&limit=1"
  expect_eq "search events: $word" "$(like_events "$word")" "$(jqn '.total')"
done
expect_eq "search: some events, not all" true "$(jqn ".total > 0 && .total < $EVENTS")"
get "$RO/api/events?q=CARIBBEAN&status=occurred&limit=500"
expect_eq "search and a filter" true "$(jqn '.items.every(e => e.status === "occurred")')"
get "$RO/api/documents?q=caribbean"
expect_eq "search documents" "$(sql "$DB" "SELECT count(*) FROM documents WHERE lower(text) LIKE '%caribbean%' OR lower(title) LIKE '%caribbean%'")" "$(jqn '.total')"
get "$RO/api/export?format=jsonl&q=caribbean"
expect_eq "search export" "$(like_events caribbean)" "$(grep -c . "$WORK/body")"
run_vigil events --db "$DB" --search caribbean --format jsonl
expect_eq "the CLI searches the same" "$(like_events caribbean)" "$(printf '%s\n' "$OUT" | grep -c .)"
run_vigil events --db "$DB" --search '"*"'
expect_eq "the CLI refuses an empty search" 2 "$RC"
expect_contains "and says why" "--search" "$ERR"
get "$RO/api/events?q=$(urlencode '"eastern pacific"')&limit=1"
phrase=$(jqn '.total')
get "$RO/api/events?q=$(urlencode 'eastern pacific')&limit=1"
expect_eq "a phrase finds no more than its words" true "$(jqn ".total >= $phrase && $phrase > 0")"
for q in 'NEAR(boat strike, 3)' '"' '*' 'AND OR NOT' '^boat' 'text:boat' '{text}: boat'          'boat"' "boat' --" '-' '-boat' "$(printf 'a\377')" "$(head -c 201 /dev/zero | tr '\000' 'q')"; do
  for ep in events documents export; do
    get "$RO/api/$ep?q=$(urlencode "$q")"
    case "$CODE" in
      200|400) ;;
      *) fail "search $ep q=[$q]: status $CODE" ;;
    esac
  done
done
pass "search syntax never fails the server (13 queries x 3 endpoints)"
get "$RO/api/events?q=$(urlencode '"*"')"
expect_eq "search with nothing to find: 400" 400 "$CODE"
expect_contains "the reason names q" '"q"' "$(jqn '.reason')"
get "$RO/api/documents?q=-boat"
expect_eq "search with only exclusions: 400" 400 "$CODE"

# ---- when things arrived --------------------------------------------------------
get "$RO/api/stats"
expect_eq "stats: when the ledger changed" "$(sql "$DB" "SELECT value FROM ledger_state WHERE key = 'updated_at'")" "$(jqn '.ledger_updated_at')"
expect_eq "stats: the last document" "$(sql "$DB" "SELECT max(ingested_at) FROM documents")" "$(jqn '.last_ingested_at')"
get "$RO/api/events/$key"
expect_eq "event: first ingested"   "$(sql "$DB" "SELECT min(d.ingested_at) FROM events e JOIN event_members em ON em.event_id = e.id JOIN event_mentions m ON m.id = em.mention_id JOIN documents d ON d.id = m.doc_id WHERE e.key = '$key'")"   "$(jqn '.first_ingested')"

# ---- the dashboard ----------------------------------------------------------
get "$RO/"
expect_eq "dashboard: 200" 200 "$CODE"
expect_contains "dashboard: html" "text/html" "$(header content-type)"
expect_not_contains "dashboard: no inline script" "<script>" "$BODY"
for asset in app.js style.css vendor/d3.min.js vendor/topojson-client.min.js vendor/countries-110m.json; do
  get "$RO/$asset"
  expect_eq "asset $asset" 200 "$CODE"
done
expect_contains "world map data" '"countries"' "$BODY"

# ---- errors are JSON with status and reason ---------------------------------
check_error() {  # WHAT EXPECTED_CODE URL [curl args...]
  local what=$1 code=$2 url=$3; shift 3
  get "$url" "$@"
  expect_eq "$what: status $code" "$code" "$CODE"
  expect_eq "$what: JSON status" "$code" "$(jqn '.status')"
  expect_eq "$what: has a reason" true "$(jqn 'typeof .reason === "string" && .reason.length > 0')"
}
check_error "unknown document" 404 "$RO/api/documents/999999"
check_error "bad id" 400 "$RO/api/documents/abc"
check_error "unknown endpoint" 404 "$RO/api/nothing"
check_error "unknown page" 404 "$RO/nothing.html"
check_error "page too large" 400 "$RO/api/documents?limit=100000"
check_error "limit zero" 400 "$RO/api/mentions?limit=0"
check_error "negative offset" 400 "$RO/api/mentions?offset=-1"
check_error "unknown parameter" 400 "$RO/api/documents?colour=red"
check_error "repeated parameter" 400 "$RO/api/documents?limit=1&limit=2"
check_error "bad date" 400 "$RO/api/documents?from=2025-13-01"
check_error "bad sort" 400 "$RO/api/documents?sort=content_hash"
check_error "bad boolean" 400 "$RO/api/mentions?running_total=maybe"
check_error "method" 405 "$RO/api/stats" -X DELETE
check_error "read-only" 403 "$RO/api/documents" -X POST -H 'Content-Type: application/json' --data '{"text":"x"}'
check_error "read-only corrections" 403 "$RO/api/events/$key/corrections" -X POST -H 'Content-Type: application/json' --data '{"action":"reject"}'
check_error "read-only undo" 403 "$RO/api/corrections/1" -X DELETE

# ---- security headers and CORS ----------------------------------------------
for url in "$RO/" "$RO/api/stats" "$RO/api/documents/999999" "$RO/app.js"; do
  get "$url" -H "Origin: http://evil.example"
  csp=$(header content-security-policy)
  expect_contains "CSP on $url" "script-src 'self'" "$csp"
  expect_contains "CSP frame-ancestors on $url" "frame-ancestors 'none'" "$csp"
  expect_not_contains "CSP without unsafe-inline on $url" "unsafe-inline" "$csp"
  expect_not_contains "CSP without unsafe-eval on $url" "unsafe-eval" "$csp"
  expect_eq "nosniff on $url" nosniff "$(header x-content-type-options)"
  expect_eq "no CORS on $url" "" "$(header access-control-allow-origin)"
done
get "$RO/api/stats" -X OPTIONS -H "Origin: http://evil.example" -H "Access-Control-Request-Method: GET"
expect_eq "no CORS preflight" "" "$(header access-control-allow-origin)"
expect_eq "API responses are not cached" no-store "$(header cache-control)"

# A page elsewhere that rebinds its name to 127.0.0.1 sends its own Host.
check_error "foreign Host header" 403 "$RO/api/stats" -H "Host: evil.example"
get "$RO/api/stats" -H "Host: localhost:$port"
expect_eq "localhost Host accepted" 200 "$CODE"

# ---- no file paths from requests --------------------------------------------
for p in "/../../../../etc/passwd" "/%2e%2e/%2e%2e/etc/passwd" "/vendor/..%2f..%2f..%2fetc%2fpasswd" \
         "/api/documents/..%2f..%2fetc%2fpasswd" "//etc/passwd"; do
  get "$RO$p" --path-as-is
  expect_not_contains "no file read for $p" "root:" "$BODY"
  [ "$CODE" = 200 ] && fail "path $p answered 200"
done

# ---- limits -----------------------------------------------------------------
long=$(head -c 5000 /dev/zero | tr '\0' 'a')
get "$RO/api/documents?outlet=$long"
expect_eq "query too long: 414" 414 "$CODE"
big=$(head -c 9000 /dev/zero | tr '\0' 'b')
get "$RO/api/stats" -H "X-Padding: $big"
case "$CODE" in 431|400) pass "oversized headers refused ($CODE)";; *) fail "oversized headers: got $CODE";; esac
pad=$(head -c 3000 /dev/zero | tr '\0' 'c')
get "$RO/api/stats" -H "X-Pad-1: $pad" -H "X-Pad-2: $pad" -H "X-Pad-3: $pad"
expect_eq "headers over 8 KiB in all: 431" 431 "$CODE"
get "$RO/api/stats"
expect_eq "still serving after oversized requests" 200 "$CODE"

# ---- SQL injection strings in every filter ----------------------------------
INJECTIONS=("' OR '1'='1" "1; DROP TABLE documents; --" "x' UNION SELECT name FROM sqlite_master --"
            "%' OR 1=1 --" "\") OR 1=1 --" "ASSAULT' --" "2025-01-01' OR '1'='1" "1 OR 1=1")
for inj in "${INJECTIONS[@]}"; do
  enc=$(urlencode "$inj")
  for url in "/api/documents?outlet=$enc" "/api/documents?language=$enc" "/api/documents?from=$enc" \
             "/api/documents?to=$enc" "/api/documents?sort=$enc" "/api/documents?limit=$enc" \
             "/api/documents?offset=$enc" "/api/mentions?type=$enc" "/api/mentions?status=$enc" \
             "/api/mentions?mode=$enc" "/api/mentions?outlet=$enc" "/api/mentions?country=$enc" \
             "/api/mentions?from=$enc" "/api/mentions?to=$enc" "/api/mentions?min_deaths=$enc" \
             "/api/mentions?doc=$enc" "/api/mentions?running_total=$enc" "/api/mentions?sort=$enc" \
             "/api/documents/$enc" "/api/mentions/$enc" "/api/events?type=$enc" \
             "/api/events?status=$enc" "/api/events?mode=$enc" "/api/events?campaign=$enc" \
             "/api/events?country=$enc" "/api/events?from=$enc" "/api/events?bbox=$enc" \
             "/api/events?min_deaths=$enc" "/api/events?sort=$enc" "/api/events/$enc" \
             "/api/campaigns/$enc/tally" "/api/export?format=$enc" "/api/export?type=$enc"; do
    get "$RO$url"
    case "$CODE" in
      400) ;;  # refused as malformed
      200|404) [ "$(jqn '.total ?? 0')" = 0 ] || fail "injection matched rows: $url" ;;
      *) fail "injection $url: status $CODE" ;;
    esac
  done
done
pass "injection strings refused or matched nothing (${#INJECTIONS[@]} strings x 33 filters)"
expect_eq "documents intact after injections" "$DOCS" "$(sql "$DB" "SELECT count(*) FROM documents")"
expect_eq "database intact" ok "$(sql "$DB" "PRAGMA integrity_check")"
expect_eq "events intact after injections" "$EVENTS" "$(sql "$DB" "SELECT count(*) FROM events WHERE rejected = 0")"

# ---- the token and posting a document ---------------------------------------
DOC='{"text":"Two people were killed on Tuesday when a US strike hit a boat in the Caribbean, officials said.","title":"Posted over the API","outlet":"Test Wire","published":"2025-11-20","url":"https://example.org/posted"}'
check_error "no token" 401 "$RW/api/documents" -X POST -H 'Content-Type: application/json' --data "$DOC"
expect_eq "WWW-Authenticate" Bearer "$(header www-authenticate)"
check_error "wrong token" 401 "$RW/api/documents" -X POST -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer s3cret-tokeN' --data "$DOC"
check_error "token prefix" 401 "$RW/api/documents" -X POST -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer s3cret' --data "$DOC"
check_error "not JSON" 415 "$RW/api/documents" -X POST -H 'Content-Type: text/plain' \
  -H 'Authorization: Bearer s3cret-token' --data "$DOC"
check_error "broken JSON" 400 "$RW/api/documents" -X POST -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer s3cret-token' --data '{"text": "unterminated'
check_error "no text" 400 "$RW/api/documents" -X POST -H 'Content-Type: application/json' \
  -H 'Authorization: Bearer s3cret-token' --data '{"title": "no body"}'
head -c 5000000 /dev/zero | tr '\0' 'x' | sed 's/^/{"text":"/; s/$/"}/' >"$WORK/big.json"
get "$RW/api/documents" -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer s3cret-token' \
  --data-binary "@$WORK/big.json"
expect_eq "body too large: 413" 413 "$CODE"

get "$RW/api/documents" -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer s3cret-token' --data "$DOC"
expect_eq "post: 201" 201 "$CODE"
expect_eq "post: inserted" inserted "$(jqn '.outcome')"
expect_eq "post: mentions extracted" true "$(jqn '.event_mentions >= 1')"
new_id=$(jqn '.id')
expect_eq "post: new id" "$((DOCS + 1))" "$new_id"
get "$RW/api/documents/$new_id"
expect_eq "posted document readable" "Posted over the API" "$(jqn '.title')"
get "$RW/api/mentions?doc=$new_id"
expect_eq "posted document's mentions stored" true "$(jqn '.total >= 1 && .items[0].type === "ASSAULT"')"
expect_eq "posted document's mentions name their event" true "$(jqn '.items.some(m => typeof m.event === "string" && m.event.startsWith("E"))')"
get "$RW/api/events?type=ASSAULT&limit=500&view=full"
expect_eq "posted document resolved into the ledger" true "$(jqn '.items.some(e => e.mentions.some(m => m.doc_id === '"$new_id"'))')"
get "$RW/api/documents" -X POST -H 'Content-Type: application/json' -H 'Authorization: Bearer s3cret-token' --data "$DOC"
expect_eq "post again: 200" 200 "$CODE"
expect_eq "post again: already present" already_present "$(jqn '.outcome')"
expect_eq "read-only copy untouched" "$DOCS" "$(sql "$DB" "SELECT count(*) FROM documents")"

# ---- analyst corrections (token) ----------------------------------------------
AUTH=(-H 'Authorization: Bearer s3cret-token')
get "$RW/api/events?limit=1"
rw_events=$(jqn '.total')
check_error "correction without token" 401 "$RW/api/events/$key/corrections" -X POST \
  -H 'Content-Type: application/json' --data '{"action":"reject"}'
check_error "correction, unknown action" 400 "$RW/api/events/$key/corrections" -X POST "${AUTH[@]}" \
  -H 'Content-Type: application/json' --data '{"action":"delete"}'
check_error "correction, not JSON" 415 "$RW/api/events/$key/corrections" -X POST "${AUTH[@]}" \
  -H 'Content-Type: text/plain' --data '{"action":"reject"}'
check_error "correction, unknown event" 404 "$RW/api/events/E0000000000/corrections" -X POST "${AUTH[@]}" \
  -H 'Content-Type: application/json' --data '{"action":"reject"}'
get "$RW/api/events/$key/corrections" -X POST "${AUTH[@]}" -H 'Content-Type: application/json' \
  --data '{"action":"reject","note":"e2e: not an event"}'
expect_eq "reject: 201" 201 "$CODE"
expect_eq "reject: the ledger was re-resolved" true "$(jqn '.ledger_updated')"
cid=$(jqn '.correction.id')
expect_eq "reject: stored" "reject|e2e: not an event" "$(sql "$WORK/rw.db" "SELECT action || '|' || note FROM corrections WHERE id = $cid")"
get "$RW/api/events?limit=1"
expect_eq "reject: one event fewer" "$((rw_events - 1))" "$(jqn '.total')"
get "$RW/api/events/$key"
expect_eq "reject: the event says so" true "$(jqn '.rejected')"
get "$RW/api/corrections"
expect_eq "corrections: listed with their event" "$key" "$(jqn '.items[0].events[0]')"
check_error "undo without token" 401 "$RW/api/corrections/$cid" -X DELETE
get "$RW/api/corrections/$cid" -X DELETE "${AUTH[@]}"
expect_eq "undo: 200" 200 "$CODE"
get "$RW/api/events?limit=1"
expect_eq "undo: the event is back" "$rw_events" "$(jqn '.total')"
check_error "undo twice" 404 "$RW/api/corrections/$cid" -X DELETE "${AUTH[@]}"
get "$RW/api/events/$key/corrections" -X POST "${AUTH[@]}" -H 'Content-Type: application/json' \
  --data '{"action":"set","field":"killed","value":42}'
expect_eq "set: 201" 201 "$CODE"
get "$RW/api/events/$key"
expect_eq "set: the figure" 42 "$(jqn '.killed.best')"
run_vigil edit list --db "$WORK/rw.db"
expect_contains "the CLI lists the API's correction" "killed=42" "$OUT"

# ---- errors at start-up -----------------------------------------------------
run_vigil serve --db "$WORK/missing.db" --port 0
expect_eq "missing database: exit 2" 2 "$RC"
expect_contains "missing database: says so" "missing.db" "$ERR"
run_vigil serve --db "$DB" --port "$port"
expect_eq "port in use: exit 2" 2 "$RC"
expect_contains "port in use: says so" "cannot bind" "$ERR"

stop_servers
finish
