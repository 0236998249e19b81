# vigil watch and vigil feeds against a fixture HTTP server on loopback
# (tests/e2e/feed_server.py): feeds that change, 304s, a slow server, 500s
# then recovery, a redirect loop, a 50 MB body, malformed XML, a page that is
# gone, robots.txt, duplicate items across feeds, one story under two URLs.
# The documents stored after each poll are checked, and a watch run must
# store exactly what `vigil ingest` stores from the same HTML files and
# build the same ledger from them.
source "$(dirname "$0")/lib.sh"

SITE="$WORK/site"
mkdir -p "$SITE/feeds" "$SITE/pages" "$SITE/private"
LOG="$WORK/requests.jsonl"
: > "$LOG"
# The system's Python (scripts/setup.sh installs python3-brotli for it).
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
"$PY" "$VIGIL_SOURCE_DIR/tests/e2e/feed_server.py" --root "$SITE" --log "$LOG" \
  --ports-file "$WORK/ports" --count 2 --slow 3 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -s "$WORK/ports" ] && break; sleep 0.05; done
read -r PORT PORT2 < "$WORK/ports"
H="http://127.0.0.1:$PORT"
H2="http://127.0.0.1:$PORT2"

# Pages: the sample corpus's HTML articles, served as they are.
for f in "$CORPUS"/3[0-6]_html_*.html; do
  n=$(basename "$f" | cut -c1-2)
  cp "$f" "$SITE/pages/$n.html"
done
printf 'User-agent: *\nDisallow: /private/\n' > "$SITE/robots.txt"
echo '<html><body><p>Never fetched.</p></body></html>' > "$SITE/private/secret.html"
cp "$SITE/pages/34.html" "$SITE/pages/34.pdf.html"
cat > "$SITE/pages/flaky.html" <<'EOF'
<html><head><title>Drone strike reported</title><meta name="date" content="2025-11-21"></head>
<body><article><h1>Drone strike reported</h1><p>A drone strike hit a vessel off the coast on Friday, a navy spokesman said.</p></article></body></html>
EOF

rss_item() {  # rss_item GUID LINK TITLE
  printf '<item><guid isPermaLink="false">%s</guid><link>%s</link><title>%s</title><pubDate>Mon, 03 Nov 2025 12:00:00 GMT</pubDate></item>\n' "$1" "$2" "$3"
}
rss() {  # rss TITLE ITEMS...
  local title=$1; shift
  printf '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>%s</title><link>%s/</link>\n' "$title" "$H"
  printf '%s' "$@"
  printf '</channel></rss>\n'
}

# Feed A (RSS, changes between polls): 30, 31 now; 33 is added later.
rss "Feed A" "$(rss_item a-30 "$H/pages/30.html" "Strike 30")" \
  "$(rss_item a-31 "$H/pages/31.html?utm_source=rss" "Plan 31")" > "$SITE/feeds/a.xml"
# Feed B (Atom, on the second port): 33 (also in A later), 32, a page that
# is gone, a page robots.txt forbids, and a page that is not HTML.
cat > "$SITE/feeds/b.atom" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Feed B</title>
<entry><id>b-33</id><title>Navy search</title><link href="$H/pages/33.html"/><updated>2025-10-29T10:00:00Z</updated></entry>
<entry><id>b-32</id><title>Tracker</title><link href="$H2/pages/32.html"/><updated>2025-11-17T10:00:00Z</updated></entry>
<entry><id>b-gone</id><title>Gone</title><link href="$H2/pages/removed.html"/></entry>
<entry><id>b-private</id><title>Private</title><link href="$H2/private/secret.html"/></entry>
<entry><id>b-pdf</id><title>A PDF</title><link href="$H2/typed/pdf/pages/34.pdf.html"/></entry>
</feed>
EOF
# Feed C (JSON Feed, gzip): story 35 under two URLs (the page and a mirror).
cat > "$SITE/feeds/c.json" <<EOF
{"version": "https://jsonfeed.org/version/1.1", "title": "Feed C", "items": [
 {"id": "c-35", "url": "$H/pages/35.html", "title": "Venezuela questions"},
 {"id": "c-35-mirror", "url": "$H2/mirror/pages/35.html", "title": "Venezuela questions (mirror)"},
 {"id": "c-flaky", "url": "$H2/flaky/3/pages/flaky.html", "title": "Fails three times"}]}
