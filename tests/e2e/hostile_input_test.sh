# Hostile and broken input: pathological HTML (unclosed tags everywhere, a
# 10 MB attribute value, entity floods), billion-laughs and external
# entities in HTML and XHTML (never expanded, never fetched), JSON with huge
# numbers, deep nesting and duplicate keys, impossible dates, absurd figures,
# text of only emoji or only right-to-left script, a 100,000-sentence
# document, mixed encodings and compression bombs.
#
# Every case is ingested between two good documents. Each must end with a
# clear one-line error naming the file, or a sensible stored result; within
# a time and a peak-memory bound (/usr/bin/time); with both good documents
# stored and the database intact; exit status 1 exactly when something was
# skipped. The bounds hold for the sanitizer build too.
source "$(dirname "$0")/lib.sh"

H="$WORK/hostile"
mkdir -p "$H"
printf 'title: Good one\n\nA strike in the Caribbean killed three people, officials said.\n' > "$H/good1.txt"
printf 'title: Good two\n\nMexico sent 10,000 troops to the border in February.\n' > "$H/good2.txt"

# A listener on loopback that records every connection: a parser that
# fetched an external entity or DTD would show up here.
PORT_FILE="$WORK/port"
CONN_LOG="$WORK/connections"
: > "$CONN_LOG"
python3 - "$PORT_FILE" "$CONN_LOG" <<'PY' &
import socket, sys
s = socket.socket()
s.bind(("127.0.0.1", 0))
s.listen(16)
open(sys.argv[1] + ".tmp", "w").write(str(s.getsockname()[1]))
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
while True:
    c, addr = s.accept()
    with open(sys.argv[2], "a") as f:
        f.write("connection from %s\n" % (addr,))
    c.close()
PY
LISTENER=$!
trap 'kill $LISTENER 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 50); do [ -s "$PORT_FILE" ] && break; sleep 0.1; done
PORT=$(cat "$PORT_FILE")

python3 - "$H" "$PORT" <<'PY'
import sys
d, port = sys.argv[1], sys.argv[2]
STRIKE = "A strike killed three people near the coast on Tuesday, officials said."
def w(name, data, mode="w"):
    with open(d + "/" + name, mode) as f:
        f.write(data)

# HTML.
w("unclosed.html", "<html><head><title>Unclosed</title><body>" +
  "".join("<div><p><b><i><span><table><tr><td><li>" + STRIKE + " " for _ in range(20000)))
w("bigattr.html", '<html><head><title>Big attribute</title></head><body><article><p title="' +
  "A" * (10 << 20) + '">' + STRIKE + "</p></article></body></html>")
w("bigattr_open.html", '<html><head><title>Open attribute</title></head><body><article><p title="' +
  "A" * (10 << 20) + ">" + STRIKE + "</p></article></body></html>")
w("entities.html", "<html><head><title>Entities</title></head><body><article><p>" +
  "&amp;&#x41;&nbsp;&#1114111;&#0;&#xD800;&#99999999999;&bogus;" * 200000 + " " + STRIKE +
  "</p></article></body></html>")
laughs = "".join('<!ENTITY lol%d "%s">\n' % (i + 1, ("&lol%d;" % i if i else "lol") * 10)
                 for i in range(9))
w("laughs.html", "<!DOCTYPE html [\n" + laughs + "]>\n<html><head><title>Laughs</title></head>"
  "<body><article><p>&lol9; " + STRIKE + "</p></article></body></html>")
w("laughs.xhtml", '<?xml version="1.0"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
  '"http://127.0.0.1:%s/xhtml1-strict.dtd" [\n' % port + laughs +
  ']>\n<html xmlns="http://www.w3.org/1999/xhtml"><head><title>Laughs X</title></head>'
  "<body><article><p>&lol9; " + STRIKE + "</p></article></body></html>")
