#!/usr/bin/env bash
# The end-to-end benchmark behind `make bench` (docs/PERFORMANCE.md).
#
#   bench/run_bench.sh [BUILD_DIR]        (default: build)
#
# 1. Installs the peer libraries (bench/setup_peers.sh).
# 2. Generates the corpora with bench/gen_corpus.py (cached in bench/out/
#    and regenerated when the generator, the size or the seed changes).
# 3. Runs micro_bench (per-stage MB/s, one core) on the smallest corpus.
# 4. For every size: `vigil ingest --threads 1` and `--threads 2` into a
#    fresh database, wall and CPU time and peak RSS from /usr/bin/time.
# 5. On one JSONL text file (the first BENCH_PEER_DOCS documents of the
#    smallest corpus): `vigil extract --stdin-jsonl` and the peers, in
#    interleaved rounds so that machine noise hits all of them alike.
# 6. bench/summarize.py prints the tables and ratios, checks the targets
#    and writes bench/out/results.json.
# Every measurement runs BENCH_REPEAT times; medians are reported.
#
# Environment:
#   BENCH_SIZES       corpus sizes in documents (default "1000 10000 100000")
#   BENCH_REPEAT      runs per measurement (default 3)
#   BENCH_SEED        corpus seed (default 1)
#   BENCH_BUDGET      seconds from the start of the run by which the ingest
#                     runs must end (default 720: with generation, micro
#                     benchmarks and peers about 15 minutes in all); a size
#                     whose estimated cost (scaled from the previous size)
#                     does not fit gets fewer runs, or is skipped and
#                     reported so; 0 = no limit
#   BENCH_PEER_DOCS   documents in the extraction/peer comparison (default 1000)
#   BENCH_SLOW_PEER_DOCS  documents for compromise's tagger (default 200)
#   BENCH_PEERS=0     skip the peers
#   BENCH_OUT         output directory (default bench/out)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${1:-${BUILD:-build}}"
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
VIGIL="$BUILD/vigil"
MICRO="$BUILD/bench/micro_bench"
OUT="${BENCH_OUT:-$ROOT/bench/out}"
SIZES="${BENCH_SIZES:-1000 10000 100000}"
REPEAT="${BENCH_REPEAT:-3}"
SEED="${BENCH_SEED:-1}"
BUDGET="${BENCH_BUDGET:-720}"
PEER_DOCS="${BENCH_PEER_DOCS:-1000}"
SLOW_PEER_DOCS="${BENCH_SLOW_PEER_DOCS:-200}"
PEERS="${BENCH_PEERS:-1}"
TIME=/usr/bin/time

for tool in "$VIGIL" "$MICRO" "$TIME"; do
  [ -x "$tool" ] || { echo "run_bench: $tool is missing (build first: make build)" >&2; exit 2; }
done
mkdir -p "$OUT"
RAW="$OUT/raw.jsonl"     # one JSON object per measurement
: > "$RAW"
log() { echo "bench: $*" >&2; }
bench_start=$(date +%s)
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# --- 1. peers ---------------------------------------------------------------
peers_ok=0
if [ "$PEERS" = 1 ]; then
  if "$ROOT/bench/setup_peers.sh"; then peers_ok=1; else log "peers unavailable; continuing without them"; fi
fi

# --- 2. corpora -------------------------------------------------------------
gen_hash=$(sha256sum "$ROOT/bench/gen_corpus.py" | cut -c1-16)
sorted_sizes=$(printf '%s\n' $SIZES | sort -n | uniq | tr '\n' ' ')
smallest=$(printf '%s\n' $sorted_sizes | head -1)
for n in $sorted_sizes; do
  dir="$OUT/corpus-$n"
  key="$gen_hash seed=$SEED docs=$n"
  if [ -f "$dir.key" ] && [ "$(cat "$dir.key")" = "$key" ] && [ -f "$dir.json" ]; then
    log "corpus $n: cached ($dir)"
    continue
  fi
  log "corpus $n: generating"
  rm -rf "$dir" "$dir.key" "$dir.json" "$dir.text.jsonl"
  python3 "$ROOT/bench/gen_corpus.py" --docs "$n" --seed "$SEED" --out "$dir" \
    --text-jsonl "$dir.text.jsonl" > "$dir.json"
  echo "$key" > "$dir.key"
done

# --- 3. micro benchmarks ----------------------------------------------------
log "micro_bench on corpus $smallest"
VIGIL_RESOURCES="${VIGIL_RESOURCES:-$BUILD/vigil.res}" VIGIL_BENCH_CORPUS="$OUT/corpus-$smallest" \
  "$MICRO" --benchmark_repetitions="$REPEAT" --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.5 --benchmark_format=json --benchmark_out="$OUT/micro.json" \
  --benchmark_out_format=json > /dev/null

# The comparison input: the first PEER_DOCS documents of the smallest corpus.
PEER_INPUT="$OUT/peer-input.jsonl"
head -n "$PEER_DOCS" "$OUT/corpus-$smallest.text.jsonl" > "$PEER_INPUT"
# Tokenize+split and annotate+extract on exactly that text.
VIGIL_RESOURCES="${VIGIL_RESOURCES:-$BUILD/vigil.res}" VIGIL_BENCH_CORPUS="$PEER_INPUT" \
  "$MICRO" --benchmark_filter='BM_Annotate$|BM_AnnotateExtract$' \
  --benchmark_repetitions="$REPEAT" --benchmark_report_aggregates_only=true \
  --benchmark_min_time=0.5 --benchmark_format=json --benchmark_out="$OUT/micro-peer-input.json" \
  --benchmark_out_format=json > /dev/null

