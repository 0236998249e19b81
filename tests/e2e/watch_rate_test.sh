# Throughput: one `vigil watch --once` over 200 feeds (each with one new
# article) on 20 hosts of a loopback fixture server, within the per-host
# limits: at most 2 requests at once per host and request starts 500 ms
# apart. That is 420 requests (200 feeds, 200 pages, 20 robots.txt); the
# politeness interval, not the CPU, sets the pace: ~11 s here, so 200 feeds
# per minute holds at the default 1 s interval over 10 or more hosts. A
# second poll finds every feed unchanged (304) and fetches no page.
source "$(dirname "$0")/lib.sh"

SITE="$WORK/site"
LOG="$WORK/requests.jsonl"
mkdir -p "$SITE/feeds" "$SITE/pages"
: > "$LOG"
# The system's Python (scripts/setup.sh installs python3-brotli for it).
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
"$PY" "$VIGIL_SOURCE_DIR/tests/e2e/feed_server.py" --root "$SITE" --log "$LOG" \
  --ports-file "$WORK/ports" --count 20 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 100); do [ -s "$WORK/ports" ] && break; sleep 0.05; done
read -r -a PORTS < "$WORK/ports"
expect_eq "20 ports listening" 20 "${#PORTS[@]}"

python3 - "$SITE" "${PORTS[@]}" > "$WORK/feeds.txt" <<'PY'
import sys
site, ports = sys.argv[1], sys.argv[2:]
places = ["the Caribbean", "the eastern Pacific", "Sinaloa", "Culiacán", "the Gulf of Mexico"]
for i in range(200):
    port = ports[i % len(ports)]
    host = f"http://127.0.0.1:{port}"
    day = 1 + i % 28
    place = places[i % len(places)]
    with open(f"{site}/pages/{i}.html", "w") as f:
        f.write(f"""<!DOCTYPE html><html lang="en"><head><title>Report {i}</title>
<meta name="date" content="2025-10-{day:02d}"></head><body><article>
<h1>Report {i}: strike near {place}</h1>
<p>A strike on a vessel near {place} killed {i % 7 + 1} people on Tuesday, officials said in report number {i}.</p>
<p>The military said the vessel was carrying drugs. No evidence was given for report {i}.</p>
</article></body></html>""")
    with open(f"{site}/feeds/{i}.xml", "w") as f:
        f.write(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {i}</title>
<item><guid>item-{i}</guid><link>{host}/pages/{i}.html</link><title>Report {i}</title></item>
</channel></rss>""")
    print(f"{host}/feeds/{i}.xml outlet=\"Outlet {i % 10}\"")
PY
echo "User-agent: *" > "$SITE/robots.txt"

DB="$WORK/rate.db"
start=$(date +%s.%N)
/usr/bin/time -f "%U %S %M" -o "$WORK/time" \
  "$VIGIL" watch --db "$DB" --feeds "$WORK/feeds.txt" --once --json --quiet \
  --host-interval 500ms --host-connections 2 > "$WORK/out" 2> "$WORK/err" || true
elapsed=$(python3 -c "print(round($(date +%s.%N) - $start, 2))")
read -r user sys maxrss < "$WORK/time"
echo "poll of 200 feeds: ${elapsed}s wall, ${user}s user + ${sys}s system CPU, ${maxrss} KB peak"
cat "$WORK/err" | head -5
OUT=$(cat "$WORK/out")
expect_contains "200 documents stored" '"documents_stored":200' "$OUT"
expect_contains "no feed failed" '"feeds_failed":0' "$OUT"
expect_eq "200 documents in the store" 200 "$(sql "$DB" 'SELECT count(*) FROM documents')"
expect_eq "mentions extracted from every page" 200 \
  "$(sql "$DB" "SELECT count(DISTINCT doc_id) FROM event_mentions WHERE type = 'ASSAULT'")"
expect_eq "outlet from the feeds file" 20 "$(sql "$DB" "SELECT count(*) FROM documents d JOIN outlets o ON o.id = d.outlet_id WHERE o.name = 'Outlet 3'")"
expect_eq "200 feeds within a minute" 1 "$(python3 -c "print(1 if $elapsed < 60 else 0)")"
expect_eq "CPU well under the wall time on 2 cores" 1 \
  "$(python3 -c "print(1 if $user + $sys < 30 else 0)")"

# Per port, from the server's log: most requests in flight at once, and
# the least gap between two request starts.
limits() {
  "$PY" - "$LOG" <<'PY'
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
worst_conc, worst_gap = 0, 1e9
for port in {e["port"] for e in log}:
    es = sorted((e for e in log if e["port"] == port), key=lambda e: e["start"])
    for i, e in enumerate(es):
        conc = 1 + sum(1 for o in es if o is not e and o["start"] <= e["start"] < o["end"] - 0.005)
        worst_conc = max(worst_conc, conc)
        if i: worst_gap = min(worst_gap, e["start"] - es[i - 1]["start"])
print(worst_conc, "%.3f" % worst_gap)
PY
}
read -r conc gap <<<"$(limits)"
echo "per host: at most $conc request(s) at once; starts at least ${gap}s apart"
expect_eq "at most 2 requests at once per host" 1 "$([ "$conc" -le 2 ] && echo 1 || echo 0)"
# 500 ms between starts as Vigil sends them; the server sees a few ms of jitter.
expect_eq "request starts per host about 500 ms apart" 1 "$(python3 -c "print(1 if $gap >= 0.45 else 0)")"
expect_eq "robots.txt once per host" 20 "$(grep -c '"/robots.txt"' "$LOG")"

# Concurrency: 8 feeds on one host that each take 400 ms to answer, with
# no interval: exactly 2 requests run at once, never 3.
H0="http://127.0.0.1:${PORTS[0]}"
for i in $(seq 8); do echo "$H0/delay/400/feeds/0.xml?copy=$i"; done > "$WORK/slow-feeds.txt"
: > "$LOG"
run_vigil watch --db "$WORK/conc.db" --feeds "$WORK/slow-feeds.txt" --once --json --quiet \
  --host-interval 0 --host-connections 2
expect_eq "slow feeds poll exits 0" 0 "$RC"
read -r conc2 _ <<<"$(limits)"
echo "8 slow feeds on one host: at most $conc2 request(s) at once"
expect_eq "two requests at once to a slow host, not more" 2 "$conc2"

# Second poll: nothing changed.
pages_before=$(grep -c '"/pages/' "$LOG" || true)
run_vigil watch --db "$DB" --feeds "$WORK/feeds.txt" --once --json --quiet --host-interval 500ms
expect_eq "second poll exits 0" 0 "$RC"
expect_contains "every feed not modified" '"feeds_not_modified":200' "$OUT"
expect_eq "no page fetched again" "$pages_before" "$(grep -c '"/pages/' "$LOG" || true)"
expect_eq "still 200 documents" 200 "$(sql "$DB" 'SELECT count(*) FROM documents')"
finish
