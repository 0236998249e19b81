#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan, in build-fuzz/) and runs
# each for a bounded time, starting from the seeds in fuzz/corpus/<target>/.
#
#   fuzz/run.sh                    every target, FUZZ_SECONDS each
#   fuzz/run.sh html_reader text   only these
#
# Environment: FUZZ_SECONDS (per target, default 35: thirteen targets stay
# under 8 minutes), FUZZ_BUILD (default build-fuzz), WERROR (ON/OFF).
# What libFuzzer adds to the corpus is kept in $FUZZ_BUILD/fuzz-work/<target>/
# (never in the repository), so later runs start further on. A crash, leak,
# hang (-timeout) or out-of-memory stops the target, and the script prints
# the cause, the input (its first 3 KB in base64, for CI logs) and how to
# keep it as a regression (fuzz/regressions/<target>/, replayed by
# fuzz_replay_test in the normal suite). Exit status 1 if any target failed.
set -euo pipefail
cd "$(dirname "$0")/.."

FUZZ_SECONDS=${FUZZ_SECONDS:-35}
BUILD=${FUZZ_BUILD:-build-fuzz}
ALL=(html_reader raw_item text_meta input_reader dates text quantity timex extract
     feed feeds_file robots http_query)
TARGETS=("$@")
[ ${#TARGETS[@]} -eq 0 ] && TARGETS=("${ALL[@]}")

cmake -S . -B "$BUILD" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVIGIL_FUZZ=ON -DVIGIL_BUILD_TESTS=OFF \
  -DVIGIL_BUILD_BENCH=OFF -DVIGIL_WERROR="${WERROR:-OFF}" >/dev/null
bins=()
for t in "${TARGETS[@]}"; do bins+=("${t}_fuzz"); done
cmake --build "$BUILD" -j "$(nproc)" --target vigil_res "${bins[@]}"

# Per-target settings: the longest input worth trying and a dictionary.
max_len() {
  case $1 in
    html_reader|raw_item|input_reader|feed) echo 65536 ;;
    dates) echo 256 ;;
    http_query) echo 4096 ;;
    *) echo 8192 ;;
  esac
}
dict() {
  case $1 in
    html_reader) echo fuzz/dict/html.dict ;;
    raw_item|input_reader) echo fuzz/dict/json.dict ;;
    feed) echo fuzz/dict/feed.dict ;;
    feeds_file) echo fuzz/dict/feeds_file.dict ;;
    robots) echo fuzz/dict/robots.dict ;;
    http_query) echo fuzz/dict/http_query.dict ;;
    *) echo fuzz/dict/text.dict ;;
  esac
}

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}:abort_on_error=1
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1}:halt_on_error=1
failed=0
summary=()
for t in "${TARGETS[@]}"; do
  work="$BUILD/fuzz-work/$t"
  mkdir -p "$work/corpus" "$work/artifacts"
  log="$work/last.log"
  echo "fuzz: $t for ${FUZZ_SECONDS}s" >&2
  set +e
  "$BUILD/${t}_fuzz" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 \
    -max_len="$(max_len "$t")" -dict="$(dict "$t")" -print_final_stats=1 \
    -artifact_prefix="$work/artifacts/" "$work/corpus" "fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  corpus=$(ls "$work/corpus" | wc -l)
  if [ "$rc" -eq 0 ]; then
    summary+=("$t: ok, ${execs:-?} executions, $corpus inputs in the work corpus")
  else
    failed=1
    artifact=$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
    # The cause goes into the summary too: CI logs often keep only their tail.
    cause=$(grep -E "ERROR: |SUMMARY: |fuzz check failed|runtime error" "$log" | head -3 | tr '\n' ' ' || true)
    summary+=("$t: FAILED (exit $rc) after ${execs:-?} executions; input: ${artifact:-see $log}; ${cause}")
    [ -n "$artifact" ] && summary+=("  bytes: $(head -c 3072 "$artifact" | base64 -w0)")
    [ -n "$artifact" ] && echo "  keep it: mkdir -p fuzz/regressions/$t && cp $artifact fuzz/regressions/$t/" >&2
  fi
done
printf '%s\n' "${summary[@]}"
exit $failed