w("xxe.xhtml", '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY file SYSTEM "file:///etc/passwd">'
  '<!ENTITY net SYSTEM "http://127.0.0.1:%s/entity"><!ENTITY %% pe SYSTEM '
  '"http://127.0.0.1:%s/pe"> %%pe;]>\n' % (port, port) +
  '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>XXE</title>'
  '<link rel="stylesheet" href="http://127.0.0.1:%s/style.css"/></head><body><article>'
  '<p>&file; &net; ' % port + STRIKE + '</p><img src="http://127.0.0.1:%s/i.png"/>' % port +
  "</article></body></html>")

# JSON.
lines = [
    '{"title":"Huge integer","id":123456789012345678901234567890,"text":"%s"}' % STRIKE,
    '{"title":"Huge exponent","id":1e999999,"text":"%s"}' % STRIKE,
    '{"title":"Deep array","x":' + "[" * 100000 + "]" * 100000 + ',"text":"%s"}' % STRIKE,
    '{"title":"Deep object","x":' + '{"a":' * 5000 + "1" + "}" * 5000 + ',"text":"%s"}' % STRIKE,
    '{"title":"Duplicate keys","text":"First text: a strike killed two people.",'
    '"text":"Second text: a strike killed nine people.","title":"Second title"}',
    '{"title":"February 31","published":"2025-02-31","text":"%s"}' % STRIKE,
    '{"title":"Year 99999","published":"99999-01-01","text":"%s"}' % STRIKE,
]
w("json_cases.jsonl", "\n".join(lines) + "\n")
w("deep.json", "[" * 200000 + "]" * 200000)

# Dates and figures.
w("dates.txt", "title: Impossible dates\ndate: 31 February 2025\n\n"
  "A strike on 31 February killed two people. Another strike on Feb. 30, 2025 killed one. "
  "In the year 99999 a strike killed four people. On 0/0/0000 a strike killed five.\n")
w("figures.txt", "title: Absurd figures\ndate: 2025-11-03\n\n"
  "A strike on Monday killed 10,000,000,000,000 people, the ministry claimed. "
  "Another strike killed 99999999999999999999999999 people. "
  "The 99999999999999999999th strike killed 18446744073709551617 people. "
  "99999999999 sources said a strike killed 2 people.\n")

# Scripts.
w("emoji.txt", "\U0001F4A5\U0001F6A2\U0001F480 " * 2000 + "\n")
w("emoji_zwj.txt", "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 "
  "\U0001F3F3\uFE0F\u200D\U0001F308 " * 1000 + "\n")
w("arabic.txt", "title: \u0647\u062c\u0648\u0645\n\n" + (
  "\u0642\u062a\u0644 \u062b\u0644\u0627\u062b\u0629 \u0623\u0634\u062e\u0627\u0635 \u0641\u064a "
  "\u063a\u0627\u0631\u0629 \u0639\u0644\u0649 \u0642\u0627\u0631\u0628 \u0641\u064a "
  "\u0627\u0644\u0628\u062d\u0631 \u0627\u0644\u0643\u0627\u0631\u064a\u0628\u064a\u060c "
  "\u0642\u0627\u0644 \u0645\u0633\u0624\u0648\u0644\u0648\u0646. ") * 200 + "\n")
w("hebrew_bidi.txt", ("\u200F\u05EA\u05E7\u05D9\u05E4\u05D4 \u05D4\u05E8\u05D2\u05D4 "
  "\u05E9\u05DC\u05D5\u05E9\u05D4 \u05D0\u05E0\u05E9\u05D9\u05DD\u202E reversed \u202C. ") * 300 + "\n")

# 100,000 sentences, about one in five reporting a strike.
other = ["The council met again on Tuesday to discuss the harbour.",
         "Residents said the road had been closed since the storm.",
         "The ministry published its annual report on fisheries.",
         "Officials declined to say when the bridge would reopen."]
with open(d + "/sentences100k.txt", "w") as f:
    f.write("title: A very long document\ndate: 2025-11-03\n\n")
    for i in range(100000):
        if i % 5 == 0:
            f.write("A strike near the coast killed %d people on Tuesday, officials said. " % (i % 7 + 1))
        else:
            f.write(other[i % 4] + " ")
        if i % 40 == 39:
            f.write("\n\n")

