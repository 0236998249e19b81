# Helpers shared by the end-to-end tests. Source it; it sets -euo pipefail,
# makes $WORK (removed on exit) and checks $VIGIL.
set -euo pipefail
: "${VIGIL:?VIGIL must name the vigil binary}"
: "${VIGIL_SOURCE_DIR:?}"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/vigil-e2e.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
CORPUS="$VIGIL_SOURCE_DIR/examples/corpus"
FAILURES=0

fail() { echo "FAIL: $*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { echo "ok: $*"; }

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
  if [ "$2" == "$3" ]; then pass "$1"; else fail "$1: expected [$2], got [$3]"; fi
}
# expect_contains WHAT NEEDLE HAYSTACK
expect_contains() {
  if grep -qF -- "$2" <<<"$3"; then pass "$1"; else fail "$1: [$2] not in output:"; echo "$3" | head -20 >&2; fi
}
expect_not_contains() {
  if grep -qF -- "$2" <<<"$3"; then fail "$1: [$2] unexpectedly in output"; else pass "$1"; fi
}
# run_vigil: runs vigil, capturing stdout in $OUT, stderr in $ERR, status in $RC.
run_vigil() {
  set +e
  OUT=$("$VIGIL" "$@" 2>"$WORK/stderr")
  RC=$?
  set -e
  ERR=$(cat "$WORK/stderr")
}
sql() { sqlite3 -batch -noheader "$1" "$2"; }
finish() {
  if [ "$FAILURES" -ne 0 ]; then echo "$FAILURES failure(s)" >&2; exit 1; fi
  echo "all passed"
}
