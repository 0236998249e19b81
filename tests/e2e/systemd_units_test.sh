# examples/systemd/vigil-watch.{service,timer} pass `systemd-analyze verify`
# (systemd, from scripts/setup.sh) with no warning: no unknown key or
# section, a valid timer and a command that exists. The units name
# /usr/local/bin/vigil; the copies checked here name the binary under test.
# No running systemd is needed: verify only loads the files.
source "$(dirname "$0")/lib.sh"

if ! command -v systemd-analyze >/dev/null 2>&1; then
  echo "skip: systemd-analyze not installed (scripts/setup.sh installs systemd)"
  exit 77
fi
UNITS="$WORK/units"
mkdir -p "$UNITS"
cp "$VIGIL_SOURCE_DIR"/examples/systemd/vigil-watch.service \
   "$VIGIL_SOURCE_DIR"/examples/systemd/vigil-watch.timer "$UNITS/"
expect_contains "the service runs /usr/local/bin/vigil watch --once" \
  "ExecStart=/usr/local/bin/vigil watch --once" "$(cat "$UNITS/vigil-watch.service")"
sed -i "s#/usr/local/bin/vigil #$VIGIL #" "$UNITS/vigil-watch.service"

verify() {  # verify UNIT...: output of systemd-analyze verify in $OUT, status in $RC
  set +e
  OUT=$(cd "$UNITS" && SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$@" 2>&1)
  RC=$?
  set -e
}
verify "$UNITS/vigil-watch.service" "$UNITS/vigil-watch.timer"
expect_eq "verify exits 0" 0 "$RC"
expect_eq "verify has nothing to say" "" "$OUT"

# The check can fail: a misspelt key and a missing binary are reported.
sed 's/^Nice=10/Nicety=10/; s#^ExecStart=[^ ]*#ExecStart=/nonexistent/vigil#' \
  "$UNITS/vigil-watch.service" > "$UNITS/broken-watch.service"
verify "$UNITS/broken-watch.service"
expect_contains "a misspelt key is reported" "Unknown key 'Nicety'" "$OUT"
expect_contains "a missing binary is reported" "/nonexistent/vigil" "$OUT"
finish