EOF
# Feed D: 500 twice, then fine (retries recover); its item arrives by redirect.
rss "Feed D" "$(rss_item d-36 "$H2/redirect/pages/36.html" "Suspects 36")" > "$SITE/feeds/d.xml"
# Feed M: malformed XML with bare '&', an undeclared entity and a tag left open.
cat > "$SITE/feeds/m.xml" <<EOF
<rss version="2.0"><channel><title>Q&A & more&nbsp;news</title>
<item><guid>m-34</guid><title>Trump &amp; Sheinbaum</title><link>$H/pages/34.html?a=1&amp;b=2</link>
<item><title>never closed <b>bold</title>
</channel>
EOF
# Feed E uses brotli; its item duplicates A's story 30 under the same URL.
rss "Feed E" "$(rss_item e-30 "$H/pages/30.html" "Strike 30 again")" > "$SITE/feeds/e.xml"
echo '<html><head><title>Home</title></head><body><p>Not a feed.</p></body></html>' > "$SITE/feeds/home.html"
# Feed N is served with Last-Modified and no ETag (/lm/): its conditional
# GET can only use If-Modified-Since. Its item repeats A's story 30.
rss "Feed N" "$(rss_item n-30 "$H/pages/30.html" "Strike 30 once more")" > "$SITE/feeds/n.xml"

cat > "$WORK/feeds.txt" <<EOF
# Fixture feeds (tests/e2e/watch_test.sh)
$H/feeds/a.xml
$H2/feeds/b.atom
$H/gz/feeds/c.json
$H2/flaky/2/feeds/d.xml
$H/feeds/m.xml
$H2/br/feeds/e.xml
$H/always500/feeds/x.xml
$H2/slow/feeds/a.xml
$H/loop/a
$H2/big
$H/big-length
$H/feeds/home.html
$H/feeds/missing.xml
$H2/lm/feeds/n.xml
EOF

DB="$WORK/watch.db"
WATCH=(watch --db "$DB" --feeds "$WORK/feeds.txt" --once --json --timeout 1s --retries 2
       --backoff 50ms --host-interval 100ms --max-body 2000000 --failing-backoff 0)

# The ledger's events that hold a mention of the document titled $1:
# type|status|date|place|killed|reports, one line per event.
events_of() {
  sql "$DB" "SELECT DISTINCT e.type, e.status, e.date_start, e.place_name, e.killed_best, e.reports
             FROM events e JOIN event_members em ON em.event_id = e.id
             JOIN event_mentions m ON m.id = em.mention_id
             JOIN documents d ON d.id = m.doc_id
             WHERE d.title = '$1' AND e.rejected = 0 ORDER BY e.type, e.date_start"
}
events() { sql "$DB" "SELECT count(*) FROM events WHERE rejected = 0"; }
# Every feed's row as `vigil feeds --format jsonl` gives it, checked against
# the poll's time span [$1, $2] (Unix seconds) and the files served:
# a feed polled in the span has last_poll in it; a healthy one has
# last_success = last_poll and the validators the server sent for its file
# (ETag: the first 16 hex digits of its SHA-1, except under /lm/; Last-
# Modified: its mtime), unless an item failed and waits for the next poll
# (then the old validators stay: checked below for feed C); a failing one
# has no success, its error at last_poll.
check_feeds() {
  "$VIGIL" feeds --db "$DB" --format jsonl > "$WORK/feeds.jsonl"
  "$PY" - "$1" "$2" "$SITE" "$WORK/feeds.jsonl" <<'PY'
import calendar, hashlib, json, os, re, sys, time
from email.utils import formatdate
t0, t1, site = float(sys.argv[1]), float(sys.argv[2]), sys.argv[3]
bad, checked = [], 0
def at(s):
    return calendar.timegm(time.strptime(s, "%Y-%m-%dT%H:%M:%SZ"))
for line in open(sys.argv[4]):
    checked += 1
    f = json.loads(line)
    url, path = f["url"], re.sub(r"^http://[^/]+", "", f["url"])
    if not (int(t0) <= at(f["last_poll"]) <= t1 + 1):
        bad.append("%s: last_poll %s outside the poll" % (url, f["last_poll"]))
    if f["failures"] == 0:
        if f["last_success"] != f["last_poll"] or f["last_error"] is not None:
            bad.append("%s: healthy, but last_success %s, last_error %s" % (url, f["last_success"], f["last_error"]))
        if f["items_failed"]:
            continue
        rel = re.sub(r"^/(gz|br|lm|flaky/\d+)/", "/", path)
        body = open(site + rel, "rb").read()
        etag = None if path.startswith("/lm/") else '"%s"' % hashlib.sha1(body).hexdigest()[:16]
        lm = formatdate(int(os.path.getmtime(site + rel)), usegmt=True)
        if f["etag"] != etag or f["last_modified"] != lm:
            bad.append("%s: validators %s %s, served %s %s" % (url, f["etag"], f["last_modified"], etag, lm))
    elif f["last_success"] is not None or f["last_error_at"] != f["last_poll"] or not f["last_error"]:
        bad.append("%s: failing, but last_success %s, last_error_at %s" % (url, f["last_success"], f["last_error_at"]))
print("\n".join(bad) if bad else "ok" if checked else "no feeds")
PY
}