# Encodings.
w("mixed.txt", b"title: Mixed\n\nThe strike near Culiac\xe1n (Latin-1) and near Culiac\xc3\xa1n "
  b"(UTF-8) killed two people. \x93Quoted\x94 in windows-1252.\n", "wb")
w("utf16.txt", "title: UTF-16\n\nA strike killed three people in Bogot\u00e1.\n".encode("utf-16"), "wb")
w("utf16be_nobom.txt", "A strike killed three people.\n".encode("utf-16-be"), "wb")
w("declared_utf8_is_latin1.html", b'<html><head><meta charset="utf-8"><title>Declared UTF-8</title>'
  b"</head><body><article><p>A strike near Culiac\xe1n killed two people on Tuesday, officials "
  b"said.</p></article></body></html>", "wb")
w("unknown_charset.html", b'<html><head><meta charset="x-no-such-charset"><title>Unknown charset'
  b"</title></head><body><article><p>A strike near Culiac\xc3\xa1n killed two people on Tuesday, "
  b"officials said.</p></article></body></html>", "wb")
PY

# Compression bombs: 256 MiB of one letter in 1.1 MB of gzip and 8 KB of
# zstd, as a text file and as a JSON Lines line without an end.
head -c 268435456 /dev/zero | tr '\0' 'a' | gzip -1 -c > "$H/bomb.txt.gz"
head -c 268435456 /dev/zero | tr '\0' 'a' | zstd -q -c > "$H/bomb.jsonl.zst"

# hostile NAME MAX_SECONDS MAX_KB FILE... : ingests FILE(s) between the two
# good documents into a fresh database, within the bounds; leaves $OUT,
# $ERR, $RC and $CASE_DB.
hostile() {
  local name=$1 max_s=$2 max_kb=$3; shift 3
  CASE_DB="$WORK/$name.db"
  rm -f "$CASE_DB"*
  set +e
  /usr/bin/time -f '%e %M' -o "$WORK/time" \
    "$VIGIL" ingest --db "$CASE_DB" "$H/good1.txt" "$@" "$H/good2.txt" >/dev/null 2>"$WORK/stderr"
  RC=$?
  set -e
  ERR=$(cat "$WORK/stderr")
  read -r secs kb < <(tail -1 "$WORK/time")
  echo "$name: exit $RC, ${secs} s, peak ${kb} KB"
  if [ "$RC" -ne 0 ] && [ "$RC" -ne 1 ]; then fail "$name: exit $RC (crash?)"; echo "$ERR" | tail -5 >&2; fi
  if awk -v s="$secs" -v m="$max_s" 'BEGIN { exit !(s <= m) }'; then pass "$name: time ${secs} s <= ${max_s} s"
  else fail "$name: took ${secs} s (bound ${max_s} s)"; fi
  if [ "$kb" -le "$max_kb" ]; then pass "$name: memory ${kb} KB <= ${max_kb} KB"
  else fail "$name: peak memory ${kb} KB (bound ${max_kb} KB)"; fi
  expect_eq "$name: good documents kept" 2 \
    "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE title IN ('Good one','Good two')")"
  expect_eq "$name: integrity" ok "$(sql "$CASE_DB" 'PRAGMA integrity_check')"
  local skipped
  skipped=$(grep -c '^vigil: skipped: ' <<<"$ERR" || true)
  if [ "$skipped" -gt 0 ]; then expect_eq "$name: exit 1 when skipped" 1 "$RC"
  else expect_eq "$name: exit 0 when nothing skipped" 0 "$RC"; fi
}
# text_of TITLE: the stored text of the document with that title.
text_of() { sql "$CASE_DB" "SELECT text FROM documents WHERE title = '$1'"; }

# --- HTML ----------------------------------------------------------------
hostile unclosed 60 400000 "$H/unclosed.html"
expect_contains "unclosed: article text kept" "A strike killed three people" "$(text_of Unclosed)"
expect_contains "unclosed: the cut is reported with the file" \
  "unclosed.html: html: elements nested deeper than" "$ERR"

