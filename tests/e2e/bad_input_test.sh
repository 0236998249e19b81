# Bad input: each case gets a one-line error naming the file (and line or
# byte), the bad document is skipped, everything else is kept, and the exit
# status is 1 when anything was skipped.
source "$(dirname "$0")/lib.sh"

B="$WORK/bad"
mkdir -p "$B"
good1="$B/good1.txt"; good2="$B/good2.txt"
printf 'title: Good one\n\nA strike in the Caribbean killed three people, officials said.\n' > "$good1"
printf 'title: Good two\n\nMexico sent 10,000 troops to the border in February.\n' > "$good2"

# ingest_case NAME FILE... : ingests two good files plus FILE(s), checks
# that both good ones are stored and returns with $OUT/$ERR/$RC set.
ingest_case() {
  local name=$1; shift
  local db="$WORK/$name.db"
  rm -f "$db"*
  run_vigil ingest --db "$db" "$good1" "$@" "$good2"
  expect_eq "$name: good documents kept" 2 \
    "$(sql "$db" "SELECT count(*) FROM documents WHERE title IN ('Good one','Good two')")"
  CASE_DB=$db
}

: > "$B/empty.txt"
ingest_case empty "$B/empty.txt"
expect_eq "empty: exit 1" 1 "$RC"
expect_contains "empty: named" "empty.txt: empty file" "$ERR"

head -c 4096 /dev/urandom > "$B/random.bin.txt"
printf '\x00\x01\x02\x03' >> "$B/random.bin.txt"
ingest_case binary "$B/random.bin.txt"
expect_eq "binary: exit 1" 1 "$RC"
expect_contains "binary: named" "random.bin.txt: binary content" "$ERR"

printf 'title: Broken bytes\n\nThe strike near Culiac\xe1n killed two people, and the \xff\xfe officials \xc3\xa1 said.\n' > "$B/invalid-utf8.txt"
ingest_case invalid_utf8 "$B/invalid-utf8.txt"
expect_eq "invalid UTF-8: repaired, not skipped (exit 0)" 0 "$RC"
expect_contains "invalid UTF-8: reported with byte offset" "invalid-utf8.txt: invalid UTF-8 at byte" "$ERR"
expect_eq "invalid UTF-8: stored with U+FFFD" 1 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE title='Broken bytes' AND instr(text, char(65533)) > 0")"