# ---- Poll 1 ----
start=$(date +%s.%N)
t0=$(date +%s)
run_vigil "${WATCH[@]}"
t1=$(date +%s)
elapsed=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
echo "poll 1 took ${elapsed}s"; echo "$ERR" | sed 's/^/  | /'
expect_eq "poll with failing feeds exits 1" 1 "$RC"
expect_contains "summary counts feeds" '"feeds":14' "$OUT"
expect_contains "six feeds fail (500, slow, loop, 2x big, not a feed) and one is missing" '"feeds_failed":7' "$OUT"
docs() { sql "$DB" "SELECT count(*) FROM documents"; }
expect_eq "pages 30-36 stored once each" 7 "$(docs)"
expect_eq "every stored page is an HTML document with a title" 7 \
  "$(sql "$DB" "SELECT count(*) FROM documents WHERE format='html' AND title <> ''")"
expect_eq "extraction ran on the fetched pages" 1 "$(sql "$DB" "SELECT count(*) > 0 FROM event_mentions")"
expect_eq "the ledger was updated after the poll" 1 "$(sql "$DB" "SELECT count(*) > 0 FROM events")"
events1=$(events)
# The ledger after poll 1 (pages 30-36 only), compared at the end with the
# ledger that `vigil ingest` builds from the same files.
"$VIGIL" export --db "$DB" --format jsonl > "$WORK/watch-ledger.jsonl"
state() { sql "$DB" "SELECT state FROM feed_items WHERE item_key = '$1'"; }
expect_eq "gone page recorded" gone "$(state b-gone)"
expect_eq "robots.txt honoured" blocked "$(state b-private)"
expect_eq "non-HTML page rejected" rejected "$(state b-pdf)"
expect_eq "page 35 stored" stored "$(state c-35)"
expect_eq "page failing 3 times (with 2 retries) waits for the next poll" failed "$(state c-flaky)"
expect_eq "page 35 under a second URL is already present" present "$(state c-35-mirror)"
expect_eq "both URLs of story 35 point to one document" 1 \
  "$(sql "$DB" "SELECT count(DISTINCT doc_id) FROM feed_items WHERE item_key LIKE 'c-35%'")"
expect_eq "the same link in two feeds is one document" 1 \
  "$(sql "$DB" "SELECT count(DISTINCT doc_id) FROM feed_items WHERE item_key IN ('a-30','e-30')")"
expect_eq "malformed feed's item stored" stored "$(state m-34)"
expect_eq "flaky feed recovered by retries" 0 "$(sql "$DB" "SELECT failures FROM feeds WHERE url LIKE '%flaky%'")"
expect_eq "redirected item stored under its canonical URL" stored "$(state d-36)"
expect_eq "tracking parameters dropped from item links" "$H/pages/31.html" \
  "$(sql "$DB" "SELECT url FROM feed_items WHERE item_key = 'a-31'")"
