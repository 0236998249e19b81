#!/usr/bin/env bash
# The dashboard in Debian's chromium (tests/browser/dashboard_test.js) on a
# real server and a ledger ingested from examples/corpus, plus one document
# whose text holds markup that must be shown, not run; search, analyst
# corrections and what is new between two visits. Screenshots go to
# browser-artifacts/ beside the binary.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/serve_lib.sh"
[ -x /usr/bin/chromium ] || { echo "skip: /usr/bin/chromium missing (scripts/setup.sh installs it)"; exit 77; }
[ -d "$VIGIL_SOURCE_DIR/web/npm/node_modules/playwright-core" ] ||
  { echo "web/npm/node_modules/playwright-core missing: run scripts/setup.sh"; exit 1; }

DB="$WORK/ledger.db"
"$VIGIL" ingest --db "$DB" --quiet "$CORPUS" || true
cat >"$WORK/markup.txt" <<'DOC'
title: A <b>bold</b> claim <img src=x onerror="window.__vigilPwned=true">
date: 2025-11-21
outlet: Markup Test

<script>window.__vigilPwned = true</script> Officials said a strike killed 3 people off Venezuela on Thursday. <img src=x onerror="window.__vigilPwned=true">
DOC
"$VIGIL" ingest --db "$DB" --quiet "$WORK/markup.txt"
# A report that disagrees with the sample's toll of the Oct. 14 strike: the
# event page must show both figures side by side.
cat >"$WORK/disputed.txt" <<'DOC'
title: Trinidad official gives a lower toll for the Oct. 14 boat strike
date: 2025-10-16
outlet: Disputed Toll Test

PORT OF SPAIN — A U.S. strike on a boat off Venezuela on Oct. 14 killed five people, a Trinidadian official said on Thursday.
DOC
"$VIGIL" ingest --db "$DB" --quiet "$WORK/disputed.txt"
"$VIGIL" campaigns --db "$DB" --load "$VIGIL_SOURCE_DIR/examples/campaigns.ini" >/dev/null
XSS_ID=$(sql "$DB" "SELECT id FROM documents WHERE origin LIKE '%markup.txt'")

# With a token: the test also corrects the ledger from the event page and
# posts a document between two visits.
TOKEN=browser-test-token-$$
VIGIL_TOKEN=$TOKEN start_server "$DB"
ARTIFACTS="$(dirname "$VIGIL")/browser-artifacts"
set +e
VIGIL_TEST_TOKEN=$TOKEN node "$VIGIL_SOURCE_DIR/tests/browser/dashboard_test.js" "$SERVER_URL" "$ARTIFACTS" "$XSS_ID"
rc=$?
set -e
stop_servers
[ "$FAILURES" -eq 0 ] || rc=1
exit $rc