cat > "$B/batch.jsonl" <<'JSONL'
{"id":"a","title":"Line one","published":"2025-11-03","text":"A strike killed four people on Monday."}
{"id":"b","title":"Truncated","text":"This line stops in the mid
[1, 2, 3]
{"id":"c","title":"No text here","published":"2025-11-04"}
"just a string"
{"id":"d","title":"Line six","text":"Two survivors were repatriated to Colombia."}
JSONL
ingest_case jsonl "$B/batch.jsonl"
expect_eq "jsonl: exit 1" 1 "$RC"
expect_contains "jsonl: truncated line named" "batch.jsonl:2: invalid JSON" "$ERR"
expect_contains "jsonl: non-object named" "batch.jsonl:3: not a JSON object" "$ERR"
expect_contains "jsonl: missing text named" 'batch.jsonl:4: missing "text" or "html"' "$ERR"
expect_contains "jsonl: string line named" "batch.jsonl:5: not a JSON object" "$ERR"
expect_eq "jsonl: good lines kept" 2 \
  "$(sql "$CASE_DB" "SELECT count(*) FROM documents WHERE title IN ('Line one','Line six')")"

# A 500 MB single line, as text and as JSONL: skipped, memory bounded.
python3 - "$B" <<'PY'
import sys
d = sys.argv[1]
chunk = b"strike " * (1 << 17)  # 896 KiB, no newline
with open(d + "/huge.txt", "wb") as f:
    for _ in range(572): f.write(chunk)  # ~500 MB
with open(d + "/huge.jsonl", "wb") as f:
    f.write(b'{"title":"Before","text":"A strike killed three people."}\n')
    f.write(b'{"title":"Huge","text":"')
    for _ in range(572): f.write(chunk)
    f.write(b'"}\n')
    f.write(b'{"title":"After","text":"Another strike killed two people."}\n')
PY
set +e
/usr/bin/time -f '%M' -o "$WORK/rss" "$VIGIL" ingest --db "$WORK/huge.db" "$good1" "$B/huge.txt" "$B/huge.jsonl" "$good2" 2>"$WORK/stderr"
RC=$?
set -e
ERR=$(cat "$WORK/stderr")
rss_kb=$(tail -1 "$WORK/rss")
expect_eq "huge: exit 1" 1 "$RC"
expect_contains "huge text: named with the limit" "huge.txt: document larger than the 32.0 MiB limit" "$ERR"
expect_contains "huge jsonl: line named" "huge.jsonl:2: longer than the 32.0 MiB limit" "$ERR"
expect_eq "huge: lines before and after the huge one kept" 2 \
  "$(sql "$WORK/huge.db" "SELECT count(*) FROM documents WHERE title IN ('Before','After')")"
if [ "$rss_kb" -lt 400000 ]; then pass "huge: peak memory ${rss_kb} KB (bounded)"; else fail "huge: peak memory ${rss_kb} KB"; fi
rm -f "$B/huge.txt" "$B/huge.jsonl"

python3 -c "
import sys
n = 100000
sys.stdout.write('<html><head><title>Deep</title></head><body>' + '<div>' * n + '<p>A strike killed three people near the coast, officials said on Tuesday.</p>' + '</div>' * n + '</body></html>')
" > "$B/deep.html"
ingest_case deep_html "$B/deep.html"
if [ "$RC" -eq 0 ] || [ "$RC" -eq 1 ]; then pass "deep html: finished without crashing (exit $RC)"; else fail "deep html: exit $RC"; fi
if [ "$RC" -eq 1 ]; then expect_contains "deep html: named" "deep.html" "$ERR"; fi

gzip -c "$good1" | head -c 30 > "$B/corrupt.txt.gz"
printf 'garbage after the header' >> "$B/corrupt.txt.gz"
ingest_case corrupt_gzip "$B/corrupt.txt.gz"
expect_eq "corrupt gzip: exit 1" 1 "$RC"
expect_contains "corrupt gzip: named" "corrupt.txt.gz: corrupt gzip stream" "$ERR"
printf 'not gzip at all' > "$B/fake.txt.gz"
ingest_case fake_gzip "$B/fake.txt.gz"
expect_contains "not-gzip .gz: named" "fake.txt.gz: not a gzip file" "$ERR"

ingest_case missing "$B/does-not-exist.txt"
expect_eq "missing path: exit 1" 1 "$RC"
expect_contains "missing path: named" "does-not-exist.txt: no such file or directory" "$ERR"

# A directory without permission. Root reads everything, so run as nobody.
mkdir -p "$WORK/perm/locked" "$WORK/perm/open"
cp "$good1" "$WORK/perm/open/"
cp "$good2" "$WORK/perm/locked/"
chmod 000 "$WORK/perm/locked"
chmod 755 "$WORK" "$WORK/perm/open"
chmod 777 "$WORK/perm"
chmod 644 "$WORK/perm/open/good1.txt"
AS=()
PERM_VIGIL="$VIGIL"
if [ "$(id -u)" -eq 0 ]; then
  AS=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  # The build tree may sit where nobody cannot enter: run a copy of the
  # binary and its resource file from the work directory.
  mkdir -p "$WORK/bin"
  cp "$VIGIL" "$(dirname "$VIGIL")/vigil.res" "$WORK/bin/"
  chmod 755 "$WORK/bin" "$WORK/bin/vigil"
  chmod 644 "$WORK/bin/vigil.res"
  PERM_VIGIL="$WORK/bin/vigil"
fi
set +e
"${AS[@]}" "$PERM_VIGIL" ingest --db "$WORK/perm/p.db" "$WORK/perm" 2>"$WORK/stderr"
RC=$?
set -e
ERR=$(cat "$WORK/stderr")
chmod 755 "$WORK/perm/locked"
expect_eq "locked dir: exit 1" 1 "$RC"
expect_contains "locked dir: named" "perm/locked: cannot list directory: Permission denied" "$ERR"
expect_eq "locked dir: readable file kept" 1 "$(sql "$WORK/perm/p.db" 'SELECT count(*) FROM documents')"

# Everything at once, in one directory: every bad file named, good ones kept.
# good1.txt and good2.txt already live in $B.
run_vigil ingest --db "$WORK/all.db" "$B"
expect_eq "all at once: exit 1" 1 "$RC"
skips=$(grep -c '^vigil: skipped: ' <<<"$ERR" || true)
if [ "$skips" -ge 7 ]; then pass "all at once: $skips skips reported"; else fail "all at once: only $skips skips"; fi
expect_contains "all at once: summary line" "skipped" "$(tail -1 <<<"$ERR")"
expect_eq "all at once: integrity" ok "$(sql "$WORK/all.db" 'PRAGMA integrity_check')"

finish