err_of() { sql "$DB" "SELECT last_error FROM feeds WHERE url = '$1'"; }
expect_contains "500 feed error recorded" "HTTP 500 after 3 attempt(s)" "$(err_of "$H/always500/feeds/x.xml")"
expect_contains "slow feed timed out" "timed out" "$(err_of "$H2/slow/feeds/a.xml")"
expect_contains "redirect loop detected" "redirect loop" "$(err_of "$H/loop/a")"
expect_contains "50 MB chunked body refused" "larger than 2000000 bytes" "$(err_of "$H2/big")"
expect_contains "50 MB body with a length refused" "larger than 2000000 bytes" "$(err_of "$H/big-length")"
expect_contains "HTML page is not a feed" "not a feed" "$(err_of "$H/feeds/home.html")"
expect_contains "missing feed is a 404" "HTTP 404" "$(err_of "$H/feeds/missing.xml")"
expect_contains "stderr names the failing feed" "feed failed: $H/loop/a" "$ERR"
expect_contains "malformed XML reported as a warning" "malformed XML recovered" "$ERR"

# Requests, from the server's log.
reqs() { python3 - "$LOG" "$@" <<'PY'
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
what = sys.argv[2]
if what == "count":
    print(sum(1 for e in log if e["path"].startswith(sys.argv[3])))
elif what == "ua":
    print(sorted({e["ua"] for e in log}))
elif what == "status":
    print(sum(1 for e in log if e["path"].startswith(sys.argv[3]) and e["status"] == int(sys.argv[4])))
elif what == "ae":
    print(sorted({e["ae"] for e in log if e["path"].startswith(sys.argv[3])}))
elif what == "limits":
    # Per port: most requests in flight at once, and the least gap between
    # two request starts. The server logs a request's end after its last
    # write, a little after the client has it (5 ms allowed); requests the
    # client gave up on (the slow server, the big bodies) are left out of
    # the count, as the server goes on after the client has left.
    worst_conc, worst_gap = 0, 1e9
    for port in {e["port"] for e in log}:
        es = sorted((e for e in log if e["port"] == port), key=lambda e: e["start"])
        done = [e for e in es if e["status"] != 499 and not e["path"].startswith("/slow/")]
        for i, e in enumerate(es):
            conc = 1 + sum(1 for o in done if o is not e and o["start"] <= e["start"] < o["end"] - 0.005)
            worst_conc = max(worst_conc, conc)
            if i: worst_gap = min(worst_gap, e["start"] - es[i - 1]["start"])
    print(worst_conc, "%.3f" % worst_gap)
PY
}
expect_eq "User-Agent names Vigil and its version" 1 \
  "$(reqs ua | grep -c "Vigil/[0-9.]* (news event ledger")"
expect_eq "nothing under /private/ was requested" 0 "$(reqs count /private/)"
expect_eq "robots.txt fetched once per host" 2 "$(reqs count /robots.txt)"
expect_eq "500s retried: 3 attempts" 3 "$(reqs count /always500/)"
# The fixture logs a request when its handler ends, --slow (3) seconds after
# it began: the last timed-out attempt is logged up to 3 s after the poll
# returns. Wait for it (bounded) before counting.
for _ in $(seq 1 40); do
  [ "$(reqs count /slow/)" -ge 3 ] && break
  sleep 0.1
done
expect_eq "timeouts retried: 3 attempts" 3 "$(reqs count /slow/)"
expect_eq "404 page not retried" 1 "$(reqs count /pages/removed.html)"
expect_eq "each page fetched once, though linked from several items" 1 "$(reqs count /pages/30.html)"
expect_contains "brotli offered" "br" "$(reqs ae /br/)"
expect_eq "brotli-encoded feed decoded and read" duplicate "$(state e-30)"
expect_eq "gzip-encoded feed decoded and read" stored "$(state c-35)"
expect_eq "the server did send gzip and brotli" "1 1" \
  "$(python3 -c "import json; es=[json.loads(l) for l in open('$LOG')]; print(sum(e['ce']=='gzip' for e in es) >= 1, sum(e['ce']=='br' for e in es) >= 1)" | sed 's/True/1/g; s/False/0/g')"
read -r conc gap <<<"$(reqs limits)"
expect_eq "at most 2 requests at once per host" 1 "$([ "$conc" -le 2 ] && echo 1 || echo "0 ($conc)")"
echo "per host: at most $conc request(s) at once; request starts at least ${gap}s apart"
# Vigil spaces request starts 100 ms apart; the server sees them arrive with
# the jitter of connection set-up and thread start (a few ms), hence 80 ms.
expect_eq "request starts per host about 100 ms apart" 1 \
  "$(python3 -c "print(1 if $gap >= 0.080 else 0)")"

# vigil feeds: health.
run_vigil feeds --db "$DB"
expect_eq "feeds exits 0" 0 "$RC"
expect_contains "feeds lists a healthy feed" "ok" "$OUT"
expect_contains "feeds shows the last error" "redirect loop" "$OUT"
run_vigil feeds --db "$DB" --format jsonl
expect_eq "one JSON line per feed" 14 "$(echo "$OUT" | wc -l)"
expect_contains "items seen counted" "\"url\":\"$H/feeds/a.xml\",\"title\":\"Feed A\"" "$OUT"
expect_contains "feed A has 2 items seen" '"items_seen":2' "$(echo "$OUT" | grep "/feeds/a.xml\"")"
expect_eq "poll 1: last_poll, last_success and validators set and plausible" ok "$(check_feeds "$t0" "$t1")"
expect_eq "Last-Modified-only feed: no ETag stored" "NULL|Feed N" \
  "$(sql "$DB" "SELECT quote(etag), title FROM feeds WHERE url = '$H2/lm/feeds/n.xml'")"
