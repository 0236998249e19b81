# A reader and a writer at once: `vigil stats`, `vigil docs` and
# `vigil mentions` run in a loop while `vigil ingest` writes the same
# database. No reader may fail ("database is locked" or anything else), and
# none may see a torn state: every answer must
# be the state after some whole number of committed batches. Since batches
# commit in input order, that state is the first N documents of an unhindered
# run, and everything a reader prints is checked against that run's first N:
# document count never decreasing, sentence and mention totals, the sums per
# outlet and format, each listed document's sentence count, and the mentions
# of the newest document.
source "$(dirname "$0")/lib.sh"

N_DOCS=${CONCURRENT_DOCS:-2000}
python3 "$(dirname "$0")/gen_corpus.py" "$WORK/corpus" "$N_DOCS" 5
REF="$WORK/ref.db"
"$VIGIL" ingest --db "$REF" --quiet --batch 16 "$WORK/corpus"
expect_eq "reference run stores every document" "$N_DOCS" "$(sql "$REF" 'SELECT count(*) FROM documents')"

DB="$WORK/live.db"
"$VIGIL" ingest --db "$DB" --quiet --batch 16 "$WORK/corpus" 2>"$WORK/ingest.err" &
INGEST=$!

set +e
python3 - "$VIGIL" "$DB" "$REF" "$INGEST" <<'PY'
import json, os, sqlite3, subprocess, sys, time
vigil, db, ref, ingest_pid = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
r = sqlite3.connect(ref)
sent = dict(r.execute("SELECT d.id, (SELECT count(*) FROM sentences s WHERE s.doc_id = d.id) FROM documents d"))
ment = dict(r.execute("SELECT d.id, (SELECT count(*) FROM event_mentions m WHERE m.doc_id = d.id) FROM documents d"))
n_ref = len(sent)
cum_sent, cum_ment = [0] * (n_ref + 1), [0] * (n_ref + 1)
for i in range(1, n_ref + 1):
    cum_sent[i] = cum_sent[i - 1] + sent[i]
    cum_ment[i] = cum_ment[i - 1] + ment[i]

failures = []
def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg, file=sys.stderr)

def run(*args):
    p = subprocess.run([vigil, *args, "--db", db], capture_output=True, text=True)
    if p.returncode != 0 or p.stderr.strip():
        fail("%s: exit %d: %s" % (args[0], p.returncode, p.stderr.strip()[:300]))
        return None
    return p.stdout

def alive():
    try:
        pid, _ = os.waitpid(ingest_pid, os.WNOHANG)
    except ChildProcessError:
        pid = 0
    return os.path.exists("/proc/%d" % ingest_pid) and pid == 0

# Reading commands refuse a database that does not exist yet (they never
# create one): start once the ingest has created the file.
deadline = time.time() + 30
while not os.path.exists(db) and time.time() < deadline:
    time.sleep(0.005)

seen_docs, rounds, rounds_during, partial = 0, 0, 0, 0
last_docs = 0
after = 2  # rounds after the ingest has finished
while after > 0 and len(failures) < 10:
    during = alive()
    if not during:
        after -= 1
    rounds += 1
    rounds_during += during
    out = run("stats", "--format", "json")
    if out is not None and out.strip():
        s = json.loads(out)
        n = s["documents"]
        if n < last_docs:
            fail("stats: documents went from %d down to %d" % (last_docs, n))
        last_docs = max(last_docs, n)
        if 0 < n < n_ref:
            partial += 1
        if n > n_ref or s["sentences"] != cum_sent[n] or s["event_mentions"] != cum_ment[n] \
                or sum(s["by_outlet"].values()) != n or sum(s["by_format"].values()) != n \
                or sum(s["by_language"].values()) != n:
            fail("stats: torn read: %d documents but %d sentences (want %d), %d mentions (want %d), "
                 "%d by outlet" % (n, s["sentences"], cum_sent[min(n, n_ref)], s["event_mentions"],
                                   cum_ment[min(n, n_ref)], sum(s["by_outlet"].values())))
    out = run("docs", "--format", "jsonl", "--limit", "1000000")
    if out is not None:
        docs = [json.loads(l) for l in out.splitlines() if l.strip()]
        ids = sorted(d["id"] for d in docs)
        if ids != list(range(1, len(ids) + 1)):
            fail("docs: ids are not the first %d documents" % len(ids))
        if len(ids) < seen_docs:
            fail("docs: listed %d documents after %d" % (len(ids), seen_docs))
        seen_docs = max(seen_docs, len(ids))
        for d in docs:
            if d["sentences"] != sent.get(d["id"]) or d["sentences"] == 0:
                fail("docs: document %d listed with %s sentences (want %s)" %
                     (d["id"], d["sentences"], sent.get(d["id"])))
                break
        if ids:
            last = ids[-1]
            out = run("mentions", "--doc", str(last), "--format", "jsonl", "--limit", "100000")
            if out is not None:
                got = len([l for l in out.splitlines() if l.strip()])
                if got != ment[last]:
                    fail("mentions: document %d shows %d mentions (want %d)" % (last, got, ment[last]))
print("reader: %d rounds, %d while the ingest ran, %d saw a partly ingested database, %d failures"
      % (rounds, rounds_during, partial, len(failures)))
if partial < 3:
    fail("the reader saw a partly ingested database only %d times: no real overlap" % partial)
sys.exit(1 if failures else 0)
PY
READER_RC=$?
wait "$INGEST"
INGEST_RC=$?
set -e
expect_eq "reader: no failures, no torn reads" 0 "$READER_RC"
expect_eq "ingest: exit 0 with readers around" 0 "$INGEST_RC"
expect_eq "ingest: no errors" "" "$(cat "$WORK/ingest.err")"
expect_eq "ingest: every document stored" "$N_DOCS" "$(sql "$DB" 'SELECT count(*) FROM documents')"
expect_eq "integrity" ok "$(sql "$DB" 'PRAGMA integrity_check')"

# Readers opening a database that the first ingest is creating: both sides
# migrate the new file and switch it to WAL. That raced ("table outlets
# already exists", "database is locked") until the migration re-read the
# schema version under its lock and the switch to WAL retried.
first=$(ls "$WORK/corpus" | head -1)
: > "$WORK/race.err"
for round in $(seq 1 15); do
  rm -f "$WORK/race.db"*
  "$VIGIL" ingest --db "$WORK/race.db" --quiet "$WORK/corpus/$first" 2>>"$WORK/race.err" &
  for _ in 1 2 3; do "$VIGIL" stats --db "$WORK/race.db" >/dev/null 2>>"$WORK/race.err" & done
  wait
done
# A reader that comes before the file exists is told so ("no such
# database"), which is right; any other message is a race.
expect_eq "new database opened by an ingest and three readers at once, 15 times: no errors" "" \
  "$(grep -v 'no such database' "$WORK/race.err" | sort | uniq -c)"
finish