hostile bigattr 60 400000 "$H/bigattr.html"
expect_contains "10 MB attribute: paragraph kept" "A strike killed three people" "$(text_of 'Big attribute')"
expect_eq "10 MB attribute: value not in the text" 0 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE instr(text, 'AAAAAAAA') > 0")"

hostile bigattr_open 60 400000 "$H/bigattr_open.html"
expect_contains "unterminated 10 MB attribute: named" "bigattr_open.html: " "$ERR"

hostile entities 120 1000000 "$H/entities.html"
expect_eq "entity flood: stored" 1 "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE title = 'Entities'")"
expect_eq "entity flood: text is valid UTF-8 without NUL" 0 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE instr(text, char(0)) > 0")"

hostile laughs 30 300000 "$H/laughs.html" "$H/laughs.xhtml" "$H/xxe.xhtml"
for t in Laughs 'Laughs X' XXE; do
  txt=$(text_of "$t")
  expect_contains "$t: article kept" "A strike killed three people" "$txt"
  if [ "${#txt}" -lt 5000 ]; then pass "$t: entities not expanded (${#txt} bytes of text)"
  else fail "$t: ${#txt} bytes of text: entities expanded"; fi
  expect_not_contains "$t: no lollol" "lollol" "$txt"
done
expect_not_contains "XXE: /etc/passwd not read" "root:" "$(text_of XXE)"

hostile bombs 60 400000 "$H/bomb.txt.gz" "$H/bomb.jsonl.zst"
expect_contains "gzip bomb: stopped at the size limit, named" \
  "bomb.txt.gz: document larger than the 32.0 MiB limit" "$ERR"
expect_contains "zstd bomb: the endless line skipped, named" \
  "bomb.jsonl.zst:1: longer than the 32.0 MiB limit" "$ERR"

# --- JSON ----------------------------------------------------------------
hostile json 30 300000 "$H/json_cases.jsonl" "$H/deep.json"
expect_eq "huge numbers: records kept, ids as written" \
  "123456789012345678901234567890|1e999999" \
  "$(sql "$CASE_DB" "SELECT group_concat(external_id, '|') FROM (SELECT external_id FROM documents WHERE title LIKE 'Huge%' ORDER BY id)")"
expect_contains "huge numbers: noted" "json_cases.jsonl:1: a number too large to represent" "$ERR"
expect_contains "deep array: named with its line" "json_cases.jsonl:3: invalid JSON (The JSON document was too deep" "$ERR"
expect_contains "deep object: named with its line" "json_cases.jsonl:4: invalid JSON" "$ERR"
expect_contains "200,000-deep file: named" "deep.json: invalid JSON" "$ERR"
expect_not_contains "deep: not called truncated" "json_cases.jsonl:3: invalid JSON (The JSON document was too deep (too many nested objects and arrays)); is the line truncated" "$ERR"
expect_eq "duplicate keys: the first value wins" "Duplicate keys|First text: a strike killed two people." \
  "$(sql "$CASE_DB" "SELECT title, substr(text, instr(text, 'First'), 39) FROM documents WHERE title = 'Duplicate keys'")"
expect_eq "impossible published dates: stored without a date" "February 31||Year 99999|" \
  "$(sql "$CASE_DB" "SELECT group_concat(title || '|' || coalesce(published, ''), '|') FROM (SELECT title, published FROM documents WHERE title IN ('February 31', 'Year 99999') ORDER BY id)")"
expect_contains "impossible published date: noted" 'unrecognised "published" value ignored: 2025-02-31' "$ERR"

# --- Dates and figures ---------------------------------------------------
hostile dates 30 300000 "$H/dates.txt" "$H/figures.txt"
expect_eq "date: 31 February: no publication date" "" \
  "$(sql "$CASE_DB" "SELECT coalesce(published, '') FROM documents WHERE title = 'Impossible dates'")"