expect_eq "Last-Modified-only feed's item read" duplicate "$(state n-30)"
expect_eq "a feed with a page to try again keeps its old (no) validators" "1|NULL|NULL" \
  "$(sql "$DB" "SELECT count(*), quote(etag), quote(last_modified) FROM feeds f JOIN feed_items i ON i.feed_id = f.id
                WHERE f.url = '$H/gz/feeds/c.json' AND i.state = 'failed'")"

# ---- Poll 2: feed A changed (adds 33, which B already brought) ----
before_pages=$(reqs count /pages/)
rss "Feed A" "$(rss_item a-30 "$H/pages/30.html" "Strike 30")" \
  "$(rss_item a-31 "$H/pages/31.html?utm_source=rss" "Plan 31")" \
  "$(rss_item a-33 "$H/pages/33.html" "Navy search")" > "$SITE/feeds/a.xml"
t0=$(date +%s)
run_vigil "${WATCH[@]}"
t1=$(date +%s)
expect_contains "feeds not modified answered 304" '"feeds_not_modified":' "$OUT"
expect_eq "one new document: the page that failed; 33 was already stored" 8 "$(docs)"
expect_eq "the failed page was tried again" stored "$(state c-flaky)"
expect_eq "its unchanged feed was fetched whole again, not 304" 2 "$(reqs status /gz/feeds/c.json 200)"
expect_eq "A's new item is a duplicate of B's" duplicate "$(state a-33)"
expect_eq "no page fetched again" "$before_pages" "$(reqs count /pages/)"
expect_eq "unchanged feed B answered 304" 1 "$(reqs status /feeds/b.atom 304)"
expect_eq "conditional GET sends the ETag" 1 \
  "$(python3 -c "import json,sys; print(sum(1 for l in open('$LOG') if json.loads(l)['path']=='/feeds/b.atom' and json.loads(l)['inm']))")"