# --- 4. ingest --------------------------------------------------------------
# Runs one ingest and appends its measurement to $RAW.
ingest_once() {  # size threads run
  local n=$1 t=$2 run=$3 db="$OUT/ingest.db"
  rm -f "$db" "$db-wal" "$db-shm"
  local rc=0
  "$TIME" -f '%e %U %S %M' -o "$OUT/time.txt" \
    "$VIGIL" ingest --db "$db" --threads "$t" --quiet --json "$OUT/corpus-$n" > "$OUT/ingest.json" || rc=$?
  # 1: some input was skipped (counted in the summary); 2: fatal.
  if [ "$rc" -gt 1 ]; then echo "run_bench: vigil ingest failed (exit $rc)" >&2; exit 2; fi
  read -r wall user sys rss < <(tail -1 "$OUT/time.txt")
  local db_bytes
  db_bytes=$(stat -c %s "$db")
  rm -f "$db" "$db-wal" "$db-shm"
  printf '{"what":"ingest","docs":%s,"threads":%s,"run":%s,"wall":%s,"user":%s,"sys":%s,"max_rss_kb":%s,"db_bytes":%s,"summary":%s}\n' \
    "$n" "$t" "$run" "$wall" "$user" "$sys" "$rss" "$db_bytes" "$(cat "$OUT/ingest.json")" >> "$RAW"
  echo "$wall"
}

prev_n=0 prev_cost=0
for n in $sorted_sizes; do
  runs=$REPEAT
  if [ "$BUDGET" != 0 ] && [ "$prev_n" != 0 ]; then
    spent=$(( $(date +%s) - bench_start ))
    # Cost of one (threads 1 + threads 2) pair, scaled linearly from the
    # previous size, plus 10%.
    est=$(python3 -c "print(int($prev_cost * $n / $prev_n * 1.1) + 1)")
    left=$(( BUDGET - spent ))
    fit=$(( left / est ))
    if [ "$fit" -lt 1 ]; then
      log "ingest $n: skipped: one run pair would take about ${est}s, ${left}s of BENCH_BUDGET=${BUDGET}s left"
      printf '{"what":"ingest_skipped","docs":%s,"estimated_seconds":%s,"budget_left":%s}\n' "$n" "$est" "$left" >> "$RAW"
      continue
    fi
    if [ "$fit" -lt "$runs" ]; then
      log "ingest $n: $fit run(s) instead of $runs to stay within BENCH_BUDGET=${BUDGET}s"
      runs=$fit
    fi
  fi
  pair_costs=()
  for ((r = 1; r <= runs; r++)); do
    w1=$(ingest_once "$n" 1 "$r")
    w2=$(ingest_once "$n" 2 "$r")
    log "ingest $n docs, run $r/$runs: ${w1}s on 1 thread, ${w2}s on 2 threads"
    pair_costs+=("$(python3 -c "print($w1 + $w2)")")
  done
  prev_n=$n
  prev_cost=$(printf '%s\n' "${pair_costs[@]}" | sort -g | head -1)
done

# --- 5. extraction filter and peers, interleaved ---------------------------
MODES=(wink-tokenize wink-sbd wink-pos-ner compromise-tokenize compromise-tag)
for ((r = 1; r <= REPEAT; r++)); do
  rc=0
  "$TIME" -f '%e %U %S %M' -o "$OUT/time.txt" \
    "$VIGIL" extract --stdin-jsonl < "$PEER_INPUT" > "$OUT/mentions.jsonl" || rc=$?
  if [ "$rc" -gt 1 ]; then echo "run_bench: vigil extract failed (exit $rc)" >&2; exit 2; fi
  read -r wall user sys rss < <(tail -1 "$OUT/time.txt")
  out_bytes=$(stat -c %s "$OUT/mentions.jsonl")
  printf '{"what":"extract_filter","run":%s,"wall":%s,"user":%s,"sys":%s,"max_rss_kb":%s,"output_bytes":%s}\n' \
    "$r" "$wall" "$user" "$sys" "$rss" "$out_bytes" >> "$RAW"
  log "extract --stdin-jsonl, run $r/$REPEAT: ${wall}s"
  if [ "$peers_ok" = 1 ]; then
    for mode in "${MODES[@]}"; do
      max=$PEER_DOCS
      [ "$mode" = compromise-tag ] && max=$SLOW_PEER_DOCS
      if ! res=$(node "$ROOT/bench/peers/peer_bench.js" "$PEER_INPUT" "$mode" 3 "$max"); then
        log "peer $mode failed; left out"
        continue
      fi
      printf '{"what":"peer","run":%s,"result":%s}\n' "$r" "$res" >> "$RAW"
      log "peer $mode, run $r/$REPEAT: $(python3 -c "import json,sys; print('%.2f MB/s' % json.loads(sys.argv[1])['mb_per_s'])" "$res")"
    done
  fi
done
rm -f "$OUT/mentions.jsonl" "$OUT/ingest.json" "$OUT/time.txt"

# --- 6. summary -------------------------------------------------------------
python3 "$ROOT/bench/summarize.py" --out "$OUT" --vigil "$VIGIL" --sizes "$sorted_sizes" \
  --repeat "$REPEAT" --seconds "$(( $(date +%s) - bench_start ))" \
  --load-start "$load_start" --load-end "$(cut -d' ' -f1-3 /proc/loadavg)"