expect_contains "date: 31 February: noted" "dates.txt: unrecognised date ignored: 31 February 2025" "$ERR"
expect_eq "date: line not kept as body text" 0 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE instr(text, 'date: 31') > 0")"
expect_eq "every resolved event date is a real day" 0 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM event_mentions WHERE date_start IS NOT NULL AND (date(date_start) IS NOT date_start OR date(date_end) IS NOT date_end OR date_end < date_start)")"
expect_eq "years are not death tolls" 0 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM event_mentions WHERE killed IN (2025, 99999)")"
expect_eq "absurd figures: no death toll above the world's population" 0 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM event_mentions WHERE killed > 9e9 OR killed_high > 9e9")"
expect_eq "absurd figures: the plausible toll is kept" 1 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE d.title = 'Absurd figures' AND m.killed = 2")"
if python3 - "$CASE_DB" <<'PY'
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for (m,) in db.execute("SELECT mention FROM event_mentions"):
    json.loads(m)
PY
then pass "absurd figures: every stored mention is valid JSON"; else fail "absurd figures: invalid mention JSON"; fi

# --- Scripts ---------------------------------------------------------------
hostile scripts 30 300000 "$H/emoji.txt" "$H/emoji_zwj.txt" "$H/arabic.txt" "$H/hebrew_bidi.txt"
expect_eq "emoji, Arabic, Hebrew: all stored" 6 "$(sql "$CASE_DB" 'SELECT count(*) FROM documents')"
expect_eq "emoji only: stored as written" 1 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE origin LIKE '%/emoji.txt' AND length(text) = 7999")"
expect_eq "Arabic: detected" ar "$(sql "$CASE_DB" "SELECT language FROM documents WHERE origin LIKE '%/arabic.txt'")"
expect_eq "Hebrew with bidi controls: stored with its sentences" 1 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents d WHERE origin LIKE '%/hebrew_bidi.txt' AND (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) > 0")"
expect_eq "no events in scripts Vigil does not read" 0 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE d.title NOT IN ('Good one', 'Good two')")"

# --- 100,000 sentences -----------------------------------------------------
hostile sentences100k 120 1500000 "$H/sentences100k.txt"
expect_eq "100,000 sentences: every sentence stored" 100000 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM sentences s JOIN documents d ON d.id = s.doc_id WHERE d.title = 'A very long document'")"
expect_eq "100,000 sentences: one strike in five" 20000 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM event_mentions m JOIN documents d ON d.id = m.doc_id WHERE d.title = 'A very long document' AND m.type = 'ASSAULT'")"

# --- Encodings -------------------------------------------------------------
hostile encodings 30 300000 "$H/mixed.txt" "$H/utf16.txt" "$H/utf16be_nobom.txt" \
  "$H/declared_utf8_is_latin1.html" "$H/unknown_charset.html"
expect_contains "mixed: repaired and reported with its byte" "mixed.txt: invalid UTF-8 at byte" "$ERR"
expect_eq "mixed: the UTF-8 half intact" 1 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE title = 'Mixed' AND instr(text, 'Culiacán (UTF-8)') > 0")"
expect_eq "UTF-16 with BOM: decoded" 1 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE title = 'UTF-16' AND instr(text, 'Bogotá') > 0")"
expect_contains "UTF-16 without BOM: skipped as binary, named" "utf16be_nobom.txt: binary content" "$ERR"
expect_eq "HTML with wrong or unknown charsets: stored" 2 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE title IN ('Declared UTF-8', 'Unknown charset')")"
if python3 - "$CASE_DB" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.text_factory = bytes
for (t,) in db.execute("SELECT text FROM documents"):
    t.decode("utf-8")  # raises on invalid UTF-8
PY
then pass "encodings: every stored text is valid UTF-8"; else fail "encodings: invalid UTF-8 stored"; fi

# --- Everything at once ----------------------------------------------------
hostile all_at_once 300 1500000 "$H"
expect_eq "all at once: every document that can be read is stored" 24 \
  "$(sql "$CASE_DB" 'SELECT count(*) FROM documents')"

expect_eq "nothing was fetched from the network" "" "$(cat "$CONN_LOG")"
finish