expect_eq "failure count grows" 2 "$(sql "$DB" "SELECT failures FROM feeds WHERE url LIKE '%always500%'")"
lm_req() { python3 -c "
import json
es = [json.loads(l) for l in open('$LOG') if json.loads(l)['path'] == '/lm/feeds/n.xml']
print(len(es), es[-1]['status'], repr(es[-1]['inm']), es[-1]['ims'])"; }
expect_eq "Last-Modified-only feed: If-Modified-Since sent, no If-None-Match, 304" \
  "2 304 '' $(sql "$DB" "SELECT last_modified FROM feeds WHERE url = '$H2/lm/feeds/n.xml'")" "$(lm_req)"
expect_eq "poll 2: last_poll, last_success and validators set and plausible (A's new ETag, C's first)" ok \
  "$(check_feeds "$t0" "$t1")"
expect_eq "feed C, its page stored, now has validators" 1 \
  "$(sql "$DB" "SELECT etag LIKE '\"%\"' AND last_modified LIKE '%GMT' FROM feeds WHERE url = '$H/gz/feeds/c.json'")"
# The ledger after poll 2: the page stored now (a drone strike on a vessel,
# dated by its page) adds one event; nothing else changes.
expect_eq "poll 2: one event more" $((events1 + 1)) "$(events)"
expect_eq "poll 2: the new page's strike is in the ledger" "ASSAULT|occurred|2025-11-21|||1" \
  "$(events_of "Drone strike reported")"
events2=$(events)

# ---- Poll 3: a new page appears in feed A; a gone page stays gone ----
cat > "$SITE/pages/plain.html" <<'EOF'
<html><head><title>Boat strike kills two</title><meta name="date" content="2025-11-20"></head>
<body><article><h1>Boat strike kills two</h1><p>A US strike on a boat in the eastern Pacific killed two people on Thursday, officials said.</p><p>It was the latest of many such strikes.</p></article></body></html>
EOF
rss "Feed A" "$(rss_item a-30 "$H/pages/30.html" "Strike 30")" \
  "$(rss_item a-plain "$H/pages/plain.html" "Boat strike kills two")" > "$SITE/feeds/a.xml"
# A new feed with outlet, lang and a keyword filter: k1 mentions the keyword
# only in its article, k2 nowhere, k3 in the feed's title.
page() {  # page NAME SENTENCE
  printf '<html><head><title>%s</title></head><body><article><h1>%s</h1><p>%s</p><p>Officials gave no further details on Tuesday.</p></article></body></html>\n' "$1" "$1" "$2" > "$SITE/pages/$1.html"
}
page k1 "Soldiers seized a cartel laboratory in Sinaloa, the army said."
page k2 "The harvest festival opened in the town square."
page k3 "Troops were sent to the border."
rss "Feed K" "$(rss_item k-1 "$H2/pages/k1.html" "Army raid")" \
  "$(rss_item k-2 "$H2/pages/k2.html" "Festival")" \
  "$(rss_item k-3 "$H2/pages/k3.html" "Cartel border deployment")" > "$SITE/feeds/k.xml"
echo "$H2/feeds/k.xml outlet=\"Keyword Desk\" lang=es keywords=\"cartel, cártel\"" >> "$WORK/feeds.txt"
t0=$(date +%s)
run_vigil "${WATCH[@]}"
t1=$(date +%s)
expect_contains "three new documents" '"documents_stored":3' "$OUT"
expect_contains "one item filtered" '"filtered":1' "$OUT"
expect_eq "11 documents" 11 "$(docs)"
expect_eq "feed C now answers 304" 1 "$(reqs status /gz/feeds/c.json 304)"
expect_eq "keyword found in the article" stored "$(state k-1)"
expect_eq "keyword found nowhere" filtered "$(state k-2)"
expect_eq "keyword found in the feed" stored "$(state k-3)"
expect_eq "feed's outlet applies to its documents" 2 \
  "$(sql "$DB" "SELECT count(*) FROM documents d JOIN outlets o ON o.id = d.outlet_id WHERE o.name = 'Keyword Desk'")"
expect_eq "feed's lang declared for pages without one" "es" \
  "$(sql "$DB" "SELECT lang_declared FROM documents WHERE url = '$H2/pages/k1.html'")"
expect_eq "a page without a canonical link keeps the fetched URL" "$H/pages/plain.html" \
  "$(sql "$DB" "SELECT url FROM documents WHERE title = 'Boat strike kills two'")"
expect_eq "gone page not requested again" 1 "$(reqs count /pages/removed.html)"
expect_eq "integrity" ok "$(sql "$DB" 'PRAGMA integrity_check')"
expect_eq "poll 3: last_poll, last_success and validators set and plausible" ok "$(check_feeds "$t0" "$t1")"
# The ledger after poll 3: the boat strike that killed two in the eastern
# Pacific, reported by two pages now (poll 2's drone strike on a vessel the
# day after is taken for the same strike), and the seizure in Sinaloa; the
# troops sent to the border are no event.
echo "poll 3 events:"; events_of "Boat strike kills two" | sed 's/^/  | /'
expect_eq "poll 3: the boat strike is one event" 1 "$(events_of "Boat strike kills two" | wc -l)"
expect_contains "poll 3: the boat strike killed two in the eastern Pacific on 2025-11-20" \
  "ASSAULT|occurred|2025-11-20|Eastern Pacific Ocean|2.0|" "$(events_of "Boat strike kills two")"
expect_eq "poll 3: the seizure in Sinaloa" "COERCE|occurred|Sinaloa" \
  "$(events_of k1 | cut -d'|' -f1,2,4)"
expect_eq "poll 3: no event from the page without one" "" "$(events_of k3)"
expect_eq "poll 3: one event more (the seizure; the boat strike joined poll 2's)" \
  $((events2 + 1)) "$(events)"
events3=$(events)
"$VIGIL" export --db "$DB" --format jsonl > "$WORK/ledger-3.jsonl"

# ---- Failing feeds back off: with the default 10 minutes, a feed that failed
# twice in a row is left out of the next poll ----
before_500=$(reqs count /always500/)
run_vigil watch --db "$DB" --feeds "$WORK/feeds.txt" --once --json --timeout 1s --retries 0 \
  --host-interval 10ms
expect_contains "failing feeds deferred" '"feeds_deferred":7' "$OUT"
expect_eq "deferred feed not requested" "$before_500" "$(reqs count /always500/)"

# ---- Without --once: polls every --interval until SIGTERM ----
"$VIGIL" watch --db "$DB" --feeds "$WORK/feeds.txt" --interval 300ms --json --quiet \
  --timeout 1s --retries 0 --host-interval 10ms --failing-backoff 0 > "$WORK/daemon.out" 2> "$WORK/daemon.err" &
DAEMON=$!
for _ in $(seq 200); do [ "$(wc -l < "$WORK/daemon.out")" -ge 2 ] && break; sleep 0.05; done
kill -TERM $DAEMON
set +e; wait $DAEMON; daemon_rc=$?; set -e
expect_eq "daemon polled at least twice" 1 "$([ "$(wc -l < "$WORK/daemon.out")" -ge 2 ] && echo 1 || echo 0)"
expect_eq "daemon stops cleanly on SIGTERM" 0 "$daemon_rc"
expect_eq "daemon stored nothing new" 11 "$(docs)"
"$VIGIL" export --db "$DB" --format jsonl > "$WORK/ledger-daemon.jsonl"
expect_eq "the deferred poll and the daemon left the ledger as poll 3 left it ($events3 events)" \
  "$events3 same" "$(events) $(cmp -s "$WORK/ledger-3.jsonl" "$WORK/ledger-daemon.jsonl" && echo same || echo differs)"

# ---- The same documents as `vigil ingest` of the same files ----
REF="$WORK/ingest.db"
mkdir -p "$WORK/files"
cp "$SITE"/pages/3[0-6].html "$WORK/files/"
run_vigil ingest --db "$REF" --quiet "$WORK/files"
expect_eq "reference ingest exits 0" 0 "$RC"
same() {
  sqlite3 -batch "$1" "
    SELECT d.content_hash, d.url, d.title, o.name, d.author, d.published, d.language,
           d.text, d.blocks, d.raw_size
    FROM documents d LEFT JOIN outlets o ON o.id = d.outlet_id
    WHERE d.url NOT LIKE 'http://127.0.0.1:%' ORDER BY d.content_hash;
    SELECT d.content_hash, m.idx, m.type, m.mode, m.status, m.date_start, m.place_name,
           m.killed, m.running_total, m.mention
    FROM event_mentions m JOIN documents d ON d.id = m.doc_id
    WHERE d.url NOT LIKE 'http://127.0.0.1:%' ORDER BY d.content_hash, m.idx;"
}
same "$DB" > "$WORK/watch.dump"
same "$REF" > "$WORK/ingest.dump"
if cmp -s "$WORK/watch.dump" "$WORK/ingest.dump"; then
  pass "watch stored the same documents and mentions as ingest"
else
  fail "watch and ingest differ:"; diff "$WORK/watch.dump" "$WORK/ingest.dump" | head -20 >&2
fi
"$VIGIL" export --db "$REF" --format jsonl > "$WORK/ingest-ledger.jsonl"
expect_eq "the ledgers hold events" 1 "$([ -s "$WORK/ingest-ledger.jsonl" ] && echo 1 || echo 0)"
# Watch stores pages in the order they arrive, ingest in file order: only
# the row ids of documents and mentions may differ (ledger_norm.py).
for l in watch ingest; do
  "$PY" "$VIGIL_SOURCE_DIR/tests/e2e/ledger_norm.py" "$WORK/$l-ledger.jsonl" > "$WORK/$l-ledger.norm"
done
if cmp -s "$WORK/watch-ledger.norm" "$WORK/ingest-ledger.norm"; then
  pass "watch built the same ledger as ingest ($(wc -l < "$WORK/ingest-ledger.jsonl") events)"
else
  fail "the ledgers differ:"
  diff "$WORK/watch-ledger.norm" "$WORK/ingest-ledger.norm" | cut -c1-300 | head -10 >&2
fi
expect_eq "reference holds 7 documents" 7 "$(sql "$REF" 'SELECT count(*) FROM documents')"

# ---- A page whose charset only the server's Content-Type gives ----
printf '<html><head><title>Puente</title></head><body><article><p>\x93Se inaugur\xf3 el puente,\x94 dijeron las autoridades de Michoac\xe1n \x96 sin m\xe1s detalles sobre la obra.</p></article></body></html>' \
  > "$SITE/pages/latin.html"
rss "Feed L" "$(rss_item l-1 "$H/typed/cp1252/pages/latin.html" "Puente")" > "$SITE/feeds/l.xml"
echo "$H/feeds/l.xml" > "$WORK/latin-feeds.txt"
run_vigil watch --db "$WORK/latin.db" --feeds "$WORK/latin-feeds.txt" --once --host-interval 10ms
expect_eq "windows-1252 page stored" 0 "$RC"
expect_contains "decoded by the server's charset" \
  "$(printf '\xe2\x80\x9cSe inaugur\xc3\xb3 el puente,\xe2\x80\x9d dijeron las autoridades de Michoac\xc3\xa1n \xe2\x80\x93')" \
  "$(sql "$WORK/latin.db" "SELECT text FROM documents")"

# ---- A host whose robots.txt answers 503 once: its page fails for now (not
# blocked for good) and is stored at the next poll ----
"$PY" "$VIGIL_SOURCE_DIR/tests/e2e/feed_server.py" --root "$SITE" --log "$WORK/robots-log.jsonl" \
  --ports-file "$WORK/ports3" --robots-fail 1 &
SERVER3=$!
trap 'kill $SERVER $SERVER3 2>/dev/null; [ -n "${KEEP_WORK:-}" ] || rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -s "$WORK/ports3" ] && break; sleep 0.05; done
H3="http://127.0.0.1:$(cat "$WORK/ports3")"
page later "A strike on a boat in the Caribbean killed three people, officials said."
rss "Feed R" "$(rss_item r-1 "$H3/pages/later.html" "Later")" > "$SITE/feeds/r.xml"
echo "$H/feeds/r.xml" > "$WORK/robots-feeds.txt"
RDB="$WORK/robots.db"
run_vigil watch --db "$RDB" --feeds "$WORK/robots-feeds.txt" --once --host-interval 10ms --retries 0
expect_eq "robots.txt unavailable: the page failed" 1 "$RC"
expect_eq "its item waits for the next poll" "failed|1" \
  "$(sql "$RDB" "SELECT state, attempts FROM feed_items WHERE item_key = 'r-1'")"
expect_contains "the error says robots.txt was unavailable, not that it forbids" \
  "robots.txt unavailable (HTTP 503); host skipped" "$(sql "$RDB" "SELECT error FROM feed_items WHERE item_key = 'r-1'")"
run_vigil watch --db "$RDB" --feeds "$WORK/robots-feeds.txt" --once --host-interval 10ms --retries 0
expect_eq "next poll: robots.txt answers, the page is stored" "0 stored" \
  "$RC $(sql "$RDB" "SELECT state FROM feed_items WHERE item_key = 'r-1'")"
expect_eq "robots.txt asked twice, the page once" "2 1" \
  "$(grep -c '"/robots.txt"' "$WORK/robots-log.jsonl") $(grep -c '"/pages/later.html"' "$WORK/robots-log.jsonl")"

# ---- Bad feeds file: named by file and line; the good lines still run ----
printf '%s\nnot-a-url\n%s unknown=1\n' "$H/feeds/a.xml" "$H/feeds/e.xml" > "$WORK/bad.txt"
run_vigil watch --db "$DB" --feeds "$WORK/bad.txt" --once --host-interval 10ms
expect_contains "bad line named" "bad.txt:2" "$ERR"
expect_contains "unknown key named" "bad.txt:3: unknown key" "$ERR"
expect_eq "bad feeds file exits 1" 1 "$RC"
run_vigil watch --db "$DB" --feeds "$WORK/nope.txt" --once
expect_eq "missing feeds file is fatal" 2 "$RC"

finish
